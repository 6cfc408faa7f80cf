package eval_test

import (
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// TestNearMisses: on an implicit deny, every Allow statement that matched the action is listed
// with what it failed on; statements of other actions are not; other decisions list none.
func TestNearMisses(t *testing.T) {
	id := mustParse(t, "id.json", `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Res", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"},
  {"Sid": "Cond", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:PrincipalTag/team": "blue"}}},
  {"Sid": "Doubt", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": "10"}}},
  {"Sid": "OtherAction", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}`)
	bucket := mustParse(t, "bucket.json", `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Bob", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"}, "Action": "s3:GetObject", "Resource": "*"}]}`)
	ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{id}, Resource: bucket})
	if err != nil {
		t.Fatal(err)
	}
	req := eval.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333",
		Context: []condition.Entry{{Key: "aws:SecureTransport", Values: []string{"true"}}, {Key: "s3:max-keys", Values: []string{"ten"}}}}
	x := ev.Explain(req)
	if x.Decision != eval.ImplicitDeny {
		t.Fatalf("decision %v", x.Decision)
	}
	want := map[string][2]string{
		"Res":   {"resource", ""},                                       // R3.3: other/* does not cover b/k
		"Cond":  {"condition", "StringEquals aws:PrincipalTag/team"},    // C5.4: the tag is absent
		"Doubt": {"condition", "NumericLessThan s3:max-keys (unknown)"}, // C5.0: "ten" is no number
		"Bob":   {"principal", ""},                                      // P4.2: names another user
	}
	if len(x.NearMisses) != len(want) {
		t.Fatalf("near misses %+v", x.NearMisses)
	}
	for _, n := range x.NearMisses {
		if w, ok := want[n.Sid]; !ok || n.Failed != w[0] || n.Detail != w[1] {
			t.Errorf("near miss %s: %q %q, want %q", n.Sid, n.Failed, n.Detail, w)
		}
	}
	// An allowed request lists no near misses, even though Res and Doubt did not apply.
	req.Context = append(req.Context, condition.Entry{Key: "aws:PrincipalTag/team", Values: []string{"blue"}})
	if x := ev.Explain(req); x.Decision != eval.Allow || len(x.NearMisses) != 0 {
		t.Errorf("allowed: %v with near misses %+v", x.Decision, x.NearMisses)
	}
}
