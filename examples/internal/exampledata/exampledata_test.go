package exampledata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamgo/iam/policy"
)

func TestDirAndLoad(t *testing.T) {
	tmp := t.TempDir()
	if d, err := Dir("x", tmp); err != nil || d != tmp {
		t.Errorf("Dir with -dir: %q, %v", d, err)
	}
	t.Chdir(tmp)
	if _, err := Dir("x", ""); err == nil {
		t.Error("Dir found a policies directory where there is none")
	}
	if err := os.MkdirAll(filepath.Join(tmp, "examples", "x", "policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	if d, err := Dir("x", ""); err != nil || d != filepath.Join("examples", "x", "policies") {
		t.Errorf("Dir from the repository root: %q, %v", d, err)
	}
	doc := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`
	if err := os.WriteFile(filepath.Join(tmp, "p.json"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Load(tmp, "p.json", policy.KindIdentity)
	if err != nil || p.Name != "p.json" || len(p.Statements) != 1 {
		t.Errorf("Load: %+v, %v", p, err)
	}
	if _, err := Load(tmp, "missing.json", policy.KindIdentity); err == nil {
		t.Error("Load of a missing file succeeded")
	}
	ps, err := LoadAll("x", tmp, File{"p.json", policy.KindIdentity}, File{"p.json", policy.KindSession})
	if err != nil || len(ps) != 2 || ps[1].Name != "p.json" {
		t.Errorf("LoadAll: %v, %v", ps, err)
	}
	if _, err := LoadAll("x", tmp, File{"p.json", policy.KindIdentity}, File{"missing.json", policy.KindIdentity}); err == nil {
		t.Error("LoadAll with a missing file succeeded")
	}
}
