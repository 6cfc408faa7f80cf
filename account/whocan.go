package account

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// WhoCanRequest asks who may perform an action on a resource.
type WhoCanRequest struct {
	// Action is service:Action, or a pattern with * and ? (expanded over the catalog's actions,
	// or without a catalog over the actions named in the model's policies).
	Action string
	// Resource is the resource ARN, or "*".
	Resource string
	// ResourceAccount is the owning account when the ARN has none (S3); see Request.
	ResourceAccount string
	// Context holds context keys every caller is assumed to send.
	Context []condition.Entry
	// Explain attaches to every grant the statements that decided it (slower: one explanation
	// per principal listed).
	Explain bool
}

// Grant is one principal's answer in a WhoCanResult.
type Grant struct {
	// Principal is the principal's ARN, or for principals outside the model what the resource
	// policy names: an account id, an ARN, a service principal, a federated provider, "*".
	Principal string
	// Kind is user or role for principals of the model; account, arn, service, federated,
	// anyone, canonical-user or unique-id for the others.
	Kind string
	// Action is the concrete action.
	Action string
	// Statements are the statements that allowed it (with Explain, and always for principals
	// outside the model).
	Statements []StatementRef
	// Keys are the context keys the answer depends on (conditional grants).
	Keys []string
	// Missing says what the model lacks for an uncertain principal.
	Missing []string
	// Note says what else must hold (for principals outside the model: their own account's
	// policies must allow too, X8.1).
	Note string
}

// StatementRef names one statement of a policy.
type StatementRef struct {
	Policy string // ARN, OWNER-ARN/INLINE-NAME, ROLE-ARN/AssumeRolePolicyDocument, org:NAME
	Kind   string // identity, resource, boundary, session, scp, rcp
	Sid    string
	Path   string // Statement[2]
	Line   int    // in the policy document
	Col    int
	Effect string
}

// WhoCanResult lists who may perform the action.
type WhoCanResult struct {
	// Actions are the concrete actions asked about.
	Actions []string
	// Allowed are the principals of the model allowed with the request context given.
	Allowed []Grant
	// Conditional are principals of the model not allowed with the context given, but whose
	// policies read context keys the request lacks: they may be allowed when those keys have
	// the right values.
	Conditional []Grant
	// Uncertain are principals of the model whose policies the model lacks in part, and which
	// no explicit deny settles: they might be allowed (C5.0: never reported as allowed).
	Uncertain []Grant
	// Outside are principals outside the model that the resource policy grants, with the
	// statement and, when conditional, the keys.
	Outside []Grant
}

// WhoCan finds every principal of the model allowed the action on the resource, and the
// principals outside the model that the resource policy grants. Principals are found through
// an index of the actions their identity policies can allow (and those the resource policy
// names, or every principal when it grants "*"), then each candidate is decided exactly.
func (m *Model) WhoCan(q WhoCanRequest) (*WhoCanResult, error) {
	if q.Action == "" || q.Resource == "" {
		return nil, fmt.Errorf("account: who-can needs an action and a resource")
	}
	res := &WhoCanResult{Actions: m.expand(q.Action)}
	rp := m.resourcePolicy(q.Action, q.Resource)
	resAcct := q.ResourceAccount
	if resAcct == "" {
		switch {
		case rp != nil && rp.Account != "":
			resAcct = rp.Account
		default:
			resAcct = arn.AccountOf(q.Resource)
		}
	}
	for _, action := range res.Actions {
		m.whoCanAction(q, action, rp, resAcct, res)
	}
	return res, nil
}

