package policy

import (
	"fmt"
	"sort"
)

// Severity says whether a finding rejects the policy (SeverityError) or is advice (SeverityWarning).
type Severity uint8

// Severities.
const (
	SeverityError   Severity = iota // the policy is rejected
	SeverityWarning                 // the policy is accepted; the finding is advice
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// ErrorCode identifies the rule an [Error] reports. Codes are stable and greppable.
type ErrorCode string

// Error codes. The comment names the rule each one enforces.
const (
	// Document level.
	CodeTooLarge       ErrorCode = "too-large"          // document larger than Options.MaxBytes (R19)
	CodeTooDeep        ErrorCode = "too-deep"           // nesting deeper than Options.MaxDepth (R19)
	CodeInvalidUTF8    ErrorCode = "invalid-utf8"       // invalid UTF-8 or a lone surrogate escape (L11.1)
	CodeSyntax         ErrorCode = "syntax"             // not valid JSON, or trailing data (L11.1)
	CodeNotObject      ErrorCode = "not-object"         // the top level is not an object (G1.1)
	CodeUnknownElement ErrorCode = "unknown-element"    // unknown or mis-cased element name (G1.12)
	CodeDuplicateKey   ErrorCode = "duplicate-key"      // a key repeated in one object (G1.14)
	CodeType           ErrorCode = "type"               // wrong JSON type for an element
	CodeMissing        ErrorCode = "missing"            // a required element is absent
	CodeVersion        ErrorCode = "version"            // Version other than the two dates (G1.2)
	CodeEffect         ErrorCode = "effect"             // Effect not exactly Allow or Deny (G1.6)
	CodeActionConflict ErrorCode = "action-conflict"    // both Action and NotAction (G1.7)
	CodeResConflict    ErrorCode = "resource-conflict"  // both Resource and NotResource (G1.8)
	CodePrinConflict   ErrorCode = "principal-conflict" // both Principal and NotPrincipal (G1.9)
	CodeAction         ErrorCode = "action"             // malformed action (G1.7, A2.4)
	CodeResource       ErrorCode = "resource"           // malformed resource (G1.8, R3.3, R3.7, R3.9)
	CodePrincipal      ErrorCode = "principal"          // malformed principal (G1.9, P4.10)
	CodeOperator       ErrorCode = "operator"           // unknown condition operator (G1.11)
	CodeConditionValue ErrorCode = "condition-value"    // condition value unreadable for its operator (L11.2)
	CodeEmptyArray     ErrorCode = "empty-array"        // empty array (G1.16): error in Not* elements, warning elsewhere
	CodeEmpty          ErrorCode = "empty"              // an element with nothing in it (empty Statement array, {} Principal, operator without keys)
	CodeTooManyErrors  ErrorCode = "too-many-errors"    // the error list was truncated

	// Kind-specific and advisory rules (Check).
	CodeSid              ErrorCode = "sid"               // Sid not alphanumeric (G1.5)
	CodeDuplicateSid     ErrorCode = "duplicate-sid"     // Sid repeated in one policy (G1.5)
	CodePrincipalKind    ErrorCode = "principal-kind"    // Principal/NotPrincipal present or absent against the kind's rules (G1.9, G1.13)
	CodeResourceRequired ErrorCode = "resource-required" // no Resource/NotResource where the kind needs one (G1.8)
	CodeNotPrincipal     ErrorCode = "not-principal"     // NotPrincipal with Allow (G1.9)
	CodeRCP              ErrorCode = "rcp"               // resource control policy grammar (L11.7)
	CodeCharset          ErrorCode = "charset"           // character outside TAB, LF, CR, U+0020–U+00FF (G1.17)
	CodeSize             ErrorCode = "size"              // over the policy kind's size limit (L11.4)
	CodePartition        ErrorCode = "partition"         // unknown ARN partition (warning)
	CodeID               ErrorCode = "id"                // Id in an identity-type policy (G1.3, warning)
	CodePublic           ErrorCode = "public"            // Principal "*" with Allow (L11.3, warning)
	CodeNotElement       ErrorCode = "not-element"       // NotAction/NotResource with Allow (L11.3, warning)
)

// Error is one finding about a policy: where (File, Path, Offset, Line, Col) and what (Code, Msg).
//
// Findings about elements built or edited in code, which have no location in [Policy.Source]
// (a zero [Span]), have Offset -1 and Line and Col 0: the path alone says where they are.
type Error struct {
	Code     ErrorCode
	Severity Severity
	File     string // Options.Name or Policy.Name of the policy, "" when it has none
	Path     string // JSON path, e.g. "Statement[2].Condition.StringLike.s3:prefix[0]"; "" for the document
	Offset   int    // byte offset in the document; -1 for an element without a location
	Line     int    // 1-based line of Offset; 0 when unknown
	Col      int    // 1-based byte column of Offset; 0 when unknown
	Msg      string // what was expected, lower case, no final period
}

// Error formats the finding as go/scanner does: "FILE:LINE:COL: PATH: message", with "policy: "
// in place of "FILE:" when File is empty ("policy: LINE:COL: PATH: message"). The PATH part is
// left out for the document itself and the LINE:COL part for an element without a location
// ("alice.json: Statement[1].Effect: ..."). Warnings say "warning: " before the message.
func (e *Error) Error() string {
	b := make([]byte, 0, 32+len(e.File)+len(e.Path)+len(e.Msg))
	if e.File != "" {
		b = append(b, e.File...)
		if e.Line > 0 {
			b = fmt.Appendf(b, ":%d:%d", e.Line, e.Col)
		}
		b = append(b, ": "...)
	} else {
		b = append(b, "policy: "...)
		if e.Line > 0 {
			b = fmt.Appendf(b, "%d:%d: ", e.Line, e.Col)
		}
	}
	if e.Path != "" {
		b = append(b, e.Path...)
		b = append(b, ": "...)
	}
	if e.Severity == SeverityWarning {
		b = append(b, "warning: "...)
	}
	b = append(b, e.Msg...)
	return string(b)
}

// maxErrors caps an ErrorList.
const maxErrors = 100

// ErrorList is a list of findings sorted by offset (findings about elements without a location,
// built in code, first, in the order they were found) and capped at 100 entries. It implements
// error; [ErrorList.Err] returns nil when it holds only warnings.
type ErrorList []*Error

// Error returns the first finding followed by "(and N more)" when there are others.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "policy: no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// Unwrap returns the findings, so that errors.As finds a *Error.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns l as an error if it holds at least one SeverityError finding, nil otherwise.
func (l ErrorList) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// HasErrors reports whether l holds at least one SeverityError finding.
func (l ErrorList) HasErrors() bool {
	for _, e := range l {
		if e.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Warnings returns the SeverityWarning findings.
func (l ErrorList) Warnings() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == SeverityWarning {
			out = append(out, e)
		}
	}
	return out
}

// finish sorts l by offset (stable: findings at one offset keep their order; findings without a
// location come first, in the order they were found), caps it, fills in Line and Col from src
// (0 for an offset of -1) and sets File to name.
func (l ErrorList) finish(src []byte, name string) ErrorList {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Offset < l[j].Offset })
	if len(l) > maxErrors {
		last := l[maxErrors-1]
		l = l[:maxErrors]
		l[maxErrors-1] = &Error{Code: CodeTooManyErrors, Offset: last.Offset, Path: last.Path, Msg: "too many errors"}
	}
	for _, e := range l {
		e.File = name
		if e.Offset < 0 {
			e.Offset, e.Line, e.Col = -1, 0, 0
			continue
		}
		pos := position(src, e.Offset)
		e.Line, e.Col = pos.Line, pos.Col
	}
	return l
}
