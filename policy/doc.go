// Package policy parses IAM JSON policy documents into a typed syntax tree, validates them the way
// AWS does, and writes them back.
//
// # Grammar
//
// A policy is one JSON object with the elements Version, Id and Statement (G1.1). Statement is one
// statement object or an array of them (G1.4); [Policy.SingleStatement] remembers which. A statement
// has Sid, Effect, Principal or NotPrincipal, Action or NotAction, Resource or NotResource, and
// Condition. Element names are case-sensitive (G1.12). Action, Resource and the principal types
// take a string or an array of strings ([Strings.Array] remembers which, G1.15). Condition maps
// operators to keys to one value or an array of values; strings, numbers and booleans are all
// accepted and numbers and booleans keep their exact text ([Literal], G1.10).
//
// Every element records its [Span] (byte offset and length) in [Policy.Source], so errors and
// explanations can point at it; [Policy.Position] turns an offset into a line and column.
//
// # Validation
//
// [Parse] and [Options.Parse] reject, with an [Error] naming the JSON path, the line:column and what
// was expected (L11.1, L11.2): documents over the size limit or nested too deeply, invalid UTF-8
// (including lone surrogate escapes), invalid JSON or trailing data, a top level that is not an
// object, unknown or mis-cased elements, duplicate keys in any object (G1.14), an unknown Version,
// a missing Statement, an Effect other than exactly Allow or Deny, both or neither of
// Action/NotAction, both Resource and NotResource, both Principal and NotPrincipal, wrong JSON
// types, actions without exactly one colon or with a wildcard in the service prefix, resources that
// are neither "*" nor an ARN or that have a wildcard in the service segment (R3.3) or a policy
// variable before the resource part (R3.7), principals with partial wildcards (P4.10) or
// "Service": "*", unknown condition operators (G1.11) and condition values their operator cannot
// read (checked by [condition.Check], which reports [condition.Compile]'s errors), and empty
// NotAction, NotResource or NotPrincipal arrays, which would match everything (G1.16).
//
// Rules that depend on the kind of policy (identity, resource, trust, boundary, session, SCP, RCP)
// are applied by [Policy.Check], or by Options.Parse when [Options.Kind] is set: see Check.
// With the zero Kind (KindAny) no kind rule is enforced, which is what an evaluator wants: a
// resource-policy statement without a principal is well formed, it simply never matches.
//
// Errors name the file when [Options.Name] (or Policy.Name) is set, as go/scanner does:
// "alice.json:20:17: Statement[2].Effect: ...". A successful Parse keeps its warnings in
// Policy.Warnings.
//
// # Building, editing and validating
//
// Trees can be built in code ([NewPolicy], [NewStatement] and its With methods, [NewStrings],
// [NewPrincipal], [NewCondition]) and edited ([Policy.AppendStatement], [Policy.RemoveStatement]
// keep Statement.Index and the single-statement shape right). Every fact has one home: a
// condition's operator is Condition.Op, which Marshal writes. [Policy.Validate] and
// [Options.Validate] run on any tree every rule Parse runs, sharing its rule functions, so that
// Parse(Marshal(t)) fails exactly when t.Validate() does, with the same codes and paths;
// [ValidAction] is the action rule on its own. Spans refer to Source and are zero for built
// elements; findings about those carry the path and no line:column. eval.Compile validates the
// trees it is given the same way (leniently).
//
// # Inspecting and matching
//
// [Policy.All], [Strings.All] and [Principal.All] are nil-safe iterators; [Inspect] walks every
// element with its JSON path and span, as go/ast.Inspect does. [Strings.MatchAction],
// [Strings.MatchResource], [Principal.Matches] and [Principal.IsPublic] answer questions about
// one element without compiling an evaluator.
//
// # Writing
//
// [Marshal] writes a policy back in canonical key order while keeping the input's shapes, so that
// Parse(Marshal(p)) equals p apart from spans and Source; it refuses a tree Validate rejects.
// [MarshalOptions] writes leniently parsed trees, and with KeepLayout keeps a parsed document's
// own key order and indentation, so that an edit in place is a one-line diff. [MarshalStatement]
// and [MarshalConditions] write one element.
//
// # Implementation notes
//
// Parse (parse.go) checks the size and UTF-8 first, then one pass without recursion (scan.go,
// scanJSON) validates the JSON syntax and nesting depth, accepting exactly what
// encoding/json.Valid accepts, and writes a tape: one entry per value and key with its extent,
// the end of its subtree, its kind and whether it has escapes. The walker (walker.go: paths,
// findings, member lookup; elements.go: one reader per element) then reads members off the tape
// as small nodes (node.go) with plain loops, never rescanning bytes and never building paths
// from data; github.com/tidwall/gjson only unescapes strings that hold escapes. The rules of
// actions, resources, principals and conditions are plain functions of the values (rules.go),
// shared by the walker and by Validate (validate.go), which checks trees however they were made.
// Tapes are reused through a sync.Pool. Strings in the tree are substrings of one copy of the
// input; small parts of the tree are carved from per-document slabs. Kind rules are in check.go,
// writing in marshal.go and layout.go, building in build.go, iteration in iter.go, matching on
// AST values in match.go.
package policy
