package condition

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"

	"github.com/iamgo/iam/internal/ascii"
	"github.com/iamgo/iam/internal/sat"

	"github.com/iamgo/iam/arn"
)

// value is one compiled policy value.
type value struct {
	text   string
	pat    *arn.Pattern // string and ARN operators with wildcards or variables; Bool with variables
	vars   []Variable
	segs   []arn.Segment // with vars: the value's text and holes, for reading it whole (substitute)
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
	// wideKey: the key holds a non-ASCII byte (a tag key such as aws:PrincipalTag/équipe); a
	// request key equal to it only under Unicode case folding makes the condition unknown.
	wideKey bool
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
	// set holds the values of a string operator with many plain values (StringEquals and its
	// negation as written; the IgnoreCase pair lower-cased), so that a request value is found
	// in constant time whatever the number of policy values (setThreshold).
	set map[string]struct{}
	// nonASCII: an IgnoreCase operator with a value holding a non-ASCII byte (then set is nil),
	// for the Unicode case-folding check (foldUnicode).
	nonASCII bool
	// quad is the sum of the values' arn.Pattern.Work: matching a request value of n bytes may
	// cost up to n·quad steps beyond a linear pass, which valueCost charges.
	quad int
	// cost is the work units Eval charges before looking (Context.Budget): one per policy value
	// (one in all with a set), plus one; nvars counts the policy variables, each a context lookup.
	cost, nvars int
	// lookups is the work of looking the key and the variables' keys up, per context key and in
	// quarters of a unit: one each, and one more per 32 bytes of key (keyWork). varLookups is
	// the variables' part, which match pays again for every request value.
	lookups, varLookups int
}

// keyWork is the work of comparing a key of k's length with one context key, in quarters of a
// unit (Context.Budget): keys of equal length are compared word by word (ascii.EqualFold).
func keyWork(k string) int { return 1 + len(k)>>5 }

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
		v, err := readValue(op.Operator, text, i, variables, build)
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
	for i := range c.values {
		v := &c.values[i]
		if v.pat != nil {
			c.quad = sat.Add(c.quad, v.pat.Work())
		}
		c.nonASCII = c.nonASCII || c.fold() && !ascii.Is(v.text)
	}
	c.set = valueSet(op.Operator, c.values)
	c.cost = c.perValue() + 1
	for i := range c.values {
		c.nvars += len(c.values[i].vars)
		for _, vr := range c.values[i].vars {
			c.varLookups += keyWork(vr.Key)
		}
	}
	c.lookups = keyWork(key) + c.varLookups
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

