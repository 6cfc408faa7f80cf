package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// Explanation is a decision with its reasons (M10.1–M10.4).
type Explanation struct {
	Decision Decision
	// Reason is machine-readable: explicit-deny, rcp-no-allow, scp-no-allow, cross-partition,
	// no-allow, cross-account-resource-side, cross-account-identity-side,
	// resource-policy-required, boundary-no-allow, session-no-allow,
	// federated-user-no-session-policy, aws-managed-policy, aws-reserved-role,
	// aws-managed-kms-alias, root-cannot-assume-role, invalid-request, doubtful-request, allowed,
	// allowed-by-resource-policy, always-allowed.
	Reason string
	// Matched lists the statements that applied. On an explicit deny only the Deny statements
	// are kept (M10.2).
	Matched []Match
	// FailedLayer names the policy kind that failed to allow on an implicit deny: identity,
	// resource, boundary, session, "scp level N" or "rcp level N".
	FailedLayer string
	// MissingKeys lists the context keys that conditions of otherwise matching statements read
	// but the request lacked (M10.3).
	MissingKeys []string
	// Notes are remarks for people, such as how the resource account was decided.
	Notes []string
	// NearMisses lists, on an implicit deny, the Allow statements that matched the request's
	// action but failed on the resource, the principal or a condition: the answer to "why was I
	// denied?". It is empty for other decisions.
	NearMisses []NearMiss
	// Request is set when the request is malformed (Reason invalid-request): which field, and
	// why. Such a request is never allowed.
	Request *RequestError

	workSpent bool                     // the work-limit note was added
	level     int                      // the organization level being scanned (gather)
	polBase   int                      // the index of the scanned part's first policy in its kind
	missing   condition.MissingSet     // MissingKeys as Explain collects them
	lines     map[*policy.Policy][]int // where each line of a policy's Source starts, built on first use
	dropped   int                      // notes and near misses beyond maxListed, not kept
}

// Match is one statement that applied to the request.
type Match struct {
	Kind           Kind // KindIdentity, KindResource, KindBoundary, KindSession, KindSCP or KindRCP
	Level          int  // organization level for scp and rcp
	PolicyIndex    int  // index of the policy within its kind (and level)
	PolicyName     string
	Sid            string
	StatementIndex int
	Effect         policy.Effect
	Span           policy.Span
	Position       policy.Position
	Path           string // JSON path of the statement, such as Statement[2]
	Strength       string // resource policies: direct, entity or delegation (E7.5)
	Condition      string // true, or unknown for a Deny applied on doubt (C5.0)
}

// NearMiss is an Allow statement that matched the request's action but did not apply.
type NearMiss struct {
	Match
	// Failed names what did not match: "resource", "principal" or "condition".
	Failed string
	// Detail is the condition that failed, as "Operator key" (with " (unknown)" when it could
	// not be evaluated with certainty), for Failed "condition".
	Detail string
}

// maxListed caps the near misses and the notes an explanation keeps, so that Explain stays
// fast and small on policies of tens of thousands of statements; the rest are counted.
const maxListed = 100

// position is p.Position(offset) through a table of line starts built once per policy and
// explanation: Explain over thousands of statements of a large one-line policy would otherwise
// rescan the document for every statement.
func (x *Explanation) position(p *policy.Policy, offset int) policy.Position {
	if p.Source == nil || offset <= 0 {
		return p.Position(offset)
	}
	starts, ok := x.lines[p]
	if !ok {
		starts = []int{0}
		for i, b := range p.Source {
			if b == '\n' {
				starts = append(starts, i+1)
			}
		}
		if x.lines == nil {
			x.lines = map[*policy.Policy][]int{}
		}
		x.lines[p] = starts
	}
	offset = min(offset, len(p.Source))
	line := sort.Search(len(starts), func(i int) bool { return starts[i] > offset }) // 1-based
	return policy.Position{Line: line, Col: offset - starts[line-1] + 1}
}

// nearMiss records an Allow statement that matched the action but failed on what (Explain only).
func (r *run) nearMiss(g *group, s *stmt, what, detail string) {
	if !s.allow {
		return
	}
	if len(r.ex.NearMisses) == maxListed {
		r.ex.dropped++
		return
	}
	if what == "condition" && detail == "" {
		detail = r.failedCondition(s, condition.False)
		if detail == "" {
			detail = r.failedCondition(s, condition.Unknown)
		}
	}
	r.ex.NearMisses = append(r.ex.NearMisses, NearMiss{Match: r.match(g, s, sNone, condition.False), Failed: what, Detail: detail})
}

