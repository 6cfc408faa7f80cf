package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// escalateExport: dev may pass any role to Lambda and create and invoke functions; ops is an
// administrator role Lambda may assume; viewer may do nothing of the kind.
const escalateExport = `{
  "UserDetailList": [
    {"UserName": "dev", "UserId": "AIDADEV", "Path": "/", "CreateDate": "2024-01-01T00:00:00Z",
     "Arn": "arn:aws:iam::111111111111:user/dev", "GroupList": [], "AttachedManagedPolicies": [],
     "UserPolicyList": [{"PolicyName": "deploy", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
       {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]}}]},
    {"UserName": "viewer", "UserId": "AIDAVIEWER", "Path": "/", "CreateDate": "2024-01-01T00:00:00Z",
     "Arn": "arn:aws:iam::111111111111:user/viewer", "GroupList": [], "AttachedManagedPolicies": [],
     "UserPolicyList": [{"PolicyName": "view", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
       {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction"], "Resource": "*"},
       {"Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": "*"}]}}]},
    {"UserName": "temp", "UserId": "AIDATEMP", "Path": "/", "CreateDate": "2024-01-01T00:00:00Z",
     "Arn": "arn:aws:iam::111111111111:user/temp", "GroupList": [], "AttachedManagedPolicies": [],
     "UserPolicyList": [{"PolicyName": "until", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
       {"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "arn:aws:iam::111111111111:user/temp",
        "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-06-01T00:00:00Z"}}}]}}]}],
  "GroupDetailList": [],
  "RoleDetailList": [{"RoleName": "ops", "RoleId": "AROAOPS", "Path": "/", "CreateDate": "2024-01-01T00:00:00Z",
    "Arn": "arn:aws:iam::111111111111:role/ops", "InstanceProfileList": [], "RolePolicyList": [],
    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
    "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}],
  "Policies": [{"PolicyName": "AdministratorAccess", "PolicyId": "ANPAADMIN", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
    "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": true,
    "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
    "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z",
      "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}]
}`

func TestEscalateCommand(t *testing.T) {
	dir := files(t, map[string]string{"export.json": escalateExport, "bad.json": `{"UserDetailList": [`})
	export := filepath.Join(dir, "export.json")
	for _, tc := range []struct {
		name     string
		stdin    string
		args     []string
		code     int
		contains []string
		absent   []string
	}{
		{"human", "", []string{"escalate", "--account", export, "--now", "2026-12-01T00:00:00Z"}, exitOK,
			[]string{"admin-equivalent principals (1):", "role/ops [role] allowed everything", "principals that can escalate (1):",
				"user/dev [user] certain: lambda-001(ops) -> arn:aws:iam::111111111111:role/ops (admin-equivalent)"},
			[]string{"user/viewer", "user/temp"}},
		// Before 2026-06-01 temp may write its own policy: the time comes from --now.
		{"now", "", []string{"escalate", "--account", export, "--now", "2026-01-01"}, exitOK,
			[]string{"user/temp [user] grants itself everything: iam-007"}, []string{"user/viewer"}},
		{"stdin", escalateExport, []string{"escalate", "--now", "2026-12-01", "--account", "-"}, exitOK, []string{"lambda-001"}, nil},
		{"help", "", []string{"escalate", "--help"}, exitOK, []string{"Usage: iamcheck escalate"}, nil},
		{"no account", "", []string{"escalate"}, exitUsage, nil, nil},
		{"bad now", "", []string{"escalate", "--account", export, "--now", "tomorrow"}, exitUsage, nil, nil},
		{"bad export", "", []string{"escalate", "--account", filepath.Join(dir, "bad.json")}, exitUsage, nil, nil},
		{"missing file", "", []string{"escalate", "--account", filepath.Join(dir, "nope.json")}, exitUsage, nil, nil},
		{"positional", "", []string{"escalate", "--account", export, "extra"}, exitUsage, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, s := range tc.contains {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("missing %q in\n%s", s, r.stdout)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(r.stdout, s) {
					t.Errorf("unexpected %q in\n%s", s, r.stdout)
				}
			}
		})
	}
}

func TestEscalateJSON(t *testing.T) {
	dir := files(t, map[string]string{"export.json": escalateExport})
	r := runCLI("", "escalate", "--account", filepath.Join(dir, "export.json"), "--now", "2026-12-01", "--json")
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Admins []struct{ Principal string }
		Paths  []struct {
			Principal string
			Status    string
			Edges     []struct {
				Technique string
				Steps     []struct {
					Action     string
					Status     string
					Statements []struct{ Policy, Effect string }
				}
			}
		}
		Edges []json.RawMessage
		Now   string
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Admins) != 1 || len(out.Paths) != 1 || out.Now != "2026-12-01T00:00:00Z" {
		t.Fatalf("%+v", out)
	}
	p := out.Paths[0]
	if p.Principal != "arn:aws:iam::111111111111:user/dev" || p.Status != "certain" || p.Edges[0].Technique != "lambda-001" {
		t.Errorf("%+v", p)
	}
	for _, s := range p.Edges[0].Steps {
		if s.Status != "certain" || len(s.Statements) == 0 {
			t.Errorf("step %+v", s)
		}
	}
	// Bad input as JSON.
	r = runCLI("", "escalate", "--json")
	if r.code != exitUsage || !strings.Contains(r.stdout, `"errors"`) {
		t.Errorf("exit %d: %s", r.code, r.stdout)
	}
}

// TestEscalateIAMVulnerable runs the command on the real export when it is there.
func TestEscalateIAMVulnerable(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "accounts", "iam-vulnerable.json")
	if _, err := os.Stat(path); err != nil {
		t.Skip("iam-vulnerable export not available")
	}
	r := runCLI("", "escalate", "--account", path, "--now", "2026-12-01")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, s := range []string{"privesc4-CreateAccessKey-user [user] conditional: iam-002", "fn1-privesc3-partial-user [user] certain: ec2-001"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("missing %q", s)
		}
	}
	if strings.Contains(r.stdout, "fp") && strings.Contains(r.stdout, "/fp") {
		t.Errorf("an fp principal is reported:\n%s", r.stdout)
	}
}
