package arn

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gobwas/glob"
	"github.com/iamgo/iam/internal/ascii"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// refElem is one element of a pattern for the references: a wildcard, one literal rune, or the
// zero-width mark where a hole's value begins.
type refElem struct {
	r    rune
	wild bool // r is '*' or '?' used as a wildcard
	hole bool // the rune came from a hole's value
	mark bool // where a hole begins; matches the empty string
}

// refElems spells out the pattern segs with hole i standing for holes[i].
func refElems(segs []Segment, holes []string) []refElem {
	var p []refElem
	for _, sg := range segs {
		switch sg.Kind {
		case Wild:
			for _, r := range sg.Text {
				p = append(p, refElem{r: r, wild: r == '*' || r == '?'})
			}
		case Literal:
			for _, r := range sg.Text {
				p = append(p, refElem{r: r})
			}
		case Hole:
			p = append(p, refElem{mark: true})
			for _, r := range holes[sg.Hole] {
				p = append(p, refElem{r: r, hole: true})
			}
		}
	}
	return p
}

// refBounded reads R3.3 off the rule text: which wildcards of p never match ':'. Corrected
// reading (old false): every '?', and every '*' that is not the last character of its segment,
// that is, not followed (after any further stars) by the pattern's own ':' or its end. Older
// reading: the same before the pattern's fifth colon, nothing after it.
func refBounded(p []refElem, old bool) []bool {
	b := make([]bool, len(p))
	colons := 0
	for i, e := range p {
		if !e.wild {
			if e.r == ':' && !e.hole && !e.mark {
				colons++
			}
			continue
		}
		if old && colons >= 5 {
			continue
		}
		if e.r == '?' {
			b[i] = true
			continue
		}
		j := i + 1
		for j < len(p) && p[j].wild && p[j].r == '*' {
			j++
		}
		if j == len(p) || !p[j].wild && !p[j].hole && !p[j].mark && p[j].r == ':' {
			continue
		}
		b[i] = true
	}
	return b
}

// refGlob is the obvious matcher, memoized: '*' any run, '?' one rune, a bounded wildcard never
// ':', everything else literal (ASCII letters without case when fold). O(len(p)·len(s)).
func refGlob(p []refElem, s []rune, fold bool, bounded []bool) bool {
	memo := make([]int8, (len(p)+1)*(len(s)+1)) // 0 unknown, 1 no, 2 yes
	var m func(i, j int) bool
	m = func(i, j int) bool {
		if i == len(p) {
			return j == len(s)
		}
		k := i*(len(s)+1) + j
		if memo[k] != 0 {
			return memo[k] == 2
		}
		e := p[i]
		may := j < len(s) && !(bounded[i] && s[j] == ':') // a wildcard may take s[j]
		var r bool
		switch {
		case e.mark:
			r = m(i+1, j)
		case e.wild && e.r == '*':
			r = m(i+1, j) || may && m(i, j+1)
		case e.wild:
			r = may && m(i+1, j+1)
		default:
			r = j < len(s) && refEqual(e.r, s[j], fold) && m(i+1, j+1)
		}
		memo[k] = 1
		if r {
			memo[k] = 2
		}
		return r
	}
	return m(0, 0)
}

func refEqual(a, b rune, fold bool) bool {
	if fold && 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if fold && 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return a == b
}

// refWild is refGlob for the Wild text pattern with no bounded wildcard.
func refWild(pattern, s string, fold bool) bool {
	p := refElems([]Segment{{Kind: Wild, Text: pattern}}, nil)
	return refGlob(p, []rune(s), fold, make([]bool, len(p)))
}

// refResource is RuleResource under the corrected (old false) or the older reading of R3.3.
func refResource(segs []Segment, holes []string, s string, old bool) bool {
	p := refElems(segs, holes)
	return refGlob(p, []rune(s), false, refBounded(p, old))
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

// refMatch is the reference for every rule, written from the rule texts alone (RuleResource:
// the corrected R3.3).
func refMatch(r Rule, pattern, s string) (bool, bool) {
	switch r {
	case RuleString:
		return refWild(pattern, s, false), true
	case RuleStringFold:
		return refWild(pattern, s, true), true
	case RuleAction:
		if pattern == "*" {
			return true, true
		}
		pp := strings.SplitN(pattern, ":", 2)
		ss := strings.SplitN(s, ":", 2)
		if len(pp) != 2 {
			return false, false
		}
		if len(ss) != 2 || !ascii.EqualFold(pp[0], ss[0]) {
			return false, true
		}
		return refWild(pp[1], ss[1], true), true
	case RuleARN:
		pp := strings.SplitN(pattern, ":", 6)
		ss := strings.SplitN(s, ":", len(pp))
		if len(ss) != len(pp) {
			return false, true
		}
		for i := range pp {
			if !refWild(pp[i], ss[i], false) {
				return false, true
			}
		}
		return true, true
	case RuleResource:
		return refResource([]Segment{{Kind: Wild, Text: pattern}}, nil, s, false), true
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
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) || len(pattern) > 64 || len(s) > 64 {
			return
		}
		r := Rule(rule%5 + 1)
		want, ok := refMatch(r, pattern, s)
		p, err := Compile(r, Segment{Kind: Wild, Text: pattern})
		if !ok {
			return // the reference also declines: an invalid action
		}
		if err != nil {
			t.Fatalf("Compile(%v, %q): %v", r, pattern, err)
		}
		if got := p.Match(s); got != want {
			t.Fatalf("%v %q Match(%q) = %v, reference says %v", r, pattern, s, got, want)
		}
		if r == RuleResource {
			// R3.3: doubt when only the older reading matches.
			segs := []Segment{{Kind: Wild, Text: pattern}}
			wantDoubt := !want && refResource(segs, nil, s, true)
			if m, d := p.MatchResource(s, nil); m != want || d != wantDoubt {
				t.Fatalf("%q MatchResource(%q) = %v, %v; reference says %v, %v", pattern, s, m, d, want, wantDoubt)
			}
		} else if m, d := p.MatchResource(s, nil); m != want || d {
			t.Fatalf("%v %q MatchResource(%q) = %v, %v; want %v, false", r, pattern, s, m, d, want)
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
