package policy

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamgo/iam/condition"
)

func mustParse(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, doc)
	}
	return p
}

// TestParseTree checks the typed tree of a policy that uses every element (G1.1–G1.10).
func TestParseTree(t *testing.T) {
	doc := `{
  "Id": "q1",
  "Statement": [
    {
      "Sid": "S1",
      "Effect": "Deny",
      "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root", "111122223333"], "Service": "s3.amazonaws.com"},
      "NotAction": "s3:Get*",
      "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
      "Condition": {
        "NumericLessThan": {"s3:max-keys": 10},
        "ForAnyValue:StringLike": {"aws:TagKeys": ["a*", "b?"]},
        "Bool": {"aws:SecureTransport": false}
      }
    },
    {"Effect": "Allow", "Principal": "*", "Action": "*", "NotResource": "*", "Condition": {}}
  ],
  "Version": "2008-10-17"
}`
	p := mustParse(t, doc)
	str := func(s string) String { return String{Value: s} }
	strs := func(array bool, vs ...string) *Strings {
		out := &Strings{Array: array}
		for _, v := range vs {
			out.Values = append(out.Values, str(v))
		}
		return out
	}
	sp := func(s string) *String { v := str(s); return &v }
	op := func(name string) condition.Op {
		o, err := condition.ParseOp(name)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	want := &Policy{
		Version: Version2008, // G1.2
		ID:      sp("q1"),
		Statements: []Statement{
			{
				Index:        0,
				Sid:          sp("S1"),
				Effect:       Deny,
				NotPrincipal: &Principal{AWS: strs(true, "arn:aws:iam::111122223333:root", "111122223333"), Service: strs(false, "s3.amazonaws.com")},
				NotAction:    strs(false, "s3:Get*"),
				Resource:     strs(true, "arn:aws:s3:::b", "arn:aws:s3:::b/*"),
				Conditions: []Condition{
					{Op: op("NumericLessThan"), Key: str("s3:max-keys"), Values: []Literal{{Kind: LiteralNumber, Text: "10"}}},
					{Op: op("ForAnyValue:StringLike"), Key: str("aws:TagKeys"), Values: []Literal{{Text: "a*"}, {Text: "b?"}}, Array: true},
					{Op: op("Bool"), Key: str("aws:SecureTransport"), Values: []Literal{{Kind: LiteralBool, Text: "false"}}},
				},
				HasCondition: true,
			},
			{Index: 1, Effect: Allow, Principal: &Principal{Wildcard: true}, Action: strs(false, "*"), NotResource: strs(false, "*"), HasCondition: true},
		},
	}
	if d := cmp.Diff(want, p, ignoreLocations); d != "" {
		t.Fatalf("tree (-want +got):\n%s", d)
	}
	// Every span covers exactly the JSON text of its element (R8).
	text := func(s Span) string { return doc[s.Offset:s.End()] }
	checks := []struct{ got, want string }{
		{text(p.ID.Span), `"q1"`},
		{text(p.VersionSpan), `"2008-10-17"`},
		{text(p.Span), doc},
		{text(p.Statements[0].EffectSpan), `"Deny"`},
		{text(p.Statements[0].NotPrincipal.AWS.Values[1].Span), `"111122223333"`},
		{text(p.Statements[0].Resource.Span), `["arn:aws:s3:::b", "arn:aws:s3:::b/*"]`},
		{text(p.Statements[0].Conditions[1].OpSpan), `"ForAnyValue:StringLike"`},
		{text(p.Statements[0].Conditions[1].Key.Span), `"aws:TagKeys"`},
		{text(p.Statements[0].Conditions[1].Values[1].Span), `"b?"`},
		{text(p.Statements[0].Conditions[0].Span), `10`},
		{text(p.Statements[1].ConditionSpan), `{}`},
		{text(p.Statements[1].Span), `{"Effect": "Allow", "Principal": "*", "Action": "*", "NotResource": "*", "Condition": {}}`},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("span %d covers %q, want %q", i, c.got, c.want)
		}
	}
	if pos := p.Position(p.Statements[1].Span.Offset); pos != (Position{Line: 16, Col: 5}) {
		t.Errorf("Position of statement 1 = %+v, want 16:5", pos)
	}
	if got := p.Statements[1].Path(p); got != "Statement[1]" {
		t.Errorf("Path = %q", got)
	}
}

