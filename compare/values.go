package compare

import (
	"math/big"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamgo/iam/condition"
)

// keyUse collects what the policies say about one condition key.
type keyUse struct {
	key      string // as first written
	globs    []glob // String (IgnoreCase included) and Arn operators: one glob per value
	prefer   []string
	arnOps   bool
	numbers  []string
	dates    []string
	prefixes []string
	bools    bool
	binary   []string // BinaryEquals values (not modelled exactly)
	multi    bool     // a set qualifier reads the key, or it is multivalued by definition
	vars     bool     // a value holds a policy variable
	null     bool     // Null reads the key
}

// families counts the value families that read the key (Null reads only presence).
func (u *keyUse) families() int {
	n := 0
	for _, b := range []bool{len(u.globs) > 0, len(u.numbers) > 0, len(u.dates) > 0, len(u.prefixes) > 0, u.bools, len(u.binary) > 0} {
		if b {
			n++
		}
	}
	return n
}

func (u *keyUse) add(op condition.Op, values []string, variables bool) {
	if op.Qualifier != condition.NoQualifier {
		u.multi = true
	}
	for _, v := range values {
		if variables && strings.Contains(v, "${") {
			u.vars = true
		}
		switch op.Operator {
		case condition.StringEquals, condition.StringNotEquals:
			u.globs = append(u.globs, compileGlob(v, ruleLiteral))
			u.prefer = append(u.prefer, v)
		case condition.StringLike, condition.StringNotLike:
			u.globs = append(u.globs, compileGlob(v, ruleString))
			u.prefer = append(u.prefer, fillWildcards(v))
		case condition.ArnEquals, condition.ArnLike, condition.ArnNotEquals, condition.ArnNotLike:
			u.globs = append(u.globs, compileGlob(v, ruleARN))
			u.prefer = append(u.prefer, fillWildcards(v))
			u.arnOps = true
		case condition.StringEqualsIgnoreCase, condition.StringNotEqualsIgnoreCase:
			u.globs = append(u.globs, compileGlob(v, ruleFold))
			u.prefer = append(u.prefer, v)
		case condition.NumericEquals, condition.NumericNotEquals, condition.NumericLessThan,
			condition.NumericLessThanEquals, condition.NumericGreaterThan, condition.NumericGreaterThanEquals:
			u.numbers = append(u.numbers, v)
		case condition.DateEquals, condition.DateNotEquals, condition.DateLessThan,
			condition.DateLessThanEquals, condition.DateGreaterThan, condition.DateGreaterThanEquals:
			u.dates = append(u.dates, v)
		case condition.IpAddress, condition.NotIpAddress:
			u.prefixes = append(u.prefixes, v)
		case condition.Bool:
			u.bools = true
		case condition.BinaryEquals:
			u.binary = append(u.binary, v)
		case condition.Null:
			u.null = true
		}
	}
}

// fillWildcards turns a pattern into a readable member of its language.
func fillWildcards(p string) string {
	return strings.NewReplacer("*", "example", "?", "x").Replace(p)
}

