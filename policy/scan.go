package policy

import (
	"strings"

	"github.com/tidwall/gjson"
)

// node is one JSON value as the walker reads it: its text, its unescaped value (strings only),
// its byte offset in the document and its type. It holds the gjson.Result fields the walker uses,
// in 48 bytes instead of 80, since nodes are copied for every member walked.
type node struct {
	Raw   string
	Str   string
	Index int
	Type  gjson.Type
}

// forEach calls fn for every member of the object (or element of the array) r, like
// node.ForEach, for input that scanJSON has accepted. It is faster on the
// string-heavy JSON of policies: strings are skipped with strings.IndexByte instead of byte by
// byte. Keys and values carry Raw, Str (unescaped strings) and Index (byte offset in the document),
// which is all the walker reads. For array elements the key is the zero Result.
func (w *walker) forEach(r node, fn func(key, value node) bool) {
	raw := r.Raw
	if len(raw) < 2 || (raw[0] != '{' && raw[0] != '[') {
		return
	}
	obj := raw[0] == '{'
	i := 1
	for {
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] == '}' || raw[i] == ']' {
			return
		}
		var key node
		if obj {
			end := stringEnd(raw, i)
			key = stringResult(raw[i:end], r.Index+i)
			i = skipSpace(raw, end)
			i++ // ':'
			i = skipSpace(raw, i)
		}
		end := w.valueEnd(raw, r.Index, i)
		val := valueResult(raw[i:end], r.Index+i)
		if !fn(key, val) {
			return
		}
		i = skipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i++
		}
	}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the offset just past the string that starts with the quote at s[i].
func stringEnd(s string, i int) int {
	j := i + 1
	for {
		k := strings.IndexByte(s[j:], '"')
		if k < 0 {
			return len(s)
		}
		j += k
		bs := 0
		for b := j - 1; b > i && s[b] == '\\'; b-- {
			bs++
		}
		j++
		if bs%2 == 0 {
			return j
		}
	}
}

// valueEnd returns the offset just past the value that starts at s[i]; base is the offset of s in
// the document. Containers are looked up in the bracket table when possible.
func (w *walker) valueEnd(s string, base, i int) int {
	if i >= len(s) {
		return len(s)
	}
	switch s[i] {
	case '"':
		return stringEnd(s, i)
	case '{', '[':
		at := base + i
		t := w.brackets
		lo, hi := 0, len(t)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if t[m].start < at {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(t) && t[lo].start == at && t[lo].end > at && t[lo].end-base <= len(s) {
			return t[lo].end - base
		}
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '"':
				j = stringEnd(s, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(s)
	}
	j := i
	for j < len(s) {
		switch s[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return j
		}
		j++
	}
	return j
}

func stringResult(raw string, index int) node {
	r := node{Type: gjson.String, Raw: raw, Index: index}
	if strings.IndexByte(raw, '\\') < 0 {
		r.Str = raw[1 : len(raw)-1]
	} else {
		r.Str = gjson.Parse(raw).Str
	}
	return r
}

func valueResult(raw string, index int) node {
	if raw == "" {
		return node{Index: index}
	}
	switch raw[0] {
	case '"':
		return stringResult(raw, index)
	case '{', '[':
		return node{Type: gjson.JSON, Raw: raw, Index: index}
	case 't':
		return node{Type: gjson.True, Raw: raw, Index: index}
	case 'f':
		return node{Type: gjson.False, Raw: raw, Index: index}
	case 'n':
		return node{Type: gjson.Null, Raw: raw, Index: index}
	}
	return node{Type: gjson.Number, Raw: raw, Index: index}
}
