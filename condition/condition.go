package condition

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"

	"github.com/iamgo/iam/arn"
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

// value is one compiled policy value.
type value struct {
	text   string
	pat    *arn.Pattern // string and ARN operators with wildcards or variables; Bool with variables
	vars   []Variable
	dec    decimal
	date   instant
	civ    civil // date as a UTC civil time (Date operators), and
	civNs  int32 // its fraction of a second, for Eval's short path
	prefix netip.Prefix
	bin    []byte
	b      bool
}

// Condition is one compiled operator/key pair with its values. It is immutable and safe for
// concurrent use.
type Condition struct {
	op   Op
	key  string
	lkey string // key with ASCII letters lower-cased, for the context lookup
	// wk prepares keys of 8 to 16 bytes (most) for Context.entryWords (wk.n is 0 for others).
	wk     wordKey
	values []value
	keys   []string
	// keyDefault[i] is set when every policy variable naming keys[i] (i > 0) has a default, so
	// that its absence is no missing key (M10.3).
	keyDefault []bool
	invalid    error
	// v4 holds the values of an IpAddress/NotIpAddress condition whose values are all IPv4, as
	// network and mask bits, so that an IPv4 request value is checked without netip.
	v4 []ip4net
	// plain: no set qualifier and not Null; the common single-value request takes Eval's short
	// path, where kind picks an operator family read inline (IPv4 addresses against v4, dates
	// in the YYYY-MM-DDThh:mm:ssZ form); everything else goes through match.
	plain bool
	kind  fastKind
	// cost is the work units Eval charges before looking (Context.Budget): one per policy value,
	// plus one; nvars counts the policy variables, each a context lookup.
	cost, nvars int
}

// fastKind marks the operator families Eval's short path reads without calling match.
type fastKind uint8

const (
	kindOther  fastKind = iota
	kindIPv4            // IpAddress/NotIpAddress with only IPv4 values
	kindDate            // the Date operators
	kindText            // StringEquals/StringNotEquals with plain values, compared whole
	kindPrefix          // StringLike/StringNotLike whose values are all "literal*": a prefix test
)

// ip4net is an IPv4 prefix as bits: an address a is inside when a&mask == net.
type ip4net struct{ net, mask uint32 }

// Invalid returns a condition that always evaluates to Unknown, for an operator or value that
// could not be compiled (err says why) but must still take part in a decision: an Allow
// statement holding it never applies and a Deny statement always does (C5.0).
func Invalid(op Op, key string, err error) *Condition {
	return &Condition{op: op, key: key, keys: []string{key}, invalid: err}
}

// Err returns the compile error of a condition made by Invalid, or nil.
func (c *Condition) Err() error { return c.invalid }

// Op returns the condition's operator.
func (c *Condition) Op() Op { return c.op }

// Key returns the condition key as written in the policy.
func (c *Condition) Key() string { return c.key }

// Keys returns every context key the condition reads: its own key, then the keys of the policy
// variables in its values, without duplicates (compared without case).
func (c *Condition) Keys() []string { return c.keys }

// Compile compiles operator op on key with the policy values (JSON strings, numbers and booleans
// as their exact text). variables enables policy variables, which exist only in policies with
// Version 2012-10-17 (G1.2); without it "${...}" is literal text. The error is an *Error.
func Compile(op Op, key string, values []string, variables bool) (*Condition, error) {
	return compile(op, key, values, variables, true)
}

// Check returns the error Compile would return for the same arguments, without building the
// condition: a parser validates every condition with it, allocating only for values with policy
// variables, and leaves the compiling to the evaluator.
func Check(op Op, key string, values []string, variables bool) error {
	_, err := compile(op, key, values, variables, false)
	return err
}

