package main

import (
	"fmt"
	"io"

	"github.com/iamgo/iam/lint"
	"github.com/iamgo/iam/policy"
)

const validateUsage = `Usage: iamcheck validate [--kind KIND] [--lint=false] [--fail-on-security-warning] [--service PREFIX]... [--json] FILE...

Checks policy documents the way IAM Access Analyzer's ValidatePolicy does, offline: the grammar
(JSON syntax, duplicate keys, unknown or mis-cased elements, wrong types, malformed actions,
resources and principals, unknown condition operators, unreadable condition values), the rules
of the policy kind given with --kind, and every check that the embedded AWS service catalog makes
possible (unknown services, actions and condition keys, ARNs that match none of the actions'
resource types, operator and key type mismatches, iam:PassRole on every role, redundant
actions and resources, ...; see go doc github.com/iamgo/iam/lint). Prints every finding as

  FILE:LINE:COL: SEVERITY CODE: message

with Access Analyzer's severities (ERROR, SECURITY_WARNING, WARNING, SUGGESTION) and issue
codes. "-" reads standard input.

Flags:
  --kind KIND                  identity, resource, trust, boundary, session, scp or rcp; without it
                               only the rules common to every kind are checked
  --lint=false                 check the grammar only, printing FILE:LINE:COL: PATH: message
  --fail-on-security-warning   exit 1 on SECURITY_WARNING findings too
  --service PREFIX             a service of your own (repeatable): its actions, condition keys and
                               resources are not checked against the AWS catalog
  --json                       write the findings as JSON (schema: go doc github.com/iamgo/iam/cmd/iamcheck)

Exit status: 0 no file has an ERROR finding (or, with --fail-on-security-warning, a
SECURITY_WARNING), 1 some file has one, 2 usage error or unreadable file. With --lint=false:
0 every file is valid (warnings allowed), 1 some file is invalid.
`

type fileOut struct {
	File     string    `json:"file"`
	Valid    bool      `json:"valid"`
	Findings []finding `json:"findings"`
}

type validateOut struct {
	Files   []fileOut `json:"files"`
	Valid   int       `json:"valid"`
	Invalid int       `json:"invalid"`
}

// lintFinding is one lint finding in the --json schema of validate.
type lintFinding struct {
	File     string `json:"file"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Message  string `json:"message"`
}

type lintFileOut struct {
	File     string        `json:"file"`
	Valid    bool          `json:"valid"` // no finding at or above the failing severity
	Findings []lintFinding `json:"findings"`
}

type lintOut struct {
	Files   []lintFileOut `json:"files"`
	Valid   int           `json:"valid"`
	Invalid int           `json:"invalid"`
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("validate")
	kindName := fs.String("kind", "", "")
	jsonOut := fs.Bool("json", false, "")
	doLint := fs.Bool("lint", true, "")
	failSec := fs.Bool("fail-on-security-warning", false, "")
	var own listFlag
	fs.Var(&own, "service", "")
	files, help, err := parseFlags(fs, args)
	asJSON := *jsonOut || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, validateUsage)
		return exitOK
	}
	if err != nil {
		return fail(&usageError{err.Error()}, "validate", asJSON, stdout, stderr)
	}
	kind := policy.KindAny
	if *kindName != "" {
		k, ok := policy.ParseKind(*kindName)
		if !ok || k == policy.KindAny {
			return fail(&usageError{fmt.Sprintf("unknown --kind %q: want identity, resource, trust, boundary, session, scp or rcp", *kindName)}, "validate", asJSON, stdout, stderr)
		}
		kind = k
	}
	if len(files) == 0 {
		return fail(&usageError{"no files to validate"}, "validate", asJSON, stdout, stderr)
	}
	stdinCount := 0
	for _, f := range files {
		if f == "-" {
			stdinCount++
		}
	}
	if stdinCount > 1 {
		return fail(&usageError{`"-" (standard input) can be given only once`}, "validate", asJSON, stdout, stderr)
	}

	var unreadable []finding
	datas := make([][]byte, 0, len(files))
	names := make([]string, 0, len(files))
	for _, name := range files {
		data, err := readInput(name, stdin, maxPolicyBytes)
		if err != nil {
			unreadable = append(unreadable, readErrorFinding(name, err))
			continue
		}
		datas = append(datas, data)
		names = append(names, displayName(name))
	}
	if len(unreadable) > 0 {
		return fail(&inputError{unreadable}, "validate", asJSON, stdout, stderr)
	}
	if *doLint {
		worst := lint.Error
		if *failSec {
			worst = lint.SecurityWarning
		}
		return lintFiles(names, datas, lint.Options{Kind: kind, Services: own}, worst, asJSON, stdout)
	}

	out := validateOut{Files: []fileOut{}}
	for i := range datas {
		out.Files = append(out.Files, validateOne(names[i], datas[i], kind))
	}
	for _, f := range out.Files {
		if f.Valid {
			out.Valid++
		} else {
			out.Invalid++
		}
	}
	if asJSON {
		writeJSON(stdout, out)
	} else {
		for _, f := range out.Files {
			for _, fd := range f.Findings {
				fmt.Fprintln(stdout, fd.String())
			}
		}
		fmt.Fprintf(stdout, "%d valid, %d invalid\n", out.Valid, out.Invalid)
	}
	if out.Invalid > 0 {
		return exitFail
	}
	return exitOK
}

// lintFiles lints each document and reports its findings; a file is invalid when a finding is
// at least as severe as failAt.
func lintFiles(names []string, datas [][]byte, opts lint.Options, failAt lint.Severity, asJSON bool, stdout io.Writer) int {
	out := lintOut{Files: []lintFileOut{}}
	for i, data := range datas {
		fo := lintFileOut{File: names[i], Valid: true, Findings: []lintFinding{}}
		for _, f := range opts.Lint(data) {
			if f.Severity <= failAt {
				fo.Valid = false
			}
			fo.Findings = append(fo.Findings, lintFinding{File: names[i], Code: string(f.Code), Severity: f.Severity.String(),
				Path: f.Path, Line: f.Line, Col: f.Col, Message: f.Message})
		}
		if fo.Valid {
			out.Valid++
		} else {
			out.Invalid++
		}
		out.Files = append(out.Files, fo)
	}
	if asJSON {
		writeJSON(stdout, out)
	} else {
		for _, fo := range out.Files {
			for _, f := range fo.Findings {
				fmt.Fprintf(stdout, "%s:%d:%d: %s %s: %s\n", f.File, f.Line, f.Col, f.Severity, f.Code, f.Message)
			}
		}
		fmt.Fprintf(stdout, "%d valid, %d invalid\n", out.Valid, out.Invalid)
	}
	if out.Invalid > 0 {
		return exitFail
	}
	return exitOK
}

// validateOne parses one document with the rules of kind and collects its findings: the
// errors of a rejected document, or the warnings of an accepted one.
func validateOne(name string, data []byte, kind policy.Kind) fileOut {
	res := fileOut{File: name, Findings: []finding{}}
	p, err := policy.Options{Name: name, Kind: kind}.Parse(data)
	if err != nil {
		res.Findings = append(res.Findings, policyFindings(name, err)...)
		return res
	}
	res.Valid = true
	res.Findings = append(res.Findings, policyFindings(name, p.Check(kind).Warnings())...)
	return res
}
