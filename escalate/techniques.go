package escalate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamgo/iam/account"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// mod is one way the attacker can widen a principal's permissions.
type mod struct {
	id       string
	target   string
	steps    []Step
	requires []string
	status   Status // of the result (the boundary and SCPs of the principal)
}

// reach is one way the attacker can act as another principal.
type reach struct {
	id       string
	steps    []Step
	requires []string
}

func adminPolicyARN(p *account.Principal) string {
	part := "aws"
	if f := strings.SplitN(p.ARN, ":", 3); len(f) == 3 {
		part = f[1]
	}
	return "arn:" + part + ":iam::aws:policy/AdministratorAccess"
}

func entry(k, v string) condition.Entry { return condition.Entry{Key: k, Values: []string{v}} }

// boundaryCtx is the iam:PermissionsBoundary key of a request on principal t (its boundary).
func boundaryCtx(t *account.Principal) []condition.Entry {
	if t.BoundaryARN == "" {
		return nil
	}
	return []condition.Entry{entry("iam:PermissionsBoundary", t.BoundaryARN)}
}

// customerPolicies lists the customer managed policies attached to t, directly or through
// its groups, with how.
func customerPolicies(t *account.Principal) (pols []*account.ManagedPolicy, how []string) {
	seen := map[string]bool{}
	add := func(mp *account.ManagedPolicy, via string) {
		if mp == nil || mp.AWSManaged || seen[mp.ARN] {
			return
		}
		seen[mp.ARN] = true
		pols = append(pols, mp)
		how = append(how, via)
	}
	for _, mp := range t.Attached {
		add(mp, "attached to "+t.ARN)
	}
	for _, g := range t.Groups {
		for _, mp := range g.Attached {
			add(mp, "attached to its group "+g.ARN)
		}
	}
	return pols, how
}

// mods lists how u can widen t's permissions to everything (first way of each technique).
func (a *analyzer) mods(u, t *account.Principal) []mod {
	var out []mod
	var g grantable
	if a.mentionsAny(u, principalActions) {
		g = a.grantableAdmin(t, "")
	}
	pols, how := customerPolicies(t)
	for i, mp := range pols {
		gv := a.grantableAdmin(t, mp.ARN)
		if s, ok := a.call(u, "iam:CreatePolicyVersion", mp.ARN); ok && gv.ok {
			s.Note = "the policy is " + how[i] + "; the new default version allows everything"
			md := mod{id: "iam-001", target: mp.ARN, steps: []Step{s}, status: gv.status}
			if gv.why != "" {
				md.requires = append(md.requires, gv.why)
			}
			// A policy has at most five versions.
			switch n, known := a.opts.PolicyVersions[mp.ARN]; {
			case a.opts.PolicyVersions == nil || !known:
				md.requires = append(md.requires, mp.ARN+" has fewer than five versions (version counts not given)")
			case n >= 5:
				d, ok := a.call(u, "iam:DeletePolicyVersion", mp.ARN)
				if !ok {
					continue
				}
				d.Note = "the policy has five versions: one non-default version is deleted first"
				md.steps = append([]Step{d}, md.steps...)
			}
			out = append(out, md)
			break
		}
	}
	for i, mp := range pols {
		if s, ok := a.call(u, "iam:SetDefaultPolicyVersion", mp.ARN); ok {
			s.Note = "the policy is " + how[i]
			out = append(out, mod{id: "extra-001", target: mp.ARN, steps: []Step{s},
				requires: []string{"a non-default version of " + mp.ARN + " that grants more than the default one (the model keeps only default versions)"}, status: Conditional})
			break
		}
	}
	bctx := boundaryCtx(t)
	adminCtx := append([]condition.Entry{entry("iam:PolicyARN", adminPolicyARN(t))}, bctx...)
	if t.Kind == account.KindUser {
		if s, ok := a.call(u, "iam:PutUserPolicy", t.ARN, bctx...); ok && g.ok {
			out = append(out, mod{id: "iam-007", target: t.ARN, steps: []Step{s}, status: g.status})
		}
		if s, ok := a.call(u, "iam:AttachUserPolicy", t.ARN, adminCtx...); ok && g.ok {
			out = append(out, mod{id: "iam-008", target: t.ARN, steps: []Step{s}, status: g.status})
		}
		for _, grp := range t.Groups {
			if s, ok := a.call(u, "iam:PutGroupPolicy", grp.ARN); ok && g.ok {
				out = append(out, mod{id: "iam-011", target: grp.ARN, steps: []Step{s}, status: g.status})
				break
			}
		}
		for _, grp := range t.Groups {
			if s, ok := a.call(u, "iam:AttachGroupPolicy", grp.ARN, entry("iam:PolicyARN", adminPolicyARN(t))); ok && g.ok {
				out = append(out, mod{id: "iam-010", target: grp.ARN, steps: []Step{s}, status: g.status})
				break
			}
		}
		if m, ok := a.joinGroup(u, t); ok {
			out = append(out, m)
		}
	} else {
		if s, ok := a.call(u, "iam:PutRolePolicy", t.ARN, bctx...); ok && g.ok {
			out = append(out, mod{id: "iam-005", target: t.ARN, steps: []Step{s}, status: g.status})
		}
		if s, ok := a.call(u, "iam:AttachRolePolicy", t.ARN, adminCtx...); ok && g.ok {
			out = append(out, mod{id: "iam-009", target: t.ARN, steps: []Step{s}, status: g.status})
		}
	}
	if g.why != "" {
		for i := range out {
			if out[i].id != "iam-001" {
				out[i].requires = append(out[i].requires, g.why)
			}
		}
	}
	return out
}

