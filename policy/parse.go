package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamgo/iam/condition"
	"github.com/tidwall/gjson"
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
	Name     string // copied to Policy.Name and used by nothing else
	Kind     Kind   // kind-specific rules to enforce; KindAny enforces none (see Policy.Check)
	MaxBytes int    // maximum document size in bytes; 0 means DefaultMaxBytes, negative means no limit
	MaxDepth int    // maximum JSON nesting depth; 0 means DefaultMaxDepth, negative means no limit
}

// Parse parses data with the zero [Options]: syntax, grammar and values, no kind-specific rules.
func Parse(data []byte) (*Policy, error) { return Options{}.Parse(data) }

// Parse parses and validates one policy document.
//
// The checks run in this order: the size limit, UTF-8 validity, the nesting depth, JSON syntax
// (gjson.ValidBytes; encoding/json finds the offset of a syntax error), then a walk of the
// document that rejects unknown and duplicate keys, wrong types, malformed actions, resources and
// principals, unknown condition operators and condition values their operator cannot read
// (condition.Compile). When o.Kind is not KindAny, the findings of [Policy.Check] for that kind
// are added.
//
// On failure Parse returns a nil policy and an [ErrorList] holding every error (and any warning),
// sorted by offset. On success the error is nil; warnings are available from Check. Parse never
// panics and its cost is linear in len(data).
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
		return nil, ErrorList{{Code: CodeTooLarge, Msg: fmt.Sprintf("document is %d bytes, more than the limit of %d", len(data), maxBytes)}}.finish(data)
	}
	if !utf8.Valid(data) {
		off := invalidUTF8Offset(data)
		return nil, ErrorList{{Code: CodeInvalidUTF8, Offset: off, Msg: "invalid UTF-8 byte sequence"}}.finish(data)
	}
	if maxDepth > 0 {
		if off, ok := depthExceeded(data, maxDepth); ok {
			return nil, ErrorList{{Code: CodeTooDeep, Offset: off, Msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth)}}.finish(data)
		}
	}
	if !gjson.ValidBytes(data) {
		return nil, ErrorList{syntaxError(data)}.finish(data)
	}
	w := walker{src: data, opts: o}
	p := w.document()
	if o.Kind != KindAny && p != nil {
		w.errs = append(w.errs, p.check(o.Kind)...)
	}
	if w.errs.HasErrors() {
		return nil, w.errs.finish(data)
	}
	return p, nil
}

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

// depthExceeded scans data once (strings and escapes aware) and reports the offset of the first
// '[' or '{' that nests deeper than max. It protects gjson.ValidBytes, which recurses.
func depthExceeded(data []byte, max int) (int, bool) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			// Jump to the closing quote: one not preceded by an odd run of backslashes.
			for {
				j := bytes.IndexByte(data[i+1:], '"')
				if j < 0 {
					return 0, false // unterminated string: the JSON check reports it
				}
				i += j + 1
				bs := 0
				for k := i - 1; k >= 0 && data[k] == '\\'; k-- {
					bs++
				}
				if bs%2 == 0 {
					break
				}
			}
		case '[', '{':
			depth++
			if depth > max {
				return i, true
			}
		case ']', '}':
			depth--
		}
	}
	return 0, false
}

// syntaxError locates a JSON syntax error. encoding/json reports an offset just past the
// offending byte; trailing data and truncation are named explicitly.
func syntaxError(data []byte) *Error {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset)
		msg := se.Error()
		if off > 0 && off <= len(data) && strings.HasPrefix(msg, "invalid character") {
			off--
		}
		if strings.Contains(msg, "after top-level value") {
			msg = "unexpected data after the top-level object"
		}
		return &Error{Code: CodeSyntax, Offset: off, Msg: "invalid JSON: " + msg}
	}
	if err != nil {
		return &Error{Code: CodeSyntax, Offset: len(data), Msg: "invalid JSON: " + err.Error()}
	}
	return &Error{Code: CodeSyntax, Msg: "invalid JSON"}
}

// walker holds the state of one Parse.
type walker struct {
	src     []byte
	opts    Options
	errs    ErrorList
	version Version
	single  bool
}

func (w *walker) full() bool { return len(w.errs) >= collectLimit }

func (w *walker) add(code ErrorCode, path string, off int, format string, args ...any) {
	if w.full() {
		return
	}
	w.errs = append(w.errs, &Error{Code: code, Path: path, Offset: off, Msg: fmt.Sprintf(format, args...)})
}

func span(r gjson.Result) Span { return Span{Offset: r.Index, Len: len(r.Raw)} }

