package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	cmpOld = `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`
	cmpNew = `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.112.0/23"}}}]}`
	bucket = `{"Version":"2012-10-17","Statement":[{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	orgBkt = `{"Version":"2012-10-17","Statement":[{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}`
	scpOld = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`
	scpNew = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}}]}`
	varPol = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}`
)

func TestCompareCommand(t *testing.T) {
	dir := files(t, map[string]string{"old.json": cmpOld, "new.json": cmpNew, "bucket.json": bucket, "org.json": orgBkt, "var.json": varPol, "scp-old.json": scpOld, "scp-new.json": scpNew, "bad.json": `{"Statement":[{"Effect":"allow"}]}`})
	p := func(n string) string { return filepath.Join(dir, n) }
	tests := []struct {
		name string
		args []string
		code int
		out  string // substring of stdout
	}{
		{"C5.10 widened SourceIp: FAIL", []string{"compare", p("old.json"), p("new.json")}, 1, "--context aws:SourceIp=203.0.112.0"},
		{"C5.10 narrowed SourceIp: PASS", []string{"compare", p("new.json"), p("old.json")}, 0, "PASS"},
		{"identical: PASS", []string{"compare", p("old.json"), p("old.json")}, 0, "PASS"},
		{"V6.5 policy variable: UNKNOWN", []string{"compare", p("old.json"), p("var.json")}, 3, "UNKNOWN"},
		{"G1.6 bad input", []string{"compare", p("old.json"), p("bad.json")}, 2, ""},
		{"usage", []string{"compare", p("old.json")}, 2, ""},
		{"P4.9 resource policy made public", []string{"compare", p("org.json"), p("bucket.json")}, 1, "--resource-policy"},
		{"A2.1 not granted: FAIL", []string{"check-not-granted", "--action", "s3:GetObject", p("new.json")}, 1, "s3:GetObject"},
		{"A2.1 not granted: PASS", []string{"check-not-granted", "--action", "s3:PutObject,s3:DeleteObject", "--resource", "arn:aws:s3:::reports/*", p("new.json")}, 0, "PASS"},
		{"P4.9 public", []string{"check-public", "--resource-type", "AWS::S3::Bucket", p("bucket.json")}, 1, "--principal"},
		{"C5.1 org-restricted is not public", []string{"check-public", "--resource-type", "s3:bucket", p("org.json")}, 0, "PASS"},
		{"check-public needs a type", []string{"check-public", p("org.json")}, 2, ""},
		{"help", []string{"compare", "--help"}, 0, "Usage: iamcheck compare"},
		{"E7.9 an SCP that stops denying a region", []string{"compare", "--kind", "scp", p("scp-old.json"), p("scp-new.json")}, 1, "--scp"},
		{"E7.9 an SCP that denies one more region", []string{"compare", "--kind", "scp", p("scp-new.json"), p("scp-old.json")}, 0, "PASS"},
		{"bad --kind", []string{"compare", "--kind", "boundary", p("scp-new.json"), p("scp-old.json")}, 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI("", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.out) {
				t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
		})
	}
}

func TestCompareJSON(t *testing.T) {
	dir := files(t, map[string]string{"old.json": cmpOld, "new.json": cmpNew})
	r := runCLI("", "compare", "--json", filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json"))
	if r.code != 1 {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	var out compareOut
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Verdict != "FAIL" || len(out.Witnesses) == 0 || out.Witnesses[0].Statements[0].Sid != "Read" || !out.Witnesses[0].CommandExact {
		t.Fatalf("%+v", out)
	}
}

// The printed command line, pasted into a shell, is decided Allow by iamcheck eval.
func TestCompareWitnessReplays(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := files(t, map[string]string{"old.json": cmpOld, "new.json": cmpNew})
	r := runCLI("", "compare", "--json", filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json"))
	var out compareOut
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	line := out.Witnesses[0].Command
	args, err := exec.Command("bash", "-c", `for a in `+strings.TrimPrefix(line, "iamcheck ")+`; do printf '%s\0' "$a"; done`).Output()
	if err != nil {
		t.Fatal(err)
	}
	argv := strings.Split(strings.TrimSuffix(string(args), "\x00"), "\x00")
	if res := runCLI("", argv...); res.code != 0 {
		t.Fatalf("%s: exit %d\n%s%s", line, res.code, res.stdout, res.stderr)
	}
	// And the old policy does not allow it.
	argv[2] = filepath.Join(dir, "old.json")
	if res := runCLI("", argv...); res.code != 1 {
		t.Fatalf("old policy: exit %d\n%s", res.code, res.stdout)
	}
}
