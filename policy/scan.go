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

// The walk reads the tape with plain loops. The members of the container at entry c are the
// entries from c+1 up to w.tape[c].next: in an array, element e is followed by the element at
// w.tape[e].next; in an object, key k has its value at k+1 and the next key at w.tape[k+1].next.

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
