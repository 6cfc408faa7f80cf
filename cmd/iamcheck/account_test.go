package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cliExport is a small export: alice (group readers → ReadSecrets), the role deploy trusting
// alice, and bob with a managed policy no input holds (uncertain).
const cliExport = `{
  "UserDetailList": [
    {"Path": "/", "UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::111122223333:user/alice",
     "CreateDate": "2024-05-01 09:00:00+00:00", "GroupList": ["readers"], "AttachedManagedPolicies": [], "Tags": []},
    {"Path": "/", "UserName": "bob", "UserId": "AIDABOB", "Arn": "arn:aws:iam::111122223333:user/bob",
     "CreateDate": "2024-05-01T09:00:00Z", "GroupList": [],
     "AttachedManagedPolicies": [{"PolicyName": "Gone", "PolicyArn": "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere"}],
     "UserPolicyList": [{"PolicyName": "s3", "PolicyDocument": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}"}],
     "Tags": []}
  ],
  "GroupDetailList": [
    {"Path": "/", "GroupName": "readers", "GroupId": "AGPAREADERS", "Arn": "arn:aws:iam::111122223333:group/readers",
     "CreateDate": "2024-05-01T09:00:00Z", "GroupPolicyList": [],
     "AttachedManagedPolicies": [{"PolicyName": "ReadSecrets", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadSecrets"}]}
  ],
  "RoleDetailList": [
    {"Path": "/", "RoleName": "deploy", "RoleId": "AROADEPLOY", "Arn": "arn:aws:iam::111122223333:role/deploy",
     "CreateDate": "2024-05-01T09:00:00Z",
     "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]},
     "RolePolicyList": [{"PolicyName": "deploy", "PolicyDocument": {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "*"}]}}],
     "AttachedManagedPolicies": [], "Tags": []}
  ],
  "Policies": [
    {"PolicyName": "ReadSecrets", "Arn": "arn:aws:iam::111122223333:policy/ReadSecrets", "DefaultVersionId": "v1",
     "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
       "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}}]}
  ]
}`

const (
	cliAlice  = "arn:aws:iam::111122223333:user/alice"
	cliBob    = "arn:aws:iam::111122223333:user/bob"
	cliDeploy = "arn:aws:iam::111122223333:role/deploy"
	cliSecret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"
)