// joinGroup finds a group of t's account that u can add user t to and whose policies make t
// admin-equivalent, directly or by letting t write its own policy next.
func (a *analyzer) joinGroup(u, t *account.Principal) (mod, bool) {
	acct, ok := a.m.Account(t.Account)
	if !ok || !a.mention(u, "iam:AddUserToGroup") {
		return mod{}, false
	}
	in := map[string]bool{}
	for _, g := range t.Groups {
		in[g.ARN] = true
	}
	for _, g := range acct.Groups {
		if in[g.ARN] {
			continue
		}
		s, ok := a.call(u, "iam:AddUserToGroup", g.ARN)
		if !ok {
			continue
		}
		s.Note = "adds " + t.ARN + " to the group"
		res, next := a.memberAdmin(t, g)
		if !res.ok {
			continue
		}
		if next {
			s.Note += "; its policies let the user write its own policies next (iam:PutUserPolicy or iam:AttachUserPolicy on itself)"
		}
		var req []string
		if len(g.Missing) > 0 {
			req = append(req, "the group's policies "+strings.Join(g.Missing, ", ")+" are missing from the inputs")
		}
		st := res.status
		if len(req) > 0 {
			st = Uncertain
		}
		return mod{id: "iam-013", target: g.ARN, steps: []Step{s}, requires: req, status: st}, true
	}
	return mod{}, false
}

// selfWrite reports whether the identity policies ids (with u's boundary and SCPs) allow u to
// write or attach a policy to itself.
func (a *analyzer) selfWrite(u *account.Principal, ids []*policy.Policy) bool {
	set := eval.PolicySet{Identity: ids, SCP: a.scp(u)}
	if u.Boundary != nil {
		set.Boundary = []*policy.Policy{u.Boundary.Policy}
	}
	ev, err := eval.Compile(set)
	if err != nil {
		return false
	}
	ctx := merge([]condition.Entry{{Key: "aws:PrincipalArn", Values: []string{u.ARN}}}, a.ctx)
	for _, act := range []string{"iam:PutUserPolicy", "iam:AttachUserPolicy"} {
		c := ctx
		if act == "iam:AttachUserPolicy" {
			c = merge(ctx, []condition.Entry{entry("iam:PolicyARN", adminPolicyARN(u))})
		}
		if ev.Decide(eval.Request{Principal: u.ARN, Action: act, Resource: u.ARN, Context: c}) == eval.Allow {
			return true
		}
	}
	return false
}

