package policy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iamgo/iam/condition"
)

// findings lists the findings of l as "severity code path" lines, sorted, for comparing the
// findings of Validate with those of Parse regardless of order (Parse sorts by offset in the
// marshalled text, Validate has no offsets for built elements).
func findings(l ErrorList, drop ...ErrorCode) []string {
	var out []string
	for _, e := range l {
		if slices.Contains(drop, e.Code) {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %s", e.Severity, e.Code, e.Path))
	}
	slices.Sort(out)
	return out
}

// agree checks the property of Options.Validate: Parse(Marshal(p)) fails exactly when
// Validate(p) does, with the same findings (codes, paths, severities). drop names codes left out
// of the comparison (the size of a kind depends on the text, L11.4).
func agree(t *testing.T, name string, o Options, p *Policy, drop ...ErrorCode) {
	t.Helper()
	got := o.validate(p)
	if verr := o.Validate(p); (verr != nil) != got.HasErrors() {
		t.Errorf("%s: Validate = %v, but the full walk found %v", name, verr, got)
	}
	out, _ := marshalUnchecked(p)
	q, err := o.Parse(out)
	var want ErrorList
	if err != nil {
		if !errors.As(err, &want) {
			t.Fatalf("%s: Parse error %T", name, err)
		}
	} else {
		want = q.Warnings
	}
	if (err != nil) != got.HasErrors() {
		t.Errorf("%s: Parse(Marshal(p)) error %v, Validate %v\n%s", name, err, got, out)
		return
	}
	if g, w := findings(got, drop...), findings(want, drop...); !slices.Equal(g, w) {
		t.Errorf("%s: Validate found\n\t%s\nParse(Marshal(p)) found\n\t%s\n%s", name, strings.Join(g, "\n\t"), strings.Join(w, "\n\t"), out)
	}
}

// base is a small valid tree with every element, built with the constructors.
func base() *Policy {
	return NewPolicy(
		NewStatement(Allow, "s3:GetObject", "s3:List*").WithSid("Read").
			WithResources("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/${aws:username}/*").
			WithConditions(MustNewCondition("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5"),
				MustNewCondition("NumericLessThan", "s3:max-keys", "10", "20")),
		NewStatement(Deny).WithNotActions("iam:*").WithResources("*").
			WithNotPrincipal(NewPrincipal(PrincipalAWS, "111122223333", "arn:aws:iam::111122223333:role/admin").
				With(PrincipalService, "ec2.amazonaws.com")),
		NewStatement(Allow, "sts:AssumeRole").WithPrincipal(AnyPrincipal()),
	)
}

// mutation is one way to break (or keep valid) a tree, naming the rule it exercises.
type mutation struct {
	rule string
	f    func(p *Policy) bool // false: not applicable to p
}

func first(p *Policy) *Statement {
	if len(p.Statements) == 0 {
		return nil
	}
	return &p.Statements[0]
}

var mutations = []mutation{
	{"G1.6 invalid effect", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Effect = EffectInvalid
		return true
	}},
	{"G1.7 both Action and NotAction", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Action, s.NotAction = NewStrings("s3:GetObject"), NewStrings("s3:Put*")
		return true
	}},
	{"G1.7 neither Action nor NotAction", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Action, s.NotAction = nil, nil
		return true
	}},
	{"G1.7 action without a colon, bare string turned array", func(p *Policy) bool {
		s := first(p)
		if s == nil || s.Action == nil {
			return false
		}
		s.Action = &Strings{Values: append(slices.Clone(s.Action.Values), String{Value: "s3GetObject"})}
		return true
	}},
	{"A2.4 wildcard in the service prefix", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Action, s.NotAction = NewStrings("*:*"), nil
		return true
	}},
	{"G1.8 both Resource and NotResource", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Resource, s.NotResource = NewStrings("*"), NewStrings("arn:aws:s3:::b")
		return true
	}},
	{"G1.8 resource that is not an ARN", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Resource, s.NotResource = NewStrings("arn:aws:s3:::b", "bucket/*"), nil
		return true
	}},
	{"R3.3 wildcard in the service segment", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Resource, s.NotResource = NewStrings("arn:aws:s*:::b"), nil
		return true
	}},
	{"R3.7 policy variable before the resource part", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		p.Version = Version2012
		s.Resource, s.NotResource = NewStrings("arn:aws:s3:${aws:username}::b"), nil
		return true
	}},
	{"G1.9 both Principal and NotPrincipal", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Principal, s.NotPrincipal = AnyPrincipal(), NewPrincipal(PrincipalAWS, "111122223333")
		return true
	}},
	{"G1.9 principal without a type", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Principal, s.NotPrincipal = &Principal{}, nil
		return true
	}},
	{"G1.9 Service \"*\"", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Principal, s.NotPrincipal = NewPrincipal(PrincipalService, "*"), nil
		return true
	}},
	{"P4.10 partial wildcard in a principal", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Principal, s.NotPrincipal = NewPrincipal(PrincipalAWS, "111122223333", "arn:aws:iam::111122223333:user/*"), nil
		return true
	}},
	{"G1.16 empty NotAction", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Action, s.NotAction = nil, NewStrings()
		return true
	}},
	{"G1.16 empty NotPrincipal.AWS", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Principal, s.NotPrincipal = nil, NewPrincipal(PrincipalAWS)
		return true
	}},
	{"G1.11 zero operator", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Conditions = append(slices.Clone(s.Conditions), Condition{Key: String{Value: "aws:username"}, Values: []Literal{{Text: "a"}}})
		return true
	}},
	{"G1.11 NullIfExists is not an operator", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		op := condition.Op{Operator: condition.Null, IfExists: true}
		s.Conditions = append(slices.Clone(s.Conditions), Condition{Op: op, Key: String{Value: "aws:TokenIssueTime"}, Values: []Literal{{Text: "true"}}})
		return true
	}},
	{"L11.2 unreadable number", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		c := MustNewCondition("NumericLessThan", "s3:max-keys", "1")
		c.Values = []Literal{{Text: "1"}, {Text: "ten"}}
		s.Conditions = append(slices.Clone(s.Conditions), c)
		return true
	}},
	{"L11.2 empty condition key", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		c := MustNewCondition("StringEquals", "aws:username", "a")
		c.Key.Value = ""
		s.Conditions = append(slices.Clone(s.Conditions), c)
		return true
	}},
	{"G1.14 a key twice under one operator", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		c := MustNewCondition("StringLike", "s3:prefix", "home/*")
		s.Conditions = append(slices.Clone(s.Conditions), c, c)
		return true
	}},
	{"R3.9 IAM ARN with a region", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Resource, s.NotResource = NewStrings("arn:aws:iam:us-east-1:111122223333:role/r"), nil
		return true
	}},
	{"G1.7 action with two colons", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Action, s.NotAction = NewStrings("s3:Get:Object"), nil
		return true
	}},
	{"G1.16 empty NotResource", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Resource, s.NotResource = nil, &Strings{Array: true}
		return true
	}},
	{"L11.2 unreadable boolean", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		s.Conditions = append(slices.Clone(s.Conditions), MustNewCondition("Bool", "aws:SecureTransport", "true"))
		s.Conditions[len(s.Conditions)-1].Values = []Literal{{Text: "maybe"}}
		return true
	}},
	{"G1.2 Version out of range", func(p *Policy) bool {
		p.Version = 9
		return true
	}},
	{"G1.2 Version changed (valid)", func(p *Policy) bool {
		if p.Version == Version2008 {
			p.Version = Version2012
		} else {
			p.Version = Version2008
		}
		return true
	}},
	{"G1.2 Version removed (valid)", func(p *Policy) bool {
		p.Version = VersionAbsent
		return true
	}},
	{"G1.4 appended statement with a bad effect and Sid", func(p *Policy) bool {
		s := NewStatement(Effect(7), "s3:GetObject").WithSid("not alphanumeric")
		p.AppendStatement(s)
		return true
	}},
	{"G1.4 removed statement (valid)", func(p *Policy) bool {
		if len(p.Statements) < 2 {
			return false
		}
		p.RemoveStatement(0)
		return true
	}},
	{"G1.10 a valid condition added", func(p *Policy) bool {
		s := first(p)
		if s == nil {
			return false
		}
		*s = s.WithConditions(MustNewCondition("ForAnyValue:StringLike", "aws:TagKeys", "team*"))
		return true
	}},
}

