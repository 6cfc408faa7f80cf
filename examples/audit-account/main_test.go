package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestAudit runs the audit on the bundled export and checks each line against the documents.
func TestAudit(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"testdata/export.json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got := out.String()
	const a = "arn:aws:iam::111122223333:"
	for _, want := range []string{
		"can read every secret (3):",
		// alice: group ops attaches SecretsReader, whose default version v2 allows
		// secretsmanager:GetSecretValue on * (E7.1; v1 is not in force).
		"    " + a + "user/alice\n",
		// break-glass and deployer: AdministratorAccess (Action *, Resource *).
		"    " + a + "role/break-glass\n",
		"    " + a + "role/deployer\n",
		// break-glass trusts the account (delegation) only with MFA (S9.7); alice's group
		// allows sts:AssumeRole on it (E7.7).
		"    " + a + "user/alice -> " + a + "role/break-glass if aws:MultiFactorAuthPresent\n",
		// bob's group allows assuming ci, which trusts the account; ci may assume any role and
		// deployer trusts ci's role ARN (E7.5 entity grant, S9.5 chaining).
		"    " + a + "user/bob -> " + a + "role/ci -> " + a + "role/deployer\n",
		// deployer also trusts account 444455556666 with an ExternalId (X8.1: that account's
		// own policies must allow too).
		"    outside: arn:aws:iam::444455556666:root (account) -> " + a + "role/deployer if sts:ExternalId\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n%s", want, got)
		}
	}
	// carol's inline policy names only app/db-* secrets: not every secret.
	if strings.Contains(got, "user/carol\n") {
		t.Errorf("carol listed as reading every secret\n%s", got)
	}
	// ci is no administrator (lambda:* and sts:AssumeRole only).
	if strings.Contains(got, "admin role "+a+"role/ci ") {
		t.Errorf("ci listed as an admin role\n%s", got)
	}
}

// TestAuditRealExport runs on the shared iam-vulnerable export when it is present.
func TestAuditRealExport(t *testing.T) {
	const file = "../../../shared/accounts/iam-vulnerable.json"
	if _, err := os.Stat(file); err != nil {
		t.Skip("shared export not present")
	}
	var out, errb bytes.Buffer
	if code := run([]string{file}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got := out.String()
	// OrganizationAccountAccessRole has AdministratorAccess and trusts account 072528804237.
	for _, want := range []string{
		"admin role arn:aws:iam::200611803367:role/OrganizationAccountAccessRole can be reached by (0):",
		"    outside: arn:aws:iam::072528804237:root (account) -> arn:aws:iam::200611803367:role/OrganizationAccountAccessRole\n",
		// privesc-AssumeRole-ending-role (Action *) is reached through the intermediate and
		// starting roles from the SSO administrator's session elad@codsec.io.
		"arn:aws:iam::200611803367:role/privesc-AssumeRole-intermediate-role -> arn:aws:iam::200611803367:role/privesc-AssumeRole-ending-role\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestBadInput(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"testdata/nope.json"}, &out, &errb); code != 2 {
		t.Errorf("missing file: exit %d", code)
	}
}
