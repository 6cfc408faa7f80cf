package account

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// The actions that create a role session (S9.1).
const (
	actAssumeRole     = "sts:AssumeRole"
	actWebIdentity    = "sts:AssumeRoleWithWebIdentity"
	actAssumeWithSAML = "sts:AssumeRoleWithSAML"
)

// Edge is one way into a role: a principal that may assume it.
type Edge struct {
	// From is the principal's ARN, or for principals outside the model what the trust policy
	// names (an account, a service principal, a federated provider, "*").
	From string
	// Kind is user or role for principals of the model; account, arn, service, federated,
	// anyone or unique-id otherwise.
	Kind   string
	To     string // the role's ARN
	Action string // sts:AssumeRole, sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML
	// Keys are the context keys the edge depends on (sts:ExternalId, aws:MultiFactorAuthPresent,
	// an OIDC provider's :sub or :aud, ...); empty for an unconditional edge.
	Keys []string
	// Session, when set, says that only the session of From with this name is admitted (the
	// trust policy names an assumed-role session ARN, P4.4): the session name is chosen when
	// the session is created, so the edge holds for that session only.
	Session string
	// Uncertain is set when the model lacks some of From's policies (Missing).
	Uncertain bool
	Missing   []string
	// Statements are the trust-policy statements that admit the caller.
	Statements []StatementRef
	// Note says what else must hold for principals outside the model.
	Note string
}

// Graph is the role-assumption graph of a model: every edge between its principals, and the
// principals outside the model that trust policies admit. It is immutable once built.
type Graph struct {
	m *Model
	// Edges into each role, by role ARN.
	into map[string][]Edge
}

// BecomeRequest asks who can end up as a role.
type BecomeRequest struct {
	Role string // the role's ARN
	// Context holds keys every caller is assumed to send (sts:ExternalId, MFA, ...).
	Context []condition.Entry
	// MaxDepth bounds the chains (0: no bound). AWS limits role chaining sessions, not depth.
	MaxDepth int
}

// Chain is one principal that can reach the role, by the shortest chain found.
type Chain struct {
	Principal string
	Kind      string
	// Steps are the edges from Principal to the role, in order.
	Steps []Edge
	// Conditional is set when a step depends on context keys; Uncertain when a step's caller
	// lacks policies in the model.
	Conditional bool
	Uncertain   bool
}

// BecomeResult answers a BecomeRequest.
type BecomeResult struct {
	Role string
	// Chains lists the principals of the model that can reach the role, shortest chains first.
	Chains []Chain
	// Outside lists the principals outside the model that can reach the role: directly by its
	// trust policy, or by a role in reach.
	Outside []Edge
	// Adds lists, for every role in reach (the target included), the policies its sessions
	// get: what becoming it adds.
	Adds map[string][]string
}

