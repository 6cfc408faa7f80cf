package compare

import (
	"math/rand"
	"testing"
	"time"

	"github.com/iamgo/iam/arn"
)

// The glob automaton must read patterns exactly as package arn does (R3.3, C5.11, C5.5):
// random patterns and strings over a small alphabet, compared with arn.Pattern.Match.
func TestGlobMatchesArn(t *testing.T) {
	alpha := []byte("ab:/*?")
	strAlpha := []byte("ab:/x")
	r := rand.New(rand.NewSource(1))
	rnd := func(a []byte, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = a[r.Intn(len(a))]
		}
		return string(b)
	}
	type ruleCase struct {
		rule    globRule
		compile func(string) (*arn.Pattern, error)
		prefix  string
	}
	rules := []ruleCase{
		{ruleResource, arn.CompileResource, "arn:aws:s3:"},
		{ruleResource, arn.CompileResource, ""},
		{ruleARN, arn.CompileARN, "arn:"},
		{ruleString, arn.CompileString, ""},
	}
	checked := 0
	for i := 0; i < 20000; i++ {
		rc := rules[i%len(rules)]
		pat := rc.prefix + rnd(alpha, r.Intn(9))
		p, err := rc.compile(pat)
		if err != nil {
			continue // arn rejects it; so does eval.Compile
		}
		g := compileGlob(pat, rc.rule)
		for k := 0; k < 20; k++ {
			s := rc.prefix + rnd(strAlpha, r.Intn(10))
			if g.match(s) != p.Match(s) {
				t.Fatalf("rule %d pattern %q string %q: glob %v, arn %v", rc.rule, pat, s, g.match(s), p.Match(s))
			}
			if rc.rule == ruleResource {
				// The older reading: a match under it alone is arn's doubt.
				m, doubt := p.MatchResource(s, nil)
				if old := compileGlob(pat, ruleResourceOld).match(s); old != (m || doubt) {
					t.Fatalf("pattern %q string %q: old glob %v, arn match %v doubt %v", pat, s, old, m, doubt)
				}
			}
			checked++
		}
	}
	t.Logf("%d pattern/string pairs agree", checked)
}

// Every class signatures returns is realized by its representative, and every string falls in
// one of the classes (exhaustive over short strings).
func TestSignaturesComplete(t *testing.T) {
	pats := []string{"arn:aws:s3:::a/*", "arn:aws:s3:::b*", "arn:aws:s3:::?/x", "*", "arn:aws:s3:::*/x"}
	var globs []glob
	for _, p := range pats {
		globs = append(globs, compileGlob(p, ruleResource))
	}
	classes, complete := signatures(globs, 10000, nil, time.Time{})
	if !complete {
		t.Fatal("bound reached")
	}
	sigOf := func(s string) string {
		b := make([]byte, len(globs))
		for i, g := range globs {
			b[i] = '0'
			if g.match(s) {
				b[i] = '1'
			}
		}
		return string(b)
	}
	have := map[string]bool{}
	for _, c := range classes {
		s := sigOf(c.repr)
		for i := range globs {
			if hasBit(c.sig, i) != (s[i] == '1') {
				t.Fatalf("class %q: signature disagrees with matching", c.repr)
			}
		}
		have[s] = true
	}
	// Strings over the alphabet the patterns can tell apart.
	alpha := "ab/x:"
	var walk func(prefix string, n int)
	walk = func(prefix string, n int) {
		if s := sigOf(prefix); !have[s] {
			t.Fatalf("%q has signature %s, which no class has", prefix, s)
		}
		if n == 0 {
			return
		}
		for i := 0; i < len(alpha); i++ {
			walk(prefix+alpha[i:i+1], n-1)
		}
	}
	walk("arn:aws:s3:::", 5)
	walk("", 3)
}
