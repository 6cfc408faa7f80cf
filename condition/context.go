package condition

// Entry is one request context key with its values. A single-valued key has one value; a
// multivalued key (aws:TagKeys, aws:PrincipalOrgPaths, ...) any number; a key present with no
// values is an empty set (C5.13, C5.14).
type Entry struct {
	Key    string
	Values []string
	// Multi marks a multivalued (list-typed) key even when it holds one value, as the IAM policy
	// simulator's stringList type does. A key with more than one value is multivalued anyway.
	Multi bool
}

// Context is the request context a condition reads. Lookup searches Keys first, then Fallback
// (keys the engine derives from the request, such as aws:PrincipalArn), comparing key names
// without ASCII case (C5.2).
type Context struct {
	Keys     []Entry
	Fallback []Entry
}

// Lookup returns the values of key and whether it is present. It does not allocate.
func (c *Context) Lookup(key string) ([]string, bool) {
	e := c.entry(key)
	if e == nil {
		return nil, false
	}
	return e.Values, true
}

func (c *Context) entry(key string) *Entry {
	if c == nil {
		return nil
	}
	for i := range c.Keys {
		if equalFold(c.Keys[i].Key, key) {
			return &c.Keys[i]
		}
	}
	for i := range c.Fallback {
		if equalFold(c.Fallback[i].Key, key) {
			return &c.Fallback[i]
		}
	}
	return nil
}

// entryLower is entry for a key whose ASCII letters are already lower-case.
func (c *Context) entryLower(lkey string) *Entry {
	if c == nil {
		return nil
	}
	for i := range c.Keys {
		if equalLower(c.Keys[i].Key, lkey) {
			return &c.Keys[i]
		}
	}
	for i := range c.Fallback {
		if equalLower(c.Fallback[i].Key, lkey) {
			return &c.Fallback[i]
		}
	}
	return nil
}

// equalLower reports whether a equals lower without ASCII case, lower having no upper-case
// ASCII letter. It compares from the end: context keys mostly share their "aws:" prefix.
func equalLower(a, lower string) bool {
	if len(a) != len(lower) {
		return false
	}
	for i := len(a) - 1; i >= 0; i-- {
		// Equal bytes, or an upper-case ASCII letter against its lower-case form.
		if x, l := a[i], lower[i]; x != l && (x|0x20 != l || l < 'a' || l > 'z') {
			return false
		}
	}
	return true
}

// equalFold compares ASCII letters without case and every other byte exactly.
func equalFold(a, b string) bool {
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

// lowerASCII returns s with its ASCII letters lower-cased.
func lowerASCII(s string) string {
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
