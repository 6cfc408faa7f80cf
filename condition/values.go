package condition

import (
	"encoding/base64"
	"encoding/binary"
	"math"
	"net/netip"
	"strings"
	"time"

	"github.com/iamgo/iam/internal/ascii"
)

// decimal is an exact decimal number read from text: digits only, no exponent (C5.6).
type decimal struct {
	neg  bool
	intg string // no leading zeros ("" for zero)
	frac string // no trailing zeros
}

// parseDecimal reads -?DIGITS(.DIGITS)? without allocating.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	if strings.HasPrefix(s, "-") {
		d.neg, s = true, s[1:]
	}
	intg, frac, hasFrac := strings.Cut(s, ".")
	if intg == "" || !digits(intg) || hasFrac && (frac == "" || !digits(frac)) {
		return decimal{}, false
	}
	d.intg = strings.TrimLeft(intg, "0")
	d.frac = strings.TrimRight(frac, "0")
	if d.intg == "" && d.frac == "" {
		d.neg = false // -0 is 0
	}
	return d, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cmp returns -1, 0 or 1.
func (a decimal) cmp(b decimal) int {
	if a.neg != b.neg {
		if a.neg {
			return -1
		}
		return 1
	}
	c := cmpAbs(a, b)
	if a.neg {
		return -c
	}
	return c
}

func cmpAbs(a, b decimal) int {
	if len(a.intg) != len(b.intg) {
		if len(a.intg) < len(b.intg) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.intg, b.intg); c != 0 {
		return c
	}
	return strings.Compare(a.frac, b.frac) // no trailing zeros: lexical order is numeric order
}

// ParseDate reads s as the Date operators read a value (C5.7): the W3C profile of ISO 8601 that
// AWS documents, with a zone, or integer epoch seconds. It returns the instant in UTC, and false
// for a value the operators cannot read (which they treat as unknown, C5.0). It does not
// allocate.
func ParseDate(s string) (time.Time, bool) {
	t, ok := parseDate(s)
	return t.utc(ok)
}

// utc returns t as a time.Time in UTC when ok, else the zero time and false (the exported
// readers' results).
func (t instant) utc(ok bool) (time.Time, bool) {
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(t.sec, int64(t.nsec)).UTC(), true
}

// parseDate reads the W3C profile of ISO 8601 AWS documents (YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD, with TZD "Z" or
// ±hh:mm) or integer epoch seconds (C5.7), returning Unix nanoseconds. Reduced forms mean the
// start of their period in UTC; a time without a zone is rejected (DOC-GAP, fail closed).
// Every year from 0000 to 9999 is exact (no nanosecond overflow past 2262).
func parseDate(s string) (instant, bool) {
	if t, ok := parseDateUTC(s); ok {
		return t, true
	}
	if s == "" {
		return instant{}, false
	}
	if digits(s) || s[0] == '-' && len(s) > 1 && digits(s[1:]) {
		if len(s) != 4 || s[0] == '-' { // four digits alone are a year
			return parseEpoch(s)
		}
	}
	year, month, day, rest, ok := parseCalendarDate(s)
	if !ok {
		return instant{}, false
	}
	var secs, nanos, offset int
	if rest != "" {
		if rest[0] != 'T' || len(s) != len("YYYY-MM-DD")+len(rest) {
			return instant{}, false
		}
		if secs, nanos, offset, ok = parseTimeOfDay(rest[1:]); !ok {
			return instant{}, false
		}
	}
	if day > daysIn(year, month) { // 2026-02-30 does not exist
		return instant{}, false
	}
	sec := daysFromCivil(year, month, day)*86400 + int64(secs) - int64(offset)
	return instant{sec: sec, nsec: int32(nanos)}, true
}

// parseEpoch reads epoch seconds: an optional '-' and at most ten digits, up to 9,000,000,000.
func parseEpoch(s string) (instant, bool) {
	d, ok := parseDecimal(s)
	if !ok || len(d.intg) > 10 {
		return instant{}, false
	}
	var n int64
	for i := 0; i < len(d.intg); i++ {
		n = n*10 + int64(d.intg[i]-'0')
	}
	if n > 9_000_000_000 {
		return instant{}, false
	}
	if d.neg {
		n = -n
	}
	return instant{sec: n}, true
}

