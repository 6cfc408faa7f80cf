package eval

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// TestFastCleanMatchesSlow holds the word-at-a-time request text check to its byte-by-byte twin
// (C5.0, 2026-12: a control byte or invalid UTF-8 in a resource or context key makes the
// request malformed).
func TestFastCleanMatchesSlow(t *testing.T) {
	slow := func(s string) bool { return none(s, clsControl) && utf8.ValidString(s) }
	rng := rand.New(rand.NewSource(3))
	alphabet := []byte("arn:aws:s3:::bucket/key\x00\x1f\x7f\x80\xc3\xa9 ~\t\n")
	for i := 0; i < 200000; i++ {
		b := make([]byte, rng.Intn(40))
		for j := range b {
			b[j] = alphabet[rng.Intn(len(alphabet))]
			if rng.Intn(8) == 0 {
				b[j] = byte(rng.Intn(256))
			}
		}
		if got, want := clean(string(b)), slow(string(b)); got != want {
			t.Fatalf("clean(%q) = %v, byte loop says %v", b, got, want)
		}
	}
}
