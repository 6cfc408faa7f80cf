package arn

import (
	"errors"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	var batch Batch
	tests := []struct {
		rule    Rule
		pattern string
		in      string
		want    bool
		why     string
	}{
		// Actions: A2.1 case-insensitive; A2.2 "*"; A2.3 '*' and '?'; A2.4 prefix literal.
		{RuleAction, "s3:GetObject", "s3:GetObject", true, "A2.1 exact"},
		{RuleAction, "s3:GetObject", "S3:getobject", true, "A2.1 case-insensitive"},
		{RuleAction, "IAM:ListAccessKeys", "iam:listaccesskeys", true, "A2.1"},
		{RuleAction, "s3:GetObject", "s3:GetObjectAcl", false, "A2.1 whole name"},
		{RuleAction, "*", "ec2:RunInstances", true, "A2.2"},
		{RuleAction, "*", "", true, "A2.2 matches any text"},
		{RuleAction, "s3:*", "s3:PutObject", true, "A2.3"},
		{RuleAction, "s3:*", "s3:", true, "A2.3 '*' may be empty"},
		{RuleAction, "s3:*", "ec2:Describe", false, "A2.3 other service"},
		{RuleAction, "s3:Get*", "s3:GetBucketPolicy", true, "A2.3"},
		{RuleAction, "s3:Get*", "s3:PutObject", false, "A2.3"},
		{RuleAction, "iam:*AccessKey*", "iam:ListAccessKeys", true, "A2.3 documented example"},
		{RuleAction, "iam:*AccessKey*", "iam:CreateAccessKey", true, "A2.3 documented example"},
		{RuleAction, "iam:*AccessKey*", "iam:ListUsers", false, "A2.3"},
		{RuleAction, "s3:Get?bject", "s3:GetObject", true, "A2.3 '?' one character"},
		{RuleAction, "s3:Get?bject", "s3:Getbject", false, "A2.3 '?' exactly one"},
		{RuleAction, "s3:?etObject", "s3:GetObject", true, "A2.3 '?' at the start"},
		{RuleAction, "s3:GetObjec?", "s3:GetObject", true, "A2.3 '?' at the end"},
		{RuleAction, "s3:GetObjec?", "s3:GetObjec", false, "A2.3 '?' at the end needs a character"},
		{RuleAction, "s3:**", "s3:X", true, "A2.3 consecutive stars"},
		{RuleAction, "s3:*Object*Tag*", "s3:GetObjectVersionTagging", true, "A2.3 general glob"},
		{RuleAction, "s3:*object*tag?ing", "s3:GetObjectVersionTagging", true, "A2.3 general glob, case-insensitive"},
		{RuleAction, "s3*:GetObject", "s3:GetObject", false, "A2.4 wildcard in prefix is literal"},
		{RuleAction, "*:GetObject", "s3:GetObject", false, "A2.4 wildcard in prefix is literal"},
		{RuleAction, "s3:GetObject", "s3GetObject", false, "A2.1 request without colon"},
		{RuleAction, "s3:Get[ab]", "s3:Get[ab]", true, "brackets are literal"},
		{RuleAction, "s3:Get[ab]", "s3:Geta", false, "brackets are literal"},

		// Resources: R3.2, R3.3, R3.4, R3.5.
		{RuleResource, "*", "arn:aws:s3:::b/k", true, "R3.2"},
		{RuleResource, "*", "*", true, "R3.5 '*' matches the request resource '*'"},
		{RuleResource, "arn:aws:s3:::*", "*", false, "R3.5 an ARN pattern never matches '*'"},
		{RuleResource, "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/2/test/3/object.jpg", true, "R3.3 documented"},
		{RuleResource, "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1///test///object.jpg", true, "R3.3 documented"},
		{RuleResource, "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b//test/object.jpg", true, "R3.3 documented"},
		{RuleResource, "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/test/", true, "R3.3 documented"},
		{RuleResource, "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1-test/object.jpg", false, "R3.3 documented"},
		{RuleResource, "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/test/object.jpg", false, "R3.3 documented"},
		{RuleResource, "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/2/test.jpg", false, "R3.3 documented"},
		{RuleResource, "arn:aws:iam::1:user/*", "arn:aws:iam::1:user/a/b/c", true, "R3.3 users with paths"},
		{RuleResource, "arn:aws:iam::1:user/division_abc*", "arn:aws:iam::1:user/division_abc/subdivision_xyz/JaneDoe", true, "R3.3 documented"},
		{RuleResource, "arn:aws:iam::1:user/division_abc*", "arn:aws:iam::1:user/JohnDoe", false, "R3.3 documented"},
		{RuleResource, "arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x", false, "R3.4 case-sensitive"},
		{RuleResource, "arn:aws:ec2:*", "arn:aws:ec2:us-east-1:1:instance/i-1", true, "R3.3 segment-final '*' crosses colons"},
		{RuleResource, "arn:aws:logs:us-east-1:1:log-group:g:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true, "R3.3"},
		{RuleResource, "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true, "R3.3"},
		{RuleResource, "arn:aws:ec2:us-*-1:1:instance/*", "arn:aws:ec2:us-east-1:1:instance/i-1", true, "R3.3 mid-field '*'"},
		{RuleResource, "arn:aws:ec2:us-*-1:1:instance/*", "arn:aws:ec2:us-east:x-1:1:instance/i-1", false, "R3.3 mid-field '*' stays in its field"},
		{RuleResource, "arn:aws:ec2:us-east-?:1:instance/*", "arn:aws:ec2:us-east-1:1:instance/i", true, "R3.3 '?'"},
		{RuleResource, "arn:aws:ec2:us-east-?:1:instance/*", "arn:aws:ec2:us-east-:1:instance/i", false, "R3.3 '?' never matches ':' in fields 1-5"},
		{RuleResource, "arn:aws:s3:::b/?", "arn:aws:s3:::b/é", true, "'?' is one code point"},
		{RuleResource, "arn:aws:s3:::b/??", "arn:aws:s3:::b/é", false, "'?' is one code point"},
		{RuleResource, "arn:aws:s3:::b/[ab]", "arn:aws:s3:::b/[ab]", true, "brackets are literal"},
		{RuleResource, "arn:aws:s3:::b/[ab]", "arn:aws:s3:::b/a", false, "brackets are literal"},
		{RuleResource, "arn:aws:s3:::b/{a,b}*", "arn:aws:s3:::b/a", false, "braces are literal"},
		{RuleResource, "arn:aws:s3:::b/{a,b}*", "arn:aws:s3:::b/{a,b}x", true, "braces are literal"},
		{RuleResource, `arn:aws:s3:::b/a\*x*`, `arn:aws:s3:::b/a\yx`, true, "backslash is literal, the star stays a wildcard"},
		{RuleResource, `arn:aws:s3:::b/!a*`, `arn:aws:s3:::b/!ab`, true, "'!' is literal"},
		{RuleResource, "arn:aws:s3:::logs*logs", "arn:aws:s3:::logs", false, "prefix and suffix may not overlap"},
		{RuleResource, "arn:aws:s3:::b/*a*a*a*b*", "arn:aws:s3:::b/xaxaxab", true, "general glob"},
		// R3.3 (corrected 2026-12): segments are the colon-separated parts everywhere; only a
		// segment-final '*' crosses ':'.
		{RuleResource, "arn:aws:lambda:us-east-1:1:function?process:PROD", "arn:aws:lambda:us-east-1:1:function:process:PROD", false, "R3.3 corrected: '?' never matches ':'"},
		{RuleResource, "arn:aws:lambda:us-east-1:1:function?process:PROD", "arn:aws:lambda:us-east-1:1:function-process:PROD", true, "R3.3 '?' matches one other character"},
		{RuleResource, "arn:aws:logs:us-east-1:1:log-group:app*web-1", "arn:aws:logs:us-east-1:1:log-group:app:web-1", false, "R3.3 corrected: a mid-segment '*' never matches ':'"},
		{RuleResource, "arn:aws:logs:us-east-1:1:log-group:app*web-1", "arn:aws:logs:us-east-1:1:log-group:app-eu-web-1", true, "R3.3 mid-segment '*' within its segment"},
		{RuleResource, "arn:aws:s3:::b/*/x", "arn:aws:s3:::b/a:b/x", false, "R3.3 corrected: '*' before '/' is not segment-final"},
		{RuleResource, "arn:aws:s3:::b/*/x", "arn:aws:s3:::b/a/b/x", true, "R3.3 '*' expands across '/'"},
		{RuleResource, "arn:aws:s3:::b/*", "arn:aws:s3:::b/a:b/c", true, "R3.3 a final '*' crosses ':'"},
		{RuleResource, "arn:aws:s3:::b/*.jpg", "arn:aws:s3:::b/a:b.jpg", false, "R3.3 corrected"},
		{RuleResource, "arn:aws:s3:::b/*.jpg", "arn:aws:s3:::b/a/b.jpg", true, "R3.3"},
		{RuleResource, "arn:aws:s3:::b/x*", "arn:aws:s3:::b/x:y", true, "R3.3 a final '*' crosses ':'"},
		{RuleResource, "arn:aws:logs:us-east-1:1:log-group:g:*:s", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:x:s", true, "R3.3 a segment-final '*' crosses ':'"},
		{RuleResource, "arn:aws:logs:*:1:log-group:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true, "R3.3"},
		{RuleResource, "arn:aws:ec2:*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true, "R3.3 short ARN covers every EC2 ARN"},
		{RuleResource, "arn:aws:ec2:*", "arn:aws:s3:::b", false, "R3.3 short ARN keeps its service"},
		{RuleResource, "arn:aws:ec2:us-*-1:*:instance/x", "arn:aws:ec2:us-east-1:111:instance/x", true, "R3.3 mixed kinds are well defined"},
		{RuleResource, "arn:aws:ec2:us-*-1:*:instance/x", "arn:aws:ec2:us-east-1:1:2:instance/x", true, "R3.3 the segment-final '*' crosses ':'"},
		{RuleResource, "arn:aws:ec2:us-*-1:*:instance/x", "arn:aws:ec2:us:east-1:1:instance/x", false, "R3.3 the mid-segment '*' does not"},
		{RuleResource, "arn:aws:s3:::b/*:x*y", "arn:aws:s3:::b/1:x:2:xzy", true, "R3.3 the bounded star needs the free one to take more"},
		{RuleResource, "arn:aws:s3:::b/*:x*y", "arn:aws:s3:::b/1:x:2:y", false, "R3.3 the bounded star cannot take ':2:'"},
		{RuleResource, "*a", "x:a", false, "R3.3 a leading '*' followed by text is not segment-final"},
		{RuleResource, "*:a", "x:y:a", true, "R3.3 a '*' before ':' is segment-final"},
		{RuleResource, "a**b", "a:b", false, "R3.3 '**' is one star, not segment-final"},
		{RuleResource, "a**:b", "a:x:b", true, "R3.3 '**' is one star, segment-final"},
		{RuleResource, "", "", true, "empty pattern matches only empty"},
		{RuleResource, "", "x", false, "empty pattern matches only empty"},

		// ArnLike: C5.11 six parts separately.
		{RuleARN, "arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false, "C5.11 documented"},
		{RuleARN, "arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:111122223333:finance/document.txt", true, "C5.11"},
		{RuleARN, "arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/a/b", true, "C5.11"},
		{RuleARN, "arn:aws:iam::*:role/*", "arn:aws:iam:us:111122223333:role/a", false, "C5.11 region must match ''"},
		{RuleARN, "arn:aws:iam::1:role/x", "arn:aws:iam::1:role", false, "C5.11"},
		{RuleARN, "arn:aws:iam::1:role/x", "not-an-arn", false, "C5.11 non-ARN value"},
		{RuleARN, "arn:aws:s3:::b/*", "arn:aws:s3:::b/x:y", true, "C5.11 resource part keeps its colons"},
		{RuleARN, "*", "anything:at:all", true, "a lone '*' matches any value"},

		// StringLike: C5.5.
		{RuleString, "home/*", "home/alice/x", true, "C5.5"},
		{RuleString, "home/", "home/x", false, "C5.5 partial matches need wildcards"},
		{RuleString, "", "", true, "C5.5 empty pattern matches empty value"},
		{RuleString, "arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", true, "C5.11 StringLike crosses colons"},
		{RuleString, "Team", "team", false, "C5.5 case-sensitive"},
		{RuleStringFold, "Team", "tEAM", true, "C5.5 IgnoreCase"},
		{RuleStringFold, "É", "é", false, "C5.5 DOC-GAP: only ASCII folds"},
	}
	for _, tt := range tests {
		p, err := Compile(tt.rule, Segment{Kind: Wild, Text: tt.pattern})
		if err != nil {
			t.Errorf("%s: Compile(%v, %q): %v", tt.why, tt.rule, tt.pattern, err)
			continue
		}
		if got := p.Match(tt.in); got != tt.want {
			t.Errorf("%s: %v %q Match(%q) = %v, want %v", tt.why, tt.rule, tt.pattern, tt.in, got, tt.want)
		}
		// The same pattern compiled into a Batch (one shared by every case, so that it
		// changes blocks) is the same pattern.
		if bp, err := batch.Compile(tt.rule, Segment{Kind: Wild, Text: tt.pattern}); err != nil || bp.Match(tt.in) != tt.want || bp.String() != p.String() {
			t.Errorf("%s: Batch.Compile(%v, %q) = %v, %v; want a pattern like Compile's", tt.why, tt.rule, tt.pattern, bp, err)
		}
		// MatchAction on the split action agrees with Match on the whole one.
		if svc, name, ok := strings.Cut(tt.in, ":"); ok {
			want := tt.want && tt.rule == RuleAction
			if got := p.MatchAction(svc, name); got != want {
				t.Errorf("%s: %v %q MatchAction(%q, %q) = %v, want %v", tt.why, tt.rule, tt.pattern, svc, name, got, want)
			}
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tt := range []struct {
		rule Rule
		segs []Segment
		want string
	}{
		{RuleAction, []Segment{{Kind: Wild, Text: "GetObject"}}, "expected"},
		{RuleAction, []Segment{{Kind: Hole, Hole: 0}}, "variables"},
		{Rule(0), nil, "unknown rule"},
		{RuleString, []Segment{{Kind: 9}}, "segment kind"},
		{RuleString, []Segment{{Kind: Hole, Hole: -1}}, "negative"},
	} {
		_, err := Compile(tt.rule, tt.segs...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Compile(%v, %+v) error = %v, want %q", tt.rule, tt.segs, err, tt.want)
		}
		// A Batch fails alike and keeps no half-compiled pattern.
		var b Batch
		b.Reserve(1)
		if p, err2 := b.Compile(tt.rule, tt.segs...); p != nil || err2 == nil || err2.Error() != err.Error() {
			t.Errorf("Batch.Compile(%v, %+v) = %v, %v; want nil, %v", tt.rule, tt.segs, p, err2, err)
		}
		if len(b.store) != 0 || b.store[:1][0].src != "" {
			t.Errorf("Batch.Compile(%v, %+v) kept a failed pattern", tt.rule, tt.segs)
		}
	}
}

// TestBatchAllocations checks what Batch is for: after Reserve(n), n patterns cost one
// allocation, their block, instead of one each (patterns with many wildcards still allocate
// their own token lists), and later patterns get blocks of their own without moving those
// handed out.
func TestBatchAllocations(t *testing.T) {
	texts := []string{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", "arn:aws:iam::*:role/x-*", "arn:aws:sqs:*:111122223333:q?"}
	alone := testing.AllocsPerRun(100, func() {
		for _, s := range texts {
			if _, err := CompileResource(s); err != nil {
				t.Fatal(err)
			}
		}
	})
	batched := testing.AllocsPerRun(100, func() {
		var b Batch
		b.Reserve(len(texts))
		for _, s := range texts {
			if _, err := b.CompileResource(s); err != nil {
				t.Fatal(err)
			}
		}
	})
	if want := alone - float64(len(texts)) + 1; batched != want {
		t.Errorf("Reserve(%d) and %d patterns: %v allocations, want %v (%v compiled alone)", len(texts), len(texts), batched, want, alone)
	}
	var b Batch
	first, _ := b.CompileAction("s3:Get*")
	var later []*Pattern
	for range 300 {
		p, err := b.CompileResource("arn:aws:s3:::b/*")
		if err != nil {
			t.Fatal(err)
		}
		later = append(later, p)
	}
	if !first.MatchAction("s3", "GetObject") || first.String() != "s3:Get*" {
		t.Errorf("the first pattern changed after its block filled: %q", first.String())
	}
	for _, p := range later {
		if !p.Match("arn:aws:s3:::b/k") {
			t.Fatalf("pattern %q from a later block does not match", p.String())
		}
	}
}

func TestHolesAndLiterals(t *testing.T) {
	// V6.2: ${*} produces a literal '*'; V6.6: substituted text is literal.
	p, err := Compile(RuleResource,
		Segment{Kind: Wild, Text: "arn:aws:s3:::b/home/"},
		Segment{Kind: Hole, Hole: 0},
		Segment{Kind: Literal, Text: "*"},
		Segment{Kind: Wild, Text: "/*"})
	if err != nil {
		t.Fatal(err)
	}
	if p.NumHoles() != 1 || p.String() != "arn:aws:s3:::b/home/${0}*/*" {
		t.Fatalf("NumHoles=%d String=%q", p.NumHoles(), p.String())
	}
	cases := []struct {
		in    string
		holes []string
		want  bool
	}{
		{"arn:aws:s3:::b/home/alice*/x", []string{"alice"}, true},
		{"arn:aws:s3:::b/home/alicex/x", []string{"alice"}, false}, // the '*' from ${*} is literal
		{"arn:aws:s3:::b/home/bob*/x", []string{"alice"}, false},
		{"arn:aws:s3:::b/home/a*b*/x", []string{"a*b"}, true},
		{"arn:aws:s3:::b/home/axb*/x", []string{"a*b"}, false}, // V6.6 hole text is literal
		{"arn:aws:s3:::b/home/alice*/x", nil, false},           // missing hole values never match
	}
	for _, c := range cases {
		if got := p.MatchHoles(c.in, c.holes); got != c.want {
			t.Errorf("MatchHoles(%q, %q) = %v, want %v", c.in, c.holes, got, c.want)
		}
	}
	if p.Match("arn:aws:s3:::b/home/alice*/x") {
		t.Error("Match on a pattern with holes must be false")
	}
	// Holes in ArnLike parts and folded string patterns.
	q, _ := Compile(RuleARN, Segment{Kind: Wild, Text: "arn:aws:iam::"}, Segment{Kind: Hole, Hole: 0}, Segment{Kind: Wild, Text: ":role/*"})
	if !q.MatchHoles("arn:aws:iam::111:role/x", []string{"111"}) || q.MatchHoles("arn:aws:iam::222:role/x", []string{"111"}) {
		t.Error("ArnLike with a hole in the account part")
	}
	f, _ := Compile(RuleStringFold, Segment{Kind: Literal, Text: "Team-"}, Segment{Kind: Hole, Hole: 0})
	if !f.MatchHoles("team-BLUE", []string{"blue"}) || f.MatchHoles("team-red", []string{"blue"}) {
		t.Error("folded literal + hole")
	}
}

func TestPatternAccessors(t *testing.T) {
	p, _ := CompileAction("S3:Get*")
	if p.LiteralPrefix() != "s3:get" || p.IsExact() || p.MatchesAll() || p.Rule() != RuleAction {
		t.Errorf("accessors: %q %v %v", p.LiteralPrefix(), p.IsExact(), p.MatchesAll())
	}
	e, _ := CompileResource("arn:aws:s3:::b")
	if !e.IsExact() || e.LiteralPrefix() != "arn:aws:s3:::b" {
		t.Error("exact pattern")
	}
	a, _ := CompileResource("*")
	if !a.MatchesAll() {
		t.Error("MatchesAll")
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	pats := []*Pattern{}
	for _, s := range []string{"s3:GetObject", "s3:Get*", "s3:*Object*Tag?ing"} {
		p, _ := CompileAction(s)
		pats = append(pats, p)
	}
	for _, s := range []string{"arn:aws:s3:::b/*/test/*", "arn:aws:ec2:us-*-1:1:instance/*"} {
		p, _ := CompileResource(s)
		pats = append(pats, p)
	}
	h, _ := Compile(RuleResource, Segment{Kind: Wild, Text: "arn:aws:s3:::b/home/"}, Segment{Kind: Hole}, Segment{Kind: Wild, Text: "/*"})
	holes := []string{"alice"}
	// R3.3's bounded stars, both loops, folded searches, long hole runs, MatchResource.
	for _, s := range []string{"arn:aws:s3:::b/*:x*y*", "arn:aws:s3:::b/*.csv", "arn:aws:s3:::b/*/r/*", "*a*b:*c?"} {
		p, _ := CompileResource(s)
		pats = append(pats, p)
	}
	f, _ := Compile(RuleStringFold, Segment{Kind: Wild, Text: "*" + strings.Repeat("Ab", 20) + "*x?"})
	pats = append(pats, f)
	g, _ := Compile(RuleResource, Segment{Kind: Wild, Text: "arn:aws:s3:::b/*"}, Segment{Kind: Hole}, Segment{Kind: Wild, Text: "x*y"})
	long := strings.Repeat("ab:", 200)
	longARN := "arn:aws:s3:::b/" + long
	n := testing.AllocsPerRun(200, func() {
		for _, p := range pats {
			p.Match("s3:GetObjectVersionTagging")
			p.Match("arn:aws:s3:::b/1/2/test/3")
			p.Match(long)
			p.MatchResource("arn:aws:s3:::b/1:x:2/r/3.csv", nil)
		}
		h.MatchHoles("arn:aws:s3:::b/home/alice/x", holes)
		h.MatchResource("arn:aws:s3:::b/home/alice/x", holes)
		g.MatchResource(longARN, holes)
	})
	if n != 0 {
		t.Fatalf("Match allocates %v times per run", n)
	}
}

// TestHoleIndexBound: hole indexes are stored compactly, so Compile rejects one above the bound
// instead of truncating it.
func TestHoleIndexBound(t *testing.T) {
	if _, err := Compile(RuleString, Segment{Kind: Hole, Hole: maxHoleIndex + 1}); err == nil {
		t.Error("hole index above the bound accepted")
	}
	p, err := Compile(RuleString, Segment{Kind: Literal, Text: "a"}, Segment{Kind: Hole, Hole: 2})
	if err != nil || p.NumHoles() != 3 || !p.MatchHoles("ax", []string{"", "", "x"}) {
		t.Errorf("hole 2: %v, %d holes", err, p.NumHoles())
	}
}

// TestMatchResource: the corrected R3.3 decides the match; a match under the older reading
// alone (every wildcard after the fifth colon crossing colons) is reported as doubt, so that the
// engine can make a Deny apply and an Allow not (R3.3 corrected 2026-12, C5.0).
func TestMatchResource(t *testing.T) {
	for _, tt := range []struct {
		rule         Rule
		pattern      string
		in           string
		match, doubt bool
		why          string
	}{
		{RuleResource, "arn:aws:lambda:us-east-1:1:function?process:PROD", "arn:aws:lambda:us-east-1:1:function:process:PROD", false, true, "R3.3 '?' crossed ':' only under the older reading"},
		{RuleResource, "arn:aws:lambda:us-east-1:1:function?process:PROD", "arn:aws:lambda:us-east-1:1:function-process:PROD", true, false, "R3.3 match"},
		{RuleResource, "arn:aws:logs:us-east-1:1:log-group:app*web-1", "arn:aws:logs:us-east-1:1:log-group:app:web-1", false, true, "R3.3 mid-segment '*' crossed ':' only under the older reading"},
		{RuleResource, "arn:aws:s3:::b/*/x", "arn:aws:s3:::b/a:b/x", false, true, "R3.3 S3 key with a colon: uncertain"},
		{RuleResource, "arn:aws:s3:::b/*/x", "arn:aws:s3:::b/a/x/y", false, false, "R3.3 no reading matches"},
		{RuleResource, "arn:aws:s3:::b/*", "arn:aws:s3:::b/a:b/c", true, false, "R3.3 segment-final '*'"},
		{RuleResource, "arn:aws:s3:::b/*.jpg", "arn:aws:s3:::b/a:b.jpg", false, true, "R3.3 suffix shape, older reading only"},
		{RuleResource, "arn:aws:s3:::b/*x*", "arn:aws:s3:::b/a:x", false, true, "R3.3 contains shape, older reading only"},
		{RuleResource, "arn:aws:ec2:us-*-1:1:instance/*", "arn:aws:ec2:us-east:x-1:1:instance/i", false, false, "R3.3 first five fields: both readings bound the '*'"},
		{RuleResource, "arn:aws:ec2:us-east-?:1:instance/*", "arn:aws:ec2:us-east-::1:instance/i", false, false, "R3.3 first five fields: '?' never matched ':'"},
		{RuleResource, "arn:aws:logs:us-east-1:1:log-group:g:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true, false, "R3.3"},
		{RuleResource, "arn:aws:s3:::b", "arn:aws:s3:::b", true, false, "R3.3 exact"},
		{RuleResource, "arn:aws:s3:::b", "arn:aws:s3:::c", false, false, "R3.3 exact"},
		{RuleARN, "arn:aws:s3:::b/*x", "arn:aws:s3:::b/a:x", true, false, "C5.11 other rules never doubt"},
		{RuleString, "a*b", "a:b", true, false, "C5.5 other rules never doubt"},
		{RuleAction, "s3:Get*", "s3:GetObject", true, false, "A2.3 other rules never doubt"},
	} {
		p, err := Compile(tt.rule, Segment{Kind: Wild, Text: tt.pattern})
		if err != nil {
			t.Fatalf("%s: %v", tt.why, err)
		}
		if m, d := p.MatchResource(tt.in, nil); m != tt.match || d != tt.doubt {
			t.Errorf("%s: %v %q MatchResource(%q) = %v, %v; want %v, %v", tt.why, tt.rule, tt.pattern, tt.in, m, d, tt.match, tt.doubt)
		}
		if p.Match(tt.in) != tt.match {
			t.Errorf("%s: %v %q Match(%q) != %v", tt.why, tt.rule, tt.pattern, tt.in, tt.match)
		}
	}
	// With holes: R3.7 variables, R3.3 around them; missing values never match nor doubt.
	p, _ := Compile(RuleResource, Segment{Kind: Wild, Text: "arn:aws:s3:::b/home/"}, Segment{Kind: Hole}, Segment{Kind: Wild, Text: "/*/x"})
	for _, tt := range []struct {
		in           string
		holes        []string
		match, doubt bool
	}{
		{"arn:aws:s3:::b/home/alice/d/x", []string{"alice"}, true, false},   // R3.3
		{"arn:aws:s3:::b/home/alice/d:e/x", []string{"alice"}, false, true}, // R3.3 older reading only
		{"arn:aws:s3:::b/home/a:b/d/x", []string{"a:b"}, true, false},       // V6.6 hole text is literal, colons included
		{"arn:aws:s3:::b/home/alice/d:e/x", nil, false, false},              // R3.7 missing value
		{"arn:aws:s3:::b/home/bob/d:e/x", []string{"alice"}, false, false},  // R3.3 no reading
	} {
		if m, d := p.MatchResource(tt.in, tt.holes); m != tt.match || d != tt.doubt {
			t.Errorf("%q holes %q MatchResource(%q) = %v, %v; want %v, %v", p, tt.holes, tt.in, m, d, tt.match, tt.doubt)
		}
	}
}

// TestPatternErrors: every compile error is a *PatternError naming the pattern (errors.As).
func TestPatternErrors(t *testing.T) {
	for _, tc := range []struct {
		rule Rule
		segs []Segment
		want string
	}{
		{RuleAction, []Segment{{Kind: Wild, Text: "s3GetObject"}}, `expected "*" or service:action`},
		{RuleAction, []Segment{{Kind: Wild, Text: "s3:"}, {Kind: Hole, Hole: 0}}, "cannot contain policy variables"},
		{RuleString, []Segment{{Kind: Hole, Hole: -1}}, "negative hole index"},
		{Rule(99), []Segment{{Kind: Wild, Text: "x"}}, "unknown rule"},
		{RuleString, []Segment{{Kind: SegmentKind(9), Text: "x"}}, "unknown segment kind"},
	} {
		_, err := Compile(tc.rule, tc.segs...)
		var pe *PatternError
		if !errors.As(err, &pe) || !strings.Contains(pe.Reason, tc.want) {
			t.Errorf("Compile(%v, %+v) = %v, want a *PatternError about %q", tc.rule, tc.segs, err, tc.want)
		}
	}
}

// TestWorkBounded: a pattern's backtracking factor is at most maxWork (1<<30), so that a charge of
// n·Work() for a text of n bytes fits a 32-bit int's saturating arithmetic (internal/sat) and
// never wraps: "*?:?:…" within the policy size limit (here 80 KB) counts tokens times colons,
// some 3·10⁹, past a 32-bit int.
func TestWorkBounded(t *testing.T) {
	p, err := Compile(RuleResource, Segment{Kind: Wild, Text: "arn:aws:s3:::b/*" + strings.Repeat("?:", 40000) + "x"})
	if err != nil {
		t.Fatal(err)
	}
	if w := p.Work(); w != maxWork {
		t.Errorf("Work() = %d, want maxWork (%d)", w, maxWork)
	}
	small, err := Compile(RuleResource, Segment{Kind: Wild, Text: "arn:aws:s3:::b/*a?b"})
	if err != nil {
		t.Fatal(err)
	}
	if w := small.Work(); w <= 0 || w >= maxWork {
		t.Errorf("Work() of a short backtracking pattern = %d, want a small positive factor", w)
	}
}
