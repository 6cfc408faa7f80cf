package eval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

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
	r.ex.MissingKeys = r.ex.missing.Keys
	if r.ex.missing.Truncated {
		r.ex.Notes = append(r.ex.Notes, fmt.Sprintf("more than %d context keys are missing; the first are listed", condition.MaxMissing))
	}
	if r.ex.dropped > 0 {
		r.ex.Notes = append(r.ex.Notes, fmt.Sprintf("%d more notes and near misses not listed (at most %d of each are kept)", r.ex.dropped, maxListed))
	}
}

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
	// Request checks the scan made on the way (C5.0): the action equals a well-formed plain
	// action of a statement (stmt.exactOK), the resource matched entries whose literal prefix
	// holds a well-formed ARN head (stmt.resOK; resFrom: the bytes of the resource proven
	// clean, 0 for none). quick skips what they prove.
	actOK   bool
	resFrom int
	// quickOK: the fast request check accepted the request, which proves no context entry
	// lacks values (quickContext), so emptyFilled need not look.
	quickOK bool
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
	// C5.0 (2026-12): a request the engine cannot be sure of never allows. Its sizes are checked
	// first, so that a hostile one costs a bounded time; the rest of the checks can only turn an
	// Allow or an ExplicitDeny into an ImplicitDeny, so Decide runs them only then (Explain
	// runs them first, to say why).
	checked := ex != nil || !e.limits.sizes(req)
	if checked && r.invalid(req, false) {
		return ImplicitDeny
	}
	if c.roleSession() {
		if v, ok := certain(req.Context, "aws:PrincipalArn"); ok {
			// The request checks make sure it names the session's role (with its path): a
			// decision that relied on another value is turned into an ImplicitDeny. A value
			// marked Unknown or Multi names no certain role (P4.3, C5.0, 2026-12).
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
	if ex != nil {
		r.explainMissing()
	}
	r.release()
	if d != ImplicitDeny && !checked && r.invalid(req, true) {
		return ImplicitDeny
	}
	if d == Allow && !r.quickOK {
		if i := emptyFilled(req.Context); i >= 0 {
			// C5.0 (2026-12): a key AWS always fills, given with no value at all, is doubtful:
			// a condition with a set qualifier reads it as an empty set (ForAnyValue false), so a
			// Deny may have lapsed on it. The request is well formed; the Allow does not apply.
			if ex != nil {
				ex.Reason, ex.FailedLayer = "doubtful-request", "request"
				ex.Notes = append(ex.Notes, fmt.Sprintf("context key %q has no value, although AWS always gives it one: an Allow does not apply (C5.0)", req.Context[i].Key))
			}
			return ImplicitDeny
		}
	}
	return d
}

// invalid runs the request checks and records a malformed request in the explanation; sized
// says the request is known to be within the size limits.
func (r *run) invalid(req *Request, sized bool) bool {
	l := &r.e.limits
	var p problem
	if sized {
		if l.quickProven(req, &r.c, r.actOK, r.resFrom) {
			r.quickOK = true
			return false
		}
		p = l.full(req, &r.c) // quick would refuse too: it proves less than quickProven
	} else {
		p = l.check(req, &r.c)
	}
	if p.field == "" {
		return false
	}
	if ex := r.ex; ex != nil {
		ex.Request = p.err(req)
		ex.Reason, ex.FailedLayer = "invalid-request", "request"
		ex.Notes = append(ex.Notes, ex.Request.Error())
	}
	return true
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
	if r.ex == nil {
		if d, ok := settled(&v, c.kind); ok {
			return d // before the facts are worked out
		}
	}
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
	if r.ex != nil {
		w := whys[o.why]
		if o.level >= 0 {
			return r.doneLevel(o.d, w.reason, w.layer+" level ", int(o.level))
		}
		r.explainDone(o.d, w.reason, w.layer)
	}
	return o.d
}

// gather scans every policy kind that applies to the request once, for denies and allows
// (E7.4 step 1 data), into v.
func (r *run) gather(v *verdicts) {
	e, c := r.e, &r.c
	idSide := c.iam()
	v.scpFail, v.rcpFail = -1, -1
	if idSide {
		var d bool
		var a strength
		if len(e.identity) == 1 && r.ex == nil {
			d, a = r.scan(e.identity[0]) // the usual case, without scanParts' loop (BenchmarkDecideFixed)
		} else {
			d, a = r.scanParts(e.identity, 0)
		}
		v.denied, v.idAllow = v.denied || d, a > sNone
		if e.hasBnd {
			d, a = r.scanParts(e.boundary, 0)
			v.denied, v.bndAllow = v.denied || d, a > sNone
		}
		if e.hasSess {
			d, a = r.scanParts(e.session, 0)
			v.denied, v.sessAllow = v.denied || d, a > sNone
		}
	}
	if e.hasRes {
		d, a := r.scanParts(e.resource, 0)
		v.denied, v.res = v.denied || d, a
	}
	// E7.9: SCPs apply to the member account's IAM principals, not to service-linked roles.
	if idSide && !c.slr {
		for i, level := range e.scp {
			d, a := r.scanParts(level, i)
			v.denied = v.denied || d
			if a == sNone && v.scpFail < 0 {
				v.scpFail = i
			}
		}
	}
	// E7.10: RCPs do not apply to service-linked roles nor to kms:RetireGrant.
	if !c.slr && len(e.rcp) > 0 && !strings.EqualFold(r.action, "kms:RetireGrant") {
		for i, level := range e.rcp {
			d, a := r.scanParts(level, i)
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

// scanParts scans the parts of one kind (and organization level) as one list of policies:
// whether a Deny applies, and the strongest Allow.
func (r *run) scanParts(parts []*group, level int) (denied bool, allow strength) {
	base := 0
	for _, g := range parts {
		if r.ex != nil {
			r.ex.level, r.ex.polBase = level, base
			base += len(g.policies)
		}
		d, a := r.scan(g)
		denied = denied || d
		if a > allow {
			allow = a
		}
		if denied && r.ex == nil {
			break // Decide: a Deny settles the decision
		}
	}
	return denied, allow
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
		r.ex.NearMisses = nil
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
	if r.ex == nil {
		return
	}
	if len(r.ex.Notes) >= maxListed {
		r.ex.dropped++
		return
	}
	r.ex.Notes = append(r.ex.Notes, s)
}
