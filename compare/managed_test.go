package compare_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamgo/iam/compare"
	"github.com/iamgo/iam/policy"
)

// managedDir holds AWS's managed policies next to the repository; tests skip without it (the
// files are never copied into the repository).
const managedDir = "../../shared/policies/aws-managed"

func managed(t testing.TB, name string) *policy.Policy {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(managedDir, name+".json"))
	if err != nil {
		t.Skipf("AWS managed policies not present: %v", err)
	}
	p, err := policy.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// withoutAction returns p's text with one action pattern removed from its first statement.
func withoutAction(t testing.TB, name, action string) *policy.Policy {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(managedDir, name+".json"))
	if err != nil {
		t.Skipf("AWS managed policies not present: %v", err)
	}
	text := strings.Replace(string(data), "\""+action+"\",", "", 1)
	if text == string(data) {
		t.Fatalf("%s does not list %s", name, action)
	}
	p, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The README table: is the first policy within the second?
func TestManagedPairs(t *testing.T) {
	pairs := []struct{ inner, outer string }{
		{"AmazonS3ReadOnlyAccess", "ReadOnlyAccess"},
		{"PowerUserAccess", "AdministratorAccess"},
		{"ViewOnlyAccess", "ReadOnlyAccess"},
		{"ReadOnlyAccess", "ViewOnlyAccess"},
	}
	for _, pr := range pairs {
		t.Run(pr.inner+" within "+pr.outer, func(t *testing.T) {
			if raceEnabled && strings.Contains(pr.inner+pr.outer, "ViewOnly") {
				t.Skip("about a second without the race detector, ten with it")
			}
			r, err := compare.NoNewAccess(managed(t, pr.outer), managed(t, pr.inner))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s in %v, %d requests; reason %q", r.Verdict, r.Elapsed, r.Requests, r.Reason)
			for _, w := range r.Witnesses {
				t.Logf("  witness %s on %s (old: %s)", w.Request.Action, w.Request.Resource, w.OldReason)
			}
			if r.Verdict == compare.Unknown {
				t.Errorf("UNKNOWN: %s", r.Reason)
			}
		})
	}
}

// ReadOnlyAccess against itself minus one action: the removed action is the witness in one
// direction, and the other direction passes.
func TestManagedMinusOne(t *testing.T) {
	full := managed(t, "ReadOnlyAccess")
	less := withoutAction(t, "ReadOnlyAccess", "access-analyzer:GetAccessPreview")
	r, err := compare.NoNewAccess(less, full)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != compare.Fail || !strings.EqualFold(r.Witnesses[0].Request.Action, "access-analyzer:GetAccessPreview") {
		t.Fatalf("got %s %+v", r.Verdict, r.Witnesses)
	}
	r, err = compare.NoNewAccess(full, less)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != compare.Pass {
		t.Fatalf("got %s (%s)", r.Verdict, r.Reason)
	}
	t.Logf("%v", r.Elapsed)
}
