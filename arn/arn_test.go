package arn

import (
	"errors"
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    ARN
		wantErr string
	}{
		// R3.1: six parts, the resource part keeps its own ':' and '/'.
		{in: "arn:aws:s3:::bucket/key", want: ARN{"aws", "s3", "", "", "bucket/key"}},
		{in: "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s", want: ARN{"aws", "logs", "us-east-1", "111122223333", "log-group:g:log-stream:s"}},
		{in: "arn:aws-cn:iam::111122223333:user/div/alice", want: ARN{"aws-cn", "iam", "", "111122223333", "user/div/alice"}},
		{in: "arn:mypart:svc:r:a:x", want: ARN{"mypart", "svc", "r", "a", "x"}}, // unknown partitions parse; validation warns
		{in: "", wantErr: `expected the prefix "arn:"`},
		{in: "ARN:aws:s3:::b", wantErr: `expected the prefix "arn:"`},
		{in: "arn:aws:s3::b", wantErr: "expected 6 colon-separated parts, found 5"},
		{in: "arn:aws", wantErr: "expected 6 colon-separated parts, found 2"},
		{in: "arn::s3:::b", wantErr: "empty partition"},
		{in: "arn:AWS:s3:::b", wantErr: "may contain only lower-case letters"},
		{in: "arn:aws::::b", wantErr: "empty service"},
		{in: "arn:aws:s3:::", wantErr: "empty resource"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.wantErr != "" {
			var pe *ParseError
			if !errors.As(err, &pe) || !contains(pe.Reason, tt.wantErr) {
				t.Errorf("Parse(%q) error = %v, want reason containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		if got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
		if AccountOf(tt.in) != tt.want.Account {
			t.Errorf("AccountOf(%q) = %q, want %q", tt.in, AccountOf(tt.in), tt.want.Account)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestTextRoundTrip(t *testing.T) {
	a := MustParse("arn:aws:iam::111122223333:role/path/r")
	b, _ := a.MarshalText()
	var c ARN
	if err := c.UnmarshalText(b); err != nil || c != a {
		t.Fatalf("round trip: %v %v", c, err)
	}
	if err := c.UnmarshalText([]byte("nope")); err == nil {
		t.Fatal("UnmarshalText accepted a non-ARN")
	}
	if (ARN{}).String() != "" || !(ARN{}).IsZero() {
		t.Fatal("zero ARN")
	}
}

func TestPrincipalHelpers(t *testing.T) {
	tests := []struct {
		in                                   string
		root, user, role, session, fedUser   bool
		name, sessionName, sessionRole, acct string
	}{
		// S9.2/S9.3 principal shapes.
		{in: "arn:aws:iam::111122223333:root", root: true, acct: "111122223333"},
		{in: "arn:aws:iam::111122223333:user/alice", user: true, name: "alice", acct: "111122223333"},
		{in: "arn:aws:iam::111122223333:user/div/sub/alice", user: true, name: "alice", acct: "111122223333"},
		{in: "arn:aws:iam::111122223333:role/service-role/r1", role: true, name: "r1", acct: "111122223333"},
		// S9.3: session ARNs carry no role path.
		{in: "arn:aws:sts::111122223333:assumed-role/r1/i-0abc", session: true, name: "r1", sessionName: "i-0abc", sessionRole: "arn:aws:iam::111122223333:role/r1", acct: "111122223333"},
		{in: "arn:aws:sts::111122223333:assumed-role/r1", acct: "111122223333"},
		{in: "arn:aws:sts::111122223333:federated-user/bob", fedUser: true, name: "bob", acct: "111122223333"},
		{in: "arn:aws:s3:::root", acct: ""},
		{in: "arn:aws:iam::111122223333:user/", acct: "111122223333"},
	}
	for _, tt := range tests {
		a := MustParse(tt.in)
		if a.IsRoot() != tt.root || a.IsUser() != tt.user || a.IsRole() != tt.role || a.IsAssumedRole() != tt.session || a.IsFederatedUser() != tt.fedUser {
			t.Errorf("%s: kinds root=%v user=%v role=%v session=%v fed=%v", tt.in, a.IsRoot(), a.IsUser(), a.IsRole(), a.IsAssumedRole(), a.IsFederatedUser())
		}
		if a.Name() != tt.name || a.SessionName() != tt.sessionName || a.Account != tt.acct {
			t.Errorf("%s: name=%q session=%q", tt.in, a.Name(), a.SessionName())
		}
		r, ok := a.SessionRole()
		if ok != (tt.sessionRole != "") || ok && r.String() != tt.sessionRole {
			t.Errorf("%s: SessionRole = %v %v", tt.in, r, ok)
		}
	}
}

func TestKnownPartition(t *testing.T) {
	for _, p := range []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"} {
		if !KnownPartition(p) {
			t.Errorf("KnownPartition(%q) = false", p)
		}
	}
	for _, p := range []string{"", "AWS", "aws-foo"} {
		if KnownPartition(p) {
			t.Errorf("KnownPartition(%q) = true", p)
		}
	}
}

func TestWildcardInIAMResourceType(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"arn:aws:iam::111122223333:u*", true},      // R3.3 [IDN]: the documented invalid example
		{"arn:aws:iam::111122223333:*/alice", true}, // a wildcard type word
		{"arn:aws:iam::111122223333:rol?/x", true},  // '?' counts too
		{"arn:aws:iam::111122223333:*", false},      // every IAM resource: valid
		{"arn:aws:iam::111122223333:user/*", false}, // wildcard in the name, not the type
		{"arn:aws:iam::*:role/x*", false},           // wildcards in fields 1-5 and the name
		{"arn:aws:quicksight:*:*:*/*", false},       // other services: ordinary wildcards
		{"arn:aws:execute-api:*:*:*/prod/*", false}, // as in AWS managed policies
		{"arn:aws:iam::111122223333", false},        // fewer than six parts
		{"not-an-arn:aws:iam::111122223333:*/x", false},
		{"arn:aws-cn:iam::111122223333:u*", true}, // any partition
		{"arn::iam::111122223333:u*", true},       // even an empty one
		{"arn:aws:iamx::111122223333:u*", false},  // another service
		{"arn:aws:ia:m::111122223333:u*", false},  // "iam" must be the whole service part
		{"arn:aws:iam", false},                    // truncated
	} {
		if got := WildcardInIAMResourceType(tt.in); got != tt.want {
			t.Errorf("WildcardInIAMResourceType(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"arn:aws:s3:::b/k:x", []string{"arn", "aws", "s3", "", "", "b/k:x"}}, // R3.1: the resource keeps its colons
		{"arn:aws:ec2:*", []string{"arn", "aws", "ec2", "*"}},                 // R3.9 short ARN
		{"*", []string{"*"}},
		{"", []string{""}},
		{"arn:aws:iam::111122223333:role/a:b", []string{"arn", "aws", "iam", "", "111122223333", "role/a:b"}},
	} {
		f, n := Split(tc.in)
		if n != len(tc.want) || !slices.Equal(f[:n], tc.want) {
			t.Errorf("Split(%q) = %q (%d), want %q", tc.in, f[:n], n, tc.want)
		}
		if a, err := Parse(tc.in); err == nil && (a.Partition != f[1] || a.Service != f[2] || a.Region != f[3] || a.Account != f[4] || a.Resource != f[5]) {
			t.Errorf("Split(%q) disagrees with Parse: %+v", tc.in, a)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Split("arn:aws:s3:::bucket/key") }); n != 0 {
		t.Errorf("Split allocates %v", n)
	}
}

// TestIsAccountID: exactly 12 ASCII digits (P4.1).
func TestIsAccountID(t *testing.T) {
	for s, want := range map[string]bool{
		"111122223333": true, "000000000000": true, "11112222333": false, "1111222233334": false,
		"11112222333x": false, "aws": false, "": false, "１11122223333": false, "11112222333 ": false,
	} {
		if got := IsAccountID(s); got != want {
			t.Errorf("IsAccountID(%q) = %v, want %v", s, got, want)
		}
	}
}
