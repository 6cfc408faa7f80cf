package policy

import (
	"errors"

	"github.com/iamgo/iam/condition"
)

// Building and editing trees in code. Built elements have zero spans (no location in Source);
// [Policy.Validate] checks a built or edited tree with every rule Parse runs, and [Marshal]
// refuses a tree that fails it.

// NewPolicy returns a policy with Version 2012-10-17 (G1.2) and the given statements, written as
// a Statement array (G1.4); each statement's Index is set to its place.
func NewPolicy(statements ...Statement) *Policy {
	p := &Policy{Version: Version2012, Statements: make([]Statement, 0, len(statements))}
	for _, s := range statements {
		p.AppendStatement(s)
	}
	return p
}

// AppendStatement adds s at the end of p.Statements with Index set to its place. The Statement
// element is written as an array from then on: SingleStatement is switched off once p has two
// statements, so that paths read "Statement[1].Sid" (G1.4).
func (p *Policy) AppendStatement(s Statement) {
	s.Index = len(p.Statements)
	p.Statements = append(p.Statements, s)
	if len(p.Statements) > 1 {
		p.SingleStatement = false
	}
}

// RemoveStatement removes statement i (panicking, like a slice index, when i is out of range)
// and renumbers the statements after it so that Index stays equal to the place in
// p.Statements. A policy parsed from a single statement object that loses its statement keeps
// SingleStatement, which takes effect again only with exactly one statement; with none, Marshal
// writes an empty array.
func (p *Policy) RemoveStatement(i int) {
	_ = p.Statements[i] // the bounds check of a slice index
	p.Statements = append(p.Statements[:i:i], p.Statements[i+1:]...)
	for j := i; j < len(p.Statements); j++ {
		p.Statements[j].Index = j
	}
}

// NewStrings returns a string-or-array element (G1.15) holding values: written as a bare string
// when there is exactly one value, as an array otherwise.
func NewStrings(values ...string) *Strings {
	ss := &Strings{Values: make([]String, len(values)), Array: len(values) != 1}
	for i, v := range values {
		ss.Values[i].Value = v
	}
	return ss
}

// NewStatement returns a statement with the given effect and Action (written as NewStrings
// does). Add the other elements with the With methods, which return a modified copy:
//
//	policy.NewStatement(policy.Allow, "s3:GetObject").WithResources("arn:aws:s3:::bucket/*")
func NewStatement(effect Effect, actions ...string) Statement {
	return Statement{Effect: effect, Action: NewStrings(actions...)}
}

// WithSid returns s with its Sid set (G1.5).
func (s Statement) WithSid(sid string) Statement {
	s.Sid = &String{Value: sid}
	return s
}

// WithNotActions returns s with NotAction set to actions and Action removed (G1.7, A2.6).
func (s Statement) WithNotActions(actions ...string) Statement {
	s.Action, s.NotAction = nil, NewStrings(actions...)
	return s
}

// WithResources returns s with Resource set to resources and NotResource removed (G1.8).
func (s Statement) WithResources(resources ...string) Statement {
	s.Resource, s.NotResource = NewStrings(resources...), nil
	return s
}

// WithNotResources returns s with NotResource set to resources and Resource removed (G1.8,
// R3.6).
func (s Statement) WithNotResources(resources ...string) Statement {
	s.Resource, s.NotResource = nil, NewStrings(resources...)
	return s
}

// WithPrincipal returns s with Principal set to p and NotPrincipal removed (G1.9).
func (s Statement) WithPrincipal(p *Principal) Statement {
	s.Principal, s.NotPrincipal = p, nil
	return s
}

// WithNotPrincipal returns s with NotPrincipal set to p and Principal removed (G1.9, P4.15).
func (s Statement) WithNotPrincipal(p *Principal) Statement {
	s.Principal, s.NotPrincipal = nil, p
	return s
}