// reaches lists how u can act as t (another principal of its account).
func (a *analyzer) reaches(u, t *account.Principal) []reach {
	var out []reach
	if t.Kind == account.KindUser {
		ck, okC := a.call(u, "iam:CreateAccessKey", t.ARN)
		if okC {
			if dk, okD := a.call(u, "iam:DeleteAccessKey", "arn:aws:iam::"+t.Account+":user/"+strings.TrimPrefix(t.Path, "/")+t.Name); okD {
				out = append(out, reach{id: "iam-003", steps: []Step{ck, dk}})
			} else {
				out = append(out, reach{id: "iam-002", steps: []Step{ck}, requires: []string{t.ARN + " has fewer than two access keys (exports do not list keys)"}})
			}
		}
		cl, okCL := a.call(u, "iam:CreateLoginProfile", t.ARN)
		ul, okUL := a.call(u, "iam:UpdateLoginProfile", t.ARN)
		switch {
		case okCL && okUL:
			out = append(out, reach{id: "iam-004+iam-006", steps: []Step{cl, ul}})
		case okCL:
			out = append(out, reach{id: "iam-004", steps: []Step{cl}, requires: []string{t.ARN + " has no console password yet (exports do not say)"}})
		case okUL:
			out = append(out, reach{id: "iam-006", steps: []Step{ul}, requires: []string{t.ARN + " has a console password (exports do not say)"}})
		}
		return out
	}
	if e, ok := a.fromTo[u.ARN+"\x00"+t.ARN]; ok {
		s := Step{Caller: u.ARN, Action: e.Action, Resource: t.ARN, Keys: e.Keys, Missing: e.Missing}
		switch {
		case e.Uncertain:
			s.Status = Uncertain
		case len(e.Keys) > 0:
			s.Status = Conditional
		case e.Session != "":
			s.Status = Assumed
			s.Note = "only the session named " + e.Session + " is admitted: the attacker names its session so"
		}
		// The evidence: both sides, as the model explains the request (identity and trust
		// policy, E7.7); the graph's trust statements when the model cannot say more.
		if ans, err := a.m.Can(account.Request{Principal: u.ARN, Action: e.Action, Resource: t.ARN, Context: a.ctx}); err == nil && ans.Explanation != nil {
			s.Statements = evidence(ans.Explanation)
		}
		if len(s.Statements) == 0 {
			for _, r := range e.Statements {
				s.Statements = append(s.Statements, Evidence{Policy: r.Policy, Kind: r.Kind, Sid: r.Sid, Path: r.Path, Line: r.Line, Col: r.Col, Effect: r.Effect})
			}
		}
		out = append(out, reach{id: "sts-001", steps: []Step{s}})
	}
	if s, ok := a.call(u, "iam:UpdateAssumeRolePolicy", t.ARN); ok {
		if as, ok := a.assumeAfterTrust(u, t); ok {
			out = append(out, reach{id: "iam-012", steps: []Step{s, as}})
		}
	}
	return out
}

// assumeAfterTrust decides sts:AssumeRole of t by u once t's trust policy names u: the
// attacker writes that policy, u's own side (identity, boundary, SCPs) still decides (E7.5,
// E7.7, X8.1).
func (a *analyzer) assumeAfterTrust(u, t *account.Principal) (Step, bool) {
	st := Step{Caller: u.ARN, Action: "sts:AssumeRole", Resource: t.ARN,
		Note: "decided against the trust policy the attacker writes, which allows sts:AssumeRole to " + u.ARN}
	doc := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":%q},"Action":"sts:AssumeRole"}]}`, u.ARN)
	trust, err := policy.Parse([]byte(doc))
	if err != nil {
		return st, false
	}
	trust.Name = t.ARN + "/AssumeRolePolicyDocument (written by the attacker)"
	set := eval.PolicySet{Identity: u.Identity(), Resource: trust, SCP: a.scp(u)}
	if u.Boundary != nil {
		set.Boundary = []*policy.Policy{u.Boundary.Policy}
	}
	ev, err := eval.Compile(set)
	if err != nil {
		return st, false
	}
	x := ev.Explain(eval.Request{Principal: u.ARN, Action: "sts:AssumeRole", Resource: t.ARN,
		Context: merge([]condition.Entry{{Key: "aws:PrincipalArn", Values: []string{u.ARN}}}, a.ctx)})
	st.Statements = evidence(x)
	switch {
	case x.Decision == eval.ExplicitDeny:
		return st, false
	case u.Uncertain():
		st.Status, st.Missing = Uncertain, u.Missing
	case x.Decision == eval.Allow:
	case len(x.MissingKeys) > 0:
		st.Status, st.Keys = Conditional, x.MissingKeys
	default:
		return st, false
	}
	return st, true
}

