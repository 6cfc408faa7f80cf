package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

const (
	// s3:GetObjct is no action (ERROR), the bucket ARN is no object (WARNING).
	typoPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObjct","s3:GetObject"],"Resource":"arn:aws:s3:::b"}]}`
	// iam:PassRole on every role: a SECURITY_WARNING only.
	passRolePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`
	cleanPolicy    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
)

func TestValidateLint(t *testing.T) {
	dir := files(t, map[string]string{"typo.json": typoPolicy, "pass.json": passRolePolicy, "clean.json": cleanPolicy, "bad.json": badEffect,
		"own.json": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"myapp:Read*","Resource":"arn:aws:myapp:::d/*"}]}`})
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		args   []string
		code   int
		want   []string
		unwant []string
	}{
		{"clean policy", []string{"validate", p("clean.json")}, 0, []string{"1 valid, 0 invalid"}, []string{"ERROR", "WARNING"}},
		{"unknown action is an ERROR", []string{"validate", p("typo.json")}, 1, []string{
			p("typo.json") + `:1:66: ERROR INVALID_ACTION: action "s3:GetObjct" does not exist in s3; did you mean "s3:GetObject"?`,
			p("typo.json") + `:1:107: WARNING RESOURCE_TYPE_MISMATCH: "arn:aws:s3:::b" matches none`,
			"0 valid, 1 invalid"}, nil},
		{"security warnings pass by default", []string{"validate", p("pass.json")}, 0, []string{"SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE", "1 valid, 0 invalid"}, nil},
		{"and fail on request", []string{"validate", "--fail-on-security-warning", p("pass.json"), p("clean.json")}, 1, []string{"1 valid, 1 invalid"}, nil},
		{"grammar errors gain codes", []string{"validate", p("bad.json")}, 1, []string{p("bad.json") + ":1:48: ERROR INVALID_EFFECT: expected"}, nil},
		{"lint off: grammar only", []string{"validate", "--lint=false", p("typo.json")}, 0, []string{"1 valid, 0 invalid"}, []string{"INVALID_ACTION"}},
		{"kind rules", []string{"validate", "--kind", "resource", p("clean.json")}, 1, []string{"ERROR MISSING_PRINCIPAL"}, nil},
		{"own service", []string{"validate", "--service", "myapp", p("own.json")}, 0, []string{"1 valid, 0 invalid"}, []string{"INVALID_SERVICE"}},
		{"own service unknown without --service", []string{"validate", p("own.json")}, 1, []string{"ERROR INVALID_SERVICE_IN_ACTION"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI("", tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tc.unwant {
				if strings.Contains(r.stdout, w) {
					t.Errorf("stdout has %q:\n%s", w, r.stdout)
				}
			}
		})
	}

	r := runCLI(typoPolicy, "validate", "--json", "-")
	var got lintOut
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 1 {
		t.Fatalf("exit %d, err %v\n%s", r.code, err, r.stdout)
	}
	if got.Valid != 0 || got.Invalid != 1 || len(got.Files) != 1 || len(got.Files[0].Findings) != 2 {
		t.Fatalf("got %+v", got)
	}
	f := got.Files[0].Findings[0]
	if f.File != "<stdin>" || f.Code != "INVALID_ACTION" || f.Severity != "ERROR" || f.Path != "Statement[0].Action[0]" ||
		f.Line != 1 || f.Col != 66 || !strings.Contains(f.Message, "did you mean") {
		t.Errorf("finding %+v", f)
	}
	// The JSON keys are the documented ones.
	var raw struct {
		Files []struct{ Findings []map[string]any }
	}
	json.Unmarshal([]byte(r.stdout), &raw)
	for _, k := range []string{"code", "severity", "path", "line", "col", "message"} {
		if _, ok := raw.Files[0].Findings[0][k]; !ok {
			t.Errorf("JSON finding lacks %q", k)
		}
	}
}

func TestActions(t *testing.T) {
	dir := files(t, map[string]string{
		"p.json":   `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","sqs:SendMessage"],"Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`,
		"bad.json": badEffect,
	})
	tests := []struct {
		name   string
		args   []string
		in     string
		code   int
		want   []string
		unwant []string
	}{
		{"pattern", []string{"actions", "s3:GetBucketPolicy*"}, "", 0, []string{"s3:GetBucketPolicy\tRead\n", "s3:GetBucketPolicyStatus\tRead\n", "2 actions (catalog of 2026-09-26)"}, []string{"newer"}},
		{"several patterns, case-insensitive", []string{"actions", "S3:getobject", "iam:PassRole"}, "", 0, []string{"s3:GetObject\tRead", "iam:PassRole\tWrite", "2 actions"}, nil},
		{"service wildcard covers newer actions", []string{"actions", "sqs:*"}, "", 0, []string{"sqs:SendMessage\tWrite", "also granted: actions newer than the catalog of sqs"}, nil},
		{"no match", []string{"actions", "s3:Fly*"}, "", 1, []string{"0 actions"}, nil},
		{"NotAction", []string{"actions", "--not", "s3:*"}, "", 0, []string{"ec2:RunInstances\tWrite", "every action of services the catalog does not know"}, []string{"s3:GetObject\t"}},
		{"policy", []string{"actions", "--policy", filepath.Join(dir, "p.json")}, "", 0, []string{"s3 (Amazon S3): ", "  Read (", "sqs (Amazon SQS): 1 actions", "  Write (1): SendMessage", "in 2 services"}, []string{"GetObject,", " GetObject\n"}},
		{"policy from stdin", []string{"actions", "--policy", "-"}, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}}`, 0, []string{"kms (AWS Key Management Service): 1 actions", "Write (1): Decrypt"}, nil},
		{"invalid policy", []string{"actions", "--policy", filepath.Join(dir, "bad.json")}, "", 2, nil, nil},
		{"not a pattern", []string{"actions", "s3GetObject"}, "", 2, nil, nil},
		{"nothing", []string{"actions"}, "", 2, nil, nil},
		{"both", []string{"actions", "--policy", "x.json", "s3:*"}, "", 2, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(tc.in, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%.2000s", w, r.stdout)
				}
			}
			for _, w := range tc.unwant {
				if strings.Contains(r.stdout, w) {
					t.Errorf("stdout has %q", w)
				}
			}
			if tc.code == 2 && r.stderr == "" {
				t.Error("exit 2 without a message on stderr")
			}
		})
	}

	r := runCLI("", "actions", "--json", "s3:GetObject", "s3:*Acl")
	var got actionsOut
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
		t.Fatalf("exit %d, err %v\n%s", r.code, err, r.stdout)
	}
	if got.Catalog != "2026-09-26" || len(got.Services) != 1 || got.Services[0].Prefix != "s3" || got.Services[0].UnknownActions ||
		got.Count != len(got.Services[0].Actions) || got.Count < 3 || got.Services[0].Actions[0].Level == "" ||
		!strings.HasPrefix(got.Services[0].Actions[0].Description, "Grants permission") {
		t.Errorf("got %+v", got)
	}
}
