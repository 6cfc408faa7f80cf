package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

const evalUsage = `Usage: iamcheck eval [flags]

Decides one request against the policies given and prints the decision and why: the
statements that applied (FILE:LINE:COL, JSON path, Sid), the policy kind that failed to
allow, and the context keys the conditions needed but the request lacked. Policies are
validated with the rules of their kind first: errors stop (exit 2), warnings go to
standard error.

Policies (each FILE may be "-" for standard input, once):
  --identity FILE          identity-based policy of the principal (repeat for the user's and its groups')
  --resource-policy FILE   resource-based policy of the resource (bucket, key, queue, secret policy...)
  --trust-policy FILE      a role trust policy, used as the resource policy (for sts:AssumeRole...)
  --boundary FILE          permissions boundary of the principal (repeatable)
  --session-policy FILE    session policy passed when the session was created (repeatable)
  --scp FILE[,FILE...]     service control policies of one organization level, root first (repeat per level)
  --rcp FILE[,FILE...]     resource control policies of one level for the resource's account (repeat per level)

Request:
  --principal ARN          the caller: a user, role, assumed-role session, federated user or root ARN,
                           a service principal (s3.amazonaws.com), federated:PROVIDER, or anonymous (required)
  --action SERVICE:ACTION  the action, such as s3:GetObject (required)
  --resource ARN           the resource ARN, or * (required)
  --resource-account ID    the account that owns the resource; without it the ARN's account is used,
                           and when the ARN has none (S3) the request is decided as cross-account
  --context KEY=VALUE      a request context key (repeatable); KEY=V1,V2 or a repeated KEY makes a
                           multivalued key; key names compare without case, and a key repeated
                           with other letter case is refused
  --now TIME               the request time (RFC 3339) for aws:CurrentTime and aws:EpochTime when
                           --context does not give them; the clock is never read otherwise

Output:
  --json                   write the decision as JSON (schema: go doc github.com/iamgo/iam/cmd/iamcheck)

Exit status: 0 Allow, 1 ExplicitDeny or ImplicitDeny, 2 bad input.

Example:
  iamcheck eval --identity examples/s3-groups/policies/alice.json \
    --principal arn:aws:iam::111122223333:user/alice --action s3:GetObject \
    --resource arn:aws:s3:::example-bucket/reports/q1.csv --resource-account 111122223333
`

// evalFlags holds the command line of iamcheck eval.
type evalFlags struct {
	identity, boundary, session, scp, rcp, context listFlag
	resourcePolicy, trustPolicy                    string
	principal, action, resource, resourceAccount   string
	now                                            string
	json                                           bool
}

func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f evalFlags
	fs := newFlags("eval")
	fs.Var(&f.identity, "identity", "")
	fs.StringVar(&f.resourcePolicy, "resource-policy", "", "")
	fs.StringVar(&f.trustPolicy, "trust-policy", "", "")
	fs.Var(&f.boundary, "boundary", "")
	fs.Var(&f.session, "session-policy", "")
	fs.Var(&f.scp, "scp", "")
	fs.Var(&f.rcp, "rcp", "")
	fs.StringVar(&f.principal, "principal", "", "")
	fs.StringVar(&f.action, "action", "", "")
	fs.StringVar(&f.resource, "resource", "", "")
	fs.StringVar(&f.resourceAccount, "resource-account", "", "")
	fs.Var(&f.context, "context", "")
	fs.StringVar(&f.now, "now", "", "")
	fs.BoolVar(&f.json, "json", false, "")
	pos, help, err := parseFlags(fs, args)
	asJSON := f.json || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, evalUsage)
		return exitOK
	}
	if err != nil {
		return fail(&usageError{err.Error()}, "eval", asJSON, stdout, stderr)
	}
	if len(pos) > 0 {
		return fail(&usageError{fmt.Sprintf("unexpected argument %q (policies are given with --identity and the other policy flags)", pos[0])}, "eval", asJSON, stdout, stderr)
	}
	ev, req, warns, err := f.build(stdin)
	if err != nil {
		return fail(err, "eval", asJSON, stdout, stderr)
	}
	x := ev.Explain(req)
	if asJSON {
		out := explanationJSON(x)
		out.Warnings = append(out.Warnings, warns...)
		writeJSON(stdout, out)
	} else {
		for _, w := range warns {
			fmt.Fprintln(stderr, w.String())
		}
		fmt.Fprint(stdout, x.String())
	}
	if x.Decision == eval.Allow {
		return exitOK
	}
	return exitFail
}

