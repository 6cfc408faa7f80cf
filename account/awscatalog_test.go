package account_test

import (
	"slices"
	"testing"

	"github.com/iamgo/iam/account"
	"github.com/iamgo/iam/catalog"
)

// TestAWSCatalog: with the embedded catalog, what-can enumerates every action AWS defines and
// reports the access level of each allowed one; alice's only grant is
// secretsmanager:GetSecretValue (E7.4 step 5), a Read action.
func TestAWSCatalog(t *testing.T) {
	m, err := account.Options{Catalog: account.AWSCatalog(catalog.Default())}.Load(account.Input{Exports: []account.File{{Name: "export.json", Data: []byte(export)}}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.WhatCan(account.WhatCanRequest{Principal: "arn:aws:iam::111122223333:user/alice"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.FromCatalog {
		t.Fatal("what-can did not use the catalog")
	}
	var got []string
	for _, a := range res.Allowed {
		got = append(got, a.Action+" "+a.AccessLevel)
	}
	if !slices.Contains(got, "secretsmanager:GetSecretValue Read") {
		t.Errorf("allowed %q, want secretsmanager:GetSecretValue (Read)", got)
	}
	n := 0
	account.AWSCatalog(catalog.Default()).Actions(func(string, string) bool { n++; return n < 10 })
	if n != 10 {
		t.Errorf("Actions stopped after %d yields, want 10 (yield returned false)", n)
	}
}

// BenchmarkWhatCanAWSCatalog: what-can for one principal over the whole embedded catalog
// (22,000 actions).
func BenchmarkWhatCanAWSCatalog(b *testing.B) {
	m, err := account.Options{Catalog: account.AWSCatalog(catalog.Default())}.Load(account.Input{Exports: []account.File{{Name: "export.json", Data: []byte(export)}}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.WhatCan(account.WhatCanRequest{Principal: "arn:aws:iam::111122223333:user/alice"}); err != nil {
			b.Fatal(err)
		}
	}
}
