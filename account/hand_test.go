package account

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
)

// Hand-written exports in the shape of get-account-authorization-details, for what the real
// exports lack: boundaries, organizations, resource policies, several accounts, pages and the
// string and URL-encoded document forms.

const (
	acctA = "111111111111"
	acctB = "222222222222"
	acctM = "999999999999" // management account
)

type (
	obj = map[string]any
	arr = []any
)

func js(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func stmt(effect string, action any, resource any) obj {
	return obj{"Effect": effect, "Action": action, "Resource": resource}
}

func doc(stmts ...obj) obj {
	s := arr{}
	for _, x := range stmts {
		s = append(s, x)
	}
	return obj{"Version": "2012-10-17", "Statement": s}
}

func managed(acct, name string, document any) obj {
	return obj{
		"PolicyName": name, "PolicyId": "ANPA" + strings.ToUpper(name), "Arn": "arn:aws:iam::" + acct + ":policy/" + name,
		"Path": "/", "DefaultVersionId": "v2", "AttachmentCount": 1, "IsAttachable": true,
		"CreateDate": "2023-03-09T10:41:45Z", "UpdateDate": "2023-03-09 10:41:45+00:00",
		"PolicyVersionList": arr{
			obj{"Document": doc(stmt("Allow", "*", "*")), "VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2023-03-09T10:41:45Z"},
			obj{"Document": document, "VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2023-03-10T10:41:45.123Z"},
		},
	}
}

func attach(arns ...string) arr {
	out := arr{}
	for _, a := range arns {
		out = append(out, obj{"PolicyArn": a, "PolicyName": a[strings.LastIndexByte(a, '/')+1:]})
	}
	return out
}

func user(acct, name string, groups []string, attached arr, inline arr, extra obj) obj {
	g := arr{}
	for _, x := range groups {
		g = append(g, x)
	}
	u := obj{"Path": "/", "UserName": name, "UserId": "AIDA" + strings.ToUpper(strings.ReplaceAll(name, "-", "")), "Arn": "arn:aws:iam::" + acct + ":user/" + name,
		"CreateDate": "2023-03-09 10:41:45+00:00", "GroupList": g, "AttachedManagedPolicies": attached, "Tags": arr{}}
	if inline != nil {
		u["UserPolicyList"] = inline
	}
	for k, v := range extra {
		u[k] = v
	}
	return u
}

func role(acct, name string, trust any, attached arr, inline arr, extra obj) obj {
	r := obj{"Path": "/", "RoleName": name, "RoleId": "AROA" + strings.ToUpper(strings.ReplaceAll(name, "-", "")), "Arn": "arn:aws:iam::" + acct + ":role/" + name,
		"CreateDate": "2023-03-09T10:41:45Z", "AssumeRolePolicyDocument": trust, "InstanceProfileList": arr{},
		"RolePolicyList": inline, "AttachedManagedPolicies": attached, "Tags": arr{}, "RoleLastUsed": obj{}}
	if inline == nil {
		r["RolePolicyList"] = arr{}
	}
	for k, v := range extra {
		r[k] = v
	}
	return r
}

func inline(name string, document any) obj {
	return obj{"PolicyName": name, "PolicyDocument": document}
}

func trustAWS(principal string, cond obj) obj {
	s := obj{"Effect": "Allow", "Principal": obj{"AWS": principal}, "Action": "sts:AssumeRole"}
	if cond != nil {
		s["Condition"] = cond
	}
	return obj{"Version": "2012-10-17", "Statement": arr{s}}
}

func export(users, groups, roles, policies arr) obj {
	return obj{"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}
}

func arnOf(acct, kind, name string) string { return "arn:aws:iam::" + acct + ":" + kind + "/" + name }

// handModel is account A (users, a group, roles with a boundary), account B (a role trusting
// A), an organization with A in OU "prod" and B under the root, and resource policies.
func handModel(t testing.TB) *Model {
	t.Helper()
	adminARN := "arn:aws:iam::aws:policy/AdministratorAccess"
	s3Only := doc(stmt("Allow", "s3:*", "*"))
	exportA := export(
		arr{
			// alice: the dev group (inline + managed ReadReports).
			user(acctA, "alice", []string{"dev"}, arr{}, nil, obj{"Tags": arr{obj{"Key": "team", "Value": "blue"}}}),
			// bob: AdministratorAccess, boundary s3-only (E7.4 step 6).
			user(acctA, "bob", nil, attach(adminARN), nil, obj{"PermissionsBoundary": obj{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arnOf(acctA, "policy", "s3-only")}}),
			// carol: inline policy written as a URL-encoded JSON string (the raw API form).
			user(acctA, "carol", nil, arr{}, arr{inline("encoded", url.PathEscape(string(js(t, doc(stmt("Allow", "secretsmanager:GetSecretValue", "*"))))))}, nil),
			// dave: a managed policy no input holds: uncertain (C5.0).
			user(acctA, "dave", nil, attach(arnOf(acctA, "policy", "vanished"), "arn:aws:iam::aws:policy/NoSuchAWSPolicy"), arr{inline("own", doc(stmt("Allow", "s3:GetObject", "*"), stmt("Deny", "s3:DeleteBucket", "*")))}, nil),
			// erin: inline document written as a JSON string.
			user(acctA, "erin", nil, arr{}, arr{inline("string", string(js(t, doc(stmt("Allow", "sts:AssumeRole", "*")))))}, nil),
		},
		arr{
			obj{"Path": "/", "GroupName": "dev", "GroupId": "AGPADEV", "Arn": arnOf(acctA, "group", "dev"), "CreateDate": "2023-03-09T10:41:45Z",
				"GroupPolicyList":         arr{inline("dev-inline", doc(stmt("Allow", "s3:ListBucket", "arn:aws:s3:::reports")))},
				"AttachedManagedPolicies": attach(arnOf(acctA, "policy", "ReadReports"))},
		},
		arr{
			// ci: trusted by erin (her account via root) with an ExternalId condition.
			role(acctA, "ci", trustAWS("arn:aws:iam::"+acctA+":root", obj{"StringEquals": obj{"sts:ExternalId": "xyz"}}), attach(arnOf(acctA, "policy", "s3-only")), nil, nil),
			// admin: trusted by ci's role ARN (entity strength, E7.5) and Lambda.
			role(acctA, "admin", obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Principal": obj{"AWS": arnOf(acctA, "role", "ci")}, "Action": "sts:AssumeRole"},
				obj{"Effect": "Allow", "Principal": obj{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
			}}, attach(adminARN), nil, obj{"Tags": arr{obj{"Key": "tier", "Value": "admin"}}}),
		},
		arr{
			managed(acctA, "ReadReports", doc(stmt("Allow", "s3:GetObject", "arn:aws:s3:::reports/*"))),
			managed(acctA, "s3-only", s3Only),
			managed("aws", "AdministratorAccess", doc(stmt("Allow", "*", "*"))),
		},
	)
	exportB := export(arr{
		user(acctB, "frank", nil, arr{}, arr{inline("reports", doc(stmt("Allow", "s3:GetObject", "arn:aws:s3:::reports/*"), stmt("Allow", "sts:AssumeRole", "*")))}, nil),
	}, arr{}, arr{
		role(acctB, "auditor", trustAWS(arnOf(acctA, "user", "alice"), nil), attach("arn:aws:iam::aws:policy/AdministratorAccess"), nil, nil),
	}, arr{})
	org := obj{
		"Organization": obj{"Id": "o-abc", "MasterAccountId": acctM},
		"Policies": arr{
			obj{"PolicySummary": obj{"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY"}, "Content": string(js(t, doc(stmt("Allow", "*", "*"))))},
			obj{"PolicySummary": obj{"Id": "p-nosecrets", "Name": "NoSecrets", "Type": "SERVICE_CONTROL_POLICY"}, "Content": doc(stmt("Deny", "secretsmanager:*", "*"))},
			obj{"PolicySummary": obj{"Id": "p-rcpfull", "Name": "RCPFullAWSAccess", "Type": "RESOURCE_CONTROL_POLICY"}, "Content": obj{"Version": "2012-10-17", "Statement": arr{obj{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}}},
			obj{"PolicySummary": obj{"Id": "p-orgonly", "Name": "OrgOnly", "Type": "RESOURCE_CONTROL_POLICY"}, "Content": obj{"Version": "2012-10-17", "Statement": arr{obj{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
				"Condition": obj{"StringNotEqualsIfExists": obj{"aws:PrincipalOrgID": "o-abc"}, "BoolIfExists": obj{"aws:PrincipalIsAWSService": "false"}}}}}},
			obj{"PolicySummary": obj{"Id": "p-tag", "Name": "Tags", "Type": "TAG_POLICY"}, "Content": "{}"},
		},
		"Root": obj{"Id": "r-root", "PolicyIds": arr{"p-FullAWSAccess", "p-rcpfull"},
			"OrganizationalUnits": arr{obj{"Id": "ou-prod", "Name": "prod", "PolicyIds": arr{"p-FullAWSAccess", "p-nosecrets", "p-rcpfull"},
				"Accounts": arr{obj{"Id": acctA, "Name": "a", "PolicyIds": arr{"p-FullAWSAccess", "p-rcpfull", "p-orgonly"}}}}},
			"Accounts": arr{obj{"Id": acctB, "PolicyIds": arr{"p-FullAWSAccess", "p-rcpfull"}}, obj{"Id": acctM, "PolicyIds": arr{"p-FullAWSAccess", "p-rcpfull"}}},
		},
	}
	bucket := obj{"ResourceArn": "arn:aws:s3:::reports", "ResourceAccount": acctA, "Policy": obj{"Version": "2012-10-17", "Statement": arr{
		obj{"Sid": "FrankReads", "Effect": "Allow", "Principal": obj{"AWS": arnOf(acctB, "user", "frank")}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
		obj{"Sid": "Partner", "Effect": "Allow", "Principal": obj{"AWS": "333333333333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
		obj{"Sid": "Logs", "Effect": "Allow", "Principal": obj{"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/*",
			"Condition": obj{"StringEquals": obj{"aws:SourceAccount": acctA}}},
	}}}
	secret := obj{"ARN": "arn:aws:secretsmanager:us-east-1:" + acctB + ":secret:db-AbCdEf", "ResourcePolicy": string(js(t, obj{"Version": "2012-10-17", "Statement": arr{
		obj{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}}}))}
	// The queue's policy as sqs get-queue-attributes prints it: a JSON string.
	queue := obj{"ResourceArn": "arn:aws:sqs:us-east-1:" + acctB + ":jobs", "Policy": string(js(t, obj{"Version": "2012-10-17", "Statement": arr{
		obj{"Effect": "Allow", "Principal": obj{"AWS": "arn:aws:iam::333333333333:root"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:" + acctB + ":jobs"}}}))}
	m, err := Options{}.Load(Input{
		Exports:          []File{{Name: "a.json", Data: js(t, exportA)}, {Name: "b.json", Data: js(t, exportB)}},
		Organization:     &File{Name: "org.json", Data: js(t, org)},
		ResourcePolicies: []File{{Name: "bucket.json", Data: js(t, bucket)}, {Name: "secret.json", Data: js(t, obj{"ResourcePolicies": arr{secret, queue}})}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestHandCan(t *testing.T) {
	m := handModel(t)
	ctx := func(kv ...string) []condition.Entry {
		var out []condition.Entry
		for i := 0; i < len(kv); i += 2 {
			out = append(out, condition.Entry{Key: kv[i], Values: []string{kv[i+1]}})
		}
		return out
	}
	tests := []struct {
		name      string
		req       Request
		want      eval.Decision
		reason    string
		uncertain bool
	}{
		// alice: dev's managed ReadReports allows s3:GetObject on reports/* (E7.1 group policies).
		{"E7.1 group managed policy", Request{Principal: arnOf(acctA, "user", "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv"}, eval.Allow, "allowed", false},
		// dev's inline policy allows s3:ListBucket on the bucket.
		{"E7.1 group inline policy", Request{Principal: arnOf(acctA, "user", "alice"), Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports"}, eval.Allow, "allowed", false},
		// Only the default version v2 is in force; v1 (Allow *) is not (E7.1).
		{"E7.1 default version only", Request{Principal: arnOf(acctA, "user", "alice"), Action: "iam:CreateUser", Resource: arnOf(acctA, "user", "x")}, eval.ImplicitDeny, "no-allow", false},
		// bob: AdministratorAccess but boundary s3-only: iam denied (E7.4 step 6), s3 allowed.
		{"E7.4 boundary blocks", Request{Principal: arnOf(acctA, "user", "bob"), Action: "iam:CreateUser", Resource: arnOf(acctA, "user", "x")}, eval.ImplicitDeny, "boundary-no-allow", false},
		{"E7.4 boundary allows", Request{Principal: arnOf(acctA, "user", "bob"), Action: "s3:PutObject", Resource: "arn:aws:s3:::other/x", ResourceAccount: acctA}, eval.Allow, "allowed", false},
		// carol's URL-encoded inline policy allows GetSecretValue, but A's OU SCP NoSecrets
		// denies secretsmanager:* (E7.9, E7.4 step 1).
		{"E7.9 OU SCP deny", Request{Principal: arnOf(acctA, "user", "carol"), Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:" + acctA + ":secret:x-AbCdEf"}, eval.ExplicitDeny, "explicit-deny", false},
		// dave: the Allow he has would allow, but two attached policies are missing: uncertain,
		// fail closed (C5.0).
		{"C5.0 missing policy", Request{Principal: arnOf(acctA, "user", "dave"), Action: "s3:GetObject", Resource: "arn:aws:s3:::any/x", ResourceAccount: acctA}, eval.ImplicitDeny, "", true},
		// His explicit Deny settles the answer whatever the missing policies say (E7.4 step 1).
		{"E7.4 deny settles uncertainty", Request{Principal: arnOf(acctA, "user", "dave"), Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::any", ResourceAccount: acctA}, eval.ExplicitDeny, "explicit-deny", false},
		// frank (account B) reads reports/: the bucket policy (A) names him and his inline
		// policy allows: both sides (X8.1). A's RCP OrgOnly: frank's account B is in o-abc.
		{"X8.1 both sides allow", Request{Principal: arnOf(acctB, "user", "frank"), Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv"}, eval.Allow, "", false},
		// frank cannot list the bucket: the bucket policy does not grant it (X8.1).
		{"X8.1 resource side missing", Request{Principal: arnOf(acctB, "user", "frank"), Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports"}, eval.ImplicitDeny, "", false},
		// erin assumes ci: the trust names A's root (delegation, E7.7) and her string-form
		// inline policy allows sts:AssumeRole; the ExternalId condition must hold (S9.8).
		{"E7.7 delegation with ExternalId", Request{Principal: arnOf(acctA, "user", "erin"), Action: "sts:AssumeRole", Resource: arnOf(acctA, "role", "ci"), Context: ctx("sts:ExternalId", "xyz")}, eval.Allow, "", false},
		{"E7.7 wrong ExternalId", Request{Principal: arnOf(acctA, "user", "erin"), Action: "sts:AssumeRole", Resource: arnOf(acctA, "role", "ci"), Context: ctx("sts:ExternalId", "nope")}, eval.ImplicitDeny, "", false},
		// alice has no sts:AssumeRole: delegation needs the identity side (E7.7).
		{"E7.7 delegation needs identity", Request{Principal: arnOf(acctA, "user", "alice"), Action: "sts:AssumeRole", Resource: arnOf(acctA, "role", "ci"), Context: ctx("sts:ExternalId", "xyz")}, eval.ImplicitDeny, "", false},
		// alice is named by auditor's trust policy in account B: cross-account, her identity
		// side must allow too (X8.1, X8.5); it does not.
		{"X8.5 cross-account trust needs identity", Request{Principal: arnOf(acctA, "user", "alice"), Action: "sts:AssumeRole", Resource: arnOf(acctB, "role", "auditor")}, eval.ImplicitDeny, "", false},
		// A session of admin has AdministratorAccess (S9.4), limited by A's SCPs (E7.9).
		{"S9.4 session", Request{Principal: "arn:aws:sts::" + acctA + ":assumed-role/admin/s1", Action: "iam:CreateUser", Resource: arnOf(acctA, "user", "x")}, eval.Allow, "allowed", false},
		{"S9.4 session policy narrows", Request{Principal: "arn:aws:sts::" + acctA + ":assumed-role/admin/s1", Action: "iam:CreateUser", Resource: arnOf(acctA, "user", "x"),
			SessionPolicies: mustPolicies(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}, eval.ImplicitDeny, "session-no-allow", false},
		// Anyone may read B's secret ("*", P4.9), but alice's account A sits in OU prod whose
		// SCP NoSecrets denies secretsmanager:* for any request, resource-policy grants
		// included (E7.9, E7.4 step 1).
		{"E7.9 SCP caps a public grant", Request{Principal: arnOf(acctA, "user", "alice"), Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:" + acctB + ":secret:db-AbCdEf"}, eval.ExplicitDeny, "explicit-deny", false},
		{"P4.9 public secret same account", Request{Principal: arnOf(acctB, "user", "frank"), Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:" + acctB + ":secret:db-AbCdEf"}, eval.Allow, "allowed-by-resource-policy", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := m.Can(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if a.Decision != tt.want || a.Uncertain != tt.uncertain {
				t.Fatalf("decision %v uncertain %v, want %v %v\n%v", a.Decision, a.Uncertain, tt.want, tt.uncertain, a.Explanation)
			}
			if tt.reason != "" && a.Explanation.Reason != tt.reason {
				t.Errorf("reason %q, want %q", a.Explanation.Reason, tt.reason)
			}
		})
	}
}

func TestHandUncertain(t *testing.T) {
	m := handModel(t)
	dave, _ := m.Principal(arnOf(acctA, "user", "dave"))
	want := []string{arnOf(acctA, "policy", "vanished"), "arn:aws:iam::aws:policy/NoSuchAWSPolicy"}
	if !slices.Equal(dave.Missing, want) {
		t.Errorf("dave missing %v, want %v", dave.Missing, want)
	}
	a, _ := m.Can(Request{Principal: dave.ARN, Action: "s3:GetObject", Resource: "arn:aws:s3:::any/x", ResourceAccount: acctA})
	if a.Engine != eval.Allow || a.Decision != eval.ImplicitDeny || !a.Uncertain {
		t.Errorf("answer %+v", a)
	}
	// what-can reports nothing as allowed for him, only as possible.
	wc, err := m.WhatCan(WhatCanRequest{Principal: dave.ARN})
	if err != nil || len(wc.Allowed) != 0 || !wc.Uncertain || len(wc.Possible) == 0 {
		t.Errorf("what-can: %+v %v", wc, err)
	}
	// who-can lists dave as uncertain even for an action none of his known policies names: a
	// missing policy might grant anything (never silently narrower).
	res, err := m.WhoCan(WhoCanRequest{Action: "ec2:RunInstances", Resource: "*"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(grantNames(res.Uncertain), dave.ARN) || slices.Contains(grantNames(res.Allowed), dave.ARN) {
		t.Errorf("who-can: allowed %v uncertain %v", grantNames(res.Allowed), grantNames(res.Uncertain))
	}
	// ...and not for s3:DeleteBucket, which his own Deny settles.
	res, _ = m.WhoCan(WhoCanRequest{Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::any", ResourceAccount: acctA})
	if slices.Contains(grantNames(res.Uncertain), dave.ARN) {
		t.Errorf("dave uncertain for a denied action")
	}
}

func TestHandWhoCan(t *testing.T) {
	m := handModel(t)
	res, err := m.WhoCan(WhoCanRequest{Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv", Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	// alice (ReadReports via dev), bob (admin ∩ s3-only boundary), frank (bucket policy +
	// his inline policy, X8.1). The admin role: AdministratorAccess in A.
	allowed := grantNames(res.Allowed)
	for _, want := range []string{arnOf(acctA, "user", "alice"), arnOf(acctA, "user", "bob"), arnOf(acctB, "user", "frank"), arnOf(acctA, "role", "admin"), arnOf(acctA, "role", "ci")} {
		if !slices.Contains(allowed, want) {
			t.Errorf("allowed lacks %s: %v", want, allowed)
		}
	}
	// carol and erin have nothing for s3; auditor (B, AdministratorAccess) is not named by
	// the bucket policy: cross-account needs both sides (X8.1).
	for _, not := range []string{arnOf(acctA, "user", "carol"), arnOf(acctA, "user", "erin"), arnOf(acctB, "role", "auditor")} {
		if slices.Contains(allowed, not) {
			t.Errorf("allowed wrongly holds %s", not)
		}
	}
	// The bucket policy's Partner statement names account 333333333333, outside the
	// organization: A's RCP OrgOnly denies s3:* to principals outside o-abc (E7.10), so no
	// principal outside the model is listed.
	if len(res.Outside) != 0 {
		t.Errorf("outside = %+v", res.Outside)
	}
	// B's queue grants sqs:SendMessage to account 333333333333; B has no such RCP: listed
	// outside the model (its own policies must allow too, X8.1).
	res, _ = m.WhoCan(WhoCanRequest{Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:" + acctB + ":jobs"})
	var outside []string
	for _, g := range res.Outside {
		outside = append(outside, g.Kind+" "+g.Principal)
	}
	if !slices.Equal(outside, []string{"account arn:aws:iam::333333333333:root"}) {
		t.Errorf("outside = %v", outside)
	}
	// s3:PutObject: the log service is granted if aws:SourceAccount matches (conditional).
	res, _ = m.WhoCan(WhoCanRequest{Action: "s3:PutObject", Resource: "arn:aws:s3:::reports/log"})
	if len(res.Outside) != 1 || res.Outside[0].Kind != "service" || !slices.Equal(res.Outside[0].Keys, []string{"aws:SourceAccount"}) {
		t.Errorf("outside = %+v", res.Outside)
	}
	// A pattern expands over the actions the policies name.
	res, _ = m.WhoCan(WhoCanRequest{Action: "s3:Get*", Resource: "arn:aws:s3:::reports/q1.csv"})
	if !slices.Equal(res.Actions, []string{"s3:GetObject"}) {
		t.Errorf("actions = %v", res.Actions)
	}
	// The public secret: "*" outside the model; every principal of B allowed (P4.9).
	res, _ = m.WhoCan(WhoCanRequest{Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:" + acctB + ":secret:db-AbCdEf"})
	if len(res.Outside) != 1 || res.Outside[0].Kind != "anyone" || !slices.Contains(grantNames(res.Allowed), arnOf(acctB, "user", "frank")) {
		t.Errorf("public secret: allowed %v outside %+v", grantNames(res.Allowed), res.Outside)
	}
}

func TestHandWhoCanBecome(t *testing.T) {
	m := handModel(t)
	res, err := m.WhoCanBecome(BecomeRequest{Role: arnOf(acctA, "role", "admin")})
	if err != nil {
		t.Fatal(err)
	}
	// admin trusts ci (entity, E7.5); ci trusts A's root with sts:ExternalId: erin (identity
	// Allow sts:AssumeRole on *) reaches ci conditionally, then admin (S9.5 chaining). bob has
	// AdministratorAccess but his boundary (s3-only) does not allow sts:AssumeRole (E7.4 step
	// 6): no chain, even with the ExternalId. dave lacks two policies, which might allow him
	// sts:AssumeRole on ci: listed, uncertain (C5.0), if sts:ExternalId matches.
	if len(res.Chains) != 3 {
		t.Fatalf("chains %+v", res.Chains)
	}
	c0, cd, c1 := res.Chains[0], res.Chains[1], res.Chains[2]
	if cd.Principal != arnOf(acctA, "user", "dave") || !cd.Uncertain {
		t.Errorf("chain 1 %+v", cd)
	}
	if c0.Principal != arnOf(acctA, "role", "ci") || len(c0.Steps) != 1 || c0.Conditional {
		t.Errorf("chain 0 %+v", c0)
	}
	if c1.Principal != arnOf(acctA, "user", "erin") || len(c1.Steps) != 2 || !c1.Conditional || !slices.Equal(c1.Steps[0].Keys, []string{"sts:ExternalId"}) {
		t.Errorf("chain 2 %+v", c1)
	}
	// Outside the model: Lambda (admin's trust). ci's trust names A's root, but A is loaded:
	// its principals are decided above, and its root user cannot assume roles (S9.1).
	if len(res.Outside) != 1 || res.Outside[0].From != "lambda.amazonaws.com" {
		t.Errorf("outside %+v", res.Outside)
	}
	// With the right ExternalId in the context, erin's chain is unconditional.
	res, _ = m.WhoCanBecome(BecomeRequest{Role: arnOf(acctA, "role", "admin"), Context: []condition.Entry{{Key: "sts:ExternalId", Values: []string{"xyz"}}}})
	for _, c := range res.Chains {
		if c.Conditional {
			t.Errorf("conditional with the ExternalId given: %+v", c)
		}
	}
	// auditor (B) trusts alice, whose identity side does not allow: no chain (X8.1); frank
	// (B, sts:AssumeRole on *) is not named.
	res, _ = m.WhoCanBecome(BecomeRequest{Role: arnOf(acctB, "role", "auditor")})
	if len(res.Chains) != 0 {
		t.Errorf("auditor chains %+v", res.Chains)
	}
	// MaxDepth 1 stops at the direct edges.
	res, _ = m.WhoCanBecome(BecomeRequest{Role: arnOf(acctA, "role", "admin"), MaxDepth: 1})
	if len(res.Chains) != 1 {
		t.Errorf("max depth 1: %+v", res.Chains)
	}
}

func TestHandOrg(t *testing.T) {
	m := handModel(t)
	a, _ := m.Account(acctA)
	// Root, OU prod, account: three SCP levels and three RCP levels (E7.9, E7.10).
	if len(a.SCP) != 3 || len(a.RCP) != 3 || a.OrgPath != "o-abc/r-root/ou-prod/" {
		t.Errorf("A: %d SCP levels, %d RCP levels, path %q", len(a.SCP), len(a.RCP), a.OrgPath)
	}
	alice, _ := m.Principal(arnOf(acctA, "user", "alice"))
	found := false
	for _, e := range alice.baseCtx {
		if e.Key == "aws:PrincipalOrgID" && e.Values[0] == "o-abc" {
			found = true
		}
	}
	if !found {
		t.Errorf("alice's context lacks aws:PrincipalOrgID: %+v", alice.baseCtx)
	}
}

// TestLoadErrors: every bad input names file, JSON path and line:column.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, data string
		code       ErrorCode
		path       string
		line, col  int
	}{
		{"syntax", "{\n  \"UserDetailList\": [\n  }", CodeSyntax, "", 3, 3},
		{"not an object", "[]", CodeType, "", 1, 1},
		{"list type", `{"UserDetailList": {}}`, CodeType, "UserDetailList", 1, 20},
		{"duplicate key", `{"Policies": [], "Policies": []}`, CodeDuplicate, "", 1, 18},
		{"bad arn", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a"}]}`, CodeValue, "UserDetailList[0].Arn", 1, 46},
		{"bad effect in object document", "{\"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": \"arn:aws:iam::111111111111:role/r\",\n \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}]}}]}",
			CodePolicy, "RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Effect", 2, 56},
		{"bad date", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a", "CreateDate": "yesterday"}]}`, CodeValue, "UserDetailList[0].CreateDate", 1, 96},
		{"bad url encoding", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%ZZ"}]}]}`, CodePolicy, "UserDetailList[0].UserPolicyList[0].PolicyDocument", 1, 139},
		{"truncated", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a"}], "IsTruncated": true, "Marker": "m1"}`, CodeTruncated, "IsTruncated", 0, 0},
		{"deep", strings.Repeat("[", 100), CodeTooDeep, "", 1, 65},
		{"utf8", "{\"a\": \"\xff\"}", CodeUTF8, "", 1, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(Input{Exports: []File{{Name: "x.json", Data: []byte(tt.data)}}})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v", err)
			}
			if e.File != "x.json" || e.Code != tt.code || e.Path != tt.path || e.Line != tt.line || e.Col != tt.col {
				t.Errorf("got %s (code %s path %q %d:%d)", e, e.Code, e.Path, e.Line, e.Col)
			}
		})
	}
	// A string-form document: the error points at the string and gives the inner position.
	data := `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "{\"Statement\": {\"Effect\": \"Maybe\", \"Action\": \"*\", \"Resource\": \"*\"}}"}]}]}`
	_, err := Load(Input{Exports: []File{{Name: "s.json", Data: []byte(data)}}})
	var e *Error
	if !errors.As(err, &e) || e.Inner != "1:26" || e.Path != "UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement.Effect" {
		t.Errorf("string document error: %v (inner %q, path %q)", err, e.Inner, e.Path)
	}
	// Size limit.
	_, err = Options{MaxBytes: 10}.Load(Input{Exports: []File{{Name: "big.json", Data: []byte(`{"Policies": []}`)}}})
	if !errors.As(err, &e) || e.Code != CodeTooLarge {
		t.Errorf("size limit: %v", err)
	}
}

// TestPages: an account exported in two pages (IsTruncated/Marker) loads as one.
func TestPages(t *testing.T) {
	p1 := export(arr{user(acctA, "u1", []string{"g"}, arr{}, nil, nil)}, arr{}, arr{}, arr{})
	p1["IsTruncated"], p1["Marker"] = true, "page2"
	p2 := export(arr{}, arr{obj{"GroupName": "g", "Arn": arnOf(acctA, "group", "g"), "GroupPolicyList": arr{inline("i", doc(stmt("Allow", "s3:GetObject", "*")))}, "AttachedManagedPolicies": arr{}}}, arr{}, arr{})
	p2["IsTruncated"] = false
	m, err := Load(Input{Exports: []File{{Name: "p1.json", Data: js(t, p1)}, {Name: "p2.json", Data: js(t, p2)}}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := m.Can(Request{Principal: arnOf(acctA, "user", "u1"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA})
	if err != nil || a.Decision != eval.Allow {
		t.Errorf("u1 via the group of page 2: %v %v", a.Decision, err)
	}
	// The same user in both pages is an error naming both places.
	_, err = Load(Input{Exports: []File{{Name: "p1.json", Data: js(t, p1)}, {Name: "p1b.json", Data: js(t, p1)}, {Name: "p2.json", Data: js(t, p2)}}})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeDuplicate || !strings.Contains(e.Msg, "p1.json") {
		t.Errorf("duplicate user: %v", err)
	}
	// A group missing from every page makes its members uncertain.
	m, err = Load(Input{Exports: []File{{Name: "p1.json", Data: js(t, obj{"UserDetailList": p1["UserDetailList"]})}}})
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := m.Principal(arnOf(acctA, "user", "u1")); !u.Uncertain() {
		t.Errorf("u1 without its group is not uncertain")
	}
}

// testCatalog is a stand-in for the catalog package.
type testCatalog map[string]string

func (c testCatalog) Actions(yield func(string, string) bool) {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !yield(k, c[k]) {
			return
		}
	}
}

// TestCatalogHook: with a catalog, what-can tries every action of it and reports access
// levels, and who-can expands patterns over it.
func TestCatalogHook(t *testing.T) {
	cat := testCatalog{"s3:GetObject": "Read", "s3:ListBucket": "List", "s3:PutObject": "Write", "s3:GetBucketPolicy": "Read", "iam:CreateUser": "Write"}
	exp := export(arr{user(acctA, "u", nil, arr{}, arr{inline("s3", doc(stmt("Allow", "s3:Get*", "*")))}, nil)}, arr{}, arr{}, arr{})
	m, err := Options{Catalog: cat}.Load(Input{Exports: []File{{Name: "e.json", Data: js(t, exp)}}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.WhatCan(WhatCanRequest{Principal: arnOf(acctA, "user", "u")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range res.Allowed {
		got = append(got, a.Action+"/"+a.AccessLevel)
	}
	// s3:Get* covers the two Get actions of the catalog (A2.3), nothing else.
	if !res.FromCatalog || !slices.Equal(got, []string{"s3:GetBucketPolicy/Read", "s3:GetObject/Read"}) {
		t.Errorf("what-can = %v (from catalog %v)", got, res.FromCatalog)
	}
	w, _ := m.WhoCan(WhoCanRequest{Action: "s3:*", Resource: "*"})
	if !slices.Equal(w.Actions, []string{"s3:GetBucketPolicy", "s3:GetObject", "s3:ListBucket", "s3:PutObject"}) || len(w.Allowed) != 2 {
		t.Errorf("who-can s3:* = %v, %d allowed", w.Actions, len(w.Allowed))
	}
}

// TestManagedDir: AWS managed policies the export references without including are read from
// the managed-policy directory (the shared 1,523 when present), also under a path
// (service-role/); one found nowhere makes the principal uncertain.
func TestManagedDir(t *testing.T) {
	if _, err := os.Stat(sharedManaged); err != nil {
		t.Skip("shared managed policies not present")
	}
	exp := export(arr{
		user(acctA, "reader", nil, attach("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), nil, nil),
	}, arr{}, arr{
		role(acctA, "fn", trustAWS(arnOf(acctA, "user", "reader"), nil), attach("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/NotAnAWSPolicyAtAll"), nil, nil),
	}, arr{})
	m, err := Options{ManagedPolicyDir: sharedManaged}.Load(Input{Exports: []File{{Name: "e.json", Data: js(t, exp)}}})
	if err != nil {
		t.Fatal(err)
	}
	// AmazonS3ReadOnlyAccess allows s3:Get* and s3:List* on * (its document in the directory).
	a, err := m.Can(Request{Principal: arnOf(acctA, "user", "reader"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: acctA})
	if err != nil || a.Decision != eval.Allow || a.Uncertain {
		t.Errorf("reader: %v %v %v", a.Decision, a.Uncertain, err)
	}
	if mp, ok := m.ManagedPolicy("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"); !ok || !strings.HasSuffix(mp.Source, "AmazonS3ReadOnlyAccess.json") {
		t.Errorf("source %+v", mp)
	}
	// fn: AWSLambdaBasicExecutionRole (logs:*) is found under its path; the other is nowhere.
	fn, _ := m.Principal(arnOf(acctA, "role", "fn"))
	if len(fn.Attached) != 1 || !slices.Equal(fn.Missing, []string{"arn:aws:iam::aws:policy/NotAnAWSPolicyAtAll"}) {
		t.Errorf("fn attached %d, missing %v", len(fn.Attached), fn.Missing)
	}
	a, _ = m.Can(Request{Principal: "arn:aws:sts::" + acctA + ":assumed-role/fn/x", Action: "logs:PutLogEvents", Resource: "*"})
	if a.Decision != eval.ImplicitDeny || !a.Uncertain || a.Engine != eval.Allow {
		t.Errorf("fn: %+v", a)
	}
}
