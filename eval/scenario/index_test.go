package scenario_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/eval/scenario"
	"github.com/iamgo/iam/policy"
)

// fillers returns n statements that can apply to no request of the corpora (a service that does
// not exist), valid in every kind of policy: Deny with Principal "*" suits resource policies and
// RCPs, and a Deny that never applies changes nothing.
func fillers(t *testing.T, n int) []policy.Statement {
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"Effect": "Deny", "Principal": "*", "Action": "zzfiller:Never%d", "Resource": "arn:aws:zzfiller:::item/%d/*"}`, i, i)
	}
	b.WriteString(`]}`)
	p, err := policy.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return p.Statements
}

// corpora loads the project's corpus and, when present, the conformance corpus (disputed/
// included). Files that do not load are the corpus tests' business.
func corpora(t *testing.T) []*scenario.File {
	paths := []string{filepath.Join(repoRoot(t), "testdata", "scenarios")}
	if d := sharedDir(t, "conformance"); d != "" {
		paths = append(paths, d)
	}
	files, _ := scenario.LoadAll(paths...)
	return files
}

// mapSet returns a copy of set with f applied to every policy; with reverse, the policies of
// every group (and of every organization level) are in reverse order. The order of the levels
// themselves (root first) is kept: it is meaningful.
func mapSet(set eval.PolicySet, f func(*policy.Policy) *policy.Policy, reverse bool) eval.PolicySet {
	list := func(ps []*policy.Policy) []*policy.Policy {
		out := make([]*policy.Policy, len(ps))
		for i, p := range ps {
			if reverse {
				i = len(ps) - 1 - i
			}
			out[i] = f(p)
		}
		return out
	}
	levels := func(ls [][]*policy.Policy) [][]*policy.Policy {
		out := make([][]*policy.Policy, len(ls))
		for i, l := range ls {
			out[i] = list(l)
		}
		return out
	}
	res := set.Resource
	if res != nil {
		res = f(res)
	}
	return eval.PolicySet{
		Identity: list(set.Identity), Resource: res, Boundary: list(set.Boundary),
		Session: list(set.Session), SCP: levels(set.SCP), RCP: levels(set.RCP),
	}
}

// inflate returns a copy of set in which every policy also holds the filler statements (its own
// statements first), so that every statement group is large enough to be indexed.
func inflate(set eval.PolicySet, fill []policy.Statement) eval.PolicySet {
	return mapSet(set, func(p *policy.Policy) *policy.Policy {
		q := *p
		q.Statements = append(append([]policy.Statement(nil), p.Statements...), fill...)
		q.SingleStatement = false
		return &q
	}, false)
}

// TestIndexedGroupsDecideAlike re-runs the corpus (and the conformance corpus when present) with
// 40 statements that cannot apply added to every policy, which switches every statement group to
// the indexed lookup (by exact action, service and resource prefix): no decision may change.
func TestIndexedGroupsDecideAlike(t *testing.T) {
	files := corpora(t)
	fill := fillers(t, 40)
	checked := 0
	for _, f := range files {
		small, err := eval.Compile(f.Set)
		if err != nil {
			continue
		}
		big, err := eval.Compile(inflate(f.Set, fill))
		if err != nil {
			t.Errorf("%s: inflated set does not compile: %v", f.Path, err)
			continue
		}
		for i := range f.Requests {
			r := &f.Requests[i]
			want := small.Decide(r.Req)
			if got := big.Decide(r.Req); got != want {
				t.Errorf("%s: %s: %v with indexed groups, %v without\n%s", f.Path, r.Label(), got, want, big.Explain(r.Req))
			}
			checked++
		}
	}
	if checked < 700 {
		t.Errorf("only %d requests checked", checked)
	}
	t.Logf("%d requests decided alike with and without indexed statement groups", checked)
}

// reversed returns a copy of set with the statements of every policy and the policies of every
// group in reverse order.
func reversed(set eval.PolicySet) eval.PolicySet {
	return mapSet(set, func(p *policy.Policy) *policy.Policy {
		q := *p
		q.Statements = make([]policy.Statement, len(p.Statements))
		for i, s := range p.Statements {
			q.Statements[len(p.Statements)-1-i] = s
		}
		return &q
	}, true)
}

// TestOrderDoesNotMatter re-runs the corpora with every policy's statements and every group's
// policies reversed: the evaluation logic has no order (E7.4), so no decision may change.
func TestOrderDoesNotMatter(t *testing.T) {
	files := corpora(t)
	checked := 0
	for _, f := range files {
		a, err := eval.Compile(f.Set)
		if err != nil {
			continue
		}
		b, err := eval.Compile(reversed(f.Set))
		if err != nil {
			t.Errorf("%s: reversed set does not compile: %v", f.Path, err)
			continue
		}
		for i := range f.Requests {
			r := &f.Requests[i]
			if x, y := a.Decide(r.Req), b.Decide(r.Req); x != y {
				t.Errorf("%s: %s: %v in source order, %v reversed", f.Path, r.Label(), x, y)
			}
			checked++
		}
	}
	t.Logf("%d requests decided alike in both orders", checked)
}

// TestDecideNeverAllocates decides every request of the corpora and checks that Decide allocated
// nothing, whatever path the decision took (unknown conditions, derived keys, service rules...).
func TestDecideNeverAllocates(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector (sync.Pool drops items)")
	}
	files := corpora(t)
	checked := 0
	for _, f := range files {
		ev, err := eval.Compile(f.Set)
		if err != nil {
			continue
		}
		for i := range f.Requests {
			req := f.Requests[i].Req
			if n := testing.AllocsPerRun(3, func() { ev.Decide(req) }); n != 0 {
				t.Errorf("%s: %s: Decide made %v allocations", f.Path, f.Requests[i].Label(), n)
			}
			checked++
		}
	}
	t.Logf("%d requests decided without allocating", checked)
}
