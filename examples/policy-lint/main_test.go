package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestLintDir(t *testing.T) {
	var out bytes.Buffer
	bad, err := lintDir(&out, "")
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	// good.json: nothing to report; typos.json: an unknown action (INVALID_ACTION, with a "did
	// you mean") and a numeric operator on an IP key (TYPE_MISMATCH); passrole.json: iam:PassRole
	// on "*" (PASS_ROLE_WITH_STAR_IN_RESOURCE, a security warning, not an error).
	for _, want := range []string{"typos.json:", "INVALID_ACTION", "GetObject", "TYPE_MISMATCH", "passrole.json:", "PASS_ROLE_WITH_STAR_IN_RESOURCE"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "good.json:") {
		t.Errorf("good.json has findings:\n%s", text)
	}
	if bad != 1 {
		t.Errorf("%d policies with errors, want 1 (typos.json)\n%s", bad, text)
	}
}
