package escalate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamgo/iam/account"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// Options configures Analyze. The zero value is ready to use.
type Options struct {
	// Now, when set, is the time of the attack: every request carries aws:CurrentTime and
	// aws:EpochTime of that time, and aws:TokenIssueTime of a session created then (the
	// attacker can always get a fresh session: sts:GetSessionToken for a user, S9.7), which
	// is reported as an assumption where a statement reads it. Without it the time keys are
	// missing, and steps whose conditions read them are conditional.
	Now func() time.Time
	// Context holds context keys every request is assumed to carry (they replace the keys
	// above of the same name).
	Context []condition.Entry
	// InstanceProfiles says which roles have an instance profile (role ARN → true), as read
	// from the exports with InstanceProfiles. Nil means unknown: the EC2 techniques are then
	// conditional on the profile; a non-nil map without a role means it has none.
	InstanceProfiles map[string]bool
	// PolicyVersions gives the number of versions of each customer managed policy, as read
	// from the exports with PolicyVersions. Nil means unknown: iam:CreatePolicyVersion is then
	// conditional on the policy having fewer than five versions; with a count of five it needs
	// iam:DeletePolicyVersion too.
	PolicyVersions map[string]int
	// Region is the region of the resources the techniques create (default us-east-1).
	Region string
}

// probeName names the resources the analysis invents: a new resource the attacker names, or
// a stand-in for an existing one.
const probeName = "escalate-probe"

// adminProbes are the requests an admin-equivalent principal is allowed: an action and a
// resource no policy names except by "*", and sensitive actions of the main services, so that
// a Deny on any of them (or a boundary or SCP without them) disqualifies.
var adminProbes = []struct{ action, resource string }{
	{"escalateprobe:AnyAction", "*"},
	{"escalateprobe:AnyAction", "arn:aws:escalateprobe:{r}:{a}:thing/{n}"},
	{"iam:PutRolePolicy", "arn:aws:iam::{a}:role/{n}"},
	{"iam:AttachUserPolicy", "arn:aws:iam::{a}:user/{n}"},
	{"iam:CreateAccessKey", "arn:aws:iam::{a}:user/{n}"},
	{"iam:PassRole", "arn:aws:iam::{a}:role/{n}"},
	{"iam:CreatePolicyVersion", "arn:aws:iam::{a}:policy/{n}"},
	{"organizations:LeaveOrganization", "*"},
	{"ec2:RunInstances", "arn:aws:ec2:{r}:{a}:instance/{n}"},
	{"lambda:UpdateFunctionCode", "arn:aws:lambda:{r}:{a}:function:{n}"},
	{"s3:GetObject", "arn:aws:s3:::{n}/{n}"},
}

const adminPolicyText = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

// assumedKeys are context keys whose value the attacker chooses (a fresh session's issue
// time): a step allowed through a condition on them is Assumed, not Certain.
var assumedKeys = map[string]string{
	"aws:tokenissuetime": "aws:TokenIssueTime is the time of a session the attacker creates at the time of the attack (a user calls sts:GetSessionToken, S9.7)",
}

type analyzer struct {
	m        *account.Model
	opts     Options
	ctx      []condition.Entry
	region   string
	admin    map[string]bool
	covers   map[string]*cover
	ctxual   map[string]bool
	grant    map[string]grantable
	member   map[string]membership // user ARN + "\x00" + group ARN → memberAdmin
	trust    map[string]*Step      // role ARN + "\x00" + service → trust step (nil: not trusted)
	trustEv  map[string]*eval.Evaluator
	edges    []Edge
	adminPol *policy.Policy
	// from holds the assumption graph's edges by caller, fromTo by caller and role.
	from         map[string][]account.Edge
	fromTo       map[string]account.Edge
	index        map[string]map[string][]*account.Principal
	trustedRoles map[string][]*account.Principal
	calls        map[string][]Step
	listed       map[string]int
	omitted      int
}

// membership is a cached memberAdmin answer.
type membership struct {
	res  grantable
	next bool
}

