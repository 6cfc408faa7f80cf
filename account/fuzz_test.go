package account

import (
	"errors"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the export loader (and the same bytes as an organization
// and a resource-policy file): it never panics, and every error names its file and a position
// inside it.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}`))
	f.Add([]byte(`{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"}]}]}`))
	f.Add([]byte(`{"Root": {"Id": "r-1", "Accounts": [{"Id": "111111111111"}]}, "Policies": []}`))
	f.Add([]byte(`{"ResourceArn": "arn:aws:s3:::b", "Policy": "{\"Statement\": []}"}`))
	f.Add([]byte(`{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111111111111:role/r", "AssumeRolePolicyDocument": {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}},
 "AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::111111111111:policy/p"}], "CreateDate": "2020-01-01 00:00:00+00:00"}],
 "Policies": [{"Arn": "arn:aws:iam::111111111111:policy/p", "DefaultVersionId": "v1", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": "{\"Statement\": []}"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, in := range []Input{
			{Exports: []File{{Name: "x.json", Data: data}}},
			{Exports: []File{{Name: "x.json", Data: []byte(`{}`)}}, Organization: &File{Name: "o.json", Data: data}},
			{Exports: []File{{Name: "x.json", Data: []byte(`{}`)}}, ResourcePolicies: []File{{Name: "r.json", Data: data}}},
		} {
			m, err := Load(in)
			if err == nil {
				for _, p := range m.Principals() {
					_, _ = m.Can(Request{Principal: p.ARN, Action: "s3:GetObject", Resource: "*"})
				}
				continue
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T %v is not an ErrorList", err, err)
			}
			for _, e := range list {
				if e.File == "" || e.Offset < 0 || e.Offset > len(data) || e.Line < 0 || e.Col < 0 {
					t.Fatalf("bad position: %+v", e)
				}
			}
		}
	})
}
