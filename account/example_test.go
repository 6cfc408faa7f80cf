package account_test

import (
	"fmt"

	"github.com/iamgo/iam/account"
)

// export is a small get-account-authorization-details output: alice is in the readers group,
// and the deploy role trusts her.
const export = `{
  "UserDetailList": [
    {"Path": "/", "UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::111122223333:user/alice",
     "CreateDate": "2024-05-01 09:00:00+00:00", "GroupList": ["readers"], "AttachedManagedPolicies": [], "Tags": []}
  ],
  "GroupDetailList": [
    {"Path": "/", "GroupName": "readers", "GroupId": "AGPAREADERS", "Arn": "arn:aws:iam::111122223333:group/readers",
     "CreateDate": "2024-05-01T09:00:00Z", "GroupPolicyList": [],
     "AttachedManagedPolicies": [{"PolicyName": "ReadSecrets", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadSecrets"}]}
  ],
  "RoleDetailList": [
    {"Path": "/", "RoleName": "deploy", "RoleId": "AROADEPLOY", "Arn": "arn:aws:iam::111122223333:role/deploy",
     "CreateDate": "2024-05-01T09:00:00Z",
     "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A111122223333%3Auser%2Falice%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D",
     "RolePolicyList": [{"PolicyName": "deploy", "PolicyDocument": {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "*"}]}}],
     "AttachedManagedPolicies": [], "Tags": []}
  ],
  "Policies": [
    {"PolicyName": "ReadSecrets", "Arn": "arn:aws:iam::111122223333:policy/ReadSecrets", "DefaultVersionId": "v1",
     "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
       "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}}]}
  ]
}`

func load() *account.Model {
	m, err := account.Load(account.Input{Exports: []account.File{{Name: "export.json", Data: []byte(export)}}})
	if err != nil {
		panic(err)
	}
	return m
}

func ExampleModel_Can() {
	m := load()
	a, err := m.Can(account.Request{
		Principal: "arn:aws:iam::111122223333:user/alice",
		Action:    "secretsmanager:GetSecretValue",
		Resource:  "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Decision)
	for _, m := range a.Explanation.Matched {
		fmt.Println(m.Effect, m.PolicyName, m.Path)
	}
	// Output:
	// Allow
	// Allow arn:aws:iam::111122223333:policy/ReadSecrets Statement[0]
}

func ExampleModel_WhoCan() {
	m := load()
	res, err := m.WhoCan(account.WhoCanRequest{Action: "secretsmanager:GetSecretValue", Resource: "*"})
	if err != nil {
		panic(err)
	}
	for _, g := range res.Allowed {
		fmt.Println(g.Kind, g.Principal)
	}
	// Output:
	// user arn:aws:iam::111122223333:user/alice
}

func ExampleModel_WhoCanBecome() {
	m := load()
	res, err := m.WhoCanBecome(account.BecomeRequest{Role: "arn:aws:iam::111122223333:role/deploy"})
	if err != nil {
		panic(err)
	}
	for _, c := range res.Chains {
		fmt.Println(c.Principal, len(c.Steps), "step")
	}
	fmt.Println(res.Adds["arn:aws:iam::111122223333:role/deploy"])
	// Output:
	// arn:aws:iam::111122223333:user/alice 1 step
	// [arn:aws:iam::111122223333:role/deploy/deploy]
}

func ExampleModel_WhatCan() {
	m := load()
	res, err := m.WhatCan(account.WhatCanRequest{Principal: "arn:aws:sts::111122223333:assumed-role/deploy/ci"})
	if err != nil {
		panic(err)
	}
	for _, a := range res.Allowed {
		fmt.Println(a.Service, a.Action)
	}
	// Output:
	// lambda lambda:UpdateFunctionCode
}