type grantable struct {
	status Status
	ok     bool
	why    string
}

// Analyze finds the escalation graph of the model, its admin-equivalent principals and, for
// every other principal that can reach one, the shortest path with every step's evidence.
// Each step is decided by the engine on the model (denies, boundaries, SCPs and RCPs,
// resource constraints, conditions); a step that depends on something the inputs do not
// describe is reported as conditional on it, and one whose caller lacks policies in the
// model as uncertain (C5.0).
func Analyze(m *account.Model, opts Options) (*Result, error) {
	if m == nil {
		return nil, fmt.Errorf("escalate: nil model")
	}
	a := &analyzer{m: m, opts: opts, region: opts.Region, admin: map[string]bool{}, covers: map[string]*cover{}, ctxual: map[string]bool{},
		grant: map[string]grantable{}, member: map[string]membership{}, trust: map[string]*Step{}, trustEv: map[string]*eval.Evaluator{}}
	if a.region == "" {
		a.region = "us-east-1"
	}
	res := &Result{}
	if opts.Now != nil {
		now := opts.Now().UTC()
		ts := now.Format(time.RFC3339)
		a.ctx = []condition.Entry{
			{Key: "aws:CurrentTime", Values: []string{ts}},
			{Key: "aws:EpochTime", Values: []string{strconv.FormatInt(now.Unix(), 10)}},
			{Key: "aws:TokenIssueTime", Values: []string{ts}},
		}
		res.Now = ts
	}
	a.ctx = merge(a.ctx, opts.Context)
	p, err := policy.Parse([]byte(adminPolicyText))
	if err != nil {
		return nil, err
	}
	p.Name = "escalate:granted-by-the-attacker"
	a.adminPol = p
	g := m.AssumeGraph(a.ctx)
	a.from, a.fromTo = map[string][]account.Edge{}, map[string]account.Edge{}
	a.index, a.trustedRoles = map[string]map[string][]*account.Principal{}, map[string][]*account.Principal{}
	a.calls, a.listed = map[string][]Step{}, map[string]int{}
	for _, r := range m.Principals() {
		if r.Kind != account.KindRole {
			continue
		}
		for _, e := range g.Into(r.ARN) {
			if (e.Kind == "user" || e.Kind == "role") && e.Action == "sts:AssumeRole" {
				a.from[e.From] = append(a.from[e.From], e)
				// Keep the strongest edge: certain before session-bound, conditional, uncertain.
				if old, dup := a.fromTo[e.From+"\x00"+e.To]; !dup || edgeRank(e) < edgeRank(old) {
					a.fromTo[e.From+"\x00"+e.To] = e
				}
			}
		}
	}

	ps := m.Principals()
	for _, p := range ps {
		if a.directAdmin(p) {
			a.admin[p.ARN] = true
			res.Admins = append(res.Admins, Admin{Principal: p.ARN, Kind: p.Kind.String(), Direct: true})
		}
	}
	for _, u := range ps {
		// Service-linked roles are assumed by their service only (E7.9): no attacker holds
		// one, so they are never the start of a path.
		if a.admin[u.ARN] || u.IsServiceLinked() {
			continue
		}
		a.principalEdges(u)
	}
	// A service edge to a role matters only if the role leads to an admin-equivalent
	// principal: service edges are added towards the roles that do, until none is new.
	done := map[string]bool{}
	for {
		dist, _ := a.distances(Uncertain)
		fresh := map[string]int{}
		for p, d := range dist {
			if !done[p] {
				fresh[p], done[p] = d, true
			}
		}
		if len(fresh) == 0 {
			break
		}
		for _, u := range ps {
			if !a.admin[u.ARN] && !u.IsServiceLinked() {
				a.serviceEdges(u, fresh)
			}
		}
	}
	a.search(res)
	res.Omitted = a.omitted
	return res, nil
}

