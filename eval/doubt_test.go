package eval_test

import (
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// TestDoubtfulResourceVariable: a policy variable in Resource whose key holds several values (or
// none, or is marked multivalued) has no certain value: the entry is uncertain, so a Deny
// applies and an Allow does not (C5.0, V6.1); an absent key without default matches nothing
// (R3.7, V6.5).
func TestDoubtfulResourceVariable(t *testing.T) {
	id := mustParse(t, "id.json", `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
  {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:PrincipalTag/team}/*"}]}`)
	allowOnly := mustParse(t, "allow.json", `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:PrincipalTag/team}/*"}]}`)
	deny, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{id}})
	allow, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{allowOnly}})
	req := func(vals []string, multi bool) eval.Request {
		r := eval.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/red/k", ResourceAccount: "111122223333"}
		if vals != nil {
			r.Context = []condition.Entry{{Key: "aws:PrincipalTag/team", Values: vals, Multi: multi}}
		}
		return r
	}
	for _, tc := range []struct {
		name       string
		req        eval.Request
		deny, allw eval.Decision
	}{
		{"V6.5 one value, matching", req([]string{"red"}, false), eval.ExplicitDeny, eval.Allow},
		{"V6.5 one value, other", req([]string{"blue"}, false), eval.Allow, eval.ImplicitDeny},
		{"R3.7 V6.5 absent: matches nothing", req(nil, false), eval.Allow, eval.ImplicitDeny},
		{"C5.0 V6.1 two values: uncertain", req([]string{"red", "blue"}, false), eval.ExplicitDeny, eval.ImplicitDeny},
		{"C5.0 V6.1 two values, neither matching: still uncertain", req([]string{"green", "blue"}, false), eval.ExplicitDeny, eval.ImplicitDeny},
		{"C5.0 no values: uncertain", req([]string{}, false), eval.ExplicitDeny, eval.ImplicitDeny},
		{"C5.0 V6.1 marked multivalued: uncertain", req([]string{"red"}, true), eval.ExplicitDeny, eval.ImplicitDeny},
	} {
		if got := deny.Decide(tc.req); got != tc.deny {
			t.Errorf("%s: with the Deny %v, want %v", tc.name, got, tc.deny)
		}
		if got := allow.Decide(tc.req); got != tc.allw {
			t.Errorf("%s: Allow only %v, want %v", tc.name, got, tc.allw)
		}
	}
}

// TestNotPrincipalStarWithBoundary: a NotPrincipal+Deny statement always denies IAM users and
// roles that have a permissions boundary, whatever it lists, "*" and {"AWS": "*"} included
// (P4.15, NEWER).
func TestNotPrincipalStarWithBoundary(t *testing.T) {
	for _, np := range []string{`"*"`, `{"AWS": "*"}`} {
		bucket := mustParse(t, "bucket.json", `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Deny", "NotPrincipal": `+np+`, "Action": "s3:GetObject", "Resource": "*"}]}`)
		id := mustParse(t, "id.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
		r := eval.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333"}
		plain, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{id}, Resource: bucket})
		bounded, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{id}, Resource: bucket, Boundary: []*policy.Policy{id}})
		if got := plain.Decide(r); got != eval.Allow {
			t.Errorf("NotPrincipal %s without a boundary: %v, want Allow (everyone is listed)", np, got)
		}
		if got := bounded.Decide(r); got != eval.ExplicitDeny {
			t.Errorf("NotPrincipal %s with a boundary: %v, want ExplicitDeny (P4.15)", np, got)
		}
	}
}
