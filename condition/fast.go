package condition

import "strings"

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

// hasText reports whether r equals one of the values (kindText).
func (c *Condition) hasText(r string) bool {
	if c.set != nil {
		_, in := c.set[r]
		return in
	}
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
