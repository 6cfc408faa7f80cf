package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManagedPolicies parses every AWS managed policy: each one is a real, AWS-accepted identity
// policy, so it must parse, validate as KindIdentity without errors, and round-trip through
// Marshal (R14, R16).
func TestManagedPolicies(t *testing.T) {
	dir := sharedDir(t, "policies/aws-managed")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skipf("no managed policies in %s", dir)
	}
	var statements, conditions int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		p, err := Options{Name: name, Kind: KindIdentity}.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if errs := p.Check(KindIdentity); errs.HasErrors() {
			t.Errorf("%s: Check: %v", name, errs)
		}
		statements += len(p.Statements)
		for _, s := range p.Statements {
			conditions += len(s.Conditions)
		}
		roundTrip(t, p)
	}
	t.Logf("%d policies, %d statements, %d conditions", len(files), statements, conditions)
}