// num reads n decimal digits at the start of s.
func num(s string, n int) (int, bool) {
	if len(s) < n || !digits(s[:n]) {
		return 0, false
	}
	v := 0
	for i := 0; i < n; i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// parseCalendarDate reads YYYY, YYYY-MM or YYYY-MM-DD at the start of s (month and day
// default to 1) and returns what follows.
func parseCalendarDate(s string) (year, month, day int, rest string, ok bool) {
	if year, ok = num(s, 4); !ok {
		return 0, 0, 0, "", false
	}
	month, day = 1, 1
	rest = s[4:]
	if rest == "" {
		return year, month, day, rest, true
	}
	if rest[0] != '-' {
		return 0, 0, 0, "", false
	}
	if month, ok = num(rest[1:], 2); !ok || month < 1 || month > 12 {
		return 0, 0, 0, "", false
	}
	rest = rest[3:]
	if rest == "" {
		return year, month, day, rest, true
	}
	if rest[0] != '-' {
		return 0, 0, 0, "", false
	}
	if day, ok = num(rest[1:], 2); !ok || day < 1 || day > 31 {
		return 0, 0, 0, "", false
	}
	return year, month, day, rest[3:], true
}

// parseTimeOfDay reads hh:mm[:ss[.fraction]] then Z or ±hh:mm: the seconds into the day, the
// nanoseconds, and the zone's offset in seconds east of UTC.
func parseTimeOfDay(rest string) (secs, nanos, offset int, ok bool) {
	hh, ok := num(rest, 2)
	if !ok || hh > 23 || len(rest) < 5 || rest[2] != ':' {
		return 0, 0, 0, false
	}
	mm, ok := num(rest[3:], 2)
	if !ok || mm > 59 {
		return 0, 0, 0, false
	}
	ss := 0
	rest = rest[5:]
	if strings.HasPrefix(rest, ":") {
		if ss, ok = num(rest[1:], 2); !ok || ss > 60 {
			return 0, 0, 0, false
		}
		rest = rest[3:]
		if strings.HasPrefix(rest, ".") {
			i := 1
			for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
				if i <= 9 {
					nanos = nanos*10 + int(rest[i]-'0')
				} else if rest[i] != '0' {
					// C5.7, C5.0: a fraction finer than a nanosecond would be truncated, which
					// can change how it compares: unreadable.
					return 0, 0, 0, false
				}
				i++
			}
			if i == 1 {
				return 0, 0, 0, false
			}
			for k := i; k <= 9; k++ {
				nanos *= 10
			}
			rest = rest[i:]
		}
	}
	switch {
	case rest == "Z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(rest[1:], 2)
		om, ok2 := num(rest[4:], 2)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return 0, 0, 0, false
		}
		offset = oh*3600 + om*60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return 0, 0, 0, false
	}
	return hh*3600 + mm*60 + ss, nanos, offset, true
}

// parseDateUTC reads the common form YYYY-MM-DDThh:mm:ssZ (aws:CurrentTime's) in one pass;
// ok is false for anything else, which parseDate then reads the long way.
func parseDateUTC(s string) (instant, bool) {
	k, ok := parseCivilUTC(s)
	if !ok {
		return instant{}, false
	}
	year, month, day, hh, mm, ss := k.fields()
	return instant{sec: daysFromCivil(year, month, day)*86400 + int64(hh*3600+mm*60+ss)}, true
}

// civil is a UTC date and time of day packed so that later times compare greater: year, month,
// day, hour, minute and second in bit fields, most significant first. A leap second (ss = 60)
// sorts between :59 and the next minute, where the instant it denotes equals the next minute:
// civil values holding one must not be compared (Condition.Eval reads them as instants).
type civil int64

func makeCivil(year, month, day, hh, mm, ss int) civil {
	return civil(((((int64(year)<<4|int64(month))<<5|int64(day))<<5|int64(hh))<<6|int64(mm))<<6 | int64(ss))
}

func (k civil) fields() (year, month, day, hh, mm, ss int) {
	return int(k >> 26), int(k>>22) & 15, int(k>>17) & 31, int(k>>12) & 31, int(k>>6) & 63, int(k) & 63
}

// leap reports whether k is a leap second (ss = 60).
func (k civil) leap() bool { return k&63 == 60 }