// TestLiteralText checks that numbers and booleans keep their exact text (G1.10, STYLE §7): no
// float64 rounding, no "+Inf", no "1" for "1.0".
func TestLiteralText(t *testing.T) {
	doc := stmt(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": [9007199254740993, 1e400, 1.0, -0, true, "t\u00e9\n"]}}`)
	p := mustParse(t, doc)
	var got []string
	for _, l := range p.Statements[0].Conditions[0].Values {
		got = append(got, l.Kind.String()+":"+l.Text)
	}
	want := []string{"number:9007199254740993", "number:1e400", "number:1.0", "number:-0", "bool:true", "string:té\n"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("literals (-want +got):\n%s", d)
	}
	roundTrip(t, p)
}

// TestSingleStatement checks that a bare statement object is accepted and remembered (G1.4).
func TestSingleStatement(t *testing.T) {
	p := mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`)
	if !p.SingleStatement || len(p.Statements) != 1 || p.Version != VersionAbsent {
		t.Fatalf("got %+v", p)
	}
	if got := p.Statements[0].Path(p); got != "Statement" {
		t.Errorf("Path = %q, want Statement", got)
	}
	out := roundTrip(t, p)
	if !strings.Contains(string(out), `"Statement": {`) {
		t.Errorf("Marshal lost the single-object form:\n%s", out)
	}
}

// TestVariablesByVersion checks that ${...} in resources is only a variable under 2012-10-17
// (G1.2, R3.7): under an absent or 2008 version it is literal text and never rejected.
func TestVariablesByVersion(t *testing.T) {
	early := `"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:${aws:RequestedRegion}::b"`
	for _, v := range []string{``, `"Version": "2008-10-17", `} {
		doc := `{` + v + `"Statement": {` + early + `}}`
		mustParse(t, doc)
	}
	_, err := Parse([]byte(`{"Version": "2012-10-17", "Statement": {` + early + `}}`))
	if err == nil || !strings.Contains(err.Error(), "R3.7") {
		t.Errorf("2012-10-17: err = %v, want an R3.7 rejection", err)
	}
	// Allowed after the fifth colon (R3.7, V6.4).
	mustParse(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}}`)
	// Version may come after Statement: the gate still applies (G1.1: any key order).
	_, err = Parse([]byte(`{"Statement": {` + early + `}, "Version": "2012-10-17"}`))
	if err == nil {
		t.Errorf("Version after Statement: variable before the resource part accepted")
	}
}

// TestMoreRejections covers rejections not worth a file each: duplicates in every kind of object,
// escaped duplicate keys, wrong types of every element (G1.14, G1.1–G1.10).
func TestMoreRejections(t *testing.T) {
	const ok = `"Effect": "Allow", "Action": "*", "Resource": "*"`
	tests := []struct {
		name string
		doc  string
		code ErrorCode
		path string
		at   string // the finding is at the last occurrence of this text
	}{
		{"dup version", `{"Version": "2012-10-17", "Version": "2008-10-17", "Statement": {` + ok + `}}`, CodeDuplicateKey, "Version", `"Version"`},                             // G1.14
		{"dup statement", `{"Statement": {` + ok + `}, "Statement": []}`, CodeDuplicateKey, "Statement", `"Statement"`},                                                        // G1.4
		{"dup escaped", `{"Statement": {` + ok + `, "\u0045ffect": "Deny"}}`, CodeDuplicateKey, "Statement.Effect", `"\u0045ffect"`},                                           // G1.14
		{"dup principal type", stmt(ok + `, "Principal": {"AWS": "1", "AWS": "2"}`), CodeDuplicateKey, "Statement[0].Principal.AWS", `"AWS"`},                                  // G1.9
		{"unknown principal type", stmt(ok + `, "Principal": {"aws": "1"}`), CodeUnknownElement, "Statement[0].Principal.aws", `"aws"`},                                        // G1.12
		{"empty principal", stmt(ok + `, "Principal": {}`), CodeEmpty, "Statement[0].Principal", `{}`},                                                                         // G1.9
		{"empty notprincipal array", stmt(ok + `, "NotPrincipal": {"AWS": []}`), CodeEmptyArray, "Statement[0].NotPrincipal.AWS", `[]`},                                        // G1.16
		{"federated star", stmt(ok + `, "Principal": {"Federated": "*"}`), CodePrincipal, "Statement[0].Principal.Federated", `"*"`},                                           // G1.9
		{"account wildcard", stmt(ok + `, "Principal": {"AWS": "arn:aws:iam::*:root"}`), CodePrincipal, "Statement[0].Principal.AWS", `"arn:aws:iam::*:root"`},                 // P4.10
		{"aws principal name", stmt(ok + `, "Principal": {"AWS": ["123456789012", "AIDAJQABLZS4A3QDU576Q", "bob"]}`), CodePrincipal, "Statement[0].Principal.AWS[2]", `"bob"`}, // P4.1
		{"aws principal short arn", stmt(ok + `, "Principal": {"AWS": "arn:aws:iam::1"}`), CodePrincipal, "Statement[0].Principal.AWS", `"arn:aws:iam::1"`},                    // P4.1
		{"aws principal 11 digits", stmt(ok + `, "Principal": {"AWS": "12345678901"}`), CodePrincipal, "Statement[0].Principal.AWS", `"12345678901"`},                          // P4.1
		{"version number", `{"Version": 2012, "Statement": {` + ok + `}}`, CodeType, "Version", `2012`},                                                                        // G1.2
		{"id object", `{"Id": {}, "Statement": {` + ok + `}}`, CodeType, "Id", `{}`},                                                                                           // G1.3
		{"statement string", `{"Statement": "x"}`, CodeType, "Statement", `"x"`},                                                                                               // G1.4
		{"statement element", `{"Statement": [{` + ok + `}, 3]}`, CodeType, "Statement[1]", `3`},                                                                               // G1.4
		{"sid number", stmt(ok + `, "Sid": 1`), CodeType, "Statement[0].Sid", `1`},                                                                                             // G1.5
		{"effect bool", stmt(`"Effect": true, "Action": "*", "Resource": "*"`), CodeType, "Statement[0].Effect", `true`},                                                       // G1.6
		{"condition array", stmt(ok + `, "Condition": []`), CodeType, "Statement[0].Condition", `[]`},                                                                          // G1.10
		{"operator string", stmt(ok + `, "Condition": {"StringEquals": "x"}`), CodeType, "Statement[0].Condition.StringEquals", `"x"`},                                         // G1.10
		{"condition null value", stmt(ok + `, "Condition": {"StringEquals": {"k": ["a", null]}}`), CodeType, "Statement[0].Condition.StringEquals.k[1]", `null`},               // G1.10
		{"miscased operator", stmt(ok + `, "Condition": {"stringequals": {"k": "a"}}`), CodeOperator, "Statement[0].Condition.stringequals", `"stringequals"`},                 // G1.11
		{"empty action prefix", stmt(`"Effect": "Allow", "Action": ":GetObject", "Resource": "*"`), CodeAction, "Statement[0].Action", `":GetObject"`},                         // G1.7
		{"star prefix", stmt(`"Effect": "Allow", "Action": "*:GetObject", "Resource": "*"`), CodeAction, "Statement[0].Action", `"*:GetObject"`},                               // A2.4
		{"arn no partition", stmt(`"Effect": "Allow", "Action": "*", "Resource": "arn::s3:::b"`), CodeResource, "Statement[0].Resource", `"arn::s3:::b"`},                      // R3.1
		{"arn star service", stmt(`"Effect": "Allow", "Action": "*", "Resource": "arn:aws:*"`), CodeResource, "Statement[0].Resource", `"arn:aws:*"`},                          // R3.3
		{"resource number", stmt(`"Effect": "Allow", "Action": "*", "Resource": 5`), CodeType, "Statement[0].Resource", `5`},                                                   // G1.8
		{"empty condition values", stmt(ok + `, "Condition": {"StringEquals": {"k": []}}`), CodeConditionValue, "Statement[0].Condition.StringEquals.k", `"k"`},                // G1.16
		{"lone low surrogate key", `{"Statement": {` + ok + `}, "\udc00": 1}`, CodeInvalidUTF8, "\ufffd", `\udc00`},                                                            // L11.1
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want an ErrorList", err)
			}
			checkErrorList(t, []byte(tt.doc), list)
			off := strings.LastIndex(tt.doc, tt.at)
			for _, e := range list {
				if e.Code == tt.code && e.Path == tt.path && e.Offset == off {
					return
				}
			}
			t.Errorf("want %s at %q offset %d; got %v", tt.code, tt.path, off, fmtList(list))
		})
	}
}

