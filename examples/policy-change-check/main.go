// Command policy-change-check is a CI step that fails a pull request whose policy change grants
// new access. It compares every policy file of the head revision with the file of the same name
// in the base revision (a new file is compared with an empty policy) using compare.NoNewAccess
// (or NoNewAccessResource for policies that name a Principal), and for every file that grants
// something new prints the witness requests as iamcheck eval command lines.
//
//	go run ./examples/policy-change-check                       # the bundled base/ and head/
//	go run ./examples/policy-change-check -base OLD -head NEW   # two directories of *.json
//
// In a CI job, check the base branch out next to the pull request's tree first, for instance
// with "git worktree add ../base origin/main", and pass -base ../base/policies -head policies.
//
// Exit status: 0 no file grants new access; 1 some file does, or could not be proved not to
// (UNKNOWN fails closed unless -allow-unknown); 2 a policy could not be read.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/iamgo/iam/compare"
	"github.com/iamgo/iam/examples/internal/exampledata"
	"github.com/iamgo/iam/policy"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("policy-change-check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := bundled()
	base := fs.String("base", filepath.Join(def, "base"), "directory of the base revision's policies")
	head := fs.String("head", filepath.Join(def, "head"), "directory of the head revision's policies")
	allowUnknown := fs.Bool("allow-unknown", false, "do not fail when a change cannot be decided")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	files, err := filepath.Glob(filepath.Join(*head, "*.json"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(stderr, "policy-change-check: no *.json in %s\n", *head)
		return 2
	}
	sort.Strings(files)
	code := 0
	for _, f := range files {
		name := filepath.Base(f)
		newP, err := load(f)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", f, err)
			return 2
		}
		oldP, err := load(filepath.Join(*base, name))
		if errors.Is(err, os.ErrNotExist) {
			oldP = nil // a new file: everything it grants is new
		} else if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", filepath.Join(*base, name), err)
			return 2
		}
		var r compare.Result
		flag := "--identity"
		if isResourcePolicy(oldP) || isResourcePolicy(newP) {
			flag = "--resource-policy"
			r, err = compare.NoNewAccessResource(oldP, newP)
		} else {
			r, err = compare.NoNewAccess(oldP, newP)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 2
		}
		switch r.Verdict {
		case compare.Pass:
			fmt.Fprintf(stdout, "ok    %s: grants nothing new\n", name)
		case compare.Unknown:
			fmt.Fprintf(stdout, "?     %s: could not be decided: %s\n", name, r.Reason)
			if !*allowUnknown {
				code = 1
			}
		case compare.Fail:
			code = 1
			fmt.Fprintf(stdout, "FAIL  %s grants new access, for example:\n", name)
			for _, w := range r.Witnesses {
				q := w.Request
				line := fmt.Sprintf("iamcheck eval %s %s --principal %s --action %s --resource %s", flag, f, q.Principal, q.Action, shellQuote(q.Resource))
				if q.ResourceAccount != "" {
					line += " --resource-account " + q.ResourceAccount
				}
				for _, e := range q.Context {
					line += " --context " + shellQuote(e.Key+"="+strings.Join(e.Values, ","))
				}
				fmt.Fprintf(stdout, "        %s\n", line)
				for _, m := range w.Statements {
					fmt.Fprintf(stdout, "          allowed by %s line %d %s %s\n", name, m.Position.Line, m.Path, m.Sid)
				}
			}
		}
	}
	return code
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// load reads and parses one policy file, with the rules common to every kind.
func load(file string) (*policy.Policy, error) {
	return exampledata.Load(filepath.Dir(file), filepath.Base(file), policy.KindAny)
}

func isResourcePolicy(p *policy.Policy) bool {
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

// bundled returns the example's own policies directory.
func bundled() string {
	if _, err := os.Stat("policies"); err == nil {
		return "policies"
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "policies")
}