// AssumeGraph computes every edge of the role-assumption graph: for each role, every principal
// the trust policy admits (S9.1, E7.7) whose own side also allows the call (identity policies,
// boundary and SCPs, or a direct grant in the same account, E7.4, E7.5, X8.1).
func (m *Model) AssumeGraph(ctx []condition.Entry) *Graph {
	g := &Graph{m: m, into: map[string][]Edge{}}
	n := len(m.principals)
	may := make([]uint64, (n+63)/64)
	for _, a := range []string{actAssumeRole} {
		m.index.candidates(a, "", may)
	}
	var roles []*Principal
	for _, p := range m.principals {
		if p.Kind == KindRole && p.Trust != nil {
			roles = append(roles, p)
		}
	}
	// Each principal's side of sts:AssumeRole, once: its identity policies, boundary and SCPs
	// reduced to the statements that can match the action, the key of that set, and the
	// resources its identity Allow statements can name.
	callers := make([]caller, n)
	parallel(n, func(i int) {
		p := m.principals[i]
		c := &callers[i]
		c.base = p.Account + "|" + p.Kind.String()
		if p.IsServiceLinked() {
			c.base += "|slr"
		}
		if p.Boundary != nil {
			// A boundary without a statement that can match the action denies it whatever it
			// is: such boundaries are all alike here.
			if b := m.filterOne(p.Boundary.Policy, actAssumeRole); len(b.Statements) == 0 {
				c.base += "|b-none"
			} else {
				c.base += fmt.Sprintf("|b%p", p.Boundary.Policy)
			}
		}
		c.set = m.requestSet(p, actAssumeRole, nil, nil, "")
		c.set.RCP = nil
		c.orig = p.identity
		c.stmts = make([][]stmtRes, len(c.set.Identity))
		for k, q := range c.set.Identity {
			c.stmts[k] = make([]stmtRes, len(q.Statements))
			for j := range q.Statements {
				c.stmts[k][j] = newStmtRes(&q.Statements[j])
			}
		}
	})
	as := &assumers{exact: map[string][]int32{}}
	for w, bits := range may {
		for bits != 0 {
			b := trailingZeros(bits)
			bits &= bits - 1
			id := int32(w*64 + b)
			exact, ok := callers[id].exactRoles()
			if !ok {
				as.wild = append(as.wild, id)
				continue
			}
			for _, a := range exact {
				as.exact[a] = append(as.exact[a], id)
			}
		}
	}
	edges := make([][]Edge, len(roles))
	parallel(len(roles), func(i int) {
		edges[i] = m.edgesInto(roles[i], as, callers, ctx)
	})
	for i, r := range roles {
		if len(edges[i]) > 0 {
			g.into[r.ARN] = edges[i]
		}
	}
	return g
}

// caller is a principal's side of sts:AssumeRole.
type caller struct {
	base  string           // account, kind, service-linked, boundary: the part of the key that does not depend on the role
	set   eval.PolicySet   // without the trust policy and RCPs; Identity reduced to the action
	orig  []*policy.Policy // the principal's identity policies, parallel to set.Identity
	stmts [][]stmtRes      // per identity policy, per statement: the resources it can name
}

// stmtRes is what one statement's Resource element can match.
type stmtRes struct {
	any  bool // no Resource, NotResource, or a pattern with a variable
	pats []*arn.Pattern
}

func (r *stmtRes) match(role string) bool {
	if r.any {
		return true
	}
	for _, p := range r.pats {
		if p.Match(role) {
			return true
		}
	}
	return false
}

func newStmtRes(s *policy.Statement) stmtRes {
	if s.Resource == nil {
		return stmtRes{any: true}
	}
	var r stmtRes
	for _, v := range s.Resource.Values {
		pat, err := arn.CompileResource(v.Value)
		if err != nil || strings.Contains(v.Value, "${") {
			return stmtRes{any: true}
		}
		r.pats = append(r.pats, pat)
	}
	return r
}

// assumers are the principals whose identity policies can allow sts:AssumeRole: those whose
// Allow statements name roles by exact ARN, by ARN, and the others.
type assumers struct {
	exact map[string][]int32
	wild  []int32
}

// exactRoles returns the role ARNs the caller's Allow statements name, when they are all
// exact; ok is false when one may match more (a wildcard, NotResource, a variable).
func (c *caller) exactRoles() (out []string, ok bool) {
	for i, p := range c.set.Identity {
		for j := range p.Statements {
			s := &p.Statements[j]
			if s.Effect != policy.Allow {
				continue
			}
			r := &c.stmts[i][j]
			if r.any {
				return nil, false
			}
			for k, pat := range r.pats {
				if !pat.IsExact() {
					return nil, false
				}
				out = append(out, s.Resource.Values[k].Value)
			}
		}
	}
	return out, true
}

// mayMatch reports whether an identity Allow statement of the caller can name the role.
func (c *caller) mayMatch(role string) bool {
	for i, p := range c.set.Identity {
		for j := range p.Statements {
			if p.Statements[j].Effect == policy.Allow && c.stmts[i][j].match(role) {
				return true
			}
		}
	}
	return false
}

