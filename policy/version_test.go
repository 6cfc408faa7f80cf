package policy

import (
	"errors"
	"strings"
	"testing"
)

// The tests of this file check that Policy.Version is the one home of the version (G1.2): Marshal
// writes it, Parse fills it with the span of its text, and nothing else stores the text.

// versionLine returns the "Version" member Marshal writes at the top of its canonical output
// ("" when it writes none).
func versionLine(out []byte) string {
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), `"Version"`) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// TestVersionBuiltMarshals checks that a built policy writes its Version from the Version field
// alone, first among the document's keys, and none when it is VersionAbsent.
func TestVersionBuiltMarshals(t *testing.T) {
	tests := []struct {
		name    string
		version Version
		want    string // the Version member, "" for none
	}{
		{"NewPolicy's default", Version2012, `"Version": "2012-10-17",`},
		{"set to legacy", Version2008, `"Version": "2008-10-17",`},
		{"removed", VersionAbsent, ""},
	}
	for _, tt := range tests {
		p := NewPolicy(NewStatement(Allow, "s3:GetObject").WithResources("*"))
		if p.Version != Version2012 || p.VersionSpan != (Span{}) {
			t.Fatalf("NewPolicy: Version %v, VersionSpan %+v; want 2012-10-17 and no span", p.Version, p.VersionSpan)
		}
		p.Version = tt.version
		out, err := Marshal(p)
		if err != nil {
			t.Fatalf("%s: Marshal: %v", tt.name, err)
		}
		if got := versionLine(out); got != tt.want {
			t.Errorf("%s: Version member %q, want %q\n%s", tt.name, got, tt.want, out)
		}
		if tt.want != "" && !strings.HasPrefix(string(out), "{\n  "+tt.want) {
			t.Errorf("%s: Version is not the first key:\n%s", tt.name, out)
		}
		q := roundTrip(t, p)
		if r := mustParse(t, string(q)); r.Version != tt.version {
			t.Errorf("%s: read back as %v", tt.name, r.Version)
		}
	}
}

// TestVersionRoundTrip checks that a parsed policy is written with its Version when it had one
// and without one when it had none, by the canonical Marshal and by KeepLayout (which leaves the
// member where the document put it), and that the edits of Version are written too (G1.2, R14).
func TestVersionRoundTrip(t *testing.T) {
	const body = `"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]`
	last := "{\n  " + body + ",\n  \"Version\": \"2008-10-17\"\n}\n"
	none := "{\n  " + body + "\n}\n"
	tests := []struct {
		name   string
		doc    string
		edit   func(p *Policy)
		want   Version
		keep   string // the KeepLayout output; "" when it must fall back to the canonical layout
		member string // the Version member of the canonical output, "" for none
	}{
		{"with Version, last key", last, func(*Policy) {}, Version2008, last, `"Version": "2008-10-17",`},
		{"without Version", none, func(*Policy) {}, VersionAbsent, none, ""},
		{"Version changed in place", last, func(p *Policy) { p.Version = Version2012 }, Version2012,
			strings.Replace(last, "2008-10-17", "2012-10-17", 1), `"Version": "2012-10-17",`},
		{"Version removed", last, func(p *Policy) { p.Version = VersionAbsent }, VersionAbsent, "", ""},
		{"Version added", none, func(p *Policy) { p.Version = Version2012 }, Version2012, "", `"Version": "2012-10-17",`},
	}
	for _, tt := range tests {
		p := mustParse(t, tt.doc)
		tt.edit(p)
		out, err := Marshal(p)
		if err != nil {
			t.Fatalf("%s: Marshal: %v", tt.name, err)
		}
		if got := versionLine(out); got != tt.member {
			t.Errorf("%s: canonical Version member %q, want %q\n%s", tt.name, got, tt.member, out)
		}
		roundTrip(t, p)
		kept, err := MarshalOptions{KeepLayout: true}.Marshal(p)
		if err != nil {
			t.Fatalf("%s: KeepLayout: %v", tt.name, err)
		}
		want := tt.keep
		if want == "" {
			want = string(out)
		}
		if string(kept) != want {
			t.Errorf("%s: KeepLayout wrote\n%s\nwant\n%s", tt.name, kept, want)
		}
		if q := mustParse(t, string(kept)); q.Version != tt.want {
			t.Errorf("%s: KeepLayout output reads back as %v, want %v", tt.name, q.Version, tt.want)
		}
	}
}