// candidates returns one value per class of request values the policies cannot tell apart
// (exact), or a best effort with why it is not exact. The absent key is added by the caller.
func (u *keyUse) candidates(maxStates int, deadline time.Time) (vals []string, incomplete string) {
	if u.vars {
		incomplete = "condition key " + u.key + ": a policy variable ties its values to another key"
	}
	if u.families() > 1 {
		incomplete = "condition key " + u.key + " is read by operators of different families"
	}
	note := func(s string) {
		if incomplete == "" {
			incomplete = s
		}
	}
	if len(u.globs) > 0 {
		// The empty value is a class of its own: Null reads it as absent (C5.13).
		globs := append(slices.Clip(u.globs), compileGlob("", ruleLiteral))
		if u.arnOps {
			// C5.11: a value that is not ARN-shaped is unreadable for Arn operators.
			globs = append(slices.Clip(globs), compileGlob("arn:*:*:*:*:*", ruleString))
		}
		cls, complete := signatures(globs, maxStates, u.prefer, deadline)
		if !complete {
			note("condition key " + u.key + ": the automaton bound (states or time) was reached")
		}
		for _, c := range cls {
			vals = append(vals, c.repr)
		}
	}
	if len(u.numbers) > 0 {
		vs, ok := numberCandidates(u.numbers)
		if !ok {
			note("condition key " + u.key + ": a number could not be read")
		}
		vals = append(vals, vs...)
	}
	if len(u.dates) > 0 {
		vs, ok := dateCandidates(u.dates)
		if !ok {
			note("condition key " + u.key + ": a date could not be read")
		}
		vals = append(vals, vs...)
	}
	if len(u.prefixes) > 0 {
		vs, ok := ipCandidates(u.prefixes)
		if !ok {
			note("condition key " + u.key + ": an address could not be read")
		}
		vals = append(vals, vs...)
	}
	if u.bools {
		vals = append(vals, "true", "false", "not-a-boolean")
	}
	if len(u.binary) > 0 {
		note("condition key " + u.key + ": BinaryEquals is not modelled exactly")
		vals = append(vals, u.binary...)
		vals = append(vals, "aWFtY2hlY2s=")
	}
	if len(vals) == 0 {
		vals = []string{"iamcheck-value"} // Null alone: present or absent
	}
	if u.null {
		vals = append(vals, "") // an empty value counts as null (C5.13)
	}
	seen := map[string]bool{}
	out := vals[:0]
	for _, v := range vals {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out, incomplete
}

// numberCandidates: every literal, a value between each two neighbours, one below and one
// above, and one that is not a number (C5.6): the comparisons are constant in between.
func numberCandidates(lits []string) ([]string, bool) {
	var rs []*big.Rat
	digits := 0
	for _, l := range lits {
		r, ok := new(big.Rat).SetString(l)
		if !ok {
			return []string{"0", "not-a-number"}, false
		}
		rs = append(rs, r)
		if i := strings.IndexByte(l, '.'); i >= 0 {
			digits = max(digits, len(l)-i-1)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Cmp(rs[j]) < 0 })
	rs = slices.CompactFunc(rs, func(a, b *big.Rat) bool { return a.Cmp(b) == 0 })
	one := big.NewRat(1, 1)
	var out []*big.Rat
	out = append(out, new(big.Rat).Sub(rs[0], one))
	for i, r := range rs {
		out = append(out, r)
		if i+1 < len(rs) {
			m := new(big.Rat).Add(r, rs[i+1])
			out = append(out, m.Quo(m, big.NewRat(2, 1)))
		}
	}
	out = append(out, new(big.Rat).Add(rs[len(rs)-1], one))
	var vals []string
	for _, r := range out {
		vals = append(vals, decimal(r, digits+1))
	}
	return append(vals, "not-a-number"), true
}

func decimal(r *big.Rat, digits int) string {
	if r.IsInt() {
		return r.RatString()
	}
	s := r.FloatString(digits)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

var dateLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01",
	"2006",
}

func parseDate(s string) (time.Time, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) > 4 {
		return time.Unix(n, 0).UTC(), true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// dateCandidates works as numberCandidates on instants (C5.7).
func dateCandidates(lits []string) ([]string, bool) {
	var ts []time.Time
	for _, l := range lits {
		t, ok := parseDate(l)
		if !ok {
			return []string{"2026-01-01T00:00:00Z", "not-a-date"}, false
		}
		// The reading must agree with the condition package's.
		c, err := condition.Compile(condition.Op{Operator: condition.DateEquals}, "k", []string{l}, false)
		if err != nil || c.Eval(&condition.Context{Keys: []condition.Entry{{Key: "k", Values: []string{t.Format(time.RFC3339Nano)}}}}) != condition.True {
			return []string{t.Format(time.RFC3339Nano), "not-a-date"}, false
		}
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	ts = slices.CompactFunc(ts, func(a, b time.Time) bool { return a.Equal(b) })
	var out []time.Time
	out = append(out, ts[0].Add(-24*time.Hour))
	for i, t := range ts {
		out = append(out, t)
		if i+1 < len(ts) {
			out = append(out, t.Add(ts[i+1].Sub(t)/2))
		}
	}
	out = append(out, ts[len(ts)-1].Add(24*time.Hour))
	var vals []string
	for _, t := range out {
		vals = append(vals, t.Format(time.RFC3339Nano))
	}
	return append(vals, "not-a-date"), true
}

// ipCandidates cuts each address family at every prefix's first address and at the address
// after its last, and takes the first address of every piece (C5.10).
func ipCandidates(lits []string) ([]string, bool) {
	points := map[netip.Addr]bool{netip.IPv4Unspecified(): true, netip.IPv6Unspecified(): true}
	ok := true
	for _, l := range lits {
		var p netip.Prefix
		var err error
		if strings.Contains(l, "/") {
			p, err = netip.ParsePrefix(l)
		} else {
			var a netip.Addr
			a, err = netip.ParseAddr(l)
			if err == nil {
				p = netip.PrefixFrom(a, a.BitLen())
			}
		}
		if err != nil {
			ok = false
			continue
		}
		p = p.Masked()
		points[p.Addr()] = true
		if next := lastAddr(p).Next(); next.IsValid() {
			points[next] = true
		}
	}
	var as []netip.Addr
	for a := range points {
		as = append(as, a)
	}
	slices.SortFunc(as, func(a, b netip.Addr) int { return a.Compare(b) })
	var vals []string
	for _, a := range as {
		vals = append(vals, a.String())
	}
	return append(vals, "not-an-address"), ok
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().As16()
	bits := p.Bits()
	if p.Addr().Is4() {
		bits += 96
	}
	for i := bits; i < 128; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a := netip.AddrFrom16(b)
	if p.Addr().Is4() {
		a = a.Unmap()
	}
	return a
}

// subsets returns every non-empty subset of vals (vals must be short).
func subsets(vals []string) [][]string {
	var out [][]string
	n := len(vals)
	for m := 1; m < 1<<n; m++ {
		var s []string
		for i := 0; i < n; i++ {
			if m&(1<<i) != 0 {
				s = append(s, vals[i])
			}
		}
		out = append(out, s)
	}
	return out
}

// ipIn reports whether the address v lies in the policy value p (a prefix or an address).
func ipIn(p, v string) bool {
	a, err := netip.ParseAddr(v)
	if err != nil {
		return false
	}
	if !strings.Contains(p, "/") {
		b, err := netip.ParseAddr(p)
		return err == nil && a.Unmap() == b.Unmap()
	}
	pr, err := netip.ParsePrefix(p)
	return err == nil && pr.Masked().Contains(a)
}
