package policy

import (
	"math/rand/v2"
	"testing"

	"github.com/iamgo/iam/arn"
)

// TestValidActionAgreesWithArn: policy.ValidAction and arn.CompileAction accept exactly the same
// action patterns (G1.7, A2.4), on edge cases and random texts.
func TestValidActionAgreesWithArn(t *testing.T) {
	texts := []string{"*", "*:*", "s3:*", "s3*:GetObject", "s?:Get", ":Get", "s3:", "s3:a:b", "s3GetObject", "", "S3:GET*", "s3:Get?bject", "a:b"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "s3:*?aG-"
	for i := 0; i < 20000; i++ {
		b := make([]byte, 1+rng.IntN(8))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		_, aerr := arn.CompileAction(s)
		if perr := ValidAction(s); (perr == nil) != (aerr == nil) {
			t.Fatalf("%q: policy.ValidAction %v, arn.CompileAction %v", s, perr, aerr)
		}
	}
}