// TestVersionErrors checks that a bad Version is an error naming the path and line:column of its
// text, lenient or not (no policy comes out: an unknown version is never guessed, G1.2), and that
// the findings about a parsed Version point at its text.
func TestVersionErrors(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		o         Options
		code      ErrorCode
		line, col int
		msg       string
	}{
		{"unknown text", "{\n  \"Statement\": [],\n  \"Version\": \"2013-01-01\"\n}", Options{}, CodeVersion, 3, 14, `got "2013-01-01"`},
		{"unknown text, lenient", "{\n  \"Statement\": [],\n  \"Version\": \"2013-01-01\"\n}", Options{Lenient: true}, CodeVersion, 3, 14, `got "2013-01-01"`},
		{"a number, lenient", "{\"Statement\": [],\n\"Version\": 2012}", Options{Lenient: true}, CodeType, 2, 12, "expected a string, got number"},
		{"null", "{\"Version\": null, \"Statement\": []}", Options{}, CodeType, 1, 13, "got null"},
		{"case differs", "{\"Version\": \"2012-10-17 \", \"Statement\": []}", Options{}, CodeVersion, 1, 13, "expected"},
		{"RCP with the legacy version (L11.7)", "{\n\"Version\": \"2008-10-17\",\n\"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}", Options{Kind: KindRCP}, CodeRCP, 2, 12, "2012-10-17"},
		{"RCP without a version (L11.7)", "{\"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}", Options{Kind: KindRCP}, CodeRCP, 1, 1, "2012-10-17"},
	}
	for _, tt := range tests {
		p, err := tt.o.Parse([]byte(tt.doc))
		if p != nil {
			t.Errorf("%s: Parse returned a policy (Version %v)", tt.name, p.Version)
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("%s: Parse error %v, want an ErrorList", tt.name, err)
		}
		var e *Error
		for _, f := range list {
			if f.Code == tt.code {
				e = f
				break
			}
		}
		if e == nil {
			t.Errorf("%s: no %s finding in %v", tt.name, tt.code, list)
			continue
		}
		if e.Path != "Version" || e.Line != tt.line || e.Col != tt.col || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%s: got %s %q at %d:%d %q, want %s \"Version\" at %d:%d mentioning %q", tt.name, e.Code, e.Path, e.Line, e.Col, e.Msg, tt.code, tt.line, tt.col, tt.msg)
		}
		if want := "policy: " + itoa(tt.line) + ":" + itoa(tt.col) + ": Version: "; !strings.HasPrefix(e.Error(), want) {
			t.Errorf("%s: Error() = %q, want the prefix %q", tt.name, e.Error(), want)
		}
	}

	// A parsed tree whose Version is set out of range keeps the span of its text: Validate names
	// the line:column it was parsed from; a built one has no position.
	p := mustParse(t, "{\n  \"Statement\": [],\n  \"Version\": \"2012-10-17\"\n}")
	for _, tt := range []struct {
		name      string
		p         *Policy
		line, col int
	}{
		{"parsed", p, 3, 14},
		{"built", NewPolicy(NewStatement(Allow, "s3:GetObject").WithResources("*")), 0, 0},
	} {
		tt.p.Version = 9
		var list ErrorList
		if !errors.As(tt.p.Validate(), &list) {
			t.Fatalf("%s: Version(9) validated", tt.name)
		}
		if e := list[0]; e.Code != CodeVersion || e.Path != "Version" || e.Line != tt.line || e.Col != tt.col {
			t.Errorf("%s: got %s %q at %d:%d, want CodeVersion \"Version\" at %d:%d", tt.name, e.Code, e.Path, e.Line, e.Col, tt.line, tt.col)
		}
		if _, err := Marshal(tt.p); err == nil {
			t.Errorf("%s: Marshal wrote Version(9)", tt.name)
		}
	}
}