// failedCondition names the first condition of s that evaluates to want.
func (r *run) failedCondition(s *stmt, want condition.Result) string {
	for _, c := range s.cond.Conditions() {
		if c.Eval(&r.ctx) == want {
			d := c.Op().String() + " " + c.Key()
			if want == condition.Unknown {
				d += " (unknown)"
			}
			return d
		}
	}
	return ""
}

func (r *run) record(g *group, s *stmt, st strength, res condition.Result) {
	if r.ex == nil {
		return
	}
	r.ex.Matched = append(r.ex.Matched, r.match(g, s, st, res))
}

// match describes statement s of g for an explanation.
func (r *run) match(g *group, s *stmt, st strength, res condition.Result) Match {
	p := g.policies[s.policyIndex]
	ps := &p.Statements[s.stmtIndex]
	m := Match{
		Kind: g.kind, Level: r.ex.level, PolicyIndex: r.ex.polBase + int(s.policyIndex), PolicyName: p.Name,
		StatementIndex: ps.Index, Effect: ps.Effect, Span: ps.Span, Position: r.ex.position(p, ps.Span.Offset),
		Path: ps.Path(p), Condition: res.String(),
	}
	if ps.Sid != nil {
		m.Sid = ps.Sid.Value
	}
	if g.kind == KindResource || g.kind == KindRCP {
		m.Strength = strengthNames[st]
	}
	return m
}

func (r *run) describe(g *group, s *stmt) string {
	p := g.policies[s.policyIndex]
	ps := &p.Statements[s.stmtIndex]
	name := p.Name
	if name == "" {
		name = fmt.Sprintf("%s policy %d", g.kind, r.ex.polBase+int(s.policyIndex))
	}
	pos := r.ex.position(p, ps.Span.Offset)
	return fmt.Sprintf("%s:%d:%d %s", name, pos.Line, pos.Col, ps.Path(p))
}

// String renders the explanation for a person.
func (x *Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", x.Decision, x.Reason)
	if x.FailedLayer != "" {
		fmt.Fprintf(&b, "; no Allow in: %s", x.FailedLayer)
	}
	b.WriteByte('\n')
	for _, m := range x.Matched {
		name := m.PolicyName
		if name == "" {
			name = fmt.Sprintf("%s policy %d", m.Kind, m.PolicyIndex)
		}
		fmt.Fprintf(&b, "  %s %s:%d:%d %s", m.Effect, name, m.Position.Line, m.Position.Col, m.Path)
		if m.Sid != "" {
			fmt.Fprintf(&b, " Sid %q", m.Sid)
		}
		fmt.Fprintf(&b, " [%s", m.Kind)
		if m.Kind == KindSCP || m.Kind == KindRCP {
			fmt.Fprintf(&b, " level %d", m.Level)
		}
		if m.Strength != "" {
			fmt.Fprintf(&b, ", %s", m.Strength)
		}
		if m.Condition == "unknown" {
			b.WriteString(", condition unknown: applied on doubt")
		}
		b.WriteString("]\n")
	}
	for _, n := range x.NearMisses {
		name := n.PolicyName
		if name == "" {
			name = fmt.Sprintf("%s policy %d", n.Kind, n.PolicyIndex)
		}
		fmt.Fprintf(&b, "  near miss: Allow %s:%d:%d %s", name, n.Position.Line, n.Position.Col, n.Path)
		if n.Sid != "" {
			fmt.Fprintf(&b, " Sid %q", n.Sid)
		}
		fmt.Fprintf(&b, " [%s] matched the action, not the %s", n.Kind, n.Failed)
		if n.Detail != "" {
			fmt.Fprintf(&b, ": %s", n.Detail)
		}
		b.WriteByte('\n')
	}
	if len(x.MissingKeys) > 0 {
		fmt.Fprintf(&b, "  missing context keys: %s\n", strings.Join(x.MissingKeys, ", "))
	}
	for _, n := range x.Notes {
		fmt.Fprintf(&b, "  note: %s\n", n)
	}
	return b.String()
}
