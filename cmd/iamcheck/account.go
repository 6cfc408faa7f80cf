package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/iamgo/iam/catalog"

	"github.com/iamgo/iam/account"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// maxAccountBytes is the most iamcheck reads of one account export, organization or
// resource-policy file: account.DefaultMaxBytes (256 MiB). Exports of large accounts exceed
// the 1 MiB policy limit by far.
const maxAccountBytes = account.DefaultMaxBytes

const accountFlagsUsage = `Account model (every command):
  --account FILE           output of aws iam get-account-authorization-details (repeat for pages
                           of one account and for several accounts; "-" for standard input, once)
  --org FILE               the organization: root, OUs, accounts and their SCPs and RCPs
                           (layout: go doc github.com/iamgo/iam/account)
  --resource-policies DIR  resource policies by ARN, every *.json file of DIR (layout: go doc
                           github.com/iamgo/iam/account)
  --managed-policies DIR   AWS managed policy documents (NAME.json) for those an export
                           references without including them
  --context KEY=VALUE      a request context key (repeatable; KEY=V1,V2 is multivalued)
  --json                   write the answer as JSON (schema: go doc github.com/iamgo/iam/cmd/iamcheck)

A principal whose managed policies (or groups) are missing from every input is uncertain: it is
never reported as allowed, and the output says what is missing. A load that takes more than a
second prints a progress line on standard error (not with --json).
`

const canUsage = `Usage: iamcheck can --account FILE... --principal ARN --action SERVICE:ACTION --resource ARN [flags]

Decides one request for a user, role or role session of the loaded accounts, with every policy
AWS combines for it (inline, attached, groups', boundary, SCPs, the resource policy, RCPs), and
prints the decision and the statements that made it, naming policies by ARN and inline policies
by OWNER-ARN/NAME.

  --principal ARN          a user, role or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION (required)
  --action SERVICE:ACTION  (required)
  --resource ARN           the resource ARN, or * (required)
  --resource-account ID    the owning account when the ARN has none (S3)
  --session-policy FILE    a session policy of the role session (repeatable)
  --session-tag KEY=VALUE  a session tag of the role session (repeatable)

` + accountFlagsUsage + `
Exit status: 0 Allow, 1 ExplicitDeny, ImplicitDeny or uncertain, 2 bad input (an unknown
principal included).
`

const whoCanUsage = `Usage: iamcheck who-can --account FILE... --action SERVICE:ACTION --resource ARN [flags]

Lists every principal of the loaded accounts allowed the action on the resource, the ones
allowed only under conditions (with the context keys), the uncertain ones, and the principals
outside the model that the resource policy grants, each with the statements that decided it.
The action may be a pattern (s3:Get*):
it is expanded over the actions the loaded policies name.

  --action SERVICE:ACTION  an action or a pattern (required)
  --resource ARN           the resource ARN, or * (required)
  --resource-account ID    the owning account when the ARN has none (S3)

` + accountFlagsUsage + `
Exit status: 0 answered, 2 bad input.
`

const whatCanUsage = `Usage: iamcheck what-can --account FILE... --principal ARN [--resource ARN] [flags]

Lists the actions a principal is allowed on a resource (default *), by service. Without an
action catalog the actions tried are those named in the loaded policies; the principal's
wildcard and NotAction grants are listed apart.

  --principal ARN          a user, role or role session (required)
  --resource ARN           the resource ARN, or * (default)
  --resource-account ID    the owning account when the ARN has none (S3)

` + accountFlagsUsage + `
Exit status: 0 answered, 2 bad input.
`

const whoCanBecomeUsage = `Usage: iamcheck who-can-become --account FILE... --role ARN [flags]

Lists every principal that can end up as the role: directly by its trust policy and its own
policies (sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML), or through
a chain of roles, with the chain, the conditions (sts:ExternalId, MFA, ...) each step depends
on, the principals outside the model the trust policies admit, and the policies each role in
reach adds.

  --role ARN               a role of the loaded accounts (required)
  --max-depth N            the longest chain to follow (default: no limit)

` + accountFlagsUsage + `
Exit status: 0 answered, 2 bad input.
`