// typeName names a JSON value's type for messages.
func typeName(r gjson.Result) string {
	switch r.Type {
	case gjson.Null:
		return "null"
	case gjson.False, gjson.True:
		return "boolean"
	case gjson.Number:
		return "number"
	case gjson.String:
		return "string"
	}
	if r.IsArray() {
		return "array"
	}
	return "object"
}

func isObject(r gjson.Result) bool { return r.Type == gjson.JSON && len(r.Raw) > 0 && r.Raw[0] == '{' }
func isArray(r gjson.Result) bool  { return r.Type == gjson.JSON && len(r.Raw) > 0 && r.Raw[0] == '[' }

// member is one key/value pair of an object.
type member struct {
	key, val gjson.Result
	ok       bool
}

// fields collects the members of an object whose names are in names (case-sensitive, G1.12),
// reporting unknown and duplicate keys (G1.14).
func (w *walker) fields(obj gjson.Result, path string, names []string, out []member) {
	obj.ForEach(func(k, v gjson.Result) bool {
		if w.full() {
			return false
		}
		name := k.Str
		if bad := checkSurrogates(k.Raw); bad >= 0 {
			w.add(CodeInvalidUTF8, join(path, name), k.Index+bad, "lone surrogate escape in key")
		}
		for i, n := range names {
			if n == name {
				if out[i].ok {
					w.dup(join(path, name), k.Index, out[i].key.Index, name)
					return true
				}
				out[i] = member{key: k, val: v, ok: true}
				return true
			}
		}
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
		w.add(CodeUnknownElement, join(path, name), k.Index, "unknown element %q%s", name, hint)
		return true
	})
}

func (w *walker) dup(path string, off, first int, name string) {
	if w.full() {
		return
	}
	pos := position(w.src, first)
	w.errs = append(w.errs, &Error{Code: CodeDuplicateKey, Path: path, Offset: off,
		Msg: fmt.Sprintf("duplicate key %q (first at %d:%d): ambiguous input is rejected", strings.Clone(name), pos.Line, pos.Col)})
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string { return path + "[" + itoa(i) + "]" }

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
	root := gjson.Parse(string(w.src))
	if !isObject(root) {
		w.add(CodeNotObject, "", root.Index, "expected a JSON object at the top level, got %s", typeName(root))
		return nil
	}
	p := &Policy{Name: w.opts.Name, Span: span(root), Source: w.src}
	var m [3]member
	w.fields(root, "", topNames, m[:])
	if v := m[topVersion]; v.ok {
		if s, ok := w.str(v.val, "Version"); ok {
			p.VersionText = &s
			switch s.Value {
			case "2012-10-17":
				p.Version = Version2012
			case "2008-10-17":
				p.Version = Version2008
			default:
				w.add(CodeVersion, "Version", v.val.Index, "expected \"2012-10-17\" or \"2008-10-17\", got %q (G1.2)", s.Value)
			}
		}
	}
	w.version = p.Version
	if v := m[topID]; v.ok {
		if s, ok := w.str(v.val, "Id"); ok {
			p.ID = &s
		}
	}
	st := m[topStatement]
	if !st.ok {
		w.add(CodeMissing, "", root.Index, "missing required element \"Statement\" (G1.1)")
		return p
	}
	switch {
	case isObject(st.val):
		p.SingleStatement = true
		w.single = true
		p.Statements = make([]Statement, 1)
		w.statement(st.val, "Statement", &p.Statements[0])
	case isArray(st.val):
		p.Statements = []Statement{}
		i := 0
		st.val.ForEach(func(_, v gjson.Result) bool {
			if w.full() {
				return false
			}
			path := index("Statement", i)
			if !isObject(v) {
				w.add(CodeType, path, v.Index, "expected a statement object, got %s", typeName(v))
			} else {
				p.Statements = append(p.Statements, Statement{})
				s := &p.Statements[len(p.Statements)-1]
				s.Index = i
				w.statement(v, path, s)
			}
			i++
			return true
		})
	default:
		w.add(CodeType, "Statement", st.val.Index, "expected a statement object or an array of statement objects, got %s", typeName(st.val))
	}
	return p
}

// str reads a JSON string element.
func (w *walker) str(v gjson.Result, path string) (String, bool) {
	if v.Type != gjson.String {
		w.add(CodeType, path, v.Index, "expected a string, got %s", typeName(v))
		return String{}, false
	}
	if bad := checkSurrogates(v.Raw); bad >= 0 {
		w.add(CodeInvalidUTF8, path, v.Index+bad, "lone surrogate escape in string")
	}
	return String{Value: v.Str, Span: span(v)}, true
}

