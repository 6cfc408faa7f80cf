package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/internal/jsonerr"
	"github.com/iamgo/iam/policy"
	"github.com/tidwall/gjson"
)

// File is one parsed scenario file.
type File struct {
	Path     string   // as given to Load or Parse
	Name     string   // "name"
	Source   string   // "source": where the expected decisions come from
	Notes    []string // "notes"
	Set      eval.PolicySet
	Requests []Request
}

// Request is one request of a scenario with its expected decision.
type Request struct {
	Name      string // "name" (optional)
	Req       eval.Request
	Expect    eval.Decision
	HasExpect bool
	Index     int // position in the requests array
	Line, Col int // where the request object starts
}

// Label returns the request's name, or requests[i] when it has none.
func (r *Request) Label() string {
	if r.Name != "" {
		return r.Name
	}
	return fmt.Sprintf("requests[%d]", r.Index)
}

// Error is a problem in a scenario file: FILE:LINE:COL: PATH: message.
type Error struct {
	File      string
	Line, Col int
	Path      string
	Msg       string
}

// Error implements error.
func (e *Error) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", e.File, e.Line, e.Col, e.Path, e.Msg)
}

// MaxFileBytes is the size limit of a scenario file read by [Load] and [LoadAll]: 16 MiB. The
// largest real scenario files, the benchmark workloads of ten thousand statements, are under
// 1 MiB, and hand-written ones a few KiB; the limit only stops a hostile or mistaken input
// (/dev/zero, a log file) from taking unbounded time and memory. [Parse] has no limit.
const MaxFileBytes = 16 << 20

// TooLargeError reports a file longer than [MaxFileBytes]; no more than MaxFileBytes+1 bytes
// of it were read.
type TooLargeError struct {
	Path  string // as given to Load
	Limit int64  // the limit it exceeded, in bytes
}

// Error implements error.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than the limit of %d bytes (%d MiB); not read further", e.Path, e.Limit, e.Limit>>20)
}

// Load reads and parses one scenario file. It reads at most MaxFileBytes+1 bytes, whatever the
// file (a device or a pipe has no size to trust), and returns a [*TooLargeError] for a file
// longer than MaxFileBytes.
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readAtMost(path, f)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// readAtMost reads r to its end if it holds at most MaxFileBytes, reading no more than
// MaxFileBytes+1 bytes.
func readAtMost(path string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, &TooLargeError{Path: path, Limit: MaxFileBytes}
	}
	return data, nil
}