// accountFlags is the command line shared by the account commands.
type accountFlags struct {
	accounts, context, sessionPolicies, sessionTags listFlag
	org, resourcePolicies, managedPolicies          string
	principal, action, resource, resourceAccount    string
	role                                            string
	maxDepth                                        int
	json                                            bool
}

// registerModel defines the flags of every command that loads accounts, escalate included.
func (f *accountFlags) registerModel(fs *flag.FlagSet) {
	fs.Var(&f.accounts, "account", "")
	fs.StringVar(&f.org, "org", "", "")
	fs.StringVar(&f.managedPolicies, "managed-policies", "", "")
	fs.Var(&f.context, "context", "")
	fs.BoolVar(&f.json, "json", false, "")
}

// register defines the flags of account command cmd.
func (f *accountFlags) register(fs *flag.FlagSet, cmd string) {
	f.registerModel(fs)
	fs.StringVar(&f.resourcePolicies, "resource-policies", "", "")
	switch cmd {
	case "can":
		fs.StringVar(&f.principal, "principal", "", "")
		fs.StringVar(&f.action, "action", "", "")
		fs.StringVar(&f.resource, "resource", "", "")
		fs.StringVar(&f.resourceAccount, "resource-account", "", "")
		fs.Var(&f.sessionPolicies, "session-policy", "")
		fs.Var(&f.sessionTags, "session-tag", "")
	case "who-can":
		fs.StringVar(&f.action, "action", "", "")
		fs.StringVar(&f.resource, "resource", "", "")
		fs.StringVar(&f.resourceAccount, "resource-account", "", "")
	case "what-can":
		fs.StringVar(&f.principal, "principal", "", "")
		fs.StringVar(&f.resource, "resource", "*", "")
		fs.StringVar(&f.resourceAccount, "resource-account", "", "")
	case "who-can-become":
		fs.StringVar(&f.role, "role", "", "")
		fs.IntVar(&f.maxDepth, "max-depth", 0, "")
	}
}

