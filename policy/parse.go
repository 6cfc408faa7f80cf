package policy

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/iamgo/iam/internal/slab"

	"github.com/iamgo/iam/internal/jsonerr"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
)

// Default limits of [Options].
const (
	DefaultMaxBytes = 1 << 20 // 1 MiB: AWS's own limits are in the tens of KB (L11.4)
	DefaultMaxDepth = 32      // an IAM policy is never deeper than 6
)

// collectLimit stops the walk once this many findings were collected; the list is capped at 100
// after sorting anyway.
const collectLimit = 1000

// Options configures [Options.Parse]. The zero value is ready to use.
type Options struct {
	Name     string // copied to Policy.Name and to Error.File of every finding
	Kind     Kind   // kind-specific rules to enforce; KindAny enforces none (see Policy.Check)
	MaxBytes int    // maximum document size in bytes; 0 means DefaultMaxBytes, negative means no limit
	MaxDepth int    // maximum JSON nesting depth; 0 means DefaultMaxDepth, negative means no limit
	// Lenient accepts, as warnings, the few things AWS rejects on save but that an evaluator can
	// still decide fail-closed: condition values their operator cannot read (the condition then
	// evaluates as unknown, C5.0), a Principal written as a bare ARN string (read as {"AWS": ...}),
	// ARNs with fewer than six parts (matched literally, R3.9), and wildcards in an action's
	// service prefix (compared literally, A2.4). Validation never sets it.
	Lenient bool
}

// Parse parses data with the zero [Options]: syntax, grammar and values, no kind-specific rules.
func Parse(data []byte) (*Policy, error) { return Options{}.Parse(data) }

// Parse parses and validates one policy document.
//
// The checks run in this order: the size limit, UTF-8 validity, JSON syntax and the nesting depth
// (one pass, which stops at the first problem; encoding/json then finds the offset of a syntax
// error), then a walk of the
// document that rejects unknown and duplicate keys, wrong types, malformed actions, resources and
// principals, unknown condition operators and condition values their operator cannot read
// (condition.Check). When o.Kind is not KindAny, the findings of [Policy.Check] for that kind
// are added.
//
// On failure Parse returns a nil policy and an [ErrorList] holding every error (and any warning),
// sorted by offset. On success the error is nil and the warnings (those of Lenient and, with a
// Kind, of Check) are in Policy.Warnings. Parse never panics and its cost is linear in len(data).
func (o Options) Parse(data []byte) (*Policy, error) {
	maxBytes := o.MaxBytes
	if maxBytes == 0 {
		maxBytes = DefaultMaxBytes
	}
	maxDepth := o.MaxDepth
	if maxDepth == 0 {
		maxDepth = DefaultMaxDepth
	}
	if maxBytes > 0 && len(data) > maxBytes {
		return nil, ErrorList{{Code: CodeTooLarge, Msg: fmt.Sprintf("document is %d bytes, more than the limit of %d", len(data), maxBytes)}}.finish(data, o.Name)
	}
	if !utf8.Valid(data) {
		off := invalidUTF8Offset(data)
		return nil, ErrorList{{Code: CodeInvalidUTF8, Offset: off, Msg: "invalid UTF-8 byte sequence"}}.finish(data, o.Name)
	}
	if uint64(len(data)) > maxScan {
		return nil, ErrorList{{Code: CodeTooLarge, Msg: fmt.Sprintf("document is %d bytes, more than the %d a policy document can have", len(data), uint64(maxScan))}}.finish(data, o.Name)
	}
	scratch := tapes.Get().(*[]entry)
	tape, off, deep, bad := scanJSON(data, maxDepth, *scratch)
	// The tape is read only during the walk below; nothing in the tree points into it.
	defer func() {
		if cap(tape) <= maxPooledTape {
			*scratch = tape[:0]
		}
		tapes.Put(scratch)
	}()
	if deep {
		return nil, ErrorList{{Code: CodeTooDeep, Offset: off, Msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth)}}.finish(data, o.Name)
	}
	if bad {
		return nil, ErrorList{syntaxError(data, off)}.finish(data, o.Name)
	}
	w := walker{src: data, doc: string(data), opts: o, tape: tape, vals: make([]String, 0, len(tape)/4+8)}
	p := w.document()
	if o.Kind != KindAny && p != nil {
		w.errs = append(w.errs, p.check(o.Kind)...)
	}
	if w.errs.HasErrors() {
		return nil, w.errs.finish(data, o.Name)
	}
	if len(w.errs) > 0 {
		p.Warnings = w.errs.finish(data, o.Name)
	}
	return p, nil
}