// hasJSONFlag reports whether --json appears among args, so that even a usage error is
// reported as JSON when the caller asked for JSON.
func hasJSONFlag(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--json" || a == "-json" || a == "--json=true" || a == "-json=true" {
			return true
		}
	}
	return false
}

// build reads the policies, compiles them and assembles the request.
func (f *evalFlags) build(stdin io.Reader) (*eval.Evaluator, eval.Request, []finding, error) {
	var req eval.Request
	var missing []string
	for _, m := range []struct{ name, val string }{
		{"--principal", f.principal}, {"--action", f.action}, {"--resource", f.resource},
	} {
		if m.val == "" {
			missing = append(missing, m.name)
		}
	}
	if len(missing) > 0 {
		return nil, req, nil, &usageError{"missing " + strings.Join(missing, ", ")}
	}
	if f.resourcePolicy != "" && f.trustPolicy != "" {
		return nil, req, nil, &usageError{"give --resource-policy or --trust-policy, not both (a role's trust policy is its resource policy)"}
	}
	l := loader{stdin: stdin}
	var set eval.PolicySet
	set.Identity = l.each(f.identity, policy.KindIdentity)
	switch {
	case f.resourcePolicy != "":
		set.Resource = l.one(f.resourcePolicy, policy.KindResource)
	case f.trustPolicy != "":
		set.Resource = l.one(f.trustPolicy, policy.KindTrust)
	}
	set.Boundary = l.each(f.boundary, policy.KindBoundary)
	set.Session = l.each(f.session, policy.KindSession)
	set.SCP = l.levels(f.scp, policy.KindSCP)
	set.RCP = l.levels(f.rcp, policy.KindRCP)

	ctx, err := parseContext(f.context)
	if err != nil {
		l.add(finding{File: "--context", Severity: "error", Code: "usage", Message: err.Error()})
	}
	var opts eval.Options
	if f.now != "" {
		t, err := time.Parse(time.RFC3339Nano, f.now)
		if err != nil {
			l.add(finding{File: "--now", Severity: "error", Code: "usage", Message: fmt.Sprintf("expected an RFC 3339 time such as 2026-12-01T10:00:00Z, got %q", f.now)})
		}
		opts.Now = func() time.Time { return t }
	}
	if len(l.errs) > 0 {
		return nil, req, nil, &inputError{l.errs}
	}
	ev, err := opts.Compile(set)
	if err != nil {
		return nil, req, nil, &inputError{compileFindings(err)}
	}
	req = eval.Request{
		Principal:       f.principal,
		Action:          f.action,
		Resource:        f.resource,
		ResourceAccount: f.resourceAccount,
		Context:         ctx,
	}
	return ev, req, l.warns, nil
}

// compileFindings locates a compile error, or the *eval.CompileError it wraps (compare's
// "compare: old: ..."), in its policy file.
func compileFindings(err error) []finding {
	var ce *eval.CompileError
	if errors.As(err, &ce) {
		return []finding{{
			File: ce.PolicyName, Line: ce.Position.Line, Column: ce.Position.Col, Path: ce.Path,
			Severity: "error", Code: "compile", Message: ce.Err.Error(),
		}}
	}
	return []finding{{File: "iamcheck", Severity: "error", Code: "compile", Message: err.Error()}}
}