// TestValidateAgreesWithParse checks, for built trees, the trees of the managed policies
// (TestManagedPolicies) and of every fixture of ../testdata/invalid that a lenient Parse reads,
// each also mutated, that Validate and Parse(Marshal(tree)) find the same (strict and lenient,
// KindAny and KindIdentity). The other fixtures have no tree (syntax, types, unknown or
// duplicate elements, a missing Effect, an unknown operator name: a tree cannot hold them); each
// rule of theirs a tree can break has a mutation here.
func TestValidateAgreesWithParse(t *testing.T) {
	check := func(name string, parse func() *Policy) {
		t.Helper()
		for _, o := range []Options{{}, {Lenient: true}, {Kind: KindIdentity}} {
			agree(t, name, o, parse(), CodeSize)
		}
		for _, m := range mutations {
			p := parse()
			if m.f(p) {
				for _, o := range []Options{{}, {Lenient: true}, {Kind: KindResource}} {
					agree(t, name+" / "+m.rule, o, p, CodeSize)
				}
			}
		}
	}
	check("base", base)
	for _, single := range []bool{false, true} {
		check(fmt.Sprintf("single statement %v", single), func() *Policy {
			p := mustParse(t, stmt(`"Sid": "S", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"`))
			p.SingleStatement = single
			return p
		})
	}
	files, _ := filepath.Glob("../testdata/invalid/*.json")
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := (Options{Lenient: true}).Parse(data); err != nil {
			continue
		}
		n++
		check(filepath.Base(f), func() *Policy { p, _ := Options{Lenient: true}.Parse(data); return p })
	}
	t.Logf("%d invalid fixtures read leniently", n)
	dir, err := findShared("policies/aws-managed")
	if err != nil {
		t.Log("no managed policies:", err)
		return
	}
	managed, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for i, f := range managed {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parse := func() *Policy { return mustParse(t, string(data)) }
		name := filepath.Base(f)
		agree(t, name, Options{}, parse())
		agree(t, name, Options{Kind: KindIdentity}, parse(), CodeSize)
		m := mutations[i%len(mutations)]
		if p := parse(); m.f(p) {
			agree(t, name+" / "+m.rule, Options{}, p)
		}
	}
	t.Logf("%d managed policies", len(managed))
}

