// Package eval decides whether a request is allowed by a set of IAM policies, following AWS's
// documented evaluation logic: explicit denies first, then resource control policies, service
// control policies, resource-based policies, identity-based policies, permissions boundaries and
// session policies, and the default deny (SEMANTICS E7.4), with the cross-account rule that both
// sides must allow (X8.1).
//
// Policies are compiled once with [Compile] into an [Evaluator], which is immutable and safe for
// concurrent use. [Evaluator.Decide] answers one request without allocating; [Evaluator.Explain]
// answers the same question with the reasons: every statement that matched, which policy kind
// failed to allow, and the context keys the conditions needed but the request lacked.
//
// # Files
//
// The package is filed by concern, in the order a request meets it:
//
//   - request.go, validate.go: the request and decision types; the request checks and limits
//     (Request.Validate, Limits).
//   - compile.go, index.go, actionset.go, principal.go: compiling policies into groups of
//     statements, the per-group statement index, the per-statement action sets and filters,
//     compiled Principal elements.
//   - decide.go: Decide and Explain; the decision's prologue (request checks, caller, resource
//     account) and gather, which scans every applicable policy kind.
//   - scan.go: one policy kind's statements for one request: the three scan strategies (one
//     statement; a small group behind a 64-bit action filter; an indexed group by action,
//     service and resource prefix) and the per-statement check.
//   - caller.go: the request's principal, classified without allocating.
//   - derive.go: the context keys AWS derives from the request, in pooled scratch space.
//   - combine.go: the decision procedure proper, a pure function of the gathered verdicts.
//   - service.go: service rules that hold whatever the policies say.
//   - explain.go, session.go, text.go: explanations, role sessions, byte-level helpers.
package eval