// strs reads a string-or-array-of-strings element (G1.15). not marks Not* elements, where an
// empty array is an error (G1.16).
func (w *walker) strs(v gjson.Result, path, elem string, not bool) *Strings {
	switch {
	case v.Type == gjson.String:
		s, _ := w.str(v, path)
		return &Strings{Values: []String{s}, Span: span(v)}
	case isArray(v):
		out := &Strings{Array: true, Span: span(v)}
		i := 0
		v.ForEach(func(_, e gjson.Result) bool {
			if w.full() {
				return false
			}
			if e.Type != gjson.String {
				w.add(CodeType, index(path, i), e.Index, "expected a string, got %s", typeName(e))
			} else {
				if bad := checkSurrogates(e.Raw); bad >= 0 {
					w.add(CodeInvalidUTF8, index(path, i), e.Index+bad, "lone surrogate escape in string")
				}
				out.Values = append(out.Values, String{Value: e.Str, Span: span(e)})
			}
			i++
			return true
		})
		if i == 0 && not {
			w.add(CodeEmptyArray, path, v.Index, "empty %s array would match everything; list at least one value (G1.16)", elem)
		}
		return out
	}
	w.add(CodeType, path, v.Index, "expected a string or an array of strings, got %s", typeName(v))
	return nil
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

func (w *walker) statement(obj gjson.Result, path string, s *Statement) {
	s.Span = span(obj)
	var m [9]member
	w.fields(obj, path, stmtNames, m[:])
	if v := m[sSid]; v.ok {
		if str, ok := w.str(v.val, path+".Sid"); ok {
			s.Sid = &str
		}
	}
	if v := m[sEffect]; v.ok {
		if str, ok := w.str(v.val, path+".Effect"); ok {
			s.EffectSpan = str.Span
			switch str.Value {
			case "Allow":
				s.Effect = Allow
			case "Deny":
				s.Effect = Deny
			default:
				w.add(CodeEffect, path+".Effect", v.val.Index, "expected \"Allow\" or \"Deny\" (case-sensitive), got %q (G1.6)", str.Value)
			}
		}
	} else {
		w.add(CodeMissing, path, obj.Index, "missing required element \"Effect\" (G1.6)")
	}
	if v := m[sPrincipal]; v.ok {
		s.Principal = w.principal(v.val, path+".Principal", false)
	}
	if v := m[sNotPrincipal]; v.ok {
		s.NotPrincipal = w.principal(v.val, path+".NotPrincipal", true)
		if m[sPrincipal].ok {
			w.add(CodePrinConflict, path+".NotPrincipal", v.key.Index, "a statement has either \"Principal\" or \"NotPrincipal\", not both (G1.9)")
		}
	}
	if v := m[sAction]; v.ok {
		s.Action = w.actions(v.val, path+".Action", "Action", false)
	}
	if v := m[sNotAction]; v.ok {
		s.NotAction = w.actions(v.val, path+".NotAction", "NotAction", true)
	}
	switch {
	case m[sAction].ok && m[sNotAction].ok:
		second := m[sNotAction]
		if second.key.Index < m[sAction].key.Index {
			second = m[sAction]
		}
		w.add(CodeActionConflict, join(path, second.key.Str), second.key.Index, "a statement has either \"Action\" or \"NotAction\", not both (G1.7)")
	case !m[sAction].ok && !m[sNotAction].ok:
		w.add(CodeMissing, path, obj.Index, "missing required element \"Action\" or \"NotAction\" (G1.7)")
	}
	if v := m[sResource]; v.ok {
		s.Resource = w.resources(v.val, path+".Resource", "Resource", false)
	}
	if v := m[sNotResource]; v.ok {
		s.NotResource = w.resources(v.val, path+".NotResource", "NotResource", true)
	}
	if m[sResource].ok && m[sNotResource].ok {
		second := m[sNotResource]
		if second.key.Index < m[sResource].key.Index {
			second = m[sResource]
		}
		w.add(CodeResConflict, join(path, second.key.Str), second.key.Index, "a statement has either \"Resource\" or \"NotResource\", not both (G1.8)")
	}
	if v := m[sCondition]; v.ok {
		s.HasCondition = true
		s.ConditionSpan = span(v.val)
		w.conditions(v.val, path+".Condition", s)
	}
}

var principalNames = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (w *walker) principal(v gjson.Result, path string, not bool) *Principal {
	elem := "Principal"
	if not {
		elem = "NotPrincipal"
	}
	if v.Type == gjson.String {
		if v.Str != "*" {
			w.add(CodePrincipal, path, v.Index, "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser, got %q (G1.9)", v.Str)
			return nil
		}
		return &Principal{Wildcard: true, Span: span(v)}
	}
	if !isObject(v) {
		w.add(CodeType, path, v.Index, "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser, got %s (G1.9)", typeName(v))
		return nil
	}
	p := &Principal{Span: span(v)}
	var m [4]member
	w.fields(v, path, principalNames, m[:])
	n := 0
	for i, f := range m {
		if !f.ok {
			continue
		}
		n++
		fp := path + "." + principalNames[i]
		ss := w.strs(f.val, fp, elem+"."+principalNames[i], not)
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
			w.principalValue(i, s, elemPath(fp, ss, j))
		}
	}
	if n == 0 && !w.full() {
		w.add(CodeEmpty, path, v.Index, "expected at least one of AWS, Service, Federated or CanonicalUser in %s (G1.9)", elem)
	}
	return p
}

