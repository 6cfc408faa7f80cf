package eval

import (
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestInlining checks that the functions whose cost the decision path relies on being inlined
// still are (the compiler's budget changes between releases), as net/netip's inlining test does.
// Each entry is package-relative, as "go build -gcflags=-m" prints it.
func TestInlining(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the module's packages with -gcflags=-m")
	}
	if runtime.Compiler != "gc" {
		t.Skip("gc compiler only")
	}
	want := map[string][]string{
		"github.com/iamgo/iam/eval": {
			"(*run).done",   // Decide pays nothing for explanations (decide.go)
			"(*caller).iam", // per statement
			"(*caller).roleSession",
			"sameShort", // account compare as two words (text.go)
		},
		"github.com/iamgo/iam/arn": {
			"IsAccountID", // the caller's and the resource's account, checked on every request
		},
		"github.com/iamgo/iam/condition": {
			"(*Context).Spend", // the work budget, charged on every Eval
			"verdict",
			"yes",
		},
		"github.com/iamgo/iam/internal/ascii": {
			"EqualFold",
			"HasPrefixFold",
			"LowerWord",
		},
	}
	for pkg, fns := range want {
		out, err := exec.Command("go", "build", "-gcflags=-m", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go build -gcflags=-m %s: %v\n%s", pkg, err, out)
		}
		for _, fn := range fns {
			re := regexp.MustCompile(`: can inline ` + regexp.QuoteMeta(fn) + `( with cost \d+)?( as: .*)?\n`)
			if !re.Match(out) {
				t.Errorf("%s: %s is no longer inlinable", pkg, fn)
			}
		}
		if t.Failed() {
			t.Logf("compiler output:\n%s", strings.TrimSpace(string(out)))
		}
	}
}
