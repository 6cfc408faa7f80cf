package account

import (
	"errors"
	"strings"
	"testing"
)

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{KindInvalid: "invalid", KindUser: "user", KindRole: "role", Kind(9): "invalid"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d) = %q, want %q", k, got, want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{File: "x.json", Path: "UserDetailList[0].Arn", Line: 3, Col: 7, Code: CodeValue, Msg: "expected an ARN"}
	if got := e.Error(); got != "account: x.json:3:7: UserDetailList[0].Arn: expected an ARN" {
		t.Errorf("%q", got)
	}
	e.Inner = "1:26"
	if got := e.Error(); !strings.Contains(got, "(in the decoded document at 1:26)") {
		t.Errorf("%q", got)
	}
	l := ErrorList{e, {File: "y.json", Msg: "m"}}
	var one *Error
	if !strings.HasSuffix(l.Error(), "(and 1 more)") || !errors.As(l, &one) {
		t.Errorf("%q", l.Error())
	}
	// More than 100 errors are capped with a last entry saying how many were left out.
	var many ErrorList
	for i := 0; i < 150; i++ {
		many = append(many, &Error{File: "z", Offset: i})
	}
	many = many.sorted()
	if len(many) != 101 || many[100].Code != CodeTooMany {
		t.Errorf("%d errors, last %+v", len(many), many[100])
	}
}

// TestDepthAndDates covers the scanner's depth check inside strings and the two date forms.
func TestDepthAndDates(t *testing.T) {
	if _, ok := depthOK([]byte(`{"a": "[[[[[[[[[[", "b": [[]]}`), 3); !ok {
		t.Error("brackets inside a string counted")
	}
	if off, ok := depthOK([]byte(`[[[[`), 3); ok || off != 3 {
		t.Errorf("depth: %d %v", off, ok)
	}
	for _, d := range []string{"2023-03-09 10:41:45+00:00", "2023-03-09T10:41:45Z", "2023-03-09T10:41:45.123+02:00", "2023-03-09 10:41:45.5+00:00"} {
		if _, ok := parseDate(d); !ok {
			t.Errorf("%q not read", d)
		}
	}
	for _, d := range []string{"2023-03-09", "yesterday", "2023-03-09 10:41:45"} {
		if _, ok := parseDate(d); ok {
			t.Errorf("%q read", d)
		}
	}
}

// TestDecideNoAllocs: on the fast path (own account, no resource policy, no session policy)
// Decide allocates nothing (R11), the S3 bucket lookup included.
func TestDecideNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	m := handModel(t)
	for _, req := range []Request{
		{Principal: arnOf(acctA, "user", "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::other/x", ResourceAccount: acctA},
		{Principal: arnOf(acctA, "user", "bob"), Action: "iam:CreateUser", Resource: arnOf(acctA, "user", "x")},
		{Principal: arnOf(acctA, "role", "admin"), Action: "ec2:RunInstances", Resource: "*"},
	} {
		if n := testing.AllocsPerRun(200, func() { _, _ = m.Decide(req) }); n != 0 {
			t.Errorf("%s %s: %v allocs", req.Principal, req.Action, n)
		}
	}
}

// TestReadExportFacts reads the counts escalate needs (instance profiles per role, versions per
// managed policy) with Load's checks: a key given twice in one object is refused with its place.
func TestReadExportFacts(t *testing.T) {
	doc := `{"RoleDetailList":[{"Arn":"arn:aws:iam::111122223333:role/app","InstanceProfileList":[{},{}]},
{"Arn":"arn:aws:iam::111122223333:role/none","InstanceProfileList":[]}],
"Policies":[{"Arn":"arn:aws:iam::111122223333:policy/p","PolicyVersionList":[{},{},{}]},
{"Arn":"arn:aws:iam::111122223333:policy/p","PolicyVersionList":[{}]}]}`
	f, err := ReadExportFacts(File{Name: "export.json", Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.InstanceProfiles["arn:aws:iam::111122223333:role/app"]; got != 2 {
		t.Errorf("instance profiles of app: %d, want 2", got)
	}
	if got := f.PolicyVersions["arn:aws:iam::111122223333:policy/p"]; got != 3 {
		t.Errorf("versions of p: %d, want 3 (an ARN listed twice keeps the larger count)", got)
	}
	_, err = ReadExportFacts(File{Name: "dup.json", Data: []byte(`{"RoleDetailList":[],"RoleDetailList":[]}`)})
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 || !strings.Contains(err.Error(), "dup.json:1:") {
		t.Errorf("duplicate key: %v, want an ErrorList naming dup.json:1:col", err)
	}
	if _, err := ReadExportFacts(File{Name: "bad.json", Data: []byte(`{"RoleDetailList":[`)}); err == nil {
		t.Error("truncated JSON accepted")
	}
}