// compile is Compile, or Check when build is false: then nothing is kept, and string patterns,
// which can only fail through a policy variable, are compiled only when they hold "${".
func compile(op Op, key string, values []string, variables, build bool) (*Condition, error) {
	if op.Operator == 0 || op.Operator >= numOperators {
		return nil, &Error{Code: CodeUnknownOperator, ValueIndex: -1, Msg: "no operator"}
	}
	if key == "" {
		return nil, &Error{Code: CodeBadKey, ValueIndex: -1, Msg: "empty condition key"}
	}
	if strings.Contains(key, "${") {
		return nil, &Error{Code: CodeBadKey, ValueIndex: -1, Msg: fmt.Sprintf("condition key %q: policy variables are not allowed in condition keys (V6.4)", key)}
	}
	if len(values) == 0 {
		return nil, &Error{Code: CodeNoValues, ValueIndex: -1, Msg: "expected at least one value (an empty list would match nothing, or everything for a negated operator)"}
	}
	var c *Condition
	var seen map[string]bool // lower-cased keys, once a condition names many (addKey)
	if build {
		c = newCondition(op, key, len(values))
	}
	for i, text := range values {
		v := value{text: text}
		pattern := build || variables && strings.Contains(text, "${")
		bad := func(format string, args ...any) error {
			return &Error{Code: CodeBadValue, ValueIndex: i, Msg: fmt.Sprintf(format, args...)}
		}
		var err error
		switch op.Operator {
		case StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase:
			rule := arn.RuleString
			if op.Operator == StringEqualsIgnoreCase || op.Operator == StringNotEqualsIgnoreCase {
				rule = arn.RuleStringFold
			}
			if pattern {
				err = v.compilePattern(rule, false, variables)
			}
		case StringLike, StringNotLike:
			if pattern {
				err = v.compilePattern(arn.RuleString, true, variables)
			}
		case ArnEquals, ArnLike, ArnNotEquals, ArnNotLike:
			if text != "*" && !(variables && strings.Contains(text, "${")) && !arnShaped(text) {
				err = bad("%q is not an ARN: expected arn:partition:service:region:account:resource (wildcards allowed)", text)
			} else if pattern {
				err = v.compilePattern(arn.RuleARN, true, variables)
			}
		case NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals:
			var ok bool
			if v.dec, ok = parseDecimal(text); !ok {
				err = bad("%q is not a number: expected digits with an optional '-' and decimal part, such as 10 or -2.5", text)
			}
		case DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals:
			var ok bool
			if v.date, ok = parseDate(text); !ok {
				err = bad("%q is not a date: expected ISO 8601 such as 2026-01-31T12:00:00Z (with a time zone) or epoch seconds", text)
			} else if build {
				v.civ, v.civNs = civilOf(v.date)
			}
		case Bool:
			if variables && strings.Contains(text, "${") {
				err = v.compilePattern(arn.RuleStringFold, false, true)
			} else {
				var ok bool
				if v.b, ok = parseBool(text); !ok {
					err = bad("%q is not a boolean: expected true or false", text)
				}
			}
		case BinaryEquals:
			var buf [512]byte
			var ok bool
			if v.bin, ok = decodeBase64(text, buf[:]); !ok {
				err = bad("%q is not base64: expected standard base64 with padding", text)
			}
			v.bin = bytes.Clone(v.bin)
		case IpAddress, NotIpAddress:
			var ok bool
			if v.prefix, ok = parsePrefix(text); !ok {
				err = bad("%q is not an IP address or CIDR block: expected such as 203.0.113.0/24 or 2001:db8::/32", text)
			}
		case Null:
			var ok bool
			if v.b, ok = parseBool(text); !ok {
				err = bad("%q: Null takes true (the key is absent) or false (the key is present)", text)
			}
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				err = &Error{Code: CodeBadVariable, ValueIndex: i, Msg: err.Error()}
			}
			return nil, err
		}
		if !build {
			continue
		}
		for _, vr := range v.vars {
			seen = c.addKey(vr.Key, seen)
		}
		c.values[i] = v
	}
	if !build {
		return nil, nil
	}
	c.plain = op.Qualifier == NoQualifier && op.Operator != Null
	c.keyDefault = keyDefaults(c)
	c.cost = len(c.values) + 1
	for i := range c.values {
		c.nvars += len(c.values[i].vars)
	}
	if n := len(c.lkey); n >= 8 && n <= 16 {
		c.wk = newWordKey(key, c.lkey)
	}
	if op.Operator == IpAddress || op.Operator == NotIpAddress {
		if c.v4 = ip4Nets(c.values); c.v4 != nil {
			c.kind = kindIPv4
		}
	}
	if op.Operator >= DateEquals && op.Operator <= DateGreaterThanEquals {
		c.kind = kindDate
	}
	c.kind = textKind(op.Operator, c.values, c.kind)
	return c, nil
}