// comboIDs names the documented combinations of a modification and a way to reach.
var comboIDs = map[string]string{
	"iam-009+sts-001": "iam-014",
	"iam-008+iam-002": "iam-015", "iam-008+iam-003": "iam-015",
	"iam-001+sts-001": "iam-016",
	"iam-005+sts-001": "iam-017",
	"iam-007+iam-002": "iam-018", "iam-007+iam-003": "iam-018",
	"iam-009+iam-012": "iam-019",
	"iam-001+iam-012": "iam-020",
	"iam-005+iam-012": "iam-021",
}

// memberAdmin says whether user t becomes admin-equivalent as a member of g: directly, or
// (next) because g's policies let t write its own policy next. It does not depend on the
// attacker, and is cached by user and group.
func (a *analyzer) memberAdmin(t *account.Principal, g *account.Group) (res grantable, next bool) {
	k := t.ARN + "\x00" + g.ARN
	if m, ok := a.member[k]; ok {
		return m.res, m.next
	}
	ids := append([]*policy.Policy{}, t.Identity()...)
	for _, ip := range g.Inline {
		ids = append(ids, ip.Policy)
	}
	for _, mp := range g.Attached {
		ids = append(ids, mp.Policy)
	}
	res = a.setAdmin(t, ids)
	if !res.ok {
		// The group may let t write its own policy: then one more step.
		if a.selfWrite(t, ids) && a.grantableAdmin(t, "").ok {
			res, next = grantable{ok: true, status: a.grantableAdmin(t, "").status}, true
		}
	}
	a.member[k] = membership{res, next}
	return res, next
}

// principalEdges finds every edge from u.
func (a *analyzer) principalEdges(u *account.Principal) {
	acct, ok := a.m.Account(u.Account)
	if !ok {
		return
	}
	// Self-escalation.
	self := map[string]bool{}
	for _, md := range a.mods(u, u) {
		self[md.id] = true
		a.finish(Edge{From: u.ARN, To: u.ARN, Admin: true, Technique: md.id, Category: SelfEscalation, Target: md.target,
			Steps: md.steps, Requires: md.requires, Status: md.status})
	}
	// Other principals of the account: reach them, widen them, or both.
	others := a.candidates(u, acct)
	for _, t := range others {
		if t == u || t.IsServiceLinked() {
			continue
		}
		rs := a.reaches(u, t)
		for _, r := range rs {
			a.finish(Edge{From: u.ARN, To: t.ARN, Technique: r.id, Category: PrincipalAccess, Target: t.ARN, Steps: r.steps, Requires: r.requires})
		}
		if a.admin[t.ARN] || len(rs) == 0 {
			continue
		}
		for _, md := range a.mods(u, t) {
			for _, r := range rs {
				id := comboIDs[md.id+"+"+r.id]
				if id == "" {
					id = md.id + "+" + r.id
				}
				steps := append(append([]Step{}, md.steps...), r.steps...)
				req := append(append([]string{}, md.requires...), r.requires...)
				a.finish(Edge{From: u.ARN, To: t.ARN, Admin: true, Technique: id, Category: PrincipalAccess, Target: md.target,
					Steps: steps, Requires: req, Status: md.status})
			}
		}
	}
	a.footholds(u, acct, self)
}

// serviceCalls returns the decided service calls of technique tq by u (nil when one is denied
// or u's policies do not name every permission), cached: they do not depend on the role.
func (a *analyzer) serviceCalls(u *account.Principal, tq *Technique) []Step {
	k := u.ARN + "\x00" + tq.ID
	if c, ok := a.calls[k]; ok {
		return c
	}
	var calls []Step
	if a.mentionsAll(u, tq) {
		for _, sa := range tq.actions {
			s, ok := a.serviceCall(u, sa)
			if !ok {
				calls = nil
				break
			}
			calls = append(calls, s)
		}
	}
	a.calls[k] = calls
	return calls
}

// maxServiceEdges bounds, for one caller and one service technique, the roles an edge is
// listed to: the nearest to an admin-equivalent principal first. The steps of such edges
// differ only in the role passed, so the shortest paths are kept; the roles not examined are
// counted in Result.Omitted.
const maxServiceEdges = 3

