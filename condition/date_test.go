package condition

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// TestParseDateMatchesTime checks the calendar arithmetic of parseDate against the time
// package on random instants from year 0000 to 9999, with and without zone offsets and
// fractions (C5.7).
func TestFastParseDateMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lo := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	for i := 0; i < 20000; i++ {
		sec := lo + rng.Int64N(hi-lo)
		nsec := 0
		if i%3 == 0 {
			nsec = rng.IntN(1e9)
		}
		want := time.Unix(sec, int64(nsec)).UTC()
		zone := time.FixedZone("", (rng.IntN(47)-23)*1800)
		local := want.In(zone)
		if local.Year() < 0 || local.Year() > 9999 {
			continue
		}
		text := local.Format("2006-01-02T15:04:05.999999999Z07:00")
		got, ok := parseDate(text)
		if !ok || got.sec != sec || int(got.nsec) != nsec {
			t.Fatalf("parseDate(%q) = %+v, %v; want %d.%09d", text, got, ok, sec, nsec)
		}
	}
}

// TestParseDateUTCMutations checks the one-pass reader of YYYY-MM-DDThh:mm:ssZ against the time
// package on random valid times with one byte replaced: it accepts exactly what time.Parse
// accepts, at the same instant (the leap second 60, which time rejects, aside).
func TestFastParseDateUTCMutationsMatchSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const layout = "2006-01-02T15:04:05Z"
	for i := 0; i < 200000; i++ {
		b := []byte(time.Unix(rng.Int64N(253402300799), 0).UTC().Format(layout))
		if i%4 != 0 {
			b[rng.IntN(len(b))] = byte(rng.IntN(256))
		}
		text := string(b)
		got, ok := parseDateUTC(text)
		want, err := time.Parse(layout, text)
		if text[17:19] == "60" {
			continue
		}
		if ok != (err == nil) || ok && got != (instant{sec: want.Unix()}) {
			t.Fatalf("parseDateUTC(%q) = %+v, %v; time.Parse: %v, %v", text, got, ok, want, err)
		}
	}
}

func TestParseDateCalendar(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"2024-02-29", true},  // leap year
		{"2023-02-29", false}, // not a leap year: the date does not exist
		{"2000-02-29", true},  // divisible by 400
		{"1900-02-29", false}, // divisible by 100
		{"2026-04-31", false},
		{"2026-12-31T23:59:60Z", true}, // a leap second reads as the next minute
		{"9999-12-31T23:59:59Z", true},
		{"0000-01-01T00:00:00Z", true},
	} {
		if _, ok := parseDate(tt.in); ok != tt.ok {
			t.Errorf("parseDate(%q) ok = %v, want %v", tt.in, ok, tt.ok)
		}
	}
	// Far-future dates keep their order (nanoseconds since 1970 overflow after 2262).
	a, _ := parseDate("3000-01-01T00:00:00Z")
	b, _ := parseDate("9999-01-01T00:00:00Z")
	now, _ := parseDate("2026-12-01T00:00:00Z")
	if now.compare(a) != -1 || a.compare(b) != -1 || b.compare(a) != 1 || a.compare(a) != 0 {
		t.Errorf("order: %+v %+v %+v", now, a, b)
	}
	leap, _ := parseDate("2026-12-31T23:59:60Z")
	next, _ := parseDate("2027-01-01T00:00:00Z")
	if leap != next {
		t.Errorf("leap second %+v != %+v", leap, next)
	}
}

func ExampleCompile_farFuture() {
	c, _ := Compile(Op{Operator: DateLessThan}, "aws:CurrentTime", []string{"3000-01-01T00:00:00Z"}, true)
	ctx := &Context{Keys: []Entry{{Key: "aws:CurrentTime", Values: []string{"2026-12-01T10:00:00Z"}}}}
	fmt.Println(c.Eval(ctx))
	// Output: true
}

// TestParseDateUTCForm checks the one-pass reading of YYYY-MM-DDThh:mm:ssZ against the time
// package, and that malformed texts of that length are refused (C5.7).
func TestFastParseCivilUTCMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20000; i++ {
		want := time.Unix(rng.Int64N(253402300799), 0).UTC() // up to 9999-12-31T23:59:59Z
		text := want.Format("2006-01-02T15:04:05Z")
		got, ok := parseDate(text)
		if !ok || got.sec != want.Unix() || got.nsec != 0 {
			t.Fatalf("parseDate(%q) = %+v, %v; want %d", text, got, ok, want.Unix())
		}
	}
	for _, bad := range []string{
		"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-01T24:00:00Z",
		"2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z", "2026-01-01T00:00:00z", "20a6-01-01T00:00:00Z",
		"2026/01/01T00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00-00:00Z", "-026-01-01T00:00:00Z",
	} {
		if _, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) accepted", bad)
		}
	}
}

