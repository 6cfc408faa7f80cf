package compare_test

import (
	"fmt"

	"github.com/iamgo/iam/compare"
	"github.com/iamgo/iam/policy"
)

func ExampleNoNewAccess() {
	old, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`))
	new, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*"}]}`))
	r, err := compare.NoNewAccess(old, new)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Verdict)
	w := r.Witnesses[0]
	fmt.Println(w.Request.Action, w.Request.Resource, w.New, w.Old)
	// Output:
	// FAIL
	// s3:GetObject arn:aws:s3:::example Allow ImplicitDeny
}

func ExampleAccessNotGranted() {
	p, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::reports/*"}]}`))
	r, _ := compare.AccessNotGranted(p, []string{"s3:PutObject", "s3:DeleteObject"}, nil)
	fmt.Println(r.Verdict)
	// Output: PASS
}

func ExampleNoPublicAccess() {
	p, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
		 "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}`))
	r, _ := compare.NoPublicAccess(p, "AWS::S3::Bucket")
	fmt.Println(r.Verdict)
	// Output: PASS
}

func ExampleEquivalent() {
	a, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}`))
	b, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
		{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`))
	r, _ := compare.Equivalent(a, b)
	fmt.Println(r.Verdict)
	// Output: PASS
}