// forRole returns the key of the caller's policies that can apply to sts:AssumeRole on role,
// and its identity policies reduced to them (a statement whose Resource cannot name the role
// never applies, E7.2): callers with equal keys are decided by equal sets.
func (c *caller) forRole(role string) (string, []*policy.Policy) {
	var b strings.Builder
	b.WriteString(c.base)
	var ids []*policy.Policy
	for i, p := range c.set.Identity {
		n := 0
		for j := range p.Statements {
			if c.stmts[i][j].match(role) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(&b, "|%p", c.orig[i])
		if n == len(p.Statements) {
			ids = append(ids, p)
			continue
		}
		q := *p
		q.Statements = make([]policy.Statement, 0, n)
		for j := range p.Statements {
			if c.stmts[i][j].match(role) {
				q.Statements = append(q.Statements, p.Statements[j])
			}
		}
		ids = append(ids, &q)
	}
	return b.String(), ids
}

// edgesInto finds the edges into role r.
func (m *Model) edgesInto(r *Principal, may *assumers, callers []caller, ctx []condition.Entry) []Edge {
	trust := m.filterOne(r.Trust, actAssumeRole)
	var rcp [][]*policy.Policy
	for _, lvl := range r.acct.RCP {
		rcp = append(rcp, nonNil(m.filter(lvl, actAssumeRole)))
	}
	setFor := func(c *caller, identity []*policy.Policy) eval.PolicySet {
		set := c.set
		set.Identity = identity
		set.Resource, set.RCP = trust, rcp
		return set
	}
	var out []Edge
	cand := make(map[int32]bool)
	sessions := map[int32][]string{}
	everyone, accounts := false, map[string]bool{}
	for i := range trust.Statements {
		s := &trust.Statements[i]
		if s.Effect != policy.Allow {
			continue
		}
		if s.NotPrincipal != nil || s.Principal != nil && (s.Principal.Wildcard || hasValue(s.Principal.AWS, "*")) {
			everyone = true
			continue
		}
		if s.Principal == nil || s.Principal.AWS == nil {
			continue
		}
		for _, v := range s.Principal.AWS.Values {
			t := v.Value
			if p, ok := m.Principal(t); ok {
				cand[p.idx] = true
				continue
			}
			if arn.IsAccountID(t) {
				accounts[t] = true
				continue
			}
			if a, err := arn.Parse(t); err == nil {
				switch {
				case a.IsRoot():
					accounts[a.Account] = true
				case a.IsAssumedRole():
					if p, sess, err := m.lookupPrincipal(t); err == nil {
						sessions[p.idx] = append(sessions[p.idx], sess)
					}
				}
			}
		}
	}
	if everyone || len(accounts) > 0 {
		// Delegation needs an identity Allow that can name the role (E7.7): the callers
		// whose Allow names this role exactly, and those with a pattern that matches it.
		for _, id := range may.exact[r.ARN] {
			if p := m.principals[id]; everyone || accounts[p.Account] {
				cand[id] = true
			}
		}
		for _, id := range may.wild {
			if p := m.principals[id]; (everyone || accounts[p.Account]) && callers[id].mayMatch(r.ARN) {
				cand[id] = true
			}
		}
	}
	if everyone {
		// A direct grant to "*" needs no identity Allow in the same account (P4.9).
		for _, p := range r.acct.Users {
			cand[p.idx] = true
		}
		for _, p := range r.acct.Roles {
			cand[p.idx] = true
		}
	}
	for _, p := range m.uncertain {
		cand[p.idx] = true
	}
	ids := make([]int32, 0, len(cand))
	for id := range cand {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	// Principals with the same assumption-relevant policies share one compiled evaluator; when
	// neither those policies nor the trust policy can tell two such principals apart (no
	// condition on the principal's own keys, no policy variable, no principal named by ARN),
	// they share the answer too.
	trustIndep := m.independent(trust) && namesNoPrincipal(trust)
	type group struct {
		ev    *eval.Evaluator
		set   eval.PolicySet
		indep bool
		done  bool
		ok    bool
		edge  Edge
	}
	groups := map[string]*group{}
	for _, id := range ids {
		p := m.principals[id]
		if p == r {
			continue // a role assuming itself adds nothing
		}
		c := &callers[id]
		key, identity := c.forRole(r.ARN)
		gr := groups[key]
		if gr == nil {
			set := setFor(c, identity)
			ev, err := m.opts.Compile(set)
			if err != nil {
				out = append(out, Edge{From: p.ARN, Kind: p.Kind.String(), To: r.ARN, Action: actAssumeRole, Uncertain: true, Note: err.Error()})
				continue
			}
			gr = &group{ev: ev, set: set, indep: trustIndep && m.independentSet(set)}
			groups[key] = gr
		}
		if gr.indep && gr.done && !p.Uncertain() {
			if gr.ok {
				e := gr.edge
				e.From = p.ARN
				out = append(out, e)
			}
			continue
		}
		req := eval.Request{Principal: p.ARN, Action: actAssumeRole, Resource: r.ARN, ResourceAccount: r.Account, Context: p.baseCtx}
		if len(ctx) > 0 {
			req.Context = mergeContext(p.baseCtx, ctx)
		}
		e, ok := m.decideEdge(gr.ev, gr.set, req, p, r)
		if gr.indep && !p.Uncertain() {
			gr.done, gr.ok, gr.edge = true, ok, e
		}
		if ok {
			out = append(out, e)
		}
	}
	for _, id := range sortedKeys(sessions) {
		p := m.principals[id]
		set := setFor(&callers[id], callers[id].set.Identity)
		ev, err := m.opts.Compile(set)
		if err != nil {
			continue
		}
		for _, sess := range sessions[id] {
			sessARN := "arn:" + arnPartition(p.ARN) + ":sts::" + p.Account + ":assumed-role/" + p.Name + "/" + sess
			req := eval.Request{Principal: sessARN, Action: actAssumeRole, Resource: r.ARN, ResourceAccount: r.Account, Context: m.buildContext(p, sess, nil)}
			if len(ctx) > 0 {
				req.Context = mergeContext(req.Context, ctx)
			}
			if e, ok := m.decideEdge(ev, set, req, p, r); ok {
				e.Session = sess
				out = append(out, e)
			}
		}
	}
	return append(out, m.outsideTrust(r, ctx)...)
}

// decideEdge decides whether p (or its session) may assume r, and how.
func (m *Model) decideEdge(ev *eval.Evaluator, set eval.PolicySet, req eval.Request, p, r *Principal) (Edge, bool) {
	d := ev.Decide(req)
	e := Edge{From: p.ARN, Kind: p.Kind.String(), To: r.ARN, Action: actAssumeRole}
	switch {
	case d == eval.Allow && !p.Uncertain():
	case p.Uncertain():
		may, keys := m.mayBeAllowed(p, set, req, d)
		if !may {
			return e, false
		}
		e.Uncertain, e.Missing, e.Keys = true, p.Missing, keys
	case d == eval.ImplicitDeny:
		x := ev.Explain(req)
		e.Keys = m.openKeys(p, set, req, x)
		if len(e.Keys) == 0 {
			return e, false
		}
	default:
		return e, false
	}
	return e, true
}

func sortedKeys(m map[int32][]string) []int32 {
	out := make([]int32, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func arnPartition(s string) string {
	if a, err := arn.Parse(s); err == nil {
		return a.Partition
	}
	return "aws"
}

// outsideTrust lists the principals outside the model that the trust policy admits, decided
// against the trust policy and the role account's RCPs (their own side assumed to allow).
func (m *Model) outsideTrust(r *Principal, ctx []condition.Entry) []Edge {
	var out []Edge
	for _, action := range []string{actAssumeRole, actWebIdentity, actAssumeWithSAML} {
		trust := m.filterOne(r.Trust, action)
		if len(trust.Statements) == 0 {
			continue
		}
		grants := m.outside(trust, action, WhoCanRequest{Resource: r.ARN, Context: ctx}, r.Account)
		for _, g := range grants {
			switch {
			case action == actAssumeRole && g.Kind == "federated":
				continue // a federated provider calls the WithWebIdentity/WithSAML actions
			case action != actAssumeRole && g.Kind != "federated":
				continue
			case g.Kind == "account" && m.accounts[arn.AccountOf(g.Principal)] != nil:
				// Every principal of a loaded account is decided above with its own policies,
				// and its root user cannot assume roles (S9.1).
				continue
			}
			out = append(out, Edge{From: g.Principal, Kind: g.Kind, To: r.ARN, Action: action, Keys: g.Keys, Statements: g.Statements, Note: g.Note})
		}
	}
	return out
}

// Into returns the edges into a role.
func (g *Graph) Into(roleARN string) []Edge { return g.into[roleARN] }

// WhoCanBecome answers who can end up as the role, directly or through a chain of roles
// (S9.5), with the shortest chain for each principal of the model.
func (m *Model) WhoCanBecome(q BecomeRequest) (*BecomeResult, error) {
	target, ok := m.byARN[q.Role]
	if !ok || target.Kind != KindRole {
		return nil, fmt.Errorf("account: %q: %w (who-can-become needs a role of the model)", q.Role, ErrUnknownPrincipal)
	}
	return m.AssumeGraph(q.Context).Become(q)
}

// Become answers a BecomeRequest on a computed graph (q.Context is ignored: the graph's
// context was fixed when it was built).
func (g *Graph) Become(q BecomeRequest) (*BecomeResult, error) {
	m := g.m
	target, ok := m.byARN[q.Role]
	if !ok || target.Kind != KindRole {
		return nil, fmt.Errorf("account: %q: %w (who-can-become needs a role of the model)", q.Role, ErrUnknownPrincipal)
	}
	res := &BecomeResult{Role: q.Role, Adds: map[string][]string{}}
	// Backward breadth-first search from the target: next[x] is the edge x takes towards it.
	next := map[string]Edge{}
	depth := map[string]int{q.Role: 0}
	queue := []string{q.Role}
	outsideSeen := map[string]bool{}
	for len(queue) > 0 {
		role := queue[0]
		queue = queue[1:]
		res.Adds[role] = rolePolicies(m.byARN[role])
		if q.MaxDepth > 0 && depth[role] >= q.MaxDepth {
			continue
		}
		for _, e := range g.into[role] {
			if _, inModel := m.byARN[e.From]; !inModel {
				k := e.Kind + " " + e.From + " " + e.To
				if !outsideSeen[k] {
					outsideSeen[k] = true
					res.Outside = append(res.Outside, e)
				}
				continue
			}
			if _, seen := depth[e.From]; seen {
				continue
			}
			depth[e.From] = depth[role] + 1
			next[e.From] = e
			if from := m.byARN[e.From]; from.Kind == KindRole {
				queue = append(queue, e.From)
			}
		}
	}
	for from := range next {
		c := Chain{Principal: from, Kind: m.byARN[from].Kind.String()}
		for cur := from; cur != q.Role; {
			e := next[cur]
			c.Steps = append(c.Steps, e)
			c.Conditional = c.Conditional || len(e.Keys) > 0 || e.Session != ""
			c.Uncertain = c.Uncertain || e.Uncertain
			cur = e.To
		}
		res.Chains = append(res.Chains, c)
	}
	sort.Slice(res.Chains, func(i, j int) bool {
		if len(res.Chains[i].Steps) != len(res.Chains[j].Steps) {
			return len(res.Chains[i].Steps) < len(res.Chains[j].Steps)
		}
		return res.Chains[i].Principal < res.Chains[j].Principal
	})
	return res, nil
}

// rolePolicies names the policies a role's sessions get.
func rolePolicies(r *Principal) []string {
	if r == nil {
		return nil
	}
	var out []string
	for _, p := range r.identity {
		out = append(out, p.Name)
	}
	if r.Boundary != nil {
		out = append(out, "boundary "+r.Boundary.ARN)
	}
	for _, miss := range r.Missing {
		out = append(out, "missing "+miss)
	}
	return out
}