// WithConditions returns s with conds appended to its conditions (in a new slice: s's own
// conditions are not modified).
func (s Statement) WithConditions(conds ...Condition) Statement {
	s.Conditions = append(s.Conditions[:len(s.Conditions):len(s.Conditions)], conds...)
	s.HasCondition = true
	return s
}

// PrincipalType names the four principal types of a Principal object (G1.9).
type PrincipalType uint8

// Principal types, in the order Marshal writes them.
const (
	PrincipalAWS           PrincipalType = iota // "AWS": accounts, users, roles, sessions (P4.1–P4.5)
	PrincipalService                            // "Service" (P4.6)
	PrincipalFederated                          // "Federated" (P4.7)
	PrincipalCanonicalUser                      // "CanonicalUser" (P4.8)
)

// String returns the element name: "AWS", "Service", "Federated" or "CanonicalUser".
func (t PrincipalType) String() string {
	if int(t) < len(principalNames) {
		return principalNames[t]
	}
	return "PrincipalType(" + itoa(int(t)) + ")"
}

// AnyPrincipal returns the bare "*" principal: everyone, anonymous callers included (P4.9).
func AnyPrincipal() *Principal { return &Principal{Wildcard: true} }

// NewPrincipal returns a principal object with one type holding values (written as NewStrings
// does); add other types with [Principal.With].
//
//	policy.NewPrincipal(policy.PrincipalAWS, "111122223333")
func NewPrincipal(typ PrincipalType, values ...string) *Principal {
	return (&Principal{}).With(typ, values...)
}

// With sets the values of one principal type of p (replacing any it had) and returns p.
func (p *Principal) With(typ PrincipalType, values ...string) *Principal {
	ss := NewStrings(values...)
	switch typ {
	case PrincipalAWS:
		p.AWS = ss
	case PrincipalService:
		p.Service = ss
	case PrincipalFederated:
		p.Federated = ss
	case PrincipalCanonicalUser:
		p.CanonicalUser = ss
	}
	return p
}

// NewCondition returns the condition operator: {key: values} (G1.10) with string values,
// written as a bare value when there is exactly one and as an array otherwise. It fails when
// operator is not an operator (G1.11, condition.ParseOp) or when its values cannot be read for
// it (L11.2, condition.Check), checked as under Version 2012-10-17 (policy variables expanded);
// [Policy.Validate] checks them again against the policy's own version. The error is a
// *condition.Error.
//
//	cond, err := policy.NewCondition("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")
func NewCondition(operator, key string, values ...string) (Condition, error) {
	op, err := condition.ParseOp(operator)
	if err != nil {
		return Condition{}, err
	}
	if err := condition.Check(op, key, values, true); err != nil {
		return Condition{}, err
	}
	c := Condition{Op: op, Key: String{Value: key}, Values: make([]Literal, len(values)), Array: len(values) != 1}
	for i, v := range values {
		c.Values[i] = Literal{Kind: LiteralString, Text: v}
	}
	return c, nil
}

// MustNewCondition is NewCondition for constants in tests and examples: it panics on error.
func MustNewCondition(operator, key string, values ...string) Condition {
	c, err := NewCondition(operator, key, values...)
	if err != nil {
		panic(errors.New("policy: MustNewCondition: " + err.Error()))
	}
	return c
}

// ValidAction returns nil when a is an action pattern a policy may hold, and otherwise an
// *[Error] with CodeAction saying why (G1.7, A2.4). It is the rule Parse and Validate apply
// to every Action and NotAction value: "*", or "service:name" with exactly one colon, a
// non-empty service prefix without wildcards, and "*" or "?" anywhere in the name. So "*:*",
// "s3*:Get*" and "iam" are not actions; Options.Lenient accepts a wildcard in the prefix as a
// warning, which the evaluator compares literally (A2.4).
func ValidAction(a string) error {
	if msg, _ := actionProblem(a); msg != "" {
		return &Error{Code: CodeAction, Offset: -1, Msg: msg}
	}
	return nil
}
