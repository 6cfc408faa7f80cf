package condition

import (
	"net/netip"
	"strings"
	"unicode/utf8"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/internal/ascii"
	"github.com/iamgo/iam/internal/sat"
)

// Result is the three-valued outcome of a condition (C5.0).
type Result uint8

const (
	// False: the condition does not hold.
	False Result = iota
	// True: the condition holds.
	True
	// Unknown: a value could not be read for its operator. An Allow does not apply; a Deny does.
	Unknown
)

// String returns "false", "true" or "unknown".
func (r Result) String() string {
	switch r {
	case True:
		return "true"
	case Unknown:
		return "unknown"
	}
	return "false"
}

// Eval evaluates the condition against ctx. It does not allocate.
func (c *Condition) Eval(ctx *Context) Result {
	var ent *Entry
	if ctx != nil && ctx.Budget > 0 && !ctx.Spend(c.cost+c.lookups*(len(ctx.Keys)+len(ctx.Fallback))>>2) {
		return Unknown // the work budget is spent: fail closed (Context.Budget)
	}
	if c.wk.n != 0 {
		ent = ctx.entryWords(&c.wk)
	} else {
		ent = ctx.entryLower(c.lkey)
	}
	// The Unicode comparison reads up to the key's length from every context key, at about
	// two bytes a unit (issue 14: 2,000 such conditions against 256 near-equal keys cost half a
	// second before it was charged).
	if ent == nil && c.wideKey && (!ctx.Spend((len(ctx.Keys)+len(ctx.Fallback))*(1+len(c.key)>>1)) || ctx.entryUnicode(c.key)) {
		// C5.2 DOC-GAP, C5.0: keys compare without ASCII case; a request key equal to this one
		// only under Unicode case folding ("…/ÉQUIPE" for "…/équipe") may be it, or not.
		return Unknown
	}
	if c.plain && ent != nil && len(ent.Values) == 1 && !ent.Multi && !ent.Unknown { // never set for Invalid
		// The common case: one operator, one request value (C5.1), read the short way when the
		// condition has one (kind); a value that reading cannot take (an IPv6 address, a date
		// in another form or a leap second) goes to the operator's own reading, match.
		r := ent.Values[0]
		if (len(r) > 64 || c.quad > 0) && !ctx.Spend(c.valueCost(r)-c.perValue()) {
			return Unknown
		}
		var o outcome
		switch c.kind {
		case kindIPv4:
			if u, ok := parseIPv4Bits(r); ok {
				o = yes(c.inV4(u))
			} else {
				o = c.match(r, ctx)
			}
		case kindDate:
			if k, ok := parseCivilUTC(r); ok && !k.leap() {
				o = yes(c.civilHolds(k))
			} else {
				o = c.match(r, ctx)
			}
		case kindText:
			o = yes(c.hasText(r))
		case kindPrefix:
			o = yes(c.hasPrefix(r))
		default:
			o = c.match(r, ctx)
		}
		return verdict(o, c.op.Operator.Negated())
	}
	return c.evalGeneral(ent, ctx)
}