// expand turns an action pattern into the concrete actions it covers.
func (m *Model) expand(action string) []string {
	if !strings.ContainsAny(action, "*?") {
		return []string{action}
	}
	pat, err := arn.CompileAction(action)
	if err != nil {
		return nil
	}
	var out []string
	if m.catalog != nil {
		m.catalog.Actions(func(a, _ string) bool {
			if pat.Match(a) {
				out = append(out, a)
			}
			return true
		})
		return out
	}
	seen := map[string]bool{}
	for _, a := range m.index.named {
		if la := strings.ToLower(a); pat.Match(a) && !seen[la] {
			seen[la] = true
			out = append(out, a)
		}
	}
	for _, r := range m.resources {
		for _, a := range namedActions(r.Policy) {
			if la := strings.ToLower(a); pat.Match(a) && !seen[la] {
				seen[la] = true
				out = append(out, a)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// namedActions lists the exact action names in a policy's Action elements.
func namedActions(p *policy.Policy) []string {
	var out []string
	for i := range p.Statements {
		if a := p.Statements[i].Action; a != nil {
			for _, v := range a.Values {
				if !strings.ContainsAny(v.Value, "*?") {
					out = append(out, v.Value)
				}
			}
		}
	}
	return out
}

type verdict struct {
	p    *Principal
	kind uint8 // 0 none, 1 allowed, 2 conditional, 3 uncertain
	keys []string
	x    *eval.Explanation
}

func (m *Model) whoCanAction(q WhoCanRequest, action string, rp *ResourcePolicy, resAcct string, res *WhoCanResult) {
	set := make([]uint64, (len(m.principals)+63)/64)
	m.index.candidates(action, q.Resource, set)
	var rpFiltered *policy.Policy
	if rp != nil {
		rpFiltered = m.filterOne(rp.Policy, action)
		m.resourceCandidates(rpFiltered, set)
	}
	for _, p := range m.uncertain {
		set[p.idx>>6] |= 1 << (uint(p.idx) & 63)
	}
	var cands []*Principal
	for w, bits := range set {
		for bits != 0 {
			b := trailingZeros(bits)
			bits &= bits - 1
			cands = append(cands, m.principals[w*64+b])
		}
	}
	// The context keys each policy's statements for this action read that the request lacks:
	// a candidate none of whose policies reads one is settled without an explanation.
	open := m.openByPolicy(action, q.Context)
	var resOpen []string
	if rp != nil {
		resOpen = open[rp.Policy]
	}
	if a := m.accounts[resAcct]; a != nil {
		for _, lvl := range a.RCP {
			for _, pol := range lvl {
				resOpen = union(resOpen, open[pol])
			}
		}
	}
	var optMu sync.Mutex
	optCache := map[string]*eval.Evaluator{}
	out := make([]verdict, len(cands))
	decideOne := func(i int) {
		p := cands[i]
		req := eval.Request{Principal: p.ARN, Action: action, Resource: q.Resource, ResourceAccount: resAcct, Context: p.baseCtx}
		if q.Resource == "*" {
			req.ResourceAccount = ""
		}
		if len(q.Context) > 0 {
			req.Context = mergeContext(p.baseCtx, q.Context)
		}
		ev := p.ev
		acct := resAcct
		if q.Resource == "*" {
			acct = p.Account
		}
		var set eval.PolicySet
		if rp != nil || acct != p.Account {
			var err error
			set = m.requestSet(p, action, nil, rp, resAcct)
			ev, err = m.opts.Compile(set)
			if err != nil {
				out[i] = verdict{p: p, kind: 3, keys: []string{"compile error: " + err.Error()}}
				return
			}
		}
		d := ev.Decide(req)
		v := verdict{p: p}
		switch {
		case d == eval.Allow && !p.Uncertain():
			v.kind = 1
			if q.Explain {
				v.x = ev.Explain(req)
			}
		case p.Uncertain():
			if set.Identity == nil && set.Resource == nil {
				set = m.homeSet(p)
			}
			if may, keys := m.mayBeAllowed(p, set, req, d); may {
				v.kind, v.keys = 3, keys
			}
		default:
			keys := m.staticOpen(p, open, resOpen)
			if len(keys) == 0 {
				break
			}
			// Could values of those keys allow? The action's set with their conditions at
			// their best decides it (one compiled set per group of equal policies).
			fset := m.requestSet(p, action, nil, rp, resAcct)
			gk := m.groupKey(p, fset) + "#" + strings.Join(keys, ",")
			optMu.Lock()
			oev := optCache[gk]
			optMu.Unlock()
			if oev == nil {
				var err error
				if oev, err = m.opts.Compile(optimistic(fset, keys)); err != nil {
					break
				}
				optMu.Lock()
				optCache[gk] = oev
				optMu.Unlock()
			}
			if oev.Decide(req) != eval.Allow {
				break
			}
			x := ev.Explain(req)
			if k := conditionalKeys(p, x.MissingKeys); len(k) > 0 {
				keys = k
			}
			v.kind, v.keys, v.x = 2, keys, x
		}
		out[i] = v
	}
	parallel(len(cands), decideOne)
	for _, v := range out {
		if v.kind == 0 {
			continue
		}
		g := Grant{Principal: v.p.ARN, Kind: v.p.Kind.String(), Action: action, Keys: v.keys}
		if v.x != nil && v.kind == 1 {
			g.Statements = statementRefs(v.x)
		}
		switch v.kind {
		case 1:
			res.Allowed = append(res.Allowed, g)
		case 2:
			res.Conditional = append(res.Conditional, g)
		case 3:
			g.Missing = v.p.Missing
			res.Uncertain = append(res.Uncertain, g)
		}
	}
	if rpFiltered != nil {
		res.Outside = append(res.Outside, m.outside(rpFiltered, action, q, resAcct)...)
	}
}

// parallel runs f(0..n-1) on every core when n is large enough to pay for it.
func parallel(n int, f func(int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 256 || workers == 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				f(i)
			}
		}(lo, hi)
	}
	wg.Wait()
}

func trailingZeros(x uint64) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

// knownKeys are context keys the model fills from the principal itself: a condition on them is
// settled, not conditional.
var knownKeys = map[string]bool{
	"aws:principalarn": true, "aws:principalaccount": true, "aws:principaltype": true,
	"aws:username": true, "aws:userid": true, "aws:principalorgid": true,
	"aws:principalorgpaths": true, "aws:resourceaccount": true,
	"aws:principalisawsservice": true, "aws:principalservicename": true,
}

// conditionalKeys drops from missing the keys the model settles for p. A user's tags are known,
// so an absent aws:PrincipalTag/K is absent; a role's sessions may carry session tags (S9.6), so
// for a role it stays open.
func conditionalKeys(p *Principal, missing []string) []string {
	var out []string
	for _, k := range missing {
		lk := strings.ToLower(k)
		if knownKeys[lk] {
			continue
		}
		if p != nil && p.Kind == KindUser && strings.HasPrefix(lk, "aws:principaltag/") {
			continue
		}
		out = append(out, k)
	}
	return out
}

// resourceCandidates marks the principals of the model that an Allow statement of the resource
// policy names: users and roles by ARN or unique ID, sessions' roles, and everyone for "*".
// Principals named through their account are candidates through their own identity policies
// already (delegation needs an identity Allow, E7.6, X8.1).
func (m *Model) resourceCandidates(rp *policy.Policy, set []uint64) {
	mark := func(p *Principal) { set[p.idx>>6] |= 1 << (uint(p.idx) & 63) }
	for i := range rp.Statements {
		s := &rp.Statements[i]
		if s.Effect != policy.Allow {
			continue
		}
		// Allow with NotPrincipal (legacy) grants everyone not listed; "*" grants everyone.
		if s.NotPrincipal != nil || s.Principal != nil && (s.Principal.Wildcard || hasValue(s.Principal.AWS, "*")) {
			for _, p := range m.principals {
				mark(p)
			}
			return
		}
		if s.Principal == nil {
			continue
		}
		if s.Principal.AWS == nil {
			continue
		}
		for _, v := range s.Principal.AWS.Values {
			if p, ok := m.Principal(v.Value); ok {
				mark(p)
				continue
			}
			if a, err := arn.Parse(v.Value); err == nil && a.IsAssumedRole() {
				if p, _, err := m.lookupPrincipal(v.Value); err == nil {
					mark(p)
				}
			}
		}
	}
}

func hasValue(s *policy.Strings, v string) bool {
	if s == nil {
		return false
	}
	for _, x := range s.Values {
		if x.Value == v {
			return true
		}
	}
	return false
}

// allowAll stands for the identity policies of a principal outside the model: whatever its own
// account allows it, the resource side is what the model can answer (X8.1).
var allowAll = func() *policy.Policy {
	p, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`))
	if err != nil {
		panic(err) // a constant document
	}
	p.Name = "(the principal's own policies, assumed to allow)"
	return p
}()

// outside lists the principals outside the model that the resource policy grants the action:
// each entry of an Allow statement's Principal that is not a user or role of the model is
// decided against the resource policy and the resource account's RCPs, its own policies assumed
// to allow.
func (m *Model) outside(rp *policy.Policy, action string, q WhoCanRequest, resAcct string) []Grant {
	set := eval.PolicySet{Identity: []*policy.Policy{allowAll}, Resource: rp}
	if a := m.accounts[resAcct]; a != nil {
		for _, lvl := range a.RCP {
			set.RCP = append(set.RCP, nonNil(m.filter(lvl, action)))
		}
	}
	ev, err := m.opts.Compile(set)
	if err != nil {
		return []Grant{{Principal: "?", Kind: "error", Action: action, Note: err.Error()}}
	}
	var out []Grant
	seen := map[string]bool{}
	for i := range rp.Statements {
		s := &rp.Statements[i]
		if s.Effect != policy.Allow || s.Principal == nil {
			continue
		}
		type entry struct{ kind, text, caller string }
		var entries []entry
		if s.Principal.Wildcard {
			entries = append(entries, entry{"anyone", "*", "anonymous"})
		}
		if s.Principal.AWS != nil {
			for _, v := range s.Principal.AWS.Values {
				t := v.Value
				switch {
				case t == "*":
					entries = append(entries, entry{"anyone", "*", "anonymous"})
				case arn.IsAccountID(t):
					entries = append(entries, entry{"account", t, "arn:aws:iam::" + t + ":role/any-principal-of-the-account"})
				case strings.HasPrefix(t, "arn:"):
					if _, ok := m.byARN[t]; ok {
						continue // decided with its own policies above
					}
					a, err := arn.Parse(t)
					switch {
					case err == nil && a.IsRoot():
						entries = append(entries, entry{"account", t, "arn:" + a.Partition + ":iam::" + a.Account + ":role/any-principal-of-the-account"})
					case err == nil:
						if _, _, err := m.lookupPrincipal(t); err == nil {
							continue // a session of a role of the model
						}
						entries = append(entries, entry{"arn", t, t})
					default:
						entries = append(entries, entry{"arn", t, ""})
					}
				default:
					if _, ok := m.byID[t]; ok {
						continue
					}
					entries = append(entries, entry{"unique-id", t, ""})
				}
			}
		}
		if s.Principal.Service != nil {
			for _, v := range s.Principal.Service.Values {
				entries = append(entries, entry{"service", v.Value, v.Value})
			}
		}
		if s.Principal.Federated != nil {
			for _, v := range s.Principal.Federated.Values {
				entries = append(entries, entry{"federated", v.Value, "federated:" + v.Value})
			}
		}
		if s.Principal.CanonicalUser != nil {
			for _, v := range s.Principal.CanonicalUser.Values {
				entries = append(entries, entry{"canonical-user", v.Value, ""})
			}
		}
		for _, e := range entries {
			if seen[e.kind+" "+e.text] {
				continue
			}
			seen[e.kind+" "+e.text] = true
			g := Grant{Principal: e.text, Kind: e.kind, Action: action, Note: "its own account's policies (and SCPs) must allow it too (X8.1)"}
			switch e.kind {
			case "anyone":
				g.Note = "anyone, anonymous callers included (P4.9)"
			case "service", "federated":
				g.Note = "only the resource side applies to it (E7.11)"
			}
			if e.caller == "" {
				g.Note = "not decided: requests carry no such identifier; listed from the statement"
				g.Statements = []StatementRef{refOf(rp, s, "resource")}
				out = append(out, g)
				continue
			}
			req := eval.Request{Principal: e.caller, Action: action, Resource: q.Resource, ResourceAccount: resAcct, Context: q.Context}
			if e.kind == "account" || e.kind == "arn" {
				if a, err := arn.Parse(e.caller); err == nil && a.IsRole() {
					req.Context = mergeContext([]condition.Entry{{Key: "aws:PrincipalArn", Values: []string{e.caller}}}, q.Context)
				}
			}
			x := ev.Explain(req)
			switch {
			case x.Decision == eval.Allow:
				for _, r := range statementRefs(x) {
					if r.Kind == "resource" {
						g.Statements = append(g.Statements, r)
					}
				}
				out = append(out, g)
			case len(x.MissingKeys) > 0:
				g.Keys = m.openKeys(nil, set, req, x)
				g.Statements = []StatementRef{refOf(rp, s, "resource")}
				if len(g.Keys) > 0 {
					out = append(out, g)
				}
			}
		}
	}
	return out
}

func refOf(p *policy.Policy, s *policy.Statement, kind string) StatementRef {
	pos := p.Position(s.Span.Offset)
	r := StatementRef{Policy: p.Name, Kind: kind, Path: s.Path(p), Line: pos.Line, Col: pos.Col, Effect: s.Effect.String()}
	if s.Sid != nil {
		r.Sid = s.Sid.Value
	}
	return r
}

// statementRefs lists the statements an explanation matched.
func statementRefs(x *eval.Explanation) []StatementRef {
	out := make([]StatementRef, 0, len(x.Matched))
	for _, mt := range x.Matched {
		out = append(out, StatementRef{Policy: mt.PolicyName, Kind: mt.Kind.String(), Sid: mt.Sid, Path: mt.Path,
			Line: mt.Position.Line, Col: mt.Position.Col, Effect: mt.Effect.String()})
	}
	return out
}

// condStmts lists, for a policy with conditions, its statements that have some and the keys
// they read that the model does not fill itself; built once at load.
type condStmts struct {
	p     *policy.Policy
	pa    *policyActions
	stmts []int
	keys  [][]string
}

// openByPolicy returns, for every policy of the model with conditions, the context keys that
// its statements able to match action read and that ctx does not hold.
func (m *Model) openByPolicy(action string, ctx []condition.Entry) map[*policy.Policy][]string {
	out := map[*policy.Policy][]string{}
	for i := range m.conds {
		c := &m.conds[i]
		var keys []string
		for j, st := range c.stmts {
			if !c.pa.stmts[st].matches(action) {
				continue
			}
			for _, k := range c.keys[j] {
				if !inContext(ctx, k) {
					keys = union(keys, []string{k})
				}
			}
		}
		if len(keys) > 0 {
			out[c.p] = keys
		}
	}
	return out
}

// buildConds fills m.conds.
func (m *Model) buildConds() {
	for p, pa := range m.acts {
		if !m.hasCond[p] {
			continue
		}
		c := condStmts{p: p, pa: pa}
		for i := range p.Statements {
			s := &p.Statements[i]
			var keys []string
			for _, cd := range s.Conditions {
				if k := cd.Key.Value; !knownKeys[strings.ToLower(k)] {
					keys = union(keys, []string{k})
				}
			}
			if len(keys) > 0 {
				c.stmts = append(c.stmts, i)
				c.keys = append(c.keys, keys)
			}
		}
		if len(c.stmts) > 0 {
			m.conds = append(m.conds, c)
		}
	}
}

func inContext(ctx []condition.Entry, k string) bool {
	for _, e := range ctx {
		if strings.EqualFold(e.Key, k) {
			return true
		}
	}
	return false
}

// union adds to a the strings of b it lacks (compared without case).
func union(a, b []string) []string {
	for _, x := range b {
		if !inList(a, x) {
			a = append(a, x)
		}
	}
	return a
}

func inList(a []string, x string) bool {
	for _, y := range a {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}

// staticOpen lists the open keys of p's policies for the query (a user's own tags settled).
func (m *Model) staticOpen(p *Principal, open map[*policy.Policy][]string, resOpen []string) []string {
	var keys []string
	add := func(pol *policy.Policy) {
		for _, k := range open[pol] {
			if p.Kind == KindUser && len(k) > len("aws:principaltag/") && strings.EqualFold(k[:len("aws:principaltag/")], "aws:principaltag/") {
				continue
			}
			if !inList(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	for _, pol := range p.identity {
		add(pol)
	}
	if p.Boundary != nil {
		add(p.Boundary.Policy)
	}
	for _, lvl := range p.acct.SCP {
		for _, pol := range lvl {
			add(pol)
		}
	}
	for _, k := range resOpen {
		if !inList(keys, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// groupKey identifies a request's filtered set by the policies it was made from, so that
// principals decided by equal sets share compiled work.
func (m *Model) groupKey(p *Principal, set eval.PolicySet) string {
	var b strings.Builder
	b.WriteString(p.Account)
	b.WriteString(p.Kind.String())
	for i, q := range set.Identity {
		if len(q.Statements) > 0 {
			fmt.Fprintf(&b, "|%p", p.identity[i])
		}
	}
	if p.Boundary != nil {
		fmt.Fprintf(&b, "|b%p:%d", p.Boundary.Policy, len(set.Boundary[0].Statements))
	}
	return b.String()
}
