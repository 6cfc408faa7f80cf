package policy

import (
	"slices"
	"strings"
	"testing"
)

func TestMatchAction(t *testing.T) {
	tests := []struct {
		values []string
		action string
		want   bool
	}{
		{[]string{"*"}, "iam:PassRole", true},                         // A2.2
		{[]string{"iam:PassRole"}, "IAM:passrole", true},              // A2.1
		{[]string{"s3:Get*"}, "s3:GetObject", true},                   // A2.3
		{[]string{"s3:Get*"}, "s3:PutObject", false},                  // A2.3
		{[]string{"iam:*AccessKey*"}, "iam:ListAccessKeys", true},     // A2.3
		{[]string{"s3:GetObjec?"}, "s3:GetObject", true},              // A2.3
		{[]string{"s3:GetObject", "iam:Pass*"}, "iam:PassRole", true}, // A2.3
		{[]string{"*:*"}, "iam:PassRole", false},                      // A2.4: the prefix is literal
		{[]string{"s3*:Get*"}, "s3:GetObject", false},                 // A2.4
		{[]string{"s3:Get*"}, "s3get:Object", false},                  // A2.4: prefix and name apart
		{nil, "s3:GetObject", false},                                  // absent element
	}
	for _, tt := range tests {
		var ss *Strings
		if tt.values != nil {
			ss = NewStrings(tt.values...)
		}
		if got := ss.MatchAction(tt.action); got != tt.want {
			t.Errorf("%q.MatchAction(%q) = %v, want %v", tt.values, tt.action, got, tt.want)
		}
	}
}

func TestMatchResource(t *testing.T) {
	tests := []struct {
		values   []string
		resource string
		want     bool
	}{
		{[]string{"*"}, "arn:aws:s3:::bucket/key", true},                                                   // R3.2
		{[]string{"arn:aws:s3:::bucket/*"}, "arn:aws:s3:::bucket/a/b", true},                               // R3.2
		{[]string{"arn:aws:s3:::bucket/*"}, "arn:aws:s3:::other/a", false},                                 // R3.2
		{[]string{"arn:aws:s3:::bucket/file?.txt"}, "arn:aws:s3:::bucket/file1.txt", true},                 // R3.2
		{[]string{"arn:aws:iam::111122223333:role/*"}, "arn:aws:iam::111122223333:role/path/admin", true},  // R3.2
		{[]string{"arn:aws:iam::111122223333:role/*"}, "arn:aws:iam::444455556666:role/admin", false},      // R3.2
		{[]string{"arn:aws:s3:::bucket/${aws:username}/*"}, "arn:aws:s3:::bucket/alice/x", false},          // V6.x: not expanded
		{[]string{"arn:aws:s3:::bucket/${aws:username}/*"}, "arn:aws:s3:::bucket/${aws:username}/x", true}, // literal text
		{nil, "arn:aws:s3:::bucket", false},                                                                // absent element
	}
	for _, tt := range tests {
		var ss *Strings
		if tt.values != nil {
			ss = NewStrings(tt.values...)
		}
		if got := ss.MatchResource(tt.resource); got != tt.want {
			t.Errorf("%q.MatchResource(%q) = %v, want %v", tt.values, tt.resource, got, tt.want)
		}
	}
}

