package account

import (
	"sort"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/policy"
)

// policyActions holds the compiled Action/NotAction patterns of each statement of a policy, so
// that the statements that can match an action are found without recompiling anything.
type policyActions struct {
	stmts []stmtActions
}

type stmtActions struct {
	not  bool           // NotAction
	keep bool           // a pattern that did not compile: the statement is always kept
	pats []*arn.Pattern // compiled with arn.CompileAction, the rule eval matches actions with
	text []string       // the patterns as written
}

func compileActions(p *policy.Policy) *policyActions {
	pa := &policyActions{stmts: make([]stmtActions, len(p.Statements))}
	for i := range p.Statements {
		s := &p.Statements[i]
		sa := &pa.stmts[i]
		list := s.Action
		if list == nil {
			list, sa.not = s.NotAction, true
		}
		if list == nil {
			sa.keep = true // no Action at all: leave the decision to the engine
			continue
		}
		for _, v := range list.Values {
			pat, err := arn.CompileAction(v.Value)
			if err != nil {
				sa.keep = true
				continue
			}
			sa.pats = append(sa.pats, pat)
			sa.text = append(sa.text, v.Value)
		}
	}
	return pa
}

// matches reports whether statement i can apply to action (its Action or NotAction element
// matches; Resource, Principal and Condition are left to the engine).
func (sa *stmtActions) matches(action string) bool {
	if sa.keep {
		return true
	}
	hit := false
	for _, p := range sa.pats {
		if p.Match(action) {
			hit = true
			break
		}
	}
	return hit != sa.not
}

// actionsOf returns the compiled patterns of p, compiling them when p was not loaded with the
// model (a session policy given with a request).
func (m *Model) actionsOf(p *policy.Policy) *policyActions {
	if pa, ok := m.acts[p]; ok {
		return pa
	}
	return compileActions(p)
}

// filterOne returns p with only the statements that can match action: p itself when all of
// them can. A statement whose Action (or NotAction) element does not match the request's action
// never applies (E7.2), so the decision is the same; the statements kept have their original
// index, spans and source, so explanations point at the document as written.
func (m *Model) filterOne(p *policy.Policy, action string) *policy.Policy {
	if p == nil {
		return nil
	}
	pa := m.actionsOf(p)
	n := 0
	for i := range pa.stmts {
		if pa.stmts[i].matches(action) {
			n++
		}
	}
	if n == len(p.Statements) {
		return p
	}
	q := *p
	q.Statements = make([]policy.Statement, 0, n)
	for i := range pa.stmts {
		if pa.stmts[i].matches(action) {
			q.Statements = append(q.Statements, p.Statements[i])
		}
	}
	return &q
}

func (m *Model) filter(ps []*policy.Policy, action string) []*policy.Policy {
	if len(ps) == 0 {
		return nil
	}
	out := make([]*policy.Policy, 0, len(ps))
	for _, p := range ps {
		out = append(out, m.filterOne(p, action))
	}
	return out
}

// actionIndex finds the principals whose identity policies hold an Allow statement whose
// Action element can match an action (and whose Resource element can match the resource):
// exact names in a map, patterns by service, and the statements that match every service (*,
// NotAction) apart.
type actionIndex struct {
	holders  [][]int32            // policy number -> principals holding it as an identity policy
	res      [][]stmtRes          // policy number -> statement -> what its Resource can match
	exact    map[string][]stmtRef // lower-case service:action -> statements
	patterns map[string][]patRef  // lower-case service -> patterns
	anySvc   []stmtRef            // statements with an Allow matching every service
	named    []string             // every exact action named in an Allow, as first written, sorted
	spelled  map[string]string    // lower case -> as first written
}

type stmtRef struct{ policy, stmt int32 }

type patRef struct {
	pat *arn.Pattern
	stmtRef
}

