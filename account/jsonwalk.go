package account

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iamgo/iam/policy"
	"github.com/tidwall/gjson"
)

// maxDepth is the deepest JSON nesting an input file may have. An export is about eight levels
// deep with its policy documents; policy documents themselves are limited by the policy parser.
const maxDepth = 64

// walker reads one input file, collecting errors with their positions.
type walker struct {
	file  string
	data  []byte
	lines *lines
	errs  []*Error
	jobs  []parseJob
}

// fail records an error at byte offset off of the file.
func (w *walker) fail(off int, path string, code ErrorCode, format string, args ...any) {
	if w.lines == nil {
		w.lines = newLines(w.data)
	}
	if off < 0 {
		off = 0
	}
	if off > len(w.data) {
		off = len(w.data)
	}
	line, col := w.lines.pos(off)
	w.errs = append(w.errs, &Error{File: w.file, Path: path, Offset: off, Line: line, Col: col, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// parse checks the file's size, encoding, nesting and syntax, and returns its top-level object.
// gjson does not validate while reading, so nothing is read before the whole file is known to
// be valid JSON (STYLE §7).
func (w *walker) parse(limit int) (gjson.Result, bool) {
	if limit > 0 && len(w.data) > limit {
		w.fail(0, "", CodeTooLarge, "file of %d bytes is larger than the limit of %d bytes", len(w.data), limit)
		return gjson.Result{}, false
	}
	if !utf8.Valid(w.data) {
		off := 0
		for off < len(w.data) {
			r, n := utf8.DecodeRune(w.data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		w.fail(off, "", CodeUTF8, "invalid UTF-8")
		return gjson.Result{}, false
	}
	if off, ok := depthOK(w.data, maxDepth); !ok {
		w.fail(off, "", CodeTooDeep, "JSON nested deeper than %d levels", maxDepth)
		return gjson.Result{}, false
	}
	if !gjson.ValidBytes(w.data) {
		var raw json.RawMessage
		err := json.Unmarshal(w.data, &raw)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			w.fail(int(se.Offset)-1, "", CodeSyntax, "invalid JSON: %s", se.Error())
		} else {
			w.fail(0, "", CodeSyntax, "invalid JSON")
		}
		return gjson.Result{}, false
	}
	root := gjson.ParseBytes(w.data)
	if !root.IsObject() {
		w.fail(root.Index, "", CodeType, "expected a JSON object at the top level, got %s", typeName(root))
		return gjson.Result{}, false
	}
	return root, true
}

// depthOK scans data without recursion and reports whether no container is nested deeper than
// max; on failure it returns the offset of the first container too deep.
func depthOK(data []byte, max int) (int, bool) {
	depth := 0
	inStr := false
	for i := 0; i < len(data); i++ {
		b := data[i]
		if inStr {
			switch b {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch b {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			if depth > max {
				return i, false
			}
		case '}', ']':
			depth--
		}
	}
	return 0, true
}

func typeName(v gjson.Result) string {
	switch v.Type {
	case gjson.Null:
		return "null"
	case gjson.False, gjson.True:
		return "a boolean"
	case gjson.Number:
		return "a number"
	case gjson.String:
		return "a string"
	}
	if v.IsArray() {
		return "an array"
	}
	return "an object"
}

// object walks the members of the object v, rejecting a key given twice, and calls fn for
// each member. It reports false (and records an error) when v is not an object.
func (w *walker) object(v gjson.Result, path string, fn func(key string, val gjson.Result, path string)) bool {
	if !v.IsObject() {
		w.fail(v.Index, path, CodeType, "expected an object, got %s", typeName(v))
		return false
	}
	seen := make(map[string]int, 16)
	v.ForEach(func(k, val gjson.Result) bool {
		key := k.Str
		if first, dup := seen[key]; dup {
			w.fail(k.Index, path, CodeDuplicate, "key %q given twice (first at byte %d): the input is ambiguous", key, first)
			return true
		}
		seen[key] = k.Index
		fn(key, val, join(path, key))
		return true
	})
	return true
}

// array walks the elements of the array v. A null stands for an empty list (the AWS CLI never
// writes one, but some SDKs do).
func (w *walker) array(v gjson.Result, path string, fn func(i int, val gjson.Result, path string)) {
	if v.Type == gjson.Null {
		return
	}
	if !v.IsArray() {
		w.fail(v.Index, path, CodeType, "expected an array, got %s", typeName(v))
		return
	}
	i := 0
	v.ForEach(func(_, val gjson.Result) bool {
		fn(i, val, path+"["+strconv.Itoa(i)+"]")
		i++
		return true
	})
}

// str reads a string member.
func (w *walker) str(v gjson.Result, path string) (string, bool) {
	if v.Type != gjson.String {
		w.fail(v.Index, path, CodeType, "expected a string, got %s", typeName(v))
		return "", false
	}
	return v.Str, true
}

// boolean reads a boolean member.
func (w *walker) boolean(v gjson.Result, path string) (bool, bool) {
	switch v.Type {
	case gjson.True:
		return true, true
	case gjson.False:
		return false, true
	}
	w.fail(v.Index, path, CodeType, "expected true or false, got %s", typeName(v))
	return false, false
}

// date reads a date in either form found in exports: "2023-03-09 10:41:45+00:00" (boto3 and the
// AWS CLI) or RFC 3339 "2023-03-09T10:41:45Z" (the raw API and the Go SDK), with or without
// fractional seconds.
func (w *walker) date(v gjson.Result, path string) (time.Time, bool) {
	s, ok := w.str(v, path)
	if !ok {
		return time.Time{}, false
	}
	if t, ok := parseDate(s); ok {
		return t, true
	}
	w.fail(v.Index, path, CodeValue, "expected a date such as 2023-03-09 10:41:45+00:00 or 2023-03-09T10:41:45Z, got %q", clip(s))
	return time.Time{}, false
}

func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999Z07:00", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// clip cuts s to 64 bytes for messages.
func clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	i := 64
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// docForm says how a policy document was written.
type docForm uint8

const (
	formObject     docForm = iota // a JSON object (the AWS CLI, boto3)
	formString                    // a JSON string holding the document
	formURLEncoded                // a JSON string holding the URL-encoded document (the raw API)
)

// document reads a policy document written as a JSON object, a JSON string or a URL-encoded
// JSON string, and parses it. name is the policy's name in explanations.
func (w *walker) document(v gjson.Result, path, name string) *policy.Policy {
	var text []byte
	form := formObject
	switch {
	case v.IsObject():
		text = w.data[v.Index : v.Index+len(v.Raw)]
	case v.Type == gjson.String:
		s := strings.TrimSpace(v.Str)
		form = formString
		if !strings.HasPrefix(s, "{") {
			dec, err := url.PathUnescape(s)
			if err != nil {
				w.fail(v.Index, path, CodePolicy, "a policy document string that is neither JSON nor URL-encoded JSON: %v", err)
				return nil
			}
			s, form = dec, formURLEncoded
		}
		text = []byte(s)
	default:
		w.fail(v.Index, path, CodeType, "expected a policy document (an object, a JSON string or a URL-encoded JSON string), got %s", typeName(v))
		return nil
	}
	// The document is parsed later, with the file's other documents, on every core (finish);
	// the placeholder is filled in then. A document that does not parse fails the load.
	p := &policy.Policy{Name: name}
	w.jobs = append(w.jobs, parseJob{text: text, name: name, base: v.Index, path: path, form: form, dst: p})
	return p
}

// parseJob is a policy document waiting to be parsed.
type parseJob struct {
	text []byte
	name string
	base int
	path string
	form docForm
	dst  *policy.Policy
	err  error
}

// finish parses the documents the walk collected, on every core, and records their errors.
func (w *walker) finish() {
	jobs := w.jobs
	w.jobs = nil
	parallel(len(jobs), func(i int) {
		j := &jobs[i]
		p, err := policy.Options{Name: j.name, Lenient: true}.Parse(j.text)
		if err != nil {
			j.err = err
			return
		}
		*j.dst = *p
	})
	for i := range jobs {
		if j := &jobs[i]; j.err != nil {
			w.policyError(j.base, j.path, j.form, j.err)
		}
	}
}

// policyError records the findings of the policy parser, at their place in the file when the
// document was an object, and at the string with the inner position otherwise.
func (w *walker) policyError(base int, path string, form docForm, err error) {
	var list policy.ErrorList
	if !errors.As(err, &list) {
		w.fail(base, path, CodePolicy, "%v", err)
		return
	}
	for _, e := range list {
		if e.Severity != policy.SeverityError {
			continue
		}
		p := path
		if e.Path != "" {
			p = path + "." + e.Path
		}
		if form == formObject {
			w.fail(base+e.Offset, p, CodePolicy, "%s", e.Msg)
			continue
		}
		w.fail(base, p, CodePolicy, "%s", e.Msg)
		last := w.errs[len(w.errs)-1]
		last.Inner = fmt.Sprintf("%d:%d", e.Line, e.Col)
		if form == formURLEncoded {
			last.Inner += " after URL decoding"
		}
	}
}
