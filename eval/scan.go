package eval

import (
	"strings"
	"unsafe"

	"github.com/iamgo/iam/internal/ascii"
	"github.com/iamgo/iam/internal/sat"

	"github.com/iamgo/iam/condition"
)

// scan evaluates the statements of g that can apply to the request and returns whether a Deny
// applies and the strongest Allow (sDirect for any Allow outside resource policies). It picks one
// of three strategies: scanSmall, scanAll (Explain, over-long actions) or scanIndexed. Decide
// stops at the first Deny that applies; Explain checks every statement.
func (r *run) scan(g *group) (denied bool, allow strength) {
	ix := &g.index
	// The action lower-cased, for the index and the action sets: it views this frame's buffer,
	// so it is passed down rather than kept in the run (which would move the buffer to the
	// heap). It is "" where it is not needed (small groups without action sets compare plain
	// actions byte by byte, cheaper than lower-casing first) and for an action too long for
	// the buffer.
	low := ""
	if ix.needLow {
		// The buffer starts on a 16-byte boundary, whatever the frames above: map hashing
		// reads it 16 bytes at a time, and a read across a cache line made W5 15% slower
		// when a caller's frame grew by a few words.
		var buf [lowerBufSize + 16]byte
		at := int(-uintptr(unsafe.Pointer(&buf[0])) & 15)
		if lb, ok := ascii.LowerInto(buf[at:at+lowerBufSize], r.action); ok {
			low = unsafe.String(unsafe.SliceData(lb), len(lb))
		}
	}
	switch {
	case r.ex == nil && ix.small:
		return r.scanSmall(g, low)
	case r.ex != nil || len(low) != len(r.action):
		return r.scanAll(g, low)
	}
	return r.scanIndexed(g, low)
}

