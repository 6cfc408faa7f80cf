// Package ascii holds byte-level text helpers shared by several packages of this module: ASCII
// case folding that leaves every other byte alone, as AWS compares action names, condition key
// names and IgnoreCase values (SEMANTICS A2.1, C5.2, C5.5).
package ascii

// EqualFold reports whether a and b are equal when ASCII letters are compared without case;
// every other byte compares exactly (unlike strings.EqualFold, which folds Unicode).
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

// HasPrefixFold reports whether s begins with prefix, ASCII letters compared without case.
func HasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && EqualFold(s[:len(prefix)], prefix)
}
