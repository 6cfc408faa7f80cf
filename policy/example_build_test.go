package policy_test

import (
	"errors"
	"fmt"

	"github.com/iamgo/iam/policy"
)

func ExampleNewPolicy() {
	p := policy.NewPolicy(
		policy.NewStatement(policy.Allow, "s3:GetObject", "s3:ListBucket").
			WithSid("ReadReports").
			WithResources("arn:aws:s3:::reports", "arn:aws:s3:::reports/*").
			WithConditions(policy.MustNewCondition("Bool", "aws:SecureTransport", "true")),
	)
	if err := p.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := policy.Marshal(p)
	fmt.Print(string(out))
	// Output:
	// {
	//   "Version": "2012-10-17",
	//   "Statement": [
	//     {
	//       "Sid": "ReadReports",
	//       "Effect": "Allow",
	//       "Action": [
	//         "s3:GetObject",
	//         "s3:ListBucket"
	//       ],
	//       "Resource": [
	//         "arn:aws:s3:::reports",
	//         "arn:aws:s3:::reports/*"
	//       ],
	//       "Condition": {
	//         "Bool": {
	//           "aws:SecureTransport": "true"
	//         }
	//       }
	//     }
	//   ]
	// }
}

func ExampleNewStatement() {
	s := policy.NewStatement(policy.Deny).
		WithNotActions("iam:*", "sts:*").
		WithResources("*")
	fmt.Println(s.Effect, s.Action == nil, s.NotAction.Values[1].Value, s.Resource.Array)
	// Output:
	// Deny true sts:* false
}

func ExampleNewStrings() {
	one, two := policy.NewStrings("s3:GetObject"), policy.NewStrings("s3:GetObject", "s3:PutObject")
	fmt.Println(one.Array, two.Array)
	// Output:
	// false true
}

func ExampleNewCondition() {
	c, err := policy.NewCondition("ForAnyValue:StringLike", "aws:TagKeys", "team*", "cost-center")
	fmt.Println(c.Op, c.Key.Value, len(c.Values), err)
	_, err = policy.NewCondition("NumericLessThan", "s3:max-keys", "ten")
	fmt.Println(err != nil)
	_, err = policy.NewCondition("StringEqualz", "aws:username", "alice")
	fmt.Println(err != nil)
	// Output:
	// ForAnyValue:StringLike aws:TagKeys 2 <nil>
	// true
	// true
}

func ExampleNewPrincipal() {
	p := policy.NewPrincipal(policy.PrincipalAWS, "111122223333").
		With(policy.PrincipalService, "ec2.amazonaws.com")
	for typ, v := range p.All() {
		fmt.Println(typ, v.Value)
	}
	fmt.Println(policy.AnyPrincipal().Wildcard)
	// Output:
	// AWS 111122223333
	// Service ec2.amazonaws.com
	// true
}

func ExamplePolicy_Validate() {
	p, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`))
	// Edits are not checked as they are made: Validate runs every rule of Parse on the tree.
	p.Statements[0].Action = policy.NewStrings("s3GetObject")
	p.Statements[0].Effect = policy.EffectInvalid
	var list policy.ErrorList
	if errors.As(p.Validate(), &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	// Output:
	// policy: Statement.Action: expected "*" or "service:action" with exactly one colon, got "s3GetObject" (G1.7)
	// policy: 1:51: Statement.Effect: expected Effect Allow or Deny, got Invalid (G1.6)
}

func ExampleOptions_Validate() {
	p := policy.NewPolicy(policy.NewStatement(policy.Allow, "s3:GetObject").WithSid("read-1"))
	err := policy.Options{Name: "reader.json", Kind: policy.KindIdentity}.Validate(p)
	var list policy.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	// Output:
	// reader.json: Statement[0].Sid: Sid "read-1" must contain only A-Z, a-z and 0-9 (G1.5)
	// reader.json: Statement[0]: missing required element "Resource" or "NotResource": identity policies need one (G1.8)
}

func ExampleOptions_Parse_warnings() {
	doc := []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*:*", "Resource": "*"}}`)
	p, err := policy.Options{Name: "legacy.json", Lenient: true}.Parse(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range p.Warnings {
		fmt.Println(w)
	}
	// Output:
	// legacy.json:1:70: Statement.Action: warning: wildcard in the service prefix of action "*:*"; only the action name may contain wildcards (A2.4)
}

