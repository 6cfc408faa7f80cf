package arn

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamgo/iam/internal/ascii"
)

// randText returns up to n runes drawn from alphabet.
func randText(rng *rand.Rand, alphabet []rune, n int) string {
	var b strings.Builder
	for range rng.IntN(n + 1) {
		b.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// randSegs returns a random pattern of up to four segments, and the text its wildcards could
// match (wildcards replaced by random text), which the caller then perhaps mutates.
func randSegs(rng *rand.Rand, holes []string, withHoles bool) ([]Segment, string) {
	return randSegsRun(rng, holes, withHoles, 3)
}

// randSegsRun is randSegs with stars standing for up to run runes.
func randSegsRun(rng *rand.Rand, holes []string, withHoles bool, run int) ([]Segment, string) {
	patAlpha := []rune("ab:/**??:Aé")
	strAlpha := []rune("ab:/Aé")
	var segs []Segment
	var inst strings.Builder
	for range 1 + rng.IntN(4) {
		k := rng.IntN(6)
		switch {
		case k == 0 && withHoles:
			h := rng.IntN(len(holes))
			segs = append(segs, Segment{Kind: Hole, Hole: h})
			inst.WriteString(holes[h])
		case k == 1:
			text := randText(rng, patAlpha, 4)
			segs = append(segs, Segment{Kind: Literal, Text: text})
			inst.WriteString(text)
		default:
			text := randText(rng, patAlpha, 8)
			segs = append(segs, Segment{Kind: Wild, Text: text})
			for _, r := range text {
				switch r {
				case '*':
					inst.WriteString(randText(rng, strAlpha, run))
				case '?':
					inst.WriteRune(strAlpha[rng.IntN(len(strAlpha))])
				default:
					inst.WriteRune(r)
				}
			}
		}
	}
	return segs, inst.String()
}

// mutate perhaps changes, inserts or deletes one rune of s.
func mutate(rng *rand.Rand, s string) string {
	rs := []rune(s)
	alpha := []rune("ab:/Aé")
	switch k := rng.IntN(4); {
	case k == 0 || len(rs) == 0:
		return s
	case k == 1:
		rs[rng.IntN(len(rs))] = alpha[rng.IntN(len(alpha))]
	case k == 2:
		i := rng.IntN(len(rs) + 1)
		rs = append(rs[:i], append([]rune{alpha[rng.IntN(len(alpha))]}, rs[i:]...)...)
	default:
		i := rng.IntN(len(rs))
		rs = append(rs[:i], rs[i+1:]...)
	}
	return string(rs)
}

// TestResourceAgainstReference compares RuleResource's Match, MatchHoles and MatchResource with
// the memoized reference read off R3.3 (refResource, both readings) on random patterns with
// literal segments and holes, over an alphabet rich in colons.
func TestResourceAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	matches, doubts := 0, 0
	for range n {
		holes := []string{randText(rng, []rune("a:/*"), 3), randText(rng, []rune("ab:"), 2)}
		segs, inst := randSegs(rng, holes, true)
		if rng.IntN(4) == 0 {
			// Stars standing for long runs: inputs past the 64 bytes where the bounded
			// searches start looking for the next colon first.
			segs, inst = randSegsRun(rng, holes, true, 120)
		}
		s := mutate(rng, inst)
		if rng.IntN(8) == 0 {
			s = "arn:aws:s3:::" + s // past the fifth colon, where the readings differ
			segs = append([]Segment{{Kind: Wild, Text: "arn:aws:s3:::"}}, segs...)
		}
		p, err := Compile(RuleResource, segs...)
		if err != nil {
			t.Fatalf("Compile(%+v): %v", segs, err)
		}
		want := refResource(segs, holes, s, false)              // R3.3 corrected
		wantDoubt := !want && refResource(segs, holes, s, true) // R3.3 older reading only
		if got := p.MatchHoles(s, holes); got != want {
			t.Fatalf("%q holes %q MatchHoles(%q) = %v, reference says %v", p, holes, s, got, want)
		}
		if m, d := p.MatchResource(s, holes); m != want || d != wantDoubt {
			t.Fatalf("%q holes %q MatchResource(%q) = %v, %v; reference says %v, %v", p, holes, s, m, d, want, wantDoubt)
		}
		checkLoops(t, p, s, holes, want, wantDoubt)
		if p.NumHoles() == 0 && p.Match(s) != want {
			t.Fatalf("%q Match(%q) = %v, reference says %v", p, s, !want, want)
		}
		if want {
			matches++
		}
		if wantDoubt {
			doubts++
		}
	}
	if matches < n/10 || doubts < n/200 {
		t.Errorf("weak test: %d matches, %d doubts in %d cases", matches, doubts, n)
	}
}

// TestStringAgainstReference does the same for the rules whose wildcards are all free
// (RuleString, RuleStringFold with holes: one reference, refGlob with nothing bounded).
func TestStringAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2026))
	n := 100000
	if testing.Short() {
		n = 10000
	}
	for range n {
		holes := []string{randText(rng, []rune("aB:*"), 3), randText(rng, []rune("Ab"), 2)}
		segs, inst := randSegs(rng, holes, true)
		s := mutate(rng, inst)
		for _, r := range []Rule{RuleString, RuleStringFold} {
			fold := r == RuleStringFold
			if fold && rng.IntN(2) == 0 {
				s = strings.ToUpper(s)
			}
			p, err := Compile(r, segs...)
			if err != nil {
				t.Fatalf("Compile(%v, %+v): %v", r, segs, err)
			}
			ref := refElems(segs, holes)
			want := refGlob(ref, []rune(s), fold, make([]bool, len(ref)))
			if got := p.MatchHoles(s, holes); got != want {
				t.Fatalf("%v %q holes %q MatchHoles(%q) = %v, reference says %v", r, p, holes, s, got, want)
			}
			checkLoops(t, p, s, holes, want, false)
		}
	}
}

