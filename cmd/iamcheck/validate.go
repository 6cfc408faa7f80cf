package main

import (
	"fmt"
	"io"

	"github.com/iamgo/iam/policy"
)

const validateUsage = `Usage: iamcheck validate [--kind KIND] [--json] FILE...

Checks policy documents for everything AWS rejects (JSON syntax, duplicate keys, unknown or
mis-cased elements, wrong types, malformed actions, resources and principals, unknown condition
operators, condition values their operator cannot read) and, with --kind, the rules of that
policy kind. Prints every error and warning as FILE:LINE:COL: PATH: message. "-" reads
standard input.

Flags:
  --kind KIND   identity, resource, trust, boundary, session, scp or rcp; without it only the
                rules common to every kind are checked
  --json        write the findings as JSON (schema: go doc github.com/iamgo/iam/cmd/iamcheck)

Exit status: 0 every file is valid (warnings allowed), 1 some file is invalid, 2 usage error
or unreadable file.
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

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("validate")
	kindName := fs.String("kind", "", "")
	jsonOut := fs.Bool("json", false, "")
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

	out := validateOut{Files: []fileOut{}}
	var unreadable []finding
	for _, name := range files {
		data, err := readInput(name, stdin, maxPolicyBytes)
		if err != nil {
			unreadable = append(unreadable, readErrorFinding(name, err))
			continue
		}
		out.Files = append(out.Files, validateOne(displayName(name), data, kind))
	}
	if len(unreadable) > 0 {
		return fail(&inputError{unreadable}, "validate", asJSON, stdout, stderr)
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