func TestAccountCommands(t *testing.T) {
	dir := files(t, map[string]string{"export.json": cliExport})
	exp := filepath.Join(dir, "export.json")
	tests := []struct {
		name string
		args []string
		code int
		out  []string
	}{
		// ReadSecrets via the readers group (E7.1): Allow, naming the policy by ARN.
		{"can allow", []string{"can", "--account", exp, "--principal", cliAlice, "--action", "secretsmanager:GetSecretValue", "--resource", cliSecret},
			0, []string{"Allow (allowed)", "arn:aws:iam::111122223333:policy/ReadSecrets"}},
		// Nothing allows alice lambda:UpdateFunctionCode (E7.3).
		{"can deny", []string{"can", "--account", exp, "--principal", cliAlice, "--action", "lambda:UpdateFunctionCode", "--resource", "*"},
			1, []string{"ImplicitDeny"}},
		// A session of deploy: its inline policy, named ROLE-ARN/NAME.
		{"can session", []string{"can", "--account", exp, "--principal", "arn:aws:sts::111122223333:assumed-role/deploy/ci", "--action", "lambda:UpdateFunctionCode", "--resource", "*"},
			0, []string{"Allow", cliDeploy + "/deploy"}},
		// bob's inline policy allows, but a managed policy is missing: uncertain, exit 1 (C5.0).
		{"can uncertain", []string{"can", "--account", exp, "--principal", cliBob, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--resource-account", "111122223333"},
			1, []string{"UNCERTAIN", "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere"}},
		// An unknown principal is bad input, not a deny.
		{"can unknown principal", []string{"can", "--account", exp, "--principal", "arn:aws:iam::111122223333:user/nobody", "--action", "s3:GetObject", "--resource", "*"},
			2, nil},
		{"who-can", []string{"who-can", "--account", exp, "--action", "secretsmanager:GetSecretValue", "--resource", cliSecret},
			0, []string{"allowed (1):", cliAlice, "ReadSecrets", "uncertain"}},
		{"what-can", []string{"what-can", "--account", exp, "--principal", cliAlice},
			0, []string{"secretsmanager:GetSecretValue"}},
		// deploy trusts alice's user ARN directly (E7.5 row 1, S9.1).
		{"who-can-become", []string{"who-can-become", "--account", exp, "--role", cliDeploy},
			0, []string{cliAlice + " [user]", cliDeploy + "/deploy"}},
		{"who-can-become not a role", []string{"who-can-become", "--account", exp, "--role", cliAlice}, 2, nil},
		{"missing flags", []string{"can", "--account", exp}, 2, nil},
		{"no account", []string{"who-can", "--action", "s3:GetObject", "--resource", "*"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI("", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, w := range tt.out {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestAccountJSON(t *testing.T) {
	dir := files(t, map[string]string{"export.json": cliExport})
	exp := filepath.Join(dir, "export.json")
	r := runCLI("", "can", "--json", "--account", exp, "--principal", cliBob, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--resource-account", "111122223333")
	var can struct {
		Decision  string   `json:"decision"`
		Uncertain bool     `json:"uncertain"`
		Missing   []string `json:"missing"`
		Engine    string   `json:"engineDecision"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &can); err != nil || r.stderr != "" {
		t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
	}
	if can.Decision != "ImplicitDeny" || !can.Uncertain || can.Engine != "Allow" || len(can.Missing) != 1 {
		t.Errorf("%+v", can)
	}
	for _, args := range [][]string{
		{"who-can", "--json", "--account", exp, "--action", "s3:GetObject", "--resource", "*"},
		{"what-can", "--json", "--account", exp, "--principal", cliAlice},
		{"who-can-become", "--json", "--account", exp, "--role", cliDeploy},
	} {
		r := runCLI("", args...)
		var v map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || r.code != 0 || r.stderr != "" {
			t.Errorf("%v: exit %d %v\n%s%s", args, r.code, err, r.stdout, r.stderr)
		}
	}
	// Errors as JSON, with file, line, column and path.
	bad := files(t, map[string]string{"bad.json": `{"UserDetailList": [{"UserName": "a", "Arn": "nope"}]}`})
	r = runCLI("", "who-can", "--json", "--account", filepath.Join(bad, "bad.json"), "--action", "s3:GetObject", "--resource", "*")
	var e struct {
		Errors []finding `json:"errors"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &e); err != nil || r.code != 2 || len(e.Errors) != 1 {
		t.Fatalf("exit %d %v\n%s", r.code, err, r.stdout)
	}
	if f := e.Errors[0]; f.Line != 1 || f.Column != 46 || f.Path != "UserDetailList[0].Arn" || f.Code != "value" {
		t.Errorf("%+v", f)
	}
}

func TestAccountInputs(t *testing.T) {
	dir := files(t, map[string]string{"export.json": cliExport})
	exp := filepath.Join(dir, "export.json")
	rp := filepath.Join(dir, "rp")
	if err := os.Mkdir(rp, 0o755); err != nil {
		t.Fatal(err)
	}
	// The secret's policy grants account 444455556666 (outside the model).
	if err := os.WriteFile(filepath.Join(rp, "secret.json"), []byte(`{"ARN": "`+cliSecret+`", "ResourcePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	org := `{"Organization": {"Id": "o-1", "MasterAccountId": "999999999999"},
 "Policies": [{"PolicySummary": {"Id": "p-full", "Type": "SERVICE_CONTROL_POLICY"}, "Content": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}},
              {"PolicySummary": {"Id": "p-nosecrets", "Type": "SERVICE_CONTROL_POLICY"}, "Content": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "secretsmanager:*", "Resource": "*"}]}}],
 "Root": {"Id": "r-1", "PolicyIds": ["p-full"], "Accounts": [{"Id": "111122223333", "PolicyIds": ["p-full", "p-nosecrets"]}]}}`
	if err := os.WriteFile(filepath.Join(dir, "org.json"), []byte(org), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI("", "who-can", "--account", exp, "--resource-policies", rp, "--action", "secretsmanager:GetSecretValue", "--resource", cliSecret)
	if r.code != 0 || !strings.Contains(r.stdout, "444455556666") {
		t.Errorf("resource policies: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The account-level SCP denies secretsmanager:* (E7.9).
	r = runCLI("", "can", "--account", exp, "--org", filepath.Join(dir, "org.json"), "--principal", cliAlice, "--action", "secretsmanager:GetSecretValue", "--resource", cliSecret)
	if r.code != 1 || !strings.Contains(r.stdout, "ExplicitDeny") || !strings.Contains(r.stdout, "scp level 1") {
		t.Errorf("org: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// --managed-policies must be a directory.
	r = runCLI("", "can", "--account", exp, "--managed-policies", filepath.Join(dir, "nope"), "--principal", cliAlice, "--action", "s3:GetObject", "--resource", "*")
	if r.code != 2 {
		t.Errorf("bad managed dir: exit %d", r.code)
	}
	// Standard input as the export.
	r = runCLI(cliExport, "what-can", "--account", "-", "--principal", cliAlice)
	if r.code != 0 || !strings.Contains(r.stdout, "secretsmanager:GetSecretValue") {
		t.Errorf("stdin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Help.
	for _, c := range []string{"can", "who-can", "what-can", "who-can-become"} {
		if r := runCLI("", c, "--help"); r.code != 0 || !strings.Contains(r.stdout, "Usage") {
			t.Errorf("%s --help: exit %d", c, r.code)
		}
	}
}

// TestAccountRealExport runs who-can-become on the shared iam-vulnerable export when present.
func TestAccountRealExport(t *testing.T) {
	const file = "../../../shared/accounts/iam-vulnerable.json"
	if _, err := os.Stat(file); err != nil {
		t.Skip("shared export not present")
	}
	r := runCLI("", "who-can-become", "--account", file, "--role", "arn:aws:iam::200611803367:role/privesc-sre-role")
	// privesc-sre-role trusts privesc-sre-user directly (E7.5, S9.1).
	if r.code != 0 || !strings.Contains(r.stdout, "arn:aws:iam::200611803367:user/privesc-sre-user [user] via 1 step(s)") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// FuzzAccountCommands feeds arbitrary bytes as an export: the account commands answer with an
// exit code and a message, never an internal error.
func FuzzAccountCommands(f *testing.F) {
	f.Add([]byte(cliExport))
	f.Add([]byte(`{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111122223333:user/a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, args := range [][]string{
			{"can", "--account", "-", "--principal", cliAlice, "--action", "s3:GetObject", "--resource", "*"},
			{"who-can", "--account", "-", "--action", "s3:Get*", "--resource", "*", "--json"},
			{"who-can-become", "--account", "-", "--role", cliDeploy},
		} {
			r := runCLI(string(data), args...)
			if strings.Contains(r.stderr, "internal error") || r.code < 0 || r.code > 2 {
				t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
			}
		}
	})
}

// TestCanStdinOnce: `can` reads standard input once for the export and the session policies
// alike; naming it twice is one clear usage error, not a parse error of an empty document.
func TestCanStdinOnce(t *testing.T) {
	r := runCLI(cliExport, "can", "--account", "-", "--session-policy", "-", "--principal", cliAlice, "--action", "s3:GetObject", "--resource", "*")
	if r.code != 2 || !strings.Contains(r.stdout+r.stderr, "standard input can be read only once") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
