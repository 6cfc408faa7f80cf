package catalog

import (
	"slices"
	"testing"
)

func TestExtraKeys(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		key  string
		t    Type
		ok   bool
		docd bool
	}{
		{"deepracer:UserToken", String, true, true},
		{"DeepRacer:multiuser", Bool, true, true},
		{"aws:PrincipalOrgMasterAccountId", 0, false, false}, // documented nowhere: not a known key
		{"lakeformation:GlueARN", 0, false, false},
	} {
		got, ok := c.KeyType(tc.key)
		if ok != tc.ok || got != tc.t {
			t.Errorf("KeyType(%q) = %v, %v; want %v, %v", tc.key, got, ok, tc.t, tc.ok)
		}
		e := Extra(tc.key)
		if e == nil {
			t.Errorf("Extra(%q) = nil", tc.key)
			continue
		}
		if e.Documented != tc.docd || e.Source == "" {
			t.Errorf("Extra(%q) = %+v", tc.key, *e)
		}
	}
	if Extra("aws:SourceIp") != nil || Extra("deepracer:Other") != nil {
		t.Error("Extra matches keys outside the table")
	}
	for _, e := range ExtraKeys() {
		if _, ok := c.KeyType(e.Name); ok && !e.Documented {
			t.Errorf("%s: undocumented, yet KeyType knows it", e.Name)
		}
		if _, ok := c.KeyType(e.Name); !ok && e.Documented {
			t.Errorf("%s: documented, yet KeyType does not know it", e.Name)
		}
	}
}

func TestRCPServices(t *testing.T) {
	list := RCPServices()
	if !slices.IsSorted(list) || len(list) < 5 {
		t.Fatalf("RCPServices: %d prefixes, sorted %v", len(list), slices.IsSorted(list))
	}
	c := Default()
	for _, p := range list {
		if c.Service(p) == nil {
			t.Errorf("RCP service %q is not in the catalog", p)
		}
	}
	for _, tc := range []struct {
		prefix string
		want   bool
	}{{"s3", true}, {"S3", true}, {"sts", true}, {"kms", true}, {"ec2", false}, {"iam", false}, {"", false}, {"s", false}} {
		if got := RCPSupported(tc.prefix); got != tc.want {
			t.Errorf("RCPSupported(%q) = %v", tc.prefix, got)
		}
	}
}