// tapes holds tapes for reuse: a tape is scratch space of one Parse, and a service that parses
// policies as they arrive need not allocate one each time. Tapes longer than maxPooledTape (a
// document of tens of kilobytes) are left to the garbage collector.
// Measured: ParseW1 9 -> 8 allocs/op, 4.9 -> 4.0 KB/op (BenchmarkParseW1, f12ddb8).
var tapes = sync.Pool{New: func() any { return new([]entry) }}

const maxPooledTape = 4096

func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// syntaxError describes the JSON syntax error scanJSON found at offset at, in encoding/json's
// words and at the offset it reports (just past the offending byte); trailing data and
// truncation are named explicitly.
func syntaxError(data []byte, at int) *Error {
	off, msg, deep := jsonerr.Describe(data)
	if deep {
		// Only without a depth limit: encoding/json gives up at 10,000 levels, before the
		// problem the scan found at at.
		if at < len(data) {
			return &Error{Code: CodeSyntax, Offset: at, Msg: fmt.Sprintf("invalid JSON: unexpected %q", data[at])}
		}
		return &Error{Code: CodeSyntax, Offset: at, Msg: "invalid JSON: unexpected end of input"}
	}
	if msg == "malformed" {
		return &Error{Code: CodeSyntax, Msg: "invalid JSON"}
	}
	return &Error{Code: CodeSyntax, Offset: off, Msg: "invalid JSON: " + msg}
}

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
func isArray(r node) bool  { return r.kind == kindArray }

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
func checkSurrogates(raw string) int {
	if strings.IndexByte(raw, '\\') < 0 {
		return -1
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		if i+1 >= len(raw) {
			break
		}
		if raw[i+1] != 'u' {
			i++
			continue
		}
		if i+6 > len(raw) {
			break
		}
		r := hex4(raw[i+2 : i+6])
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				if r2 := hex4(raw[i+8 : i+12]); r2 >= 0xDC00 && r2 < 0xE000 {
					i += 11
					continue
				}
			}
			return i
		case r >= 0xDC00 && r < 0xE000:
			return i
		}
		i += 5
	}
	return -1
}

func hex4(s string) rune {
	var r rune
	for i := 0; i < 4; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return -1
		}
	}
	return r
}

var topNames = []string{"Version", "Id", "Statement"}

const (
	topVersion = iota
	topID
	topStatement
)

func (w *walker) document() *Policy {
	root := w.node(0)
	if !isObject(root) {
		w.add(CodeNotObject, lpath{stmt: -1, idx: -1}, root.off, "expected a JSON object at the top level, got %s", typeName(root))
		return nil
	}
	p := &Policy{Name: w.opts.Name, Span: span(root), Source: w.src}
	var m [3]member
	w.fields(root, lpath{stmt: -1, idx: -1}, topNames, m[:])
	if v := &m[topVersion]; v.ok {
		if s, ok := w.str(w.node(v.val), top("Version")); ok {
			p.VersionText = &s
			switch s.Value {
			case "2012-10-17":
				p.Version = Version2012
			case "2008-10-17":
				p.Version = Version2008
			default:
				w.add(CodeVersion, top("Version"), w.offset(v.val), "expected \"2012-10-17\" or \"2008-10-17\", got %q (G1.2)", s.Value)
			}
		}
	}
	w.version = p.Version
	if v := &m[topID]; v.ok {
		if s, ok := w.str(w.node(v.val), top("Id")); ok {
			p.ID = &s
		}
	}
	stm := m[topStatement]
	if !stm.ok {
		w.add(CodeMissing, lpath{stmt: -1, idx: -1}, root.off, "missing required element \"Statement\" (G1.1)")
		return p
	}
	st := w.node(stm.val)
	switch {
	case isObject(st):
		p.SingleStatement = true
		w.single = true
		p.Statements = make([]Statement, 1)
		w.statement(st, 0, &p.Statements[0])
	case isArray(st):
		// Counted first (the tape makes skipping values cheap): one allocation
		// instead of a growing slice of large structs.
		n := 0
		end := w.tape[st.at].next
		for at := st.at + 1; at < end; at = w.tape[at].next {
			n++
		}
		p.Statements = make([]Statement, 0, n)
		w.holders = make([]Strings, 0, 2*n+2) // an Action and a Resource each, usually
		i := 0
		for at := st.at + 1; at < end && !w.full(); at = w.tape[at].next {
			v := w.node(at)
			if !isObject(v) {
				w.add(CodeType, top("Statement").at(i), v.off, "expected a statement object, got %s", typeName(v))
			} else {
				p.Statements = append(p.Statements, Statement{})
				s := &p.Statements[len(p.Statements)-1]
				s.Index = i
				w.statement(v, i, s)
			}
			i++
		}
	default:
		w.add(CodeType, top("Statement"), st.off, "expected a statement object or an array of statement objects, got %s", typeName(st))
	}
	return p
}

