package lint_test

import (
	"fmt"

	"github.com/iamgo/iam/lint"
	"github.com/iamgo/iam/policy"
)

func ExampleLint() {
	doc := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["s3:GetObjct", "s3:GetObject"],
    "Resource": "arn:aws:s3:::example-bucket",
    "Condition": {"NumericLessThan": {"aws:SourceIp": "10"}}
  }]
}`)
	for _, f := range lint.Lint(doc) {
		fmt.Println(f.Line, f.Col, f.Severity, f.Code, f.Path)
	}
	// Output:
	// 5 16 ERROR INVALID_ACTION Statement[0].Action[0]
	// 6 17 WARNING RESOURCE_TYPE_MISMATCH Statement[0].Resource
	// 7 39 WARNING TYPE_MISMATCH Statement[0].Condition.NumericLessThan.aws:SourceIp
}

func ExampleOptions_Lint() {
	bucketPolicy := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::example-bucket/*",
    "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}
  }]
}`)
	findings := lint.Options{Kind: policy.KindResource}.Lint(bucketPolicy)
	for _, f := range findings {
		fmt.Println(f)
	}
	fmt.Println(lint.HasErrors(findings))
	// Output:
	// 8:49: Statement[0].Condition.IpAddress.aws:SourceIp: ERROR PRIVATE_IP_ADDRESS: aws:SourceIp holds only public addresses, and these values are all private: the condition never matches; use aws:VpcSourceIp
	// true
}
