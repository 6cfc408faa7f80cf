package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// TestDeployBotPolicy is the idiom: build the evaluator once, list requests with the decision you
// expect (and the rule that makes you expect it), and run each row as a subtest. On a failure
// the explanation says which statements matched and which context keys were missing, which is
// usually all you need to fix the policy or the expectation.
func TestDeployBotPolicy(t *testing.T) {
	b, err := newBot(io.Discard, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  eval.Request
		want eval.Decision
	}{
		// R3.3: builds/* covers every key under builds/, at any depth.
		{"upload a build", b.s3("s3:PutObject", "builds/42/app.zip"), eval.Allow},
		{"read a build", b.s3("s3:GetObject", "builds/42/app.zip"), eval.Allow},
		// E7.3: nothing allows keys outside builds/.
		{"upload elsewhere", b.s3("s3:PutObject", "releases/app.zip"), eval.ImplicitDeny},
		// E7.3: the policy never allows deleting.
		{"delete a build", b.s3("s3:DeleteObject", "builds/42/app.zip"), eval.ImplicitDeny},
		// R3.3, C5.1: function:app-* in an allowed region (one of the listed values suffices).
		{"deploy in us-east-1", b.lambda("lambda:UpdateFunctionCode", "app-api", "us-east-1"), eval.Allow},
		{"publish in eu-west-1", b.lambda("lambda:PublishVersion", "app-api", "eu-west-1"), eval.Allow},
		// C5.5: ap-south-1 is not listed, StringEquals is false.
		{"deploy in ap-south-1", b.lambda("lambda:UpdateFunctionCode", "app-api", "ap-south-1"), eval.ImplicitDeny},
		// R3.3: the function name must start with app-.
		{"other function", b.lambda("lambda:UpdateFunctionCode", "billing", "us-east-1"), eval.ImplicitDeny},
		// A2.1: action names compare without case.
		{"action case", b.lambda("Lambda:updatefunctioncode", "app-api", "us-east-1"), eval.Allow},
		// C5.13, E7.4 step 1: no change-ticket tag, Null "true" holds and the Deny applies.
		{"prod without ticket", b.lambda("lambda:UpdateFunctionCode", "app-prod-api", "us-east-1"), eval.ExplicitDeny},
		// C5.13, S9.6: a session tag is an aws:PrincipalTag key; present, the Deny does not apply.
		{"prod with ticket", b.lambda("lambda:UpdateFunctionCode", "app-prod-api", "us-east-1", ticket("CHG-1234")), eval.Allow},
		// C5.13: the Deny names UpdateFunctionCode only; publishing a version is allowed.
		{"prod publish without ticket", b.lambda("lambda:PublishVersion", "app-prod-api", "us-east-1"), eval.Allow},
		// A2.3, E7.4 step 1: iam:* covers every IAM action.
		{"create access key", b.session.Request("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/admin", ""), eval.ExplicitDeny},
		{"pass role", b.session.Request("iam:PassRole", "arn:aws:iam::111122223333:role/admin", ""), eval.ExplicitDeny},
		// E7.4 step 1: the Deny lists sts:AssumeRole, so the bot cannot hop to another role.
		{"assume another role", b.session.Request("sts:AssumeRole", "arn:aws:iam::111122223333:role/admin", ""), eval.ExplicitDeny},
		// E7.12: a Deny wins even where no Allow exists for the action.
		{"leave the organization", b.session.Request("organizations:LeaveOrganization", "*", ""), eval.ExplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := b.ev.Explain(tt.req)
			if x.Decision != tt.want {
				t.Errorf("%s on %s: got %v, want %v\n%s", tt.req.Action, tt.req.Resource, x.Decision, tt.want, x)
			}
		})
	}
}

// TestPolicyFilesAreClean fails on any finding, warnings included, so that a careless edit to a
// policy file is caught before it is deployed.
func TestPolicyFilesAreClean(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("policies", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no policy files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, findings := validate(filepath.Base(f), data); len(findings) > 0 {
			t.Errorf("%s:\n%v", f, findings)
		}
	}
}

// TestValidateCatchesMistakes shows what validation reports for common mistakes in identity
// policies (SEMANTICS §11).
func TestValidateCatchesMistakes(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		code policy.ErrorCode
	}{
		// G1.6: Effect is case-sensitive.
		{"lower-case effect", `{"Version": "2012-10-17", "Statement": [
			{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}`, policy.CodeEffect},
		// G1.9: identity policies have no Principal.
		{"principal", `{"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`, policy.CodePrincipalKind},
		// G1.8: identity policies need Resource or NotResource.
		{"no resource", `{"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Action": "s3:GetObject"}]}`, policy.CodeResourceRequired},
		// G1.7: an action has exactly one colon.
		{"bad action", `{"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}]}`, policy.CodeAction},
		// G1.14: duplicate keys are ambiguous and rejected.
		{"duplicate key", `{"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}`, policy.CodeDuplicateKey},
		// C5.7, L11.2: a date the operator cannot read.
		{"bad date", `{"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			 "Condition": {"DateLessThan": {"aws:CurrentTime": "next year"}}}]}`, policy.CodeConditionValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, findings := validate(tt.name+".json", []byte(tt.doc))
			if p != nil && !findings.HasErrors() {
				t.Fatalf("no error reported; findings: %v", findings)
			}
			var found bool
			for _, e := range findings {
				if e.Code == tt.code && e.Line > 0 {
					found = true
				}
			}
			if !found {
				t.Errorf("want a positioned %q error, got:\n%v", tt.code, findings)
			}
		})
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, ""); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
}

func TestRunRejectsBadPolicy(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"Statement": {"Effect": "Allow", "Action": "*"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := run(&out, dir)
	if err == nil {
		t.Fatalf("run accepted a policy without Resource:\n%s", out.String())
	}
	if !bytes.Contains(out.Bytes(), []byte("bad.json: ")) {
		t.Errorf("output does not report the findings of bad.json:\n%s", out.String())
	}
}