// elemPath is the path of value j of ss: the element path itself for a bare string.
func elemPath(path string, ss *Strings, j int) string {
	if !ss.Array {
		return path
	}
	return index(path, j)
}

func (w *walker) principalValue(typ int, s String, path string) {
	v := s.Value
	switch {
	case v == "":
		w.add(CodePrincipal, path, s.Span.Offset, "empty principal (G1.9)")
	case v == "*":
		if typ != 0 {
			w.add(CodePrincipal, path, s.Span.Offset, "\"*\" is not a valid %s principal; only \"AWS\": \"*\" or Principal \"*\" means everyone (G1.9)", principalNames[typ])
		}
	case strings.ContainsAny(v, "*?"):
		w.add(CodePrincipal, path, s.Span.Offset, "partial wildcard in principal %q: only \"*\" alone is allowed; use a condition on aws:PrincipalArn instead (P4.10)", v)
	}
}

func (w *walker) actions(v gjson.Result, path, elem string, not bool) *Strings {
	ss := w.strs(v, path, elem, not)
	if ss == nil {
		return nil
	}
	for j, s := range ss.Values {
		if msg := actionProblem(s.Value); msg != "" {
			w.add(CodeAction, elemPath(path, ss, j), s.Span.Offset, "%s", msg)
		}
	}
	return ss
}

// actionProblem returns what is wrong with an action pattern, or "" (G1.7, A2.4).
func actionProblem(a string) string {
	if a == "*" {
		return ""
	}
	c := strings.IndexByte(a, ':')
	if c < 0 || strings.IndexByte(a[c+1:], ':') >= 0 {
		return fmt.Sprintf("expected \"*\" or \"service:action\" with exactly one colon, got %q (G1.7)", a)
	}
	prefix, name := a[:c], a[c+1:]
	switch {
	case prefix == "":
		return fmt.Sprintf("empty service prefix in action %q (G1.7)", a)
	case strings.ContainsAny(prefix, "*?"):
		return fmt.Sprintf("wildcard in the service prefix of action %q; only the action name may contain wildcards (A2.4)", a)
	case name == "":
		return fmt.Sprintf("empty action name in %q (G1.7)", a)
	}
	return ""
}

func (w *walker) resources(v gjson.Result, path, elem string, not bool) *Strings {
	ss := w.strs(v, path, elem, not)
	if ss == nil {
		return nil
	}
	for j, s := range ss.Values {
		if msg := w.resourceProblem(s.Value); msg != "" {
			w.add(CodeResource, elemPath(path, ss, j), s.Span.Offset, "%s", msg)
		}
	}
	return ss
}

