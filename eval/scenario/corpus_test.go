package scenario_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/eval/scenario"
)

// repoRoot walks up from the package directory to the module root.
func repoRoot(t testing.TB) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// sharedDir returns ../shared/NAME next to the repository, or "" when absent.
func sharedDir(t testing.TB, name string) string {
	d := filepath.Join(filepath.Dir(repoRoot(t)), "shared", name)
	if _, err := os.Stat(d); err != nil {
		return ""
	}
	return d
}

func runFiles(t *testing.T, files []*scenario.File, except map[string]string) (pass, fail, excepted int) {
	t.Helper()
	for _, f := range files {
		results, err := scenario.Run(f, eval.Options{})
		if err != nil {
			t.Errorf("%v", err)
			fail += len(f.Requests)
			continue
		}
		for _, r := range results {
			if r.Pass {
				pass++
				continue
			}
			key := filepath.Base(f.Path) + "#" + r.Request.Label()
			if _, ok := except[key]; ok {
				excepted++
				continue
			}
			fail++
			t.Errorf("%s:%d:%d: %s / %s: expected %s, got %s\n%s", f.Path, r.Request.Line, r.Request.Col, f.Name, r.Request.Label(), r.Request.Expect, r.Got, r.Explanation)
		}
	}
	return
}

// TestCorpus runs every scenario of testdata/scenarios: each expectation names its documented rule.
func TestCorpus(t *testing.T) {
	files, err := scenario.LoadAll(filepath.Join(repoRoot(t), "testdata", "scenarios"))
	if err != nil {
		t.Errorf("corpus files that do not load (each is a failing case): %v", err)
	}
	n := 0
	for _, f := range files {
		n += len(f.Requests)
		for _, r := range f.Requests {
			if !r.HasExpect {
				// A corpus request must state its expected decision (the scenario format).
				t.Errorf("%s:%d:%d: %s has no \"expect\"", f.Path, r.Line, r.Col, r.Label())
			}
		}
	}
	pass, fail, _ := runFiles(t, files, nil)
	t.Logf("corpus: %d files, %d requests: %d passed, %d failed", len(files), n, pass, fail)
}

// TestConformance runs ../shared/conformance (decisions written by others), except disputed/
// whose notes say our decision follows the IAM user guide; listed exceptions are counted.
func TestConformance(t *testing.T) {
	dir := sharedDir(t, "conformance")
	if dir == "" {
		t.Skip("../shared/conformance not present")
	}
	except := map[string]string{}
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "conformance-exceptions.json"))
	if err == nil {
		var list []struct{ Case, Reason string }
		if err := json.Unmarshal(data, &list); err != nil {
			t.Fatalf("conformance-exceptions.json: %v", err)
		}
		for _, e := range list {
			if e.Reason == "" {
				t.Fatalf("exception %q has no documented reason", e.Case)
			}
			except[e.Case] = e.Reason
		}
	}
	var paths []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && e.Name() != "disputed" {
			paths = append(paths, filepath.Join(dir, e.Name()))
		} else if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	var files []*scenario.File
	loadExcepted := 0
	for _, p := range paths {
		var names []string
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
					names = append(names, path)
				}
				return nil
			})
		} else {
			names = append(names, p)
		}
		for _, n := range names {
			f, err := scenario.Load(n)
			if err != nil {
				// A file whose policies do not parse is a failing case unless excepted.
				if _, ok := except[filepath.Base(n)+"#load"]; ok {
					loadExcepted++
					continue
				}
				t.Errorf("conformance file does not load: %v", err)
				continue
			}
			files = append(files, f)
		}
	}
	pass, fail, excepted := runFiles(t, files, except)
	excepted += loadExcepted
	if excepted != len(except) {
		t.Errorf("%d exceptions listed but only %d used: remove stale entries from testdata/conformance-exceptions.json", len(except), excepted)
	}
	t.Logf("conformance: %d passed, %d failed, %d excepted (testdata/conformance-exceptions.json)", pass, fail, excepted)
}

