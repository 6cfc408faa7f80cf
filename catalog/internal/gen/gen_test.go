package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iamgo/iam/catalog"
)

// shared returns the path of ../shared/catalog/NAME next to the repository, or skips.
func shared(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "catalog", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not present: %v", dir, err)
	}
	return dir
}

// TestUpstreamMatchesSnapshot reads the six services of AWS's own service reference format
// and checks that they state the same facts as the iam-data snapshot for those services: the same
// actions with the same access levels, resource types and ARN formats, and condition keys with
// the same types. The upstream files were mirrored a year before the snapshot, so an action or
// key present in only one of them is allowed up to a small count and logged, and the facts AWS
// changed in that year are listed in knownDifferences (a difference not listed, or listed and
// no longer found, fails the test).
func TestUpstreamMatchesSnapshot(t *testing.T) {
	found := map[string]bool{}
	diff := func(what string) { found[what] = true }
	ref, err := Read(shared(t, "aws-service-reference"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := Read(shared(t, "iam-data"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ref.Services) != 6 {
		t.Fatalf("%d upstream services, want 6", len(ref.Services))
	}
	bySnap := map[string]*Service{}
	for _, s := range snap.Services {
		bySnap[s.Prefix] = s
	}
	for _, rs := range ref.Services {
		ss := bySnap[rs.Prefix]
		if ss == nil {
			t.Errorf("service %s not in the snapshot", rs.Prefix)
			continue
		}
		snapActs := map[string]*Action{}
		for _, a := range ss.Actions {
			snapActs[strings.ToLower(a.Name)] = a
		}
		onlyRef := 0
		same := 0
		for _, ra := range rs.Actions {
			sa := snapActs[strings.ToLower(ra.Name)]
			if sa == nil {
				onlyRef++
				t.Logf("%s:%s only upstream", rs.Prefix, ra.Name)
				continue
			}
			same++
			if sa.Name != ra.Name {
				diff(rs.Prefix + ":" + ra.Name + " name")
			}
			if sa.Level != ra.Level {
				diff(rs.Prefix + ":" + ra.Name + " level")
			}
			if got, want := resNames(ra), resNames(sa); !slices.Equal(got, want) {
				diff(rs.Prefix + ":" + ra.Name + " resources")
				t.Logf("%s:%s: resource types %v upstream, %v in the snapshot", rs.Prefix, ra.Name, got, want)
			}
		}
		if same < len(ss.Actions)*3/4 || onlyRef > 3 {
			t.Errorf("%s: %d actions shared, %d only upstream, %d in the snapshot", rs.Prefix, same, onlyRef, len(ss.Actions))
		}
		snapRT := map[string]*ResourceType{}
		for _, rt := range ss.ResourceTypes {
			snapRT[strings.ToLower(rt.Name)] = rt
		}
		for _, rt := range rs.ResourceTypes {
			if st := snapRT[strings.ToLower(rt.Name)]; st != nil && st.ARN != rt.ARN {
				diff(rs.Prefix + "/" + rt.Name + " arn")
			}
		}
		snapKeys := map[string]string{}
		for _, k := range ss.Keys {
			snapKeys[strings.ToLower(k.Name)] = k.Type
		}
		for _, k := range rs.Keys {
			if st, ok := snapKeys[strings.ToLower(k.Name)]; ok && st != k.Type {
				diff(k.Name + " type")
			}
		}
	}
	for what := range found {
		if !knownDifferences[what] {
			t.Errorf("upstream and snapshot differ on %s", what)
		}
	}
	for what := range knownDifferences {
		if !found[what] {
			t.Errorf("known difference %s no longer found: remove it", what)
		}
	}
}

// knownDifferences are the facts AWS changed between the upstream mirror (2025-09) and the
// snapshot (2026-09): access-grant actions now name the resource they create, bucket tagging
// joined TagResource, sts session tagging no longer lists the user type, and two sts keys
// gained precise types.
var knownDifferences = map[string]bool{
	"s3:CreateAccessGrant resources":           true,
	"s3:CreateAccessGrantsLocation resources":  true,
	"s3:ListTagsForResource resources":         true,
	"s3:TagResource resources":                 true,
	"s3:UntagResource resources":               true,
	"secretsmanager:BatchGetSecretValue level": true,
	"sts:GetFederationToken level":             true,
	"sts:GetFederationToken resources":         true,
	"sts:SetSourceIdentity resources":          true,
	"sts:TagSession resources":                 true,
	"sts:DurationSeconds type":                 true,
	"sts:TaskPolicyArn type":                   true,
}

func resNames(a *Action) []string {
	var out []string
	for _, r := range a.Resources {
		out = append(out, strings.ToLower(r.Type))
	}
	slices.Sort(out)
	return out
}

// TestEncodeLoad round-trips the upstream files through Encode and catalog.Load.
func TestEncodeLoad(t *testing.T) {
	ref, err := Read(shared(t, "aws-service-reference"))
	if err != nil {
		t.Fatal(err)
	}
	ref.Date = "2025-09"
	data, err := Encode(ref, true)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Date() != "2025-09" || len(c.Services()) != 6 {
		t.Fatalf("loaded %q with %d services", c.Date(), len(c.Services()))
	}
	raw, err := Encode(ref, false)
	if err != nil {
		t.Fatal(err)
	}
	if c2, err := catalog.Load(raw); err != nil || c2.NumActions() != c.NumActions() {
		t.Fatalf("uncompressed form: %v", err)
	}
	for _, s := range ref.Services {
		for _, a := range s.Actions {
			ca := c.Action(s.Prefix + ":" + a.Name)
			if ca == nil {
				t.Errorf("%s:%s lost", s.Prefix, a.Name)
				continue
			}
			if byte(ca.Level) != a.Level || len(ca.Resources) != len(a.Resources) || !slices.Equal(ca.ConditionKeys, a.ConditionKeys) {
				t.Errorf("%s:%s: loaded %v %d %v, want %d %d %v", s.Prefix, a.Name, ca.Level, len(ca.Resources), ca.ConditionKeys,
					a.Level, len(a.Resources), a.ConditionKeys)
			}
		}
	}
	if tp, ok := c.KeyType("s3:prefix"); !ok || tp != catalog.String {
		t.Errorf("KeyType(s3:prefix) = %v %v", tp, ok)
	}
}

// TestEmbeddedIsCurrent checks that catalog/data.bin is what the generator makes from the
// snapshot today (run go generate ./catalog when it fails).
func TestEmbeddedIsCurrent(t *testing.T) {
	snap, err := Read(shared(t, "iam-data"))
	if err != nil {
		t.Fatal(err)
	}
	snap.Date = catalog.SnapshotDate
	data, err := Encode(snap, false)
	if err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(filepath.Join("..", "..", "data.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if string(old) != string(data) {
		t.Error("catalog/data.bin is stale: run go generate ./catalog")
	}
	desc, err := EncodeDescriptions(snap)
	if err != nil {
		t.Fatal(err)
	}
	oldDesc, err := os.ReadFile(filepath.Join("..", "..", "descriptions.bin"))
	if err != nil || string(oldDesc) != string(desc) {
		t.Errorf("catalog/descriptions.bin is stale (%v): run go generate ./catalog", err)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "no service files") {
		t.Errorf("empty folder: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "services.json"), []byte(`["x"]`), 0o644)
	os.WriteFile(filepath.Join(dir, "serviceNames.json"), []byte(`{}`), 0o644)
	if _, err := Read(dir); err == nil {
		t.Error("iam-data folder without actions/x.json read")
	}
	if _, err := parseLevel("Sometimes"); err == nil {
		t.Error("unknown access level accepted")
	}
	if _, err := typeCode("Float"); err == nil {
		t.Error("unknown key type accepted")
	}
}