// TestDaysFromCivilEveryDay checks the calendar arithmetic against the time package on every day
// from 1800 to 2200, across the boundaries of its division-free range (1901-2099).
func TestDaysFromCivilEveryDay(t *testing.T) {
	for d := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2200; d = d.AddDate(0, 0, 1) {
		if got, want := daysFromCivil(d.Year(), int(d.Month()), d.Day()), d.Unix()/86400; got != want {
			t.Fatalf("daysFromCivil(%s) = %d, want %d", d.Format("2006-01-02"), got, want)
		}
	}
}

// TestCivilAgreesWithInstants: Eval's short path compares UTC request times as civil values;
// it must agree with the instant comparison for every Date operator, against policy values
// with fractions, zone offsets, epoch seconds and instants outside years 0000-9999.
func TestFastCivilMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const layout = "2006-01-02T15:04:05Z"
	randTime := func() time.Time {
		return time.Unix(rng.Int64N(253402300799), 0).UTC()
	}
	var policyValues []string
	for i := 0; i < 40; i++ {
		u := randTime()
		policyValues = append(policyValues,
			u.Format(layout),
			u.Add(time.Duration(rng.IntN(1e9))).In(time.FixedZone("", 3600*(rng.IntN(25)-12))).Format("2006-01-02T15:04:05.999999999Z07:00"),
			strconv.FormatInt(u.Unix()%9_000_000_000, 10)) // epoch seconds up to 9e9 (C5.7)
	}
	// Beyond the civil range (years 0000-9999 in UTC) and at its edges.
	policyValues = append(policyValues, "-8999999999", "8999999999", "0000-01-01T00:00:00+01:00",
		"9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.5Z")
	for o := DateEquals; o <= DateGreaterThanEquals; o++ {
		for _, pv := range policyValues {
			c, err := Compile(Op{Operator: o}, "aws:CurrentTime", []string{pv}, true)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 50; i++ {
				req := randTime()
				if i%5 == 0 { // the policy value's own second
					if inst, ok := parseDate(pv); ok && inst.sec > -62135596800 && inst.sec < 253402300799 {
						req = time.Unix(inst.sec, 0).UTC()
					}
				}
				text := req.Format(layout)
				k, ok := parseCivilUTC(text)
				inst, ok2 := parseDateUTC(text)
				if !ok || !ok2 {
					t.Fatalf("%s: not read", text)
				}
				if got, want := c.civilHolds(k), c.dateHolds(inst); got != want {
					t.Fatalf("%s %s on %s: civil %v, instants %v", o, pv, text, got, want)
				}
			}
		}
	}
}

// TestParseDateExported checks the exported reader against the time package and the operators'
// reading of unreadable values (C5.7: a zone is required, epoch seconds are read too).
func TestParseDateExported(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // RFC 3339 in UTC, "" for unreadable
	}{
		{"2026-05-01T12:00:00Z", "2026-05-01T12:00:00Z"},
		{"2026-05-01T14:00:00+02:00", "2026-05-01T12:00:00Z"},
		{"2026-05-01T12:00:00.5Z", "2026-05-01T12:00:00.5Z"},
		{"1777636800", "2026-05-01T12:00:00Z"},
		{"2026-05-01", "2026-05-01T00:00:00Z"},
		{"2026-05-01T12:00:00", ""}, // no zone: unreadable (fail closed)
		{"2026-02-30T00:00:00Z", ""},
		{"1e9", ""},
		{"", ""},
	} {
		got, ok := ParseDate(tt.in)
		if ok != (tt.want != "") {
			t.Errorf("ParseDate(%q) ok = %v", tt.in, ok)
			continue
		}
		if ok && got.Format(time.RFC3339Nano) != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got.Format(time.RFC3339Nano), tt.want)
		}
		if ok && got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) location %v", tt.in, got.Location())
		}
	}
	if n := testing.AllocsPerRun(100, func() { ParseDate("2026-05-01T14:00:00+02:00") }); n != 0 {
		t.Errorf("ParseDate allocates %v times", n)
	}
}