// scanSmall is the strategy for small groups (fewer than indexThreshold statements): a
// one-statement group is checked directly; otherwise each statement is skipped by its 64-bit
// action filter before being looked at (actionBit).
func (r *run) scanSmall(g *group, low string) (denied bool, allow strength) {
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

// scanAll checks every statement in order: Explain (which reports every statement that
// applies) and actions too long to lower-case on the stack take it.
func (r *run) scanAll(g *group, low string) (denied bool, allow strength) {
	for i := range g.stmts {
		if r.check(g, i, low, &denied, &allow) {
			return denied, allow
		}
	}
	return denied, allow
}

// scanIndexed is the strategy for large groups: the statements that apply to every action,
// then those listing the request's action, then those of its service, each bucket narrowed by
// resource prefix (index.go).
func (r *run) scanIndexed(g *group, low string) (denied bool, allow strength) {
	ix := &g.index
	if r.scanBucket(g, &ix.always, low, &denied, &allow) {
		return denied, allow
	}
	if b, found := ix.byAction[low]; found && r.scanBucket(g, &b, low, &denied, &allow) {
		return denied, allow
	}
	if len(ix.bySvc) == 0 {
		return denied, allow // every statement lists plain actions (W3)
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

// workShift converts the steps of a backtracking pattern into work units (Limits.MaxWork): four
// steps a unit, about the cost of the other units, so that the default limit bounds them to
// about 5·10⁵ steps, a few milliseconds (condition's valueCost charges alike).
const workShift = 2

// check evaluates statement i; it returns true when the scan can stop (a Deny applies on the
// fast path).
func (r *run) check(g *group, i int, low string, denied *bool, allow *strength) bool {
	s := &g.stmts[i]
	// An action pattern that backtracks ("s3:*a?a?…b") may cost up to len(action)·actQuad
	// steps, charged first (Limits.MaxWork): past the limit, whether the statement's action
	// matches is uncertain (C5.0), and it is read as matching, uncertainly.
	actUnknown := s.actQuad > 0 && !r.ctx.Spend(sat.Mul(len(r.action), s.actQuad)>>workShift)
	if !actUnknown && !s.matchAction(r, low) {
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
	// A resource pattern that backtracks may cost up to len(resource)·resQuad steps (R3.3
	// patterns such as "arn:aws:s3:::b/*a?a?…b"), charged at 1<<workShift steps a unit.
	// Each policy variable of a Resource entry is a context lookup (issue 14: 1 MiB of entries
	// of eight variables against 256 keys cost 80 ms before it was charged).
	// The products saturate (internal/sat): on a 32-bit int, len(r.resource)·resQuad wrapped.
	if !actUnknown && r.ctx.Spend(sat.Add(s.work+len(s.resources)*(len(r.resource)>>6)+
		s.resLookups*(len(r.ctx.Keys)+len(r.ctx.Fallback))>>2, sat.Mul(len(r.resource), s.resQuad)>>workShift)) {
		resRes = s.matchResource(r.resource, &r.ctx)
	} else if r.ex != nil && !r.ex.workSpent {
		r.ex.workSpent = true
		r.note("the decision reached its work limit (Limits.MaxWork): the remaining statements were read as uncertain (C5.0)")
	}
	if resRes == condition.True && s.resOK && int(s.resHead) > r.resFrom {
		r.resFrom = int(s.resHead) // the request's ARN head is proven (stmt.resOK)
	}
	if resRes == condition.False {
		if r.ex != nil {
			r.nearMiss(g, s, "resource", "")
		}
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
			if r.ex != nil {
				r.nearMiss(g, s, "principal", "")
			}
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
			if len(r.ex.Notes) < maxListed {
				r.note("an Allow statement could not be evaluated with certainty and was not applied (C5.0): " + r.describe(g, s))
			} else {
				r.ex.dropped++
			}
			r.nearMiss(g, s, "condition", "")
		}
	case s.allow && res == condition.False && r.ex != nil:
		r.nearMiss(g, s, "condition", "")
	}
	return r.ex == nil && *denied
}

func (s *stmt) matchAction(r *run, low string) bool {
	if s.actSet != nil {
		m, exact := s.actSet.match(r.action, low)
		if exact && s.exactOK {
			r.actOK = true
		}
		return m != s.notAction
	}
	return s.listsAction(r, low) != s.notAction
}

// listsAction reports whether one of the statement's Action/NotAction entries matches the
// request's action (low: lower-cased, or "" when too long to lower-case on the stack).
func (s *stmt) listsAction(r *run, low string) bool {
	if low != "" {
		for _, a := range s.exactActs {
			if low == a {
				r.actOK = r.actOK || s.exactOK
				return true
			}
		}
	} else {
		for _, a := range s.exactActs {
			if ascii.EqualLower(r.action, a) {
				r.actOK = r.actOK || s.exactOK
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
		m, doubt := rp.p.MatchResource(resource, nil)
		switch {
		case m:
			return condition.True, false
		case doubt:
			// R3.3 (corrected 2026-12): the entry matches only under the older reading, in which
			// wildcards of the resource part crossed colons: uncertain (C5.0).
			return condition.Unknown, false
		case rp.short:
			// R3.9 DOC-GAP: AWS documents short ARNs only with a trailing '*'; without one we
			// cannot tell what AWS would match, so the entry is uncertain (C5.0).
			return condition.Unknown, false
		}
		return condition.False, false
	}
	var holes [condition.MaxVariables]string
	for i, v := range rp.vars {
		s, res := v.Lookup(ctx)
		switch res {
		case condition.Unresolved:
			return condition.False, true // R3.7, V6.5: the entry matches no resource
		case condition.Doubtful:
			// A key with several values, none, or of unknown value: AWS documents no reading,
			// so the entry is uncertain (C5.0), in Resource and NotResource alike.
			return condition.Unknown, false
		}
		holes[i] = s
	}
	switch m, doubt := rp.p.MatchResource(resource, holes[:len(rp.vars)]); {
	case m:
		return condition.True, false
	case doubt:
		return condition.Unknown, false // R3.3 corrected 2026-12, as above
	}
	return condition.False, false
}
