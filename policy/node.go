package policy

import (
	"github.com/tidwall/gjson"
)

// The kinds of JSON values, as the scan writes them on the tape (entry.kind).
const (
	kindObject = '{'
	kindArray  = '['
	kindString = '"'
	kindTrue   = 't'
	kindFalse  = 'f'
	kindNull   = 'n'
	kindNumber = '0'
)

// node is one JSON value as the walker reads it off the tape: its text, its byte offset in the
// document and its kind. Nodes are small (40 bytes) since they are copied for every member
// walked.
type node struct {
	text string // the value's JSON text, quotes included for a string
	off  int    // byte offset of text in the document
	at   uint32 // index of the value's entry on the walker's tape
	kind byte   // kindObject, kindString, ...
	esc  bool   // a string with a backslash escape
}

// str returns the value of a string node, unescaped.
func (n node) str() string {
	if n.esc {
		return gjson.Parse(n.text).Str // the scan validated the escapes
	}
	if len(n.text) < 2 {
		return ""
	}
	return n.text[1 : len(n.text)-1]
}

// The walk reads the tape with plain loops. The members of the container at entry c are the
// entries from c+1 up to w.tape[c].next: in an array, element e is followed by the element at
// w.tape[e].next; in an object, key k has its value at k+1 and the next key at w.tape[k+1].next.

// node returns the value of tape entry i.
func (w *walker) node(i uint32) node {
	e := &w.tape[i]
	return node{text: w.doc[e.start:e.end], off: int(e.start), at: i, kind: e.kind, esc: e.esc}
}
