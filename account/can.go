package account

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// Model is a loaded set of accounts: principals with their assembled and compiled policies,
// the organization and the resource policies. It is immutable once Load returns and safe for
// concurrent use.
type Model struct {
	accounts   map[string]*Account
	principals []*Principal
	byARN      map[string]*Principal
	byID       map[string]*Principal
	managed    map[string]*ManagedPolicy
	resources  map[string]*ResourcePolicy
	org        *Organization
	catalog    Catalog
	opts       eval.Options
	warnings   []string
	compileErr error

	acts      map[*policy.Policy]*policyActions
	indep     map[*policy.Policy]bool // independent, for every policy of the model
	hasCond   map[*policy.Policy]bool // the policy has a Condition
	conds     []condStmts             // the policies with conditions, for who-can
	index     *actionIndex
	uncertain []*Principal
}

// Principals returns every user and role of the model, in load order. The slice must not be
// modified.
func (m *Model) Principals() []*Principal { return m.principals }

// Principal returns the user or role with the given ARN (or unique ID).
func (m *Model) Principal(arnOrID string) (*Principal, bool) {
	if p, ok := m.byARN[arnOrID]; ok {
		return p, true
	}
	p, ok := m.byID[arnOrID]
	return p, ok
}

// Accounts returns the accounts of the model, sorted by id.
func (m *Model) Accounts() []*Account {
	out := make([]*Account, 0, len(m.accounts))
	for _, a := range m.accounts {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Account returns the account with the given id.
func (m *Model) Account(id string) (*Account, bool) {
	a, ok := m.accounts[id]
	return a, ok
}

// ManagedPolicy returns a managed policy of the model by ARN.
func (m *Model) ManagedPolicy(policyARN string) (*ManagedPolicy, bool) {
	p, ok := m.managed[policyARN]
	return p, ok
}

// ResourcePolicyFor returns the resource policy in force for a resource ARN: the policy given
// for that ARN, or for an S3 object the policy of its bucket.
func (m *Model) ResourcePolicyFor(resource string) (*ResourcePolicy, bool) {
	if r, ok := m.resources[resource]; ok {
		return r, true
	}
	// arn:PARTITION:s3:::BUCKET/KEY: the bucket's ARN is the text before the first '/'.
	if strings.HasPrefix(resource, "arn:") {
		if i := strings.Index(resource, ":s3:::"); i > 0 && !strings.Contains(resource[len("arn:"):i], ":") {
			if j := strings.IndexByte(resource[i:], '/'); j > len(":s3:::") {
				r, ok := m.resources[resource[:i+j]]
				return r, ok
			}
		}
	}
	return nil, false
}

// resourcePolicy returns the resource policy of a request: a role's trust policy for sts
// actions on a role of the model (S9.1), else ResourcePolicyFor.
func (m *Model) resourcePolicy(action, resource string) *ResourcePolicy {
	if len(action) > 4 && strings.EqualFold(action[:4], "sts:") {
		if p, ok := m.byARN[resource]; ok && p.Kind == KindRole {
			return p.trustRP
		}
	}
	rp, _ := m.ResourcePolicyFor(resource)
	return rp
}

// Organization returns the organization input, or nil.
func (m *Model) Organization() *Organization { return m.org }

// Warnings lists remarks made while loading (an unreadable file in the managed-policy
// directory, ...).
func (m *Model) Warnings() []string { return m.warnings }

// Request is a question about one principal of the model.
type Request struct {
	// Principal is the ARN of a user or role of the model, or of a session of one of its roles
	// (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION). A role ARN stands for a session of the
	// role about which nothing more is known.
	Principal string
	// Action is service:Action.
	Action string
	// Resource is the resource ARN, or "*".
	Resource string
	// ResourceAccount is the account owning the resource when the ARN has none (S3). When empty,
	// the resource-policy input's ResourceAccount is used, and without one the request is
	// decided as cross-account (X8.3).
	ResourceAccount string
	// Context holds the request's context keys. The model adds the principal's own keys
	// (aws:PrincipalArn, aws:userid, aws:PrincipalTag/..., aws:PrincipalOrgID,
	// aws:PrincipalOrgPaths); a key given here replaces the model's key of the same name
	// (and the engine refuses a derived key that contradicts the principal).
	Context []condition.Entry
	// SessionPolicies are the session policies passed when a role session was created (S9.4);
	// only with a session principal.
	SessionPolicies []*policy.Policy
	// SessionTags are the session's tags; they replace role tags of the same key, compared
	// without case (S9.6).
	SessionTags []Tag
}

// Answer is the model's answer to a Request.
type Answer struct {
	// Decision is the answer, fail-closed: an uncertain principal is never allowed.
	Decision eval.Decision
	// Uncertain is true when the model lacks some of the principal's policies (Missing): the
	// engine's answer on the policies it has is in Engine, and Decision is ImplicitDeny unless
	// an explicit deny settles it (a missing policy cannot lift a Deny).
	Uncertain bool
	Missing   []string
	Engine    eval.Decision
	// Explanation is the engine's explanation (nil from Decide). Policies are named by ARN,
	// inline policies by OWNER-ARN/POLICY-NAME, trust policies by ROLE-ARN/AssumeRolePolicyDocument.
	Explanation *eval.Explanation
	// Principal is the principal asked about (for a session, its role).
	Principal *Principal
}

// ErrUnknownPrincipal is returned (wrapped) for a principal that is not in the model: an
// unknown principal is an error, not a deny.
var ErrUnknownPrincipal = errors.New("principal not in the model")

// resolved is a request bound to the model.
type resolved struct {
	p        *Principal
	req      eval.Request
	session  []*policy.Policy
	resPol   *ResourcePolicy
	resAcct  string // "" when unknown
	fastPath bool
}

// Can answers req with its explanation.
func (m *Model) Can(req Request) (Answer, error) {
	var r resolved
	if err := m.resolve(req, &r); err != nil {
		return Answer{}, err
	}
	ev, err := m.evaluator(&r)
	if err != nil {
		return Answer{}, err
	}
	x := ev.Explain(r.req)
	return m.answer(&r, x.Decision, x), nil
}

// Decide answers req without an explanation: for a principal of the model on a resource of its
// own account without a resource policy and without session policies, one compiled decision.
func (m *Model) Decide(req Request) (Answer, error) {
	var r resolved // on the stack: Decide allocates nothing on the fast path
	if err := m.resolve(req, &r); err != nil {
		return Answer{}, err
	}
	ev, err := m.evaluator(&r)
	if err != nil {
		return Answer{}, err
	}
	return m.answer(&r, ev.Decide(r.req), nil), nil
}

// answer makes the engine's decision the model's answer: an uncertain principal is never
// allowed, and is reported uncertain unless the missing policies cannot change the answer.
func (m *Model) answer(r *resolved, d eval.Decision, x *eval.Explanation) Answer {
	p := r.p
	a := Answer{Decision: d, Engine: d, Explanation: x, Principal: p}
	if p.Uncertain() {
		if may, _ := m.mayBeAllowed(p, m.setOf(r), r.req, d); !may {
			return a
		}
		a.Uncertain, a.Missing, a.Decision = true, p.Missing, eval.ImplicitDeny
	}
	return a
}

// setOf is the policy set a resolved request is decided with.
func (m *Model) setOf(r *resolved) eval.PolicySet {
	if r.fastPath {
		return m.homeSet(r.p)
	}
	return m.requestSet(r.p, r.req.Action, r.session, r.resPol, r.resAcct)
}

// resolve finds the principal and builds the engine request.
func (m *Model) resolve(req Request, r *resolved) error {
	p, sessionName, err := m.lookupPrincipal(req.Principal)
	if err != nil {
		return err
	}
	if sessionName == "" && (len(req.SessionPolicies) > 0 || len(req.SessionTags) > 0) {
		return fmt.Errorf("account: session policies and session tags need a session principal (arn:...:sts::ACCOUNT:assumed-role/ROLE/SESSION), got %q", req.Principal)
	}
	*r = resolved{p: p, session: req.SessionPolicies}
	r.resPol = m.resourcePolicy(req.Action, req.Resource)
	r.resAcct = req.ResourceAccount
	if r.resAcct == "" {
		switch {
		case req.Resource == "*":
			r.resAcct = p.Account
		case r.resPol != nil && r.resPol.Account != "":
			r.resAcct = r.resPol.Account
		default:
			r.resAcct = arn.AccountOf(req.Resource)
		}
	}
	ctx := m.principalContext(p, req.Principal, sessionName, req.SessionTags)
	if len(req.Context) > 0 {
		ctx = mergeContext(ctx, req.Context)
	}
	r.req = eval.Request{Principal: req.Principal, Action: req.Action, Resource: req.Resource, ResourceAccount: r.resAcct, Context: ctx}
	if req.Resource == "*" {
		r.req.ResourceAccount = ""
	}
	r.fastPath = len(r.session) == 0 && r.resPol == nil && r.resAcct == p.Account
	return nil
}

// lookupPrincipal finds a user, role or role session.
func (m *Model) lookupPrincipal(s string) (*Principal, string, error) {
	if p, ok := m.byARN[s]; ok {
		return p, "", nil
	}
	a, err := arn.Parse(s)
	if err == nil && a.IsAssumedRole() {
		role, sess, ok := strings.Cut(strings.TrimPrefix(a.Resource, "assumed-role/"), "/")
		if ok && sess != "" {
			if acct := m.accounts[a.Account]; acct != nil {
				for _, r := range acct.Roles {
					if r.Name == role {
						return r, sess, nil
					}
				}
			}
		}
	}
	return nil, "", fmt.Errorf("account: %q: %w (users, roles and role sessions of the loaded accounts only)", s, ErrUnknownPrincipal)
}

// principalContext returns the keys the model knows about the caller (S9.2).
func (m *Model) principalContext(p *Principal, caller, session string, sessionTags []Tag) []condition.Entry {
	if session == "" && caller == p.ARN && p.baseCtx != nil {
		return p.baseCtx
	}
	return m.buildContext(p, session, sessionTags)
}

func (m *Model) buildContext(p *Principal, session string, sessionTags []Tag) []condition.Entry {
	ctx := []condition.Entry{{Key: "aws:PrincipalArn", Values: []string{p.ARN}}}
	if p.ID != "" && plainID(p.ID) {
		switch {
		case p.Kind == KindUser:
			ctx = append(ctx, condition.Entry{Key: "aws:userid", Values: []string{p.ID}})
		case session != "":
			ctx = append(ctx, condition.Entry{Key: "aws:userid", Values: []string{p.ID + ":" + session}})
		}
	}
	tags := p.Tags
	if len(sessionTags) > 0 {
		tags = nil
		for _, t := range p.Tags {
			replaced := false
			for _, s := range sessionTags {
				if strings.EqualFold(s.Key, t.Key) {
					replaced = true
				}
			}
			if !replaced {
				tags = append(tags, t)
			}
		}
		tags = append(tags, sessionTags...)
	}
	for _, t := range tags {
		ctx = append(ctx, condition.Entry{Key: "aws:PrincipalTag/" + t.Key, Values: []string{t.Value}})
	}
	if p.acct.InOrganization && m.org != nil && m.org.ID != "" {
		ctx = append(ctx, condition.Entry{Key: "aws:PrincipalOrgID", Values: []string{m.org.ID}})
		if p.acct.OrgPath != "" {
			ctx = append(ctx, condition.Entry{Key: "aws:PrincipalOrgPaths", Values: []string{p.acct.OrgPath}, Multi: true})
		}
	}
	return ctx
}

// plainID reports whether an export's unique ID can be an aws:userid (letters and digits).
func plainID(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9') {
			return false
		}
	}
	return s != ""
}

