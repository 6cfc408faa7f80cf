// Command iamcheck evaluates, validates and tests AWS IAM policies offline.
//
// Install it with
//
//	go install github.com/iamgo/iam/cmd/iamcheck@latest
//
// # Commands
//
//	iamcheck eval     decide one request against identity, resource, boundary, session, SCP and RCP policies
//	iamcheck validate check policy documents as IAM Access Analyzer does, offline: FILE:LINE:COL: SEVERITY CODE: message
//	iamcheck test     run scenario files (reference decisions) and report every mismatch
//	iamcheck actions  list the actions that Action patterns, or a policy, grant (from the embedded AWS catalog)
//	iamcheck compare  does a new policy allow any request the old one does not? (with witness requests)
//	iamcheck check-not-granted  does a policy grant any of these actions on any of these resources?
//	iamcheck check-public       does a resource policy allow callers outside the account, or anonymous ones?
//	iamcheck can, who-can, what-can, who-can-become
//	                  questions about whole accounts loaded from get-account-authorization-details
//	                  exports (see account.go and go doc github.com/iamgo/iam/account)
//	iamcheck escalate privilege-escalation paths over such exports (see escalate.go and go doc
//	                  github.com/iamgo/iam/escalate)
//
// Run "iamcheck COMMAND --help" for the flags of each command. Flags may come before, after
// or between file arguments; "-" names standard input.
//
// # Input size
//
// No input is read past its size limit plus one byte, whatever it is (a pipe or /dev/zero has
// no size): a policy document, from a file or standard input, may have policy.DefaultMaxBytes
// (1 MiB), the parser's limit; a scenario file scenario.MaxFileBytes (16 MiB). A longer input
// is refused with FILE: larger than the limit of N bytes, code "too-large": eval and validate
// exit 2, as for an unreadable file, and so does test for standard input; a scenario file
// found on disk counts, like any file that does not load, as one failure (exit 1).
//
// # Exit codes
//
//	eval      0 Allow, 1 ExplicitDeny or ImplicitDeny, 2 bad input (usage, unreadable or invalid policy)
//	validate  0 no ERROR finding (--fail-on-security-warning: nor SECURITY_WARNING), 1 some, 2 usage error or unreadable file
//	          (with --lint=false: 0 every file valid, warnings allowed, 1 some file invalid)
//	actions   0 some action granted, 1 none, 2 usage error or bad input
//	test      0 every request passed, 1 a request failed, a scenario file did not load or none was
//	          found, 2 usage error or unreadable standard input
//	compare, check-not-granted, check-public
//	          0 PASS, 1 FAIL (witnesses printed), 2 bad input, 3 UNKNOWN
//	can       0 Allow, 1 ExplicitDeny, ImplicitDeny or uncertain, 2 bad input (unknown principal included)
//	who-can, what-can, who-can-become, escalate
//	          0 answered, 2 bad input (an unreadable or malformed export, an unknown principal)
//
// Account exports, organization and resource-policy files may have account.DefaultMaxBytes
// (256 MiB) each.
//
// # JSON output
//
// With --json, each command writes one JSON object to standard output (and nothing to standard
// error). Positions are 1-based; columns count bytes.
//
// eval:
//
//	{"decision": "Allow|ExplicitDeny|ImplicitDeny",
//	 "reason": "allowed|explicit-deny|no-allow|...",        // eval.Explanation.Reason
//	 "failedLayer": "identity|resource|boundary|session|scp level N|rcp level N|",
//	 "matched": [{"kind": "identity", "level": 0, "policy": "FILE", "sid": "", "statement": 0,
//	              "path": "Statement[0]", "line": 3, "column": 5, "effect": "Allow",
//	              "strength": "direct|entity|delegation|", "condition": "true|unknown"}],
//	 "missingKeys": ["aws:SourceIp"], "notes": ["..."],
//	 "warnings": [ERROR...]}                                // validation warnings of the policies
//
// On bad input eval, validate and test write {"errors": [ERROR...]} and exit 2, where
//
//	ERROR = {"file": "FILE", "line": 1, "column": 1, "path": "Statement[0].Effect",
//	         "severity": "error|warning", "code": "effect", "message": "..."}
//
// (line, column, path, code are omitted when unknown).
//
// validate:
//
//	{"files": [{"file": "FILE", "valid": true, "findings": [FINDING...]}], "valid": 1, "invalid": 0}
//
// where FINDING = {"file": "FILE", "code": "INVALID_ACTION", "severity": "ERROR|SECURITY_WARNING|WARNING|SUGGESTION",
// "path": "Statement[0].Action[1]", "line": 5, "col": 16, "message": "..."}; with --lint=false the
// findings are ERROR objects instead.
//
// actions:
//
//	{"catalog": "2026-09-26", "count": 63, "unknownServices": false,
//	 "services": [{"prefix": "s3", "name": "Amazon S3", "unknownActions": false,
//	               "actions": [{"name": "s3:GetObject", "level": "Read", "description": "Grants permission to ..."}]}]}
//
// compare, check-not-granted, check-public:
//
//	{"verdict": "PASS|FAIL|UNKNOWN", "reason": "...", "incomplete": ["..."], "requests": 57, "elapsedMs": 3.2,
//	 "witnesses": [{"principal": "...", "action": "...", "resource": "...", "resourceAccount": "...",
//	                "context": [{"key": "aws:SourceIp", "values": ["203.0.112.0"], "multi": false}],
//	                "new": "Allow", "old": "ImplicitDeny", "oldReason": "no-allow",
//	                "identityAllowsAll": false, "reverse": false,
//	                "command": "iamcheck eval ...", "commandExact": true,
//	                "statements": [MATCH...], "oldStatements": [MATCH...]}],
//	 "warnings": [ERROR...]}
//
// where MATCH is an element of eval's "matched" list.
//
// test:
//
//	{"results": [{"file": "FILE", "line": 12, "column": 5, "scenario": "NAME", "request": "LABEL",
//	              "expected": "Allow", "actual": "Allow", "pass": true, "reason": "allowed",
//	              "explanation": "..."}],
//	 "errors": [ERROR...], "passed": 10, "failed": 0}
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes shared by the commands.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

