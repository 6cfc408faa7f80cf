// Package slab carves the small parts of a parsed or compiled tree out of shared backing arrays
// (slabs), so that a document costs a few allocations instead of one per part.
package slab

// Carve returns the elements appended to s since start, as a slice whose capacity ends at its
// length: appending to the part can never overwrite what is appended to s afterwards.
func Carve[T any](s []T, start int) []T {
	return s[start:len(s):len(s)]
}