// civilOf returns the UTC civil time of t, with its fraction of a second apart. Instants
// before year 0 or after 9999 (read from epoch seconds) become -1 and the largest civil value,
// before and after every time parseCivilUTC reads.
func civilOf(t instant) (civil, int32) {
	lo := daysFromCivil(0, 1, 1) * 86400
	hi := daysFromCivil(10000, 1, 1) * 86400
	switch {
	case t.sec < lo:
		return -1, 0
	case t.sec >= hi:
		return civil(math.MaxInt64), 0
	}
	u := time.Unix(t.sec, 0).UTC()
	return makeCivil(u.Year(), int(u.Month()), u.Day(), u.Hour(), u.Minute(), u.Second()), t.nsec
}

// parseCivilUTC reads YYYY-MM-DDThh:mm:ssZ as a civil value: the separators and the fourteen
// digits are checked a word at a time (three overlapping eight-byte words), then the ranges.
//
// Measured: reading UTC request times as packed civil times, part of W4 ~190 -> ~150 ns
// (fc10d4a, cfb4d41); the two-digit fields a word at a time, Block3 ~51 -> ~48 ns (a30597b).
// Slow twin: time.Parse (TestFastParseDateUTCMutationsMatchSlow, TestFastParseCivilUTCMatchesSlow).
func parseCivilUTC(s string) (civil, bool) {
	if len(s) != len("2006-01-02T15:04:05Z") {
		return 0, false
	}
	b := unsafeBytes(s)
	w0 := binary.LittleEndian.Uint64(b[0:])  // YYYY-MM-
	w1 := binary.LittleEndian.Uint64(b[8:])  // DDThh:mm
	w2 := binary.LittleEndian.Uint64(b[12:]) // h:mm:ssZ
	const (
		sepMask02 = 0xff0000ff00000000 // bytes 4 and 7 of w0 and of w2
		sepMask1  = 0x0000ff0000ff0000 // bytes 2 and 5 of w1
		digMask0  = 0x00ffff00ffffffff // YYYY MM
		digMask1  = 0xffff00ffff00ffff // DD hh mm
		digMask2  = 0x00ffff0000000000 // ss
	)
	if w0&sepMask02 != '-'<<32|'-'<<56 || w1&sepMask1 != 'T'<<16|':'<<40 || w2&sepMask02 != ':'<<32|'Z'<<56 {
		return 0, false
	}
	if !digitsAt(w0, digMask0) || !digitsAt(w1, digMask1) || !digitsAt(w2, digMask2) {
		return 0, false
	}
	// Two-digit numbers, a word at a time: with t the low nibbles (the digit values), byte k of
	// t*10 + t>>8 is 10·t[k] + t[k+1], below 256 for every byte here (digits and the nibbles of
	// '-', 'T', ':' and 'Z'), so no byte carries into the next.
	const nibbles = 0x0f0f0f0f0f0f0f0f
	t0, t1, t2 := w0&nibbles, w1&nibbles, w2&nibbles
	p0, p1, p2 := t0*10+t0>>8, t1*10+t1>>8, t2*10+t2>>8
	year := int(byte(p0))*100 + int(byte(p0>>16))
	month, day, hh := int(byte(p0>>40)), int(byte(p1)), int(byte(p1>>24))
	mm, ss := int(byte(p1>>48)), int(byte(p2>>40))
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hh > 23 || mm > 59 || ss > 60 {
		return 0, false
	}
	return makeCivil(year, month, day, hh, mm, ss), true
}

// digitsAt reports whether every byte of w selected by mask (whole bytes) is an ASCII digit: its
// high nibble is 3 and adding 6 keeps it 3 (0x3a-0x3f become 0x40-0x45). A carry out of an
// unselected byte can only come from a byte of 0xfa or more, never a separator the caller has
// already checked; a carry out of a selected byte means that byte is no digit anyway.
func digitsAt(w, mask uint64) bool {
	const nibbles, threes, sixes = 0xf0f0f0f0f0f0f0f0, 0x3030303030303030, 0x0606060606060606
	return w&mask&nibbles == threes&mask && (w+sixes)&mask&nibbles == threes&mask
}

// instant is a point in time: seconds since the Unix epoch and nanoseconds within the second.
type instant struct {
	sec  int64
	nsec int32
}

// compare returns -1, 0 or +1 as t is before, equal to or after u.
func (t instant) compare(u instant) int {
	switch {
	case t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec:
		return -1
	case t.sec > u.sec || t.sec == u.sec && t.nsec > u.nsec:
		return 1
	}
	return 0
}

