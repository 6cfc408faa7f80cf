package eval_test

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// Cross-account access needs both sides (X8.1): the caller's identity policy and the bucket
// policy of the other account.
func ExampleCompile() {
	identity, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared-bucket/*"}]}`))
	bucketPolicy, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"},
   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared-bucket/*"}]}`))

	req := eval.Request{
		Principal:       "arn:aws:sts::111122223333:assumed-role/reader/job-42",
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::shared-bucket/data.csv",
		ResourceAccount: "444455556666", // the bucket is in another account
		Context:         []condition.Entry{{Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::111122223333:role/reader"}}},
	}
	both, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{identity}, Resource: bucketPolicy})
	onlyIdentity, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{identity}})
	fmt.Println(both.Decide(req), onlyIdentity.Decide(req))
	// Output: Allow ImplicitDeny
}

// A role's trust policy decides who may assume it (S9.1); the session's permissions are the
// role's, narrowed by the session policy passed to AssumeRole (S9.4).
func ExampleRole_AssumeRole() {
	trust, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole",
   "Condition": {"StringEquals": {"sts:ExternalId": "partner-7"}}}]}`))
	perms, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::exports/*"}]}`))
	readOnly, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`))
	callerPerms, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}`))

	role := eval.Role{ARN: "arn:aws:iam::111122223333:role/partner-export", Trust: trust, Identity: []*policy.Policy{perms}}

	// May a user of the partner account assume the role?
	gate, _ := eval.Compile(role.TrustSet(callerPerms))
	fmt.Println(gate.Decide(eval.Request{
		Principal: "arn:aws:iam::444455556666:user/ops", Action: "sts:AssumeRole", Resource: role.ARN,
		Context: []condition.Entry{{Key: "sts:ExternalId", Values: []string{"partner-7"}}},
	}))

	// What may the session do?
	s, _ := role.AssumeRole("nightly", readOnly)
	ev, _ := eval.Compile(s.Set)
	fmt.Println(s.Principal)
	fmt.Println(ev.Decide(s.Request("s3:GetObject", "arn:aws:s3:::exports/a.csv", "111122223333")))
	fmt.Println(ev.Decide(s.Request("s3:PutObject", "arn:aws:s3:::exports/a.csv", "111122223333")))
	// Output:
	// Allow
	// arn:aws:sts::111122223333:assumed-role/partner-export/nightly
	// Allow
	// ImplicitDeny
}

// On an implicit deny, Explain names the near misses: the Allow statements that matched the
// action but failed on the resource, the principal or a condition.
func ExampleEvaluator_Explain_nearMisses() {
	p, _ := policy.Options{Name: "alice.json"}.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Sid": "Reports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
  {"Sid": "FromOffice", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
   "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}`))
	ev, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	x := ev.Explain(eval.Request{
		Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject",
		Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111122223333",
		Context: []condition.Entry{{Key: "aws:SourceIp", Values: []string{"198.51.100.7"}}},
	})
	fmt.Println(x.Decision)
	for _, n := range x.NearMisses {
		fmt.Println(strings.TrimSpace(n.Sid + " failed on the " + n.Failed + " " + n.Detail))
	}
	// Output:
	// ImplicitDeny
	// Reports failed on the resource
	// FromOffice failed on the condition IpAddress aws:SourceIp
}

// A service that reloads its policies while serving keeps its Evaluator behind an
// atomic.Pointer: requests decide against whichever compiled set is current, and a reload swaps
// in a new one without a lock (Evaluators are immutable and safe for concurrent use).
func ExampleEvaluator_hotReload() {
	var current atomic.Pointer[eval.Evaluator]
	load := func(doc string) error {
		p, err := policy.Parse([]byte(doc))
		if err != nil {
			return err // keep serving the previous policies
		}
		ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
		if err != nil {
			return err
		}
		current.Store(ev)
		return nil
	}
	req := eval.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject",
		Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333"}

	_ = load(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	fmt.Println(current.Load().Decide(req))
	err := load(`{"Version": "2012-10-17", "Statement": [{"Effect": "allow"}]}`) // rejected: G1.6
	fmt.Println(err != nil, current.Load().Decide(req))
	_ = load(`{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}`)
	fmt.Println(current.Load().Decide(req))
	// Output:
	// Allow
	// true Allow
	// ExplicitDeny
}