// resourceProblem returns what is wrong with a Resource/NotResource value, or "" (G1.8, R3.3,
// R3.7, R3.9).
func (w *walker) resourceProblem(r string) string {
	if r == "*" {
		return ""
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
	case n < 6 && !strings.HasSuffix(r, "*"):
		return fmt.Sprintf("expected six colon-separated parts in ARN %q (or a trailing \"*\", R3.9)", r)
	case n == 6 && parts[2] == "iam" && parts[3] != "" && parts[3] != "*":
		return fmt.Sprintf("IAM ARN %q must not contain a region (R3.9)", r)
	}
	if w.version.Variables() {
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

func (w *walker) conditions(v gjson.Result, path string, s *Statement) {
	if !isObject(v) {
		w.add(CodeType, path, v.Index, "expected an object of condition operators, got %s (G1.10)", typeName(v))
		return
	}
	var ops keySet
	vars := w.version.Variables()
	v.ForEach(func(ok, ov gjson.Result) bool {
		if w.full() {
			return false
		}
		opName := ok.Str
		opPath := join(path, opName)
		if first, dup := ops.add(opName, ok.Index); dup {
			w.dup(opPath, ok.Index, first, opName)
			return true
		}
		if bad := checkSurrogates(ok.Raw); bad >= 0 {
			w.add(CodeInvalidUTF8, opPath, ok.Index+bad, "lone surrogate escape in key")
		}
		op, err := condition.ParseOp(opName)
		opOK := err == nil
		if !opOK {
			w.add(CodeOperator, opPath, ok.Index, "unknown condition operator %q: %v (G1.11)", opName, err)
		}
		if !isObject(ov) {
			w.add(CodeType, opPath, ov.Index, "expected an object of condition keys, got %s (G1.10)", typeName(ov))
			return true
		}
		var keys keySet
		opStr := String{Value: opName, Span: Span{Offset: ok.Index, Len: len(ok.Raw)}}
		ov.ForEach(func(kk, kv gjson.Result) bool {
			if w.full() {
				return false
			}
			keyPath := join(opPath, kk.Str)
			if first, dup := keys.add(kk.Str, kk.Index); dup {
				w.dup(keyPath, kk.Index, first, kk.Str)
				return true
			}
			if bad := checkSurrogates(kk.Raw); bad >= 0 {
				w.add(CodeInvalidUTF8, keyPath, kk.Index+bad, "lone surrogate escape in key")
			}
			c := Condition{Operator: opStr, Op: op, Key: String{Value: kk.Str, Span: Span{Offset: kk.Index, Len: len(kk.Raw)}}, Span: span(kv)}
			good := true
			switch {
			case isArray(kv):
				c.Array = true
				i := 0
				kv.ForEach(func(_, e gjson.Result) bool {
					if lit, ok := w.literal(e, index(keyPath, i)); ok {
						c.Values = append(c.Values, lit)
					} else {
						good = false
					}
					i++
					return true
				})
			default:
				lit, ok := w.literal(kv, keyPath)
				if !ok {
					good = false
					break
				}
				c.Values = []Literal{lit}
			}
			if good && opOK {
				w.compile(&c, keyPath, vars)
			}
			s.Conditions = append(s.Conditions, c)
			return true
		})
		return true
	})
}

// literal reads one condition value: a string, number or boolean (G1.10).
func (w *walker) literal(v gjson.Result, path string) (Literal, bool) {
	switch v.Type {
	case gjson.String:
		if bad := checkSurrogates(v.Raw); bad >= 0 {
			w.add(CodeInvalidUTF8, path, v.Index+bad, "lone surrogate escape in string")
		}
		return Literal{Kind: LiteralString, Text: v.Str, Span: span(v)}, true
	case gjson.Number:
		return Literal{Kind: LiteralNumber, Text: v.Raw, Span: span(v)}, true
	case gjson.True, gjson.False:
		return Literal{Kind: LiteralBool, Text: v.Raw, Span: span(v)}, true
	}
	w.add(CodeType, path, v.Index, "expected a string, number or boolean condition value, got %s (G1.10)", typeName(v))
	return Literal{}, false
}

// compile validates the values of c against its operator with condition.Compile.
func (w *walker) compile(c *Condition, keyPath string, vars bool) {
	texts := make([]string, len(c.Values))
	for i, l := range c.Values {
		texts[i] = l.Text
	}
	_, err := condition.Compile(c.Op, c.Key.Value, texts, vars)
	if err == nil {
		return
	}
	path, off := keyPath, c.Key.Span.Offset
	msg := err.Error()
	var ce *condition.Error
	if errors.As(err, &ce) {
		msg = ce.Msg
		if ce.ValueIndex >= 0 && ce.ValueIndex < len(c.Values) {
			off = c.Values[ce.ValueIndex].Span.Offset
			if c.Array {
				path = index(keyPath, ce.ValueIndex)
			}
		}
	}
	w.add(CodeConditionValue, path, off, "%s", msg)
}

// keySet detects duplicate keys in one object: a short list, a map once it grows.
type keySet struct {
	names []string
	offs  []int
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
	for i, n := range k.names {
		if n == name {
			return k.offs[i], true
		}
	}
	k.names = append(k.names, name)
	k.offs = append(k.offs, off)
	if len(k.names) > 16 {
		k.m = make(map[string]int, 2*len(k.names))
		for i, n := range k.names {
			k.m[n] = k.offs[i]
		}
	}
	return 0, false
}