const mainUsage = `iamcheck evaluates, validates and tests AWS IAM policies offline.

Usage:

  iamcheck eval     [flags]           decide one request (exit 0 Allow, 1 deny, 2 bad input)
  iamcheck validate [flags] FILE...   check policy documents (exit 0 valid, 1 invalid, 2 usage)
  iamcheck test     [flags] PATH...   run scenario files (exit 0 all pass, 1 any failure, 2 usage)
  iamcheck actions  [flags] PATTERN...  list the actions patterns or a policy (--policy) grant
  iamcheck compare  [flags] OLD NEW   does NEW allow anything OLD does not? (exit 0 PASS, 1 FAIL, 3 UNKNOWN)
  iamcheck check-not-granted --action A --resource R FILE   does FILE grant any of it? (same codes)
  iamcheck check-public --resource-type T FILE              is the resource public? (same codes)

Whole accounts (--account FILE... from aws iam get-account-authorization-details):

  iamcheck can            [flags]     one request for a principal of the accounts (exit 0 Allow, 1 not, 2 bad input)
  iamcheck who-can        [flags]     every principal allowed an action on a resource (exit 0, 2 bad input)
  iamcheck what-can       [flags]     the actions a principal is allowed (exit 0, 2 bad input)
  iamcheck who-can-become [flags]     who can end up as a role, and by which chain (exit 0, 2 bad input)
  iamcheck escalate       [flags]     who can become admin-equivalent, and how, step by step (exit 0, 2 bad input)

Run "iamcheck COMMAND --help" for a command's flags.
`

// run is the whole program: it reads args (without the program name) and the three streams
// and returns the exit code. It never panics; an internal error is reported and exits 2.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "iamcheck: internal error: %v (please report it)\n", r)
			code = exitUsage
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return exitUsage
	}
	switch args[0] {
	case "eval":
		return runEval(args[1:], stdin, stdout, stderr)
	case "validate":
		return runValidate(args[1:], stdin, stdout, stderr)
	case "test":
		return runTest(args[1:], stdin, stdout, stderr)
	case "actions":
		return runActions(args[1:], stdin, stdout, stderr)
	case "compare":
		return runCompare(args[1:], stdin, stdout, stderr)
	case "check-not-granted":
		return runNotGranted(args[1:], stdin, stdout, stderr)
	case "check-public":
		return runPublic(args[1:], stdin, stdout, stderr)
	case "can", "who-can", "what-can", "who-can-become":
		return runAccount(args[0], args[1:], stdin, stdout, stderr)
	case "escalate":
		return runEscalate(args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, mainUsage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "iamcheck: unknown command %q\n\n%s", args[0], mainUsage)
		return exitUsage
	}
}