// runAccount runs one of the account commands.
func runAccount(cmd string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	usage := map[string]string{"can": canUsage, "who-can": whoCanUsage, "what-can": whatCanUsage, "who-can-become": whoCanBecomeUsage}[cmd]
	var f accountFlags
	fs := newFlags(cmd)
	f.register(fs, cmd)
	pos, help, err := parseFlags(fs, args)
	asJSON := f.json || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if err != nil {
		return fail(&usageError{err.Error()}, cmd, asJSON, stdout, stderr)
	}
	if len(pos) > 0 {
		return fail(&usageError{fmt.Sprintf("unexpected argument %q (exports are given with --account)", pos[0])}, cmd, asJSON, stdout, stderr)
	}
	var missing []string
	need := func(name, v string) {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(f.accounts) == 0 {
		missing = append(missing, "--account")
	}
	switch cmd {
	case "can":
		need("--principal", f.principal)
		need("--action", f.action)
		need("--resource", f.resource)
	case "who-can":
		need("--action", f.action)
		need("--resource", f.resource)
	case "what-can":
		need("--principal", f.principal)
	case "who-can-become":
		need("--role", f.role)
	}
	if len(missing) > 0 {
		return fail(&usageError{"missing " + strings.Join(missing, ", ")}, cmd, asJSON, stdout, stderr)
	}
	ctx, err := parseContext(f.context)
	if err != nil {
		return fail(&inputError{[]finding{{File: "--context", Severity: "error", Code: "usage", Message: err.Error()}}}, cmd, asJSON, stdout, stderr)
	}
	var progress io.Writer
	if !asJSON {
		progress = stderr
	}
	l := &loader{stdin: stdin} // one reader of standard input for the model and the session policies
	m, err := loadModel(&f, l, progress)
	if err != nil {
		return fail(err, cmd, asJSON, stdout, stderr)
	}
	if !asJSON {
		for _, w := range m.Warnings() {
			fmt.Fprintf(stderr, "iamcheck: warning: %s\n", w)
		}
	}
	switch cmd {
	case "can":
		return runCan(&f, m, ctx, l, asJSON, stdout, stderr)
	case "who-can":
		res, err := m.WhoCan(account.WhoCanRequest{Action: f.action, Resource: f.resource, ResourceAccount: f.resourceAccount, Context: ctx, Explain: true})
		if err != nil {
			return fail(&usageError{err.Error()}, cmd, asJSON, stdout, stderr)
		}
		if asJSON {
			writeJSON(stdout, whoCanJSON(res))
		} else {
			printWhoCan(stdout, f.action, f.resource, res)
		}
		return exitOK
	case "what-can":
		res, err := m.WhatCan(account.WhatCanRequest{Principal: f.principal, Resource: f.resource, ResourceAccount: f.resourceAccount, Context: ctx})
		if err != nil {
			return fail(principalError(err), cmd, asJSON, stdout, stderr)
		}
		if asJSON {
			writeJSON(stdout, whatCanJSON(res))
		} else {
			fmt.Fprint(stdout, res.String())
		}
		return exitOK
	default: // who-can-become
		res, err := m.WhoCanBecome(account.BecomeRequest{Role: f.role, Context: ctx, MaxDepth: f.maxDepth})
		if err != nil {
			return fail(principalError(err), cmd, asJSON, stdout, stderr)
		}
		if asJSON {
			writeJSON(stdout, becomeJSON(res))
		} else {
			printBecome(stdout, res)
		}
		return exitOK
	}
}

// principalError reports an unknown principal as bad input.
func principalError(err error) error {
	if errors.Is(err, account.ErrUnknownPrincipal) {
		return &inputError{[]finding{{File: "--principal", Severity: "error", Code: "unknown-principal", Message: err.Error()}}}
	}
	return err
}

// loadModel reads every input and builds the model. When progress is not nil and the load
// takes more than a second, a progress line is written to it.
func loadModel(f *accountFlags, l *loader, progress io.Writer) (*account.Model, error) {
	start := time.Now()
	var mu sync.Mutex
	stage := "reading files"
	printed := false
	report := func() {
		mu.Lock()
		defer mu.Unlock()
		if progress != nil {
			fmt.Fprintf(progress, "iamcheck: loading accounts: %s (%.1fs)\n", stage, time.Since(start).Seconds())
			printed = true
		}
	}
	// After a second, a line on standard error, then one every two seconds while it lasts.
	done := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(done)
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-done:
			return
		case <-time.After(time.Second):
		}
		report()
		t := time.NewTicker(2 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				report()
			}
		}
	}()
	setStage := func(s string) {
		mu.Lock()
		stage = s
		mu.Unlock()
	}

	in := readAccountInputs(f, l)
	if f.resourcePolicies != "" {
		names, err := filepath.Glob(filepath.Join(f.resourcePolicies, "*.json"))
		if err == nil {
			if st, serr := os.Stat(f.resourcePolicies); serr != nil || !st.IsDir() {
				err = fmt.Errorf("not a directory")
			}
		}
		if err != nil {
			l.add(finding{File: f.resourcePolicies, Severity: "error", Code: "read", Message: "cannot read the resource-policy directory: " + err.Error()})
		}
		sort.Strings(names)
		for _, name := range names {
			if data := l.read(name, maxAccountBytes); data != nil {
				in.ResourcePolicies = append(in.ResourcePolicies, account.File{Name: name, Data: data})
			}
		}
	}
	checkManagedDir(l, f.managedPolicies)
	if len(l.errs) > 0 {
		return nil, &inputError{l.errs}
	}
	opts := account.Options{
		ManagedPolicyDir: f.managedPolicies,
		Catalog:          account.AWSCatalog(catalog.Default()), // what-can over every action AWS defines
		Progress: func(s string, n, total int) {
			names := map[string]string{"parse": "parsed files", "compile": "compiled principals", "index": "indexing"}
			setStage(fmt.Sprintf("%s %d/%d", names[s], n, total))
		},
	}
	setStage("parsing")
	m, err := opts.Load(in)
	if err != nil {
		return nil, &inputError{accountFindings(err)}
	}
	mu.Lock()
	if printed {
		fmt.Fprintf(progress, "iamcheck: loaded %d principals in %.1fs\n", len(m.Principals()), time.Since(start).Seconds())
	}
	mu.Unlock()
	return m, nil
}

