package condition

import (
	"fmt"
	"strings"
)

// Operator is a condition operator family member, without qualifier or IfExists.
type Operator uint8

// The operators, in the order of the IAM user guide.
const (
	StringEquals Operator = iota + 1
	StringNotEquals
	StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase
	StringLike
	StringNotLike
	NumericEquals
	NumericNotEquals
	NumericLessThan
	NumericLessThanEquals
	NumericGreaterThan
	NumericGreaterThanEquals
	DateEquals
	DateNotEquals
	DateLessThan
	DateLessThanEquals
	DateGreaterThan
	DateGreaterThanEquals
	Bool
	BinaryEquals
	IpAddress
	NotIpAddress
	ArnEquals
	ArnLike
	ArnNotEquals
	ArnNotLike
	Null
	numOperators
)

var operatorNames = [numOperators]string{"",
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
}

// String returns the operator's name as written in policies.
func (o Operator) String() string {
	if o == 0 || o >= numOperators {
		return fmt.Sprintf("Operator(%d)", uint8(o))
	}
	return operatorNames[o]
}

// Negated reports whether o is a negated operator (StringNotEquals, NotIpAddress, ArnNotLike,
// ...): it holds when the request value matches none of the policy values (C5.1) and holds for
// a missing key (C5.4).
func (o Operator) Negated() bool {
	switch o {
	case StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike, NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals, ArnNotLike:
		return true
	}
	return false
}

// Variables reports whether policy variables may appear in the operator's values (V6.4, C5.16).
func (o Operator) Variables() bool {
	switch o {
	case StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
		ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Bool:
		return true
	}
	return false
}

// Qualifier is a set qualifier for multivalued keys (C5.14).
type Qualifier uint8

const (
	// NoQualifier: the operator applies to the key's value(s) directly.
	NoQualifier Qualifier = iota
	// ForAnyValue: at least one request value must satisfy the operator.
	ForAnyValue
	// ForAllValues: every request value must satisfy the operator (vacuously true when none).
	ForAllValues
)

// String returns "", "ForAnyValue" or "ForAllValues".
func (q Qualifier) String() string {
	switch q {
	case ForAnyValue:
		return "ForAnyValue"
	case ForAllValues:
		return "ForAllValues"
	}
	return ""
}

// Op is a complete operator as written in a policy: qualifier, operator and IfExists.
type Op struct {
	Operator  Operator
	Qualifier Qualifier
	IfExists  bool
}

// String returns the canonical spelling, which ParseOp reads back.
func (o Op) String() string {
	s := o.Operator.String()
	if o.IfExists {
		s += "IfExists"
	}
	if o.Qualifier != NoQualifier {
		s = o.Qualifier.String() + ":" + s
	}
	return s
}

// ParseOp reads an operator name such as "StringLike", "ForAnyValue:StringEqualsIgnoreCase" or
// "ArnNotLikeIfExists". Names are case-sensitive (G1.11). Null takes neither IfExists nor a
// qualifier (C5.13, C5.14), and BinaryEquals takes no qualifier (C5.16).
func ParseOp(name string) (Op, error) {
	var op Op
	rest := name
	switch {
	case strings.HasPrefix(rest, "ForAnyValue:"):
		op.Qualifier, rest = ForAnyValue, rest[len("ForAnyValue:"):]
	case strings.HasPrefix(rest, "ForAllValues:"):
		op.Qualifier, rest = ForAllValues, rest[len("ForAllValues:"):]
	}
	base := rest
	if b, ok := strings.CutSuffix(rest, "IfExists"); ok {
		op.IfExists, base = true, b
	}
	for o := Operator(1); o < numOperators; o++ {
		if operatorNames[o] == base {
			op.Operator = o
		}
	}
	if op.Operator == 0 {
		hint := ""
		for o := Operator(1); o < numOperators; o++ {
			if strings.EqualFold(operatorNames[o], base) {
				hint = fmt.Sprintf(" (operator names are case-sensitive: did you mean %q?)", operatorNames[o])
			}
		}
		return Op{}, &Error{Code: CodeUnknownOperator, ValueIndex: -1, Msg: fmt.Sprintf("unknown condition operator %q%s", name, hint)}
	}
	if op.Operator == Null && op.IfExists {
		return Op{}, &Error{Code: CodeUnknownOperator, ValueIndex: -1, Msg: "NullIfExists is not an operator: Null already tests whether the key exists"}
	}
	if op.Operator == Null && op.Qualifier != NoQualifier {
		return Op{}, &Error{Code: CodeUnknownOperator, ValueIndex: -1, Msg: fmt.Sprintf("%s:Null is not an operator: Null takes no set qualifier", op.Qualifier)}
	}
	if op.Operator == BinaryEquals && op.Qualifier != NoQualifier {
		return Op{}, &Error{Code: CodeUnknownOperator, ValueIndex: -1, Msg: fmt.Sprintf("%s:BinaryEquals is not supported: BinaryEquals takes no set qualifier", op.Qualifier)}
	}
	return op, nil
}

// ErrorCode classifies an *Error, as policy.ErrorCode classifies a policy finding.
type ErrorCode string

// Error codes of *Error.
const (
	CodeUnknownOperator ErrorCode = "unknown-operator"
	CodeBadValue        ErrorCode = "bad-value"
	CodeBadVariable     ErrorCode = "bad-variable"
	CodeNoValues        ErrorCode = "no-values"
	CodeBadKey          ErrorCode = "bad-key"
)

// Error is a compile error. The policy package adds the JSON path and position.
type Error struct {
	Code       ErrorCode // one of the Code constants
	ValueIndex int       // index of the offending value, or -1 when about the operator or key
	Msg        string    // what was expected
}

// Error implements error.
func (e *Error) Error() string {
	if e.ValueIndex >= 0 {
		return fmt.Sprintf("condition: value %d: %s", e.ValueIndex, e.Msg)
	}
	return "condition: " + e.Msg
}