// serviceEdges finds the edges of the service techniques from u to the roles in targets
// (with their distance to an admin-equivalent principal).
func (a *analyzer) serviceEdges(u *account.Principal, targets map[string]int) {
	acct, ok := a.m.Account(u.Account)
	if !ok {
		return
	}
	for i := range catalog {
		tq := &catalog[i]
		if tq.mech != mechService {
			continue
		}
		k := u.ARN + "\x00" + tq.ID
		if !a.mentionsAll(u, tq) {
			continue
		}
		var roles []*account.Principal
		for _, r := range a.trustedBy(acct, tq.Trusts) {
			if _, ok := targets[r.ARN]; ok && r != u {
				roles = append(roles, r)
			}
		}
		if len(roles) == 0 {
			continue
		}
		calls := a.serviceCalls(u, tq)
		if calls == nil {
			continue
		}
		if a.listed[k] >= maxServiceEdges {
			a.omitted += len(roles)
			continue
		}
		sort.SliceStable(roles, func(i, j int) bool { return targets[roles[i].ARN] < targets[roles[j].ARN] })
		for n, r := range roles {
			if a.listed[k] >= maxServiceEdges {
				a.omitted += len(roles) - n
				break
			}
			if a.serviceEdge(u, r, tq, calls) {
				a.listed[k]++
			}
		}
	}
}

func (a *analyzer) mentionsAll(u *account.Principal, tq *Technique) bool {
	if tq.PassedToService != "" && !a.mention(u, "iam:PassRole") {
		return false
	}
	for _, sa := range tq.actions {
		if !a.mention(u, sa.action) {
			return false
		}
	}
	return true
}

// serviceEdge decides technique tq by u with role r, given the service calls decided.
func (a *analyzer) serviceEdge(u, r *account.Principal, tq *Technique, calls []Step) bool {
	var steps []Step
	var req []string
	var trust *Step
	for _, svc := range tq.Trusts {
		if s := a.trusts(r, svc); s != nil && (trust == nil || s.Status < trust.Status) {
			trust = s
		}
	}
	if trust == nil {
		return false
	}
	if tq.InstanceProfile {
		if a.opts.InstanceProfiles == nil {
			req = append(req, r.ARN+" has an instance profile (not known: the exports' InstanceProfileList was not given)")
		} else if !a.opts.InstanceProfiles[r.ARN] {
			return false
		}
	}
	if tq.PassedToService != "" {
		s, ok := a.call(u, "iam:PassRole", r.ARN, entry("iam:PassedToService", tq.PassedToService))
		if !ok {
			return false
		}
		steps = append(steps, s)
	}
	steps = append(steps, calls...)
	steps = append(steps, *trust)
	if tq.Needs != "" {
		n := tq.Needs
		if strings.Contains(n, "%s") {
			n = fmt.Sprintf(n, r.ARN)
		}
		req = append(req, n)
	}
	a.finish(Edge{From: u.ARN, To: r.ARN, Technique: tq.ID, Category: tq.Category, Target: r.ARN, Steps: steps, Requires: req})
	return true
}

// serviceCall decides one service action of u: on the resource the technique names (a new
// resource the attacker names, or a stand-in for an existing one), else on an ARN that one of
// u's own Allow statements names for the action.
func (a *analyzer) serviceCall(u *account.Principal, sa serviceAction) (Step, bool) {
	first := a.fill(sa.resource, u.Account)
	s, ok := a.call(u, sa.action, first)
	if ok || sa.resource == "*" {
		return s, ok
	}
	service := sa.action[:strings.IndexByte(sa.action, ':')]
	for _, pol := range u.Identity() {
		for i := range pol.Statements {
			st := &pol.Statements[i]
			if !stmtCovers(st, sa.action) || st.Resource == nil {
				continue
			}
			for _, rv := range st.Resource.Values {
				cand, ok := a.instantiate(rv.Value, service, u.Account)
				if !ok || cand == first {
					continue
				}
				if s2, ok := a.call(u, sa.action, cand); ok {
					return s2, true
				}
			}
		}
	}
	return s, false
}

