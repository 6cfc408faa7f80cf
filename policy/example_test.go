package policy_test

import (
	"errors"
	"fmt"

	"github.com/iamgo/iam/policy"
)

func ExampleParse() {
	doc := []byte(`{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": "arn:aws:s3:::example-bucket/*"
  }
}`)
	p, err := policy.Parse(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := p.Statements[0]
	fmt.Println(p.Version, s.Effect, len(s.Action.Values), s.Resource.Values[0].Value)
	fmt.Println("written as one object:", p.SingleStatement)
	fmt.Println("resource at", p.Position(s.Resource.Span.Offset))
	// Output:
	// 2012-10-17 Allow 2 arn:aws:s3:::example-bucket/*
	// written as one object: true
	// resource at {6 17}
}

func ExampleParse_errors() {
	doc := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "allow",
    "Action": "s3:GetObject",
    "Resource": "example-bucket/*"
  }]
}`)
	_, err := policy.Parse(doc)
	var list policy.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e.Code, e)
		}
	}
	// Output:
	// effect policy: 4:15: Statement[0].Effect: expected "Allow" or "Deny" (case-sensitive), got "allow" (G1.6)
	// resource policy: 6:17: Statement[0].Resource: expected "*" or an ARN (arn:partition:service:region:account:resource), got "example-bucket/*" (G1.8)
}

func ExampleOptions_Parse() {
	doc := []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}}`)
	// As a role trust policy, the missing Principal is an error (G1.9); KindAny would accept it.
	_, err := policy.Options{Name: "trust.json", Kind: policy.KindTrust}.Parse(doc)
	fmt.Println(err)
	// Output:
	// trust.json:1:40: Statement: missing required element "Principal" in a trust policy (G1.9)
}

func ExamplePolicy_Check() {
	doc := []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}}`)
	p, err := policy.Parse(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range p.Check(policy.KindIdentity) {
		fmt.Println(e.Severity, e.Path, e.Msg)
	}
	// Output:
	// warning Statement.Action empty Action array matches nothing (G1.16)
}

func ExampleMarshal() {
	p, _ := policy.Parse([]byte(`{"Statement":[{"Resource":"*","Action":"s3:*","Effect":"Deny","Condition":{"Bool":{"aws:SecureTransport":false}}}],"Version":"2012-10-17"}`))
	out, _ := policy.Marshal(p)
	fmt.Print(string(out))
	// Output:
	// {
	//   "Version": "2012-10-17",
	//   "Statement": [
	//     {
	//       "Effect": "Deny",
	//       "Action": "s3:*",
	//       "Resource": "*",
	//       "Condition": {
	//         "Bool": {
	//           "aws:SecureTransport": false
	//         }
	//       }
	//     }
	//   ]
	// }
}
