package eval

import (
	"encoding/binary"
	"unsafe"
)

// sameShort is a == b, comparing texts of 8 to 16 bytes (account ids) inline as two
// overlapping words instead of by a call to the runtime's memequal, which costs more than the
// comparison at these lengths.
//
// Measured: BenchmarkDecideFixed, within its noise (c807c4c gives no number); kept because it
// costs one small inlined function. Checked by TestFastSameShortMatchesSlow.
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