func fmtList(l ErrorList) string {
	var b strings.Builder
	for _, e := range l {
		fmt.Fprintf(&b, "\n  %s [%s @%d]", e, e.Code, e.Offset)
	}
	return b.String()
}

// TestAccepted lists documents AWS accepts and so must we (L11.3, R3.9, G1.10).
func TestAccepted(t *testing.T) {
	for _, doc := range []string{
		stmt(`"Effect": "Allow", "Action": "ec2:*", "Resource": "arn:aws:ec2:*"`),                   // R3.9: short ARN with a trailing *
		stmt(`"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::*:role/*"`),           // R3.3
		stmt(`"Effect": "Allow", "Action": "s3:Get?bject", "Resource": "arn:aws:s3:::b/[x]{y}\\z"`), // A2.3, R3.3
		stmt(`"Effect": "Allow", "Action": "s3:", "Resource": "arn:aws:sqs:us-east-1"`),             // G1.7, R3.9: warnings only
		stmt(`"Effect": "Allow", "Action": [], "Resource": []`),                                     // G1.16: warning only
		`{"Statement": []}`, // G1.4: warning only
		`  {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}` + "\n\t ",                                                                                  // whitespace around
		stmt(`"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*"`),                                                                             // P4.9
		stmt(`"Effect": "Allow", "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}, "Action": "s3:*", "Resource": "*"`), // P4.8
	} {
		p := mustParse(t, doc)
		roundTrip(t, p)
	}
}

