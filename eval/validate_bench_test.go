package eval

import (
	"testing"

	"github.com/iamgo/iam/condition"
)

// BenchmarkRequestCheck times the request checks alone on the W1 workload's request (an IAM
// user, an S3 object, two context keys), as every Allow and ExplicitDeny runs them: quick (the
// fast acceptance), proven (quick with what the scan proved on W1), context (quickContext),
// full (every rule, with reasons) and context-full (checkContext).
func BenchmarkRequestCheck(b *testing.B) {
	l := DefaultLimits.resolved()
	req := Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject",
		Resource: "arn:aws:s3:::bucket/photos/cat.jpg", ResourceAccount: "111122223333",
		Context: []condition.Entry{{Key: "aws:username", Values: []string{"alice"}}, {Key: "aws:SourceIp", Values: []string{"10.1.2.3"}}}}
	c := parseCaller(req.Principal)
	b.Run("quick", func(b *testing.B) {
		for b.Loop() {
			if !l.quick(&req, &c) {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("proven", func(b *testing.B) {
		// What Decide runs on W1: the scan has proven the action and the ARN head.
		for b.Loop() {
			if !l.quickProven(&req, &c, true, len("arn:aws:s3:::bucket/")) {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("context", func(b *testing.B) {
		for b.Loop() {
			if !quickContext(&req, &c) {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("context-full", func(b *testing.B) {
		for b.Loop() {
			if l.checkContext(&req, &c).field != "" {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			if l.full(&req, &c).field != "" {
				b.Fatal("rejected")
			}
		}
	})
}

// TestDerivedKeyIndexes: the derived keys' constants name their entries of alwaysFilled.
func TestDerivedKeyIndexes(t *testing.T) {
	want := map[int]string{kPrincipalArn: "aws:principalarn", kPrincipalAccount: "aws:principalaccount", kPrincipalType: "aws:principaltype",
		kUsername: "aws:username", kUserid: "aws:userid", kPrincipalServiceName: "aws:principalservicename",
		kPrincipalIsAWSService: "aws:principalisawsservice", kResourceAccount: "aws:resourceaccount"}
	for k, name := range want {
		if alwaysFilled[k] != name || filledIndex("AWS:"+name[4:]) != k {
			t.Errorf("index %d: %q, want %q", k, alwaysFilled[k], name)
		}
	}
	if filledIndex("aws:SourceIp") < numDerived || filledIndex("aws:nothing") != -1 {
		t.Error("filledIndex")
	}
}
