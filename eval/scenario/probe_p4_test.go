package scenario_test

// Probes of the scenario format (issue 14, C5.0): inputs the loader could read in a way that
// loses information. Each is refused with FILE:LINE:COL and what, or, where the loader
// normalizes, shown not to change a decision.

import (
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/eval/scenario"
)

// p4File is a scenario whose identity policy allows when aws:UserAgent equals the replacement
// character U+FFFD, with ctx as the request's context members.
func p4File(ctx string) string {
	return `{"name":"p4","source":"probe","policies":{"identity":[{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:UserAgent":"\ufffd"},"Bool":{"aws:SecureTransport":"true"}}}]}]},
 "requests":[{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k",
  "resourceAccount":"111122223333","context":{` + ctx + `}}]}`
}

func TestProbeP4Scenario(t *testing.T) {
	for _, c := range []struct {
		name string
		ctx  string
		err  string // "" for a file that loads
		want eval.Decision
	}{
		// L11.1, C5.0 (probe P4): gjson reads an unpaired surrogate escape as U+FFFD, so the
		// malformed value "\ud800" became a valid one that the policy's "\ufffd" matched: Allow.
		{"lone high surrogate in a value", `"aws:UserAgent":"\ud800","aws:SecureTransport":true`, "p4.json:4:64: lone surrogate escape", 0},
		{"lone low surrogate in a key", `"aws:UserAgent\udc00":"x","aws:SecureTransport":true`, "p4.json:4:61: lone surrogate escape", 0},
		{"reversed pair", `"aws:UserAgent":"\udc00\ud800","aws:SecureTransport":true`, "lone surrogate escape", 0},
		// A paired escape is a character: it loads, and does not equal U+FFFD.
		{"surrogate pair", `"aws:UserAgent":"\ud83d\ude00","aws:SecureTransport":true`, "", eval.ImplicitDeny},
		// The replacement character itself is a character like any other.
		{"U+FFFD itself", `"aws:UserAgent":"\ufffd","aws:SecureTransport":true`, "", eval.Allow},
		// C5.8: JSON true stands for "true", what Bool reads: no decision changes (documented).
		{"boolean true", `"aws:UserAgent":"\ufffd","aws:SecureTransport":true`, "", eval.Allow},
		{"string true", `"aws:UserAgent":"\ufffd","aws:SecureTransport":"true"`, "", eval.Allow},
		// G1.14, C5.2: a key repeated through an escape is the same key: refused, never "first wins".
		{"duplicate key spelled with an escape", `"aws:UserAgent":"\ufffd","aws:SecureTransport":false,"aws:Secure\u0054ransport":true`, "duplicate key", 0},
		{"duplicate key with other case", `"aws:UserAgent":"\ufffd","aws:SecureTransport":false,"AWS:SecureTransport":true`, "given twice", 0},
		{"nested object value", `"aws:UserAgent":"\ufffd","aws:SecureTransport":{"v":true}`, "expected a string, number or boolean, got an object", 0},
	} {
		t.Run("C5.0 "+c.name, func(t *testing.T) {
			f, err := scenario.Parse("p4.json", []byte(p4File(c.ctx)))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("Parse: %v, want an error with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rs, err := scenario.Run(f, eval.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rs[0].Got != c.want {
				t.Fatalf("got %v, want %v\n%s", rs[0].Got, c.want, rs[0].Explanation)
			}
		})
	}
}