func ExamplePolicy_AppendStatement() {
	p, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`))
	fmt.Println(p.Statements[0].Path(p))
	p.AppendStatement(policy.NewStatement(policy.Deny, "s3:DeleteObject").WithSid("Read").WithResources("*"))
	fmt.Println(p.SingleStatement, p.Statements[0].Path(p), p.Statements[1].Path(p))
	fmt.Println(p.Check(policy.KindIdentity)[0])
	// Output:
	// Statement
	// false Statement[0] Statement[1]
	// policy: Statement[1].Sid: Sid "Read" is already used by Statement[0]; Sids must be unique within a policy (G1.5)
}

func ExamplePolicy_RemoveStatement() {
	p := policy.NewPolicy(
		policy.NewStatement(policy.Allow, "s3:GetObject").WithResources("*"),
		policy.NewStatement(policy.Allow, "s3:PutObject").WithResources("*"),
		policy.NewStatement(policy.Deny, "s3:DeleteObject").WithResources("*"),
	)
	p.RemoveStatement(0)
	for i, s := range p.All() {
		fmt.Println(i, s.Index, s.Path(p), s.Action.Values[0].Value)
	}
	// Output:
	// 0 0 Statement[0] s3:PutObject
	// 1 1 Statement[1] s3:DeleteObject
}

func ExampleValidAction() {
	for _, a := range []string{"s3:Get*", "*:*", "s3"} {
		fmt.Println(a, policy.ValidAction(a))
	}
	// Output:
	// s3:Get* <nil>
	// *:* policy: wildcard in the service prefix of action "*:*"; only the action name may contain wildcards (A2.4)
	// s3 policy: expected "*" or "service:action" with exactly one colon, got "s3" (G1.7)
}

func ExamplePolicy_All() {
	p := policy.NewPolicy(
		policy.NewStatement(policy.Allow, "s3:GetObject").WithResources("*"),
		policy.NewStatement(policy.Deny, "s3:DeleteObject").WithResources("*"),
	)
	for i, s := range p.All() {
		fmt.Println(i, s.Effect)
	}
	// Output:
	// 0 Allow
	// 1 Deny
}

func ExampleStrings_All() {
	var absent *policy.Strings // an element the statement does not have
	for range absent.All() {
		fmt.Println("never")
	}
	for i, v := range policy.NewStrings("s3:GetObject", "s3:PutObject").All() {
		fmt.Println(i, v.Value)
	}
	// Output:
	// 0 s3:GetObject
	// 1 s3:PutObject
}

func ExamplePrincipal_All() {
	p, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com", "AWS": ["111122223333"]}, "Action": "sts:AssumeRole"}}`))
	for typ, v := range p.Statements[0].Principal.All() {
		fmt.Println(typ, v.Value)
	}
	// Output:
	// AWS 111122223333
	// Service ec2.amazonaws.com
}

func ExampleInspect() {
	doc := []byte(`{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:PassRole"], "Resource": "*"}]}`)
	p, _ := policy.Parse(doc)
	policy.Inspect(p, func(path string, n policy.Node) bool {
		if s, ok := n.(*policy.String); ok && s.Value == "iam:PassRole" {
			fmt.Println(path, p.Position(n.Location().Offset))
		}
		return true
	})
	// Output:
	// Statement[0].Action[1] {2 63}
}

func ExampleStrings_MatchAction() {
	actions := policy.NewStrings("s3:Get*", "iam:Pass*")
	fmt.Println(actions.MatchAction("iam:PassRole"), actions.MatchAction("S3:GETOBJECT"), actions.MatchAction("s3:PutObject"))
	// Output:
	// true true false
}

