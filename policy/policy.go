package policy

import (
	"bytes"

	"github.com/iamgo/iam/condition"
)

// Version is the value of a policy's "Version" element (G1.2), and the only place a policy keeps
// it: Marshal writes Version.String(), and Policy.VersionSpan only says where the text was. The
// zero value, VersionAbsent, means the element was not written; like Version2008 it disables
// policy variables. No other value can come out of Parse, lenient or not: any other text, or a
// non-string, is a parse error (G1.2), and Validate rejects a tree holding a value outside the
// three constants.
type Version uint8

// The policy language versions IAM accepts (G1.2).
const (
	VersionAbsent Version = iota // no "Version" element: legacy semantics, variables are literal text
	Version2008                  // "2008-10-17": legacy semantics, variables are literal text
	Version2012                  // "2012-10-17": current semantics, policy variables are expanded
)

// String returns the version's JSON text: "2012-10-17" or "2008-10-17"; "" for VersionAbsent
// and for a value that is not a policy version.
func (v Version) String() string {
	switch v {
	case Version2008:
		return "2008-10-17"
	case Version2012:
		return "2012-10-17"
	}
	return ""
}

// Variables reports whether ${...} policy variables are expanded under this version (G1.2).
func (v Version) Variables() bool { return v == Version2012 }

// Effect is a statement's "Effect" (G1.6). The zero value is invalid and never grants anything.
type Effect uint8

// The two effects IAM knows (G1.6); element values are case-sensitive.
const (
	EffectInvalid Effect = iota // zero value: not a valid effect
	Allow                       // "Allow"
	Deny                        // "Deny"
)

// String returns "Allow", "Deny" or "Invalid".
func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	}
	return "Invalid"
}

// Kind selects the kind-specific validation rules of G1.13 and §11. The zero value, KindAny,
// applies only the rules every policy must obey.
type Kind uint8

// Policy kinds (G1.13).
const (
	KindAny      Kind = iota // kind-agnostic checks only
	KindIdentity             // identity-based policy attached to a user, group or role
	KindResource             // resource-based policy (bucket, key, queue, secret, ...)
	KindTrust                // role trust policy
	KindBoundary             // permissions boundary
	KindSession              // session policy passed to AssumeRole / GetFederationToken
	KindSCP                  // service control policy (AWS Organizations)
	KindRCP                  // resource control policy (AWS Organizations)
)

var kindNames = [...]string{"any", "identity", "resource", "trust", "boundary", "session", "scp", "rcp"}

// String returns the kind's lower-case name: any, identity, resource, trust, boundary, session,
// scp or rcp.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + itoa(int(k)) + ")"
}

// ParseKind is the inverse of [Kind.String]; ok is false for an unknown name.
func ParseKind(s string) (k Kind, ok bool) {
	for i, n := range kindNames {
		if s == n {
			return Kind(i), true
		}
	}
	return KindAny, false
}

// Span locates an element in [Policy.Source]: Offset is the byte offset of its first byte and Len
// its length in bytes. For a key/value member the span covers the value; the zero Span means "no
// location" (hand-built policies).
type Span struct{ Offset, Len int }

// End returns the offset just past the span.
func (s Span) End() int { return s.Offset + s.Len }

// Position is a 1-based line and column. Columns count bytes, as go/token does.
type Position struct{ Line, Col int }

// Policy is a parsed IAM policy document. It is a plain value: parsed policies are not mutated by
// this package, and may be shared read-only between goroutines.
//
// A policy can also be built in code ([NewPolicy], [NewStatement], [NewStrings], [NewCondition])
// or edited after parsing ([Policy.AppendStatement], [Policy.RemoveStatement], or the fields
// themselves); [Policy.Validate] then runs on it every rule Parse runs. Spans always refer to
// Source: they are zero for built elements, and an element edited in place keeps the span of
// the text it was parsed from. Findings about an element without a span carry its path and no
// line:column ([Error]).
//
// String values in the AST are substrings of one copy of the document, so the whole document
// stays alive as long as any of them does (at IAM sizes this costs nothing worth avoiding).
type Policy struct {
	Name            string      // set by the caller (file name, policy name); not part of the JSON
	Version         Version     // "Version"; VersionAbsent when not written (Marshal then writes none)
	VersionSpan     Span        // span of the Version string, quotes included; zero when absent or built
	ID              *String     // "Id"; nil when absent
	Statements      []Statement // in source order
	SingleStatement bool        // "Statement" was one object, not an array (honoured only with exactly one statement)
	Span            Span        // the whole document object
	Source          []byte      // the parsed document (for positions); nil for hand-built policies
	// Warnings holds the warnings of the Parse that produced the policy (those Options.Lenient
	// turns errors into and, when Options.Kind is set, those of Check for that kind), sorted by
	// offset; nil when there were none. Nothing else sets it: call Check for the advisory
	// warnings of a kind, or of KindAny.
	Warnings ErrorList
}