// readValue reads policy value text (at index i) for operator o: a pattern for the string and
// ARN operators (only when building, or when it holds a variable), a number, a date, a boolean,
// base64 bytes or an address prefix. The error is an *Error naming the value.
func readValue(o Operator, text string, i int, variables, build bool) (value, error) {
	v := value{text: text}
	pattern := build || variables && strings.Contains(text, "${")
	bad := func(format string, args ...any) error {
		return &Error{Code: CodeBadValue, ValueIndex: i, Msg: fmt.Sprintf(format, args...)}
	}
	var err error
	switch o {
	case StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase:
		rule := arn.RuleString
		if o == StringEqualsIgnoreCase || o == StringNotEqualsIgnoreCase {
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
	return v, err
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
	c.op, c.key, c.lkey = op, key, ascii.Lower(key)
	c.wideKey = !ascii.Is(key)
	c.keys = append(c.keys, key)
	return c
}

// addKey adds k to the condition's keys unless it is there already (compared without case).
// Past a few keys the check goes through seen (created here, returned for the next call), so
// that a policy naming tens of thousands of variables compiles in linear time.
func (c *Condition) addKey(k string, seen map[string]bool) map[string]bool {
	if seen == nil && len(c.keys) < 16 {
		for _, have := range c.keys {
			if ascii.EqualFold(have, k) {
				return nil
			}
		}
		c.keys = append(c.keys, k)
		return nil
	}
	if seen == nil {
		seen = make(map[string]bool, 2*len(c.keys))
		for _, have := range c.keys {
			seen[ascii.Lower(have)] = true
		}
	}
	if lk := ascii.Lower(k); !seen[lk] {
		seen[lk] = true
		c.keys = append(c.keys, k)
	}
	return seen
}

func (v *value) compilePattern(rule arn.Rule, wildcards, variables bool) error {
	var segs []arn.Segment
	var one [1]arn.Segment // the usual value, without variables: kept off the heap (segs never reaches v.segs)
	if variables && strings.Contains(v.text, "${") {
		lexed, vars, err := LexVariables(v.text, wildcards)
		if err != nil {
			return err
		}
		if v.vars = vars; len(vars) > 0 {
			v.segs = lexed
		}
		segs = lexed
	} else {
		kind := arn.Literal
		if wildcards {
			kind = arn.Wild
		}
		one[0] = arn.Segment{Kind: kind, Text: v.text}
		segs = one[:]
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

// arnShaped reports whether s starts with "arn:" and has the six colon-separated parts of an ARN.
func arnShaped(s string) bool {
	f, n := arn.Split(s)
	return n == 6 && f[0] == "arn"
}

// setThreshold is the number of plain values from which a string operator looks request values
// up in a set instead of comparing them with every value.
const setThreshold = 16

// valueSet returns the set of values for StringEquals, StringNotEquals and their IgnoreCase twins
// (lower-cased) when every value is plain text and there are at least setThreshold of them.
func valueSet(o Operator, values []value) map[string]struct{} {
	fold := o == StringEqualsIgnoreCase || o == StringNotEqualsIgnoreCase
	if len(values) < setThreshold || !fold && o != StringEquals && o != StringNotEquals {
		return nil
	}
	set := make(map[string]struct{}, len(values))
	for i := range values {
		if values[i].pat != nil || fold && !ascii.Is(values[i].text) {
			return nil // a non-ASCII IgnoreCase value is compared one by one (foldUnicode)
		}
		t := values[i].text
		if fold {
			t = ascii.Lower(t)
		}
		set[t] = struct{}{}
	}
	return set
}

// perValue is the work of comparing one request value with the policy values.
func (c *Condition) perValue() int {
	if c.set != nil {
		return 1
	}
	return len(c.values)
}

// inSet looks r up in the condition's set, lower-casing it for the IgnoreCase operators (whose
// set values are all ASCII): oYes or oNo, or oBad when r equals a value only under Unicode case
// folding (foldSkeleton); ok is false when r is too long to lower-case on the stack (the caller
// then compares value by value, and valueCost has charged for it).
func (c *Condition) inSet(r string) (o outcome, ok bool) {
	if c.fold() {
		var buf [foldBuf]byte
		lr, fits := ascii.LowerInto(buf[:], r)
		if !fits {
			return oNo, false
		}
		if _, in := c.set[string(lr)]; in {
			return oYes, true
		}
		if ascii.Is(r) {
			return oNo, true
		}
		var sk [foldBuf]byte
		if k, could := foldSkeleton(sk[:], r); could {
			if _, in := c.set[string(k)]; in {
				return oBad, true
			}
		}
		return oNo, true
	}
	_, in := c.set[r]
	return yes(in), true
}

// foldBuf is the longest request value an IgnoreCase set lower-cases on the stack.
const foldBuf = 512

// valueCost is the work of comparing request value r with the policy values (Context.Budget):
// one unit per policy value (one in all with a set) and per 64 bytes of r, plus what a pattern
// may cost beyond a linear pass (quad). An IgnoreCase set that r is too long for costs what
// comparing value by value does.
func (c *Condition) valueCost(r string) int {
	n := c.perValue()
	if c.set != nil && len(r) > foldBuf && c.fold() {
		n = len(c.values)
	}
	return sat.Add(n*(1+len(r)>>6), sat.Mul(len(r), c.quad)>>2) // four backtracking steps a unit, as eval's
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
			index[ascii.Lower(k)] = i
		}
	}
	for _, v := range c.values {
		for _, vr := range v.vars {
			if i, ok := index[ascii.Lower(vr.Key)]; ok && !vr.HasDefault {
				def[i] = false
			}
		}
	}
	return def
}
