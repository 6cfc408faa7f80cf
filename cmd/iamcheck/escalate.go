package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iamgo/iam/account"
	"github.com/iamgo/iam/escalate"
	"github.com/iamgo/iam/eval"
)

const escalateUsage = `Usage: iamcheck escalate --account FILE... [--org FILE] [--now TIME] [flags]

Finds who can make themselves more powerful than intended: the admin-equivalent principals
(allowed everything, or able to grant themselves everything), and for every other principal
that can reach one, the shortest path, each step decided by the engine on the loaded accounts
(denies, boundaries, SCPs, resource constraints, conditions). Techniques are named by the
path ids of pathfinding.cloud (iam-001, lambda-001, sts-001, ...): go doc
github.com/iamgo/iam/escalate.

One line per principal that can escalate: ARN [kind] status: technique(target) -> principal
held; ... A path is certain, assumed (on values the attacker picks, such as the issue time
of a session it creates), conditional (on something the exports do not describe: an existing
function or instance, a key count, a context key) or uncertain (policies missing from the
inputs); what it depends on follows "requires:" and "assumes:".

  --account FILE           output of aws iam get-account-authorization-details (repeatable;
                           "-" for standard input, once)
  --org FILE               the organization: root, OUs, accounts and their SCPs and RCPs
  --managed-policies DIR   AWS managed policy documents (NAME.json) the exports reference
                           without including them
  --now TIME               the time of the attack, RFC 3339 or YYYY-MM-DD (default: now): sets
                           aws:CurrentTime, aws:EpochTime and the issue time of new sessions
  --context KEY=VALUE      a context key every request carries (repeatable)
  --region REGION          the region of the resources the techniques create (default us-east-1)
  --json                   write the result as JSON (escalate.Result)

Exit status: 0 answered, 2 bad input.
`

// runEscalate runs iamcheck escalate.
func runEscalate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const cmd = "escalate"
	var f accountFlags
	var now, region string
	fs := newFlags(cmd)
	f.registerModel(fs)
	fs.StringVar(&now, "now", "", "")
	fs.StringVar(&region, "region", "", "")
	pos, help, err := parseFlags(fs, args)
	asJSON := f.json || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, escalateUsage)
		return exitOK
	}
	if err != nil {
		return fail(&usageError{err.Error()}, cmd, asJSON, stdout, stderr)
	}
	if len(pos) > 0 {
		return fail(&usageError{fmt.Sprintf("unexpected argument %q (exports are given with --account)", pos[0])}, cmd, asJSON, stdout, stderr)
	}
	if len(f.accounts) == 0 {
		return fail(&usageError{"missing --account"}, cmd, asJSON, stdout, stderr)
	}
	at := time.Now().UTC()
	if now != "" {
		t, err := parseNow(now)
		if err != nil {
			return fail(&inputError{[]finding{{File: "--now", Severity: "error", Code: "usage", Message: err.Error()}}}, cmd, asJSON, stdout, stderr)
		}
		at = t
	}
	ctx, err := parseContext(f.context)
	if err != nil {
		return fail(&inputError{[]finding{{File: "--context", Severity: "error", Code: "usage", Message: err.Error()}}}, cmd, asJSON, stdout, stderr)
	}
	m, facts, err := loadEscalateModel(&f, at, stdin)
	if err != nil {
		return fail(err, cmd, asJSON, stdout, stderr)
	}
	if !asJSON {
		for _, w := range m.Warnings() {
			fmt.Fprintf(stderr, "iamcheck: warning: %s\n", w)
		}
	}
	res, err := escalate.Analyze(m, escalate.Options{Now: func() time.Time { return at }, Context: ctx,
		InstanceProfiles: facts.profiles, PolicyVersions: facts.versions, Region: region})
	if err != nil {
		return fail(err, cmd, asJSON, stdout, stderr)
	}
	if asJSON {
		writeJSON(stdout, res)
		return exitOK
	}
	printEscalate(stdout, res)
	return exitOK
}

// parseNow reads an RFC 3339 time or a date.
func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("expected an RFC 3339 time (2026-12-01T10:00:00Z) or a date (2026-12-01), got %q", s)
}

// exportFacts are what the exports say that the model does not keep: the roles with an
// instance profile and the number of versions of each managed policy.
type exportFacts struct {
	profiles map[string]bool
	versions map[string]int
}

// loadEscalateModel reads the inputs through the size-limited reader and builds the model,
// with the export facts the model does not keep.
func loadEscalateModel(f *accountFlags, at time.Time, stdin io.Reader) (*account.Model, exportFacts, error) {
	facts := exportFacts{profiles: map[string]bool{}, versions: map[string]int{}}
	l := loader{stdin: stdin}
	in := readAccountInputs(f, &l)
	checkManagedDir(&l, f.managedPolicies)
	if len(l.errs) > 0 {
		return nil, facts, &inputError{l.errs}
	}
	opts := account.Options{ManagedPolicyDir: f.managedPolicies, Eval: eval.Options{Now: func() time.Time { return at }}}
	m, err := opts.Load(in)
	if err != nil {
		return nil, facts, &inputError{accountFindings(err)}
	}
	// The exports loaded: each is a JSON document; a page without roles adds nothing.
	for _, e := range in.Exports {
		err := escalate.InstanceProfiles(e.Data, facts.profiles)
		if err == nil {
			err = escalate.PolicyVersions(e.Data, facts.versions)
		}
		if err != nil {
			return nil, facts, &inputError{[]finding{{File: e.Name, Severity: "error", Code: "syntax", Message: err.Error()}}}
		}
	}
	return m, facts, nil
}

// printEscalate writes the admin-equivalent principals, then one line per principal that can
// escalate.
func printEscalate(w io.Writer, res *escalate.Result) {
	fmt.Fprintf(w, "admin-equivalent principals (%d):\n", len(res.Admins))
	for _, a := range res.Admins {
		how := "allowed everything"
		if !a.Direct && a.Edge != nil {
			how = fmt.Sprintf("grants itself everything: %s on %s", a.Edge.Technique, a.Edge.Target)
			if len(a.Edge.Assumptions) > 0 {
				how += " (assumes: " + strings.Join(a.Edge.Assumptions, "; ") + ")"
			}
		}
		fmt.Fprintf(w, "  %s [%s] %s\n", a.Principal, a.Kind, how)
	}
	fmt.Fprintf(w, "principals that can escalate (%d):\n", len(res.Paths))
	for _, p := range res.Paths {
		line := "  " + p.String()
		var req, asm []string
		for _, e := range p.Edges {
			req = append(req, e.Requires...)
			asm = append(asm, e.Assumptions...)
			for _, s := range e.Steps {
				if s.Status == escalate.Conditional && len(s.Keys) > 0 {
					req = append(req, fmt.Sprintf("%s on %s depends on %s", s.Action, s.Resource, strings.Join(s.Keys, ", ")))
				}
				if s.Status == escalate.Uncertain && len(s.Missing) > 0 {
					req = append(req, "missing from the inputs: "+strings.Join(s.Missing, ", "))
				}
			}
		}
		if len(req) > 0 {
			line += " | requires: " + strings.Join(req, "; ")
		}
		if len(asm) > 0 {
			line += " | assumes: " + strings.Join(asm, "; ")
		}
		fmt.Fprintln(w, line)
	}
	if res.Omitted > 0 {
		fmt.Fprintf(w, "(service edges towards %d more roles not examined: for each principal and technique the 3 roles nearest to admin are)\n", res.Omitted)
	}
}
