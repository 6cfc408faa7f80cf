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
	wk      wordKey
	values  []value
	keys    []string
	invalid error
	// v4 holds the values of an IpAddress/NotIpAddress condition whose values are all IPv4, as
	// network and mask bits, so that an IPv4 request value is checked without netip.
	v4 []ip4net
	// plain: no set qualifier and not Null; the common single-value request takes Eval's short
	// path, where kind picks an operator family read inline (IPv4 addresses against v4, dates
	// in the YYYY-MM-DDThh:mm:ssZ form); everything else goes through match.
	plain bool
	kind  fastKind
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
			c.addKey(vr.Key)
		}
		c.values[i] = v
	}
	if !build {
		return nil, nil
	}
	c.plain = op.Qualifier == NoQualifier && op.Operator != Null
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

func (c *Condition) addKey(k string) {
	for _, have := range c.keys {
		if equalFold(have, k) {
			return
		}
	}
	c.keys = append(c.keys, k)
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
	if c.wk.n != 0 {
		ent = ctx.entryWords(&c.wk)
	} else {
		ent = ctx.entryLower(c.lkey)
	}
	if c.plain && ent != nil && len(ent.Values) == 1 && !ent.Multi { // never set for Invalid
		// The common case: one operator, one request value (C5.1), read the short way when the
		// condition has one (kind); a value that reading cannot take (an IPv6 address, a date
		// in another form or a leap second) goes to the operator's own reading, match.
		r := ent.Values[0]
		var m, bad bool
		switch c.kind {
		case kindIPv4:
			if u, ok := parseIPv4Bits(r); ok {
				m = c.inV4(u)
			} else {
				m, bad = c.match(r, ctx)
			}
		case kindDate:
			if k, ok := parseCivilUTC(r); ok && !k.leap() {
				m = c.civilHolds(k)
			} else {
				m, bad = c.match(r, ctx)
			}
		case kindText:
			m = c.hasText(r)
		case kindPrefix:
			m = c.hasPrefix(r)
		default:
			m, bad = c.match(r, ctx)
		}
		return c.verdict(m, bad, c.op.Operator.Negated())
	}
	return c.evalGeneral(ent, ctx)
}

