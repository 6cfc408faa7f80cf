package policy

import (
	"fmt"
	"strings"

	"github.com/iamgo/iam/internal/jsonerr"
)

// walker holds the state of one Parse.
type walker struct {
	src     []byte
	doc     string  // the one copy of src every string in the tree points into
	tape    []entry // every value and key (scanJSON)
	opts    Options
	errs    ErrorList
	version Version
	single  bool
	// Slabs the tree's small parts are carved from, so that a document costs a few allocations
	// rather than a few per element. A part handed out keeps its own array: a slab that fills up
	// is replaced, never moved.
	vals    []String  // values of Strings, appended then sliced per element
	lits    []Literal // values of conditions, likewise
	conds   []Condition
	holders []Strings // Strings elements, one at a time
}

// newStrings returns a zero Strings from the holder slab.
func (w *walker) newStrings() *Strings {
	if len(w.holders) == cap(w.holders) {
		w.holders = make([]Strings, 0, 16)
	}
	w.holders = w.holders[:len(w.holders)+1]
	return &w.holders[len(w.holders)-1]
}

// lpath is a JSON path that is only turned into a string when a finding needs it, so that a
// valid document costs no path allocations: [Statement[stmt].]names[0].names[1]...[idx].
type lpath struct {
	stmt  int // statement index; -1: not inside a statement
	names [3]string
	n     int
	idx   int // array index of the last element; -1: none
}

func top(name string) lpath { return lpath{stmt: -1, names: [3]string{name}, n: 1, idx: -1} }

func (l lpath) child(name string) lpath {
	if l.n < len(l.names) {
		l.names[l.n] = name
		l.n++
	} else {
		l.names[l.n-1] += "." + name
	}
	l.idx = -1
	return l
}

func (l lpath) at(i int) lpath { l.idx = i; return l }

func (w *walker) path(l lpath) string { return l.String(w.single) }

// String returns the path; single says the policy's Statement element is one object, so that a
// statement's path is "Statement" rather than "Statement[0]".
func (l lpath) String(single bool) string {
	var b []byte
	if l.stmt >= 0 {
		b = append(b, "Statement"...)
		if !single {
			b = append(b, '[')
			b = append(b, itoa(l.stmt)...)
			b = append(b, ']')
		}
	}
	for i := 0; i < l.n; i++ {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, l.names[i]...)
	}
	if l.idx >= 0 {
		b = append(b, '[')
		b = append(b, itoa(l.idx)...)
		b = append(b, ']')
	}
	return string(b)
}

func (w *walker) full() bool { return len(w.errs) >= collectLimit }

func (w *walker) add(code ErrorCode, l lpath, off int, format string, args ...any) {
	w.addSev(SeverityError, code, l, off, format, args...)
}

// addSev records a finding of the given severity, unless the list is full.
func (w *walker) addSev(sev Severity, code ErrorCode, l lpath, off int, format string, args ...any) {
	if w.full() {
		return
	}
	w.errs = append(w.errs, &Error{Code: code, Severity: sev, Path: w.path(l), Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// soft records a finding that is a warning under Options.Lenient and an error otherwise.
func (w *walker) soft(code ErrorCode, l lpath, off int, format string, args ...any) {
	sev := SeverityError
	if w.opts.Lenient {
		sev = SeverityWarning
	}
	w.addSev(sev, code, l, off, format, args...)
}

func (w *walker) dup(l lpath, off, first int, name string) {
	if w.full() {
		return
	}
	pos := position(w.src, first)
	w.errs = append(w.errs, &Error{Code: CodeDuplicateKey, Path: w.path(l), Offset: off,
		Msg: fmt.Sprintf("duplicate key %q (first at %d:%d): ambiguous input is rejected", name, pos.Line, pos.Col)})
}

func span(r node) Span { return Span{Offset: r.off, Len: len(r.text)} }

// typeName names a JSON value's type for messages.
func typeName(r node) string {
	switch r.kind {
	case kindNull:
		return "null"
	case kindFalse, kindTrue:
		return "boolean"
	case kindNumber:
		return "number"
	case kindString:
		return "string"
	case kindArray:
		return "array"
	}
	return "object"
}

func isObject(r node) bool { return r.kind == kindObject }

func isArray(r node) bool { return r.kind == kindArray }

// member is one key/value pair of an object, as tape indexes (nodes are made when read).
type member struct {
	key, val uint32
	ok       bool
}

// offset returns the byte offset of tape entry i.
func (w *walker) offset(i uint32) int { return int(w.tape[i].start) }

// fields collects the members of an object whose names are in names (case-sensitive, G1.12),
// reporting unknown and duplicate keys (G1.14).
func (w *walker) fields(obj node, l lpath, names []string, out []member) {
	if !isObject(obj) {
		return
	}
	// Read off the tape directly: only the keys are looked at here.
	for i, end := obj.at+1, w.tape[obj.at].next; i < end && !w.full(); i = w.tape[i+1].next {
		k := w.node(i)
		name := k.str()
		if bad := surrogate(k); bad >= 0 {
			w.add(CodeInvalidUTF8, l.child(name), k.off+bad, "lone surrogate escape in key")
		}
		j := 0
		for j < len(names) && names[j] != name {
			j++
		}
		switch {
		case j == len(names):
			w.unknown(l, k, name, names)
		case out[j].ok:
			w.dup(l.child(name), k.off, w.offset(out[j].key), name)
		default:
			out[j] = member{key: i, val: i + 1, ok: true}
		}
	}
}

// unknown reports a key that is not one of names, with a hint when only its case is wrong.
func (w *walker) unknown(l lpath, k node, name string, names []string) {
	hint := ""
	for _, n := range names {
		if strings.EqualFold(n, name) {
			hint = fmt.Sprintf(" (element names are case-sensitive: did you mean %q?)", n)
			break
		}
	}
	if hint == "" {
		hint = "; expected one of " + strings.Join(names, ", ")
	}
	w.add(CodeUnknownElement, l.child(name), k.off, "unknown element %q%s", name, hint)
}

// surrogate is checkSurrogates for a string node; strings without escapes have nothing to check.
func surrogate(n node) int {
	if !n.esc {
		return -1
	}
	return checkSurrogates(n.text)
}

// checkSurrogates returns the offset within raw (a JSON string with quotes) of a \u escape that
// is an unpaired UTF-16 surrogate, or -1. gjson silently turns those into U+FFFD.
func checkSurrogates(raw string) int { return jsonerr.LoneSurrogate(raw) }

// keySet detects duplicate keys in one object: a short inline list, a map once it grows.
type keySet struct {
	names [8]string
	offs  [8]int
	n     int
	m     map[string]int
}

func (k *keySet) add(name string, off int) (first int, dup bool) {
	if k.m != nil {
		if f, ok := k.m[name]; ok {
			return f, true
		}
		k.m[name] = off
		return 0, false
	}
	for i := 0; i < k.n; i++ {
		if k.names[i] == name {
			return k.offs[i], true
		}
	}
	if k.n < len(k.names) {
		k.names[k.n], k.offs[k.n] = name, off
		k.n++
		return 0, false
	}
	k.m = make(map[string]int, 32)
	for i := 0; i < k.n; i++ {
		k.m[k.names[i]] = k.offs[i]
	}
	k.m[name] = off
	return 0, false
}
