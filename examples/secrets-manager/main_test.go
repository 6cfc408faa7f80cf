package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

func TestSecret(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	current := []condition.Entry{stage("AWSCURRENT")}
	tests := []struct {
		name     string
		role     string
		action   string
		resource string
		ctx      []condition.Entry
		want     eval.Decision
	}{
		// R3.3: each ? matches exactly one character, so -?????? matches the suffix -AbCdEf.
		// C5.13: no VersionStage, Null "false" is false and the stage Deny does not apply.
		{"app no stage", app, get, secret, nil, eval.Allow},
		// C5.1: AWSCURRENT equals one of the listed values, so StringNotEquals is false.
		{"app current", app, get, secret, current, eval.Allow},
		{"app pending", app, get, secret, []condition.Entry{stage("AWSPENDING")}, eval.Allow},
		// C5.1 (NOR of negated values), E7.4 step 1: any other stage is denied.
		{"app previous", app, get, secret, []condition.Entry{stage("AWSPREVIOUS")}, eval.ExplicitDeny},
		// C5.5: StringNotEquals is case-sensitive; "awscurrent" is not AWSCURRENT.
		{"app lower-case stage", app, get, secret, []condition.Entry{stage("awscurrent")}, eval.ExplicitDeny},
		// R3.3: "replica-Xy12Ab" is longer than six characters after "prod/db-".
		{"app replica", app, get, replica, nil, eval.ImplicitDeny},
		{"app describe", app, "secretsmanager:DescribeSecret", secret, nil, eval.Allow},
		// E7.4 step 1, C5.11: aws:PrincipalArn is not the admin role, so the Deny applies even
		// though nothing allowed the call.
		{"app delete", app, "secretsmanager:DeleteSecret", secret, nil, eval.ExplicitDeny},
		// C5.11, S9.2: the admin session's aws:PrincipalArn is the SecretsAdmin role ARN.
		{"admin delete", admin, "secretsmanager:DeleteSecret", secret, nil, eval.Allow},
		{"admin put policy", admin, "secretsmanager:PutResourcePolicy", secret, nil, eval.Allow},
		// R3.3: prod/* covers every secret under prod/.
		{"admin replica", admin, get, replica, nil, eval.Allow},
		// E7.4 step 1: explicit denies apply to every principal.
		{"admin previous", admin, get, secret, []condition.Entry{stage("AWSPREVIOUS")}, eval.ExplicitDeny},
		// X8.1: the reporting role's identity policy and the secret policy both allow.
		{"reporting current", reporting, get, secret, current, eval.Allow},
		// X8.1, C5.4: without VersionStage the secret policy's StringEquals is false.
		{"reporting no stage", reporting, get, secret, nil, eval.ImplicitDeny},
		// X8.1: neither side allows DescribeSecret.
		{"reporting describe", reporting, "secretsmanager:DescribeSecret", secret, nil, eval.ImplicitDeny},
		// X8.1: the replica has no resource policy, so nothing allows the other account.
		{"reporting replica", reporting, get, replica, current, eval.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, x := w.decide(tt.role, tt.action, tt.resource, tt.ctx...); x.Decision != tt.want {
				t.Errorf("got %v, want %v\n%s", x.Decision, tt.want, x)
			}
		})
	}
}

// TestSuffixPatterns compares the ways of naming a secret in a Resource element.
func TestSuffixPatterns(t *testing.T) {
	const prefix = "arn:aws:secretsmanager:us-east-1:111122223333:secret:"
	tests := []struct {
		pattern  string
		resource string
		want     eval.Decision
	}{
		// R3.3: -?????? matches exactly the six random characters.
		{prefix + "prod/db-??????", secret, eval.Allow},
		{prefix + "prod/db-??????", replica, eval.ImplicitDeny},
		// R3.3: -* also reaches every secret whose name starts with prod/db-.
		{prefix + "prod/db-*", secret, eval.Allow},
		{prefix + "prod/db-*", replica, eval.Allow},
		// R3.3: the bare name never matches the real ARN, which always has the suffix.
		{prefix + "prod/db", secret, eval.ImplicitDeny},
	}
	for _, tt := range tests {
		p, err := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
			"Action": "secretsmanager:GetSecretValue", "Resource": "` + tt.pattern + `"}}`))
		if err != nil {
			t.Fatal(err)
		}
		ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
		if err != nil {
			t.Fatal(err)
		}
		req := eval.Request{Principal: "arn:aws:iam::111122223333:user/ops", Action: "secretsmanager:GetSecretValue", Resource: tt.resource}
		if got := ev.Decide(req); got != tt.want {
			t.Errorf("%s on %s: got %v, want %v", tt.pattern, tt.resource, got, tt.want)
		}
	}
}

// TestIfExistsTrap shows why the secret policy guards its stage Deny with Null instead of using
// StringNotEqualsIfExists: with a negated operator, IfExists makes a missing key true, so the
// Deny would fire on every request that names no stage (C5.12, sharp edge 1).
func TestIfExistsTrap(t *testing.T) {
	p, err := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*",
		"Action": "secretsmanager:GetSecretValue", "Resource": "*",
		"Condition": {"StringNotEqualsIfExists": {"secretsmanager:VersionStage": ["AWSCURRENT", "AWSPENDING"]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	set := w.session[app].Set
	set.Resource = p
	ev, err := eval.Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	// C5.12: StringNotEqualsIfExists with the key absent is true; the Deny applies.
	if x := ev.Explain(w.session[app].Request(get, secret, "")); x.Decision != eval.ExplicitDeny {
		t.Errorf("got %v, want ExplicitDeny\n%s", x.Decision, x)
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, ""); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), `Sid "OnlyTheAdminRoleDeletes"`) {
		t.Errorf("output lacks the delete Deny:\n%s", out.String())
	}
}
