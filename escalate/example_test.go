package escalate_test

import (
	"fmt"
	"time"

	"github.com/iamgo/iam/account"
	"github.com/iamgo/iam/escalate"
)

// A user that may pass any role to Lambda, create and invoke functions, in an account with an
// administrator role that Lambda may assume.
const exampleExport = `{
  "UserDetailList": [{"UserName": "dev", "UserId": "AIDADEV", "Path": "/", "CreateDate": "2024-01-01T00:00:00Z",
    "Arn": "arn:aws:iam::111111111111:user/dev", "GroupList": [], "AttachedManagedPolicies": [],
    "UserPolicyList": [{"PolicyName": "deploy", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]}}]}],
  "GroupDetailList": [],
  "RoleDetailList": [{"RoleName": "ops", "RoleId": "AROAOPS", "Path": "/", "CreateDate": "2024-01-01T00:00:00Z",
    "Arn": "arn:aws:iam::111111111111:role/ops", "InstanceProfileList": [], "RolePolicyList": [],
    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
    "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}],
  "Policies": [{"PolicyName": "AdministratorAccess", "PolicyId": "ANPAADMIN", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
    "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": true,
    "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
    "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z",
      "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}]
}`

func ExampleAnalyze() {
	m, err := account.Load(account.Input{Exports: []account.File{{Name: "export.json", Data: []byte(exampleExport)}}})
	if err != nil {
		panic(err)
	}
	res, err := escalate.Analyze(m, escalate.Options{Now: func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		panic(err)
	}
	for _, a := range res.Admins {
		fmt.Println("admin-equivalent:", a.Principal)
	}
	for _, p := range res.Paths {
		fmt.Println(p.String())
		for _, s := range p.Edges[0].Steps {
			fmt.Printf("  %s %s %s %s\n", s.Caller, s.Action, s.Resource, s.Status)
		}
	}
	// Output:
	// admin-equivalent: arn:aws:iam::111111111111:role/ops
	// arn:aws:iam::111111111111:user/dev [user] certain: lambda-001(ops) -> arn:aws:iam::111111111111:role/ops (admin-equivalent)
	//   arn:aws:iam::111111111111:user/dev iam:PassRole arn:aws:iam::111111111111:role/ops certain
	//   arn:aws:iam::111111111111:user/dev lambda:CreateFunction arn:aws:lambda:us-east-1:111111111111:function:escalate-probe certain
	//   arn:aws:iam::111111111111:user/dev lambda:InvokeFunction arn:aws:lambda:us-east-1:111111111111:function:escalate-probe certain
	//   lambda.amazonaws.com sts:AssumeRole arn:aws:iam::111111111111:role/ops certain
}

func ExampleTechniques() {
	for _, tq := range escalate.Techniques() {
		if tq.ID == "lambda-003" {
			fmt.Println(tq.ID, tq.Category, tq.Permissions, tq.Trusts)
		}
	}
	// Output:
	// lambda-003 existing-passrole [lambda:UpdateFunctionCode] [lambda.amazonaws.com]
}