// loader reads inputs (standard input at most once) and parses policy files, collecting every
// problem instead of stopping at the first.
type loader struct {
	stdin     io.Reader
	stdinUsed bool
	errs      []finding
	warns     []finding // validation warnings of policies that parsed
}

func (l *loader) add(f ...finding) { l.errs = append(l.errs, f...) }

// read reads file name, or standard input for "-" (once), through readInput with limit; nil on
// failure (recorded).
func (l *loader) read(name string, limit int64) []byte {
	if name == "-" {
		if l.stdinUsed {
			l.add(finding{File: "<stdin>", Severity: "error", Code: "usage", Message: "standard input can be read only once"})
			return nil
		}
		l.stdinUsed = true
	}
	data, err := readInput(name, l.stdin, limit)
	if err != nil {
		l.add(readErrorFinding(name, err))
		return nil
	}
	return data
}

// one reads and parses one policy file with the rules of kind; nil on failure (recorded).
func (l *loader) one(name string, kind policy.Kind) *policy.Policy {
	data := l.read(name, maxPolicyBytes)
	if data == nil {
		return nil
	}
	p, err := policy.Options{Name: displayName(name), Kind: kind}.Parse(data)
	if err != nil {
		l.add(policyFindings(displayName(name), err)...)
		return nil
	}
	if ws := p.Check(kind).Warnings(); len(ws) > 0 {
		l.warns = append(l.warns, policyFindings(displayName(name), ws)...)
	}
	return p
}

func (l *loader) each(names []string, kind policy.Kind) []*policy.Policy {
	var out []*policy.Policy
	for _, n := range names {
		if p := l.one(n, kind); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// levels reads organization levels: each entry is one level, its files separated by commas.
func (l *loader) levels(entries []string, kind policy.Kind) [][]*policy.Policy {
	var out [][]*policy.Policy
	for _, e := range entries {
		out = append(out, l.each(strings.Split(e, ","), kind))
	}
	return out
}

// parseContext reads --context KEY=VALUE flags (condition.ParseEntries): KEY=V1,V2 and repeated
// keys make multivalued keys, a key repeated with other letter case is an error (C5.2); KEY= is
// a key with one empty value.
func parseContext(flags []string) ([]condition.Entry, error) {
	return condition.ParseEntries(flags)
}

// explanationOut is the --json schema of iamcheck eval.
type explanationOut struct {
	Decision    string     `json:"decision"`
	Reason      string     `json:"reason"`
	FailedLayer string     `json:"failedLayer"`
	Matched     []matchOut `json:"matched"`
	MissingKeys []string   `json:"missingKeys"`
	Notes       []string   `json:"notes"`
	Warnings    []finding  `json:"warnings"` // validation warnings of the policies given
}

type matchOut struct {
	Kind      string `json:"kind"`
	Level     int    `json:"level"`
	Policy    string `json:"policy"`
	Sid       string `json:"sid"`
	Statement int    `json:"statement"`
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Effect    string `json:"effect"`
	Strength  string `json:"strength"`
	Condition string `json:"condition"`
}

func explanationJSON(x *eval.Explanation) explanationOut {
	out := explanationOut{
		Decision:    x.Decision.String(),
		Reason:      x.Reason,
		FailedLayer: x.FailedLayer,
		Matched:     matchesOut(x.Matched),
		MissingKeys: append([]string{}, x.MissingKeys...),
		Notes:       append([]string{}, x.Notes...),
		Warnings:    []finding{},
	}
	return out
}

// matchesOut converts matched statements to the --json schema ([] when there are none).
func matchesOut(ms []eval.Match) []matchOut {
	out := []matchOut{}
	for _, m := range ms {
		out = append(out, matchOut{
			Kind: m.Kind.String(), Level: m.Level, Policy: m.PolicyName, Sid: m.Sid, Statement: m.StatementIndex,
			Path: m.Path, Line: m.Position.Line, Column: m.Position.Col, Effect: m.Effect.String(),
			Strength: m.Strength, Condition: m.Condition,
		})
	}
	return out
}
