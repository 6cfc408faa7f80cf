package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
)

func TestDecisions(t *testing.T) {
	ev, err := compile("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  eval.Request
		want eval.Decision
	}{
		// E7.1, E7.4 step 5: a user's own policy is an identity-based policy.
		{"own policy", request("s3:GetObject", bucket+"/reports/q1.csv"), eval.Allow},
		// E7.1: the policies of every group the user is in count as the user's identity policies.
		{"group policy", request("s3:GetObject", bucket+"/analytics/2024/summary.parquet"), eval.Allow},
		// C5.5: StringLike "analytics/*" matches the prefix sent with ListBucket.
		{"group list prefix", request("s3:ListBucket", bucket, key("s3:prefix", "analytics/2024/")), eval.Allow},
		// C5.5: "" matches neither "analytics/" nor "analytics/*"; E7.4 step 5: default deny.
		{"list whole bucket", request("s3:ListBucket", bucket, key("s3:prefix", "")), eval.ImplicitDeny},
		// C5.4: without s3:prefix the positive StringLike is false.
		{"list without prefix", request("s3:ListBucket", bucket), eval.ImplicitDeny},
		// E7.4 step 4, E7.5: same account, the bucket policy names alice's user ARN, a direct
		// grant that needs no identity Allow.
		{"bucket policy only", request("s3:GetObject", bucket+"/shared/handbook.pdf"), eval.Allow},
		// E7.3: nothing allows it, the default is an implicit deny.
		{"nothing allows", request("s3:GetObject", bucket+"/private/salaries.csv"), eval.ImplicitDeny},
		// R3.4: resource matching is case-sensitive; Reports/ is not reports/.
		{"case-sensitive key", request("s3:GetObject", bucket+"/Reports/q1.csv"), eval.ImplicitDeny},
		// E7.4 step 1, sharp edge 16: the group's Deny wins over the bucket policy's direct Allow.
		{"group deny beats bucket allow", request("s3:PutObject", bucket+"/uploads/alice/notes.txt"), eval.ExplicitDeny},
		// E7.4 step 1: the bucket policy's Deny (Principal "*") applies to alice too.
		{"plain HTTP", overHTTP(request("s3:GetObject", bucket+"/reports/q1.csv")), eval.ExplicitDeny},
		// A2.1: action names compare without case.
		{"action case", request("S3:getobject", bucket+"/reports/q1.csv"), eval.Allow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := ev.Explain(tt.req); x.Decision != tt.want {
				t.Errorf("got %v, want %v\n%s", x.Decision, tt.want, x)
			}
		})
	}
}

// TestResourceAccountMatters shows X8.3: an S3 ARN names no account, and a request without
// ResourceAccount is judged cross-account, so both sides must allow (X8.1).
func TestResourceAccountMatters(t *testing.T) {
	ev, err := compile("")
	if err != nil {
		t.Fatal(err)
	}
	req := request("s3:GetObject", bucket+"/shared/handbook.pdf")
	req.ResourceAccount = ""
	// X8.1, X8.3: cross-account, the bucket policy alone no longer suffices.
	if x := ev.Explain(req); x.Decision != eval.ImplicitDeny {
		t.Errorf("shared/ without resource account: got %v, want ImplicitDeny\n%s", x.Decision, x)
	}
	req = request("s3:GetObject", bucket+"/reports/q1.csv")
	req.ResourceAccount = ""
	// X8.1, X8.3: the identity policy alone no longer suffices either.
	if x := ev.Explain(req); x.Decision != eval.ImplicitDeny {
		t.Errorf("reports/ without resource account: got %v, want ImplicitDeny\n%s", x.Decision, x)
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, ""); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "UNEXPECTED") {
		t.Errorf("output reports an unexpected decision:\n%s", out.String())
	}
	if !strings.Contains(out.String(), `Sid "NoWritesToExampleBucket"`) {
		t.Errorf("output lacks the explanation of the explicit deny:\n%s", out.String())
	}
}

func TestMissingDir(t *testing.T) {
	if err := run(&bytes.Buffer{}, "no-such-dir"); err == nil {
		t.Error("run with a missing directory succeeded")
	}
}
