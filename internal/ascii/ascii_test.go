package ascii

import (
	"strings"
	"testing"
)

// lowerByte is the slow twin of every folding helper: one byte, lower-cased if an ASCII letter.
func lowerByte(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func slowLower(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = lowerByte(b[i])
	}
	return string(b)
}

func TestEqualFold(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"aws:SourceIp", "AWS:sourceip", true}, // C5.2 key names compare without case
		{"a", "b", false},
		{"a", "aa", false},
		{"@", "`", false},      // 0x40 and 0x60 differ by 0x20 but are not letters
		{"[", "{", false},      // likewise
		{"é", "É", false},      // non-ASCII bytes compare exactly (C5.5 DOC-GAP)
		{"K", "\u212a", false}, // the Kelvin sign is not 'k' here, unlike strings.EqualFold
		{"", "", true},
	} {
		if got := EqualFold(tc.a, tc.b); got != tc.want {
			t.Errorf("EqualFold(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if !HasPrefixFold("AWS:PrincipalArn", "aws:") || HasPrefixFold("aw", "aws:") || HasPrefixFold("awsx", "aws:") {
		t.Fatal("HasPrefixFold")
	}
}

// TestFastEqualFoldMatchesSlow: every pair of bytes.
func TestFastEqualFoldMatchesSlow(t *testing.T) {
	for x := 0; x < 256; x++ {
		for y := 0; y < 256; y++ {
			a, b := string([]byte{byte(x)}), string([]byte{byte(y)})
			if got, want := EqualFold(a, b), slowLower(a) == slowLower(b); got != want {
				t.Fatalf("EqualFold(%q, %q) = %v", a, b, got)
			}
			// The word path: the pair at every position of texts of 16, 19 and 24 bytes.
			for _, n := range []int{16, 19, 24} {
				for at := 0; at < n; at += 3 {
					pa, pb := []byte(strings.Repeat("Kq", n)[:n]), []byte(strings.Repeat("kQ", n)[:n])
					pa[at], pb[at] = byte(x), byte(y)
					if got, want := EqualFoldWords(string(pa), string(pb)), slowLower(string(pa)) == slowLower(string(pb)); got != want {
						t.Fatalf("EqualFoldWords(%q, %q) = %v", pa, pb, got)
					}
				}
			}
		}
	}
}

// TestFastEqualLowerMatchesSlow checks the word-at-a-time comparison: every pair of bytes at
// every position of texts of 1, 7, 8, 13 and 16 bytes (byte loop, one word, an overlapping last
// word, two words).
func TestFastEqualLowerMatchesSlow(t *testing.T) {
	for _, n := range []int{1, 7, 8, 13, 16} {
		a, l := []byte(strings.Repeat("k", n)), []byte(strings.Repeat("k", n))
		for p := 0; p < n; p++ {
			for x := 0; x < 256; x++ {
				for y := 0; y < 256; y++ {
					if 'A' <= y && y <= 'Z' {
						continue // the second argument is lower-case by contract
					}
					a[p], l[p] = byte(x), byte(y)
					if got, want := EqualLower(string(a), string(l)), slowLower(string(a)) == string(l); got != want {
						t.Fatalf("EqualLower(%q, %q) = %v", a, l, got)
					}
				}
			}
			a[p], l[p] = 'k', 'k'
		}
	}
	if !EqualLower("AWS:SourceIP", "aws:sourceip") || EqualLower("aws:SourceIp", "aws:sourceiq") || EqualLower("aws:SourceIp", "aws:sourceip2") {
		t.Error("EqualLower on whole keys")
	}
}

// TestFastLowerIntoMatchesSlow checks the word-at-a-time lower-casing: every byte value at every
// position of texts of 1 to 24 bytes; Lower and AppendLower against the same twin.
func TestFastLowerIntoMatchesSlow(t *testing.T) {
	var buf [64]byte
	for n := 1; n <= 24; n++ {
		b := []byte(strings.Repeat("sQ:", 8)[:n])
		for p := 0; p < n; p++ {
			for x := 0; x < 256; x++ {
				b[p] = byte(x)
				want := slowLower(string(b))
				if got, ok := LowerInto(buf[:], string(b)); !ok || string(got) != want {
					t.Fatalf("LowerInto(%q) = %q, %v; want %q", b, got, ok, want)
				}
				if got := Lower(string(b)); got != want {
					t.Fatalf("Lower(%q) = %q; want %q", b, got, want)
				}
				if got := AppendLower(nil, string(b)); string(got) != want {
					t.Fatalf("AppendLower(%q) = %q; want %q", b, got, want)
				}
			}
			b[p] = "sQ:"[p%3]
		}
	}
	if _, ok := LowerInto(buf[:], strings.Repeat("a", len(buf)+1)); ok {
		t.Error("a text longer than the buffer fits")
	}
}

func TestIs(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"", true}, {"aws:SourceIp", true}, {"\x00\x7f", true},
		{"\u00e9quipe", false}, {"aws:\u017fourceIp", false}, {"\xff", false},
	} {
		if got := Is(tt.in); got != tt.want {
			t.Errorf("Is(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