// str reads a JSON string element.
func (w *walker) str(v node, l lpath) (String, bool) {
	if v.kind != kindString {
		w.add(CodeType, l, v.off, "expected a string, got %s", typeName(v))
		return String{}, false
	}
	if bad := surrogate(v); bad >= 0 {
		w.add(CodeInvalidUTF8, l, v.off+bad, "lone surrogate escape in string")
	}
	return String{Value: v.str(), Span: span(v)}, true
}

// strs reads a string-or-array-of-strings element (G1.15). not marks Not* elements, where an
// empty array is an error (G1.16).
func (w *walker) strs(v node, l lpath, not bool) *Strings {
	switch {
	case v.kind == kindString:
		s, _ := w.str(v, l)
		start := len(w.vals)
		w.vals = append(w.vals, s)
		out := w.newStrings()
		*out = Strings{Values: slab.Carve(w.vals, start), Span: span(v)}
		return out
	case isArray(v):
		out := w.newStrings()
		*out = Strings{Array: true, Span: span(v)}
		start := len(w.vals)
		i := 0
		for at, end := v.at+1, w.tape[v.at].next; at < end && !w.full(); at = w.tape[at].next {
			e := w.node(at)
			if e.kind != kindString {
				w.add(CodeType, l.at(i), e.off, "expected a string, got %s", typeName(e))
			} else {
				if bad := surrogate(e); bad >= 0 {
					w.add(CodeInvalidUTF8, l.at(i), e.off+bad, "lone surrogate escape in string")
				}
				w.vals = append(w.vals, String{Value: e.str(), Span: span(e)})
			}
			i++
		}
		if len(w.vals) > start {
			out.Values = slab.Carve(w.vals, start)
		} else {
			out.Values = []String{} // an empty array stays an array of nothing (Marshal writes [])
		}
		if i == 0 && not {
			w.add(CodeEmptyArray, l, v.off, "%s", emptyNotMsg(l))
		}
		return out
	}
	w.add(CodeType, l, v.off, "expected a string or an array of strings, got %s", typeName(v))
	return nil
}

// Messages of the statement rules Parse and Validate share (one text per rule).
const (
	msgActionConflict = "a statement has either \"Action\" or \"NotAction\", not both (G1.7)"
	msgResConflict    = "a statement has either \"Resource\" or \"NotResource\", not both (G1.8)"
	msgPrinConflict   = "a statement has either \"Principal\" or \"NotPrincipal\", not both (G1.9)"
	msgMissingAction  = "missing required element \"Action\" or \"NotAction\" (G1.7)"
	msgEmptyPrincipal = "expected at least one of AWS, Service, Federated or CanonicalUser in %s (G1.9)"
)

// emptyNotMsg is the message of an empty Not* array (G1.16), an error.
func emptyNotMsg(l lpath) string {
	return fmt.Sprintf("empty %s array would match everything; list at least one value (G1.16)", strings.Join(l.names[:l.n], "."))
}

var stmtNames = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

const (
	sSid = iota
	sEffect
	sPrincipal
	sNotPrincipal
	sAction
	sNotAction
	sResource
	sNotResource
	sCondition
)

