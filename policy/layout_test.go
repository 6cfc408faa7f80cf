package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// layoutDoc is written the way people write policies: four-space indentation, its own key
// order, a bare string here and an array there.
const layoutDoc = `{
    "Statement": [
        {
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": "arn:aws:s3:::bucket/*",
            "Effect": "Allow",
            "Sid": "Read",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
        },
        {
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": "*"
        }
    ],
    "Version": "2012-10-17"
}
`

// lineDiff returns the lines of a and b that differ, for texts with the same number of lines;
// ok is false otherwise.
func lineDiff(a, b string) (diff []string, ok bool) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(al) != len(bl) {
		return nil, false
	}
	for i := range al {
		if al[i] != bl[i] {
			diff = append(diff, "-"+al[i], "+"+bl[i])
		}
	}
	return diff, true
}

// TestKeepLayoutGolden checks that an edit made in place produces a one-line diff, and that
// reshaped and added elements are written at the indentation of their line (R14).
func TestKeepLayoutGolden(t *testing.T) {
	keep := MarshalOptions{KeepLayout: true}
	tests := []struct {
		name string
		edit func(p *Policy)
		diff []string // for one-line edits
		want string   // for the others: the whole output
	}{
		{"nothing (R14)", func(p *Policy) {}, nil, ""},
		{"Effect (G1.6)", func(p *Policy) { p.Statements[1].Effect = Allow },
			[]string{`-            "Effect": "Deny",`, `+            "Effect": "Allow",`}, ""},
		{"one action (A2.1)", func(p *Policy) { p.Statements[0].Action.Values[1].Value = "s3:ListBucketVersions" },
			[]string{`-            "Action": ["s3:GetObject", "s3:ListBucket"],`, `+            "Action": ["s3:GetObject", "s3:ListBucketVersions"],`}, ""},
		{"Sid (G1.5)", func(p *Policy) { p.Statements[0].Sid.Value = "ReadBucket" },
			[]string{`-            "Sid": "Read",`, `+            "Sid": "ReadBucket",`}, ""},
		{"a condition value (G1.10)", func(p *Policy) { p.Statements[0].Conditions[0].Values[0].Text = "o-zzzzzzzzzz" },
			[]string{`-            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, `+            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-zzzzzzzzzz"}}`}, ""},
		{"Resource replaced by the constructor, same shape (G1.15)", func(p *Policy) { p.Statements[1].Resource = NewStrings("arn:aws:s3:::bucket/*") },
			[]string{`-            "Resource": "*"`, `+            "Resource": "arn:aws:s3:::bucket/*"`}, ""},
		{"Resource reshaped (G1.15)", func(p *Policy) { p.Statements[1].Resource = NewStrings("arn:aws:s3:::a/*", "arn:aws:s3:::b/*") }, nil, `{
    "Statement": [
        {
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": "arn:aws:s3:::bucket/*",
            "Effect": "Allow",
            "Sid": "Read",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
        },
        {
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": [
              "arn:aws:s3:::a/*",
              "arn:aws:s3:::b/*"
            ]
        }
    ],
    "Version": "2012-10-17"
}
`},
		{"statement appended (G1.4)", func(p *Policy) {
			p.AppendStatement(NewStatement(Deny, "s3:PutBucketPolicy").WithResources("*"))
		}, nil, `{
    "Statement": [
        {
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": "arn:aws:s3:::bucket/*",
            "Effect": "Allow",
            "Sid": "Read",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
        },
        {
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": "*"
        },
        {
          "Effect": "Deny",
          "Action": "s3:PutBucketPolicy",
          "Resource": "*"
        }
    ],
    "Version": "2012-10-17"
}
`},
		{"statement removed (G1.4)", func(p *Policy) { p.RemoveStatement(0) }, nil, `{
    "Statement": [
        {
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": "*"
        }
    ],
    "Version": "2012-10-17"
}
`},
	}
	for _, tt := range tests {
		p := mustParse(t, layoutDoc)
		tt.edit(p)
		out, err := keep.Marshal(p)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tt.want != "" {
			if string(out) != tt.want {
				t.Errorf("%s: got\n%s\nwant\n%s", tt.name, out, tt.want)
			}
		} else if diff, ok := lineDiff(layoutDoc, string(out)); !ok || strings.Join(diff, "\n") != strings.Join(tt.diff, "\n") {
			t.Errorf("%s: diff\n%s\nwant\n%s\noutput:\n%s", tt.name, strings.Join(diff, "\n"), strings.Join(tt.diff, "\n"), out)
		}
		q := mustParse(t, string(out))
		a, _ := Marshal(p)
		b, _ := Marshal(q)
		if string(a) != string(b) {
			t.Errorf("%s: output does not read back as the edited policy:\n%s", tt.name, out)
		}
	}
	// A built policy has no layout to keep: the canonical one.
	p := NewPolicy(NewStatement(Allow, "s3:GetObject").WithResources("*"))
	a, _ := keep.Marshal(p)
	b, _ := Marshal(p)
	if string(a) != string(b) {
		t.Errorf("built policy: KeepLayout wrote\n%s", a)
	}
}

// TestKeepLayoutManaged checks on every AWS managed policy that KeepLayout writes an unedited
// policy byte for byte, and an Effect flipped in place as a one-line diff (R14).
func TestKeepLayoutManaged(t *testing.T) {
	dir := sharedDir(t, "policies/aws-managed")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	keep := MarshalOptions{KeepLayout: true}
	oneLine := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := mustParse(t, string(data))
		out, err := keep.Marshal(p)
		if err != nil || string(out) != string(data) {
			t.Errorf("%s: unedited policy not written as it was (%v)", filepath.Base(f), err)
			continue
		}
		s := &p.Statements[0]
		s.Effect = 3 - s.Effect // Allow <-> Deny
		out, err = keep.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		diff, ok := lineDiff(string(data), string(out))
		if !ok || len(diff) != 2 {
			t.Errorf("%s: Effect flip changed %d lines", filepath.Base(f), len(diff)/2)
			continue
		}
		oneLine++
	}
	t.Logf("%d/%d one-line diffs", oneLine, len(files))
}

// TestMarshalElements checks the single-element writers and their validation (G1.6, G1.11).
func TestMarshalElements(t *testing.T) {
	s := NewStatement(Allow, "s3:GetObject").WithResources("arn:aws:s3:::b/*")
	out, err := MarshalStatement(&s)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\",\n  \"Resource\": \"arn:aws:s3:::b/*\"\n}"
	if string(out) != want {
		t.Errorf("MarshalStatement:\n%s\nwant\n%s", out, want)
	}
	s.Effect = EffectInvalid
	if _, err := MarshalStatement(&s); err == nil || !strings.Contains(err.Error(), "Statement.Effect") {
		t.Errorf("MarshalStatement of an invalid statement: %v", err)
	}
	out, err = MarshalConditions(MustNewCondition("StringEquals", "aws:username", "alice"), MustNewCondition("Bool", "aws:SecureTransport", "true"))
	if err != nil {
		t.Fatal(err)
	}
	want = "{\n  \"StringEquals\": {\n    \"aws:username\": \"alice\"\n  },\n  \"Bool\": {\n    \"aws:SecureTransport\": \"true\"\n  }\n}"
	if string(out) != want {
		t.Errorf("MarshalConditions:\n%s\nwant\n%s", out, want)
	}
	if _, err := MarshalConditions(Condition{Key: String{Value: "k"}, Values: []Literal{{Text: "v"}}}); err == nil {
		t.Error("MarshalConditions accepted the zero operator")
	}
}