// evalGeneral is Eval for everything its short path leaves: invalid conditions, Null, missing
// keys, multivalued keys, keys of unknown value and set qualifiers. Kept apart so that Eval
// stays small.
func (c *Condition) evalGeneral(ent *Entry, ctx *Context) Result {
	if c.invalid != nil {
		return Unknown
	}
	var vals []string
	ok := ent != nil
	if ok {
		vals = ent.Values
	}
	if c.op.Operator == Null {
		present := false
		for _, s := range vals {
			if s != "" { // an empty value counts as null (C5.13 DOC-GAP)
				present = true
			}
		}
		if ok && ent.Unknown {
			present = true // present, of unknown value: not null
		}
		for i := range c.values {
			if c.values[i].b != present {
				return True
			}
		}
		return False
	}
	if !ok {
		switch {
		case c.op.IfExists && c.op.Qualifier == ForAnyValue:
			// C5.14 DOC-GAP (2026-12): IfExists says true, ForAnyValue says false, and AWS has
			// been seen to deny an Allow written this way: indeterminate.
			return Unknown
		case c.op.IfExists: // C5.12
			return True
		case c.op.Qualifier == ForAnyValue: // C5.14
			return False
		case c.op.Qualifier == ForAllValues: // C5.14
			return True
		case c.op.Operator.Negated(): // C5.4
			return True
		}
		return False
	}
	if ent.Unknown {
		return Unknown // present, but its value is not known (C5.0)
	}
	if len(vals) == 0 && c.op.IfExists && c.op.Qualifier == ForAnyValue {
		// C5.13 DOC-GAP: an empty list counts as null, so the key reads as absent to IfExists
		// (true) and as an empty set to ForAnyValue (false): indeterminate, as on an absent key
		// (C5.14, 2026-12).
		return Unknown
	}
	cost := 0
	for _, r := range vals {
		cost = sat.Add(cost, c.valueCost(r))
	}
	if c.varLookups > 0 && len(vals) > 1 {
		// match looks the variables up again for every request value (twice with IgnoreCase:
		// foldUnicode substitutes them); Eval charged one round (issue 14: 1,000 variables
		// against 256 request values and 256 keys cost 1.3 s before).
		rounds := len(vals) - 1
		if c.fold() {
			rounds = 2*len(vals) - 1
		}
		cost = sat.Add(cost, sat.Mul(rounds, c.varLookups*(len(ctx.Keys)+len(ctx.Fallback))>>2))
	}
	if !ctx.Spend(cost) {
		return Unknown
	}
	neg := c.op.Operator.Negated()
	if c.op.Qualifier == NoQualifier && len(vals) == 1 && !ent.Multi {
		return verdict(c.match(vals[0], ctx), neg)
	}
	// C5.14: ForAnyValue holds when some request value holds, ForAllValues when every one does
	// (vacuously for an empty set). Both readings are computed in one pass.
	anyRes, allRes := False, True
	for _, r := range vals {
		switch verdict(c.match(r, ctx), neg) {
		case True:
			anyRes = True
		case False:
			allRes = False
		case Unknown:
			if anyRes == False {
				anyRes = Unknown
			}
			if allRes == True {
				allRes = Unknown
			}
		}
	}
	switch c.op.Qualifier {
	case ForAnyValue:
		return anyRes
	case ForAllValues:
		return allRes
	}
	// C5.15 (2026-12): an operator without a set qualifier on a key with several values (or
	// none, or marked multivalued). AWS documents no reading; the operator must never be weaker
	// for a Deny than ForAnyValue of it, nor stronger for an Allow than ForAllValues of it. It
	// is false only where both readings are false; otherwise indeterminate, which also keeps
	// the IAM policy simulator's observed answer (no match for a positive operator on a list
	// key) for Allows.
	if anyRes == False && allRes == False {
		return False
	}
	return Unknown
}

// outcome is what match found for one request value against the policy values.
type outcome uint8

const (
	oNo  outcome = iota // no policy value matches
	oYes                // a policy value matches
	// oBad: the request value cannot be read for the operator, or a value's policy variable has
	// no certain value (Doubtful): indeterminate for positive and negated operators alike
	// (C5.0, 2026-12).
	oBad
	// oUnresolved: nothing matched and a value's variable names an absent key without a
	// default: that value matches nothing (V6.5), so a positive operator does not hold and a
	// negated one is indeterminate.
	oUnresolved
)

// worse folds the outcome of one more policy value into o, the outcome so far: a match wins,
// then doubt (oBad), then an unresolved variable, then no match.
func worse(o, next outcome) outcome {
	switch {
	case next == oYes || o == oYes:
		return oYes
	case next == oBad || o == oBad:
		return oBad
	case next == oUnresolved || o == oUnresolved:
		return oUnresolved
	}
	return oNo
}

func yes(m bool) outcome {
	if m {
		return oYes
	}
	return oNo
}

// verdict turns match's outcome for one request value into the unqualified operator's result:
// OR over the policy values, NOR for a negated operator (C5.1).
func verdict(o outcome, neg bool) Result {
	switch {
	case o == oBad, o == oUnresolved && neg:
		return Unknown
	case (o == oYes) != neg:
		return True
	}
	return False
}