// accountFindings converts a load error into findings.
func accountFindings(err error) []finding {
	var list account.ErrorList
	if errors.As(err, &list) {
		out := make([]finding, 0, len(list))
		for _, e := range list {
			msg := e.Msg
			if e.Inner != "" {
				msg = "(in the decoded document at " + e.Inner + ") " + msg
			}
			out = append(out, finding{File: e.File, Line: e.Line, Column: e.Col, Path: e.Path, Severity: "error", Code: string(e.Code), Message: msg})
		}
		return out
	}
	return []finding{{File: "iamcheck", Severity: "error", Message: err.Error()}}
}

func runCan(f *accountFlags, m *account.Model, ctx []condition.Entry, l *loader, asJSON bool, stdout, stderr io.Writer) int {
	sess := l.each(f.sessionPolicies, policy.KindSession)
	var tags []account.Tag
	for _, kv := range f.sessionTags {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			l.add(finding{File: "--session-tag", Severity: "error", Code: "usage", Message: fmt.Sprintf("expected KEY=VALUE, got %q", kv)})
			continue
		}
		tags = append(tags, account.Tag{Key: k, Value: v})
	}
	if len(l.errs) > 0 {
		return fail(&inputError{l.errs}, "can", asJSON, stdout, stderr)
	}
	ans, err := m.Can(account.Request{Principal: f.principal, Action: f.action, Resource: f.resource, ResourceAccount: f.resourceAccount,
		Context: ctx, SessionPolicies: sess, SessionTags: tags})
	if err != nil {
		if errors.Is(err, account.ErrUnknownPrincipal) {
			return fail(principalError(err), "can", asJSON, stdout, stderr)
		}
		return fail(&usageError{err.Error()}, "can", asJSON, stdout, stderr)
	}
	if asJSON {
		out := canOut{explanationOut: explanationJSON(ans.Explanation), Uncertain: ans.Uncertain, Missing: append([]string{}, ans.Missing...), Engine: ans.Engine.String()}
		out.Decision = ans.Decision.String()
		out.Warnings = append(out.Warnings, l.warns...)
		writeJSON(stdout, out)
	} else {
		for _, w := range l.warns {
			fmt.Fprintln(stderr, w.String())
		}
		if ans.Uncertain {
			fmt.Fprintf(stdout, "UNCERTAIN: the model lacks %s; answering %s (fail closed). On the policies it has:\n", strings.Join(ans.Missing, ", "), ans.Decision)
		}
		fmt.Fprint(stdout, ans.Explanation.String())
	}
	if ans.Decision == eval.Allow {
		return exitOK
	}
	return exitFail
}

// canOut is the --json schema of iamcheck can: eval's schema plus the model's certainty.
type canOut struct {
	explanationOut
	Uncertain bool     `json:"uncertain"`
	Missing   []string `json:"missing"`
	Engine    string   `json:"engineDecision"`
}

type grantOut struct {
	Principal  string    `json:"principal"`
	Kind       string    `json:"kind"`
	Action     string    `json:"action"`
	Keys       []string  `json:"keys,omitempty"`
	Missing    []string  `json:"missing,omitempty"`
	Statements []stmtOut `json:"statements,omitempty"`
	Note       string    `json:"note,omitempty"`
	Session    string    `json:"session,omitempty"`
}

type stmtOut struct {
	Policy string `json:"policy"`
	Kind   string `json:"kind"`
	Sid    string `json:"sid,omitempty"`
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Effect string `json:"effect"`
}

func stmtsJSON(refs []account.StatementRef) []stmtOut {
	var out []stmtOut
	for _, r := range refs {
		out = append(out, stmtOut{Policy: r.Policy, Kind: r.Kind, Sid: r.Sid, Path: r.Path, Line: r.Line, Column: r.Col, Effect: r.Effect})
	}
	return out
}