// daysFromCivil returns the number of days from 1970-01-01 to the proleptic Gregorian date
// y-m-d (the era arithmetic of Howard Hinnant's civil calendar algorithms).
func daysFromCivil(y, m, d int) int64 {
	if y >= 1901 && y <= 2099 {
		// The common case, without divisions: between 1901 and 2099 every fourth year is a
		// leap year (2000 is one), and (y-1969)>>2 counts the leap days between 1970 and y.
		days := (y-1970)*365 + (y-1969)>>2 + int(daysBefore[m-1]) + d - 1
		if m > 2 && y&3 == 0 {
			days++
		}
		return int64(days)
	}
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400                     // [0, 399]
	doy := (153*((m+9)%12)+2)/5 + d - 1    // day of the year starting in March, [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return int64(era)*146097 + int64(doe) - 719468
}

// daysBefore[m-1] is the number of days before month m in a common year.
var daysBefore = [12]int16{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// daysIn returns the number of days of month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parsePrefix reads an IpAddress value: a CIDR or a bare address (/32 or /128), host bits
// masked (C5.10).
func parsePrefix(s string) (netip.Prefix, bool) {
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		if p.Addr().Is4In6() {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}

// parseAddr reads a request address; IPv4-mapped IPv6 compares as IPv4 (C5.10). An address
// with a zone (fe80::1%eth0), spaces or anything else netip.ParseAddr would not read is
// unreadable (C5.0). It never allocates, whatever s holds: netip.ParseAddr allocates its error.
func parseAddr(s string) (netip.Addr, bool) {
	if strings.IndexByte(s, ':') < 0 {
		return parseIPv4(s)
	}
	var b [16]byte
	if !parseIPv6(s, &b) {
		return netip.Addr{}, false
	}
	return netip.AddrFrom16(b).Unmap(), true
}

// parseIPv6 reads an IPv6 address without a zone into b, as netip.ParseAddr does: eight groups
// of one to four hex digits separated by ':', one "::" standing for one or more zero groups, and
// optionally a dotted-quad IPv4 address as the last 32 bits. TestFastIPv6MatchesSlow checks it
// against netip.ParseAddr.
func parseIPv6(s string, b *[16]byte) bool {
	if len(s) < 2 || len(s) > 45 {
		return false
	}
	ellipsis := -1 // the byte index in b where "::" stands
	i, n := 0, 0
	if s[0] == ':' {
		if s[1] != ':' {
			return false
		}
		ellipsis, i = 0, 2
		if i == len(s) {
			return true // "::"
		}
	}
	for i < len(s) {
		if n == 16 {
			return false
		}
		v, j := 0, i
		for j < len(s) && j-i < 4 {
			d := hexDigit(s[j])
			if d < 0 {
				break
			}
			v = v<<4 | d
			j++
		}
		if j < len(s) && s[j] == '.' {
			// The rest is a dotted quad in the last four bytes.
			u, ok := parseIPv4Bits(s[i:])
			if !ok || n > 12 {
				return false
			}
			b[n], b[n+1], b[n+2], b[n+3] = byte(u>>24), byte(u>>16), byte(u>>8), byte(u)
			n += 4
			break
		}
		if j == i || j < len(s) && hexDigit(s[j]) >= 0 {
			return false // an empty group, or more than four digits
		}
		b[n], b[n+1] = byte(v>>8), byte(v)
		n += 2
		i = j
		if i == len(s) {
			break
		}
		if s[i] != ':' || i+1 == len(s) {
			return false // another character, or a trailing single ':'
		}
		i++
		if s[i] == ':' {
			if ellipsis >= 0 {
				return false // a second "::"
			}
			ellipsis = n
			i++
		}
	}
	if n < 16 {
		if ellipsis < 0 {
			return false
		}
		// Move what follows "::" to the end and zero the gap.
		gap := 16 - n
		for k := n - 1; k >= ellipsis; k-- {
			b[k+gap] = b[k]
		}
		for k := ellipsis; k < ellipsis+gap; k++ {
			b[k] = 0
		}
	} else if ellipsis >= 0 {
		return false // "::" must stand for at least one group
	}
	return true
}

// parseIPv4 reads a dotted-quad IPv4 address exactly as netip.ParseAddr does for text without a
// colon: four decimal fields, each at most 255, no leading zeros, nothing else (no zone).
func parseIPv4(s string) (netip.Addr, bool) {
	u, ok := parseIPv4Bits(s)
	if !ok {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)}), true
}