// edgeRank orders assumption edges from the strongest.
func edgeRank(e account.Edge) int {
	switch {
	case e.Uncertain:
		return 3
	case len(e.Keys) > 0:
		return 2
	case e.Session != "":
		return 1
	}
	return 0
}

// merge returns base with the entries of over added, an entry of over replacing one of base
// with the same key (compared without case).
func merge(base, over []condition.Entry) []condition.Entry {
	out := make([]condition.Entry, 0, len(base)+len(over))
	for _, b := range base {
		replaced := false
		for _, o := range over {
			if strings.EqualFold(o.Key, b.Key) {
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, b)
		}
	}
	return append(out, over...)
}

func (a *analyzer) fill(tmpl, acct string) string {
	if !strings.Contains(tmpl, "{") {
		return tmpl
	}
	tmpl = strings.ReplaceAll(tmpl, "{a}", acct)
	tmpl = strings.ReplaceAll(tmpl, "{r}", a.region)
	return strings.ReplaceAll(tmpl, "{n}", probeName)
}

// directAdmin reports whether the model allows p every admin probe with certainty.
func (a *analyzer) directAdmin(p *account.Principal) bool {
	if p.Uncertain() {
		return false
	}
	for _, pr := range adminProbes {
		req := account.Request{Principal: p.ARN, Action: pr.action, Resource: a.fill(pr.resource, p.Account), Context: a.ctx}
		if strings.HasPrefix(req.Resource, "arn:aws:s3:") {
			req.ResourceAccount = p.Account
		}
		ans, err := a.m.Decide(req)
		if err != nil || ans.Decision != eval.Allow {
			return false
		}
	}
	return true
}

// scp returns the SCP levels that apply to p (none for the management account and
// service-linked roles, E7.9).
func (a *analyzer) scp(p *account.Principal) [][]*policy.Policy {
	acct, ok := a.m.Account(p.Account)
	if !ok || acct.Management || p.IsServiceLinked() {
		return nil
	}
	return acct.SCP
}

// setAdmin decides whether the identity policies ids, with p's boundary and SCPs, allow every
// admin probe.
func (a *analyzer) setAdmin(p *account.Principal, ids []*policy.Policy) grantable {
	if p.BoundaryARN != "" && p.Boundary == nil {
		return grantable{status: Uncertain, ok: true, why: "the boundary " + p.BoundaryARN + " is missing from the inputs"}
	}
	set := eval.PolicySet{Identity: ids, SCP: a.scp(p)}
	if p.Boundary != nil {
		set.Boundary = []*policy.Policy{p.Boundary.Policy}
	}
	ev, err := eval.Compile(set)
	if err != nil {
		return grantable{}
	}
	st := Certain
	for _, pr := range adminProbes {
		req := eval.Request{Principal: p.ARN, Action: pr.action, Resource: a.fill(pr.resource, p.Account),
			Context: merge([]condition.Entry{{Key: "aws:PrincipalArn", Values: []string{p.ARN}}}, a.ctx)}
		if strings.HasPrefix(req.Resource, "arn:aws:s3:") {
			req.ResourceAccount = p.Account
		}
		if ev.Decide(req) == eval.Allow {
			continue
		}
		x := ev.Explain(req)
		if x.Decision == eval.ExplicitDeny || len(x.MissingKeys) == 0 {
			return grantable{}
		}
		st = Conditional
	}
	return grantable{status: st, ok: true}
}

// grantableAdmin says whether p becomes admin-equivalent once the attacker gives it a policy
// allowing everything: its other identity policies (their Deny statements stay), boundary
// and SCPs decide (E7.4). except names a policy the attacker replaces (a new default version
// of it), which no longer counts.
func (a *analyzer) grantableAdmin(p *account.Principal, except string) grantable {
	k := p.ARN + "\x00" + except
	if g, ok := a.grant[k]; ok {
		return g
	}
	ids := []*policy.Policy{a.adminPol}
	for _, pol := range p.Identity() {
		if pol.Name != except {
			ids = append(ids, pol)
		}
	}
	g := a.setAdmin(p, ids)
	a.grant[k] = g
	return g
}

