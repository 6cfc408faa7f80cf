package escalate

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamgo/iam/account"
)

// The export readers reject what account.Load rejects, and never read a key account.Load
// ignores: an instance profile or a version count taken from a member the model did not read
// would decide an edge on facts about another role or policy.
func TestExportFactsFailClosed(t *testing.T) {
	const role = `arn:aws:iam::123456789012:role/r`
	const pol = `arn:aws:iam::123456789012:policy/p`
	bad := map[string]string{
		"duplicate Arn":            `{"RoleDetailList":[{"Arn":"` + role + `","InstanceProfileList":[{}],"Arn":"` + role + `2"}]}`,
		"duplicate list":           `{"RoleDetailList":[{"Arn":"` + role + `","InstanceProfileList":[],"InstanceProfileList":[{}]}]}`,
		"duplicate RoleDetailList": `{"RoleDetailList":[],"RoleDetailList":[{"Arn":"` + role + `","InstanceProfileList":[{}]}]}`,
		"duplicate Policies":       `{"Policies":[{"Arn":"` + pol + `","PolicyVersionList":[{},{},{},{},{}]}],"Policies":[{"Arn":"` + pol + `"}]}`,
		"invalid UTF-8":            "{\"RoleDetailList\":[{\"Arn\":\"\xff\"}]}",
		"null document":            `null`,
		"null Arn":                 `{"RoleDetailList":[{"Arn":null,"InstanceProfileList":[{}]}]}`,
	}
	for name, doc := range bad {
		prof, vers := map[string]bool{}, map[string]int{}
		err1 := InstanceProfiles([]byte(doc), prof)
		err2 := PolicyVersions([]byte(doc), vers)
		var list account.ErrorList
		if !errors.As(err1, &list) || !errors.As(err2, &list) {
			t.Errorf("%s: got %v, %v; want account errors", name, err1, err2)
		}
		if len(prof) != 0 || len(vers) != 0 {
			t.Errorf("%s: read %v, %v from a rejected export", name, prof, vers)
		}
	}
	// encoding/json matched keys without regard to case; account.Load does not read these.
	doc := `{"roledetaillist":[{"Arn":"` + role + `","InstanceProfileList":[{}]}],` +
		`"RoleDetailList":[{"Arn":"` + role + `","instanceprofilelist":[{}]},{"arn":"` + role + `2","InstanceProfileList":[{}]}],` +
		`"Policies":[{"Arn":"` + pol + `","PolicyVersionList":[{},{},{},{},{}],"policyversionlist":[]}]}`
	prof, vers := map[string]bool{}, map[string]int{}
	if err := InstanceProfiles([]byte(doc), prof); err != nil {
		t.Fatal(err)
	}
	if err := PolicyVersions([]byte(doc), vers); err != nil {
		t.Fatal(err)
	}
	if len(prof) != 0 || len(vers) != 1 || vers[pol] != 5 {
		t.Errorf("case-folded keys: got %v, %v; want no instance profile and %s: 5", prof, vers, pol)
	}
	// A policy counted twice keeps the larger count, within an export and across exports.
	twice := `{"Policies":[{"Arn":"` + pol + `","PolicyVersionList":[{},{},{},{},{}]},{"Arn":"` + pol + `","PolicyVersionList":[{}]}]}`
	once := `{"Policies":[{"Arn":"` + pol + `","PolicyVersionList":[{}]}]}`
	vers = map[string]int{}
	for _, d := range []string{twice, once} {
		if err := PolicyVersions([]byte(d), vers); err != nil {
			t.Fatal(err)
		}
	}
	if vers[pol] != 5 {
		t.Errorf("policy counted twice: got %d versions, want 5", vers[pol])
	}
	if err := InstanceProfiles([]byte(`{"RoleDetailList":[{"Arn":1}]}`), map[string]bool{}); err == nil || !strings.Contains(err.Error(), "RoleDetailList[0].Arn") {
		t.Errorf("a non-string Arn: got %v, want an error at RoleDetailList[0].Arn", err)
	}
}
