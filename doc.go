// Package iam answers, offline and in well under a microsecond, the question
// AWS answers on every API call: is this request allowed by these IAM
// policies?
//
// The library is split into small packages, each with one job; imports only
// point down the list:
//
//   - [github.com/iamgo/iam/arn]: ARNs (parse, validate, principal helpers)
//     and every AWS wildcard-matching rule (actions, Resource elements,
//     ArnLike, StringLike), each compiled once and matched without allocating.
//   - [github.com/iamgo/iam/condition]: every condition operator, the
//     ForAllValues:/ForAnyValue: qualifiers, ...IfExists and policy variables.
//   - [github.com/iamgo/iam/policy]: the typed policy AST, the strict JSON
//     parser with positioned errors, kind-specific validation and Marshal.
//   - [github.com/iamgo/iam/eval]: the decision engine. Compile a policy set
//     once, then Decide many requests concurrently; Explain says why.
//   - [github.com/iamgo/iam/eval/scenario]: the scenario-file format shared by
//     the reference corpus and the iamcheck test command.
//   - [github.com/iamgo/iam/catalog]: AWS's services, actions, resource types and
//     condition keys, embedded (eval does not import it).
//   - [github.com/iamgo/iam/lint]: IAM Access Analyzer's policy checks, offline.
//   - [github.com/iamgo/iam/account]: whole accounts from
//     get-account-authorization-details exports: can, who-can, what-can,
//     who-can-become.
//   - [github.com/iamgo/iam/compare]: does a policy change grant new access? With
//     witness requests.
//   - [github.com/iamgo/iam/escalate]: privilege-escalation paths, each step
//     decided by the engine.
//
// The rules every package cites (G1.6, C5.0, X8.3, ...) are defined in the
// repository's SEMANTICS.md.
//
// A short tour:
//
//	p, err := policy.Parse(data)            // typed AST, positioned errors
//	ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
//	d := ev.Decide(eval.Request{
//		Principal: "arn:aws:iam::111122223333:user/alice",
//		Action:    "s3:GetObject",
//		Resource:  "arn:aws:s3:::bucket/key.txt",
//		// S3 ARNs carry no account: without this the request is judged
//		// cross-account, which fails closed (SEMANTICS X8.3).
//		ResourceAccount: "111122223333",
//	})
//	fmt.Println(d) // Allow, ExplicitDeny or ImplicitDeny
//
// The command-line tool cmd/iamcheck evaluates, validates and tests policies
// from the shell.
package iam