// newCondition allocates a condition for n values. The usual condition, with one value, comes
// in one allocation with its value and its key list.
func newCondition(op Op, key string, n int) *Condition {
	var c *Condition
	if n == 1 {
		one := &struct {
			c Condition
			v [1]value
			k [1]string
		}{}
		c = &one.c
		c.values, c.keys = one.v[:], one.k[:0]
	} else {
		c = &Condition{values: make([]value, n)}
	}
	c.op, c.key, c.lkey = op, key, lowerASCII(key)
	c.keys = append(c.keys, key)
	return c
}

// textKind returns kindText or kindPrefix for string operators whose values need no pattern
// matcher, otherwise kind.
func textKind(o Operator, values []value, kind fastKind) fastKind {
	switch o {
	case StringEquals, StringNotEquals:
		for _, v := range values {
			if v.pat != nil {
				return kind
			}
		}
		return kindText
	case StringLike, StringNotLike:
		for _, v := range values {
			// "literal*": a pattern whose literal prefix is followed by one trailing star.
			if v.pat == nil || len(v.vars) > 0 || v.pat.String() != v.pat.LiteralPrefix()+"*" {
				return kind
			}
		}
		return kindPrefix
	}
	return kind
}

// ip4Nets returns the IPv4 prefixes of values as bits, or nil when any value is IPv6.
func ip4Nets(values []value) []ip4net {
	nets := make([]ip4net, 0, len(values))
	for _, v := range values {
		a := v.prefix.Addr()
		if !a.Is4() {
			return nil
		}
		b := a.As4()
		mask := uint32(0)
		if bits := v.prefix.Bits(); bits > 0 {
			mask = ^uint32(0) << (32 - bits)
		}
		nets = append(nets, ip4net{net: uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]), mask: mask})
	}
	return nets
}

// addKey adds k to the condition's keys unless it is there already (compared without case).
// Past a few keys the check goes through seen (created here, returned for the next call), so
// that a policy naming tens of thousands of variables compiles in linear time.
func (c *Condition) addKey(k string, seen map[string]bool) map[string]bool {
	if seen == nil && len(c.keys) < 16 {
		for _, have := range c.keys {
			if equalFold(have, k) {
				return nil
			}
		}
		c.keys = append(c.keys, k)
		return nil
	}
	if seen == nil {
		seen = make(map[string]bool, 2*len(c.keys))
		for _, have := range c.keys {
			seen[lowerASCII(have)] = true
		}
	}
	if lk := lowerASCII(k); !seen[lk] {
		seen[lk] = true
		c.keys = append(c.keys, k)
	}
	return seen
}

func (v *value) compilePattern(rule arn.Rule, wildcards, variables bool) error {
	var segs []arn.Segment
	if variables && strings.Contains(v.text, "${") {
		var err error
		if segs, v.vars, err = LexVariables(v.text, wildcards); err != nil {
			return err
		}
	} else {
		kind := arn.Literal
		if wildcards {
			kind = arn.Wild
		}
		segs = []arn.Segment{{Kind: kind, Text: v.text}}
	}
	if !wildcards && len(v.vars) == 0 && rule != arn.RuleARN {
		// Plain equality, compared directly; the escapes ${*} ${?} ${$} become their character
		// (V6.2).
		if len(segs) == 1 {
			v.text = segs[0].Text
			return nil
		}
		var b strings.Builder
		for _, sg := range segs {
			b.WriteString(sg.Text)
		}
		v.text = b.String()
		return nil
	}
	p, err := arn.Compile(rule, segs...)
	if err != nil {
		return err
	}
	v.pat = p
	return nil
}

