package condition

import (
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/iamgo/iam/arn"
)

// Readings of request values that go beyond an operator's plain parse: where a value admits two
// readings that can decide differently, it is uncertain (C5.0, 2026-12: a Deny applies, an
// Allow does not).

// fold reports whether the operator is StringEqualsIgnoreCase or its negation.
func (c *Condition) fold() bool {
	return c.op.Operator == StringEqualsIgnoreCase || c.op.Operator == StringNotEqualsIgnoreCase
}

// foldRune maps r to one representative of the runes equal to it under Unicode case folding,
// as the common ignore-case comparisons have it: the simple fold orbit (K, k and the Kelvin
// sign; S, s and the long s) and lower(upper(r)) (the dotless i and the dotted capital I to
// 'i', as Java's equalsIgnoreCase takes them).
func foldRune(r rune) rune {
	r = unicode.ToLower(unicode.ToUpper(r))
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// foldEqualUnicode reports whether a and b are equal rune by rune under foldRune. Invalid
// UTF-8 compares byte by byte.
func foldEqualUnicode(a, b string) bool {
	for a != "" && b != "" {
		ra, wa := utf8.DecodeRuneInString(a)
		rb, wb := utf8.DecodeRuneInString(b)
		switch {
		case ra == utf8.RuneError && wa == 1 || rb == utf8.RuneError && wb == 1:
			if a[:wa] != b[:wb] {
				return false
			}
		case ra != rb && foldRune(ra) != foldRune(rb):
			return false
		}
		a, b = a[wa:], b[wb:]
	}
	return a == "" && b == ""
}

// foldToASCII lists the non-ASCII runes that foldRune takes to an ASCII letter
// (TestFoldToASCIIComplete checks the list against every rune).
var foldToASCII = [...]struct {
	r rune
	b byte
}{{0x130, 'i'}, {0x131, 'i'}, {0x17f, 's'}, {0x212a, 'k'}}

// foldSkeleton writes into buf the ASCII text that r equals under Unicode case folding,
// lower-cased, when there is one: could is false when r holds a non-ASCII rune that folds to
// no ASCII letter (then r equals no ASCII text under any folding) or does not fit.
func foldSkeleton(buf []byte, r string) (k []byte, could bool) {
	k = buf[:0]
	for _, c := range r {
		switch {
		case c < utf8.RuneSelf:
			b := byte(c)
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			if len(k) == cap(k) {
				return nil, false
			}
			k = append(k, b)
			continue
		}
		found := false
		for _, f := range foldToASCII {
			if f.r == c && len(k) < cap(k) {
				k, found = append(k, f.b), true
			}
		}
		if !found {
			return nil, false
		}
	}
	return k, true
}

// foldUnicode is match's last look for the IgnoreCase operators when r or a value is not ASCII
// and no value matched under ASCII folding (C5.5 DOC-GAP): oBad when a value equals r under
// Unicode case folding, else oNo. A value with variables is read whole (substitute); one whose
// variables have no certain value was counted by matchPattern already.
//
// Folding a rune costs tens of nanoseconds, far more than the unit valueCost charged for 64
// bytes: each comparison is charged two units per byte it may read (issue 14: 7 request values
// of 4 KB against 256 policy values of 4 KB cost 270 ms before; past the work limit the value
// is uncertain, oBad).
func (c *Condition) foldUnicode(r string, ctx *Context) outcome {
	for i := range c.values {
		v := &c.values[i]
		n := len(v.text)
		if v.pat != nil {
			n = foldBuf // the text with its variables' values, read whole when it fits
		}
		if !ctx.Spend(2 * min(len(r), n)) {
			return oBad
		}
		if v.pat == nil {
			if foldEqualUnicode(r, v.text) {
				return oBad
			}
			continue
		}
		var buf [foldBuf]byte
		text, res, fits := v.substitute(ctx, buf[:0])
		switch {
		case res != Resolved:
		case !fits:
			return oBad // too long to read on the stack, and not ASCII: uncertain
		case foldEqualUnicode(r, text):
			return oBad
		}
	}
	return oNo
}

// substitute appends to buf the value's text with its variables' values (a value compiled with
// variables, whose segs are kept): the text, Resolved, or the first variable's Resolution that
// is not Resolved; fits is false when the text would not fit in buf's capacity.
func (v *value) substitute(ctx *Context, buf []byte) (text string, res Resolution, fits bool) {
	var holes [MaxVariables]string
	for i, vr := range v.vars {
		s, r := vr.Lookup(ctx)
		if r != Resolved {
			return "", r, true
		}
		holes[i] = s
	}
	for _, sg := range v.segs {
		t := sg.Text
		if sg.Kind == arn.Hole {
			t = holes[sg.Hole]
		}
		if len(buf)+len(t) > cap(buf) {
			return "", Resolved, false
		}
		buf = append(buf, t...)
	}
	return unsafeString(buf), Resolved, true
}

// matchBool compares the request boolean b with a Bool value holding policy variables (C5.8):
// the value read whole must be a boolean too; one that is not is uncertain (C5.0), as is a
// variable without a certain value; an absent variable without default matches nothing (V6.5).
func (v *value) matchBool(b bool, ctx *Context) outcome {
	var buf [16]byte
	text, res, fits := v.substitute(ctx, buf[:0])
	switch {
	case res == Unresolved:
		return oUnresolved
	case res != Resolved || !fits:
		return oBad
	}
	vb, ok := parseBool(text)
	if !ok {
		return oBad
	}
	return yes(vb == b)
}

// leadingZero reports whether the decimal text s (read by parseDecimal) has a leading zero
// before another digit, such as "010" or "-007": 10 to some readers, octal to others (C5.6).
func leadingZero(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	return len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9'
}

// ParseRequestDate reads s as the Date operators read a request value (C5.7): ParseDate's
// forms, except those that name no one instant (a reduced form, a leap second, epoch seconds
// with a leading zero), which the operators treat as unknown (C5.0). It returns the instant in
// UTC. It does not allocate.
func ParseRequestDate(s string) (time.Time, bool) {
	t, ok := parseRequestDate(s)
	return t.utc(ok)
}

// parseRequestDate reads a request's date value: parseDate's forms, except those that do not
// name one instant (C5.7, C5.0): a reduced form (YYYY, YYYY-MM, YYYY-MM-DD: a period, without a
// zone; four digits are also epoch seconds), a leap second (23:59:60 is before midnight in UTC
// and the same instant as midnight in Unix time), and epoch seconds with a leading zero.
func parseRequestDate(s string) (instant, bool) {
	t, ok := parseDate(s)
	if !ok {
		return instant{}, false
	}
	if digits(s) || len(s) > 1 && s[0] == '-' && digits(s[1:]) {
		return t, len(s) != 4 && !leadingZero(s)
	}
	// Not epoch seconds: YYYY-MM-DDThh:mm[:ss[.f]]TZD.
	if len(s) <= len("YYYY-MM-DD") || s[10] != 'T' {
		return instant{}, false
	}
	if len(s) >= len("YYYY-MM-DDThh:mm:ss") && s[16] == ':' && s[17] == '6' && s[18] == '0' {
		return instant{}, false
	}
	return t, true
}
