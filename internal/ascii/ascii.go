// Package ascii holds the byte-level text helpers shared by the packages of this module: ASCII
// case folding that leaves every other byte alone, as AWS compares action names, condition key
// names and IgnoreCase values (SEMANTICS A2.1, C5.2, C5.5). Non-ASCII bytes always compare
// exactly (unlike strings.EqualFold, which folds Unicode).
//
// Each word-at-a-time helper has a byte-by-byte twin in the tests (TestFast*MatchesSlow).
package ascii

import (
	"encoding/binary"
	"unsafe"
)

// EqualFold reports whether a and b are equal when ASCII letters are compared without case;
// every other byte compares exactly.
func EqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		// Different bytes are equal only as the two cases of one ASCII letter.
		if x |= 0x20; x != y|0x20 || x < 'a' || x > 'z' {
			return false
		}
	}
	return true
}

// EqualFoldWords is EqualFold a word at a time (LowerWord on both sides) for texts of 16 bytes
// or more: comparing a long context key costs a few words, not a loop per byte, and the work
// limit charges key lookups by key length on that footing (condition.Context.Budget). EqualFold
// itself stays small enough to inline.
func EqualFoldWords(a, b string) bool {
	n := len(a)
	if n != len(b) {
		return false
	}
	if n < 16 {
		return EqualFold(a, b)
	}
	if LowerWord(Word(a, n-8)) != LowerWord(Word(b, n-8)) {
		return false
	}
	for i := 0; i+8 < n; i += 8 {
		if x, y := Word(a, i), Word(b, i); x != y && LowerWord(x) != LowerWord(y) {
			return false
		}
	}
	return true
}

// HasPrefixFold reports whether s begins with prefix, ASCII letters compared without case.
func HasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && EqualFold(s[:len(prefix)], prefix)
}

// EqualLower reports whether a equals lower without ASCII case, lower having no upper-case ASCII
// letter. Texts of eight bytes or more are compared a word at a time (LowerWord), the last word
// first (context keys share their "aws:" prefix, actions of one service their "svc:" prefix).
//
// Measured: with LowerWord, context keys compared a word at a time were part of W4 ~190 ->
// ~150 ns (fc10d4a). Slow twin: TestFastEqualLowerMatchesSlow.
func EqualLower(a, lower string) bool {
	n := len(a)
	if n != len(lower) {
		return false
	}
	if n >= 8 {
		if LowerWord(Word(a, n-8)) != Word(lower, n-8) {
			return false
		}
		for i := 0; i+8 < n; i += 8 {
			if LowerWord(Word(a, i)) != Word(lower, i) {
				return false
			}
		}
		return true
	}
	for i := n - 1; i >= 0; i-- {
		// Equal bytes, or an upper-case ASCII letter against its lower-case form.
		if x, l := a[i], lower[i]; x != l && (x|0x20 != l || l < 'a' || l > 'z') {
			return false
		}
	}
	return true
}

// Word returns the eight bytes of s at i as a little-endian word (i+8 <= len(s)).
func Word(s string, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
}

// LowerWord lower-cases the ASCII upper-case letters among the eight bytes of w and leaves
// every other byte alone. Per byte, with h its low seven bits (so no sum carries into the next
// byte): h+0x3f has its top bit set when h >= 'A', h+0x25 when h > 'Z'; a byte whose own top
// bit is clear (ASCII) and lies in between gets 0x20 added, moved down from that top bit.
func LowerWord(w uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	h := w &^ tops
	geA := h + (0x80-'A')*ones
	gtZ := h + (0x7f-'Z')*ones
	upper := geA &^ gtZ &^ w & tops
	return w | upper>>2
}

// Lower returns s with its ASCII letters lower-cased (s itself when it has none).
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// AppendLower appends s to b with its ASCII letters lower-cased.
func AppendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// LowerInto lower-cases s into buf when it fits (ok false otherwise), eight bytes at a time
// (LowerWord), then byte by byte. It does not allocate.
func LowerInto(buf []byte, s string) ([]byte, bool) {
	n := len(s)
	if n > len(buf) {
		return nil, false
	}
	buf = buf[:n]
	i := 0
	for ; i+8 <= n; i += 8 {
		binary.LittleEndian.PutUint64(buf[i:], LowerWord(Word(s, i)))
	}
	for ; i < n; i++ {
		b := s[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf[i] = b
	}
	return buf, true
}

// Is reports whether s holds ASCII bytes only.
func Is(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
