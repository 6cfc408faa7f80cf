package arn

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gobwas/glob"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// refGlob is the obvious exponential matcher: '*' any run, '?' one rune, everything else literal.
// bounded reports, for a wildcard at pattern rune index i, whether it may not match ':'.
func refGlob(p, s []rune, fold bool, bounded func(i int) bool, off int) bool {
	if len(p) == 0 {
		return len(s) == 0
	}
	switch p[0] {
	case '*':
		for k := 0; k <= len(s); k++ {
			if k > 0 && bounded(off) && s[k-1] == ':' {
				return false
			}
			if refGlob(p[1:], s[k:], fold, bounded, off+1) {
				return true
			}
		}
		return false
	case '?':
		return len(s) > 0 && !(bounded(off) && s[0] == ':') && refGlob(p[1:], s[1:], fold, bounded, off+1)
	}
	if len(s) == 0 {
		return false
	}
	a, b := p[0], s[0]
	if fold && a < utf8.RuneSelf && b < utf8.RuneSelf {
		a, b = rune(lowerASCII(string(a))[0]), rune(lowerASCII(string(b))[0])
	}
	return a == b && refGlob(p[1:], s[1:], fold, bounded, off+1)
}

// gobwasQuote escapes the characters gobwas treats as syntax and IAM does not, keeping '*' and '?'.
func gobwasQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '[', ']', '{', '}':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func never(int) bool { return false }

// refMatch is the reference for every rule, written from the rule texts alone.
func refMatch(r Rule, pattern, s string) (bool, bool) {
	switch r {
	case RuleString:
		return refGlob([]rune(pattern), []rune(s), false, never, 0), true
	case RuleStringFold:
		return refGlob([]rune(pattern), []rune(s), true, never, 0), true
	case RuleAction:
		if pattern == "*" {
			return true, true
		}
		pp := strings.SplitN(pattern, ":", 2)
		ss := strings.SplitN(s, ":", 2)
		if len(pp) != 2 {
			return false, false
		}
		if len(ss) != 2 || !equalFold(pp[0], ss[0]) {
			return false, true
		}
		return refGlob([]rune(pp[1]), []rune(ss[1]), true, never, 0), true
	case RuleARN:
		pp := strings.SplitN(pattern, ":", 6)
		ss := strings.SplitN(s, ":", len(pp))
		if len(ss) != len(pp) {
			return false, true
		}
		for i := range pp {
			if !refGlob([]rune(pp[i]), []rune(ss[i]), false, never, 0) {
				return false, true
			}
		}
		return true, true
	case RuleResource:
		pr := []rune(pattern)
		field := make([]int, len(pr))
		f := 0
		for i, c := range pr {
			field[i] = f
			if c == ':' {
				f++
			}
		}
		bounded := func(i int) bool {
			if field[i] >= 5 {
				return false
			}
			return pr[i] == '?' || i+1 < len(pr) && pr[i+1] != ':'
		}
		free, bnd := false, false
		for i, c := range pr {
			if c == '*' || c == '?' {
				if bounded(i) {
					bnd = true
				} else if field[i] < 5 {
					free = true
				}
			}
		}
		if free && bnd {
			return false, false
		}
		return refGlob(pr, []rune(s), false, bounded, 0), true
	}
	return false, false
}

func FuzzMatch(f *testing.F) {
	f.Add(uint8(2), "arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/2/test/3")
	f.Add(uint8(1), "s3:Get*", "S3:GetObject")
	f.Add(uint8(3), "arn:aws:iam::*:role/*", "arn:aws:iam::1:role/x")
	f.Add(uint8(4), "*a*?*b*", "xxaxxbyy")
	f.Add(uint8(2), "arn:aws:ec2:us-?-*:1:x", "arn:aws:ec2:us-e-1:1:x")
	f.Add(uint8(5), "[Ab]*", "[ab]c")
	f.Fuzz(func(t *testing.T, rule uint8, pattern, s string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) || len(pattern) > 40 || len(s) > 40 || strings.Count(pattern, "*") > 6 {
			return
		}
		r := Rule(rule%5 + 1)
		want, ok := refMatch(r, pattern, s)
		p, err := Compile(r, Segment{Kind: Wild, Text: pattern})
		if !ok {
			return // the reference also declines: an invalid action or an undocumented mix
		}
		if err != nil {
			t.Fatalf("Compile(%v, %q): %v", r, pattern, err)
		}
		if got := p.Match(s); got != want {
			t.Fatalf("%v %q Match(%q) = %v, reference says %v", r, pattern, s, got, want)
		}
		if svc, name, ok := strings.Cut(s, ":"); ok && r == RuleAction && p.MatchAction(svc, name) != want {
			t.Fatalf("%q MatchAction(%q, %q) = %v, reference says %v", pattern, svc, name, !want, want)
		}
		if r == RuleString {
			// gobwas/glob without separators implements exactly StringLike once \ [ ] { } are
			// escaped (STYLE §6): a third, independent opinion.
			g, err := glob.Compile(gobwasQuote(pattern))
			if err != nil {
				t.Fatalf("gobwas rejects %q: %v", gobwasQuote(pattern), err)
			}
			if g.Match(s) != want {
				t.Fatalf("gobwas %q Match(%q) = %v, reference says %v", pattern, s, !want, want)
			}
		}
	})
}

// TestPatternProperty: a pattern made from a string by replacing runs with '*' and characters
// with '?' matches it; changing one literal character outside any wildcard breaks the match.
func TestPatternProperty(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 500
	properties := gopter.NewProperties(params)
	properties.Property("wildcarded pattern matches its source, a changed literal does not", prop.ForAll(
		func(s string, ops []int, flip int) bool {
			rs := []rune(s)
			var pat []rune
			literal := []int{} // indexes in pat of literal runes
			for i := 0; i < len(rs); i++ {
				op := 0
				if i < len(ops) {
					op = ops[i] % 4
				}
				switch op {
				case 1: // replace a run of up to 3 runes with '*'
					n := 1 + ops[i]%3
					pat = append(pat, '*')
					i += n - 1
				case 2:
					pat = append(pat, '?')
				default:
					literal = append(literal, len(pat))
					pat = append(pat, rs[i])
				}
			}
			p, err := CompileString(string(pat))
			if err != nil || !p.Match(s) {
				return false
			}
			if len(literal) == 0 {
				return true
			}
			// Change one literal rune to a character that appears nowhere in s: no wildcard can absorb it.
			k := literal[flip%len(literal)]
			changed := append([]rune(nil), pat...)
			changed[k] = '\u2603'
			q, err := CompileString(string(changed))
			return err == nil && !q.Match(s)
		},
		gen.AlphaString().SuchThat(func(s string) bool { return !strings.ContainsRune(s, '\u2603') }),
		gen.SliceOf(gen.IntRange(0, 100)),
		gen.IntRange(0, 1000),
	))
	properties.TestingRun(t)
}