func TestPrincipalMatches(t *testing.T) {
	const (
		user    = "arn:aws:iam::111122223333:user/alice"
		role    = "arn:aws:iam::111122223333:role/ops/deploy"
		session = "arn:aws:sts::111122223333:assumed-role/deploy/build-42"
		root    = "arn:aws:iam::111122223333:root"
		other   = "arn:aws:iam::444455556666:user/alice"
	)
	tests := []struct {
		p      *Principal
		caller string
		want   bool
	}{
		{AnyPrincipal(), "anonymous", true},                                                                 // P4.9
		{AnyPrincipal(), "s3.amazonaws.com", true},                                                          // P4.9
		{NewPrincipal(PrincipalAWS, "*"), user, true},                                                       // P4.9
		{NewPrincipal(PrincipalAWS, "*"), "anonymous", true},                                                // P4.9
		{NewPrincipal(PrincipalAWS, "*"), "s3.amazonaws.com", false},                                        // P4.9 DOC-GAP (Allow)
		{NewPrincipal(PrincipalAWS, "111122223333"), user, true},                                            // P4.1
		{NewPrincipal(PrincipalAWS, "111122223333"), session, true},                                         // P4.1
		{NewPrincipal(PrincipalAWS, root), user, true},                                                      // P4.1
		{NewPrincipal(PrincipalAWS, root), root, true},                                                      // P4.1
		{NewPrincipal(PrincipalAWS, "111122223333"), other, false},                                          // P4.1
		{NewPrincipal(PrincipalAWS, "111122223333"), "anonymous", false},                                    // P4.1
		{NewPrincipal(PrincipalAWS, user), user, true},                                                      // P4.2
		{NewPrincipal(PrincipalAWS, user), "arn:aws:iam::111122223333:user/Alice", false},                   // P4.2: case-sensitive
		{NewPrincipal(PrincipalAWS, role), session, true},                                                   // P4.3
		{NewPrincipal(PrincipalAWS, role), role, true},                                                      // P4.3
		{NewPrincipal(PrincipalAWS, role), user, false},                                                     // P4.3
		{NewPrincipal(PrincipalAWS, session), session, true},                                                // P4.4
		{NewPrincipal(PrincipalAWS, session), "arn:aws:sts::111122223333:assumed-role/deploy/other", false}, // P4.4
		{NewPrincipal(PrincipalService, "ec2.amazonaws.com"), "ec2.amazonaws.com", true},                    // P4.6
		{NewPrincipal(PrincipalService, "ec2.amazonaws.com"), user, false},                                  // P4.6
		{NewPrincipal(PrincipalFederated, "accounts.google.com"), "federated:accounts.google.com", true},    // P4.7
		{NewPrincipal(PrincipalAWS, "AIDAJQABLZS4A3QDU576Q"), user, false},                                  // P4.11
		{nil, user, false},
	}
	for _, tt := range tests {
		if got := tt.p.Matches(tt.caller); got != tt.want {
			t.Errorf("%v.Matches(%q) = %v, want %v", slices.Collect(principalPairs(tt.p)), tt.caller, got, tt.want)
		}
	}
}

func principalPairs(p *Principal) func(func(string) bool) {
	return func(yield func(string) bool) {
		for typ, v := range p.All() {
			if !yield(typ.String() + ":" + v.Value) {
				return
			}
		}
	}
}

