package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
)

func TestCrossAccount(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	// S9.3: the session ARN is in the role's account and drops the role path.
	if want := "arn:aws:sts::111122223333:assumed-role/DataReader/nightly-etl"; w.session.Principal != want {
		t.Errorf("session principal %q, want %q", w.session.Principal, want)
	}
	list := w.session.Request("s3:ListBucket", bucket, accountB)
	tests := []struct {
		name string
		set  string
		req  eval.Request
		want eval.Decision
	}{
		// X8.1: identity policy (account A) and bucket policy (account B) both allow.
		{"both", setBoth, w.get("exports/2024-06.csv"), eval.Allow},
		// X8.1: the identity side allows but the bucket policy does not cover internal/.
		{"resource side misses the key", setBoth, w.get("internal/plan.docx"), eval.ImplicitDeny},
		// X8.1, P4.1: naming account A delegates to it; the role's identity Allow completes it.
		{"account delegation", setBoth, list, eval.Allow},
		// X8.1: no bucket policy, the resource side never allows.
		{"identity only", setIdentity, w.get("exports/2024-06.csv"), eval.ImplicitDeny},
		// X8.1: a resource-policy grant does not replace the identity Allow cross-account.
		{"resource only", setResource, w.get("exports/2024-06.csv"), eval.ImplicitDeny},
		// X8.1, P4.1: delegation to the account is not a grant to the role by itself.
		{"delegation only", setResource, list, eval.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := w.ev[tt.set].Explain(tt.req); x.Decision != tt.want {
				t.Errorf("got %v, want %v\n%s", x.Decision, tt.want, x)
			}
		})
	}
}

// TestReasons checks that the explanation names the side that failed (M10.4).
func TestReasons(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	req := w.get("exports/2024-06.csv")
	if got := w.ev[setIdentity].Explain(req).Reason; got != "cross-account-resource-side" {
		t.Errorf("identity only: reason %q", got)
	}
	if got := w.ev[setResource].Explain(req).Reason; got != "cross-account-identity-side" {
		t.Errorf("resource only: reason %q", got)
	}
}

// TestSameAccountContrast shows why the resource account matters: if the same bucket belonged
// to the role's own account, the bucket policy naming the role would suffice on its own
// (E7.4 step 4, E7.5: a role ARN in Principal is an entity-strength grant, not limited by the
// identity policies).
func TestSameAccountContrast(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	req := w.session.Request("s3:GetObject", bucket+"/exports/2024-06.csv", accountA)
	// E7.5: same account, entity-strength grant through the role ARN.
	if x := w.ev[setResource].Explain(req); x.Decision != eval.Allow {
		t.Errorf("same account, resource only: got %v, want Allow\n%s", x.Decision, x)
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, ""); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "cross-account-identity-side") {
		t.Errorf("output lacks the identity-side explanation:\n%s", out.String())
	}
}