func ExampleStrings_MatchResource() {
	res := policy.NewStrings("arn:aws:s3:::reports/*")
	fmt.Println(res.MatchResource("arn:aws:s3:::reports/2026/q4.csv"), res.MatchResource("arn:aws:s3:::secrets/key"))
	// Output:
	// true false
}

func ExamplePrincipal_Matches() {
	p := policy.NewPrincipal(policy.PrincipalAWS, "arn:aws:iam::111122223333:role/deploy")
	fmt.Println(p.Matches("arn:aws:sts::111122223333:assumed-role/deploy/build-42"))
	fmt.Println(p.Matches("arn:aws:iam::111122223333:user/alice"))
	fmt.Println(policy.NewPrincipal(policy.PrincipalAWS, "111122223333").Matches("arn:aws:iam::111122223333:user/alice"))
	// Output:
	// true
	// false
	// true
}

func ExamplePrincipal_IsPublic() {
	everyone := policy.AnyPrincipal()
	fmt.Println(everyone.IsPublic(nil))
	org := policy.MustNewCondition("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")
	fmt.Println(everyone.IsPublic([]policy.Condition{org}))
	// Output:
	// true
	// false
}

func ExampleMarshalOptions_Marshal() {
	doc := []byte(`{
    "Statement": [{
        "Action": "s3:DeleteObject", "Resource": "*",
        "Effect": "Allow"
    }],
    "Version": "2012-10-17"
}`)
	p, _ := policy.Parse(doc)
	p.Statements[0].Effect = policy.Deny
	out, _ := policy.MarshalOptions{KeepLayout: true}.Marshal(p)
	fmt.Println(string(out))
	// Output:
	// {
	//     "Statement": [{
	//         "Action": "s3:DeleteObject", "Resource": "*",
	//         "Effect": "Deny"
	//     }],
	//     "Version": "2012-10-17"
	// }
}

func ExampleMarshalStatement() {
	s := policy.NewStatement(policy.Deny, "s3:DeleteBucket").WithResources("*")
	out, _ := policy.MarshalStatement(&s)
	fmt.Println(string(out))
	// Output:
	// {
	//   "Effect": "Deny",
	//   "Action": "s3:DeleteBucket",
	//   "Resource": "*"
	// }
}

func ExampleMarshalConditions() {
	out, _ := policy.MarshalConditions(policy.MustNewCondition("IpAddress", "aws:SourceIp", "203.0.113.0/24"))
	fmt.Println(string(out))
	// Output:
	// {
	//   "IpAddress": {
	//     "aws:SourceIp": "203.0.113.0/24"
	//   }
	// }
}

func ExampleMustNewCondition() {
	c := policy.MustNewCondition("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")
	fmt.Println(c.Op, c.Key.Value, c.Values[0].Text)
	// Output:
	// StringEquals aws:PrincipalOrgID o-a1b2c3d4e5
}

func ExampleStatement_WithPrincipal() {
	trust := policy.NewStatement(policy.Allow, "sts:AssumeRole").
		WithPrincipal(policy.NewPrincipal(policy.PrincipalService, "lambda.amazonaws.com"))
	deny := policy.NewStatement(policy.Deny, "s3:*").
		WithNotPrincipal(policy.NewPrincipal(policy.PrincipalAWS, "arn:aws:iam::111122223333:role/admin")).
		WithNotResources("arn:aws:s3:::public/*")
	p := policy.NewPolicy(trust, deny)
	fmt.Println(policy.Options{Kind: policy.KindResource}.Validate(p))
	fmt.Println(p.Statements[0].Principal.Matches("lambda.amazonaws.com"), p.Statements[1].NotPrincipal.Matches("arn:aws:sts::111122223333:assumed-role/admin/s"))
	// Output:
	// <nil>
	// true true
}

func ExamplePrincipal_With() {
	p := policy.NewPrincipal(policy.PrincipalFederated, "accounts.google.com").
		With(policy.PrincipalAWS, "111122223333")
	fmt.Println(p.Federated.Values[0].Value, p.AWS.Values[0].Value, policy.PrincipalCanonicalUser)
	// Output:
	// accounts.google.com 111122223333 CanonicalUser
}
