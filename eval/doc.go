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
//     (Request.Validate, Limits), with the action, resource and principal rules.
//   - checkcontext.go: the context checks (keys AWS always fills, duplicates, derived keys that
//     must agree with the principal and the resource).
//   - quickcheck.go: the fast request check Decide runs, accepting the usual shapes in one pass
//     per field and leaving anything else to the full checks.
//   - compile.go, slabs.go, index.go, actionset.go, principal.go: compiling policies into
//     groups of statements (each group's actions, resources, conditions and strings carved from
//     shared slabs), the per-group statement index, the per-statement action sets and filters,
//     compiled Principal elements.
//   - assemble.go: compiled parts (Part) and evaluators assembled from them (Assemble).
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
//
// # When the request is checked
//
// A request is checked for its size limits before anything else (a hostile one costs a bounded
// time). The rest of the checks can only turn an Allow or an ExplicitDeny into an ImplicitDeny,
// so Decide runs them after the scan, and only for those answers; Explain runs them first, to
// say why. The scan proves part of them on the way: an action equal to a well-formed plain
// action of a statement (stmt.exactOK), and a resource matched by entries whose literal prefix
// holds a well-formed ARN head (stmt.resOK, resHead), need no further check; the checks skip
// what is proven (Limits.quickProven). Decisions the verdicts settle (a Deny; no Allow for a
// caller other than root) return before the facts of combine are worked out (settled).
package eval
