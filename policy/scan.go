package policy

import (
	"github.com/tidwall/gjson"
)

// node is one JSON value as the walker reads it: its text, its unescaped value (strings only),
// its byte offset in the document, its type and its entry on the tape. It holds the gjson.Result
// fields the walker uses, in 56 bytes instead of 80, since nodes are copied for every member
// walked.
type node struct {
	Raw   string
	Str   string
	Index int
	Type  gjson.Type
	at    uint32 // index of the value's entry on the walker's tape
	esc   bool   // a string with a backslash escape
}

// node returns the value of tape entry i.
func (w *walker) node(i uint32) node {
	e := &w.tape[i]
	n := node{Raw: w.doc[e.start:e.end], Index: int(e.start), at: i}
	switch e.kind {
	case '"':
		n.Type = gjson.String
		if e.esc {
			n.esc = true
			n.Str = gjson.Parse(n.Raw).Str
		} else {
			n.Str = n.Raw[1 : len(n.Raw)-1]
		}
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
