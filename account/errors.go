package account

import (
	"fmt"
	"sort"
	"strings"
)

// ErrorCode identifies the kind of problem an [Error] reports. Codes are stable and greppable.
type ErrorCode string

// Error codes.
const (
	CodeTooLarge   ErrorCode = "too-large"    // a file over Options.MaxBytes
	CodeTooDeep    ErrorCode = "too-deep"     // JSON nested deeper than maxDepth
	CodeUTF8       ErrorCode = "invalid-utf8" // invalid UTF-8
	CodeSyntax     ErrorCode = "syntax"       // not valid JSON
	CodeType       ErrorCode = "type"         // a member of the wrong JSON type
	CodeMissing    ErrorCode = "missing"      // a required member is absent
	CodeDuplicate  ErrorCode = "duplicate"    // a key repeated in one object, or an entity given twice
	CodeValue      ErrorCode = "value"        // a member whose value is malformed (ARN, date, account id)
	CodePolicy     ErrorCode = "policy"       // a policy document that does not parse
	CodeReference  ErrorCode = "reference"    // a reference to something that does not exist (group, policy id)
	CodeTruncated  ErrorCode = "truncated"    // a paginated export whose last page is missing
	CodeConflict   ErrorCode = "conflict"     // two inputs that disagree (an account in two OUs, ...)
	CodeTooMany    ErrorCode = "too-many-errors"
	maxErrorsShown           = 100
)

// Error is one problem with an input file: where (File, Path, Line, Col) and what (Code, Msg).
// Line and Col are 1-based; Col counts bytes. For a policy document written as a JSON string
// (or a URL-encoded one) the position is that of the string, and Inner gives the position
// inside the decoded document.
type Error struct {
	File   string
	Path   string // JSON path, such as RoleDetailList[3].AssumeRolePolicyDocument
	Offset int    // byte offset in the file
	Line   int
	Col    int
	Code   ErrorCode
	Msg    string
	// Inner is the position inside a decoded policy document written as a string ("" when the
	// document was a JSON object, whose positions are the file's own).
	Inner string
}

// Error formats the problem as "account: FILE:LINE:COL: PATH: message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("account: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.Inner != "" {
		b.WriteString("(in the decoded document at ")
		b.WriteString(e.Inner)
		b.WriteString(") ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found while loading, sorted by file and offset and capped at
// 100 entries. It implements error; errors.As finds the *Error members.
type ErrorList []*Error

// Error returns the first problem, and how many others there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "account: no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// Unwrap returns the members, so that errors.As finds an *Error.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func (l ErrorList) sorted() ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Offset < l[j].Offset
	})
	if len(l) > maxErrorsShown {
		more := len(l) - maxErrorsShown
		l = append(l[:maxErrorsShown:maxErrorsShown], &Error{File: l[maxErrorsShown].File, Code: CodeTooMany,
			Msg: fmt.Sprintf("%d more errors not shown", more)})
	}
	return l
}

// lines maps byte offsets of one file to 1-based line and column; it is built once per file,
// only when an error is reported.
type lines struct {
	starts []int
}

func newLines(data []byte) *lines {
	l := &lines{starts: []int{0}}
	for i, b := range data {
		if b == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

func (l *lines) pos(off int) (line, col int) {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - l.starts[i] + 1
}