// Position returns the 1-based line and column of a byte offset in p.Source. Offsets outside the
// source are clamped; a policy without Source yields line 1 and column offset+1.
func (p *Policy) Position(offset int) Position {
	return position(p.Source, offset)
}

func position(src []byte, offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if src == nil {
		return Position{Line: 1, Col: offset + 1}
	}
	if offset > len(src) {
		offset = len(src)
	}
	head := src[:offset]
	line := 1 + bytes.Count(head, []byte{'\n'})
	col := offset - (bytes.LastIndexByte(head, '\n') + 1) + 1
	return Position{Line: line, Col: col}
}

// Statement is one element of the "Statement" array (or the single statement object).
type Statement struct {
	Index         int         // position in Policy.Statements (0 for a single object); kept dense by NewPolicy, AppendStatement, RemoveStatement
	Sid           *String     // nil when absent
	Effect        Effect      // EffectInvalid only in hand-built policies
	EffectSpan    Span        // span of the Effect value
	Principal     *Principal  // nil when absent
	NotPrincipal  *Principal  // nil when absent
	Action        *Strings    // nil when absent
	NotAction     *Strings    // nil when absent
	Resource      *Strings    // nil when absent
	NotResource   *Strings    // nil when absent
	Conditions    []Condition // flat, in source order; Marshal regroups them by Op
	ConditionSpan Span        // span of the Condition object, zero if absent
	HasCondition  bool        // "Condition" present (even if {})
	Span          Span        // the statement object
}

// Path returns the statement's JSON path: "Statement[2]" (from s.Index), or "Statement" when
// the policy's Statement element is a single object (SingleStatement with exactly one
// statement, the form Marshal writes).
func (s *Statement) Path(p *Policy) string {
	if p.single() {
		return "Statement"
	}
	return "Statement[" + itoa(s.Index) + "]"
}

// single reports whether the Statement element is written as one object: SingleStatement is
// set and there is exactly one statement.
func (p *Policy) single() bool { return p != nil && p.SingleStatement && len(p.Statements) == 1 }

// String is a JSON string value with its location.
type String struct {
	Value string // unescaped text
	Span  Span   // span of the JSON string, quotes included
}

// Strings is an element that takes a string or an array of strings (G1.15).
type Strings struct {
	Values []String // the strings, in source order
	Array  bool     // false: written as a bare string (Marshal keeps the form)
	Span   Span     // span of the whole value
}

// Principal is the value of a Principal or NotPrincipal element (G1.9): either the bare "*"
// (Wildcard) or an object with up to four principal types.
type Principal struct {
	Wildcard      bool     // the bare "*" form
	AWS           *Strings // nil when absent
	Service       *Strings // nil when absent
	Federated     *Strings // nil when absent
	CanonicalUser *Strings // nil when absent
	Span          Span     // span of the value
}

// LiteralKind says how a condition value was written in JSON.
type LiteralKind uint8

// Kinds of condition values (G1.10).
const (
	LiteralString LiteralKind = iota // a JSON string
	LiteralNumber                    // a JSON number, kept as written
	LiteralBool                      // true or false
)

// String returns "string", "number" or "bool".
func (k LiteralKind) String() string {
	switch k {
	case LiteralNumber:
		return "number"
	case LiteralBool:
		return "bool"
	}
	return "string"
}

// Literal is one condition value. Text is the unescaped string, or the exact JSON text of a number
// or boolean (never converted through float64).
type Literal struct {
	Kind LiteralKind
	Text string
	Span Span
}

// Condition is one operator/key pair of a statement's Condition block (G1.10).
type Condition struct {
	Op     condition.Op // the operator, e.g. ForAnyValue:StringLike; Marshal writes Op.String()
	OpSpan Span         // span of the operator name (its JSON key); zero for built conditions
	Key    String       // the condition key as written
	Values []Literal    // one or more values
	Array  bool         // values written as an array
	Span   Span         // span of the value (or array of values)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