// notInCorpus are the rules a scenario cannot show, each with where it is tested instead.
var notInCorpus = map[string]string{
	"G1.6":  "Effect spelling is a parse error: policy/invalid_test.go",
	"G1.11": "unknown operators are parse errors: policy and condition tests",
	"G1.12": "element-name case is a parse error: policy/invalid_test.go",
	"G1.14": "duplicate keys are parse errors: policy/invalid_test.go",
	"G1.16": "empty Not* arrays are parse errors: policy tests",
	"G1.17": "character set is a validation rule: policy Check tests",
	"P4.10": "partial-wildcard principals are parse errors: policy tests",
	"V6.7":  "malformed variables are parse errors: condition and policy tests",
	"A2.7":  "service-specific shareable action subsets need per-service data; documented as unsupported",
	"L11.1": "validation rules: policy tests", "L11.2": "validation rules: policy tests", "L11.3": "validation warnings: policy tests",
	"L11.4": "size limits: policy Check tests", "L11.5": "account-dependent checks cannot be done offline", "L11.6": "SCP grammar history: policy Check", "L11.7": "RCP grammar: policy Check",
	"M10.1": "decisions: every scenario", "M10.2": "matched statements: eval explanation tests", "M10.3": "missing keys: eval TestExplain",
	"M10.4": "simulator detail flags: not modelled", "M10.5": "context entry types: scenario loader", "M10.6": "simulator limits: documentation",
}

// TestCorpusCoversRules checks that every rule the module's SEMANTICS.md defines is cited by
// some scenario of the corpus (name, source, notes or a request name), or listed above; and,
// when the shared digest is present, that every one of its sharp edges is.
func TestCorpusCoversRules(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "SEMANTICS.md"))
	if err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`(?m)^#+ ([A-Z]+[0-9]+\.[0-9]+)\b`).FindAllStringSubmatch(string(data), -1)
	if len(ids) < 100 {
		t.Fatalf("only %d rule ids found in SEMANTICS.md", len(ids))
	}
	files, err := scenario.LoadAll(filepath.Join(repoRoot(t), "testdata", "scenarios"))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, f := range files {
		text.WriteString(f.Name + " " + f.Source + " " + strings.Join(f.Notes, " ") + " ")
		for _, r := range f.Requests {
			text.WriteString(r.Name + " ")
		}
	}
	all := text.String()
	missing := 0
	for _, m := range ids {
		id := m[1]
		if _, ok := notInCorpus[id]; ok {
			continue
		}
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(id) + `\b`).MatchString(all) {
			t.Errorf("rule %s is cited by no scenario in testdata/scenarios", id)
			missing++
		}
	}
	for n := 1; n <= 25 && sharedDir(t, "SEMANTICS.md") != ""; n++ {
		if !regexp.MustCompile(`(12\.|sharp edge )` + strconv.Itoa(n) + `\b`).MatchString(all) {
			t.Errorf("sharp edge 12.%d is cited by no scenario", n)
		}
	}
	t.Logf("%d rules, %d not cited", len(ids), missing)
}

// guideDecisions are, for the conformance files in disputed/ (whose expectations contradict the
// IAM user guide), the decision the guide gives, with the rule. Every file there must be listed.
var guideDecisions = map[string]struct {
	want eval.Decision
	why  string
}{
	"iam-simulate__core__sessionPolicies__008__implicit-deny-in-session-policy-denies-even-if-session-arn-i.json": {eval.Allow,
		"E7.5 (IAM user guide, session policies): a resource policy naming the session ARN is a direct grant, not limited by session policies"},
	"iam-simulate__operators__date__DateEquals__002__dateequals-should-match-dates-to-epochs.json": {eval.ImplicitDeny,
		"C5.7 (IAM user guide, date condition operators): all-digit dates are epoch seconds, not milliseconds"},
	"iam-simulate__operators__date__DateEquals__003__dateequals-should-not-match-if-one-second-earlier.json": {eval.ImplicitDeny,
		"C5.7: epoch seconds; the two instants differ"},
	"iam-simulate__operators__date__DateEquals__004__dateequals-should-not-match-if-one-second-later.json": {eval.ImplicitDeny,
		"C5.7: epoch seconds; the two instants differ"},
}

// TestDisputed runs ../shared/conformance/disputed and checks that each case gets the IAM user
// guide's decision (guideDecisions), not the peer's.
func TestDisputed(t *testing.T) {
	dir := sharedDir(t, "conformance")
	if dir == "" {
		t.Skip("../shared/conformance not present")
	}
	files, err := scenario.LoadAll(filepath.Join(dir, "disputed"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		g, ok := guideDecisions[filepath.Base(f.Path)]
		if !ok {
			t.Errorf("%s: disputed case without a guide decision in guideDecisions", f.Path)
			continue
		}
		seen++
		results, err := scenario.Run(f, eval.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Got != g.want {
				t.Errorf("%s: got %v, the guide says %v (%s)\n%s", f.Path, r.Got, g.want, g.why, r.Explanation)
			}
		}
	}
	if seen != len(guideDecisions) {
		t.Errorf("guideDecisions lists %d cases, disputed/ holds %d of them", len(guideDecisions), seen)
	}
}