// TestValidateTreeOnly checks the faults only a tree can have (no text has them): Validate
// reports them and Marshal refuses the tree.
func TestValidateTreeOnly(t *testing.T) {
	tests := []struct {
		name string
		f    func(p *Policy)
		code ErrorCode
		path string
	}{
		{"invalid UTF-8 in a Sid (L11.1)", func(p *Policy) { p.Statements[0].Sid = &String{Value: "\xff"} }, CodeInvalidUTF8, "Statement[0].Sid"},
		{"invalid UTF-8 in a condition value (L11.1)", func(p *Policy) { p.Statements[0].Conditions[0].Values[0].Text = "o-\xff" }, CodeInvalidUTF8, "Statement[0].Condition.StringEquals.aws:PrincipalOrgID"},
		{"number literal that is not a number (G1.10)", func(p *Policy) {
			p.Statements[0].Conditions[1].Values[1] = Literal{Kind: LiteralNumber, Text: "1."}
		}, CodeType, "Statement[0].Condition.NumericLessThan.s3:max-keys[1]"},
		{"bool literal that is not a boolean (G1.10)", func(p *Policy) {
			p.Statements[0].Conditions[0].Values[0] = Literal{Kind: LiteralBool, Text: "yes"}
		}, CodeType, "Statement[0].Condition.StringEquals.aws:PrincipalOrgID"},
		{"wildcard principal with types (G1.9)", func(p *Policy) { p.Statements[2].Principal.AWS = NewStrings("111122223333") }, CodePrincipal, "Statement[2].Principal"},
		{"Version out of range (G1.2)", func(p *Policy) { p.Version = 9 }, CodeVersion, "Version"},
	}
	for _, tt := range tests {
		p := base()
		tt.f(p)
		err := p.Validate()
		var list ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%s: Validate = %v, want an ErrorList", tt.name, err)
			continue
		}
		if e := list[0]; e.Code != tt.code || e.Path != tt.path || e.Line != 0 || e.Offset != -1 {
			t.Errorf("%s: got %s %q %d:%d (offset %d), want %s %q without a position", tt.name, e.Code, e.Path, e.Line, e.Col, e.Offset, tt.code, tt.path)
		}
		if _, err := Marshal(p); err == nil {
			t.Errorf("%s: Marshal accepted the tree", tt.name)
		}
	}
}