// instantiate turns a resource pattern of service in account acct into one ARN it matches.
func (a *analyzer) instantiate(pat, service, acct string) (string, bool) {
	f := strings.SplitN(pat, ":", 6)
	if len(f) != 6 || f[0] != "arn" || f[2] != service {
		return "", false
	}
	if f[3] == "" || strings.ContainsAny(f[3], "*?") {
		if f[3] != "" {
			f[3] = a.region
		}
	}
	switch {
	case f[4] == "*":
		f[4] = acct
	case strings.ContainsAny(f[4], "*?") || (f[4] != "" && f[4] != acct):
		return "", false
	}
	if strings.Contains(f[5], "${") {
		return "", false
	}
	f[5] = strings.NewReplacer("*", probeName, "?", "x").Replace(f[5])
	return strings.Join(f, ":"), true
}

// trusts decides whether role r's trust policy lets the service principal svc assume it
// (S9.1), the service acting in r's account (aws:SourceAccount).
func (a *analyzer) trusts(r *account.Principal, svc string) *Step {
	k := r.ARN + "\x00" + svc
	if s, ok := a.trust[k]; ok {
		return s
	}
	var out *Step
	defer func() { a.trust[k] = out }()
	if r.Trust == nil {
		return nil
	}
	ev := a.trustEv[r.ARN]
	if ev == nil {
		set := eval.PolicySet{Resource: r.Trust}
		if acct, ok := a.m.Account(r.Account); ok && !acct.Management {
			set.RCP = acct.RCP
		}
		var err error
		if ev, err = eval.Compile(set); err != nil {
			return nil
		}
		a.trustEv[r.ARN] = ev
	}
	ctx := merge(a.ctx, []condition.Entry{entry("aws:SourceAccount", r.Account)})
	x := ev.Explain(eval.Request{Principal: svc, Action: "sts:AssumeRole", Resource: r.ARN, Context: ctx})
	s := Step{Caller: svc, Action: "sts:AssumeRole", Resource: r.ARN, Context: []string{"aws:SourceAccount=" + r.Account}, Statements: evidence(x)}
	switch {
	case x.Decision == eval.Allow:
	case x.Decision != eval.ExplicitDeny && len(x.MissingKeys) > 0:
		s.Status, s.Keys = Conditional, x.MissingKeys
	default:
		return nil
	}
	out = &s
	return out
}

// footholds finds the techniques u can use on principals it cannot reach in the model: they
// make a user or role of the account admin-equivalent, which helps the attacker only if it
// also holds that principal by means the inputs do not show (a user's credentials, a
// workload running as a role). Such an edge is conditional on that foothold and names no
// principal: its steps are decided on a stand-in user or role of the account without
// policies, boundary or groups of its own, and it is reported once per technique, when u
// cannot use the technique on itself.
func (a *analyzer) footholds(u *account.Principal, acct *account.Account, self map[string]bool) {
	standUser := &account.Principal{Kind: account.KindUser, ARN: "arn:aws:iam::" + acct.ID + ":user/" + probeName, Name: probeName, Path: "/", Account: acct.ID}
	standRole := &account.Principal{Kind: account.KindRole, ARN: "arn:aws:iam::" + acct.ID + ":role/" + probeName, Name: probeName, Path: "/", Account: acct.ID}
	userNeed := "the attacker also holds the credentials of a user of account " + acct.ID + " without a boundary or deny that limits it (the inputs do not show who holds which)"
	roleNeed := "the attacker can also act as a role of account " + acct.ID + " without a boundary or deny that limits it (a workload or session the inputs do not show)"
	emit := func(md mod, need string) {
		if self[md.id] {
			return
		}
		self[md.id] = true
		a.finish(Edge{From: u.ARN, To: u.ARN, Admin: true, Technique: md.id, Category: SelfEscalation, Target: md.target,
			Steps: md.steps, Requires: append(append([]string{}, md.requires...), need), Status: md.status})
	}
	for _, md := range a.mods(u, standUser) {
		emit(md, userNeed)
	}
	for _, md := range a.mods(u, standRole) {
		emit(md, roleNeed)
	}
	g := a.grantableAdmin(standUser, "")
	if !g.ok {
		return
	}
	for _, grp := range acct.Groups {
		need := "the attacker also holds the credentials of a member of " + grp.ARN + " without a boundary or deny that limits it (the inputs do not show who holds which)"
		if s, ok := a.call(u, "iam:PutGroupPolicy", grp.ARN); ok {
			emit(mod{id: "iam-011", target: grp.ARN, steps: []Step{s}, status: g.status}, need)
		}
		if s, ok := a.call(u, "iam:AttachGroupPolicy", grp.ARN, entry("iam:PolicyARN", adminPolicyARN(u))); ok {
			emit(mod{id: "iam-010", target: grp.ARN, steps: []Step{s}, status: g.status}, need)
		}
	}
}