// cover is what p's identity policies say about one action: the Allow statements whose
// Action covers it, and whether any of them has a condition.
type cover struct {
	stmts []*policy.Statement
	cond  bool
}

// coverOf returns the cover of action for p (cached).
func (a *analyzer) coverOf(p *account.Principal, action string) *cover {
	k := p.ARN + "\x00" + action
	if c, ok := a.covers[k]; ok {
		return c
	}
	c := &cover{}
	for _, pol := range p.Identity() {
		for i := range pol.Statements {
			if st := &pol.Statements[i]; stmtCovers(st, action) {
				c.stmts = append(c.stmts, st)
				c.cond = c.cond || st.HasCondition
			}
		}
	}
	a.covers[k] = c
	return c
}

// mention reports whether p has an Allow statement whose Action covers action: without one,
// and without a resource policy or missing policies, the request cannot be allowed.
func (a *analyzer) mention(p *account.Principal, action string) bool {
	return p.Uncertain() || len(a.coverOf(p, action).stmts) > 0
}

// mayAllow reports whether one of p's Allow statements covers both action and resource
// (over-approximated: NotResource and policy variables count as covering).
func (a *analyzer) mayAllow(p *account.Principal, action, resource string) bool {
	if p.Uncertain() {
		return true
	}
	for _, st := range a.coverOf(p, action).stmts {
		if st.Resource == nil {
			return true
		}
		for _, v := range st.Resource.Values {
			if strings.Contains(v.Value, "${") || glob(v.Value, resource) {
				return true
			}
		}
	}
	return false
}

// contextual reports whether a condition outside p's identity policies (its boundary, its
// SCPs) could make a request depend on context keys.
func (a *analyzer) contextual(p *account.Principal) bool {
	if v, ok := a.ctxual[p.ARN]; ok {
		return v
	}
	var pols []*policy.Policy
	if p.Boundary != nil {
		pols = append(pols, p.Boundary.Policy)
	}
	for _, level := range a.scp(p) {
		pols = append(pols, level...)
	}
	v := false
	for _, pol := range pols {
		for i := range pol.Statements {
			v = v || pol.Statements[i].HasCondition
		}
	}
	a.ctxual[p.ARN] = v
	return v
}

func stmtCovers(s *policy.Statement, action string) bool {
	if s.Effect != policy.Allow {
		return false
	}
	if s.Action != nil {
		for _, v := range s.Action.Values {
			if glob(v.Value, action) {
				return true
			}
		}
		return false
	}
	if s.NotAction != nil {
		for _, v := range s.NotAction.Values {
			if glob(v.Value, action) {
				return false
			}
		}
		return true
	}
	return false
}

// lower folds an ASCII letter.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// glob matches a pattern with * and ? without ASCII case (actions compare without case; for
// resources, which compare with case, it over-approximates, as a prefilter may).
func glob(pat, s string) bool {
	px, sx, star, mark := 0, 0, -1, 0
	for sx < len(s) {
		switch {
		case px < len(pat) && pat[px] != '*' && (pat[px] == '?' || lower(pat[px]) == lower(s[sx])):
			px++
			sx++
		case px < len(pat) && pat[px] == '*':
			star, mark = px, sx
			px++
		case star >= 0:
			px = star + 1
			mark++
			sx = mark
		default:
			return false
		}
	}
	for px < len(pat) && pat[px] == '*' {
		px++
	}
	return px == len(pat)
}

func entryText(es []condition.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Key+"="+strings.Join(e.Values, ","))
	}
	return out
}

