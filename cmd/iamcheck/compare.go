package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iamgo/iam/compare"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// exitUnknown is the exit code of compare, check-not-granted and check-public when the search
// could not decide.
const exitUnknown = 3

const compareUsage = `Usage: iamcheck compare [flags] OLD NEW

Reports whether NEW allows any request that OLD does not. Every FAIL comes with witness
requests, each decided Allow by NEW and not by OLD, printed as "iamcheck eval" command lines
you can paste (bash), with the statements of NEW that allowed them. UNKNOWN says why the search
could not decide (a construct not modelled exactly, or a bound reached); it never means PASS.

Flags:
  --kind KIND          identity (default when no statement names a Principal), resource (default
                       otherwise), or scp (the files are SCPs; callers' identity policies allow everything)
  --account ID         account of the identity, or of the resource (default 111122223333)
  --max-witnesses N    witnesses to print (default 3)
  --timeout DURATION   give up (UNKNOWN) after this long (default 10s)
  --json               write the result as JSON (schema: go doc github.com/iamgo/iam/cmd/iamcheck)

Exit status: 0 PASS, 1 FAIL, 2 bad input, 3 UNKNOWN.
`

const notGrantedUsage = `Usage: iamcheck check-not-granted [flags] FILE

Reports whether the policy in FILE allows any of the actions on any of the resources, as IAM
Access Analyzer's CheckAccessNotGranted does: with actions only, on any resource; with
resources only, any action; with both, at least one action on at least one resource. PASS
means it grants none of it; FAIL prints a witness request. A policy with a Principal is read
as a resource policy, otherwise as an identity policy.

Flags:
  --action PATTERN     an action or pattern (repeatable; commas separate several)
  --resource PATTERN   a resource ARN or pattern (repeatable)
  --account ID, --max-witnesses N, --timeout DURATION, --json   as for compare

Exit status: 0 PASS, 1 FAIL, 2 bad input, 3 UNKNOWN.
`

const publicUsage = `Usage: iamcheck check-public --resource-type TYPE [flags] FILE

Reports whether the resource policy in FILE allows a caller outside every account it names, or
an anonymous caller, any action of the resource's service. Such a caller has none of the values
the policy names for aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn,
aws:SourceAccount, aws:SourceArn, aws:SourceOwner, aws:SourceVpc, aws:SourceVpce,
aws:SourceIp, aws:VpcSourceIp and aws:userid; any other key may take any value.

Flags:
  --resource-type TYPE   AWS::S3::Bucket, s3:bucket or a service prefix such as s3 (required)
  --account ID, --max-witnesses N, --timeout DURATION, --json   as for compare

Exit status: 0 PASS (not public), 1 FAIL (public, with a witness), 2 bad input, 3 UNKNOWN.
`

// cmpFlags are the flags the three commands share.
type cmpFlags struct {
	account   string
	witnesses int
	timeout   time.Duration
	json      bool
}