// parseIPv4Bits is parseIPv4 returning the address as a 32-bit number (first field highest).
// Each field is read as one to three digits, unrolled.
//
// Measured: the inline IPv4 reading on the short path, Block3 ~56 -> ~53 ns (9dbb064), and no
// error allocation for malformed values (netip.ParseAddr allocates one). Slow twin:
// netip.ParseAddr (TestFastParseIPv4MatchesSlow).
func parseIPv4Bits(s string) (uint32, bool) {
	if len(s) < len("0.0.0.0") || len(s) > len("255.255.255.255") {
		return 0, false
	}
	var u uint32
	i := 0
	for f := 0; f < 4; f++ {
		if f > 0 {
			if i >= len(s) || s[i] != '.' {
				return 0, false
			}
			i++
		}
		if i >= len(s) || s[i]-'0' > 9 {
			return 0, false
		}
		n := uint32(s[i] - '0')
		i++
		if i < len(s) && s[i]-'0' <= 9 {
			if n == 0 {
				return 0, false // a leading zero
			}
			n = n*10 + uint32(s[i]-'0')
			i++
			if i < len(s) && s[i]-'0' <= 9 {
				n = n*10 + uint32(s[i]-'0')
				i++
				if n > 255 {
					return 0, false
				}
			}
		}
		u = u<<8 | n
	}
	return u, i == len(s)
}

// parseBool reads true or false without ASCII case (C5.8).
func parseBool(s string) (bool, bool) {
	switch {
	case ascii.EqualFold(s, "true"):
		return true, true
	case ascii.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// hexDigit returns the value of the hex digit c, or -1.
func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// equalBase64 reports whether the standard base64 text s decodes to want, and whether s is
// valid base64 at all: padding required, no line break (which some decoders skip and others
// refuse), and the bits left over by the padding zero, as base64.StdEncoding.Strict() reads it;
// anything else is unreadable (C5.9, C5.0). It decodes a quantum at a time and never
// allocates, whatever the length of s (TestFastBase64MatchesSlow checks it against
// encoding/base64).
func equalBase64(s string, want []byte) (eq, ok bool) {
	var q [4]byte
	nq, out, pad := 0, 0, 0
	eq = true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if pad > 0 && nq == 0 {
			return false, false // text after the padding
		}
		var d byte
		switch {
		case c >= 'A' && c <= 'Z':
			d = c - 'A'
		case c >= 'a' && c <= 'z':
			d = c - 'a' + 26
		case c >= '0' && c <= '9':
			d = c - '0' + 52
		case c == '+':
			d = 62
		case c == '/':
			d = 63
		case c == '=':
			if nq < 2 || pad == 0 && nq == 2 && (i+1 >= len(s) || s[i+1] != '=') {
				return false, false
			}
			// The bits the padding leaves over must be zero, as a strict decoder has it: "AB=="
			// would otherwise read as "AA==" (C5.9, C5.0).
			if pad == 0 && (nq == 2 && q[1]&15 != 0 || nq == 3 && q[2]&3 != 0) {
				return false, false
			}
			pad++
			d = 0
		default:
			return false, false
		}
		if pad > 0 && c != '=' {
			return false, false
		}
		q[nq] = d
		nq++
		if nq < 4 {
			continue
		}
		nq = 0
		bytes3 := [3]byte{q[0]<<2 | q[1]>>4, q[1]<<4 | q[2]>>2, q[2]<<6 | q[3]}
		for k := 0; k < 3-pad; k++ {
			if out >= len(want) || want[out] != bytes3[k] {
				eq = false
			}
			out++
		}
	}
	if nq != 0 {
		return false, false
	}
	return eq && out == len(want), true
}

// decodeBase64 decodes standard base64 (padding required) into buf without allocating when the
// decoded value fits.
func decodeBase64(s string, buf []byte) ([]byte, bool) {
	n := base64.StdEncoding.DecodedLen(len(s))
	if n > len(buf) {
		buf = make([]byte, n)
	}
	m, err := base64.StdEncoding.Decode(buf[:n], unsafeBytes(s))
	if err != nil {
		return nil, false
	}
	return buf[:m], true
}