// TestBuiltPositions checks that findings about built elements print their path alone, and those
// about parsed ones the file, line and column (G1.5, L11.1).
func TestBuiltPositions(t *testing.T) {
	p, err := Options{Name: "alice.json"}.Parse([]byte(`{"Version": "2012-10-17", "Statement": {"Sid": "One", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Statements[0].Path(p) != "Statement" {
		t.Fatalf("single statement path %q", p.Statements[0].Path(p))
	}
	p.AppendStatement(NewStatement(Allow, "s3:PutObject").WithSid("One").WithResources("*"))
	if p.SingleStatement || p.Statements[1].Index != 1 || p.Statements[1].Path(p) != "Statement[1]" {
		t.Fatalf("after AppendStatement: single %v, index %d, path %q", p.SingleStatement, p.Statements[1].Index, p.Statements[1].Path(p))
	}
	err = Options{Kind: KindIdentity}.Validate(p)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("Validate: %v", err)
	}
	if got, want := list[0].Error(), `alice.json: Statement[1].Sid: Sid "One" is already used by Statement[0]; Sids must be unique within a policy (G1.5)`; got != want {
		t.Errorf("Error()\n got %s\nwant %s", got, want)
	}
	out, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Options{Name: "alice.json", Kind: KindIdentity}.Parse(out)
	if !errors.As(err, &list) {
		t.Fatalf("re-parsed: %v", err)
	}
	pos := position(out, strings.LastIndex(string(out), `"One"`))
	if got, want := list[0].Error(), fmt.Sprintf(`alice.json:%d:%d: Statement[1].Sid: Sid "One" is already used by Statement[0]; Sids must be unique within a policy (G1.5)`, pos.Line, pos.Col); got != want {
		t.Errorf("re-parsed:\n got %s\nwant %s", got, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.File != "alice.json" {
		t.Errorf("errors.As(*Error) = %v", e)
	}
	p.RemoveStatement(0)
	if p.Statements[0].Index != 0 || p.Statements[0].Path(p) != "Statement[0]" {
		t.Errorf("after RemoveStatement: index %d path %q", p.Statements[0].Index, p.Statements[0].Path(p))
	}
	if err := (Options{Kind: KindIdentity}).Validate(p); err != nil {
		t.Errorf("after RemoveStatement: %v", err)
	}
}

// TestConstructors checks the shapes the constructors build (G1.15, G1.10) and NewCondition's
// errors (G1.11, L11.2).
func TestConstructors(t *testing.T) {
	if ss := NewStrings("a"); ss.Array || len(ss.Values) != 1 {
		t.Errorf("NewStrings(a) = %+v, want a bare string", ss)
	}
	if ss := NewStrings("a", "b"); !ss.Array {
		t.Errorf("NewStrings(a, b) is not an array")
	}
	if ss := NewStrings(); !ss.Array || ss.Values == nil {
		t.Errorf("NewStrings() = %+v, want an empty array", ss)
	}
	c, err := NewCondition("ForAnyValue:StringLike", "aws:TagKeys", "a*")
	if err != nil || c.Op.String() != "ForAnyValue:StringLike" || c.Array {
		t.Errorf("NewCondition = %+v, %v", c, err)
	}
	bad := []struct {
		op, key string
		values  []string
		code    condition.ErrorCode
	}{
		{"StringEqualz", "k", []string{"a"}, condition.CodeUnknownOperator},    // G1.11
		{"NullIfExists", "k", []string{"true"}, condition.CodeUnknownOperator}, // G1.11
		{"NumericLessThan", "k", []string{"ten"}, ""},                          // L11.2
		{"StringEquals", "", []string{"a"}, ""},                                // L11.2
	}
	for _, b := range bad {
		_, err := NewCondition(b.op, b.key, b.values...)
		var ce *condition.Error
		if !errors.As(err, &ce) || (b.code != "" && ce.Code != b.code) {
			t.Errorf("NewCondition(%q, %q, %q) = %v, want a *condition.Error %s", b.op, b.key, b.values, err, b.code)
		}
	}
	p := base()
	if err := p.Validate(); err != nil {
		t.Fatalf("base: %v", err)
	}
	for i, s := range p.Statements {
		if s.Index != i {
			t.Errorf("statement %d has Index %d", i, s.Index)
		}
	}
	roundTrip(t, p)
	if p.Version != Version2012 || p.SingleStatement {
		t.Errorf("NewPolicy: version %v single %v", p.Version, p.SingleStatement)
	}
}

// TestOperatorOneHome checks that every operator name Parse accepts is the spelling Marshal
// writes from Condition.Op (G1.11): the text is not stored, so it cannot disagree.
func TestOperatorOneHome(t *testing.T) {
	for _, name := range []string{"StringEquals", "ForAnyValue:StringLike", "ForAllValues:StringNotEqualsIgnoreCase", "ArnNotLikeIfExists", "Null", "BinaryEquals", "DateGreaterThanEquals", "NumericLessThanIfExists", "IpAddress", "NotIpAddress", "Bool", "BoolIfExists"} {
		op, err := condition.ParseOp(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if op.String() != name || !validOp(op) {
			t.Errorf("%s: String() = %q", name, op.String())
		}
	}
	if validOp(condition.Op{}) {
		t.Error("the zero Op is valid")
	}
}

// TestValidAction checks the one rule for action patterns (G1.7, A2.4).
func TestValidAction(t *testing.T) {
	tests := []struct {
		a  string
		ok bool
	}{
		{"*", true},               // A2.2
		{"s3:GetObject", true},    // A2.1
		{"s3:Get*", true},         // A2.3
		{"iam:*AccessKey?", true}, // A2.3
		{"*:*", false},            // A2.4
		{"s3*:Get*", false},       // A2.4
		{"?3:GetObject", false},   // A2.4
		{"s3", false},             // G1.7
		{"s3:a:b", false},         // G1.7
		{":GetObject", false},     // G1.7
		{"", false},               // G1.7
	}
	for _, tt := range tests {
		err := ValidAction(tt.a)
		if (err == nil) != tt.ok {
			t.Errorf("ValidAction(%q) = %v, want ok %v", tt.a, err, tt.ok)
		}
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.Code != CodeAction) {
			t.Errorf("ValidAction(%q) = %T %v, want *Error with CodeAction", tt.a, err, err)
		}
		_, perr := Parse([]byte(stmt(`"Effect": "Allow", "Resource": "*", "Action": ` + quote(tt.a))))
		if (perr == nil) != tt.ok {
			t.Errorf("Parse with action %q: %v, ValidAction says ok %v", tt.a, perr, tt.ok)
		}
	}
}

func quote(s string) string { return string(appendJSONString(nil, s)) }

// TestWarningsSurvive checks that a successful Parse keeps its warnings on the policy: those of
// Options.Lenient (A2.4, L11.2) and of the kind (L11.3), with the file name.
func TestWarningsSurvive(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}}`
	p, err := Options{Name: "bucket.json", Lenient: true, Kind: KindResource}.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range p.Warnings {
		got = append(got, string(w.Code)+" "+w.Path)
		if w.Severity != SeverityWarning || w.File != "bucket.json" || w.Line != 1 {
			t.Errorf("warning %v: severity %v file %q line %d", w, w.Severity, w.File, w.Line)
		}
	}
	want := []string{"public Statement.Principal", "action Statement.Action", "condition-value Statement.Condition.NumericLessThan.s3:max-keys"}
	if !slices.Equal(got, want) {
		t.Errorf("Warnings = %q, want %q", got, want)
	}
	if q := mustParse(t, stmt(`"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"`)); q.Warnings != nil {
		t.Errorf("Warnings of a clean parse = %v", q.Warnings)
	}
}
