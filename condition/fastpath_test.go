package condition

import (
	"bytes"
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
	"unicode"
)

// The allocation-free request readers keep slow twins from the standard library; these tests
// hold them to the same answers on edge cases and on random mutations (C5.0: an unreadable
// request value is indeterminate, so reading more or less than the twin would change decisions).

var ipv6Cases = []string{
	"::", "::1", "1::", "1::2", "2001:db8::7", "2001:DB8:0:0:0:0:0:7", "1:2:3:4:5:6:7:8",
	"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "1::2::3",
	":1", "1:", ":::", "1:::2", "12345::", "::ffff:203.0.113.9", "::ffff:203.0.113.09",
	"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4", "1.2.3.4::", "fe80::1%eth0",
	"2001:db8::7 ", " 2001:db8::7", "g::1", "::ffff:1.2.3", "0:0:0:0:0:0:0:0", "00000::",
	"0000::", "a:b:c:d:e:f:a:b", "::ffff:255.255.255.255", "::ffff:256.0.0.1", "1::.1.2.3",
	"1:2:3:4:5::1.2.3.4", "1:2:3:4:5:6::1.2.3.4", "::1:2:3:4:5:6:7:8",
}

func TestFastIPv6MatchesSlow(t *testing.T) {
	check := func(s string) {
		t.Helper()
		var b [16]byte
		got := parseIPv6(s, &b)
		want, err := netip.ParseAddr(s)
		ok := err == nil && want.Is6() && want.Zone() == ""
		if got != ok {
			t.Fatalf("parseIPv6(%q) = %v, netip.ParseAddr says %v (%v)", s, got, ok, err)
		}
		if ok && netip.AddrFrom16(b) != want {
			t.Fatalf("parseIPv6(%q) = %v, netip.ParseAddr %v", s, netip.AddrFrom16(b), want)
		}
	}
	for _, s := range ipv6Cases {
		check(s)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	const alphabet = "0123456789abcdefABCDEF:.%g "
	for i := 0; i < 200000; i++ {
		base := []byte(ipv6Cases[rng.IntN(len(ipv6Cases))])
		for k := rng.IntN(4); k >= 0; k-- {
			switch rng.IntN(3) {
			case 0:
				if len(base) > 0 {
					j := rng.IntN(len(base))
					base = append(base[:j], base[j+1:]...)
				}
			case 1:
				j := rng.IntN(len(base) + 1)
				base = append(base[:j], append([]byte{alphabet[rng.IntN(len(alphabet))]}, base[j:]...)...)
			default:
				if len(base) > 0 {
					base[rng.IntN(len(base))] = alphabet[rng.IntN(len(alphabet))]
				}
			}
		}
		if strings.IndexByte(string(base), ':') >= 0 {
			check(string(base))
		}
	}
}

// strictBase64 is equalBase64's slow twin: base64.StdEncoding.Strict() (the bits left over by
// the padding must be zero), which also refuses line breaks (C5.9, C5.0).
func strictBase64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("line break in base64")
	}
	return base64.StdEncoding.Strict().DecodeString(s)
}

func TestFastBase64MatchesSlow(t *testing.T) {
	cases := []string{"", "QQ==", "QUI=", "QUJD", "QUJDRA==", "QUJDRA=", "QUJDRA", "Q===", "QQ=A",
		"QUJD\nRA==", "QUJD\r\nRA==\n", "QU\nJD", "QUJD====", "QUJDRA==QQ==", "Q", "!!!!", "QUJ D",
		"QR==", "QUJDRB==", "=QQ=", "QQ==\n", "\n", "QQ\n==", "QQ=\n="}
	rng := rand.New(rand.NewPCG(2, 2))
	const alphabet = "QUJDRAB+/=\n\r x"
	for i := 0; i < 100000; i++ {
		b := []byte(cases[rng.IntN(len(cases))])
		for k := rng.IntN(3); k >= 0; k-- {
			j := rng.IntN(len(b) + 1)
			b = append(b[:j], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[j:]...)...)
		}
		cases = append(cases, string(b))
	}
	wants := [][]byte{nil, []byte("A"), []byte("AB"), []byte("ABC"), []byte("ABCD")}
	for _, s := range cases {
		dec, err := strictBase64(s)
		for _, w := range wants {
			eq, ok := equalBase64(s, w)
			if ok != (err == nil) {
				t.Fatalf("equalBase64(%q) ok=%v, encoding/base64 err=%v", s, ok, err)
			}
			if ok && eq != bytes.Equal(dec, w) {
				t.Fatalf("equalBase64(%q, %q) = %v, decoded %q", s, w, eq, dec)
			}
		}
	}
}

func FuzzFastReaders(f *testing.F) {
	for _, s := range ipv6Cases {
		f.Add(s)
	}
	f.Add("QUJD")
	f.Fuzz(func(t *testing.T, s string) {
		var b [16]byte
		got := parseIPv6(s, &b)
		want, err := netip.ParseAddr(s)
		if ok := err == nil && want.Is6() && want.Zone() == ""; got != ok || ok && netip.AddrFrom16(b) != want {
			t.Fatalf("parseIPv6(%q) = %v %v, netip %v %v", s, got, netip.AddrFrom16(b), want, err)
		}
		dec, err := strictBase64(s)
		eq, ok := equalBase64(s, dec)
		if ok != (err == nil) || ok && !eq {
			t.Fatalf("equalBase64(%q) = %v %v, encoding/base64 %v", s, eq, ok, err)
		}
	})
}

