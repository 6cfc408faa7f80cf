package eval

import (
	"fmt"
	"testing"
	"time"

	"github.com/iamgo/iam/policy"
)

// TestDerivedKeysListed keeps derivedKeys in step with deriveContext: a statement skips the
// derivation when the request carries every derivable key it reads, so a key deriveContext adds
// but derivable does not know would silently be missing (and conditions on it would fail closed
// where AWS supplies the key).
func TestDerivedKeysListed(t *testing.T) {
	e := &Evaluator{now: func() time.Time { return time.Unix(1700000000, 0) }}
	for _, p := range []string{
		"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root",
		"arn:aws:sts::111122223333:assumed-role/r/s", "arn:aws:iam::111122223333:role/r",
		"arn:aws:sts::111122223333:federated-user/bob", "s3.amazonaws.com", "anonymous",
		"federated:cognito-identity.amazonaws.com",
	} {
		r := run{e: e, c: parseCaller(p)}
		var d derived
		r.deriveContext("444455556666", &d)
		if d.n == 0 || d.n >= maxDerived {
			t.Errorf("%s: %d derived keys (limit %d)", p, d.n, maxDerived)
		}
		for i := 0; i < d.n; i++ {
			if !derivable(d.keys[i]) {
				t.Errorf("%s: derived key %s is not in derivedKeys", p, d.keys[i])
			}
		}
	}
}

// TestExplanationOwnsItsStrings explains requests whose derived keys live in pooled scratch
// space (the clock's aws:CurrentTime and aws:EpochTime view derived.timeBuf), then scribbles
// over every scratch the pool hands out: the explanations must read the same afterwards.
func TestExplanationOwnsItsStrings(t *testing.T) {
	p, err := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*",
   "Condition": {"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}, "NumericLessThan": {"aws:EpochTime": "1900000000"},
                 "StringEquals": {"aws:PrincipalType": "User"}}},
  {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "mallory"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	ev, err := Options{Now: func() time.Time { return now }}.Compile(PolicySet{Identity: []*policy.Policy{p}})
	if err != nil {
		t.Fatal(err)
	}
	var xs []*Explanation
	var before []string
	for _, user := range []string{"alice", "mallory", "bob"} {
		x := ev.Explain(Request{Principal: "arn:aws:iam::111122223333:user/" + user, Action: "s3:GetObject",
			Resource: "arn:aws:s3:::b/alice/k", ResourceAccount: "111122223333"})
		xs = append(xs, x)
		before = append(before, fmt.Sprintf("%+v", *x))
	}
	var held []*scratch
	for i := 0; i < 64; i++ {
		sc := scratchPool.Get().(*scratch)
		for j := range sc.d.timeBuf {
			sc.d.timeBuf[j] = '#'
		}
		for j := range sc.d.keys {
			sc.d.keys[j], sc.d.vals[j] = "scribbled", "scribbled"
		}
		held = append(held, sc)
	}
	for _, sc := range held {
		scratchPool.Put(sc)
	}
	for i, x := range xs {
		if after := fmt.Sprintf("%+v", *x); after != before[i] {
			t.Fatalf("explanation %d changed after the scratch was reused:\nbefore %s\nafter  %s", i, before[i], after)
		}
	}
	if xs[0].Decision != Allow || xs[1].Decision != ExplicitDeny || xs[2].Decision != ImplicitDeny {
		// alice: every condition holds (C5.7 with the clock); mallory: the Deny (E7.4 step 1);
		// bob: the resource is not under b/bob/ (V6.1, R3.7).
		t.Fatalf("decisions %v %v %v", xs[0].Decision, xs[1].Decision, xs[2].Decision)
	}
}

// TestFastPositionMatchesSlow: Explain's line table gives the positions policy.Position gives,
// at every offset of a multi-line document (first line, line starts, the end, past the end).
func TestFastPositionMatchesSlow(t *testing.T) {
	p, err := policy.Parse([]byte("{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\",\n   \"Action\": \"s3:*\", \"Resource\": \"*\"}\n ]\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var x Explanation
	for off := -1; off <= len(p.Source)+2; off++ {
		if got, want := x.position(p, off), p.Position(off); got != want {
			t.Fatalf("offset %d: %+v, policy.Position %+v", off, got, want)
		}
	}
}