func (w *walker) statement(obj node, idx int, s *Statement) {
	s.Span = span(obj)
	sl := lpath{stmt: idx, idx: -1}
	el := func(i int) lpath { return sl.child(stmtNames[i]) }
	var m [9]member
	w.fields(obj, sl, stmtNames, m[:])
	if v := &m[sSid]; v.ok {
		if str, ok := w.str(w.node(v.val), el(sSid)); ok {
			s.Sid = &str
		}
	}
	if v := &m[sEffect]; v.ok {
		if str, ok := w.str(w.node(v.val), el(sEffect)); ok {
			s.EffectSpan = str.Span
			switch str.Value {
			case "Allow":
				s.Effect = Allow
			case "Deny":
				s.Effect = Deny
			default:
				w.add(CodeEffect, el(sEffect), w.offset(v.val), "expected \"Allow\" or \"Deny\" (case-sensitive), got %q (G1.6)", str.Value)
			}
		}
	} else {
		w.add(CodeMissing, sl, obj.off, "missing required element \"Effect\" (G1.6)")
	}
	if v := &m[sPrincipal]; v.ok {
		s.Principal = w.principal(w.node(v.val), el(sPrincipal), false)
	}
	if v := &m[sNotPrincipal]; v.ok {
		s.NotPrincipal = w.principal(w.node(v.val), el(sNotPrincipal), true)
		if m[sPrincipal].ok {
			w.add(CodePrinConflict, el(sNotPrincipal), w.offset(v.key), "%s", msgPrinConflict)
		}
	}
	if v := &m[sAction]; v.ok {
		s.Action = w.actions(w.node(v.val), el(sAction), false)
	}
	if v := &m[sNotAction]; v.ok {
		s.NotAction = w.actions(w.node(v.val), el(sNotAction), true)
	}
	switch {
	case m[sAction].ok && m[sNotAction].ok:
		second := sNotAction
		if w.offset(m[sNotAction].key) < w.offset(m[sAction].key) {
			second = sAction
		}
		w.add(CodeActionConflict, el(second), w.offset(m[second].key), "%s", msgActionConflict)
	case !m[sAction].ok && !m[sNotAction].ok:
		w.add(CodeMissing, sl, obj.off, "%s", msgMissingAction)
	}
	if v := &m[sResource]; v.ok {
		s.Resource = w.resources(w.node(v.val), el(sResource), false)
	}
	if v := &m[sNotResource]; v.ok {
		s.NotResource = w.resources(w.node(v.val), el(sNotResource), true)
	}
	if m[sResource].ok && m[sNotResource].ok {
		second := sNotResource
		if w.offset(m[sNotResource].key) < w.offset(m[sResource].key) {
			second = sResource
		}
		w.add(CodeResConflict, el(second), w.offset(m[second].key), "%s", msgResConflict)
	}
	if v := &m[sCondition]; v.ok {
		s.HasCondition = true
		s.ConditionSpan = span(w.node(v.val))
		w.conditions(w.node(v.val), el(sCondition), s)
	}
}

var principalNames = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (w *walker) principal(v node, l lpath, not bool) *Principal {
	elem := l.names[0]
	if v.kind == kindString {
		if text := v.str(); text != "*" {
			w.soft(CodePrincipal, l, v.off, "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser, got %q (G1.9)", text)
			if !w.opts.Lenient {
				return nil
			}
			str := String{Value: text, Span: span(v)}
			return &Principal{AWS: &Strings{Values: []String{str}, Span: span(v)}, Span: span(v)}
		}
		return &Principal{Wildcard: true, Span: span(v)}
	}
	if !isObject(v) {
		w.add(CodeType, l, v.off, "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser, got %s (G1.9)", typeName(v))
		return nil
	}
	p := &Principal{Span: span(v)}
	var m [4]member
	w.fields(v, l, principalNames, m[:])
	n := 0
	for i, f := range m {
		if !f.ok {
			continue
		}
		n++
		fl := l.child(principalNames[i])
		ss := w.strs(w.node(f.val), fl, not)
		switch i {
		case 0:
			p.AWS = ss
		case 1:
			p.Service = ss
		case 2:
			p.Federated = ss
		case 3:
			p.CanonicalUser = ss
		}
		if ss == nil {
			continue
		}
		for j, s := range ss.Values {
			w.principalValue(i, s, elemAt(fl, ss, j))
		}
	}
	if n == 0 && !w.full() {
		w.add(CodeEmpty, l, v.off, msgEmptyPrincipal, elem)
	}
	return p
}

// elemAt is the path of value j of ss: the element path itself for a bare string (one value,
// Array false: the form Marshal writes).
func elemAt(l lpath, ss *Strings, j int) lpath {
	if !ss.Array && len(ss.Values) == 1 {
		return l
	}
	return l.at(j)
}

