package condition

// Entry is one request context key with its values. A single-valued key has one value; a
// multivalued key (aws:TagKeys, aws:PrincipalOrgPaths, ...) any number; a key present with no
// values is an empty set (C5.13, C5.14).
type Entry struct {
	Key    string
	Values []string
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
	if c == nil {
		return nil, false
	}
	for i := range c.Keys {
		if equalFold(c.Keys[i].Key, key) {
			return c.Keys[i].Values, true
		}
	}
	for i := range c.Fallback {
		if equalFold(c.Fallback[i].Key, key) {
			return c.Fallback[i].Values, true
		}
	}
	return nil, false
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
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
