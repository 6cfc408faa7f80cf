package escalate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/account"
)

// Small hand-written exports in the shape of get-account-authorization-details: one per
// technique, where the technique works, and near misses where it must not be reported.

const acct = "111111111111"

type (
	obj = map[string]any
	arr = []any
)

var testNow = func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }

const adminARN = "arn:aws:iam::aws:policy/AdministratorAccess"

func arnOf(kind, name string) string { return "arn:aws:iam::" + acct + ":" + kind + "/" + name }

func pdoc(stmts ...obj) obj {
	s := arr{}
	for _, x := range stmts {
		s = append(s, x)
	}
	return obj{"Version": "2012-10-17", "Statement": s}
}

func allow(action, resource any) obj {
	return obj{"Effect": "Allow", "Action": action, "Resource": resource}
}
func deny(action, resource any) obj {
	return obj{"Effect": "Deny", "Action": action, "Resource": resource}
}

func managedPolicy(owner, name string, document any) obj {
	a := "arn:aws:iam::" + owner + ":policy/" + name
	return obj{"PolicyName": name, "PolicyId": "ANPA" + strings.ToUpper(strings.ReplaceAll(name, "-", "")), "Arn": a,
		"Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": true,
		"CreateDate": "2023-03-09T10:41:45Z", "UpdateDate": "2023-03-09T10:41:45Z",
		"PolicyVersionList": arr{obj{"Document": document, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2023-03-09T10:41:45Z"}}}
}

func attached(arns ...string) arr {
	out := arr{}
	for _, a := range arns {
		out = append(out, obj{"PolicyArn": a, "PolicyName": a[strings.LastIndexByte(a, '/')+1:]})
	}
	return out
}

func userObj(name string, groups []string, att arr, inl arr) obj {
	g := arr{}
	for _, x := range groups {
		g = append(g, x)
	}
	if inl == nil {
		inl = arr{}
	}
	return obj{"Path": "/", "UserName": name, "UserId": "AIDA" + strings.ToUpper(strings.ReplaceAll(name, "-", "")), "Arn": arnOf("user", name),
		"CreateDate": "2023-03-09T10:41:45Z", "GroupList": g, "AttachedManagedPolicies": att, "UserPolicyList": inl, "Tags": arr{}}
}

func roleObj(name string, trust obj, att arr, inl arr, profile bool) obj {
	if inl == nil {
		inl = arr{}
	}
	profiles := arr{}
	if profile {
		profiles = arr{obj{"InstanceProfileName": name, "Arn": "arn:aws:iam::" + acct + ":instance-profile/" + name, "Path": "/",
			"InstanceProfileId": "AIPA" + strings.ToUpper(strings.ReplaceAll(name, "-", "")), "CreateDate": "2023-03-09T10:41:45Z", "Roles": arr{}}}
	}
	return obj{"Path": "/", "RoleName": name, "RoleId": "AROA" + strings.ToUpper(strings.ReplaceAll(name, "-", "")), "Arn": arnOf("role", name),
		"CreateDate": "2023-03-09T10:41:45Z", "AssumeRolePolicyDocument": trust, "InstanceProfileList": profiles,
		"RolePolicyList": inl, "AttachedManagedPolicies": att, "Tags": arr{}, "RoleLastUsed": obj{}}
}

func groupObj(name string, att arr, inl arr) obj {
	if inl == nil {
		inl = arr{}
	}
	return obj{"Path": "/", "GroupName": name, "GroupId": "AGPA" + strings.ToUpper(name), "Arn": arnOf("group", name),
		"CreateDate": "2023-03-09T10:41:45Z", "GroupPolicyList": inl, "AttachedManagedPolicies": att}
}

func inlinePolicy(name string, document any) obj {
	return obj{"PolicyName": name, "PolicyDocument": document}
}

func trustService(svc string) obj {
	return pdoc(obj{"Effect": "Allow", "Principal": obj{"Service": svc}, "Action": "sts:AssumeRole"})
}

func trustAWS(p string) obj {
	return pdoc(obj{"Effect": "Allow", "Principal": obj{"AWS": p}, "Action": "sts:AssumeRole"})
}

type export struct {
	users, groups, roles, policies arr
}

func (e *export) bytes(t testing.TB) []byte {
	t.Helper()
	pols := append(arr{managedPolicy("aws", "AdministratorAccess", pdoc(allow("*", "*")))}, e.policies...)
	b, err := json.Marshal(obj{"UserDetailList": nonNil(e.users), "GroupDetailList": nonNil(e.groups), "RoleDetailList": nonNil(e.roles), "Policies": pols})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func nonNil(a arr) arr {
	if a == nil {
		return arr{}
	}
	return a
}

// analyze loads data and runs the analysis at testNow with the instance profiles of data.
func analyze(t testing.TB, data []byte) *Result {
	t.Helper()
	m, err := account.Load(account.Input{Exports: []account.File{{Name: "hand.json", Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	prof, vers := map[string]bool{}, map[string]int{}
	if err := InstanceProfiles(data, prof); err != nil {
		t.Fatal(err)
	}
	if err := PolicyVersions(data, vers); err != nil {
		t.Fatal(err)
	}
	res, err := Analyze(m, Options{Now: testNow, InstanceProfiles: prof, PolicyVersions: vers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// edgesFrom returns the edges of the result from principal p: the graph's, and the
// self-escalation of an admin-equivalent principal.
func edgesFrom(res *Result, p string) []Edge {
	var out []Edge
	for _, e := range res.Edges {
		if e.From == p {
			out = append(out, e)
		}
	}
	for _, a := range res.Admins {
		if a.Principal == p && a.Edge != nil {
			out = append(out, *a.Edge)
		}
	}
	return out
}

// reported reports whether p appears in the result as escalating (a path, or
// admin-equivalent by a technique), and with which technique ids.
func reported(res *Result, p string) (ids []string, yes bool) {
	for _, e := range edgesFrom(res, p) {
		ids = append(ids, e.Technique)
	}
	for _, path := range res.Paths {
		if path.Principal == p {
			yes = true
		}
	}
	for _, a := range res.Admins {
		if a.Principal == p && !a.Direct {
			yes = true
		}
	}
	return ids, yes || len(ids) > 0
}

// nearMiss says how a technique's setting is spoiled.
type nearMiss string

const (
	missNone      nearMiss = ""
	missDeny      nearMiss = "deny"      // a Deny on the first permission
	missResource  nearMiss = "resource"  // every Allow names an ARN the requests cannot match
	missCondition nearMiss = "condition" // every Allow has a condition that cannot hold
	missTrust     nearMiss = "trust"     // the role trusts another service
)

// scenario builds an account where the attacker (user "attacker", or role "attacker" for
// the role self-escalations) has exactly tq's permissions, and the targets tq needs.
func scenario(t testing.TB, tq Technique, miss nearMiss) (data []byte, attacker string) {
	t.Helper()
	var stmts []obj
	for _, p := range tq.Permissions {
		s := allow(p, "*")
		switch miss {
		case missNone:
		case missResource:
			s["Resource"] = "arn:aws:iam::999999999999:role/elsewhere"
		case missCondition:
			s["Condition"] = obj{"DateLessThan": obj{"aws:CurrentTime": "2001-01-01T00:00:00Z"}}
		}
		stmts = append(stmts, s)
	}
	if miss == missDeny {
		// The first permission; for a new-passrole technique the last one, since without
		// iam:PassRole the existing-resource variant of the technique is still (rightly) there.
		p := tq.Permissions[0]
		if tq.Category == NewPassRole {
			p = tq.Permissions[len(tq.Permissions)-1]
		}
		stmts = append(stmts, deny(p, "*"))
	}
	if (tq.ID == "iam-015" || tq.ID == "iam-018") && miss != missResource {
		// Only on the victim, or the attacker would rather widen itself (iam-008, iam-007).
		for _, s := range stmts {
			if s["Effect"] == "Allow" {
				s["Resource"] = arnOf("user", "victim")
			}
		}
	}
	perms := pdoc(stmts...)
	var e export
	attacker = arnOf("user", "attacker")
	userInline := arr{inlinePolicy("perms", perms)}
	var userGroups []string
	var userAttached = arr{}
	switch tq.ID {
	case "iam-001", "extra-001":
		e.policies = append(e.policies, managedPolicy(acct, "mine", perms))
		userInline, userAttached = nil, attached(arnOf("policy", "mine"))
	case "iam-005", "iam-009":
		attacker = arnOf("role", "attacker")
		e.roles = append(e.roles, roleObj("attacker", trustAWS("arn:aws:iam::"+acct+":root"), attached(), arr{inlinePolicy("perms", perms)}, false))
	case "iam-007", "iam-008":
		// the attacker itself
	case "iam-010", "iam-011":
		userGroups = []string{"g"}
		e.groups = append(e.groups, groupObj("g", attached(), nil))
	case "iam-013":
		e.groups = append(e.groups, groupObj("admins", attached(adminARN), nil))
	case "iam-002", "iam-003", "iam-004", "iam-006":
		e.users = append(e.users, userObj("victim", nil, attached(adminARN), nil))
	case "iam-015", "iam-018":
		e.users = append(e.users, userObj("victim", nil, attached(), nil))
	case "iam-012":
		e.roles = append(e.roles, roleObj("victim", trustService("ec2.amazonaws.com"), attached(adminARN), nil, false))
	case "sts-001":
		e.roles = append(e.roles, roleObj("victim", trustAWS("arn:aws:iam::"+acct+":root"), attached(adminARN), nil, false))
	case "iam-014", "iam-016", "iam-017":
		e.policies = append(e.policies, managedPolicy(acct, "victim-pol", pdoc(allow("s3:ListAllMyBuckets", "*"))))
		e.roles = append(e.roles, roleObj("victim", trustAWS("arn:aws:iam::"+acct+":root"), attached(arnOf("policy", "victim-pol")), nil, false))
	case "iam-019", "iam-020", "iam-021":
		e.policies = append(e.policies, managedPolicy(acct, "victim-pol", pdoc(allow("s3:ListAllMyBuckets", "*"))))
		e.roles = append(e.roles, roleObj("victim", trustService("ec2.amazonaws.com"), attached(arnOf("policy", "victim-pol")), nil, false))
	default: // service techniques: an admin role trusting the service
		svc := tq.Trusts[0]
		if miss == missTrust {
			svc = "s3.amazonaws.com"
		}
		e.roles = append(e.roles, roleObj("target", trustService(svc), attached(adminARN), nil, tq.InstanceProfile))
	}
	if strings.Contains(attacker, ":user/") {
		e.users = append(e.users, userObj("attacker", userGroups, userAttached, userInline))
	}
	return e.bytes(t), attacker
}

// expectedStatus is the status of a technique's edge in its scenario.
func expectedStatus(tq Technique) Status {
	if tq.Needs != "" || tq.ID == "iam-015" || tq.ID == "iam-018" {
		return Conditional
	}
	return Certain
}

// TestTechniques runs every technique of the catalog on its scenario, then on its near misses.
func TestTechniques(t *testing.T) {
	for _, tq := range Techniques() {
		t.Run(tq.ID, func(t *testing.T) {
			data, attacker := scenario(t, tq, missNone)
			res := analyze(t, data)
			var found *Edge
			for _, e := range edgesFrom(res, attacker) {
				if e.Technique == tq.ID {
					found = &e
					break
				}
			}
			if found == nil {
				ids, _ := reported(res, attacker)
				t.Fatalf("%s not found for %s; edges: %v", tq.ID, attacker, ids)
			}
			if want := expectedStatus(tq); found.Status != want {
				t.Errorf("%s: status %s, want %s (requires %v)", tq.ID, found.Status, want, found.Requires)
			}
			for _, s := range found.Steps {
				if s.Status == Certain && len(s.Statements) == 0 && s.Note == "" {
					t.Errorf("%s: step %s %s without evidence", tq.ID, s.Action, s.Resource)
				}
			}
			misses := []nearMiss{missDeny, missResource, missCondition}
			if tq.mech == mechService {
				misses = append(misses, missTrust)
			}
			for _, miss := range misses {
				data, attacker := scenario(t, tq, miss)
				res := analyze(t, data)
				if ids, yes := reported(res, attacker); yes {
					t.Errorf("near miss %s: %s reported with %v", miss, attacker, ids)
				}
			}
		})
	}
}

// TestCatalog checks the catalog covers the 65 documented paths once each.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	documented := 0
	for _, tq := range Techniques() {
		if seen[tq.ID] {
			t.Errorf("%s twice", tq.ID)
		}
		seen[tq.ID] = true
		if !strings.HasPrefix(tq.ID, "extra-") {
			documented++
		}
		if tq.Summary == "" || len(tq.Permissions) == 0 || tq.Category == "" {
			t.Errorf("%s: incomplete", tq.ID)
		}
		if tq.mech == mechService && len(tq.Trusts) == 0 {
			t.Errorf("%s: a service technique without the service", tq.ID)
		}
	}
	if documented != 65 {
		t.Errorf("%d documented paths, want 65", documented)
	}
}

// TestBoundaryStopsSelfEscalation: a user that may write its own policies gains nothing beyond
// its permissions boundary (E7.4 step 6); without the boundary it is admin-equivalent.
func TestBoundaryStopsSelfEscalation(t *testing.T) {
	for _, bounded := range []bool{false, true} {
		u := userObj("attacker", nil, attached(), arr{inlinePolicy("perms", pdoc(allow("iam:PutUserPolicy", arnOf("user", "attacker"))))})
		if bounded {
			u["PermissionsBoundary"] = obj{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arnOf("policy", "s3-only")}
		}
		e := export{users: arr{u}, policies: arr{managedPolicy(acct, "s3-only", pdoc(allow("s3:*", "*"), allow("iam:PutUserPolicy", "*")))}}
		res := analyze(t, e.bytes(t))
		_, yes := reported(res, arnOf("user", "attacker"))
		if yes == bounded {
			t.Errorf("bounded=%v: reported=%v", bounded, yes)
		}
	}
}

// TestTokenIssueTimeAssumed: a condition on aws:TokenIssueTime holds for a session the
// attacker creates at the time of the attack (Assumed, with the assumption said); one that
// needs a session issued in the past cannot hold.
func TestTokenIssueTimeAssumed(t *testing.T) {
	for _, tc := range []struct {
		op   string
		want bool
	}{{"DateGreaterThan", true}, {"DateLessThan", false}} {
		s := allow("iam:PutUserPolicy", "*")
		s["Condition"] = obj{tc.op: obj{"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}}
		e := export{users: arr{userObj("attacker", nil, attached(), arr{inlinePolicy("perms", pdoc(s))})}}
		res := analyze(t, e.bytes(t))
		edges := edgesFrom(res, arnOf("user", "attacker"))
		if got := len(edges) > 0; got != tc.want {
			t.Fatalf("%s: reported=%v", tc.op, got)
		}
		if tc.want && (edges[0].Status != Assumed || len(edges[0].Assumptions) == 0) {
			t.Errorf("%s: %s %v", tc.op, edges[0].Status, edges[0].Assumptions)
		}
	}
}

// TestPassedToService: PassRole limited by iam:PassedToService to another service does not
// let the role be passed to Lambda.
func TestPassedToService(t *testing.T) {
	for _, tc := range []struct {
		svc  string
		want bool
	}{{"lambda.amazonaws.com", true}, {"ec2.amazonaws.com", false}} {
		pass := allow("iam:PassRole", "*")
		pass["Condition"] = obj{"StringEquals": obj{"iam:PassedToService": tc.svc}}
		e := export{
			users: arr{userObj("attacker", nil, attached(), arr{inlinePolicy("perms", pdoc(pass, allow([]string{"lambda:CreateFunction", "lambda:InvokeFunction"}, "*")))})},
			roles: arr{roleObj("target", trustService("lambda.amazonaws.com"), attached(adminARN), nil, false)},
		}
		res := analyze(t, e.bytes(t))
		ids, yes := reported(res, arnOf("user", "attacker"))
		if yes != tc.want || (tc.want && !slices.Contains(ids, "lambda-001")) {
			t.Errorf("PassedToService %s: %v %v", tc.svc, yes, ids)
		}
	}
}

// TestMissingPolicyUncertain: a principal whose policy is missing from the inputs is never
// asserted: at most an uncertain path.
func TestMissingPolicyUncertain(t *testing.T) {
	e := export{users: arr{userObj("attacker", nil, attached(arnOf("policy", "vanished")), arr{inlinePolicy("perms", pdoc(allow("iam:PutUserPolicy", arnOf("user", "attacker"))))})}}
	res := analyze(t, e.bytes(t))
	for _, a := range res.Admins {
		if a.Principal == arnOf("user", "attacker") {
			t.Fatalf("asserted admin-equivalent with a missing policy")
		}
	}
	for _, p := range res.Paths {
		if p.Principal == arnOf("user", "attacker") && p.Status != Uncertain {
			t.Errorf("status %s, want uncertain", p.Status)
		}
	}
}

// TestChain: a user creates a key for a user that may assume an admin role: two edges.
func TestChain(t *testing.T) {
	e := export{
		users: arr{
			userObj("attacker", nil, attached(), arr{inlinePolicy("perms", pdoc(allow([]string{"iam:CreateAccessKey", "iam:DeleteAccessKey"}, arnOf("user", "ops"))))}),
			userObj("ops", nil, attached(), arr{inlinePolicy("perms", pdoc(allow("sts:AssumeRole", arnOf("role", "admin"))))}),
		},
		roles: arr{roleObj("admin", trustAWS("arn:aws:iam::"+acct+":root"), attached(adminARN), nil, false)},
	}
	res := analyze(t, e.bytes(t))
	var got *Path
	for i := range res.Paths {
		if res.Paths[i].Principal == arnOf("user", "attacker") {
			got = &res.Paths[i]
		}
	}
	if got == nil {
		t.Fatal("no path")
	}
	if ids := got.Techniques(); !slices.Equal(ids, []string{"iam-003", "sts-001"}) || got.Status != Certain || got.Reaches != arnOf("role", "admin") {
		t.Errorf("path %v %s %s", ids, got.Status, got.Reaches)
	}
}

// TestWider: without a way to admin, a principal that can reach one with strictly more
// permissions gets that path; one whose reachable principals are not wider gets none.
func TestWider(t *testing.T) {
	keys := allow([]string{"iam:CreateAccessKey", "iam:DeleteAccessKey"}, "*")
	for _, tc := range []struct {
		name    string
		opsActs []string
		want    []string
	}{
		{"wider", []string{"s3:GetObject", "s3:PutObject"}, []string{"s3:PutObject"}},
		{"not wider", []string{"s3:PutObject"}, nil},
	} {
		e := export{users: arr{
			userObj("attacker", nil, attached(), arr{inlinePolicy("p", pdoc(keys, allow("s3:GetObject", "*")))}),
			userObj("ops", nil, attached(), arr{inlinePolicy("p", pdoc(keys, allow(tc.opsActs, "*")))}),
		}}
		res := analyze(t, e.bytes(t))
		var got *Path
		for i := range res.Paths {
			if res.Paths[i].Principal == arnOf("user", "attacker") {
				got = &res.Paths[i]
			}
		}
		switch {
		case tc.want == nil && got != nil:
			t.Errorf("%s: unexpected path %s", tc.name, got.String())
		case tc.want != nil && (got == nil || !slices.Equal(got.Wider, tc.want) || got.Reaches != arnOf("user", "ops") || got.Techniques()[0] != "iam-003"):
			t.Errorf("%s: got %+v", tc.name, got)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pat, s string
		want   bool
	}{
		{"iam:*", "iam:PassRole", true},
		{"IAM:pass*", "iam:PassRole", true},
		{"iam:Put*Policy", "iam:PutUserPolicy", true},
		{"iam:Put*Policy", "iam:PutUserPolicyX", false},
		{"iam:?assRole", "iam:PassRole", true},
		{"*", "", true},
		{"a*b*c", "abxbc", true},
		{"a*b*c", "acb", false},
		{"arn:aws:iam::*:policy/fn2-*", "arn:aws:iam::1:policy/fn2-x", true},
		{"arn:aws:iam::aws:policy/fp4-*", "arn:aws:iam::1:policy/fp4-x", false},
	} {
		if got := glob(tc.pat, tc.s); got != tc.want {
			t.Errorf("glob(%q, %q) = %v", tc.pat, tc.s, got)
		}
	}
}

func TestInstantiate(t *testing.T) {
	a := &analyzer{region: "us-east-1"}
	for _, tc := range []struct {
		pat, want string
		ok        bool
	}{
		{"arn:aws:lambda:*:*:function:app-*", "arn:aws:lambda:us-east-1:" + acct + ":function:app-escalate-probe", true},
		{"arn:aws:lambda:eu-west-1:" + acct + ":function:f?", "arn:aws:lambda:eu-west-1:" + acct + ":function:fx", true},
		{"arn:aws:lambda:*:999999999999:function:*", "", false},
		{"arn:aws:lambda:*:*:function:${aws:username}", "", false},
		{"arn:aws:s3:::bucket/*", "", false},
	} {
		got, ok := a.instantiate(tc.pat, "lambda", acct)
		if ok != tc.ok || got != tc.want {
			t.Errorf("instantiate(%q) = %q, %v", tc.pat, got, ok)
		}
	}
}

// TestCrossAccountAssume: a role of another account that trusts the attacker's account, with
// the attacker allowed sts:AssumeRole on it, is a path (X8.1); IAM actions on that account's
// principals are not (no IAM resource policy can grant them).
func TestCrossAccountAssume(t *testing.T) {
	other := "222222222222"
	e := export{users: arr{userObj("attacker", nil, attached(), arr{inlinePolicy("p", pdoc(allow([]string{"sts:AssumeRole", "iam:PutRolePolicy"}, "arn:aws:iam::"+other+":role/*")))})}}
	data := e.bytes(t)
	var doc obj
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, trusted := range []string{acct, "333333333333"} {
		r := roleObj("admin", trustAWS("arn:aws:iam::"+trusted+":root"), attached(adminARN), nil, false)
		r["Arn"] = "arn:aws:iam::" + other + ":role/admin"
		r2 := roleObj("plain", trustAWS("arn:aws:iam::333333333333:root"), attached(), nil, false)
		r2["Arn"] = "arn:aws:iam::" + other + ":role/plain"
		b, _ := json.Marshal(obj{"UserDetailList": arr{}, "GroupDetailList": arr{}, "RoleDetailList": arr{r, r2}, "Policies": arr{managedPolicy("aws", "AdministratorAccess", pdoc(allow("*", "*")))}})
		m, err := account.Load(account.Input{Exports: []account.File{{Name: "a.json", Data: data}, {Name: "b.json", Data: b}}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Analyze(m, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		ids, yes := reported(res, arnOf("user", "attacker"))
		if want := trusted == acct; yes != want || (want && !slices.Equal(ids, []string{"sts-001"})) {
			t.Errorf("trusted %s: %v %v", trusted, yes, ids)
		}
	}
}

// TestSCPStopsSelfEscalation: an SCP denying the IAM writes of the account stops a user that
// may write its own policy (E7.9); with FullAWSAccess alone it is admin-equivalent.
func TestSCPStopsSelfEscalation(t *testing.T) {
	for _, denyIAM := range []bool{false, true} {
		e := export{users: arr{userObj("attacker", nil, attached(), arr{inlinePolicy("p", pdoc(allow("iam:PutUserPolicy", arnOf("user", "attacker"))))})}}
		ids := arr{"p-full"}
		if denyIAM {
			ids = append(ids, "p-noiam")
		}
		org := obj{
			"Organization": obj{"Id": "o-abc", "MasterAccountId": "999999999999"},
			"Policies": arr{
				obj{"PolicySummary": obj{"Id": "p-full", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY"}, "Content": pdoc(allow("*", "*"))},
				obj{"PolicySummary": obj{"Id": "p-noiam", "Name": "NoIAMWrites", "Type": "SERVICE_CONTROL_POLICY"}, "Content": pdoc(deny("iam:Put*", "*"))},
			},
			"Root": obj{"Id": "r-root", "PolicyIds": arr{"p-full"}, "OrganizationalUnits": arr{},
				"Accounts": arr{obj{"Id": acct, "PolicyIds": ids}, obj{"Id": "999999999999", "PolicyIds": arr{"p-full"}}}},
		}
		ob, err := json.Marshal(org)
		if err != nil {
			t.Fatal(err)
		}
		m, err := account.Load(account.Input{Exports: []account.File{{Name: "a.json", Data: e.bytes(t)}}, Organization: &account.File{Name: "org.json", Data: ob}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Analyze(m, Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if _, yes := reported(res, arnOf("user", "attacker")); yes == denyIAM {
			t.Errorf("deny IAM by SCP %v: reported %v", denyIAM, yes)
		}
	}
}

// TestPolicyVersionLimit: a policy with five versions takes a new one only after one is
// deleted (iam:DeletePolicyVersion); without version counts the step is conditional on it.
func TestPolicyVersionLimit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		versions int
		del      bool
		want     Status // Uncertain+1: not reported
	}{
		{"one version", 1, false, Certain},
		{"five versions", 5, false, Uncertain + 1},
		{"five versions, delete", 5, true, Certain},
		{"unknown", 0, false, Conditional},
	} {
		acts := []string{"iam:CreatePolicyVersion"}
		if tc.del {
			acts = append(acts, "iam:DeletePolicyVersion")
		}
		pol := managedPolicy(acct, "mine", pdoc(allow(acts, "*")))
		e := export{users: arr{userObj("attacker", nil, attached(arnOf("policy", "mine")), nil)}, policies: arr{pol}}
		data := e.bytes(t)
		m, err := account.Load(account.Input{Exports: []account.File{{Name: "a.json", Data: data}}})
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{Now: testNow}
		if tc.versions > 0 {
			opts.PolicyVersions = map[string]int{arnOf("policy", "mine"): tc.versions}
		}
		res, err := Analyze(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		got := Uncertain + 1
		for _, e := range edgesFrom(res, arnOf("user", "attacker")) {
			if e.Technique == "iam-001" {
				got = min(got, e.Status)
			}
		}
		if got != tc.want {
			t.Errorf("%s: status %v, want %v", tc.name, got, tc.want)
		}
	}
}