// TestIndexFold: indexFold agrees with a search over lower-cased copies, for short pieces (the
// byte scan) and long ones (Rabin-Karp).
func TestIndexFold(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2026))
	for range 20000 {
		s := randText(rng, []rune("aAbB@`"), 80)
		sub := randText(rng, []rune("aAbB@`"), 24)
		if rng.IntN(2) == 0 && len(s) > 0 {
			i := rng.IntN(len(s))
			sub = s[i:min(len(s), i+rng.IntN(30))]
			if rng.IntN(2) == 0 {
				sub = strings.ToUpper(sub)
			}
		}
		want := strings.Index(ascii.Lower(s), ascii.Lower(sub))
		if got := indexFold(s, sub); got != want {
			t.Fatalf("indexFold(%q, %q) = %d, want %d", s, sub, got, want)
		}
	}
}

// FuzzResource compares RuleResource with the reference on patterns with holes: in pattern, '$'
// stands for hole 0 and '%' for hole 1; '!' starts and ends a Literal segment.
func FuzzResource(f *testing.F) {
	f.Add("arn:aws:s3:::b/$/*", "alice", "", "arn:aws:s3:::b/alice/x")
	f.Add("arn:aws:logs:us-east-1:1:log-group:app*web-1", "", "", "arn:aws:logs:us-east-1:1:log-group:app:web-1")
	f.Add("arn:aws:s3:::b/*:x*y", "", "", "arn:aws:s3:::b/1:x:2:xzy")
	f.Add("a*$:*%?b", ":x", "y:", "a:x:y:zb")
	f.Add("a!*?!*b", "", "", "a*?:b")
	f.Fuzz(func(t *testing.T, pattern, h0, h1, s string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) || !utf8.ValidString(h0) || !utf8.ValidString(h1) ||
			len(pattern) > 64 || len(s) > 128 || len(h0) > 16 || len(h1) > 16 {
			return
		}
		var segs []Segment
		lit := false
		for _, part := range strings.Split(pattern, "!") {
			kind := Wild
			if lit {
				kind = Literal
			}
			lit = !lit
			for part != "" {
				i := strings.IndexAny(part, "$%")
				if i < 0 {
					segs = append(segs, Segment{Kind: kind, Text: part})
					break
				}
				if i > 0 {
					segs = append(segs, Segment{Kind: kind, Text: part[:i]})
				}
				segs = append(segs, Segment{Kind: Hole, Hole: strings.IndexByte("$%", part[i])})
				part = part[i+1:]
			}
		}
		holes := []string{h0, h1}
		p, err := Compile(RuleResource, segs...)
		if err != nil {
			t.Fatalf("Compile(%+v): %v", segs, err)
		}
		want := refResource(segs, holes, s, false)
		wantDoubt := !want && refResource(segs, holes, s, true)
		if m, d := p.MatchResource(s, holes); m != want || d != wantDoubt {
			t.Fatalf("%q holes %q MatchResource(%q) = %v, %v; reference says %v, %v", p, holes, s, m, d, want, wantDoubt)
		}
		if p.MatchHoles(s, holes) != want {
			t.Fatalf("%q holes %q MatchHoles(%q) != %v", p, holes, s, want)
		}
		checkLoops(t, p, s, holes, want, wantDoubt)
	})
}

// checkLoops runs both token loops on p's tokens whatever shape Compile chose: matchChunks
// handles every pattern, matchToks those where no bounded star follows a free one.
func checkLoops(t *testing.T, p *Pattern, s string, holes []string, want, wantDoubt bool) {
	t.Helper()
	c := &p.whole
	if p.split || len(holes) < p.NumHoles() {
		return
	}
	for _, m := range []struct {
		mask uint8
		want bool
	}{{bStrict, want}, {bOld, want || wantDoubt}} {
		if got := matchChunks(c.toks, s, holes, c.fold, m.mask); got != m.want {
			t.Fatalf("%v %q holes %q: matchChunks(%q, mask %d) = %v, reference says %v", p.rule, p, holes, s, m.mask, got, m.want)
		}
		if c.simple&m.mask == m.mask {
			if got := matchToks(c.toks, s, holes, c.fold, m.mask); got != m.want {
				t.Fatalf("%v %q holes %q: matchToks(%q, mask %d) = %v, reference says %v", p.rule, p, holes, s, m.mask, got, m.want)
			}
		}
	}
}
