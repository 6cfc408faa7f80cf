package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sharedDir finds rel under the read-only shared folder next to the repository root by walking up
// from the package directory; it skips the test when the folder is absent.
func sharedDir(t testing.TB, rel string) string {
	t.Helper()
	dir, err := findShared(rel)
	if err != nil {
		t.Skip(err)
	}
	return dir
}

func findShared(rel string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		cand := filepath.Join(dir, "shared", rel)
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return cand, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("shared folder %q not found above the package directory", rel)
		}
		dir = parent
	}
}

// ignoreLocations compares policies apart from where their elements were (spans, source, name).
var ignoreLocations = cmp.Options{
	cmpopts.IgnoreTypes(Span{}),
	cmpopts.IgnoreFields(Policy{}, "Source", "Warnings"),
	cmpopts.EquateEmpty(),
}

// roundTrip checks that Parse(Marshal(p)) equals p modulo locations (R14).
func roundTrip(t testing.TB, p *Policy) []byte {
	t.Helper()
	out, err := Marshal(p)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	q, err := Options{Name: p.Name}.Parse(out)
	if err != nil {
		t.Fatalf("Parse(Marshal(p)): %v\n%s", err, out)
	}
	if d := cmp.Diff(p, q, ignoreLocations); d != "" {
		t.Fatalf("Parse(Marshal(p)) differs (-want +got):\n%s\n%s", d, out)
	}
	return out
}
