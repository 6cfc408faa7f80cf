package condition

import "unsafe"

// unsafeBytes views s as a byte slice for read-only use (base64 decoding), avoiding a copy.
func unsafeBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// unsafeString views b as a string without copying; b must not change while it is in use.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