// buildIndex compiles every policy's action patterns and indexes the identity policies.
func (m *Model) buildIndex() {
	m.acts = map[*policy.Policy]*policyActions{}
	m.indep = map[*policy.Policy]bool{}
	m.hasCond = map[*policy.Policy]bool{}
	add := func(p *policy.Policy) {
		if p != nil {
			if _, ok := m.acts[p]; !ok {
				m.acts[p] = compileActions(p)
				m.indep[p] = independent(p)
				m.hasCond[p] = anyCondition([]*policy.Policy{p})
			}
		}
	}
	num := map[*policy.Policy]int32{}
	ix := &actionIndex{exact: map[string][]stmtRef{}, patterns: map[string][]patRef{}, spelled: map[string]string{}}
	for _, pr := range m.principals {
		if pr.Uncertain() {
			m.uncertain = append(m.uncertain, pr)
		}
		for _, p := range pr.identity {
			add(p)
			n, ok := num[p]
			if !ok {
				n = int32(len(ix.holders))
				num[p] = n
				ix.holders = append(ix.holders, nil)
				rs := make([]stmtRes, len(p.Statements))
				for j := range p.Statements {
					rs[j] = newStmtRes(&p.Statements[j])
				}
				ix.res = append(ix.res, rs)
				ix.indexPolicy(p, n, m.acts[p])
			}
			ix.holders[n] = append(ix.holders[n], pr.idx)
		}
		if pr.Boundary != nil {
			add(pr.Boundary.Policy)
		}
		add(pr.Trust)
	}
	for _, a := range m.accounts {
		for _, lvls := range [][][]*policy.Policy{a.SCP, a.RCP} {
			for _, lvl := range lvls {
				for _, p := range lvl {
					add(p)
				}
			}
		}
	}
	if m.org != nil {
		for _, op := range m.org.Policies {
			add(op.Policy)
		}
	}
	for _, r := range m.resources {
		add(r.Policy)
	}
	for _, v := range ix.spelled {
		ix.named = append(ix.named, v)
	}
	sort.Slice(ix.named, func(i, j int) bool { return strings.ToLower(ix.named[i]) < strings.ToLower(ix.named[j]) })
	m.index = ix
	m.buildConds()
}

func (ix *actionIndex) indexPolicy(p *policy.Policy, n int32, pa *policyActions) {
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != policy.Allow {
			continue
		}
		ref := stmtRef{n, int32(i)}
		sa := &pa.stmts[i]
		if sa.not || sa.keep {
			ix.anySvc = append(ix.anySvc, ref)
			continue
		}
		for j, pat := range sa.pats {
			text := sa.text[j]
			svc, _, ok := strings.Cut(text, ":")
			switch {
			case text == "*" || !ok || strings.ContainsAny(svc, "*?"):
				ix.anySvc = appendRef(ix.anySvc, ref)
			case pat.IsExact():
				k := strings.ToLower(text)
				ix.exact[k] = appendRef(ix.exact[k], ref)
				if _, ok := ix.spelled[k]; !ok {
					ix.spelled[k] = text
				}
			default:
				k := strings.ToLower(svc)
				ix.patterns[k] = append(ix.patterns[k], patRef{pat: pat, stmtRef: ref})
			}
		}
	}
}

func appendRef(s []stmtRef, r stmtRef) []stmtRef {
	if len(s) > 0 && s[len(s)-1] == r {
		return s
	}
	return append(s, r)
}

// candidates marks in set every principal whose identity policies hold an Allow statement
// that can match action and resource ("" matches every resource). Conditions are left to the
// engine: the result is a superset of the principals the identity side allows.
func (ix *actionIndex) candidates(action, resource string, set []uint64) {
	marked := map[int32]bool{}
	mark := func(r stmtRef) {
		if marked[r.policy] || resource != "" && !ix.res[r.policy][r.stmt].match(resource) {
			return
		}
		marked[r.policy] = true
		for _, p := range ix.holders[r.policy] {
			set[p>>6] |= 1 << (uint(p) & 63)
		}
	}
	low := strings.ToLower(action)
	for _, r := range ix.exact[low] {
		mark(r)
	}
	svc, _, _ := strings.Cut(low, ":")
	for _, r := range ix.patterns[svc] {
		if !marked[r.policy] && r.pat.Match(action) {
			mark(r.stmtRef)
		}
	}
	for _, r := range ix.anySvc {
		mark(r)
	}
}
