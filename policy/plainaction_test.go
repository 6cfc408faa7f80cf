package policy

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFastPlainActionTextMatchesSlow: plainActionText, eight bytes at a time, agrees with its
// byte-by-byte twin on edge cases and on random texts of every length around the word size,
// with colons, wildcards and non-ASCII bytes anywhere.
func TestFastPlainActionTextMatchesSlow(t *testing.T) {
	cases := []string{"", "*", ":", "a:", ":a", "a:b", "s3:GetObject", "s3:Get*", "s*:Get", "s3:Get:Object",
		"cloudwatch:GetMetricData", "cloudwatch*:x", "aaaaaaaa:", "aaaaaaa:b", "aaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbb",
		"aaaaaaaaaaaaaaa\x80:b", "a:bbbbbbbbbbbbbbb\x80", "a:bbbbbbbbbbbbbbb:", "é:b", "a:é", "a?:b", "a:b?*"}
	for _, c := range cases {
		if got, want := plainActionText(c), plainActionTextSlow(c); got != want {
			t.Errorf("plainActionText(%q) = %v, slow %v", c, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(7, 15))
	alphabet := []byte("abcXYZ09-_:*?\x80\xff")
	for i := 0; i < 200000; i++ {
		n := rng.IntN(40)
		b := make([]byte, n)
		for j := range b {
			if rng.IntN(4) == 0 {
				b[j] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[j] = 'a' + byte(rng.IntN(26))
			}
		}
		if n > 0 && rng.IntN(2) == 0 {
			b[rng.IntN(n)] = ':' // one colon, the usual shape
		}
		s := string(b)
		if rng.IntN(8) == 0 {
			s = strings.Repeat("x", rng.IntN(20)) + ":" + s
		}
		if got, want := plainActionText(s), plainActionTextSlow(s); got != want {
			t.Fatalf("plainActionText(%q) = %v, slow %v", s, got, want)
		}
	}
}