// principalActions are the IAM actions that act on a principal: widen it or reach it.
var principalActions = []string{"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:PutUserPolicy", "iam:AttachUserPolicy",
	"iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:AddUserToGroup", "iam:PutGroupPolicy", "iam:AttachGroupPolicy",
	"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:UpdateAssumeRolePolicy"}

// mentionsAny reports whether p's policies may allow any of actions.
func (a *analyzer) mentionsAny(p *account.Principal, actions []string) bool {
	for _, act := range actions {
		if a.mention(p, act) {
			return true
		}
	}
	return false
}

// candidates lists the principals of u's account that u may act on: the roles the assumption
// graph links it to, and those its statements for the IAM actions on principals may name
// (every principal when a statement uses a wildcard, NotResource or a policy variable).
func (a *analyzer) candidates(u *account.Principal, acct *account.Account) []*account.Principal {
	all := func() []*account.Principal {
		out := append(append([]*account.Principal{}, acct.Users...), acct.Roles...)
		for _, e := range a.from[u.ARN] {
			if t, ok := a.m.Principal(e.To); ok && t.Account != u.Account {
				out = append(out, t)
			}
		}
		return out
	}
	if u.Uncertain() {
		return all()
	}
	seen := map[*account.Principal]bool{}
	var out []*account.Principal
	add := func(t *account.Principal) {
		if t != nil && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	// Roles the assumption graph links u to, in any account of the model (X8.5).
	for _, e := range a.from[u.ARN] {
		if t, ok := a.m.Principal(e.To); ok {
			add(t)
		}
	}
	sameAccount := func(t *account.Principal) {
		if t != nil && t.Account == u.Account {
			add(t)
		}
	}
	idx := a.indexOf(acct)
	for _, act := range principalActions {
		for _, st := range a.coverOf(u, act).stmts {
			if st.Resource == nil {
				return all()
			}
			for _, v := range st.Resource.Values {
				if strings.ContainsAny(v.Value, "*?$") {
					return all()
				}
				if t, ok := a.m.Principal(v.Value); ok {
					sameAccount(t)
				}
				for _, t := range idx[v.Value] {
					sameAccount(t)
				}
			}
		}
	}
	return out
}

// indexOf maps, for an account, each group ARN to its members and each managed policy ARN to
// the principals it is attached to (directly or through a group).
func (a *analyzer) indexOf(acct *account.Account) map[string][]*account.Principal {
	if idx, ok := a.index[acct.ID]; ok {
		return idx
	}
	idx := map[string][]*account.Principal{}
	for _, p := range append(append([]*account.Principal{}, acct.Users...), acct.Roles...) {
		for _, mp := range p.Attached {
			idx[mp.ARN] = append(idx[mp.ARN], p)
		}
		for _, g := range p.Groups {
			idx[g.ARN] = append(idx[g.ARN], p)
			for _, mp := range g.Attached {
				idx[mp.ARN] = append(idx[mp.ARN], p)
			}
		}
	}
	a.index[acct.ID] = idx
	return idx
}

// trustedBy lists the roles of the account (service-linked ones excepted) whose trust policy
// may admit one of the services.
func (a *analyzer) trustedBy(acct *account.Account, services []string) []*account.Principal {
	k := acct.ID + "\x00" + strings.Join(services, ",")
	if rs, ok := a.trustedRoles[k]; ok {
		return rs
	}
	var rs []*account.Principal
	for _, r := range acct.Roles {
		if r.IsServiceLinked() {
			continue
		}
		for _, svc := range services {
			if a.trusts(r, svc) != nil {
				rs = append(rs, r)
				break
			}
		}
	}
	a.trustedRoles[k] = rs
	return rs
}
