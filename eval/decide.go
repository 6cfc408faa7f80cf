package eval

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// Request is one authorization question.
type Request struct {
	// Principal is the caller: an ARN (user, role session, federated user, account root, or a
	// role ARN standing for a session of that role), a service principal such as
	// "s3.amazonaws.com", "federated:NAME" for an identity provider calling
	// sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML, or "anonymous".
	Principal string
	// Action is service:Action, compared without case.
	Action string
	// Resource is the resource ARN, or "*" for actions without resource-level permissions.
	Resource string
	// ResourceAccount is the account that owns the resource. When empty, the ARN's account field
	// is used; when that is empty too (S3), the request is evaluated as cross-account (X8.3).
	ResourceAccount string
	// Context holds the request context keys (names compare without case). A role session's
	// request should carry aws:PrincipalArn (the role ARN, with its path).
	Context []condition.Entry
}

// Decision is the answer to a request.
type Decision uint8

const (
	// ImplicitDeny: nothing allowed the request (the default).
	ImplicitDeny Decision = iota
	// Allow: the request is allowed.
	Allow
	// ExplicitDeny: a Deny statement applies.
	ExplicitDeny
)

// String returns "ImplicitDeny", "Allow" or "ExplicitDeny", the spelling of the scenario format.
func (d Decision) String() string {
	switch d {
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "ImplicitDeny"
}

// ParseDecision reads the spelling String returns.
func ParseDecision(s string) (Decision, bool) {
	switch s {
	case "Allow":
		return Allow, true
	case "ExplicitDeny":
		return ExplicitDeny, true
	case "ImplicitDeny":
		return ImplicitDeny, true
	}
	return ImplicitDeny, false
}

// Decide returns the decision for req. It does not allocate.
func (e *Evaluator) Decide(req Request) Decision {
	return e.decide(&req, nil)
}

// Explain returns the decision for req with its reasons. It is the slow path: it evaluates every
// statement and allocates.
func (e *Evaluator) Explain(req Request) *Explanation {
	ex := &Explanation{}
	ex.Decision = e.decide(&req, ex)
	return ex
}

// explainMissing moves the missing keys Explain collected into its explanation.
func (r *run) explainMissing() {
	if r.ex == nil {
		return
	}
	r.ex.MissingKeys = r.ex.missing.Keys
	if r.ex.missing.Truncated {
		r.note(fmt.Sprintf("more than %d context keys are missing; the first are listed", condition.MaxMissing))
	}
}

const maxDerived = 12

type run struct {
	e *Evaluator
	// The request's action and resource. The run keeps only the fields it reads again (the
	// context is in ctx.Keys): a smaller run is cheaper to set up on every decision.
	action, resource string
	c                caller
	ctx              condition.Context
	ex               *Explanation
	resAcct          string
	sc               *scratch // pooled scratch space, taken on first use
	prepared         bool     // the derived context keys are in place (prepare)
	// actCut is the position of the action's first colon plus one, found on first use by
	// actionParts (0: not yet; -1: the action has no colon).
	actCut int
	// actBit is the action's actionBit, computed on first use (never 0 once computed).
	actBit uint64
}

// prepare adds the keys AWS derives from the request (aws:PrincipalArn, aws:username, ...) as
// a fallback behind the request's own context. It runs once per decision, and only when a
// condition or a policy variable needs the context. The keys live in pooled scratch space:
// condition evaluation hands request values to functions (netip.ParseAddr) the compiler cannot
// prove keep nothing, so stack storage would escape on every call.
func (r *run) prepare() {
	if r.prepared {
		return
	}
	r.prepared = true
	sc := r.scratch()
	sc.d = derived{}
	r.deriveContext(r.resAcct, &sc.d)
	for i := 0; i < sc.d.n; i++ {
		sc.fb[i] = condition.Entry{Key: sc.d.keys[i], Values: sc.d.vals[i : i+1]}
		if sc.d.vals[i] == "" {
			// A key that exists but whose value the engine cannot know (derived.unknown).
			sc.fb[i] = condition.Entry{Key: sc.d.keys[i], Unknown: true}
		}
	}
	r.ctx.Fallback = sc.fb[:sc.d.n]
}

// scratch returns the decision's pooled scratch space, taking it from the pool on first use.
func (r *run) scratch() *scratch {
	if r.sc == nil {
		r.sc = scratchPool.Get().(*scratch)
	}
	return r.sc
}

func (r *run) release() {
	if r.sc != nil {
		r.ctx.Fallback = nil
		scratchPool.Put(r.sc)
		r.sc = nil
	}
}

type scratch struct {
	d  derived
	fb [maxDerived]condition.Entry
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// derived collects the keys deriveContext adds, as plain strings so that nothing points back
// into the run (which keeps the run on the stack).
type derived struct {
	keys [maxDerived]string
	vals [maxDerived]string
	n    int
	// timeBuf holds the text of aws:CurrentTime and aws:EpochTime derived from Options.Now. The
	// two values view it without copying (no allocation per decision); they live only as long
	// as the decision, which never hands them out.
	timeBuf [48]byte
}

// hasSingle reports whether entries hold key (lower-cased) with exactly one value, as lookup
// would find it.
func hasSingle(entries []condition.Entry, lkey string) bool {
	for i := range entries {
		if equalLower(entries[i].Key, lkey) {
			return len(entries[i].Values) == 1
		}
	}
	return false
}

func lookup(entries []condition.Entry, key string) (string, bool) {
	c := condition.Context{Keys: entries}
	v, ok := c.Lookup(key)
	if !ok || len(v) != 1 {
		return "", false
	}
	return v[0], true
}

func (d *derived) add(key, value string) {
	if d.n == maxDerived || value == "" {
		return
	}
	d.keys[d.n], d.vals[d.n] = key, value
	d.n++
}

// unknown adds key as present with a value the engine cannot know (an empty value marks it).
func (d *derived) unknown(key string) {
	if d.n == maxDerived {
		return
	}
	d.keys[d.n], d.vals[d.n] = key, ""
	d.n++
}

func (e *Evaluator) decide(req *Request, ex *Explanation) Decision {
	// Fields set one by one: a composite literal would be built in a temporary and copied.
	var rv run
	r := &rv
	r.e, r.ex, r.action, r.resource = e, ex, req.Action, req.Resource
	r.c.parse(req.Principal)
	r.c.ctx = req.Context
	c := &r.c
	r.ctx.Keys = req.Context
	r.ctx.Budget = e.limits.MaxWork
	// C5.0 (2026-12): a request the engine cannot be sure of never allows.
	if p := e.limits.check(req, c); p.field != "" {
		if ex != nil {
			ex.Request = p.err(req)
			ex.Reason, ex.FailedLayer = "invalid-request", "request"
			ex.Notes = append(ex.Notes, ex.Request.Error())
		}
		return ImplicitDeny
	}
	if c.roleSession() {
		if v, ok := lookup(req.Context, "aws:PrincipalArn"); ok {
			// check made sure it names the session's role (with its path).
			c.roleARN = v
		}
		if c.roleARN == "" && ex != nil {
			r.note("aws:PrincipalArn not in the request: the session's role ARN (and its path) is unknown, so a Principal or condition naming the role is uncertain (S9.2, P4.3, C5.0)")
		}
		c.slr = strings.Contains(c.roleARN, ":role/aws-service-role/")
	}
	resAcct := req.ResourceAccount
	if resAcct == "" {
		resAcct = arn.AccountOf(req.Resource)
	}
	if resAcct == "" && req.Resource == "*" && c.iam() {
		// Actions without resource-level permissions act on the caller's own account (R3.5).
		resAcct = c.account
	}
	r.resAcct = resAcct
	if ex != nil {
		r.prepare()
	}
	d := r.decide()
	r.explainMissing()
	r.release()
	return d
}

// decide is the decision procedure proper, on a prepared run: gather the verdicts of every
// applicable policy kind (gather), then combine them with the request's facts (combine).
func (r *run) decide() Decision {
	c := &r.c
	if alwaysAllowed(c, r.action) {
		return r.done(Allow, "always-allowed", "")
	}
	var v verdicts
	r.gather(&v)
	f := facts{kind: c.kind, hasBnd: r.e.hasBnd, hasSess: r.e.hasSess}
	resPart, resSvc := arnHead(r.resource)
	f.crossPartition = c.partition != "" && resPart != "" && resPart != c.partition
	f.sameAccount = r.resAcct != "" && sameShort(r.resAcct, c.account)
	f.rootAssumeRole = c.kind == cRoot && len(r.action) == len("sts:AssumeRole") && strings.EqualFold(r.action, "sts:AssumeRole")
	if resSvc == "iam" || resSvc == "kms" {
		f.serviceDenied = serviceDenied(r.action, r.resource)
		f.policyRequired = resourcePolicyRequired(r.action, r.resource)
	}
	if r.ex != nil && r.resAcct == "" && c.iam() && !v.denied {
		r.note("resource account unknown (no resourceAccount, no account in the ARN): evaluated as cross-account (X8.3)")
	}
	o := combine(&v, &f)
	if r.ex != nil && o.level >= 0 {
		return r.doneLevel(o.d, o.reason, o.layer+" level ", o.level)
	}
	return r.done(o.d, o.reason, o.layer)
}

// gather scans every policy kind that applies to the request once, for denies and allows
// (E7.4 step 1 data), into v.
func (r *run) gather(v *verdicts) {
	e, c := r.e, &r.c
	idSide := c.iam()
	v.scpFail, v.rcpFail = -1, -1
	if idSide {
		d, a := r.scan(&e.identity)
		v.denied, v.idAllow = v.denied || d, a > sNone
		if len(e.boundary.stmts) > 0 {
			d, a = r.scan(&e.boundary)
			v.denied, v.bndAllow = v.denied || d, a > sNone
		}
		if len(e.session.stmts) > 0 {
			d, a = r.scan(&e.session)
			v.denied, v.sessAllow = v.denied || d, a > sNone
		}
	}
	if e.hasRes {
		d, a := r.scan(&e.resource)
		v.denied, v.res = v.denied || d, a
	}
	// E7.9: SCPs apply to the member account's IAM principals, not to service-linked roles.
	if idSide && !c.slr {
		for i := range e.scp {
			d, a := r.scan(&e.scp[i])
			v.denied = v.denied || d
			if a == sNone && v.scpFail < 0 {
				v.scpFail = i
			}
		}
	}
	// E7.10: RCPs do not apply to service-linked roles nor to kms:RetireGrant.
	if !c.slr && len(e.rcp) > 0 && !strings.EqualFold(r.action, "kms:RetireGrant") {
		for i := range e.rcp {
			d, a := r.scan(&e.rcp[i])
			v.denied = v.denied || d
			if a == sNone && v.rcpFail < 0 {
				v.rcpFail = i
			}
		}
	}
	if c.slr && (len(e.scp) > 0 || len(e.rcp) > 0) {
		r.note("service-linked role: SCPs and RCPs do not apply (E7.9, E7.10)")
	}
}

// doneLevel is done for an organization level: the layer name is built only for an explanation.
func (r *run) doneLevel(d Decision, reason, layer string, level int) Decision {
	if r.ex != nil {
		layer += strconv.Itoa(level)
	}
	return r.done(d, reason, layer)
}

// done returns d, recording why in the explanation when there is one. Small enough to inline:
// Decide pays nothing for it.
func (r *run) done(d Decision, reason, layer string) Decision {
	if r.ex != nil {
		r.explainDone(d, reason, layer)
	}
	return d
}

// explainDone records the reason and the layer that failed to allow (none unless the decision
// is ImplicitDeny).
func (r *run) explainDone(d Decision, reason, layer string) {
	r.ex.Reason, r.ex.FailedLayer = reason, layer
	if d != ImplicitDeny {
		r.ex.FailedLayer = ""
	}
	if d == ExplicitDeny {
		// M10.2: on a deny, only the deny statements determined the result.
		kept := r.ex.Matched[:0]
		for _, m := range r.ex.Matched {
			if m.Effect == policy.Deny {
				kept = append(kept, m)
			}
		}
		r.ex.Matched = kept
	}
}

func (r *run) note(s string) {
	if r.ex != nil {
		r.ex.Notes = append(r.ex.Notes, s)
	}
}

// resourcePolicyRequired reports the requests whose resource policy must itself allow the
// caller even in the same account: sts:AssumeRole* on a role (trust policy) and kms:* on a key
// (key policy) (E7.7).
func resourcePolicyRequired(action, resource string) bool {
	svc, _, _ := strings.Cut(action, ":")
	if len(svc) != 3 {
		return false
	}
	if strings.EqualFold(svc, "sts") {
		a, err := arn.Parse(resource)
		return err == nil && a.IsRole()
	}
	if strings.EqualFold(svc, "kms") {
		a, err := arn.Parse(resource)
		return err == nil && a.Service == "kms" && strings.HasPrefix(a.Resource, "key/")
	}
	return false
}

var principalTypes = [...]string{cRoot: "Account", cUser: "User", cSession: "AssumedRole", cRole: "AssumedRole", cFedUser: "FederatedUser", cAnonymous: "Anonymous"}

// derivedKeys lists every key deriveContext may add, in lower case.
var derivedKeys = [...]string{
	"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username", "aws:userid",
	"aws:principalservicename", "aws:principalisawsservice", "aws:resourceaccount",
	"aws:currenttime", "aws:epochtime",
}

// derivable reports whether deriveContext may supply key; the time keys only with a clock
// (Options.Now).
func derivable(key string, clock bool) bool {
	for _, k := range derivedKeys {
		if strings.EqualFold(k, key) {
			return clock || k != "aws:currenttime" && k != "aws:epochtime"
		}
	}
	return false
}

// deriveContext adds the keys AWS derives from the request itself (S9.2, S9.7) as a fallback
// behind the request's own context.
func (r *run) deriveContext(resAcct string, d *derived) {
	c := &r.c
	if c.iam() {
		if pa := c.principalARN(); pa != "" {
			d.add("aws:PrincipalArn", pa)
		} else {
			// A session without aws:PrincipalArn: its role's path is unknown, and the role ARN
			// is never rebuilt without it (S9.2, 2026-12).
			d.unknown("aws:PrincipalArn")
		}
		d.add("aws:PrincipalAccount", c.account)
	}
	if int(c.kind) < len(principalTypes) {
		d.add("aws:PrincipalType", principalTypes[c.kind])
	}
	switch c.kind {
	case cUser:
		d.add("aws:username", c.name)
	case cRoot:
		d.add("aws:userid", c.account)
	case cAnonymous:
		d.add("aws:userid", "anonymous")
	case cService:
		d.add("aws:PrincipalServiceName", c.name)
	}
	if c.kind == cService {
		d.add("aws:PrincipalIsAWSService", "true")
	} else {
		d.add("aws:PrincipalIsAWSService", "false")
	}
	d.add("aws:ResourceAccount", resAcct)
	if r.e.now != nil {
		if _, ok := lookup(r.ctx.Keys, "aws:CurrentTime"); !ok {
			if _, ok := lookup(r.ctx.Keys, "aws:EpochTime"); !ok {
				t := r.e.now().UTC()
				b := t.AppendFormat(d.timeBuf[:0], "2006-01-02T15:04:05Z")
				n := len(b)
				b = strconv.AppendInt(b, t.Unix(), 10)
				if len(b) <= len(d.timeBuf) { // always, for years 0000-9999
					d.add("aws:CurrentTime", unsafe.String(&d.timeBuf[0], n))
					d.add("aws:EpochTime", unsafe.String(&d.timeBuf[n], len(b)-n))
				} else {
					d.add("aws:CurrentTime", string(b[:n]))
					d.add("aws:EpochTime", string(b[n:]))
				}
			}
		}
	}
}

// scan evaluates the statements of g that can apply to the request and returns whether a Deny
// applies and the strongest Allow (sDirect for any Allow outside resource policies). Explain
// checks every statement in order; Decide only those the index leaves, and stops at a Deny.
func (r *run) scan(g *group) (denied bool, allow strength) {
	ix := &g.index
	// The action lower-cased, for the index and the action sets: it views this frame's buffer,
	// so it is passed down rather than kept in the run (which would move the buffer to the
	// heap). It is "" where it is not needed (small groups without action sets compare plain
	// actions byte by byte, cheaper than lower-casing first) and for an action too long for
	// the buffer.
	low := ""
	if ix.needLow {
		var buf [lowerBufSize]byte
		if lb, ok := lowerBuf(buf[:], r.action); ok {
			low = unsafe.String(unsafe.SliceData(lb), len(lb))
		}
	}
	if r.ex == nil && ix.small {
		if len(g.stmts) == 1 {
			// One statement: the filter would cost more than the check it might save.
			r.check(g, 0, low, &denied, &allow)
			return denied, allow
		}
		if r.actBit == 0 {
			r.actBit = actionBit(r.action)
		}
		for i, f := range g.actBits {
			if f&r.actBit != 0 && r.check(g, i, low, &denied, &allow) {
				return denied, allow
			}
		}
		return denied, allow
	}
	if r.ex != nil || len(low) != len(r.action) {
		for i := range g.stmts {
			if r.check(g, i, low, &denied, &allow) {
				return denied, allow
			}
		}
		return denied, allow
	}
	if r.scanBucket(g, &ix.always, low, &denied, &allow) {
		return denied, allow
	}
	if b, found := ix.byAction[low]; found && r.scanBucket(g, &b, low, &denied, &allow) {
		return denied, allow
	}
	svc := low
	if i := strings.IndexByte(low, ':'); i >= 0 {
		svc = low[:i]
	}
	if b, found := ix.bySvc[svc]; found {
		r.scanBucket(g, &b, low, &denied, &allow)
	}
	return denied, allow
}

func (r *run) scanBucket(g *group, b *bucket, low string, denied *bool, allow *strength) bool {
	for _, i := range b.rest {
		if r.check(g, i, low, denied, allow) {
			return true
		}
	}
	res := r.resource
	for _, l := range b.lengths {
		if l > len(res) {
			break
		}
		for _, i := range b.byPrefix[res[:l]] {
			if r.check(g, i, low, denied, allow) {
				return true
			}
		}
	}
	return false
}

// check evaluates statement i; it returns true when the scan can stop (a Deny applies on the
// fast path).
func (r *run) check(g *group, i int, low string, denied *bool, allow *strength) bool {
	s := &g.stmts[i]
	if !s.matchAction(r, low) {
		return false
	}
	if s.needCtx && !r.prepared {
		for _, k := range s.derivKeys {
			if !hasSingle(r.ctx.Keys, k) {
				r.prepare()
				break
			}
		}
	}
	// The work of one decision is capped (Limits.MaxWork): past it, statements are uncertain.
	resRes := condition.Unknown
	if r.ctx.Spend(s.work + len(s.resources)*(len(r.resource)>>6)) {
		resRes = s.matchResource(r.resource, &r.ctx)
	} else if r.ex != nil && !r.ex.workSpent {
		r.ex.workSpent = true
		r.note("the decision reached its work limit (Limits.MaxWork): the remaining statements were read as uncertain (C5.0)")
	}
	if resRes == condition.False {
		return false
	}
	st := sDirect
	switch {
	case s.principal == nil && s.needPrinc:
		return false // a resource-policy statement without Principal names nobody
	case s.principal != nil && !s.needPrinc:
		// Principal in an identity-type policy is invalid (G1.9): never grant, still deny.
		if !s.deny {
			return false
		}
	case s.notPrinc:
		if !s.deny || s.principal.listedForNotPrincipal(&r.c, r.e.hasBnd || r.e.hasSess && (r.c.roleSession() || r.c.kind == cFedUser)) {
			return false
		}
	case s.principal != nil:
		st = s.principal.match(&r.c, s.deny)
		if st == sNone {
			return false
		}
	}
	res := s.cond.Eval(&r.ctx)
	if res == condition.True && resRes == condition.Unknown {
		res = condition.Unknown
	}
	if r.ex != nil {
		r.ex.missing.Add(&s.cond, &r.ctx)
	}
	switch {
	case s.deny && res != condition.False:
		*denied = true
		if r.ex != nil {
			r.record(g, s, st, res)
		}
	case s.allow && res == condition.True:
		if st > *allow {
			*allow = st
		}
		if r.ex != nil {
			r.record(g, s, st, res)
		}
	case s.allow && res == condition.Unknown:
		if r.ex != nil {
			r.note("an Allow statement could not be evaluated with certainty and was not applied (C5.0): " + r.describe(g, s))
		}
	}
	return r.ex == nil && *denied
}

func (s *stmt) matchAction(r *run, low string) bool {
	if s.actSet != nil {
		return s.actSet.match(r.action, low) != s.notAction
	}
	return s.listsAction(r, low) != s.notAction
}

// listsAction reports whether one of the statement's Action/NotAction entries matches the
// request's action (low: lower-cased, or "" when too long to lower-case on the stack).
func (s *stmt) listsAction(r *run, low string) bool {
	if low != "" {
		for _, a := range s.exactActs {
			if low == a {
				return true
			}
		}
	} else {
		for _, a := range s.exactActs {
			if equalLower(r.action, a) {
				return true
			}
		}
	}
	for _, p := range s.actions {
		if svc, name, ok := r.actionParts(); ok && p.MatchAction(svc, name) || !ok && p.Match(r.action) {
			return true
		}
	}
	return false
}

// actionParts returns the request's action split at its first colon, finding the colon once
// per decision.
func (r *run) actionParts() (service, name string, ok bool) {
	if r.actCut == 0 {
		r.actCut = strings.IndexByte(r.action, ':') + 1
		if r.actCut == 0 {
			r.actCut = -1
		}
	}
	if r.actCut < 0 {
		return "", "", false
	}
	return r.action[:r.actCut-1], r.action[r.actCut:], true
}

// matchResource is three-valued: an entry whose policy variable has no value matches nothing in
// Resource but leaves a NotResource statement uncertain (R3.7, V6.5, C5.0), and a short ARN that
// only matches when its missing parts are read as wildcards is uncertain (R3.9).
func (s *stmt) matchResource(resource string, ctx *condition.Context) condition.Result {
	if s.anyRes {
		return condition.True
	}
	res := condition.False
	for i := range s.resources {
		m, unresolved := s.resources[i].match(resource, ctx)
		switch {
		case m == condition.True:
			res = condition.True
		case m == condition.Unknown || unresolved && s.notRes:
			if res == condition.False {
				res = condition.Unknown
			}
		}
		if res == condition.True {
			break
		}
	}
	if !s.notRes {
		return res
	}
	switch res {
	case condition.True:
		return condition.False
	case condition.False:
		return condition.True
	}
	return condition.Unknown
}

// match matches one Resource entry. An entry whose variable has no value matches no resource
// (R3.7, V6.5) and reports unresolved.
func (rp *resPattern) match(resource string, ctx *condition.Context) (condition.Result, bool) {
	if rp.doubt {
		return condition.Unknown, false
	}
	if len(rp.vars) == 0 {
		switch {
		case rp.p.Match(resource):
			return condition.True, false
		case rp.short:
			// R3.9 DOC-GAP: AWS documents short ARNs only with a trailing '*'; without one we
			// cannot tell what AWS would match, so the entry is uncertain (C5.0).
			return condition.Unknown, false
		}
		return condition.False, false
	}
	var holes [condition.MaxVariables]string
	for i, v := range rp.vars {
		s, ok := v.Resolve(ctx)
		if !ok {
			return condition.False, true
		}
		holes[i] = s
	}
	if rp.p.MatchHoles(resource, holes[:len(rp.vars)]) {
		return condition.True, false
	}
	return condition.False, false
}

// sameShort is a == b, comparing texts of 8 to 16 bytes (account ids) inline as two
// overlapping words instead of by a call to the runtime's memequal, which costs more than the
// comparison at these lengths.
func sameShort(a, b string) bool {
	n := len(a)
	if n != len(b) || n < 8 || n > 16 {
		return a == b
	}
	ab := unsafe.Slice(unsafe.StringData(a), n)
	bb := unsafe.Slice(unsafe.StringData(b), n)
	return binary.LittleEndian.Uint64(ab) == binary.LittleEndian.Uint64(bb) &&
		binary.LittleEndian.Uint64(ab[n-8:]) == binary.LittleEndian.Uint64(bb[n-8:])
}

// arnHead returns the partition and service of an ARN without allocating ("" when s is not one).
func arnHead(s string) (partition, service string) {
	if len(s) < 4 || s[:4] != "arn:" {
		return "", ""
	}
	// A byte loop: partitions and services are a few bytes long, shorter than IndexByte's setup.
	i := 4
	for i < len(s) && s[i] != ':' {
		i++
	}
	if i == len(s) {
		return "", ""
	}
	partition = s[4:i]
	j := i + 1
	for j < len(s) && s[j] != ':' {
		j++
	}
	if j == len(s) {
		return partition, ""
	}
	return partition, s[i+1 : j]
}