func grantsJSON(gs []account.Grant) []grantOut {
	out := []grantOut{}
	for _, g := range gs {
		out = append(out, grantOut{Principal: g.Principal, Kind: g.Kind, Action: g.Action, Keys: g.Keys, Missing: g.Missing, Statements: stmtsJSON(g.Statements), Note: g.Note})
	}
	return out
}

func whoCanJSON(r *account.WhoCanResult) any {
	return struct {
		Actions     []string   `json:"actions"`
		Allowed     []grantOut `json:"allowed"`
		Conditional []grantOut `json:"conditional"`
		Uncertain   []grantOut `json:"uncertain"`
		Outside     []grantOut `json:"outside"`
	}{append([]string{}, r.Actions...), grantsJSON(r.Allowed), grantsJSON(r.Conditional), grantsJSON(r.Uncertain), grantsJSON(r.Outside)}
}

func printWhoCan(w io.Writer, action, resource string, r *account.WhoCanResult) {
	if len(r.Actions) == 0 {
		fmt.Fprintf(w, "no loaded policy names an action matching %s\n", action)
		return
	}
	fmt.Fprintf(w, "who can %s on %s:\n", strings.Join(r.Actions, ", "), resource)
	section := func(title string, gs []account.Grant) {
		fmt.Fprintf(w, "%s (%d):\n", title, len(gs))
		for _, g := range gs {
			fmt.Fprintf(w, "  %s [%s] %s", g.Principal, g.Kind, g.Action)
			if len(g.Keys) > 0 {
				fmt.Fprintf(w, " if %s", strings.Join(g.Keys, ", "))
			}
			if len(g.Missing) > 0 {
				fmt.Fprintf(w, " (missing: %s)", strings.Join(g.Missing, ", "))
			}
			if g.Note != "" {
				fmt.Fprintf(w, " (%s)", g.Note)
			}
			fmt.Fprintln(w)
			for _, s := range g.Statements {
				fmt.Fprintf(w, "      %s %s:%d:%d %s", s.Effect, s.Policy, s.Line, s.Col, s.Path)
				if s.Sid != "" {
					fmt.Fprintf(w, " Sid %q", s.Sid)
				}
				fmt.Fprintf(w, " [%s]\n", s.Kind)
			}
		}
	}
	section("allowed", r.Allowed)
	section("allowed only under conditions", r.Conditional)
	section("uncertain (policies missing from the inputs; never reported as allowed)", r.Uncertain)
	section("outside the model, granted by the resource policy", r.Outside)
}

func whatCanJSON(r *account.WhatCanResult) any {
	type actOut struct {
		Action      string   `json:"action"`
		Service     string   `json:"service"`
		AccessLevel string   `json:"accessLevel,omitempty"`
		Keys        []string `json:"keys,omitempty"`
	}
	type patOut struct {
		Pattern   string  `json:"pattern"`
		Statement stmtOut `json:"statement"`
	}
	conv := func(as []account.ActionAnswer) []actOut {
		out := []actOut{}
		for _, a := range as {
			out = append(out, actOut{a.Action, a.Service, a.AccessLevel, a.Keys})
		}
		return out
	}
	pats := []patOut{}
	for _, p := range r.Patterns {
		pats = append(pats, patOut{p.Pattern, stmtsJSON([]account.StatementRef{p.Statement})[0]})
	}
	return struct {
		Principal   string   `json:"principal"`
		Resource    string   `json:"resource"`
		FromCatalog bool     `json:"fromCatalog"`
		Uncertain   bool     `json:"uncertain"`
		Missing     []string `json:"missing"`
		Allowed     []actOut `json:"allowed"`
		Conditional []actOut `json:"conditional"`
		Possible    []actOut `json:"possible"`
		Patterns    []patOut `json:"patterns"`
	}{r.Principal, r.Resource, r.FromCatalog, r.Uncertain, append([]string{}, r.Missing...), conv(r.Allowed), conv(r.Conditional), conv(r.Possible), pats}
}

func edgeJSON(e account.Edge) grantOut {
	return grantOut{Principal: e.From, Kind: e.Kind, Action: e.Action, Keys: e.Keys, Missing: e.Missing, Statements: stmtsJSON(e.Statements), Note: e.Note, Session: e.Session}
}

