// Package condition compiles the Condition element of IAM policies and evaluates it against a
// request's context.
//
// Every documented operator family is supported (String, Numeric, Date, Bool, BinaryEquals,
// IpAddress, Arn, Null), with the ...IfExists suffix and the ForAllValues:/ForAnyValue: set
// qualifiers, and policy variables (${aws:username}, ${aws:PrincipalTag/team, 'default'},
// ${*} ${?} ${$}) in the values of the operators that take them. A condition compiles once into
// an immutable value; evaluation never allocates.
//
// Results are three-valued (SEMANTICS C5.0): True, False, or Unknown when a value cannot be read
// for its operator. An Allow statement applies only on True; a Deny applies on True or Unknown,
// so doubt never grants access. Request values are read the same way (2026-12): a request value
// the operator cannot read is Unknown for positive and negated operators alike; an operator
// without a set qualifier on a key with several values (or none, or marked Multi) is False only
// where both ForAnyValue and ForAllValues of it are false, otherwise Unknown (C5.15); a key marked
// Entry.Unknown makes every condition on it Unknown; and Context.Budget bounds the work.
//
// # Files
//
//   - op.go: operator names, qualifiers and IfExists (ParseOp).
//   - condition.go: compiling one operator/key pair and its values (Compile, Check).
//   - values.go: reading values per family (decimals, dates, addresses, booleans, base64), each
//     fast reader with its slow twin in the tests.
//   - eval.go: evaluating a condition against a request context, three-valued.
//   - fast.go: the short readings Eval's common case takes (IPv4 networks, civil dates, plain
//     and prefix strings), prepared at compile time.
//   - block.go: a Condition element (Block) and the missing-key report (MissingSet).
//   - context.go, variables.go: the request context and policy variables.
package condition
