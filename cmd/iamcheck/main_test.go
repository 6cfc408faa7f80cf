package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// files writes name → content into a fresh directory and returns the directory.
func files(t testing.TB, m map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range m {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(stdin string, args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

const (
	alicePolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/reports/*"
    },
    {
      "Sid": "FromOffice",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::example-bucket/*",
      "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
    },
    {
      "Sid": "NoSecrets",
      "Effect": "Deny",
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::example-bucket/reports/secret/*"
    },
    {
      "Sid": "TaggedOnly",
      "Effect": "Allow",
      "Action": "s3:PutObjectTagging",
      "Resource": "*",
      "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}
    },
    {
      "Sid": "BeforeNewYear",
      "Effect": "Allow",
      "Action": "s3:DeleteObject",
      "Resource": "*",
      "Condition": {"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}}
    }
  ]
}`
	allowAll    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	onlyEC2     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
	badEffect   = `{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}`
	trustPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x-123"}}}]}`
)

const alice = "arn:aws:iam::111122223333:user/alice"

func TestEval(t *testing.T) {
	dir := files(t, map[string]string{
		"alice.json": alicePolicy, "all.json": allowAll, "ec2.json": onlyEC2,
		"bad.json": badEffect, "trust.json": trustPolicy, "empty.json": "",
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	base := func(action, resource string, more ...string) []string {
		return append([]string{"eval", "--identity", p("alice.json"), "--principal", alice,
			"--action", action, "--resource", resource, "--resource-account", "111122223333"}, more...)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string // substrings of stdout (codes 0, 1) or stderr (code 2)
	}{
		{"identity allow, same account (E7.4)", base("s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv"),
			0, []string{"Allow (allowed)", "alice.json:4:5 Statement[0] Sid \"ReadReports\" [identity]"}},
		{"action compared without case (A2.2)", base("S3:getobject", "arn:aws:s3:::example-bucket/reports/q1.csv"),
			0, []string{"Allow"}},
		{"explicit deny wins (E7.1)", base("s3:GetObject", "arn:aws:s3:::example-bucket/reports/secret/k"),
			1, []string{"ExplicitDeny (explicit-deny)", "Sid \"NoSecrets\""}},
		{"condition key missing: no allow, key reported (C5.0, M10.3)", base("s3:PutObject", "arn:aws:s3:::example-bucket/x"),
			1, []string{"ImplicitDeny (no-allow); no Allow in: identity", "missing context keys: aws:SourceIp"}},
		{"condition met by --context (C5.x IpAddress)", base("s3:PutObject", "arn:aws:s3:::example-bucket/x", "--context", "aws:SourceIp=203.0.113.9"),
			0, []string{"Allow", "Sid \"FromOffice\""}},
		{"multivalued key via comma (C5.14 ForAnyValue)", base("s3:PutObjectTagging", "arn:aws:s3:::example-bucket/x", "--context", "aws:TagKeys=owner,team"),
			0, []string{"Sid \"TaggedOnly\""}},
		{"multivalued key via repetition (C5.14 ForAnyValue)", base("s3:PutObjectTagging", "arn:aws:s3:::example-bucket/x", "--context", "aws:TagKeys=owner", "--context", "aws:TagKeys=team"),
			0, []string{"Sid \"TaggedOnly\""}},
		// C5.2, C5.0 (2026-12, probe P4): a key repeated with other letter case is refused, not
		// merged: aws:ResourceTag/Env and aws:ResourceTag/env may be two tags, and merging made
		// a ForAnyValue: Allow apply where the evaluator refuses the request.
		{"key repeated with other case is refused (C5.2)", base("s3:PutObjectTagging", "arn:aws:s3:::example-bucket/x", "--context", "aws:TagKeys=owner", "--context", "aws:tagkeys=team"),
			2, []string{`--context: context key "aws:tagkeys" repeats "aws:TagKeys" with other letter case`}},
		{"no tag key matches (C5.14)", base("s3:PutObjectTagging", "arn:aws:s3:::example-bucket/x", "--context", "aws:TagKeys=owner,cost"),
			1, []string{"ImplicitDeny"}},
		{"--now supplies aws:CurrentTime (C5.x DateLessThan)", base("s3:DeleteObject", "arn:aws:s3:::example-bucket/x", "--now", "2026-12-01T10:00:00Z"),
			0, []string{"Sid \"BeforeNewYear\""}},
		{"--now after the date (C5.x DateLessThan)", base("s3:DeleteObject", "arn:aws:s3:::example-bucket/x", "--now", "2027-02-01T10:00:00Z"),
			1, []string{"ImplicitDeny"}},
		{"no time at all: the clock is never read (C5.0)", base("s3:DeleteObject", "arn:aws:s3:::example-bucket/x"),
			1, []string{"missing context keys: aws:CurrentTime"}},
		{"S3 ARN without account and no --resource-account: cross-account (X8.3)",
			[]string{"eval", "--identity", p("alice.json"), "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::example-bucket/reports/q1.csv"},
			1, []string{"ImplicitDeny"}},
		{"SCP level without an allow (E7.3)", base("s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv", "--scp", p("all.json"), "--scp", p("ec2.json")),
			1, []string{"no Allow in: scp level 1"}},
		{"SCP levels that allow (E7.3)", base("s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv", "--scp", p("all.json")+","+p("ec2.json"), "--scp", p("all.json")),
			0, []string{"Allow"}},
		{"boundary narrows (E7.6)", base("s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv", "--boundary", p("ec2.json")),
			1, []string{"no Allow in: boundary"}},
		{"trust policy decides AssumeRole with the caller's identity side (S9.1, X8.1)",
			[]string{"eval", "--identity", p("all.json"), "--trust-policy", p("trust.json"), "--principal", "arn:aws:iam::444455556666:user/bob",
				"--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/deploy", "--context", "sts:ExternalId=x-123"},
			0, []string{"Allow", "[resource"}},
		{"trust policy condition fails (S9.1)",
			[]string{"eval", "--identity", p("all.json"), "--trust-policy", p("trust.json"), "--principal", "arn:aws:iam::444455556666:user/bob",
				"--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/deploy", "--context", "sts:ExternalId=wrong"},
			1, []string{"ImplicitDeny"}},
		{"flags after positional separators still parse", append(base("s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv"), "--", "extra"),
			2, []string{`unexpected argument "extra"`}},
		{"invalid policy: file, line:col, path, what", base("s3:GetObject", "*", "--identity", p("bad.json")),
			2, []string{"bad.json:1:48: Statement[0].Effect: expected \"Allow\" or \"Deny\""}},
		{"empty policy file", []string{"eval", "--identity", p("empty.json"), "--principal", alice, "--action", "s3:GetObject", "--resource", "*"},
			2, []string{"empty.json:"}},
		{"missing file", base("s3:GetObject", "*", "--identity", p("nope.json")),
			2, []string{"nope.json: cannot read"}},
		{"missing required flags", []string{"eval", "--principal", alice},
			2, []string{"missing --action, --resource", `Run "iamcheck eval --help"`}},
		{"unknown flag", base("s3:GetObject", "*", "--bogus"),
			2, []string{"flag provided but not defined: -bogus"}},
		{"bad --context", base("s3:GetObject", "*", "--context", "novalue"),
			2, []string{`--context: expected KEY=VALUE, got "novalue"`}},
		{"bad --now", base("s3:GetObject", "*", "--now", "yesterday"),
			2, []string{"--now: expected an RFC 3339 time"}},
		{"both resource and trust policy", base("s3:GetObject", "*", "--resource-policy", p("trust.json"), "--trust-policy", p("trust.json")),
			2, []string{"not both"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI("", tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			text := r.stdout
			if tc.code == 2 {
				text = r.stderr
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestEvalStdinAndJSON(t *testing.T) {
	r := runCLI(alicePolicy, "eval", "--json", "--identity", "-", "--principal", alice,
		"--action", "s3:PutObject", "--resource", "arn:aws:s3:::example-bucket/x", "--resource-account", "111122223333")
	// Same account, the only statement for s3:PutObject needs aws:SourceIp: implicit deny (C5.0, E7.4).
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; %s %s", r.code, r.stdout, r.stderr)
	}
	var got explanationOut
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if got.Decision != "ImplicitDeny" || got.Reason != "no-allow" || got.FailedLayer != "identity" ||
		len(got.MissingKeys) != 1 || got.MissingKeys[0] != "aws:SourceIp" || r.stderr != "" {
		t.Errorf("got %+v, stderr %q", got, r.stderr)
	}

	r = runCLI(alicePolicy, "eval", "--json", "--identity", "-", "--principal", alice,
		"--action", "s3:GetObject", "--resource", "arn:aws:s3:::example-bucket/reports/a", "--resource-account", "111122223333")
	var allow explanationOut
	if err := json.Unmarshal([]byte(r.stdout), &allow); err != nil || r.code != 0 {
		t.Fatalf("exit %d, err %v\n%s", r.code, err, r.stdout)
	}
	// The ReadReports statement allows (E7.4); it starts at line 4, column 5.
	if len(allow.Matched) != 1 || allow.Matched[0].Sid != "ReadReports" || allow.Matched[0].Line != 4 ||
		allow.Matched[0].Column != 5 || allow.Matched[0].Policy != "<stdin>" || allow.Matched[0].Effect != "Allow" {
		t.Errorf("matched = %+v", allow.Matched)
	}

	// Bad input with --json: errors as JSON on stdout, exit 2.
	r = runCLI(badEffect, "eval", "--json", "--identity", "-", "--identity", "-", "--principal", alice, "--action", "s3:GetObject", "--resource", "*")
	var errs struct{ Errors []finding }
	if err := json.Unmarshal([]byte(r.stdout), &errs); err != nil || r.code != 2 {
		t.Fatalf("exit %d, err %v\n%s", r.code, err, r.stdout)
	}
	if len(errs.Errors) != 2 || errs.Errors[0].Path != "Statement[0].Effect" || errs.Errors[0].Line != 1 ||
		errs.Errors[0].Column != 48 || errs.Errors[0].Code != "effect" || !strings.Contains(errs.Errors[1].Message, "only once") {
		t.Errorf("errors = %+v", errs.Errors)
	}
}

func TestValidate(t *testing.T) {
	dir := files(t, map[string]string{
		"ok.json": allowAll, "bad.json": badEffect, "trust.json": trustPolicy,
		"dup.json":  `{"Version":"2012-10-17","Version":"2012-10-17","Statement":[]}`,
		"pub.json":  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
		"junk.json": "{\"Version\": \"2012-10-17\",\n  \"Statement\": [\n",
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name string
		args []string
		in   string
		code int
		want []string
	}{
		{"valid file", []string{"validate", p("ok.json")}, "", 0, []string{"1 valid, 0 invalid"}},
		{"invalid Effect (G1.6)", []string{"validate", p("ok.json"), p("bad.json")}, "", 1,
			[]string{p("bad.json") + ":1:48: Statement[0].Effect: expected", "1 valid, 1 invalid"}},
		{"duplicate key (G1.14)", []string{"validate", p("dup.json")}, "", 1, []string{p("dup.json") + ":1:", "duplicate"}},
		{"truncated JSON (L11.1)", []string{"validate", p("junk.json")}, "", 1, []string{p("junk.json") + ":"}},
		{"trust policy is not an identity policy (G1.9)", []string{"validate", "--kind", "identity", p("trust.json")}, "", 1,
			[]string{"Statement[0].Principal"}},
		{"trust policy as trust kind", []string{"validate", p("trust.json"), "--kind", "trust"}, "", 0, []string{"1 valid, 0 invalid"}},
		{"public bucket policy is valid with a warning (L11.3)", []string{"validate", "--kind", "resource", p("pub.json")}, "", 0,
			[]string{"warning:", "1 valid, 0 invalid"}},
		{"stdin", []string{"validate", "-"}, badEffect, 1, []string{"<stdin>:1:48: Statement[0].Effect"}},
		{"unknown kind", []string{"validate", "--kind", "bogus", p("ok.json")}, "", 2, nil},
		{"no files", []string{"validate"}, "", 2, nil},
		{"stdin twice", []string{"validate", "-", "-"}, "", 2, nil},
		{"unreadable file", []string{"validate", p("nope.json")}, "", 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// These cases check the grammar-only output; lint_test.go checks the default.
			args := append([]string{"validate", "--lint=false"}, tc.args[1:]...)
			r := runCLI(tc.in, args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			if tc.code == 2 && r.stderr == "" {
				t.Errorf("exit 2 without a message on stderr")
			}
		})
	}

	r := runCLI("", "validate", "--lint=false", "--json", p("ok.json"), p("bad.json"))
	var got validateOut
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 1 {
		t.Fatalf("exit %d, err %v\n%s", r.code, err, r.stdout)
	}
	if got.Valid != 1 || got.Invalid != 1 || len(got.Files) != 2 || !got.Files[0].Valid || got.Files[1].Valid ||
		len(got.Files[1].Findings) != 1 || got.Files[1].Findings[0].Code != "effect" || got.Files[1].Findings[0].Severity != "error" {
		t.Errorf("got %+v", got)
	}
}

func scenarioFile(expect string) string {
	return `{
  "name": "user reads a report",
  "source": "E7.4: an identity-policy Allow suffices in the same account",
  "policies": {"identity": [` + allowAll + `]},
  "requests": [
    {"name": "read", "principal": "` + alice + `", "action": "s3:GetObject",
     "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333", "expect": "` + expect + `"}
  ]
}`
}

func TestScenarios(t *testing.T) {
	dir := files(t, map[string]string{
		"pass.json":    scenarioFile("Allow"),
		"fail.json":    scenarioFile("ExplicitDeny"),
		"broken.json":  "{\n  \"name\": \"x\",\n  \"bogus\": 1\n}",
		"README.md":    "not a scenario",
		"unknown.json": strings.Replace(scenarioFile("Allow"), `"Allow"}`, `"Maybe"}`, 1),
	})
	sub := files(t, map[string]string{"pass.json": scenarioFile("Allow")})
	p := func(name string) string { return filepath.Join(dir, name) }

	r := runCLI("", "test", p("pass.json"), sub)
	if r.code != 0 || !strings.HasSuffix(r.stdout, "2 passed, 0 failed\n") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI("", "test", "-v", p("pass.json"))
	if r.code != 0 || !strings.Contains(r.stdout, `ok: "user reads a report" / "read": expected Allow, got Allow`) {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	// The identity policy allows, so the run differs from the wrong expectation (E7.4).
	r = runCLI("", "test", p("fail.json"))
	if r.code != 1 || !strings.Contains(r.stdout, p("fail.json")+":6:5: FAIL: \"user reads a report\" / \"read\": expected ExplicitDeny, got Allow") ||
		!strings.Contains(r.stdout, "    Allow (allowed)") || !strings.HasSuffix(r.stdout, "0 passed, 1 failed\n") ||
		// Statement positions are those of the scenario file (line 4 holds the inline policy).
		!strings.Contains(r.stdout, p("fail.json")+"#policies.identity[0]:4:") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	// A directory: every *.json file, README skipped; broken files are failures with a position.
	r = runCLI("", "test", dir)
	if r.code != 1 || !strings.Contains(r.stdout, p("broken.json")+":3:3:") || !strings.Contains(r.stdout, p("unknown.json")+":") ||
		!strings.HasSuffix(r.stdout, "1 passed, 3 failed\n") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	r = runCLI(scenarioFile("Allow"), "test", "-")
	if r.code != 0 || r.stdout != "1 passed, 0 failed\n" {
		t.Errorf("stdin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI("", "test", "--json", p("pass.json"), p("fail.json"), p("broken.json"))
	var got testOut
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 1 {
		t.Fatalf("exit %d, err %v\n%s", r.code, err, r.stdout)
	}
	if got.Passed != 1 || got.Failed != 2 || len(got.Results) != 2 || len(got.Errors) != 1 ||
		got.Results[0].Expected != "ExplicitDeny" || got.Results[0].Actual != "Allow" || got.Results[0].Pass ||
		!got.Results[1].Pass || got.Errors[0].Line != 3 {
		t.Errorf("got %+v", got)
	}
	for _, args := range [][]string{{"test"}, {"test", p("nope.json")}, {"test", "-", "-"}, {"test", "--bogus", p("pass.json")}} {
		if r := runCLI("", args...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestCorpusPasses(t *testing.T) {
	r := runCLI("", "test", "../../testdata/scenarios")
	if r.code != 0 || !strings.HasSuffix(r.stdout, " passed, 0 failed\n") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func TestHelpAndUsage(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"help", "eval"}, {"eval", "--help"}, {"validate", "-h"}, {"test", "--help"}} {
		r := runCLI("", args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage") || !strings.Contains(r.stdout, "xit") {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stdout)
		}
	}
	for _, args := range [][]string{{}, {"frobnicate"}} {
		if r := runCLI("", args...); r.code != 2 || !strings.Contains(r.stderr, "Usage") {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
}

// FuzzCommands feeds arbitrary bytes as a policy and as a scenario: the commands must answer
// with an exit code and a message, never an internal error.
func FuzzCommands(f *testing.F) {
	f.Add([]byte(alicePolicy))
	f.Add([]byte(badEffect))
	f.Add([]byte(scenarioFile("Allow")))
	f.Add([]byte(`{"Statement":{"Effect":"Deny","NotAction":"*","NotResource":["*"],"Condition":{"ForAllValues:StringLikeIfExists":{"a":["${x}"]}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, args := range [][]string{
			{"validate", "-"},
			{"validate", "--kind", "resource", "-"},
			{"eval", "--identity", "-", "--principal", alice, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"},
			{"eval", "--resource-policy", "-", "--principal", "anonymous", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"},
			{"test", "-"},
		} {
			r := runCLI(string(data), args...)
			if strings.Contains(r.stderr, "internal error") || r.code < 0 || r.code > 2 {
				t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
			}
		}
	})
}

// TestReadmeQuickStart runs the README's first set-up command (without "go run
// ./cmd/iamcheck") from the repository root, so that the quick start keeps working.
func TestReadmeQuickStart(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "go run ./cmd/iamcheck "
	var line string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, prefix) {
			line = strings.TrimPrefix(l, prefix)
			break
		}
	}
	if line == "" {
		t.Fatal("README has no quick-start iamcheck command")
	}
	args := strings.Fields(line)
	for i, a := range args {
		if strings.HasPrefix(a, "examples/") {
			args[i] = "../../" + a // the test runs in cmd/iamcheck
		}
	}
	// alice.json allows s3:GetObject on the reports prefix, same account: Allow (E7.4).
	r := runCLI("", args...)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Allow (allowed)") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestEvalWarnings(t *testing.T) {
	dir := files(t, map[string]string{
		"public.json": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}`,
	})
	args := []string{"eval", "--resource-policy", filepath.Join(dir, "public.json"), "--principal", "anonymous",
		"--action", "s3:GetObject", "--resource", "arn:aws:s3:::site/index.html", "--resource-account", "111122223333"}
	// A public bucket policy allows anonymous reads (P4.9); validation warns that it is public (L11.3).
	r := runCLI("", args...)
	if r.code != 0 || !strings.Contains(r.stderr, "public.json:1:") || !strings.Contains(r.stderr, "warning:") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI("", append(args, "--json")...)
	var got explanationOut
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, err %v, stderr %q", r.code, err, r.stderr)
	}
	if got.Decision != "Allow" || len(got.Warnings) != 1 || got.Warnings[0].Code != "public" || got.Warnings[0].Severity != "warning" {
		t.Errorf("got %+v", got)
	}
}
