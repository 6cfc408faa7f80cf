package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The bundled change widens lambda:UpdateFunctionCode to lambda:UpdateFunction*: the step
// fails and names a witness, allowed by the widened statement. readers.json is unchanged.
func TestBundledChangeFails(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(nil, &out, &errb)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errb.String())
	}
	s := out.String()
	for _, want := range []string{"FAIL  deploy-bot.json", "--action lambda:UpdateFunction", "--context aws:SourceIp=203.0.113.0", "UpdateFunctions", "ok    readers.json"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "--action lambda:UpdateFunctionCode ") {
		t.Errorf("the witness must be an action the base did not grant:\n%s", s)
	}
}

// Comparing a revision with itself passes.
func TestSameRevisionPasses(t *testing.T) {
	var out, errb bytes.Buffer
	base := filepath.Join("policies", "base")
	if code := run([]string{"-base", base, "-head", base}, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
}

// A narrowing change (head as base, base as head) passes.
func TestNarrowingPasses(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-base", filepath.Join("policies", "head"), "-head", filepath.Join("policies", "base")}, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
}
