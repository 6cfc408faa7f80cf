package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamgo/iam/policy"
)

// newFlags returns a flag set that reports errors instead of printing them and exiting; the
// commands print their own usage text.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("iamcheck "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args with fs, allowing flags between positional arguments (Go's flag
// package stops at the first one). It returns the positional arguments. "--" ends the flags.
// help is true when --help or -h was given.
func parseFlags(fs *flag.FlagSet, args []string) (pos []string, help bool, err error) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, true, nil
			}
			return nil, false, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, false, nil
		}
		// fs.Parse stops at the first non-flag argument or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), false, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// maxPolicyBytes is the most iamcheck reads of a policy document: the parser's own limit
// (the commands leave policy.Options.MaxBytes at zero, which means policy.DefaultMaxBytes, and
// have no flag to change it), so a longer document would be refused anyway.
const maxPolicyBytes = policy.DefaultMaxBytes

// readInput reads a file, or standard input for "-", of at most limit bytes. Every policy file
// and standard input are read through it (scenario.Load reads the scenario files found on disk,
// in the same way). It reads at most limit+1 bytes, whatever the source: a pipe,
// /dev/zero or a file that grows has no size to trust, so time and memory stay bounded. An
// input longer than limit is refused with a *tooLargeError.
func readInput(name string, stdin io.Reader, limit int64) ([]byte, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &tooLargeError{name: name, limit: limit}
	}
	return data, nil
}

// tooLargeError is an input longer than the limit of readInput; no more than limit+1 bytes of
// it were read.
type tooLargeError struct {
	name  string
	limit int64
}

func (e *tooLargeError) Error() string {
	return displayName(e.name) + ": " + tooLargeMessage(e.limit)
}

// tooLargeMessage says that an input exceeds limit, in the words of every such finding.
func tooLargeMessage(limit int64) string {
	size := ""
	if limit >= 1<<20 && limit%(1<<20) == 0 {
		size = fmt.Sprintf(" (%d MiB)", limit>>20)
	}
	return fmt.Sprintf("larger than the limit of %d bytes%s; not read further", limit, size)
}

// displayName is how a file is named in messages.
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// finding is one error or warning about an input, in the --json schema (ERROR).
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Path     string `json:"path,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message"`
}

// String renders the finding as FILE:LINE:COL: PATH: message.
func (f finding) String() string {
	var b strings.Builder
	b.WriteString(f.File)
	if f.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", f.Line, f.Column)
	}
	b.WriteString(": ")
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	if f.Severity == "warning" {
		b.WriteString("warning: ")
	}
	b.WriteString(f.Message)
	return b.String()
}

// policyFindings converts a policy error (usually a policy.ErrorList) into findings for file.
func policyFindings(file string, err error) []finding {
	var list policy.ErrorList
	if errors.As(err, &list) {
		out := make([]finding, 0, len(list))
		for _, e := range list {
			out = append(out, fromPolicyError(file, e))
		}
		return out
	}
	var one *policy.Error
	if errors.As(err, &one) {
		return []finding{fromPolicyError(file, one)}
	}
	return []finding{{File: file, Severity: "error", Message: err.Error()}}
}

func fromPolicyError(file string, e *policy.Error) finding {
	return finding{
		File: file, Line: e.Line, Column: e.Col, Path: e.Path,
		Severity: e.Severity.String(), Code: string(e.Code), Message: e.Msg,
	}
}

// inputError is bad input found before any decision: the findings say where.
type inputError struct{ findings []finding }

func (e *inputError) Error() string {
	lines := make([]string, len(e.findings))
	for i, f := range e.findings {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// fail reports err (an *inputError, a *usageError or anything else) of command cmd and
// returns exit code 2.
// With asJSON the findings go to stdout as {"errors": [...]}; otherwise to stderr as lines.
func fail(err error, cmd string, asJSON bool, stdout, stderr io.Writer) int {
	var fs []finding
	var ie *inputError
	var ue *usageError
	switch {
	case errors.As(err, &ie):
		fs = ie.findings
	case errors.As(err, &ue):
		fs = []finding{{File: "iamcheck", Severity: "error", Code: "usage", Message: ue.msg}}
	default:
		fs = []finding{{File: "iamcheck", Severity: "error", Message: err.Error()}}
	}
	if asJSON {
		writeJSON(stdout, struct {
			Errors []finding `json:"errors"`
		}{fs})
		return exitUsage
	}
	if ue != nil {
		fmt.Fprintf(stderr, "iamcheck %s: %s\nRun \"iamcheck %s --help\" for usage.\n", cmd, ue.msg, cmd)
		return exitUsage
	}
	for _, f := range fs {
		fmt.Fprintln(stderr, f.String())
	}
	return exitUsage
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// readErrorFinding describes a file that could not be read, or was too large to read.
func readErrorFinding(name string, err error) finding {
	var tl *tooLargeError
	if errors.As(err, &tl) {
		return finding{File: displayName(name), Severity: "error", Code: codeTooLarge, Message: tooLargeMessage(tl.limit)}
	}
	msg := err.Error()
	var pe *os.PathError
	if errors.As(err, &pe) {
		msg = "cannot read: " + pe.Err.Error()
	}
	return finding{File: displayName(name), Severity: "error", Code: "read", Message: msg}
}

// codeTooLarge is the code of a finding about an input over its size limit, the parser's
// code for a document over Options.MaxBytes.
const codeTooLarge = string(policy.CodeTooLarge)