// mergeContext returns base with the entries of extra, an entry of extra replacing the base
// entry of the same key (compared without case).
func mergeContext(base, extra []condition.Entry) []condition.Entry {
	out := make([]condition.Entry, 0, len(base)+len(extra))
	for _, b := range base {
		replaced := false
		for _, e := range extra {
			if strings.EqualFold(e.Key, b.Key) {
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, b)
		}
	}
	return append(out, extra...)
}

// evaluator returns the compiled evaluator for a resolved request: the principal's own one on
// the fast path, else one compiled for this request from the statements that can match its
// action (a statement whose Action cannot match the request's action never applies, E7.2).
func (m *Model) evaluator(r *resolved) (*eval.Evaluator, error) {
	if r.fastPath {
		return r.p.ev, nil
	}
	set := m.requestSet(r.p, r.req.Action, r.session, r.resPol, r.resAcct)
	ev, err := m.opts.Compile(set)
	if err != nil {
		return nil, fmt.Errorf("account: compiling the policies of %s for %s: %w", r.p.ARN, r.req.Action, err)
	}
	return ev, nil
}

// requestSet assembles the policy set of one request, keeping only the statements that can
// match action.
func (m *Model) requestSet(p *Principal, action string, session []*policy.Policy, rp *ResourcePolicy, resAcct string) eval.PolicySet {
	f := func(ps []*policy.Policy) []*policy.Policy { return m.filter(ps, action) }
	set := eval.PolicySet{Identity: f(p.identity), Session: f(session)}
	if p.Boundary != nil {
		set.Boundary = f([]*policy.Policy{p.Boundary.Policy})
	}
	for _, lvl := range p.acct.SCP {
		set.SCP = append(set.SCP, nonNil(f(lvl)))
	}
	if rp != nil {
		set.Resource = m.filterOne(rp.Policy, action)
	}
	if a := m.accounts[resAcct]; a != nil {
		for _, lvl := range a.RCP {
			set.RCP = append(set.RCP, nonNil(f(lvl)))
		}
	} else if m.org != nil && !m.accountManagement(resAcct) {
		if oa := m.org.accounts[resAcct]; oa != nil {
			for _, lvl := range oa.rcp {
				set.RCP = append(set.RCP, nonNil(f(lvl)))
			}
		}
	}
	return set
}

func (m *Model) accountManagement(id string) bool {
	return m.org != nil && id != "" && id == m.org.ManagementAccountID
}