func TestRequestReadersDoNotAllocate(t *testing.T) {
	// Decide allocates nothing whatever the request holds (2026-12): a malformed IPv6 address
	// and a megabyte of base64 are read without a heap allocation.
	ip := mustCompile(t, "IpAddress", "aws:SourceIp", []string{"2001:db8::/32"})
	bin := mustCompile(t, "BinaryEquals", "b", []string{"QUJD"})
	big := strings.Repeat("QUJD", 1<<18)
	ctx := &Context{Keys: []Entry{{Key: "aws:SourceIp", Values: []string{"2001:db8:::zz"}}, {Key: "b", Values: []string{big}}}}
	if n := testing.AllocsPerRun(100, func() {
		if ip.Eval(ctx) != Unknown || bin.Eval(ctx) != False {
			t.Fatal("wrong result")
		}
	}); n != 0 {
		t.Fatalf("%v allocations", n)
	}
}

// TestFastParseIPv4MatchesSlow compares the IPv4 reader with net/netip on random colon-free texts
// (C5.10): both must accept exactly the same texts, with the same address.
func TestFastParseIPv4MatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const alphabet = "0123456789.....25%x "
	for i := 0; i < 300000; i++ {
		b := make([]byte, 1+rng.IntN(17))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		got, ok := parseIPv4(s)
		want, err := netip.ParseAddr(s)
		if ok != (err == nil) || ok && got != want {
			t.Fatalf("parseIPv4(%q) = %v, %v; netip: %v, %v", s, got, ok, want, err)
		}
	}
	for _, s := range []string{"0.0.0.0", "255.255.255.255", "10.1.2.3", "172.16.5.4"} {
		if a, ok := parseIPv4(s); !ok || a.String() != s {
			t.Errorf("parseIPv4(%q) = %v, %v", s, a, ok)
		}
	}
}

// TestFastEntryWordsMatchesSlow checks the two-word key lookup against entryLower on keys of 8 to 16 bytes
// that differ from the wanted key in one byte (any value, any position) or in case only.
func TestFastEntryWordsMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := 8; n <= 16; n++ {
		for i := 0; i < 20000; i++ {
			lkey := []byte(strings.Repeat("aws:k", 4)[:n])
			for j := range lkey {
				lkey[j] = "aws:kcy/0"[rng.IntN(9)]
			}
			key := []byte(string(lkey))
			switch i % 3 {
			case 0:
				key[rng.IntN(n)] = byte(rng.IntN(256))
			case 1:
				for j := range key {
					if rng.IntN(2) == 0 && key[j] >= 'a' && key[j] <= 'z' {
						key[j] -= 'a' - 'A'
					}
				}
			}
			ctx := &Context{Keys: []Entry{{Key: "aws:other"}, {Key: string(key)}}, Fallback: []Entry{{Key: string(lkey) + "x"}}}
			// The policy's spelling: the wanted key with random letters upper-cased.
			spelled := []byte(string(lkey))
			for j := range spelled {
				if rng.IntN(3) == 0 && spelled[j] >= 'a' && spelled[j] <= 'z' {
					spelled[j] -= 'a' - 'A'
				}
			}
			wk := newWordKey(string(spelled), string(lkey))
			if got, want := ctx.entryWords(&wk), ctx.entryLower(string(lkey)); got != want {
				t.Fatalf("key %q, looking up %q: entryWords %v, entryLower %v", key, lkey, got, want)
			}
		}
	}
}

// TestFastValueSetMatchesSlow: string operators with many plain values look request values up
// in a set; the answers equal comparing with every value (the slow twin: the same condition
// without its set), for every operator of the family, single and multivalued requests, mixed
// case, and values too long for the lower-casing buffer.
func TestFastValueSetMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	word := func() string {
		const letters = "abAB"
		n := 1 + rng.IntN(3)
		if rng.IntN(20) == 0 {
			n = 300 // past the 256-byte buffer
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return string(b)
	}
	for _, op := range []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
		"ForAnyValue:StringEquals", "ForAllValues:StringNotEqualsIgnoreCase"} {
		for round := 0; round < 200; round++ {
			values := make([]string, setThreshold+rng.IntN(10))
			for i := range values {
				values[i] = word()
			}
			fast := mustCompile(t, op, "k", values)
			if fast.set == nil {
				t.Fatalf("%s with %d values has no set", op, len(values))
			}
			slow := *fast
			slow.set = nil
			for i := 0; i < 50; i++ {
				req := []string{word()}
				if rng.IntN(3) == 0 {
					req = append(req, word())
				}
				ctx := &Context{Keys: []Entry{{Key: "k", Values: req}}}
				if a, b := fast.Eval(ctx), slow.Eval(ctx); a != b {
					t.Fatalf("%s %q on %q: set %v, value by value %v", op, values, req, a, b)
				}
			}
		}
	}
}

// TestFoldToASCIIComplete holds foldToASCII to foldRune: exactly the listed non-ASCII runes
// fold to an ASCII letter, so foldSkeleton finds every non-ASCII text that an ASCII IgnoreCase
// value may equal under Unicode case folding (C5.5 DOC-GAP, C5.0).
func TestFoldToASCIIComplete(t *testing.T) {
	want := map[rune]byte{}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if f := foldRune(r); f < 0x80 {
			want[r] = byte(unicode.ToLower(f)) // foldSkeleton lower-cases
		}
	}
	got := map[rune]byte{}
	for _, f := range foldToASCII {
		got[f.r] = f.b
	}
	if len(got) != len(want) {
		t.Fatalf("foldToASCII %v, foldRune says %v", got, want)
	}
	for r, b := range want {
		if got[r] != b {
			t.Errorf("rune %U folds to %q, foldToASCII says %q", r, b, got[r])
		}
	}
}
