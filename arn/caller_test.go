package arn

import (
	"fmt"
	"testing"
)

func TestParsePrincipal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Principal
		err  bool
		why  string
	}{
		{in: Root("111122223333"), want: Principal{Kind: PrincipalRoot, Partition: "aws", Account: "111122223333"}, why: "S9.2 root"},
		{in: User("111122223333", "", "alice"), want: Principal{Kind: PrincipalUser, Partition: "aws", Account: "111122223333", Path: "/", Name: "alice"}, why: "P4.2 user without a path"},
		{in: User("111122223333", "division/team", "bob"), want: Principal{Kind: PrincipalUser, Partition: "aws", Account: "111122223333", Path: "/division/team/", Name: "bob"}, why: "P4.2 user with a path"},
		{in: Role("444455556666", "/svc/", "app"), want: Principal{Kind: PrincipalRole, Partition: "aws", Account: "444455556666", Path: "/svc/", Name: "app"}, why: "P4.3 role with a path"},
		{in: AssumedRole("444455556666", "app", "job-1"), want: Principal{Kind: PrincipalAssumedRole, Partition: "aws", Account: "444455556666", Name: "app", Session: "job-1"}, why: "S9.3 session"},
		{in: FederatedUser("111122223333", "carol"), want: Principal{Kind: PrincipalFederatedUser, Partition: "aws", Account: "111122223333", Name: "carol"}, why: "P4.5 federated user"},
		{in: "s3.amazonaws.com", want: Principal{Kind: PrincipalService, Name: "s3.amazonaws.com"}, why: "P4.6 service"},
		{in: Federated("cognito-identity.amazonaws.com"), want: Principal{Kind: PrincipalFederated, Name: "cognito-identity.amazonaws.com"}, why: "P4.7 identity provider"},
		{in: Anonymous, want: Principal{Kind: PrincipalAnonymous}, why: "P4.9 anonymous"},
		{in: "arn:aws-cn:iam::111122223333:user/x", want: Principal{Kind: PrincipalUser, Partition: "aws-cn", Account: "111122223333", Path: "/", Name: "x"}, why: "R3.1 other partition"},
		{in: "arn:aws:s3:::bucket", err: true, why: "not a principal"},
		{in: "arn:aws:iam:us-east-1:111122223333:user/x", err: true, why: "R3.9 IAM has no region"},
		{in: "federated:", err: true, why: "no provider"},
		{in: "*", err: true, why: "a wildcard is no caller"},
		{in: "", err: true, why: "empty"},
	} {
		got, err := ParsePrincipal(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("%s: ParsePrincipal(%q) = %+v, want an error", tc.why, tc.in, got)
			}
			continue
		}
		got.ARN = ARN{}
		if err != nil || got != tc.want {
			t.Errorf("%s: ParsePrincipal(%q) = %+v, %v; want %+v", tc.why, tc.in, got, err, tc.want)
		}
		if p, _ := ParsePrincipal(tc.in); p.String() != tc.in {
			t.Errorf("%s: String() = %q, want %q", tc.why, p.String(), tc.in)
		}
	}
}

func ExampleParsePrincipal() {
	p, _ := ParsePrincipal(AssumedRole("111122223333", "deploy", "ci-42"))
	fmt.Println(p.Kind, p.Account, p.Name, p.Session)
	p, _ = ParsePrincipal(Role("111122223333", "/service/", "deploy"))
	fmt.Println(p.Kind, p.Path, p.Name)
	// Output:
	// assumed-role 111122223333 deploy ci-42
	// role /service/ deploy
}
