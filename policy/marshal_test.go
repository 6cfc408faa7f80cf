package policy

import (
	"strings"
	"testing"
)

// TestMarshalGolden checks Marshal's canonical key order and kept shapes (R14): keys are
// reordered, bare strings stay bare, arrays stay arrays, numbers and booleans keep their text,
// conditions are regrouped by operator.
func TestMarshalGolden(t *testing.T) {
	in := `{"Statement":[{"Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:max-keys":["10",1.50]}},
"Resource":"arn:aws:s3:::b/\"q\"\u00e9\u0001","Action":["s3:GetObject"],"Principal":{"Service":["a.amazonaws.com"],"AWS":"111122223333"},"Effect":"Allow","Sid":"A"}],"Id":"x","Version":"2012-10-17"}`
	p := mustParse(t, in)
	out, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "Version": "2012-10-17",
  "Id": "x",
  "Statement": [
    {
      "Sid": "A",
      "Effect": "Allow",
      "Principal": {
        "AWS": "111122223333",
        "Service": [
          "a.amazonaws.com"
        ]
      },
      "Action": [
        "s3:GetObject"
      ],
      "Resource": "arn:aws:s3:::b/\"q\"é\u0001",
      "Condition": {
        "Bool": {
          "aws:SecureTransport": false
        },
        "NumericLessThan": {
          "s3:max-keys": [
            "10",
            1.50
          ]
        }
      }
    }
  ]
}
`
	if string(out) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", out, want)
	}
	roundTrip(t, p)
}

// TestMarshalRegroups checks that conditions added out of order by hand are regrouped under their
// operator (one JSON key per operator, G1.14).
func TestMarshalRegroups(t *testing.T) {
	p := mustParse(t, stmt(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"a": "1"}, "StringLike": {"b": "2"}}`))
	s := &p.Statements[0]
	extra := s.Conditions[0]
	extra.Key = String{Value: "c"}
	s.Conditions = append(s.Conditions, extra)
	out, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), `"StringEquals"`); n != 1 {
		t.Fatalf("StringEquals written %d times:\n%s", n, out)
	}
	q := mustParse(t, string(out))
	var keys []string
	for _, c := range q.Statements[0].Conditions {
		keys = append(keys, c.Op.String()+"."+c.Key.Value)
	}
	if got := strings.Join(keys, " "); got != "StringEquals.a StringEquals.c StringLike.b" {
		t.Errorf("keys %s", got)
	}
}

// TestMarshalRejects checks that Marshal refuses what it cannot write faithfully.
func TestMarshalRejects(t *testing.T) {
	bad := []*Policy{
		nil,
		{Statements: []Statement{{Action: &Strings{Values: []String{{Value: "*"}}}}}},                                               // invalid Effect
		{Statements: []Statement{{Effect: Allow, Sid: &String{Value: "\xff"}}}},                                                     // invalid UTF-8
		{Statements: []Statement{{Effect: Allow, Conditions: []Condition{{Values: []Literal{{Kind: LiteralNumber, Text: "1."}}}}}}}, // bad number
		{Statements: []Statement{{Effect: Allow, Conditions: []Condition{{Values: []Literal{{Kind: LiteralBool, Text: "yes"}}}}}}},  // bad bool
	}
	for i, p := range bad {
		if out, err := Marshal(p); err == nil {
			t.Errorf("%d: Marshal accepted:\n%s", i, out)
		}
	}
	// A hand-built policy (no Source) marshals and parses back.
	p := &Policy{Version: Version2012, Statements: []Statement{{Effect: Deny, Action: &Strings{Values: []String{{Value: "s3:*"}}}, Resource: &Strings{Values: []String{{Value: "*"}}, Array: true}}}}
	out, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	q := mustParse(t, string(out))
	if q.Version != Version2012 || q.Statements[0].Effect != Deny || !q.Statements[0].Resource.Array || q.Statements[0].Action.Array {
		t.Errorf("hand-built round trip:\n%s", out)
	}
}

func TestValidNumber(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "-0": true, "10": true, "1.5": true, "1e5": true, "1E+5": true, "-1.5e-3": true,
		"": false, "-": false, "01": false, "1.": false, ".5": false, "1e": false, "+1": false, "0x1": false, "1 ": false} {
		if got := validNumber(s); got != want {
			t.Errorf("validNumber(%q) = %v", s, got)
		}
	}
}
