package policy

import (
	"github.com/tidwall/gjson"
)

// node is one JSON value as the walker reads it: its text, its byte offset in the document, its
// type and its entry on the tape. It is 40 bytes (a gjson.Result is 80), since nodes are copied
// for every member walked.
type node struct {
	Raw   string
	Index int
	Type  gjson.Type
	at    uint32 // index of the value's entry on the walker's tape
	esc   bool   // a string with a backslash escape
}

// str returns the value of a string node, unescaped.
func (n node) str() string {
	if n.esc {
		return gjson.Parse(n.Raw).Str
	}
	if len(n.Raw) < 2 {
		return ""
	}
	return n.Raw[1 : len(n.Raw)-1]
}

// node returns the value of tape entry i.
func (w *walker) node(i uint32) node {
	e := &w.tape[i]
	n := node{Raw: w.doc[e.start:e.end], Index: int(e.start), at: i, esc: e.esc}
	switch e.kind {
	case '"':
		n.Type = gjson.String
	case '{', '[':
		n.Type = gjson.JSON
	case 't':
		n.Type = gjson.True
	case 'f':
		n.Type = gjson.False
	case 'n':
		n.Type = gjson.Null
	default:
		n.Type = gjson.Number
	}
	return n
}

// forEach calls fn for every member of the object (or element of the array) r, in order, until
// fn returns false; it reads the tape, never the bytes. For array elements the key is the zero
// node.
func (w *walker) forEach(r node, fn func(key, value node) bool) {
	if r.Type != gjson.JSON {
		return
	}
	end := w.tape[r.at].next
	obj := r.Raw[0] == '{'
	for i := r.at + 1; i < end; {
		var key node
		if obj {
			key = w.node(i)
			i++
		}
		val := w.node(i)
		i = w.tape[i].next
		if !fn(key, val) {
			return
		}
	}
}