// LoadAll loads files and, recursively, the *.json files of directories, sorted by path, each
// as [Load] does (so with its size limit). It returns every file that loaded and the errors of
// the others, joined.
func LoadAll(paths ...string) ([]*File, error) {
	var names []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			names = append(names, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".json") {
				names = append(names, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(names)
	var files []*File
	var errs []error
	for _, n := range names {
		f, err := Load(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, f)
	}
	return files, errors.Join(errs...)
}

type parser struct {
	path  string
	data  []byte
	errs  []error
	blank []byte // data with every byte but '\n' replaced by a space (blankFile)
}

// blankFile returns the file's bytes with every byte but '\n' replaced by a space, computed once.
func (p *parser) blankFile() []byte {
	if p.blank == nil {
		p.blank = make([]byte, len(p.data))
		for i, b := range p.data {
			if b == '\n' {
				p.blank[i] = '\n'
			} else {
				p.blank[i] = ' '
			}
		}
	}
	return p.blank
}

func (p *parser) pos(off int) (int, int) {
	if off > len(p.data) {
		off = len(p.data)
	}
	head := p.data[:off]
	line := 1 + bytes.Count(head, []byte{'\n'})
	col := off - (bytes.LastIndexByte(head, '\n') + 1) + 1
	return line, col
}

func (p *parser) fail(off int, path, format string, args ...any) {
	l, c := p.pos(off)
	p.errs = append(p.errs, &Error{File: p.path, Line: l, Col: c, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// members iterates an object's members, rejecting duplicate and unknown keys.
func (p *parser) members(obj gjson.Result, path string, known []string, fn func(key string, v gjson.Result, path string)) {
	if !obj.IsObject() {
		p.fail(obj.Index, path, "expected an object, got %s", typeName(obj))
		return
	}
	seen := map[string]bool{}
	obj.ForEach(func(k, v gjson.Result) bool {
		key := k.String()
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		switch {
		case seen[key]:
			p.fail(k.Index, sub, "duplicate key %q", key)
		case known != nil && !contains(known, key):
			p.fail(k.Index, sub, "unknown field %q (expected one of %s)", key, strings.Join(known, ", "))
		default:
			seen[key] = true
			fn(key, v, sub)
		}
		return true
	})
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func typeName(v gjson.Result) string {
	switch {
	case v.IsObject():
		return "an object"
	case v.IsArray():
		return "an array"
	case v.Type == gjson.String:
		return "a string"
	case v.Type == gjson.Number:
		return "a number"
	case v.Type == gjson.True || v.Type == gjson.False:
		return "a boolean"
	case v.Type == gjson.Null:
		return "null"
	}
	return "nothing"
}

// Parse parses a scenario file's content; path is used in errors.
func Parse(path string, data []byte) (*File, error) {
	p := &parser{path: path, data: data}
	if !utf8.Valid(data) {
		p.fail(0, "", "the file is not valid UTF-8")
		return nil, p.errs[0]
	}
	if !json.Valid(data) {
		off, msg := syntaxError(data)
		p.fail(off, "", "invalid JSON: %s", msg)
		return nil, p.errs[0]
	}
	// encoding/json accepts an unpaired \uD800 and gjson reads it as U+FFFD: a request value
	// holding one would silently become a valid value that a policy can match (probe P4; the
	// policy package refuses them too, L11.1).
	if off := jsonerr.LoneSurrogate(string(data)); off >= 0 {
		p.fail(off, "", "lone surrogate escape: not a Unicode character")
		return nil, p.errs[0]
	}
	root := gjson.ParseBytes(data)
	f := &File{Path: path}
	hasName, hasSource, hasRequests := false, false, false
	p.members(root, "", []string{"name", "source", "notes", "policies", "requests"}, func(key string, v gjson.Result, sub string) {
		switch key {
		case "name":
			f.Name, hasName = p.str(v, sub), true
		case "source":
			f.Source, hasSource = p.str(v, sub), true
		case "notes":
			if v.IsArray() {
				v.ForEach(func(_, n gjson.Result) bool { f.Notes = append(f.Notes, p.str(n, sub)); return true })
			} else {
				f.Notes = []string{p.str(v, sub)}
			}
		case "policies":
			p.policies(v, sub, &f.Set)
		case "requests":
			hasRequests = true
			p.requests(v, sub, f)
		}
	})
	if root.IsObject() {
		if !hasName {
			p.fail(root.Index, "name", "missing required field")
		}
		if !hasSource {
			p.fail(root.Index, "source", "missing required field")
		}
		if !hasRequests {
			p.fail(root.Index, "requests", "missing required field")
		}
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return f, nil
}

func (p *parser) str(v gjson.Result, path string) string {
	if v.Type != gjson.String {
		p.fail(v.Index, path, "expected a string, got %s", typeName(v))
		return ""
	}
	return v.Str
}

func (p *parser) policy(v gjson.Result, path string, kind policy.Kind) *policy.Policy {
	if !v.IsObject() {
		p.fail(v.Index, path, "expected a policy object, got %s", typeName(v))
		return nil
	}
	// The policy is parsed in place: every byte of the file outside it is blank (newlines stay),
	// so that its offsets, lines and columns are those of the scenario file.
	doc := append([]byte(nil), p.blankFile()...)
	copy(doc[v.Index:], v.Raw)
	pol, err := policy.Options{Name: p.path + "#" + path, Lenient: true, MaxBytes: -1}.Parse(doc)
	if err != nil {
		var list policy.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				if e.Severity != policy.SeverityError {
					continue
				}
				sub := path
				if e.Path != "" {
					sub += "." + e.Path
				}
				p.fail(e.Offset, sub, "%s", e.Msg)
			}
			return nil
		}
		p.fail(v.Index, path, "%v", err)
		return nil
	}
	return pol
}

func (p *parser) policies(v gjson.Result, path string, set *eval.PolicySet) {
	list := func(v gjson.Result, path string, kind policy.Kind) []*policy.Policy {
		if !v.IsArray() {
			p.fail(v.Index, path, "expected an array of policies, got %s", typeName(v))
			return nil
		}
		var out []*policy.Policy
		i := 0
		v.ForEach(func(_, e gjson.Result) bool {
			if pol := p.policy(e, fmt.Sprintf("%s[%d]", path, i), kind); pol != nil {
				out = append(out, pol)
			}
			i++
			return true
		})
		return out
	}
	levels := func(v gjson.Result, path string, kind policy.Kind) [][]*policy.Policy {
		if !v.IsArray() {
			p.fail(v.Index, path, "expected an array of levels (arrays of policies), got %s", typeName(v))
			return nil
		}
		var out [][]*policy.Policy
		i := 0
		v.ForEach(func(_, e gjson.Result) bool {
			out = append(out, list(e, fmt.Sprintf("%s[%d]", path, i), kind))
			i++
			return true
		})
		return out
	}
	p.members(v, path, []string{"identity", "resource", "boundary", "session", "scp", "rcp"}, func(key string, v gjson.Result, sub string) {
		switch key {
		case "identity":
			set.Identity = list(v, sub, policy.KindIdentity)
		case "resource":
			if v.Type != gjson.Null {
				set.Resource = p.policy(v, sub, policy.KindResource)
			}
		case "boundary":
			set.Boundary = list(v, sub, policy.KindBoundary)
		case "session":
			set.Session = list(v, sub, policy.KindSession)
		case "scp":
			set.SCP = levels(v, sub, policy.KindSCP)
		case "rcp":
			set.RCP = levels(v, sub, policy.KindRCP)
		}
	})
}

func (p *parser) requests(v gjson.Result, path string, f *File) {
	if !v.IsArray() {
		p.fail(v.Index, path, "expected an array of requests, got %s", typeName(v))
		return
	}
	i := 0
	v.ForEach(func(_, e gjson.Result) bool {
		sub := fmt.Sprintf("%s[%d]", path, i)
		r := Request{Index: i}
		r.Line, r.Col = p.pos(e.Index)
		have := map[string]bool{}
		p.members(e, sub, []string{"name", "principal", "action", "resource", "resourceAccount", "context", "expect"}, func(key string, v gjson.Result, sub string) {
			have[key] = true
			switch key {
			case "name":
				r.Name = p.str(v, sub)
			case "principal":
				r.Req.Principal = p.str(v, sub)
			case "action":
				r.Req.Action = p.str(v, sub)
			case "resource":
				r.Req.Resource = p.str(v, sub)
			case "resourceAccount":
				r.Req.ResourceAccount = p.str(v, sub)
			case "context":
				r.Req.Context = p.context(v, sub)
			case "expect":
				s := p.str(v, sub)
				d, ok := eval.ParseDecision(s)
				if !ok && s != "" {
					p.fail(v.Index, sub, "expected Allow, ExplicitDeny or ImplicitDeny, got %q", s)
				}
				r.Expect, r.HasExpect = d, ok
			}
		})
		if e.IsObject() {
			for _, req := range []string{"principal", "action", "resource"} {
				if !have[req] {
					p.fail(e.Index, sub+"."+req, "missing required field")
				}
			}
		}
		f.Requests = append(f.Requests, r)
		i++
		return true
	})
}

func (p *parser) context(v gjson.Result, path string) []condition.Entry {
	var out []condition.Entry
	p.members(v, path, nil, func(key string, v gjson.Result, sub string) {
		for _, have := range out {
			if strings.EqualFold(have.Key, key) {
				p.fail(v.Index, sub, "context key %q given twice (key names compare without case)", key)
				return
			}
		}
		ent := condition.Entry{Key: key, Values: []string{}}
		scalar := func(x gjson.Result) (string, bool) {
			switch x.Type {
			case gjson.String:
				return x.Str, true
			case gjson.Number, gjson.True, gjson.False:
				return x.Raw, true
			}
			p.fail(x.Index, sub, "expected a string, number or boolean, got %s", typeName(x))
			return "", false
		}
		if v.IsArray() {
			ent.Multi = true // a list is a multivalued key, even with one value (C5.15)
			v.ForEach(func(_, x gjson.Result) bool {
				if s, ok := scalar(x); ok {
					ent.Values = append(ent.Values, s)
				}
				return true
			})
		} else if s, ok := scalar(v); ok {
			ent.Values = append(ent.Values, s)
		}
		out = append(out, ent)
	})
	return out
}

// Result is the outcome of one scenario request.
type Result struct {
	File        *File
	Request     *Request
	Got         eval.Decision
	Explanation *eval.Explanation
	Pass        bool // Got equals the expectation (true when there is none)
}

// Run compiles f's policies and decides every request.
func Run(f *File, opts eval.Options) ([]Result, error) {
	ev, err := opts.Compile(f.Set)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	out := make([]Result, len(f.Requests))
	for i := range f.Requests {
		r := &f.Requests[i]
		got := ev.Decide(r.Req)
		x := ev.Explain(r.Req)
		if x.Decision != got {
			return nil, fmt.Errorf("%s: %s: Decide says %s but Explain says %s", f.Path, r.Label(), got, x.Decision)
		}
		out[i] = Result{File: f, Request: r, Got: got, Explanation: x, Pass: !r.HasExpect || got == r.Expect}
	}
	return out, nil
}