// TestLimits checks the size and depth caps (R19) and that negative values disable them.
func TestLimits(t *testing.T) {
	doc := []byte(stmt(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": "v"}}`))
	if _, err := (Options{MaxBytes: 10}).Parse(doc); err == nil || !strings.Contains(err.Error(), "more than the limit of 10") {
		t.Errorf("MaxBytes 10: %v", err)
	}
	if _, err := (Options{MaxBytes: -1}).Parse(doc); err != nil {
		t.Errorf("MaxBytes -1: %v", err)
	}
	var list ErrorList
	_, err := (Options{MaxDepth: 4}).Parse(doc)
	if !errors.As(err, &list) || list[0].Code != CodeTooDeep || list[0].Offset != strings.Index(string(doc), `{"k"`) {
		t.Errorf("MaxDepth 4: %v", err)
	}
	if _, err := (Options{MaxDepth: 5}).Parse(doc); err != nil {
		t.Errorf("MaxDepth 5: %v", err)
	}
	// A million nested arrays are refused before any recursion (STYLE §7).
	deep := []byte(strings.Repeat("[", 1<<20) + strings.Repeat("]", 1<<20))
	if _, err := (Options{MaxBytes: -1}).Parse(deep); !errors.As(err, &list) || list[0].Code != CodeTooDeep {
		t.Errorf("deep: %v", err)
	}
	// Without a depth limit, a syntax error below 10,000 levels (where encoding/json, which
	// describes syntax errors, gives up) is still located where it is.
	deepBad := []byte(strings.Repeat("[", 20000) + "x" + strings.Repeat("]", 20000))
	if _, err := (Options{MaxDepth: -1}).Parse(deepBad); !errors.As(err, &list) || list[0].Code != CodeSyntax || list[0].Offset != 20000 || !strings.Contains(list[0].Msg, `unexpected 'x'`) {
		t.Errorf("deep syntax error: %v", err)
	}
	// Brackets inside strings do not count.
	if _, err := (Options{MaxDepth: 5}).Parse([]byte(stmt(`"Sid": "[[[[[[[[{{{{{{\"[[", "Effect": "Allow", "Action": "*", "Resource": "*"`))); err != nil {
		t.Errorf("brackets in strings: %v", err)
	}
}

// TestErrorList checks the list's format, order, cap and errors.As support (R7).
func TestErrorList(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Statement": [`)
	for i := 0; i < 300; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"Effect": "allow", "Action": "x", "Resource": "y"}`)
	}
	b.WriteString(`]}`)
	_, err := Parse([]byte(b.String()))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %T", err)
	}
	checkErrorList(t, []byte(b.String()), list)
	if len(list) != maxErrors || list[maxErrors-1].Code != CodeTooManyErrors {
		t.Errorf("len %d, last %v", len(list), list[len(list)-1])
	}
	want := `policy: 1:27: Statement[0].Effect: expected "Allow" or "Deny" (case-sensitive), got "allow" (G1.6) (and 99 more)`
	if err.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", err, want)
	}
	var one *Error
	if !errors.As(err, &one) || one.Code != CodeEffect {
		t.Errorf("errors.As(*Error) = %v", one)
	}
	warn := ErrorList{{Code: CodeEmpty, Severity: SeverityWarning, Msg: "m", Line: 1, Col: 1}}
	if warn.Err() != nil || warn.HasErrors() || len(warn.Warnings()) != 1 {
		t.Errorf("warnings-only list: Err() = %v", warn.Err())
	}
	if got := warn[0].Error(); got != "policy: 1:1: warning: m" {
		t.Errorf("warning format %q", got)
	}
}

// TestEnums visits every value of the package's enums (R6).
func TestEnums(t *testing.T) {
	if Effect(0).String() != "Invalid" || Allow.String() != "Allow" || Deny.String() != "Deny" {
		t.Error("Effect.String")
	}
	if VersionAbsent.String() != "" || Version2008.String() != "2008-10-17" || Version2012.String() != "2012-10-17" || !Version2012.Variables() || Version2008.Variables() || VersionAbsent.Variables() {
		t.Error("Version")
	}
	for k := KindAny; k <= KindRCP; k++ {
		got, ok := ParseKind(k.String())
		if !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := ParseKind("Identity"); ok || Kind(99).String() != "Kind(99)" {
		t.Error("ParseKind / Kind.String out of range")
	}
	if SeverityError.String() != "error" || SeverityWarning.String() != "warning" {
		t.Error("Severity.String")
	}
	if LiteralString.String() != "string" || LiteralNumber.String() != "number" || LiteralBool.String() != "bool" {
		t.Error("LiteralKind.String")
	}
}

// TestParseConcurrent parses documents of different sizes and validity from many goroutines at
// once and checks each result against a sequential parse: Parse reuses its scratch tapes through
// a pool, and no parse may see another's (run with -race in CI).
func TestParseConcurrent(t *testing.T) {
	docs := [][]byte{
		[]byte(smallPolicy),
		[]byte(stmt(`"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": ["a", "b"]}}`)),
		[]byte(`{"Version": "2012-10-17", "Statement": [` + strings.Repeat(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},`, 40) + `{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`),
		[]byte(`{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",}}`), // syntax error
		[]byte(`{"Statement": {"Effect": "allow", "Action": "s3:*"}}`),                   // two findings
	}
	type result struct {
		p   *Policy
		err string
	}
	want := make([]result, len(docs))
	for i, d := range docs {
		p, err := Parse(d)
		want[i] = result{p, fmt.Sprint(err)}
	}
	const workers, rounds = 8, 40
	errs := make(chan string, workers)
	for w := range workers {
		go func() {
			for r := range rounds {
				i := (w + r) % len(docs)
				p, err := Parse(docs[i])
				if got := fmt.Sprint(err); got != want[i].err {
					errs <- fmt.Sprintf("doc %d: error %q, want %q", i, got, want[i].err)
					return
				}
				if d := cmp.Diff(want[i].p, p); d != "" {
					errs <- fmt.Sprintf("doc %d differs from the sequential parse:\n%s", i, d)
					return
				}
			}
			errs <- ""
		}()
	}
	for range workers {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