// Eval evaluates the condition against ctx. It does not allocate.
func (c *Condition) Eval(ctx *Context) Result {
	var ent *Entry
	if ctx != nil && ctx.Budget > 0 && !ctx.Spend(c.cost+(1+c.nvars)*(len(ctx.Keys)+len(ctx.Fallback))>>2) {
		return Unknown // the work budget is spent: fail closed (Context.Budget)
	}
	if c.wk.n != 0 {
		ent = ctx.entryWords(&c.wk)
	} else {
		ent = ctx.entryLower(c.lkey)
	}
	if c.plain && ent != nil && len(ent.Values) == 1 && !ent.Multi && !ent.Unknown { // never set for Invalid
		// The common case: one operator, one request value (C5.1), read the short way when the
		// condition has one (kind); a value that reading cannot take (an IPv6 address, a date
		// in another form or a leap second) goes to the operator's own reading, match.
		r := ent.Values[0]
		if len(r) > 64 && !ctx.Spend(len(c.values)*(len(r)>>6)) {
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
	cost := 0
	for _, r := range vals {
		cost += len(c.values) * (1 + len(r)>>6)
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
		fold := c.op.Operator == StringEqualsIgnoreCase || c.op.Operator == StringNotEqualsIgnoreCase
		o := oNo
		for i := range c.values {
			v := &c.values[i]
			if v.pat == nil {
				if r == v.text || fold && equalFold(r, v.text) {
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
			switch v.matchPattern(r, ctx) {
			case oYes:
				return oYes
			case oBad:
				o = oBad
			case oUnresolved:
				if o == oNo {
					o = oUnresolved
				}
			}
		}
		return o
	case NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals:
		d, ok := parseDecimal(r)
		if !ok {
			return oBad
		}
		for i := range c.values {
			if cmpHolds(c.op.Operator-NumericEquals, d.cmp(c.values[i].dec)) {
				return oYes
			}
		}
		return oNo
	case DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals:
		t, ok := parseDate(r)
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
				switch v.matchPattern(r, ctx) {
				case oYes:
					return oYes
				case oBad:
					o = oBad
				case oUnresolved:
					if o == oNo {
						o = oUnresolved
					}
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
		return oNo
	}
	return oBad
}

// hasText reports whether r equals one of the values (kindText).
func (c *Condition) hasText(r string) bool {
	for i := range c.values {
		if r == c.values[i].text {
			return true
		}
	}
	return false
}

// hasPrefix reports whether r starts with the literal of one of the "literal*" values
// (kindPrefix).
func (c *Condition) hasPrefix(r string) bool {
	for i := range c.values {
		if strings.HasPrefix(r, c.values[i].pat.LiteralPrefix()) {
			return true
		}
	}
	return false
}

// inV4 reports whether the IPv4 address u lies in one of the IPv4 values (kindIPv4).
func (c *Condition) inV4(u uint32) bool {
	for _, n := range c.v4 {
		if u&n.mask == n.net {
			return true
		}
	}
	return false
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

// civilHolds is dateHolds for a request time read as a civil value (no leap second, no
// fraction): policy values compare as civil values, then by their fraction of a second.
func (c *Condition) civilHolds(k civil) bool {
	for i := range c.values {
		v := &c.values[i]
		cmp := 0
		switch {
		case k < v.civ:
			cmp = -1
		case k > v.civ:
			cmp = 1
		case v.civNs > 0:
			cmp = -1
		}
		if cmpHolds(c.op.Operator-DateEquals, cmp) {
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

// Block is a Condition element: all its conditions must hold (C5.1). The zero Block is empty and
// evaluates to True. A Block is immutable once built.
type Block struct {
	conds []*Condition
}

// NewBlock returns the block of the given conditions.
func NewBlock(conds ...*Condition) Block { return Block{conds: conds} }

// Len returns the number of conditions.
func (b *Block) Len() int { return len(b.conds) }

// Conditions returns the block's conditions (do not modify).
func (b *Block) Conditions() []*Condition { return b.conds }

// Eval returns False if any condition is false, else Unknown if any is unknown, else True. It
// stops at the first false condition and does not allocate.
func (b *Block) Eval(ctx *Context) Result {
	res := True
	for _, c := range b.conds {
		switch c.Eval(ctx) {
		case False:
			return False
		case Unknown:
			res = Unknown
		}
	}
	return res
}

// MissingKeys appends to dst every key the block reads that ctx lacks (variables with defaults
// excepted), without duplicates: the IAM policy simulator's "missing context values" (M10.3).
// To collect over many blocks, use a MissingSet: it stays linear in the keys read.
func (b *Block) MissingKeys(ctx *Context, dst []string) []string {
	m := MissingSet{Keys: dst}
	for _, k := range dst {
		m.mark(k)
	}
	m.Add(b, ctx)
	return m.Keys
}

// MaxMissing is the most keys a MissingSet collects: past it, Add does nothing and Truncated
// reports true.
const MaxMissing = 1000

// MissingSet collects the context keys that conditions read but a context lacks (M10.3), each
// once (compared without case), over any number of blocks, in time linear in the keys read.
// The zero MissingSet is ready to use; use one per context.
type MissingSet struct {
	// Keys are the missing keys, in the order found.
	Keys []string
	// Truncated is set once MaxMissing keys were collected and more were missing.
	Truncated bool
	seen      map[string]bool // lower-cased Keys
	have      map[string]bool // lower-cased keys of the context, built on first use
}

func (m *MissingSet) mark(k string) {
	if m.seen == nil {
		m.seen = make(map[string]bool)
	}
	m.seen[lowerASCII(k)] = true
}

// Add collects the keys of b's conditions that ctx lacks.
func (m *MissingSet) Add(b *Block, ctx *Context) {
	if b == nil || m.Truncated {
		return
	}
	if m.have == nil {
		m.have = make(map[string]bool)
		if ctx != nil {
			for _, list := range [2][]Entry{ctx.Keys, ctx.Fallback} {
				for i := range list {
					m.have[lowerASCII(list[i].Key)] = true
				}
			}
		}
	}
	var buf [256]byte
	for _, c := range b.conds {
		for i, k := range c.keys {
			if i > 0 && c.keyDefault[i] {
				continue // every variable naming the key has a default
			}
			lk := appendLower(buf[:0], k)
			if m.have[string(lk)] || m.seen[string(lk)] {
				continue
			}
			if len(m.Keys) == MaxMissing {
				m.Truncated = true
				return
			}
			m.mark(k)
			m.Keys = append(m.Keys, k)
		}
	}
}

// appendLower appends s to b with its ASCII letters lower-cased.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// arnShaped reports whether s starts with "arn:" and has the six colon-separated parts of an ARN.
func arnShaped(s string) bool {
	return strings.HasPrefix(s, "arn:") && strings.Count(s, ":") >= 5
}

// requestARN reports whether a request value can be read by the ARN operators: "arn:", a
// partition and a service of lower-case letters, digits and '-' (as AWS spells them), then
// region, account and a resource part (C5.11). Anything else is unreadable (C5.0, 2026-12).
func requestARN(s string) bool {
	if len(s) < 4 || s[:4] != "arn:" {
		return false
	}
	colons, start := 0, 4
	for i := 4; i < len(s); i++ {
		b := s[i]
		if b == ':' {
			if colons < 2 && i == start {
				return false // an empty partition or service
			}
			colons++
			if colons == 4 {
				return true
			}
			start = i + 1
			continue
		}
		if colons < 2 && !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-') {
			return false
		}
	}
	return false
}

// keyDefaults computes Condition.keyDefault in time linear in the variables.
func keyDefaults(c *Condition) []bool {
	if len(c.keys) < 2 {
		return nil
	}
	def := make([]bool, len(c.keys))
	index := make(map[string]int, len(c.keys))
	for i, k := range c.keys {
		if i > 0 {
			def[i] = true
			index[lowerASCII(k)] = i
		}
	}
	for _, v := range c.values {
		for _, vr := range v.vars {
			if i, ok := index[lowerASCII(vr.Key)]; ok && !vr.HasDefault {
				def[i] = false
			}
		}
	}
	return def
}