func TestIsPublic(t *testing.T) {
	c := MustNewCondition
	tests := []struct {
		p     *Principal
		conds []Condition
		want  bool
	}{
		{AnyPrincipal(), nil, true},                                                                                  // P4.9
		{NewPrincipal(PrincipalAWS, "*"), nil, true},                                                                 // P4.9
		{NewPrincipal(PrincipalAWS, "111122223333"), nil, false},                                                     // P4.1
		{AnyPrincipal(), []Condition{c("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")}, false},                // L11.3
		{AnyPrincipal(), []Condition{c("StringEquals", "aws:sourceaccount", "111122223333")}, false},                 // L11.3, C5.2
		{AnyPrincipal(), []Condition{c("ArnLike", "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t")}, false},  // L11.3
		{AnyPrincipal(), []Condition{c("StringEquals", "aws:SourceVpce", "vpce-1a2b3c4d")}, false},                   // L11.3
		{AnyPrincipal(), []Condition{c("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/r")}, false}, // L11.3
		{AnyPrincipal(), []Condition{c("StringEquals", "aws:PrincipalAccount", "111122223333")}, false},              // L11.3
		{AnyPrincipal(), []Condition{c("StringLike", "aws:PrincipalOrgID", "o-*")}, true},                            // wildcard value
		{AnyPrincipal(), []Condition{c("StringEqualsIfExists", "aws:PrincipalOrgID", "o-a1b2c3d4e5")}, true},         // C5.12
		{AnyPrincipal(), []Condition{c("StringNotEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")}, true},              // negated
		{AnyPrincipal(), []Condition{c("ForAllValues:StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5")}, true},    // C5.6: empty set
		{AnyPrincipal(), []Condition{c("Bool", "aws:SecureTransport", "true")}, true},                                // not restricting
		{AnyPrincipal(), []Condition{c("StringEquals", "aws:\u017fourceAccount", "111122223333")}, true},             // C5.2: only ASCII case folds (U+017F is not 's')
		{nil, nil, false},
	}
	for i, tt := range tests {
		if got := tt.p.IsPublic(tt.conds); got != tt.want {
			t.Errorf("case %d: IsPublic = %v, want %v", i, got, tt.want)
		}
	}
	// Check's CodePublic warning (L11.3) follows IsPublic.
	for _, tt := range []struct {
		cond string
		want bool
	}{{"", true}, {`, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, false}} {
		p := mustParse(t, stmt(`"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"`+tt.cond))
		got := slices.ContainsFunc(p.Check(KindResource), func(e *Error) bool { return e.Code == CodePublic })
		if got != tt.want {
			t.Errorf("Check with condition %q: public warning %v, want %v", tt.cond, got, tt.want)
		}
	}
}

// TestIterators checks the iterators, nil-safe, and early stops (G1.4, G1.15, G1.9).
func TestIterators(t *testing.T) {
	var p *Policy
	for range p.All() {
		t.Error("nil policy yields")
	}
	var ss *Strings
	for range ss.All() {
		t.Error("nil Strings yields")
	}
	var pr *Principal
	for range pr.All() {
		t.Error("nil Principal yields")
	}
	p = base()
	n := 0
	for i, s := range p.All() {
		if s != &p.Statements[i] {
			t.Errorf("statement %d is a copy", i)
		}
		n++
		if i == 1 {
			break
		}
	}
	if n != 2 {
		t.Errorf("break after 2: %d yielded", n)
	}
	var got []string
	for typ, v := range p.Statements[1].NotPrincipal.All() {
		got = append(got, typ.String()+" "+v.Value)
	}
	if want := []string{"AWS 111122223333", "AWS arn:aws:iam::111122223333:role/admin", "Service ec2.amazonaws.com"}; !slices.Equal(got, want) {
		t.Errorf("Principal.All = %q", got)
	}
	for typ, v := range AnyPrincipal().All() {
		if typ != PrincipalAWS || v.Value != "*" {
			t.Errorf("wildcard yields %v %q", typ, v.Value)
		}
	}
}

// TestInspect checks that Inspect visits every element with the path findings use, and that
// returning false skips children.
func TestInspect(t *testing.T) {
	doc := `{"Version": "2012-10-17", "Statement": {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": ["111122223333", "444455556666"]}, "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": ["a", "b"]}}}}`
	p, err := Options{Lenient: true}.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Inspect(p, func(path string, n Node) bool {
		sp := n.Location()
		got = append(got, path+" "+doc[sp.Offset:sp.End()])
		return true
	})
	want := []string{
		` ` + doc,
		`Version "2012-10-17"`,
		`Statement {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": ["111122223333", "444455556666"]}, "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": ["a", "b"]}}}`,
		`Statement.Sid "A"`,
		`Statement.Principal {"AWS": ["111122223333", "444455556666"]}`,
		`Statement.Principal.AWS ["111122223333", "444455556666"]`,
		`Statement.Principal.AWS[0] "111122223333"`,
		`Statement.Principal.AWS[1] "444455556666"`,
		`Statement.Action "s3:GetObject"`,
		`Statement.Action "s3:GetObject"`,
		`Statement.Resource "*"`,
		`Statement.Resource "*"`,
		`Statement.Condition.StringLike.s3:prefix ["a", "b"]`,
		`Statement.Condition.StringLike.s3:prefix[0] "a"`,
		`Statement.Condition.StringLike.s3:prefix[1] "b"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("Inspect visited\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	var stmts int
	Inspect(p, func(path string, n Node) bool {
		if _, ok := n.(*Statement); ok {
			stmts++
			return false
		}
		if path != "" && path != "Version" {
			t.Errorf("child of a skipped statement visited: %s", path)
		}
		return true
	})
	if stmts != 1 {
		t.Errorf("%d statements", stmts)
	}
	Inspect(nil, func(string, Node) bool { t.Error("nil policy visited"); return true })
}
