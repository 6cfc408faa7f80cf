package eval

import (
	"encoding/binary"
	"unsafe"
)

// sameShort is a == b, comparing texts of 8 to 16 bytes (account ids) inline as two
// overlapping words instead of by a call to the runtime's memequal, which costs more than the
// comparison at these lengths.
func sameShort(a, b string) bool {
	n := len(a)
	if n != len(b) || n < 8 || n > 16 {
		return a == b
	}
	ab := unsafe.Slice(unsafe.StringData(a), n)
	bb := unsafe.Slice(unsafe.StringData(b), n)
	return binary.LittleEndian.Uint64(ab) == binary.LittleEndian.Uint64(bb) &&
		binary.LittleEndian.Uint64(ab[n-8:]) == binary.LittleEndian.Uint64(bb[n-8:])
}

// arnHead returns the partition and service of an ARN without allocating ("" when s is not one).
func arnHead(s string) (partition, service string) {
	if len(s) < 4 || s[:4] != "arn:" {
		return "", ""
	}
	// A byte loop: partitions and services are a few bytes long, shorter than IndexByte's setup.
	i := 4
	for i < len(s) && s[i] != ':' {
		i++
	}
	if i == len(s) {
		return "", ""
	}
	partition = s[4:i]
	j := i + 1
	for j < len(s) && s[j] != ':' {
		j++
	}
	if j == len(s) {
		return partition, ""
	}
	return partition, s[i+1 : j]
}

// equalLower reports whether s equals lower without ASCII case; lower has no upper-case ASCII
// letter. It compares from the end, where actions of one service differ.
func equalLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := len(s) - 1; i >= 0; i-- {
		if b, l := s[i], lower[i]; b != l && (b|0x20 != l || l < 'a' || l > 'z') {
			return false
		}
	}
	return true
}

// lowerBuf lower-cases ASCII s into buf when it fits; ok=false otherwise. Eight bytes at a time
// (lowerWord), then byte by byte.
func lowerBuf(buf []byte, s string) ([]byte, bool) {
	n := len(s)
	if n > len(buf) {
		return nil, false
	}
	buf = buf[:n]
	i := 0
	for ; i+8 <= n; i += 8 {
		binary.LittleEndian.PutUint64(buf[i:], lowerWord(binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))))
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

// lowerWord lower-cases the ASCII upper-case letters among the eight bytes of w. Per byte, with
// h its low seven bits (no sum carries into the next byte): h+0x3f has its top bit set when
// h >= 'A', h+0x25 when h > 'Z'; an ASCII byte in between gets 0x20, its top bit moved down.
// (condition has the same function for context keys; the packages share no helpers.)
func lowerWord(w uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	h := w &^ tops
	upper := (h + (0x80-'A')*ones) &^ (h + (0x7f-'Z')*ones) &^ w & tops
	return w | upper>>2
}
