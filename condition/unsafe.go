package condition

import "unsafe"

// unsafeBytes views s as a byte slice for read-only use (base64 decoding), avoiding a copy.
func unsafeBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
