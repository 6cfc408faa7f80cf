package account

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// The two real exports and the AWS managed policies are read from ../shared at test time
// (never copied into the repository); tests that need them skip when they are absent.
const (
	sharedAccounts = "../../shared/accounts"
	sharedManaged  = "../../shared/policies/aws-managed"
	vuln           = "arn:aws:iam::200611803367:"
	small          = "arn:aws:iam::012345678901:"
)

var realModels sync.Map

// realModel loads one of the shared exports once per test binary.
func realModel(t testing.TB, file string, dir string) *Model {
	t.Helper()
	key := file + "|" + dir
	if m, ok := realModels.Load(key); ok {
		return m.(*Model)
	}
	data, err := os.ReadFile(filepath.Join(sharedAccounts, file))
	if err != nil {
		t.Skipf("shared export not present: %v", err)
	}
	if dir != "" {
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("shared managed policies not present: %v", err)
		}
	}
	m, err := Options{ManagedPolicyDir: dir}.Load(Input{Exports: []File{{Name: file, Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	realModels.Store(key, m)
	return m
}

// TestRealExportShape checks what was read from the documents: counts from the shared
// README, groups joined, default versions only.
func TestRealExportShape(t *testing.T) {
	m := realModel(t, "iam-vulnerable.json", "")
	a, ok := m.Account("200611803367")
	if !ok {
		t.Fatal("account 200611803367 missing")
	}
	// The file also carries the three users and three roles of account 012345678901
	// (cloudsplaining's sample), hence 41+3 users and 75+3 roles (README: 44 users, 78 roles).
	b, _ := m.Account("012345678901")
	if got := len(a.Users) + len(b.Users); got != 44 {
		t.Errorf("users = %d, want 44", got)
	}
	if got := len(a.Roles) + len(b.Roles); got != 78 {
		t.Errorf("roles = %d, want 78", got)
	}
	for _, p := range m.Principals() {
		if p.Uncertain() {
			t.Errorf("%s uncertain: %v (every managed policy it uses is in the export)", p.ARN, p.Missing)
		}
	}
	// privesc-sre-user gets privesc-sre-admin-policy through privesc-sre-group (E7.1).
	u, _ := m.Principal(vuln + "user/privesc-sre-user")
	if len(u.Groups) != 1 || len(u.Identity()) != 1 || u.Identity()[0].Name != vuln+"policy/privesc-sre-admin-policy" {
		t.Errorf("privesc-sre-user identity = %d policies", len(u.Identity()))
	}
	// small-with-groups: AWSCodeCommitPowerUser has v11 (default) and v10; only v11 is kept.
	s := realModel(t, "small-with-groups.json", "")
	mp, ok := s.ManagedPolicy("arn:aws:iam::aws:policy/AWSCodeCommitPowerUser")
	if !ok || mp.DefaultVersion != "v11" || mp.Policy == nil {
		t.Errorf("AWSCodeCommitPowerUser = %+v", mp)
	}
}

// TestRealCan: decisions worked out by hand from the export's documents.
func TestRealCan(t *testing.T) {
	m := realModel(t, "iam-vulnerable.json", "")
	ms := realModel(t, "small-with-groups.json", "")
	tests := []struct {
		name     string
		m        *Model
		req      Request
		want     eval.Decision
		reason   string
		policies []string // policies the explanation names
	}{
		// privesc4-CreateAccessKey (Statement[0]: Allow iam:CreateAccessKey on *); E7.4 step 5.
		{"privesc4 CreateAccessKey", m, Request{Principal: vuln + "user/privesc4-CreateAccessKey-user", Action: "iam:CreateAccessKey", Resource: vuln + "user/someone"},
			eval.Allow, "allowed", []string{vuln + "policy/privesc4-CreateAccessKey"}},
		// The same user has nothing for iam:CreateUser: E7.3 default deny.
		{"privesc4 CreateUser", m, Request{Principal: vuln + "user/privesc4-CreateAccessKey-user", Action: "iam:CreateUser", Resource: vuln + "user/x"},
			eval.ImplicitDeny, "no-allow", nil},
		// fp1-allow-and-deny: Statement[0] Allow iam:*, Statement[1] Deny iam:*: E7.4 step 1.
		{"fp1 allow and deny", m, Request{Principal: vuln + "user/fp1-allow-and-deny-user", Action: "iam:CreateAccessKey", Resource: "*"},
			eval.ExplicitDeny, "explicit-deny", []string{vuln + "policy/fp1-allow-and-deny"}},
		// fp2: fp2-allow-all allows *, deny-all denies *: explicit deny wins (E7.4 step 1).
		{"fp2 two policies", m, Request{Principal: vuln + "user/fp2-allow-and-deny-multiple-policies-user", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "200611803367"},
			eval.ExplicitDeny, "explicit-deny", []string{vuln + "policy/deny-all"}},
		// fn3: Allow iam:CreatePolicyVersion if DateGreaterThan aws:TokenIssueTime
		// 2020-01-01T00:00:01Z; without the key the Allow does not apply (C5.4).
		{"fn3 no token time", m, Request{Principal: vuln + "user/fn3-exploitableConditionConstraint-user", Action: "iam:CreatePolicyVersion", Resource: vuln + "policy/p"},
			eval.ImplicitDeny, "no-allow", nil},
		{"fn3 recent token", m, Request{Principal: vuln + "user/fn3-exploitableConditionConstraint-user", Action: "iam:CreatePolicyVersion", Resource: vuln + "policy/p",
			Context: []condition.Entry{{Key: "aws:TokenIssueTime", Values: []string{"2026-12-01T00:00:00Z"}}}},
			eval.Allow, "allowed", []string{vuln + "policy/fn3-exploitableConditionConstraint"}},
		// fp5: the same with DateLessThan: a token issued in 2026 is not before 2020 (C5.7).
		{"fp5 recent token", m, Request{Principal: vuln + "user/fp5-nonExploitableConditionConstraint-user", Action: "iam:CreatePolicyVersion", Resource: vuln + "policy/p",
			Context: []condition.Entry{{Key: "aws:TokenIssueTime", Values: []string{"2026-12-01T00:00:00Z"}}}},
			eval.ImplicitDeny, "no-allow", nil},
		// privesc-sre-role's trust policy names the user privesc-sre-user directly: a direct
		// grant in the same account needs no identity Allow (E7.5 row 1, E7.7, S9.1).
		{"sre user assumes sre role", m, Request{Principal: vuln + "user/privesc-sre-user", Action: "sts:AssumeRole", Resource: vuln + "role/privesc-sre-role"},
			eval.Allow, "allowed-by-resource-policy", []string{vuln + "role/privesc-sre-role/AssumeRolePolicyDocument"}},
		// privesc4 user is not named by that trust policy and has no sts:AssumeRole: E7.7.
		{"other user cannot assume sre role", m, Request{Principal: vuln + "user/privesc4-CreateAccessKey-user", Action: "sts:AssumeRole", Resource: vuln + "role/privesc-sre-role"},
			eval.ImplicitDeny, "", nil},
		// A session of privesc-sre-role gets privesc-sre-admin-policy (iam:*, ec2:*, s3:*).
		{"sre role session", m, Request{Principal: "arn:aws:sts::200611803367:assumed-role/privesc-sre-role/ops", Action: "ec2:RunInstances", Resource: "*"},
			eval.Allow, "allowed", []string{vuln + "policy/privesc-sre-admin-policy"}},
		// The same session narrowed by a session policy allowing s3 only (S9.4).
		{"sre role session narrowed", m, Request{Principal: "arn:aws:sts::200611803367:assumed-role/privesc-sre-role/ops", Action: "ec2:RunInstances", Resource: "*",
			SessionPolicies: mustPolicies(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)},
			eval.ImplicitDeny, "session-no-allow", nil},
		// small-with-groups: obama has AdministratorAccess (Action *, Resource *) attached and
		// through the admin group.
		{"obama admin", ms, Request{Principal: small + "user/obama", Action: "iam:CreateUser", Resource: small + "user/new"},
			eval.Allow, "allowed", []string{"arn:aws:iam::aws:policy/AdministratorAccess"}},
		// biden: InsecureUserPolicy (inline) allows s3:PutObjectAcl; group biden's inline policy
		// too; AWSLambdaFullAccess has s3:*. A bucket of the same account (ResourceAccount).
		{"biden put acl", ms, Request{Principal: small + "user/biden", Action: "s3:PutObjectAcl", Resource: "arn:aws:s3:::mybucket/k", ResourceAccount: "012345678901"},
			eval.Allow, "allowed", []string{small + "user/biden/InsecureUserPolicy", small + "group/biden/InlinePolicyForBidenGroup", "arn:aws:iam::aws:policy/AWSLambdaFullAccess"}},
		// biden has no iam:CreateUser in any of his four policies.
		{"biden create user", ms, Request{Principal: small + "user/biden", Action: "iam:CreateUser", Resource: small + "user/x"},
			eval.ImplicitDeny, "no-allow", nil},
		// AmazonRDSFullAccess (group biden) Statement[2]: iam:CreateServiceLinkedRole only if
		// iam:AWSServiceName is rds.amazonaws.com or ... (C5.5).
		{"biden SLR for rds", ms, Request{Principal: small + "user/biden", Action: "iam:CreateServiceLinkedRole", Resource: "*",
			Context: []condition.Entry{{Key: "iam:AWSServiceName", Values: []string{"rds.amazonaws.com"}}}},
			eval.Allow, "allowed", []string{"arn:aws:iam::aws:policy/AmazonRDSFullAccess"}},
		{"biden SLR for ec2", ms, Request{Principal: small + "user/biden", Action: "iam:CreateServiceLinkedRole", Resource: "*",
			Context: []condition.Entry{{Key: "iam:AWSServiceName", Values: []string{"ec2.amazonaws.com"}}}},
			eval.ImplicitDeny, "no-allow", nil},
		// Cross-account: obama (012345678901) on a user of 200611803367 is not in this
		// model's account... the resource's account differs and there is no resource policy (X8.1).
		{"cross-account without resource policy", ms, Request{Principal: small + "user/obama", Action: "iam:CreateUser", Resource: vuln + "user/x"},
			eval.ImplicitDeny, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.m.Can(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if a.Decision != tt.want || a.Uncertain {
				t.Fatalf("decision %v (uncertain %v), want %v\n%v", a.Decision, a.Uncertain, tt.want, a.Explanation)
			}
			if tt.reason != "" && a.Explanation.Reason != tt.reason {
				t.Errorf("reason %q, want %q\n%v", a.Explanation.Reason, tt.reason, a.Explanation)
			}
			var got []string
			for _, mt := range a.Explanation.Matched {
				got = append(got, mt.PolicyName)
			}
			for _, p := range tt.policies {
				if !slices.Contains(got, p) {
					t.Errorf("explanation does not name %s: %v", p, got)
				}
			}
			d, err := tt.m.Decide(tt.req)
			if err != nil || d.Decision != a.Decision {
				t.Errorf("Decide = %v, %v; Can = %v", d.Decision, err, a.Decision)
			}
		})
	}
	if _, err := m.Can(Request{Principal: vuln + "user/nobody", Action: "s3:GetObject", Resource: "*"}); !errors.Is(err, ErrUnknownPrincipal) {
		t.Errorf("unknown principal: err = %v, want ErrUnknownPrincipal", err)
	}
	if _, err := m.Can(Request{Principal: "arn:aws:sts::200611803367:assumed-role/no-such-role/s", Action: "s3:GetObject", Resource: "*"}); !errors.Is(err, ErrUnknownPrincipal) {
		t.Errorf("unknown role session: err = %v, want ErrUnknownPrincipal", err)
	}
}

func grantNames(gs []Grant) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Principal)
	}
	return out
}