func (c *cmpFlags) register(fs interface {
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
	DurationVar(*time.Duration, string, time.Duration, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.StringVar(&c.account, "account", "", "")
	fs.IntVar(&c.witnesses, "max-witnesses", 3, "")
	fs.DurationVar(&c.timeout, "timeout", 10*time.Second, "")
	fs.BoolVar(&c.json, "json", false, "")
}

func (c *cmpFlags) options() compare.Options {
	return compare.Options{Account: c.account, MaxWitnesses: c.witnesses, Timeout: c.timeout}
}

func runCompare(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var c cmpFlags
	var kind string
	fs := newFlags("compare")
	c.register(fs)
	fs.StringVar(&kind, "kind", "", "")
	pos, help, err := parseFlags(fs, args)
	asJSON := c.json || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, compareUsage)
		return exitOK
	}
	if err == nil && len(pos) != 2 {
		err = fmt.Errorf("expected two files, OLD and NEW; got %d", len(pos))
	}
	if err == nil && kind != "" && kind != "identity" && kind != "resource" && kind != "scp" {
		err = fmt.Errorf("--kind: expected identity, resource or scp, got %q", kind)
	}
	if err != nil {
		return fail(&usageError{err.Error()}, "compare", asJSON, stdout, stderr)
	}
	l := loader{stdin: stdin}
	pk := policy.KindAny
	switch kind {
	case "identity":
		pk = policy.KindIdentity
	case "resource":
		pk = policy.KindResource
	case "scp":
		pk = policy.KindSCP
	}
	old, new := l.one(pos[0], pk), l.one(pos[1], pk)
	if len(l.errs) > 0 {
		return fail(&inputError{l.errs}, "compare", asJSON, stdout, stderr)
	}
	if kind == "" {
		kind = "identity"
		if hasPrincipal(old) || hasPrincipal(new) {
			kind = "resource"
		}
	}
	o := c.options()
	var r compare.Result
	var cmd witnessCmd
	switch kind {
	case "identity":
		r, err = o.NoNewAccess(old, new)
		cmd = witnessCmd{flag: "--identity", file: pos[1]}
	case "resource":
		r, err = o.NoNewAccessResource(old, new)
		cmd = witnessCmd{flag: "--resource-policy", file: pos[1]}
	case "scp":
		all := []*policy.Policy{allowAllPolicy()}
		r, err = o.NoNewAccessSet(eval.PolicySet{Identity: all, SCP: [][]*policy.Policy{{old}}}, eval.PolicySet{Identity: all, SCP: [][]*policy.Policy{{new}}})
		cmd = witnessCmd{flag: "--scp", file: pos[1], allowAll: true}
	}
	if err != nil {
		return fail(&inputError{compileFindings(err)}, "compare", asJSON, stdout, stderr)
	}
	return report(r, cmd.with(compareWords), l.warns, asJSON, stdout, stderr)
}

func runNotGranted(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var c cmpFlags
	var actions, resources listFlag
	fs := newFlags("check-not-granted")
	c.register(fs)
	fs.Var(&actions, "action", "")
	fs.Var(&resources, "resource", "")
	pos, help, err := parseFlags(fs, args)
	asJSON := c.json || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, notGrantedUsage)
		return exitOK
	}
	if err == nil && len(pos) != 1 {
		err = fmt.Errorf("expected one policy file, got %d", len(pos))
	}
	if err == nil && len(actions) == 0 && len(resources) == 0 {
		err = fmt.Errorf("give --action, --resource or both")
	}
	if err != nil {
		return fail(&usageError{err.Error()}, "check-not-granted", asJSON, stdout, stderr)
	}
	l := loader{stdin: stdin}
	p := l.one(pos[0], policy.KindAny)
	if len(l.errs) > 0 {
		return fail(&inputError{l.errs}, "check-not-granted", asJSON, stdout, stderr)
	}
	r, err := c.options().AccessNotGranted(p, splitList(actions), splitList(resources))
	if err != nil {
		return fail(&inputError{compileFindings(err)}, "check-not-granted", asJSON, stdout, stderr)
	}
	cmd := witnessCmd{flag: "--identity", file: pos[0]}
	if hasPrincipal(p) {
		cmd.flag = "--resource-policy"
	}
	return report(r, cmd.with(notGrantedWords), l.warns, asJSON, stdout, stderr)
}