// TestVersionRCPPosition checks where Check's RCP finding about the Version points (L11.7): at
// the Version text when the policy was parsed with one, at the document when it was parsed
// without one and the Version was set afterwards, nowhere for a built policy.
func TestVersionRCPPosition(t *testing.T) {
	const deny = `"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}`
	tests := []struct {
		name      string
		p         *Policy
		line, col int
	}{
		{"parsed with a Version", mustParse(t, "{\n  \"Version\": \"2008-10-17\",\n  "+deny+"}"), 2, 14},
		{"parsed without, set afterwards", mustParse(t, "{"+deny+"}"), 1, 1},
		{"built", NewPolicy(NewStatement(Deny, "s3:*").WithResources("*").WithPrincipal(AnyPrincipal())), 0, 0},
	}
	for _, tt := range tests {
		tt.p.Version = Version2008
		var e *Error
		for _, f := range tt.p.Check(KindRCP) {
			if f.Code == CodeRCP {
				e = f
			}
		}
		if e == nil {
			t.Errorf("%s: no RCP finding about the legacy Version", tt.name)
			continue
		}
		if e.Path != "Version" || e.Line != tt.line || e.Col != tt.col {
			t.Errorf("%s: %q at %d:%d, want \"Version\" at %d:%d", tt.name, e.Path, e.Line, e.Col, tt.line, tt.col)
		}
	}
}

// TestVersionInspect checks that Inspect visits the Version as a *String holding Version's text
// and the span of the parsed text, only when the policy has one, and that the node is a copy.
func TestVersionInspect(t *testing.T) {
	tests := []struct {
		name string
		p    *Policy
		want string // the visited value, "" for no visit
		pos  Position
		text string // the source text under the span
	}{
		{"parsed, on line 3", mustParse(t, "{\n  \"Statement\": [],\n  \"Version\": \"2008-10-17\"\n}"), "2008-10-17", Position{Line: 3, Col: 14}, `"2008-10-17"`},
		{"parsed, absent", mustParse(t, `{"Statement": []}`), "", Position{}, ""},
		{"built", NewPolicy(), "2012-10-17", Position{}, ""},
	}
	for _, tt := range tests {
		var seen *String
		Inspect(tt.p, func(path string, n Node) bool {
			if path == "Version" {
				s, ok := n.(*String)
				if !ok {
					t.Fatalf("%s: Version node is %T", tt.name, n)
				}
				seen = s
			}
			return true
		})
		switch {
		case tt.want == "":
			if seen != nil {
				t.Errorf("%s: Version visited (%q) in a policy without one", tt.name, seen.Value)
			}
			continue
		case seen == nil:
			t.Errorf("%s: Version not visited", tt.name)
			continue
		case seen.Value != tt.want:
			t.Errorf("%s: Version node %q, want %q", tt.name, seen.Value, tt.want)
		}
		sp := seen.Location()
		if tt.text == "" {
			if sp != (Span{}) {
				t.Errorf("%s: built Version has span %+v", tt.name, sp)
			}
			continue
		}
		if got := string(tt.p.Source[sp.Offset:sp.End()]); got != tt.text {
			t.Errorf("%s: span covers %q, want %q", tt.name, got, tt.text)
		}
		if got := tt.p.Position(sp.Offset); got != tt.pos {
			t.Errorf("%s: position %+v, want %+v", tt.name, got, tt.pos)
		}
		seen.Value = "2012-10-17"
		if tt.p.Version.String() != tt.want {
			t.Errorf("%s: changing the visited node changed the policy", tt.name)
		}
	}
}