// elemPath is the string form of elemAt for a path given as a string. A Strings is written as a
// bare string when it holds one value and Array is false (Marshal), so only then is the path
// the element's own.
func elemPath(path string, ss *Strings, j int) string {
	if !ss.Array && len(ss.Values) == 1 {
		return path
	}
	return index(path, j)
}

func index(path string, i int) string { return path + "[" + itoa(i) + "]" }

func (w *walker) principalValue(typ int, s String, l lpath) {
	if msg := principalProblem(typ, s.Value); msg != "" {
		w.add(CodePrincipal, l, s.Span.Offset, "%s", msg)
	}
}

// principalProblem returns what is wrong with value v of principal type typ (an index of
// principalNames), or "" (G1.9, P4.1, P4.10, P4.11): the rule of CodePrincipal for Parse and
// Validate alike.
func principalProblem(typ int, v string) string {
	switch {
	case v == "":
		return "empty principal (G1.9)"
	case v == "*":
		if typ != 0 {
			return fmt.Sprintf("\"*\" is not a valid %s principal; only \"AWS\": \"*\" or Principal \"*\" means everyone (G1.9)", principalNames[typ])
		}
	case strings.ContainsAny(v, "*?"):
		return fmt.Sprintf("partial wildcard in principal %q: only \"*\" alone is allowed; use a condition on aws:PrincipalArn instead (P4.10)", v)
	case typ == 0:
		return awsPrincipalProblem(v)
	}
	return ""
}

