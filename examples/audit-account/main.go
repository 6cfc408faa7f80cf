// Command audit-account loads an account's IAM (the output of aws iam
// get-account-authorization-details) and lists who can read every secret and who can become
// an administrator role.
//
//	go run ./examples/audit-account                       # the bundled export in testdata/
//	go run ./examples/audit-account -managed ../shared/policies/aws-managed export.json page2.json
//
// "Every secret" means any secret of the account: a principal is listed when its policies allow
// secretsmanager:GetSecretValue on a secret whatever its name (a policy scoped to some secrets
// does not count). An administrator role is a role whose sessions are allowed every action
// (iam:* on everything included), as AdministratorAccess allows. For each, the program lists
// the principals of the account that can reach it, directly or through other roles, with the
// chain and the conditions (sts:ExternalId, MFA) it depends on, and the principals outside the
// account that its trust policy admits. Principals whose policies are missing from the export
// are reported as uncertain, never as allowed.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/iamgo/iam/account"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("audit-account", flag.ContinueOnError)
	fs.SetOutput(stderr)
	managed := fs.String("managed", "", "directory of AWS managed policy documents (NAME.json) the export references without including")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{filepath.Join(exampleDir(), "testdata", "export.json")}
	}
	m, err := load(files, *managed)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	audit(m, stdout)
	return 0
}

// exampleDir finds this example's directory from the working directory (the repository root
// or the example itself).
func exampleDir() string {
	if _, err := os.Stat("testdata/export.json"); err == nil {
		return "."
	}
	return filepath.Join("examples", "audit-account")
}

func load(files []string, managed string) (*account.Model, error) {
	var in account.Input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		in.Exports = append(in.Exports, account.File{Name: f, Data: data})
	}
	return account.Options{ManagedPolicyDir: managed}.Load(in)
}

// audit writes the report.
func audit(m *account.Model, w io.Writer) {
	for _, a := range m.Accounts() {
		fmt.Fprintf(w, "account %s: %d users, %d roles\n", a.ID, len(a.Users), len(a.Roles))
		// A secret no policy names specifically: only principals allowed every secret match.
		secret := "arn:aws:secretsmanager:us-east-1:" + a.ID + ":secret:any-secret-AbCdEf"
		res, err := m.WhoCan(account.WhoCanRequest{Action: "secretsmanager:GetSecretValue", Resource: secret})
		if err != nil {
			fmt.Fprintf(w, "  who-can: %v\n", err)
			continue
		}
		fmt.Fprintf(w, "  can read every secret (%d):\n", len(res.Allowed))
		for _, g := range res.Allowed {
			fmt.Fprintf(w, "    %s\n", g.Principal)
		}
		list(w, "  can read every secret under conditions", res.Conditional)
		list(w, "  might read every secret (policies missing from the export)", res.Uncertain)

		for _, r := range adminRoles(m, a) {
			b, err := m.WhoCanBecome(account.BecomeRequest{Role: r})
			if err != nil {
				fmt.Fprintf(w, "  who-can-become: %v\n", err)
				continue
			}
			fmt.Fprintf(w, "  admin role %s can be reached by (%d):\n", r, len(b.Chains))
			for _, c := range b.Chains {
				var path []string
				var conds []string
				for _, s := range c.Steps {
					path = append(path, s.From)
					if s.Session != "" {
						conds = append(conds, "session "+s.Session)
					}
					conds = append(conds, s.Keys...)
				}
				note := ""
				if len(conds) > 0 {
					note = " if " + strings.Join(conds, ", ")
				}
				if c.Uncertain {
					note += " (uncertain: policies missing)"
				}
				fmt.Fprintf(w, "    %s%s\n", strings.Join(append(path, r), " -> "), note)
			}
			for _, e := range b.Outside {
				note := ""
				if len(e.Keys) > 0 {
					note = " if " + strings.Join(e.Keys, ", ")
				}
				fmt.Fprintf(w, "    outside: %s (%s) -> %s%s\n", e.From, e.Kind, e.To, note)
			}
		}
	}
}

func list(w io.Writer, title string, gs []account.Grant) {
	if len(gs) == 0 {
		return
	}
	fmt.Fprintf(w, "%s (%d):\n", title, len(gs))
	for _, g := range gs {
		extra := ""
		if len(g.Keys) > 0 {
			extra = " if " + strings.Join(g.Keys, ", ")
		}
		fmt.Fprintf(w, "    %s%s\n", g.Principal, extra)
	}
}

// adminRoles lists the roles of the account whose sessions may do anything: iam:CreateUser and
// secretsmanager:GetSecretValue and ec2:RunInstances on resources no policy names, which only
// a grant of (nearly) every action allows.
func adminRoles(m *account.Model, a *account.Account) []string {
	var out []string
	for _, r := range a.Roles {
		admin := true
		for _, probe := range []account.Request{
			{Action: "iam:CreateUser", Resource: "arn:aws:iam::" + a.ID + ":user/audit-probe"},
			{Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::" + a.ID + ":role/audit-probe"},
			{Action: "ec2:RunInstances", Resource: "*"},
			{Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:" + a.ID + ":secret:audit-probe-AbCdEf"},
		} {
			probe.Principal = r.ARN
			ans, err := m.Decide(probe)
			if err != nil || ans.Decision.String() != "Allow" {
				admin = false
				break
			}
		}
		if admin {
			out = append(out, r.ARN)
		}
	}
	sort.Strings(out)
	return out
}
