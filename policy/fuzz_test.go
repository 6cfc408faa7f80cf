package policy

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks that no input panics, that every error list keeps its invariants (R16), and
// that whatever is accepted round-trips through Marshal to an equal policy (R14).
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/invalid/*.json")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	for _, doc := range []string{
		stmt(`"Sid": "A", "Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:root"]}, "NotAction": "s3:Get*", "Resource": "arn:aws:s3:::b/${aws:username}/*", "Condition": {"ForAnyValue:StringLike": {"k": ["a", 1, true]}, "NumericLessThan": {"n": 5}}`),
		`{"Statement": {"Effect": "Deny", "Action": "*", "NotResource": "*"}, "Id": "x"}`,
		`{"Statement": []}`,
	} {
		f.Add([]byte(doc))
	}
	if dir, err := findShared("policies/aws-managed"); err == nil {
		for _, name := range []string{"AmazonS3ReadOnlyAccess.json", "AdministratorAccess.json", "AmazonEC2FullAccess.json"} {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
			}
			checkErrorList(t, data, list)
			return
		}
		_ = p.Check(KindIdentity)
		_ = p.Check(KindRCP)
		out, err := Marshal(p)
		if err != nil {
			t.Fatalf("Marshal of an accepted policy: %v", err)
		}
		q, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Marshal(p)): %v\n%s", err, out)
		}
		if d := cmp.Diff(p, q, ignoreLocations); d != "" {
			t.Fatalf("round trip differs:\n%s", d)
		}
	})
}