// awsPrincipalProblem checks an "AWS" principal: a 12-digit account ID (P4.1), an ARN (P4.1–P4.5)
// or a unique principal ID such as AIDA... or AROA... (P4.11).
func awsPrincipalProblem(v string) string {
	switch {
	case strings.HasPrefix(v, "arn:"):
		if _, err := arn.Parse(v); err != nil {
			return fmt.Sprintf("invalid ARN in AWS principal: %v (P4.1)", err)
		}
		return ""
	case len(v) == 12 && allDigits(v):
		return ""
	case len(v) >= 16 && v[0] == 'A' && upperAlnum(v):
		return ""
	}
	return fmt.Sprintf("expected \"*\", a 12-digit account ID, an ARN or a unique principal ID in AWS principal, got %q (P4.1)", v)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func upperAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (w *walker) actions(v node, l lpath, not bool) *Strings {
	ss := w.strs(v, l, not)
	if ss == nil {
		return nil
	}
	for j, s := range ss.Values {
		switch msg, soft := actionProblem(s.Value); {
		case msg == "":
		case soft:
			w.soft(CodeAction, elemAt(l, ss, j), s.Span.Offset, "%s", msg)
		default:
			w.add(CodeAction, elemAt(l, ss, j), s.Span.Offset, "%s", msg)
		}
	}
	return ss
}

// actionProblem returns what is wrong with an action pattern, or "" (G1.7, A2.4), and whether
// it is soft: a wildcard in the service prefix, which IAM rejects but an evaluator can read
// literally (Options.Lenient).
func actionProblem(a string) (msg string, soft bool) {
	if a == "*" {
		return "", false
	}
	// Fast path for the usual "service:Name": one colon, no wildcard before it.
	if c := strings.IndexByte(a, ':'); c > 0 && strings.IndexByte(a[c+1:], ':') < 0 {
		wild := false
		for i := 0; i < c; i++ {
			if a[i] == '*' || a[i] == '?' {
				wild = true
				break
			}
		}
		if !wild {
			return "", false
		}
	}
	colon, colons, wild := -1, 0, false
	for i := 0; i < len(a); i++ {
		switch a[i] {
		case ':':
			colons++
			if colon < 0 {
				colon = i
			}
		case '*', '?':
			if colon < 0 {
				wild = true
			}
		}
	}
	switch {
	case colons != 1:
		return fmt.Sprintf("expected \"*\" or \"service:action\" with exactly one colon, got %q (G1.7)", a), false
	case colon == 0:
		return fmt.Sprintf("empty service prefix in action %q (G1.7)", a), false
	case wild:
		return fmt.Sprintf("wildcard in the service prefix of action %q; only the action name may contain wildcards (A2.4)", a), true
	}
	return "", false
}

func (w *walker) resources(v node, l lpath, not bool) *Strings {
	ss := w.strs(v, l, not)
	if ss == nil {
		return nil
	}
	for j, s := range ss.Values {
		// Every resource problem is an error: short ARNs are accepted as they are (R3.9).
		if msg := resourceProblem(s.Value, w.version.Variables()); msg != "" {
			w.add(CodeResource, elemAt(l, ss, j), s.Span.Offset, "%s", msg)
		}
	}
	return ss
}

// resourceProblem returns what is wrong with a Resource/NotResource value, or "" (G1.8, R3.3,
// R3.7, R3.9); vars says whether the policy's version expands policy variables.
func resourceProblem(r string, vars bool) string {
	if r == "*" {
		return ""
	}
	// Fast path for the usual full ARN: one loop finds the colons; anything unusual (fewer
	// parts, a wildcard in the service, a region in an IAM ARN, a variable) takes the slow path,
	// which says what is wrong.
	if len(r) > 4 && r[:4] == "arn:" {
		var cut [4]int
		k := 0
		for i := 4; i < len(r) && k < 4; i++ {
			if r[i] == ':' {
				cut[k] = i
				k++
			}
		}
		if k == 4 {
			svc, region := r[cut[0]+1:cut[1]], r[cut[1]+1:cut[2]]
			if cut[0] > 4 && svc != "" && strings.IndexByte(svc, '*') < 0 && strings.IndexByte(svc, '?') < 0 &&
				(svc != "iam" || region == "" || region == "*") && (!vars || strings.IndexByte(r, '$') < 0) {
				return ""
			}
		}
	}
	if !strings.HasPrefix(r, "arn:") {
		return fmt.Sprintf("expected \"*\" or an ARN (arn:partition:service:region:account:resource), got %q (G1.8)", r)
	}
	var parts [6]string
	n := splitARN(r, &parts)
	switch {
	case parts[1] == "":
		return fmt.Sprintf("empty partition in ARN %q (R3.1)", r)
	case n < 3 || parts[2] == "":
		return fmt.Sprintf("missing service in ARN %q (R3.1)", r)
	case strings.ContainsAny(parts[2], "*?"):
		return fmt.Sprintf("wildcard in the service segment of ARN %q (R3.3)", r)
	case n == 6 && parts[2] == "iam" && parts[3] != "" && parts[3] != "*":
		return fmt.Sprintf("IAM ARN %q must not contain a region (R3.9)", r)
	}
	if vars {
		if i := strings.Index(r, "${"); i >= 0 {
			if strings.Count(r[:i], ":") < 5 {
				return fmt.Sprintf("policy variable in ARN %q before the resource part (only allowed after the fifth colon, R3.7)", r)
			}
			if _, _, err := condition.LexVariables(r, true); err != nil {
				return fmt.Sprintf("malformed policy variable in ARN %q: %v (V6.7)", r, err)
			}
		}
	}
	return ""
}

// splitARN splits s into at most six colon-separated parts and returns how many there are.
func splitARN(s string, parts *[6]string) int {
	n := 0
	for n < 5 {
		i := strings.IndexByte(s, ':')
		if i < 0 {
			break
		}
		parts[n] = s[:i]
		s = s[i+1:]
		n++
	}
	parts[n] = s
	return n + 1
}

func (w *walker) conditions(v node, l lpath, s *Statement) {
	if !isObject(v) {
		w.add(CodeType, l, v.off, "expected an object of condition operators, got %s (G1.10)", typeName(v))
		return
	}
	var ops keySet
	vars := w.version.Variables()
	if w.conds == nil {
		w.conds, w.lits = make([]Condition, 0, 4), make([]Literal, 0, 4)
	}
	start := len(w.conds)
	for oat, oend := v.at+1, w.tape[v.at].next; oat < oend && !w.full(); oat = w.tape[oat+1].next {
		ok, ov := w.node(oat), w.node(oat+1)
		opName, ol, first := w.key(ok, l, &ops)
		if !first {
			continue
		}
		op, err := condition.ParseOp(opName)
		opOK := err == nil
		if !opOK {
			w.add(CodeOperator, ol, ok.off, "unknown condition operator %q: %v (G1.11)", opName, err)
		}
		if !isObject(ov) {
			w.add(CodeType, ol, ov.off, "expected an object of condition keys, got %s (G1.10)", typeName(ov))
			continue
		}
		var keys keySet
		opSpan := Span{Offset: ok.off, Len: len(ok.text)}
		for kat, kend := ov.at+1, w.tape[ov.at].next; kat < kend && !w.full(); kat = w.tape[kat+1].next {
			kk, kv := w.node(kat), w.node(kat+1)
			key, kl, first := w.key(kk, ol, &keys)
			if !first {
				continue
			}
			c := Condition{Op: op, OpSpan: opSpan, Key: String{Value: key, Span: Span{Offset: kk.off, Len: len(kk.text)}}, Span: span(kv), Array: isArray(kv)}
			var good bool
			c.Values, good = w.literals(kv, kl)
			if good && opOK {
				w.compile(&c, kl, vars)
			}
			w.conds = append(w.conds, c)
		}
	}
	if len(w.conds) > start {
		s.Conditions = slab.Carve(w.conds, start)
	}
}

// key reads the key k of a member of the object at path l: its text and its path, and whether
// it is the first of that name in the object (set holds the names seen). It reports a
// duplicate (G1.14) and a lone surrogate escape.
func (w *walker) key(k node, l lpath, set *keySet) (name string, kl lpath, first bool) {
	name = k.str()
	kl = l.child(name)
	if at, dup := set.add(name, k.off); dup {
		w.dup(kl, k.off, at, name)
		return name, kl, false
	}
	if bad := surrogate(k); bad >= 0 {
		w.add(CodeInvalidUTF8, kl, k.off+bad, "lone surrogate escape in key")
	}
	return name, kl, true
}

// literals reads the values of a condition key: one value, or an array of them (an empty array
// gives no values, never nil). good is false when one of them is not a string, number or
// boolean.
func (w *walker) literals(v node, l lpath) (vals []Literal, good bool) {
	start := len(w.lits)
	good = true
	if isArray(v) {
		i := 0
		for at, end := v.at+1, w.tape[v.at].next; at < end; at = w.tape[at].next {
			if lit, ok := w.literal(w.node(at), l.at(i)); ok {
				w.lits = append(w.lits, lit)
			} else {
				good = false
			}
			i++
		}
		if len(w.lits) == start {
			return []Literal{}, good
		}
	} else if lit, ok := w.literal(v, l); ok {
		w.lits = append(w.lits, lit)
	} else {
		return nil, false
	}
	return slab.Carve(w.lits, start), good
}

// literal reads one condition value: a string, number or boolean (G1.10).
func (w *walker) literal(v node, l lpath) (Literal, bool) {
	switch v.kind {
	case kindString:
		if bad := surrogate(v); bad >= 0 {
			w.add(CodeInvalidUTF8, l, v.off+bad, "lone surrogate escape in string")
		}
		return Literal{Kind: LiteralString, Text: v.str(), Span: span(v)}, true
	case kindNumber:
		return Literal{Kind: LiteralNumber, Text: v.text, Span: span(v)}, true
	case kindTrue, kindFalse:
		return Literal{Kind: LiteralBool, Text: v.text, Span: span(v)}, true
	}
	w.add(CodeType, l, v.off, "expected a string, number or boolean condition value, got %s (G1.10)", typeName(v))
	return Literal{}, false
}

// compile validates the values of c against its operator with condition.Check.
func (w *walker) compile(c *Condition, kl lpath, vars bool) {
	msg, vi := conditionProblem(c, vars)
	if msg == "" {
		return
	}
	l, off := kl, c.Key.Span.Offset
	if vi >= 0 {
		off = c.Values[vi].Span.Offset
		if c.Array {
			l = kl.at(vi)
		}
	}
	w.soft(CodeConditionValue, l, off, "%s", msg)
}

// conditionProblem checks the values of c against its operator with condition.Check (the rule
// of CodeConditionValue for Parse and Validate alike): it returns what is wrong, or "", and the
// index of the value at fault, or -1 when the key as a whole is.
func conditionProblem(c *Condition, vars bool) (msg string, value int) {
	var buf [8]string
	texts := buf[:0]
	for _, l := range c.Values {
		texts = append(texts, l.Text)
	}
	err := condition.Check(c.Op, c.Key.Value, texts, vars)
	if err == nil {
		return "", -1
	}
	var ce *condition.Error
	if errors.As(err, &ce) {
		if ce.ValueIndex >= 0 && ce.ValueIndex < len(c.Values) {
			return ce.Msg, ce.ValueIndex
		}
		return ce.Msg, -1
	}
	return err.Error(), -1
}

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