// evalGeneral is Eval for everything its short path leaves: invalid conditions, Null, missing
// keys, multivalued keys and set qualifiers. Kept apart so that Eval stays small.
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
		for i := range c.values {
			if c.values[i].b != present {
				return True
			}
		}
		return False
	}
	if !ok || len(vals) == 0 {
		switch {
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
	neg := c.op.Operator.Negated()
	if c.op.Qualifier == NoQualifier {
		if len(vals) == 1 && !ent.Multi {
			return c.one(vals[0], ctx, neg)
		}
		// C5.15: an operator without a set qualifier on a multivalued key. The IAM policy
		// simulator answers "no match" for a positive operator even when every value matches;
		// a negated operator is left unknown (fail closed: a Deny applies, an Allow does not).
		if neg {
			return Unknown
		}
		return False
	}
	any := c.op.Qualifier == ForAnyValue // C5.14
	unknown := false
	for _, r := range vals {
		switch c.one(r, ctx, neg) {
		case True:
			if any {
				return True
			}
		case False:
			if !any {
				return False
			}
		case Unknown:
			unknown = true
		}
	}
	if unknown {
		return Unknown
	}
	if any {
		return False
	}
	return True
}

// one applies the unqualified operator to one request value: OR over the policy values, or NOR
// for a negated operator (C5.1). An unreadable request value is no match for a positive operator
// and Unknown for a negated one (C5.0, C5.10).
func (c *Condition) one(r string, ctx *Context, neg bool) Result {
	m, bad := c.match(r, ctx)
	return c.verdict(m, bad, neg)
}

// verdict turns match's answer for one request value into the operator's result.
func (c *Condition) verdict(m, bad, neg bool) Result {
	switch {
	case bad && (neg || c.op.Operator == Bool):
		// C5.0: an unreadable value leaves a negated operator unknown; for Bool any value
		// other than true or false is indeterminate (C5.8).
		return Unknown
	case m != neg:
		return True
	}
	return False
}

// match reports whether r matches any policy value under the positive twin of the operator, and
// whether r could not be read for the operator.
func (c *Condition) match(r string, ctx *Context) (matched, bad bool) {
	switch c.op.Operator {
	case StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
		ArnEquals, ArnLike, ArnNotEquals, ArnNotLike:
		if c.op.Operator >= ArnEquals && !arnShaped(r) {
			return false, true // C5.11: a value that is not an ARN; negated operators: unknown (C5.0)
		}
		fold := c.op.Operator == StringEqualsIgnoreCase || c.op.Operator == StringNotEqualsIgnoreCase
		for i := range c.values {
			v := &c.values[i]
			if v.pat == nil {
				if r == v.text || fold && equalFold(r, v.text) {
					return true, false
				}
				continue
			}
			if len(v.vars) == 0 {
				if v.pat.Match(r) {
					return true, false
				}
				continue
			}
			m, unresolved := v.matchPattern(r, ctx)
			if m {
				return true, false
			}
			if unresolved {
				bad = true // V6.5: a value without its variable matches nothing; negated: unknown
			}
		}
		return false, bad
	case NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals:
		d, ok := parseDecimal(r)
		if !ok {
			return false, true
		}
		for i := range c.values {
			if cmpHolds(c.op.Operator-NumericEquals, d.cmp(c.values[i].dec)) {
				return true, false
			}
		}
		return false, false
	case DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals:
		t, ok := parseDate(r)
		if !ok {
			return false, true
		}
		return c.dateHolds(t), false
	case Bool:
		b, ok := parseBool(r)
		if !ok {
			return false, true
		}
		for i := range c.values {
			v := &c.values[i]
			if v.pat != nil {
				if m, _ := v.matchPattern(r, ctx); m {
					return true, false
				}
				continue
			}
			if v.b == b {
				return true, false
			}
		}
		return false, false
	case BinaryEquals:
		var buf [512]byte
		data, ok := decodeBase64(r, buf[:])
		if !ok {
			return false, true
		}
		for i := range c.values {
			if bytes.Equal(data, c.values[i].bin) {
				return true, false
			}
		}
		return false, false
	case IpAddress, NotIpAddress:
		a, ok := parseAddr(r)
		if !ok {
			return false, true
		}
		for i := range c.values {
			if c.values[i].prefix.Contains(a) {
				return true, false
			}
		}
		return false, false
	}
	return false, true
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

// matchPattern substitutes the variables and matches. A variable without a value makes this
// value match nothing (V6.5).
func (v *value) matchPattern(r string, ctx *Context) (matched, unresolved bool) {
	var holes [MaxVariables]string
	for i, vr := range v.vars {
		s, ok := vr.Resolve(ctx)
		if !ok {
			return false, true
		}
		holes[i] = s
	}
	return v.pat.MatchHoles(r, holes[:len(v.vars)]), false
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
func (b *Block) MissingKeys(ctx *Context, dst []string) []string {
	for _, c := range b.conds {
		for i, k := range c.keys {
			if _, ok := ctx.Lookup(k); ok {
				continue
			}
			if i > 0 && variableHasDefault(c, k) {
				continue
			}
			dup := false
			for _, d := range dst {
				if equalFold(d, k) {
					dup = true
				}
			}
			if !dup {
				dst = append(dst, k)
			}
		}
	}
	return dst
}

func variableHasDefault(c *Condition, k string) bool {
	for _, v := range c.values {
		for _, vr := range v.vars {
			if equalFold(vr.Key, k) && !vr.HasDefault {
				return false
			}
		}
	}
	return true
}

// arnShaped reports whether s starts with "arn:" and has the six colon-separated parts of an ARN.
func arnShaped(s string) bool {
	return strings.HasPrefix(s, "arn:") && strings.Count(s, ":") >= 5
}