func becomeJSON(r *account.BecomeResult) any {
	type stepOut struct {
		grantOut
		To string `json:"to"`
	}
	type chainOut struct {
		Principal   string    `json:"principal"`
		Kind        string    `json:"kind"`
		Conditional bool      `json:"conditional"`
		Uncertain   bool      `json:"uncertain"`
		Steps       []stepOut `json:"steps"`
	}
	chains := []chainOut{}
	for _, c := range r.Chains {
		co := chainOut{Principal: c.Principal, Kind: c.Kind, Conditional: c.Conditional, Uncertain: c.Uncertain}
		for _, s := range c.Steps {
			co.Steps = append(co.Steps, stepOut{edgeJSON(s), s.To})
		}
		chains = append(chains, co)
	}
	outside := []stepOut{}
	for _, e := range r.Outside {
		outside = append(outside, stepOut{edgeJSON(e), e.To})
	}
	adds := r.Adds
	if adds == nil {
		adds = map[string][]string{}
	}
	return struct {
		Role    string              `json:"role"`
		Chains  []chainOut          `json:"chains"`
		Outside []stepOut           `json:"outside"`
		Adds    map[string][]string `json:"adds"`
	}{r.Role, chains, outside, adds}
}

func printBecome(w io.Writer, r *account.BecomeResult) {
	fmt.Fprintf(w, "who can become %s:\n", r.Role)
	fmt.Fprintf(w, "principals of the model (%d):\n", len(r.Chains))
	for _, c := range r.Chains {
		flags := ""
		if c.Conditional {
			flags += " [conditional]"
		}
		if c.Uncertain {
			flags += " [uncertain]"
		}
		fmt.Fprintf(w, "  %s [%s]%s via %s step(s)\n", c.Principal, c.Kind, flags, strconv.Itoa(len(c.Steps)))
		for _, s := range c.Steps {
			fmt.Fprintf(w, "      %s -> %s (%s)", s.From, s.To, s.Action)
			if s.Session != "" {
				fmt.Fprintf(w, " as session %q only", s.Session)
			}
			if len(s.Keys) > 0 {
				fmt.Fprintf(w, " if %s", strings.Join(s.Keys, ", "))
			}
			if len(s.Missing) > 0 {
				fmt.Fprintf(w, " (missing: %s)", strings.Join(s.Missing, ", "))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "outside the model (%d):\n", len(r.Outside))
	for _, e := range r.Outside {
		fmt.Fprintf(w, "  %s [%s] -> %s (%s)", e.From, e.Kind, e.To, e.Action)
		if len(e.Keys) > 0 {
			fmt.Fprintf(w, " if %s", strings.Join(e.Keys, ", "))
		}
		fmt.Fprintln(w)
	}
	roles := make([]string, 0, len(r.Adds))
	for k := range r.Adds {
		roles = append(roles, k)
	}
	sort.Strings(roles)
	fmt.Fprintln(w, "what each role in reach adds:")
	for _, k := range roles {
		fmt.Fprintf(w, "  %s: %s\n", k, strings.Join(r.Adds[k], ", "))
	}
}

// readAccountInputs reads the account exports and the organization file the flags name, each
// through l with maxAccountBytes (standard input at most once); l records every file that could
// not be read.
func readAccountInputs(f *accountFlags, l *loader) account.Input {
	var in account.Input
	for _, name := range f.accounts {
		if data := l.read(name, maxAccountBytes); data != nil {
			in.Exports = append(in.Exports, account.File{Name: displayName(name), Data: data})
		}
	}
	if f.org != "" {
		if data := l.read(f.org, maxAccountBytes); data != nil {
			in.Organization = &account.File{Name: displayName(f.org), Data: data}
		}
	}
	return in
}

// checkManagedDir records a finding in l when dir, the --managed-policies flag, is set and is
// not a readable directory.
func checkManagedDir(l *loader, dir string) {
	if dir == "" {
		return
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		l.add(finding{File: dir, Severity: "error", Code: "read", Message: "the managed-policy directory is not a readable directory"})
	}
}