// TestRealWhoCan: who may create an access key for a user of iam-vulnerable, worked out from
// the documents.
func TestRealWhoCan(t *testing.T) {
	m := realModel(t, "iam-vulnerable.json", "")
	res, err := m.WhoCan(WhoCanRequest{Action: "iam:CreateAccessKey", Resource: vuln + "user/victim", Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	got := grantNames(res.Allowed)
	for _, want := range []string{
		vuln + "user/privesc4-CreateAccessKey-user",               // privesc4-CreateAccessKey: iam:CreateAccessKey on *
		vuln + "role/privesc4-CreateAccessKey-role",               // the same policy
		vuln + "user/privesc-sre-user",                            // privesc-sre-admin-policy: iam:* (via privesc-sre-group)
		vuln + "role/privesc-sre-role",                            // the same policy
		vuln + "role/OrganizationAccountAccessRole",               // AdministratorAccess: Action *
		vuln + "role/privesc-AssumeRole-ending-role",              // privesc-AssumeRole-high-priv-policy: Action *
		vuln + "role/AWS-QuickSetup-StackSet-Local-ExecutionRole", // AdministratorAccess
	} {
		if !slices.Contains(got, want) {
			t.Errorf("allowed lacks %s", want)
		}
	}
	for _, not := range []string{
		vuln + "user/fp1-allow-and-deny-user",                   // Deny iam:* (E7.4 step 1)
		vuln + "user/fp3-deny-iam-user",                         // Deny iam:*
		vuln + "user/fp2-allow-and-deny-multiple-policies-user", // deny-all
		vuln + "user/privesc5-CreateLoginProfile-user",          // only iam:CreateLoginProfile
		small + "user/obama",                                    // another account, no resource policy (X8.1)
		vuln + "role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ViewOnlyAccess_0ace44bbc7092ea8", // read-only
	} {
		if slices.Contains(got, not) {
			t.Errorf("allowed wrongly holds %s", not)
		}
	}
	for _, g := range res.Allowed {
		if len(g.Statements) == 0 {
			t.Errorf("%s allowed without a statement", g.Principal)
		}
	}
	// iam:CreatePolicyVersion: fn3 and fp5 depend on aws:TokenIssueTime (C5.4, M10.3).
	res, err = m.WhoCan(WhoCanRequest{Action: "iam:CreatePolicyVersion", Resource: vuln + "policy/p"})
	if err != nil {
		t.Fatal(err)
	}
	cond := map[string][]string{}
	for _, g := range res.Conditional {
		cond[g.Principal] = g.Keys
	}
	for _, p := range []string{vuln + "user/fn3-exploitableConditionConstraint-user", vuln + "user/fp5-nonExploitableConditionConstraint-user"} {
		if keys := cond[p]; !slices.Contains(keys, "aws:TokenIssueTime") {
			t.Errorf("%s conditional keys = %v, want aws:TokenIssueTime", p, keys)
		}
	}
	if !slices.Contains(grantNames(res.Allowed), vuln+"user/privesc1-CreateNewPolicyVersion-user") {
		t.Errorf("privesc1 user (iam:CreatePolicyVersion on *) not allowed")
	}
}

// TestRealWhoCanBecome: the AssumeRole chain of iam-vulnerable, from the trust policies.
func TestRealWhoCanBecome(t *testing.T) {
	m := realModel(t, "iam-vulnerable.json", "")
	res, err := m.WhoCanBecome(BecomeRequest{Role: vuln + "role/privesc-AssumeRole-ending-role"})
	if err != nil {
		t.Fatal(err)
	}
	// ending trusts the intermediate role's ARN; intermediate trusts the starting role's ARN;
	// starting trusts the session elad@codsec.io of the SSO administrator role (P4.3, P4.4).
	// Role ARNs named in a trust policy grant at entity strength in the same account (E7.5).
	want := []struct {
		from    string
		steps   int
		session string
	}{
		{vuln + "role/privesc-AssumeRole-intermediate-role", 1, ""},
		{vuln + "role/privesc-AssumeRole-starting-role", 2, ""},
		{vuln + "role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_dc6414f7f2ab04fc", 3, "elad@codsec.io"},
	}
	if len(res.Chains) != len(want) {
		t.Fatalf("chains = %+v", res.Chains)
	}
	for i, w := range want {
		c := res.Chains[i]
		if c.Principal != w.from || len(c.Steps) != w.steps || c.Steps[0].Session != w.session {
			t.Errorf("chain %d = %s %d steps (session %q), want %s %d (%q)", i, c.Principal, len(c.Steps), c.Steps[0].Session, w.from, w.steps, w.session)
		}
	}
	// The SSO role is reached by the SAML provider, if SAML:aud matches (S9.8).
	if len(res.Outside) != 1 || res.Outside[0].Kind != "federated" || res.Outside[0].Action != "sts:AssumeRoleWithSAML" || !slices.Contains(res.Outside[0].Keys, "SAML:aud") {
		t.Errorf("outside = %+v", res.Outside)
	}
	if adds := res.Adds[vuln+"role/privesc-AssumeRole-ending-role"]; !slices.Equal(adds, []string{vuln + "policy/privesc-AssumeRole-high-priv-policy"}) {
		t.Errorf("adds = %v", adds)
	}
	// privesc-sre-role trusts privesc-sre-user directly.
	res, err = m.WhoCanBecome(BecomeRequest{Role: vuln + "role/privesc-sre-role"})
	if err != nil || len(res.Chains) != 1 || res.Chains[0].Principal != vuln+"user/privesc-sre-user" {
		t.Errorf("sre role: %+v, %v", res, err)
	}
	// OrganizationAccountAccessRole trusts the root of 072528804237, an account outside the
	// model: listed outside, no principal of the model (X8.1: its own policies must allow).
	res, err = m.WhoCanBecome(BecomeRequest{Role: vuln + "role/OrganizationAccountAccessRole"})
	if err != nil || len(res.Chains) != 0 || len(res.Outside) != 1 || res.Outside[0].From != "arn:aws:iam::072528804237:root" {
		t.Errorf("OrganizationAccountAccessRole: %+v, %v", res, err)
	}
	// privesc-permissive-role-trust trusts its own account's root: every principal of the
	// account whose identity policies allow sts:AssumeRole on it (E7.7 delegation), such as
	// the AdministratorAccess roles, and not privesc4-CreateAccessKey-user.
	res, err = m.WhoCanBecome(BecomeRequest{Role: vuln + "role/privesc-permissive-role-trust"})
	if err != nil {
		t.Fatal(err)
	}
	var from []string
	for _, c := range res.Chains {
		from = append(from, c.Principal)
	}
	if !slices.Contains(from, vuln+"role/OrganizationAccountAccessRole") || slices.Contains(from, vuln+"user/privesc4-CreateAccessKey-user") {
		t.Errorf("permissive trust chains: %v", from)
	}
	if _, err := m.WhoCanBecome(BecomeRequest{Role: vuln + "user/privesc-sre-user"}); !errors.Is(err, ErrUnknownPrincipal) {
		t.Errorf("a user as the target: %v", err)
	}
}

// TestRealWhatCan: privesc4-CreateAccessKey-user names one action.
func TestRealWhatCan(t *testing.T) {
	m := realModel(t, "iam-vulnerable.json", "")
	res, err := m.WhatCan(WhatCanRequest{Principal: vuln + "user/privesc4-CreateAccessKey-user"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Allowed) != 1 || res.Allowed[0].Action != "iam:CreateAccessKey" || len(res.Patterns) != 0 {
		t.Errorf("what-can = %+v", res)
	}
	// privesc-sre-user: iam:*, ec2:*, s3:* are patterns; the actions the model names for
	// those services are tried and allowed.
	res, err = m.WhatCan(WhatCanRequest{Principal: vuln + "user/privesc-sre-user"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Patterns) != 3 || len(res.Allowed) == 0 {
		t.Fatalf("what-can sre = %d allowed, patterns %+v", len(res.Allowed), res.Patterns)
	}
	for _, a := range res.Allowed {
		if a.Service != "iam" && a.Service != "ec2" && a.Service != "s3" {
			t.Errorf("allowed %s outside iam, ec2, s3", a.Action)
		}
	}
}

// TestRealWithManagedDir loads small-with-groups with the shared managed-policy directory:
// nothing is missing either way, and the export's own copy of a policy wins.
func TestRealWithManagedDir(t *testing.T) {
	m := realModel(t, "small-with-groups.json", sharedManaged)
	mp, ok := m.ManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess")
	if !ok || mp.DefaultVersion != "v1" {
		t.Errorf("AdministratorAccess from %+v", mp)
	}
}

func mustPolicies(t testing.TB, docs ...string) []*policy.Policy {
	t.Helper()
	var out []*policy.Policy
	for _, d := range docs {
		p, err := policy.Parse([]byte(d))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}