// match reports whether r matches any policy value under the positive twin of the operator
// (see outcome).
func (c *Condition) match(r string, ctx *Context) outcome {
	switch c.op.Operator {
	case StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
		ArnEquals, ArnLike, ArnNotEquals, ArnNotLike:
		if c.op.Operator >= ArnEquals && !requestARN(r) {
			return oBad // C5.11, C5.0 (2026-12): a request value that is not an ARN
		}
		if c.set != nil {
			if in, ok := c.inSet(r); ok {
				return in
			}
		}
		fold := c.fold()
		o := oNo
		for i := range c.values {
			v := &c.values[i]
			if v.pat == nil {
				if r == v.text || fold && ascii.EqualFold(r, v.text) {
					return oYes
				}
				continue
			}
			if len(v.vars) == 0 {
				if v.pat.Match(r) {
					return oYes
				}
				continue
			}
			if o = worse(o, v.matchPattern(r, ctx)); o == oYes {
				return oYes
			}
		}
		if fold && (c.nonASCII || !ascii.Is(r)) {
			// C5.5 DOC-GAP, C5.0: no value equals r under ASCII case folding; one that equals it
			// under Unicode case folding (the Kelvin sign and 'k', 'É' and 'é') is uncertain.
			o = worse(o, c.foldUnicode(r, ctx))
		}
		return o
	case NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals:
		d, ok := parseDecimal(r)
		if !ok || leadingZero(r) {
			return oBad // C5.6, C5.0: "010" is 10, or octal 8
		}
		for i := range c.values {
			if cmpHolds(c.op.Operator-NumericEquals, d.cmp(c.values[i].dec)) {
				return oYes
			}
		}
		return oNo
	case DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals:
		t, ok := parseRequestDate(r)
		if !ok {
			return oBad
		}
		return yes(c.dateHolds(t))
	case Bool:
		b, ok := parseBool(r)
		if !ok {
			return oBad // C5.8
		}
		o := oNo
		for i := range c.values {
			v := &c.values[i]
			if v.pat != nil {
				if o = worse(o, v.matchBool(b, ctx)); o == oYes {
					return oYes
				}
				continue
			}
			if v.b == b {
				return oYes
			}
		}
		return o
	case BinaryEquals:
		for i := range c.values {
			eq, ok := equalBase64(r, c.values[i].bin)
			if !ok {
				return oBad
			}
			if eq {
				return oYes
			}
		}
		return oNo
	case IpAddress, NotIpAddress:
		a, ok := parseAddr(r)
		if !ok {
			return oBad
		}
		for i := range c.values {
			if c.values[i].prefix.Contains(a) {
				return oYes
			}
		}
		if a.Is4() && strings.IndexByte(r, ':') >= 0 {
			// C5.10 DOC-GAP, C5.0: an IPv4-mapped IPv6 address compares as IPv4, but it is also
			// the IPv6 address it is written as: an IPv6 block holding it makes the reading
			// uncertain.
			a6 := netip.AddrFrom16(a.As16())
			for i := range c.values {
				if c.values[i].prefix.Contains(a6) {
					return oBad
				}
			}
		}
		return oNo
	}
	return oBad
}

// dateHolds reports whether t compares with any policy value as the Date operator (or the
// positive twin of a negated one) asks.
func (c *Condition) dateHolds(t instant) bool {
	for i := range c.values {
		if cmpHolds(c.op.Operator-DateEquals, t.compare(c.values[i].date)) {
			return true
		}
	}
	return false
}

// cmpHolds applies comparison k (0 Equals, 1 NotEquals' positive twin Equals, 2 LessThan,
// 3 LessThanEquals, 4 GreaterThan, 5 GreaterThanEquals) to the result of a three-way compare.
func cmpHolds(k Operator, cmp int) bool {
	switch k {
	case 0, 1:
		return cmp == 0
	case 2:
		return cmp < 0
	case 3:
		return cmp <= 0
	case 4:
		return cmp > 0
	case 5:
		return cmp >= 0
	}
	return false
}

// matchPattern substitutes the variables and matches: oYes or oNo, oUnresolved when a variable
// names an absent key without a default (the value matches nothing, V6.5), oBad when a
// variable's key holds no certain value (C5.0).
func (v *value) matchPattern(r string, ctx *Context) outcome {
	var holes [MaxVariables]string
	for i, vr := range v.vars {
		s, res := vr.Lookup(ctx)
		switch res {
		case Unresolved:
			return oUnresolved
		case Doubtful:
			return oBad
		}
		holes[i] = s
	}
	return yes(v.pat.MatchHoles(r, holes[:len(v.vars)]))
}

// requestARN reports whether a request value can be read by the ARN operators: an ARN as the
// request's Resource is checked (R3.1, R3.4): "arn:", a known partition, a service and a
// region (or none) of lower-case letters, digits and '-', an account of 12 digits, "aws" or
// none, and a resource part; no control byte and valid UTF-8 (C5.11). Anything else is
// unreadable (C5.0, 2026-12).
func requestARN(s string) bool {
	f, n := arn.Split(s)
	return n == 6 && f[0] == "arn" && arn.KnownPartition(f[1]) && lowerWord(f[2]) &&
		(f[3] == "" || lowerWord(f[3])) && (f[4] == "" || f[4] == "aws" || arn.IsAccountID(f[4])) &&
		f[5] != "" && printable(f[5])
}

// printable reports whether s is valid UTF-8 without control bytes (below 0x20, and 0x7f).
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// lowerWord reports whether s is a non-empty run of lower-case letters, digits and '-'.
func lowerWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-') {
			return false
		}
	}
	return true
}