func runPublic(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var c cmpFlags
	var rtype string
	fs := newFlags("check-public")
	c.register(fs)
	fs.StringVar(&rtype, "resource-type", "", "")
	pos, help, err := parseFlags(fs, args)
	asJSON := c.json || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, publicUsage)
		return exitOK
	}
	if err == nil && len(pos) != 1 {
		err = fmt.Errorf("expected one policy file, got %d", len(pos))
	}
	if err == nil && rtype == "" {
		err = fmt.Errorf("missing --resource-type")
	}
	if err != nil {
		return fail(&usageError{err.Error()}, "check-public", asJSON, stdout, stderr)
	}
	l := loader{stdin: stdin}
	p := l.one(pos[0], policy.KindResource)
	if len(l.errs) > 0 {
		return fail(&inputError{l.errs}, "check-public", asJSON, stdout, stderr)
	}
	r, err := c.options().NoPublicAccess(p, rtype)
	if err != nil {
		return fail(&inputError{compileFindings(err)}, "check-public", asJSON, stdout, stderr)
	}
	return report(r, witnessCmd{flag: "--resource-policy", file: pos[0]}.with(publicWords), l.warns, asJSON, stdout, stderr)
}

func splitList(l listFlag) []string {
	var out []string
	for _, v := range l {
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

func hasPrincipal(p *policy.Policy) bool {
	if p == nil {
		return false
	}
	for i := range p.Statements {
		if p.Statements[i].Principal != nil || p.Statements[i].NotPrincipal != nil {
			return true
		}
	}
	return false
}

const allowAllText = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func allowAllPolicy() *policy.Policy {
	p, err := policy.Options{Name: "<identity policy allowing everything>"}.Parse([]byte(allowAllText))
	if err != nil {
		panic(err)
	}
	return p
}

// witnessCmd says how a witness is replayed with iamcheck eval.
type witnessCmd struct {
	flag, file string
	allowAll   bool // the caller's identity policies allow everything
	// pass and fail word the verdict for the command.
	pass, fail string
}

var (
	compareWords = witnessCmd{pass: "no request is allowed by the new policy and not by the old",
		fail: "witness request(s) allowed by the new policy and not by the old"}
	notGrantedWords = witnessCmd{pass: "the policy grants none of these actions on these resources",
		fail: "witness request(s) the policy allows among these actions and resources"}
	publicWords = witnessCmd{pass: "no caller outside the account, nor an anonymous one, is allowed",
		fail: "witness request(s) by a caller outside the account or anonymous that the policy allows"}
)

func (c witnessCmd) with(words witnessCmd) witnessCmd {
	c.pass, c.fail = words.pass, words.fail
	return c
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// line renders w as an iamcheck eval command line. exact is false when eval's flags cannot
// carry the request exactly (a value with a comma, an empty or one-element multivalued key).
func (c witnessCmd) line(w compare.Witness) (cmd string, exact bool) {
	exact = true
	parts := []string{"iamcheck", "eval", c.flag, shellQuote(c.file)}
	if c.allowAll || w.IdentityAllowsAll {
		parts = append(parts, "--identity", "<(echo "+shellQuote(allowAllText)+")")
	}
	r := w.Request
	parts = append(parts, "--principal", shellQuote(r.Principal), "--action", shellQuote(r.Action), "--resource", shellQuote(r.Resource))
	if r.ResourceAccount != "" {
		parts = append(parts, "--resource-account", shellQuote(r.ResourceAccount))
	}
	for _, e := range r.Context {
		if len(e.Values) == 0 || e.Multi && len(e.Values) == 1 {
			exact = false
		}
		for _, v := range e.Values {
			if strings.Contains(v, ",") {
				exact = false
			}
		}
		parts = append(parts, "--context", shellQuote(e.Key+"="+strings.Join(e.Values, ",")))
	}
	return strings.Join(parts, " "), exact
}

type compareOut struct {
	Verdict    string       `json:"verdict"`
	Reason     string       `json:"reason,omitempty"`
	Incomplete []string     `json:"incomplete"`
	Requests   int          `json:"requests"`
	ElapsedMS  float64      `json:"elapsedMs"`
	Witnesses  []witnessOut `json:"witnesses"`
	Warnings   []finding    `json:"warnings"`
}

type witnessOut struct {
	Principal         string       `json:"principal"`
	Action            string       `json:"action"`
	Resource          string       `json:"resource"`
	ResourceAccount   string       `json:"resourceAccount,omitempty"`
	Context           []contextOut `json:"context"`
	New               string       `json:"new"`
	Old               string       `json:"old"`
	OldReason         string       `json:"oldReason"`
	IdentityAllowsAll bool         `json:"identityAllowsAll"`
	Reverse           bool         `json:"reverse"`
	Command           string       `json:"command"`
	CommandExact      bool         `json:"commandExact"`
	Statements        []matchOut   `json:"statements"`
	OldStatements     []matchOut   `json:"oldStatements"`
}

type contextOut struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
	Multi  bool     `json:"multi,omitempty"`
}

// report prints r and returns the exit code.
func report(r compare.Result, c witnessCmd, warns []finding, asJSON bool, stdout, stderr io.Writer) int {
	code := exitOK
	switch r.Verdict {
	case compare.Fail:
		code = exitFail
	case compare.Unknown:
		code = exitUnknown
	}
	if asJSON {
		out := compareOut{Verdict: r.Verdict.String(), Reason: r.Reason, Incomplete: append([]string{}, r.Incomplete...),
			Requests: r.Requests, ElapsedMS: float64(r.Elapsed.Microseconds()) / 1000, Witnesses: []witnessOut{}, Warnings: append([]finding{}, warns...)}
		for _, w := range r.Witnesses {
			line, exact := c.line(w)
			wo := witnessOut{Principal: w.Request.Principal, Action: w.Request.Action, Resource: w.Request.Resource,
				ResourceAccount: w.Request.ResourceAccount, Context: []contextOut{}, New: w.New.String(), Old: w.Old.String(),
				OldReason: w.OldReason, IdentityAllowsAll: w.IdentityAllowsAll, Reverse: w.Reverse, Command: line, CommandExact: exact,
				Statements: matchesOut(w.Statements), OldStatements: matchesOut(w.OldStatements)}
			for _, e := range w.Request.Context {
				wo.Context = append(wo.Context, contextOut{Key: e.Key, Values: append([]string{}, e.Values...), Multi: e.Multi})
			}
			out.Witnesses = append(out.Witnesses, wo)
		}
		writeJSON(stdout, out)
		return code
	}
	for _, w := range warns {
		fmt.Fprintln(stderr, w.String())
	}
	switch r.Verdict {
	case compare.Pass:
		fmt.Fprintf(stdout, "PASS: %s (%d requests decided, %s)\n", c.pass, r.Requests, r.Elapsed.Round(time.Millisecond))
	case compare.Unknown:
		fmt.Fprintf(stdout, "UNKNOWN: %s\n", r.Reason)
		for i, s := range r.Incomplete {
			if i == 0 {
				continue // the first is r.Reason
			}
			fmt.Fprintf(stdout, "  also: %s\n", s)
		}
	case compare.Fail:
		fmt.Fprintf(stdout, "FAIL: %d %s:\n", len(r.Witnesses), c.fail)
		for _, w := range r.Witnesses {
			line, exact := c.line(w)
			fmt.Fprintf(stdout, "\n  %s\n", line)
			if !exact {
				fmt.Fprintln(stdout, "    (approximate: eval's --context cannot carry an empty or one-element multivalued key, or a comma in a value)")
			}
			fmt.Fprintf(stdout, "    new: %s, old: %s (%s)\n", w.New, w.Old, w.OldReason)
			for _, m := range w.Statements {
				fmt.Fprintf(stdout, "    allowed by %s:%d:%d %s%s\n", m.PolicyName, m.Position.Line, m.Position.Col, m.Path, sidText(m.Sid))
			}
			for _, m := range w.OldStatements {
				fmt.Fprintf(stdout, "    old side: %s %s:%d:%d %s%s\n", m.Effect, m.PolicyName, m.Position.Line, m.Position.Col, m.Path, sidText(m.Sid))
			}
		}
	}
	return code
}

func sidText(sid string) string {
	if sid == "" {
		return ""
	}
	return " Sid " + sid
}
