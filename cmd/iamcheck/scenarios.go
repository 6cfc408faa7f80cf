package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/eval/scenario"
)

const testUsage = `Usage: iamcheck test [--json] [-v] FILE|DIR...

Runs scenario files (the format of the project's reference-decision corpus: policies, requests,
expected decisions) and prints one line per failing request with the expected and actual
decision, followed by the explanation. Directories are searched recursively for *.json files;
"-" reads one scenario from standard input. The last line is exactly "N passed, M failed".
Arguments that name no scenario file (only directories without *.json files) are an error:
one line on standard error, exit 1.

A scenario file that cannot be loaded (bad JSON, an unknown field, a policy that does not
parse, a request without a required field) counts as one failure and is reported with
FILE:LINE:COL: PATH: message.

Flags:
  --json   write every result as JSON (schema: go doc github.com/iamgo/iam/cmd/iamcheck)
  -v       also print a line for every passing request

Exit status: 0 every request passed, 1 a request failed, a file did not load or no file was
found, 2 usage error or unreadable standard input.
`

type resultOut struct {
	File        string `json:"file"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	Scenario    string `json:"scenario"`
	Request     string `json:"request"`
	Expected    string `json:"expected,omitempty"`
	Actual      string `json:"actual"`
	Pass        bool   `json:"pass"`
	Reason      string `json:"reason"`
	Explanation string `json:"explanation"`
}

type testOut struct {
	Results []resultOut `json:"results"`
	Errors  []finding   `json:"errors"`
	Passed  int         `json:"passed"`
	Failed  int         `json:"failed"`
}

func runTest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("test")
	jsonOut := fs.Bool("json", false, "")
	verbose := fs.Bool("v", false, "")
	paths, help, err := parseFlags(fs, args)
	asJSON := *jsonOut || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, testUsage)
		return exitOK
	}
	if err != nil {
		return fail(&usageError{err.Error()}, "test", asJSON, stdout, stderr)
	}
	if len(paths) == 0 {
		return fail(&usageError{"no scenario files or directories given"}, "test", asJSON, stdout, stderr)
	}

	// Missing paths are usage errors; files that exist but do not load are failures.
	var missing []finding
	var onDisk []string
	useStdin := false
	for _, p := range paths {
		if p == "-" {
			if useStdin {
				return fail(&usageError{`"-" (standard input) can be given only once`}, "test", asJSON, stdout, stderr)
			}
			useStdin = true
			continue
		}
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, readErrorFinding(p, err))
			continue
		}
		onDisk = append(onDisk, p)
	}
	if len(missing) > 0 {
		return fail(&inputError{missing}, "test", asJSON, stdout, stderr)
	}

	var files []*scenario.File
	var loadErrs []error
	if useStdin {
		data, err := readInput("-", stdin, scenario.MaxFileBytes)
		if err != nil {
			return fail(&inputError{[]finding{readErrorFinding("-", err)}}, "test", asJSON, stdout, stderr)
		}
		f, err := scenario.Parse("<stdin>", data)
		if err != nil {
			loadErrs = append(loadErrs, err)
		} else {
			files = append(files, f)
		}
	}
	if len(onDisk) > 0 {
		fsOnDisk, err := scenario.LoadAll(onDisk...)
		files = append(files, fsOnDisk...)
		loadErrs = append(loadErrs, splitErrors(err)...)
	}
	if len(files) == 0 && len(loadErrs) == 0 {
		// Only directories without a *.json file were given: nothing ran, which is not a pass.
		msg := "no scenario files in " + strings.Join(onDisk, ", ")
		if asJSON {
			writeJSON(stdout, testOut{Results: []resultOut{}, Errors: []finding{{File: "iamcheck", Severity: "error", Code: "no-scenarios", Message: msg}}})
		} else {
			fmt.Fprintf(stderr, "iamcheck test: %s\n", msg)
		}
		return exitFail
	}

	out := testOut{Results: []resultOut{}, Errors: []finding{}}
	for _, e := range loadErrs {
		out.Errors = append(out.Errors, scenarioFinding(e))
		out.Failed++
	}
	for _, f := range files {
		results, err := scenario.Run(f, eval.Options{})
		if err != nil {
			out.Errors = append(out.Errors, scenarioFinding(err))
			out.Failed++
			continue
		}
		for _, r := range results {
			ro := resultOut{
				File: f.Path, Line: r.Request.Line, Column: r.Request.Col,
				Scenario: f.Name, Request: r.Request.Label(),
				Actual: r.Got.String(), Pass: r.Pass,
				Reason: r.Explanation.Reason, Explanation: r.Explanation.String(),
			}
			if r.Request.HasExpect {
				ro.Expected = r.Request.Expect.String()
			}
			if r.Pass {
				out.Passed++
			} else {
				out.Failed++
			}
			out.Results = append(out.Results, ro)
		}
	}

	if asJSON {
		writeJSON(stdout, out)
	} else {
		for _, e := range out.Errors {
			fmt.Fprintln(stdout, e.String())
		}
		for _, r := range out.Results {
			if r.Pass && !*verbose {
				continue
			}
			status := "FAIL"
			if r.Pass {
				status = "ok"
			}
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %q / %q: expected %s, got %s\n",
				r.File, r.Line, r.Column, status, r.Scenario, r.Request, orNone(r.Expected), r.Actual)
			if !r.Pass {
				for _, line := range strings.Split(strings.TrimRight(r.Explanation, "\n"), "\n") {
					fmt.Fprintf(stdout, "    %s\n", line)
				}
			}
		}
		fmt.Fprintf(stdout, "%d passed, %d failed\n", out.Passed, out.Failed)
	}
	if out.Failed > 0 {
		return exitFail
	}
	return exitOK
}

func orNone(s string) string {
	if s == "" {
		return "(no expectation)"
	}
	return s
}

// splitErrors undoes errors.Join.
func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// scenarioFinding converts a scenario load or compile error into a finding.
func scenarioFinding(err error) finding {
	var se *scenario.Error
	if errors.As(err, &se) {
		return finding{File: se.File, Line: se.Line, Column: se.Col, Path: se.Path, Severity: "error", Code: "scenario", Message: se.Msg}
	}
	var tl *scenario.TooLargeError
	if errors.As(err, &tl) {
		return finding{File: tl.Path, Severity: "error", Code: codeTooLarge, Message: tooLargeMessage(tl.Limit)}
	}
	return finding{File: "iamcheck", Severity: "error", Message: err.Error()}
}