// call decides one request of principal p. ok is false when the request is denied for
// certain (explicit deny, or no statement can allow it whatever the context).
func (a *analyzer) call(p *account.Principal, action, resource string, extra ...condition.Entry) (Step, bool) {
	st := Step{Caller: p.ARN, Action: action, Resource: resource, Context: entryText(extra)}
	_, hasPolicy := a.m.ResourcePolicyFor(resource)
	if !hasPolicy && !a.mayAllow(p, action, resource) {
		return st, false
	}
	req := account.Request{Principal: p.ARN, Action: action, Resource: resource, Context: merge(a.ctx, extra)}
	ans, err := a.m.Decide(req)
	if err != nil || ans.Decision == eval.ExplicitDeny {
		return st, false
	}
	// Denied on the policies the model has, none of which reads the context: nothing to explain.
	if ans.Decision == eval.ImplicitDeny && !ans.Uncertain && !hasPolicy && !a.coverOf(p, action).cond && !a.contextual(p) {
		return st, false
	}
	full, err := a.m.Can(req)
	if err != nil || full.Explanation == nil {
		return st, false
	}
	x := full.Explanation
	switch {
	case full.Decision == eval.Allow:
		st.Status = Certain
		for _, k := range a.allowKeys(p, x) {
			if _, ok := assumedKeys[strings.ToLower(k)]; ok {
				st.Status = Assumed
				st.Keys = append(st.Keys, k)
			}
		}
	case full.Uncertain:
		st.Status, st.Missing = Uncertain, full.Missing
	case len(x.MissingKeys) > 0:
		st.Status, st.Keys = Conditional, x.MissingKeys
	default:
		return st, false
	}
	st.Statements = evidence(x)
	return st, true
}

// allowKeys returns the condition keys of the Allow statements that matched.
func (a *analyzer) allowKeys(p *account.Principal, x *eval.Explanation) []string {
	var keys []string
	for _, mt := range x.Matched {
		if mt.Effect != policy.Allow {
			continue
		}
		for _, pol := range p.Identity() {
			if pol.Name != mt.PolicyName || mt.StatementIndex >= len(pol.Statements) {
				continue
			}
			for _, c := range pol.Statements[mt.StatementIndex].Conditions {
				keys = append(keys, c.Key.Value)
			}
		}
	}
	return keys
}

func evidence(x *eval.Explanation) []Evidence {
	var out []Evidence
	for _, mt := range x.Matched {
		out = append(out, Evidence{Policy: mt.PolicyName, Kind: mt.Kind.String(), Sid: mt.Sid, Path: mt.Path,
			Line: mt.Position.Line, Col: mt.Position.Col, Effect: mt.Effect.String()})
	}
	return out
}

// worst returns the weakest of the statuses.
func worst(ss ...Status) Status {
	w := Certain
	for _, s := range ss {
		if s > w {
			w = s
		}
	}
	return w
}

// finish sets the edge's status from its steps, requirements and assumptions, and records it.
func (a *analyzer) finish(e Edge) {
	st := Certain
	for _, s := range e.Steps {
		st = worst(st, s.Status)
		if s.Status == Assumed {
			for _, k := range s.Keys {
				if why, ok := assumedKeys[strings.ToLower(k)]; ok && !contains(e.Assumptions, why) {
					e.Assumptions = append(e.Assumptions, why)
				}
			}
		}
	}
	if len(e.Requires) > 0 {
		st = worst(st, Conditional)
	}
	if len(e.Assumptions) > 0 {
		st = worst(st, Assumed)
	}
	e.Status = worst(st, e.Status)
	a.edges = append(a.edges, e)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// sortedEdges orders edges for stable output.
func sortEdges(es []Edge) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].From != es[j].From {
			return es[i].From < es[j].From
		}
		if es[i].Status != es[j].Status {
			return es[i].Status < es[j].Status
		}
		if si, sj := es[i].From == es[i].To, es[j].From == es[j].To; si != sj {
			return si
		}
		if len(es[i].Requires) != len(es[j].Requires) {
			return len(es[i].Requires) < len(es[j].Requires)
		}
		if len(es[i].Steps) != len(es[j].Steps) {
			return len(es[i].Steps) < len(es[j].Steps)
		}
		if es[i].Technique != es[j].Technique {
			return es[i].Technique < es[j].Technique
		}
		return es[i].To < es[j].To
	})
}
