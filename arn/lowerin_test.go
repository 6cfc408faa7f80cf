package arn

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/iamgo/iam/internal/ascii"
)

// TestFastLowerInMatchesSlow: lowerIn, cutting its copies from a shared block, returns what
// ascii.Lower does, and a text it returned never changes as later ones are cut (the block is
// replaced, never grown, when it runs out).
func TestFastLowerInMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 15))
	alphabet := []byte("aZbY:*?-_09\xc3\xa9")
	var block []byte
	type cut struct{ got, want string }
	var cuts []cut
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(300))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		got, want := lowerIn(s, &block), ascii.Lower(s)
		if got != want {
			t.Fatalf("lowerIn(%q) = %q, want %q", s, got, want)
		}
		if got2 := lowerIn(s, nil); got2 != want {
			t.Fatalf("lowerIn(%q, nil) = %q, want %q", s, got2, want)
		}
		cuts = append(cuts, cut{got, want})
	}
	for _, c := range cuts {
		if c.got != c.want {
			t.Fatalf("a text cut earlier changed: %q, want %q", c.got, c.want)
		}
	}
}

// TestBatchMatchesCompile: a pattern a Batch compiles (texts lowered into its block) equals the
// one Compile makes alone, for action, case-folding and resource patterns.
func TestBatchMatchesCompile(t *testing.T) {
	var b Batch
	for _, c := range []struct {
		r    Rule
		text string
	}{
		{RuleAction, "ec2:Describe*"}, {RuleAction, "S3:GetObject"}, {RuleAction, "*"}, {RuleAction, "iam:Get*Policy?"},
		{RuleStringFold, "Home/*"}, {RuleResource, "arn:aws:s3:::Bucket/*"}, {RuleString, "A*b"},
	} {
		for i := 0; i < 100; i++ { // enough to fill blocks and start new ones
			got, err1 := b.Compile(c.r, Segment{Kind: Wild, Text: c.text})
			want, err2 := Compile(c.r, Segment{Kind: Wild, Text: c.text})
			if (err1 == nil) != (err2 == nil) || err1 == nil && !reflect.DeepEqual(*got, *want) {
				t.Fatalf("%q: batch %+v (%v), alone %+v (%v)", c.text, got, err1, want, err2)
			}
		}
	}
}
