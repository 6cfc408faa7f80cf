package arn

import (
	"fmt"

	"strings"
	"testing"

	"github.com/gobwas/glob"
)

func benchMatch(b *testing.B, p *Pattern, s string, want bool) {
	b.ReportAllocs()
	if p.Match(s) != want {
		b.Fatalf("%q Match(%q) != %v", p, s, want)
	}
	for b.Loop() {
		p.Match(s)
	}
}

func BenchmarkActionExact(b *testing.B) {
	p, _ := CompileAction("s3:GetObject")
	benchMatch(b, p, "s3:GetObject", true)
}

func BenchmarkActionPrefix(b *testing.B) {
	p, _ := CompileAction("s3:Get*")
	benchMatch(b, p, "s3:GetObjectVersion", true)
}

func BenchmarkResourceBucketKey(b *testing.B) {
	p, _ := CompileResource("arn:aws:s3:::example-bucket/home/*/reports/*")
	benchMatch(b, p, "arn:aws:s3:::example-bucket/home/alice/reports/2026/q1.csv", true)
}

func BenchmarkResourceFieldWise(b *testing.B) {
	p, _ := CompileResource("arn:aws:ec2:us-*-1:111122223333:instance/*")
	benchMatch(b, p, "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", true)
}

func BenchmarkResourceWithHole(b *testing.B) {
	p, _ := Compile(RuleResource, Segment{Kind: Wild, Text: "arn:aws:s3:::b/home/"}, Segment{Kind: Hole}, Segment{Kind: Wild, Text: "/*"})
	holes := []string{"alice"}
	b.ReportAllocs()
	for b.Loop() {
		p.MatchHoles("arn:aws:s3:::b/home/alice/reports/q1.csv", holes)
	}
}

// Pathological patterns: the cost grows with len(input)·len(pattern) at worst, never
// exponentially in the number of stars.
func BenchmarkPathological(b *testing.B) {
	for _, pat := range []string{"*a*a*a*a*a*a*a*b*", "*?*?*b*", strings.Repeat("*a", 20) + "*b"} {
		for _, n := range []int{1 << 10, 10 << 10} {
			s := strings.Repeat("a", n)
			p, _ := CompileString(pat)
			b.Run(pat+"/"+itoa(n), func(b *testing.B) { benchMatch(b, p, s, false) })
			q, _ := Compile(RuleStringFold, Segment{Kind: Wild, Text: pat})
			b.Run("fold/"+pat+"/"+itoa(n), func(b *testing.B) { benchMatch(b, q, s, false) })
		}
	}
}

func itoa(n int) string { return fmt.Sprintf("%dKB", n>>10) }

// BenchmarkGobwas measures gobwas/glob v1.1.0 on the same inputs, for the comparison that
// made us match with our own loop (see matchToks).
func BenchmarkGobwas(b *testing.B) {
	g, _ := glob.Compile(gobwasQuote("arn:aws:s3:::example-bucket/home/*/reports/*"))
	b.Run("bucket-key", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			g.Match("arn:aws:s3:::example-bucket/home/alice/reports/2026/q1.csv")
		}
	})
	h, _ := glob.Compile("*a*a*a*a*a*a*a*b*")
	s := strings.Repeat("a", 10<<10)
	b.Run("pathological-10KB", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h.Match(s)
		}
	})
}

// BenchmarkResourcePrefix is the most common Resource shape: a literal then a final '*' (one
// comparison, R3.3's segment-final star).
func BenchmarkResourcePrefix(b *testing.B) {
	p, _ := CompileResource("arn:aws:s3:::bucket/*")
	benchMatch(b, p, "arn:aws:s3:::bucket/home/alice/reports/2026/q1.csv", true)
}

// BenchmarkResourceMidStar: a '*' inside the resource part that is not segment-final.
func BenchmarkResourceMidStar(b *testing.B) {
	p, _ := CompileResource("arn:aws:s3:::bucket/*.csv")
	benchMatch(b, p, "arn:aws:s3:::bucket/home/alice/reports/2026/q1.csv", true)
}

// BenchmarkHostile: inputs built to make a matcher slow. Every case must stay near-linear in
// len(input)+len(pattern) and allocate nothing.
func BenchmarkHostile(b *testing.B) {
	lit := strings.Repeat("a", 200<<10-1) + "b"
	// (a) a case-insensitive pattern with a 200 KB literal against a 400 KB value.
	foldContains, _ := Compile(RuleStringFold, Segment{Kind: Wild, Text: "*" + lit + "*"})
	foldAction, _ := CompileAction("svc:*" + lit + "?*")
	val := strings.Repeat("A", 400<<10)
	b.Run("fold-literal-200KB-vs-400KB", func(b *testing.B) { benchMatch(b, foldContains, val, false) })
	b.Run("fold-action-200KB-vs-400KB", func(b *testing.B) { benchMatch(b, foldAction, "svc:"+val, false) })
	// (b) a Resource with a policy-variable hole and a long literal against a 1 MB resource.
	hole, _ := Compile(RuleResource, Segment{Kind: Wild, Text: "arn:aws:s3:::b/*"}, Segment{Kind: Hole},
		Segment{Kind: Wild, Text: strings.Repeat("a", 16<<10) + "b/*"})
	res := "arn:aws:s3:::b/" + strings.Repeat("a", 1<<20)
	holes := []string{"a"}
	b.Run("hole-literal-vs-1MB", func(b *testing.B) {
		b.ReportAllocs()
		if hole.MatchHoles(res, holes) {
			b.Fatal("matched")
		}
		for b.Loop() {
			hole.MatchHoles(res, holes)
		}
	})
	// Many free stars against 10 KB.
	stars, _ := CompileString("*a*a*a*a*a*a*a*b*")
	b.Run("stars-vs-10KB", func(b *testing.B) { benchMatch(b, stars, strings.Repeat("a", 10<<10), false) })
	starsRes, _ := CompileResource("arn:aws:s3:::b/*a*a*a*a*a*a*a*b*")
	b.Run("resource-stars-vs-10KB", func(b *testing.B) {
		benchMatch(b, starsRes, "arn:aws:s3:::b/"+strings.Repeat("a", 10<<10), false)
	})
	// A 4096-byte resource (the engine's cap) against a pattern with many bounded stars.
	bounded, _ := CompileResource("arn:aws:logs:us-*-?:111122223333:log-group:*a*a*a*a*a*a*a*b:*")
	long := "arn:aws:logs:us-east-1:111122223333:log-group:" + strings.Repeat("a:", 2048)
	long = long[:4096]
	b.Run("bounded-stars-vs-4KB", func(b *testing.B) { benchMatch(b, bounded, long, false) })
	colonless := "arn:aws:logs:us-east-1:111122223333:log-group:" + strings.Repeat("a", 4096)
	b.Run("bounded-stars-vs-4KB-colonless", func(b *testing.B) { benchMatch(b, bounded, colonless[:4096], false) })
	// Bounded stars after a free one (matchChunks: a chunk retried at every colon).
	mixed, err := CompileResource("arn:aws:s3:::b/*:a*a*a*a*a*a*a*b")
	if err != nil {
		b.Skip(err) // rejected before R3.3's correction
	}
	b.Run("free-then-bounded-vs-4KB", func(b *testing.B) {
		benchMatch(b, mixed, ("arn:aws:s3:::b/" + strings.Repeat(":aaaa", 1000))[:4096], false)
	})
	b.Run("free-then-bounded-vs-4KB-colonless", func(b *testing.B) {
		benchMatch(b, mixed, ("arn:aws:s3:::b/:" + strings.Repeat("a", 4096))[:4096], false)
	})
}
