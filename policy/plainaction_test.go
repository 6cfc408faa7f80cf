package policy

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFastPlainActionTextMatchesSlow: plainActionText, eight bytes at a time, agrees with its
// byte-by-byte twin on edge cases and on random texts of every length around the word size,
// with colons, wildcards and non-ASCII bytes anywhere.
func TestFastPlainActionTextMatchesSlow(t *testing.T) {
	cases := []string{"", "*", ":", "a:", ":a", "a:b", "s3:GetObject", "s3:Get*", "s*:Get", "s3:Get:Object",
		"cloudwatch:GetMetricData", "cloudwatch*:x", "aaaaaaaa:", "aaaaaaa:b", "aaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbb",
		"aaaaaaaaaaaaaaa\x80:b", "a:bbbbbbbbbbbbbbb\x80", "a:bbbbbbbbbbbbbbb:", "é:b", "a:é", "a?:b", "a:b?*"}
	for _, c := range cases {
		if got, want := plainActionText(c), plainActionTextSlow(c); got != want {
			t.Errorf("plainActionText(%q) = %v, slow %v", c, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(7, 15))
	alphabet := []byte("abcXYZ09-_:*?\x80\xff")
	for i := 0; i < 200000; i++ {
		n := rng.IntN(40)
		b := make([]byte, n)
		for j := range b {
			if rng.IntN(4) == 0 {
				b[j] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[j] = 'a' + byte(rng.IntN(26))
			}
		}
		if n > 0 && rng.IntN(2) == 0 {
			b[rng.IntN(n)] = ':' // one colon, the usual shape
		}
		s := string(b)
		if rng.IntN(8) == 0 {
			s = strings.Repeat("x", rng.IntN(20)) + ":" + s
		}
		if got, want := plainActionText(s), plainActionTextSlow(s); got != want {
			t.Fatalf("plainActionText(%q) = %v, slow %v", s, got, want)
		}
	}
}

// TestFastPlainResourceTextMatchesSlow: plainResourceText accepts only what the UTF-8 check
// and resourceProblem both accept (it may refuse more: the validator then runs them), and
// accepts every ASCII resource resourceProblem's fast path does; on random mutations of
// typical resources, with and without policy variables.
func TestFastPlainResourceTextMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 15))
	alphabet := []byte("arn:aws*?$/{}-_.09\x80\xc3\xa9iamAW")
	seeds := []string{"*", "arn:aws:s3:::bucket/*", "arn:aws:iam::111122223333:role/r", "arn:aws:iam:us-east-1:1:role/r",
		"arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef", "arn:aws:s3:::b/${aws:username}/*", "arn:aws:s*:::b",
		"arn::s3:::b", "arn:aws:s3", "arn:aws:sqs:*:*:q"}
	for _, seed := range seeds {
		for i := 0; i < 20000; i++ {
			b := []byte(seed)
			for n := rng.IntN(3); n >= 0; n-- {
				pos := rng.IntN(len(b) + 1)
				switch rng.IntN(3) {
				case 0:
					if pos < len(b) {
						b[pos] = alphabet[rng.IntN(len(alphabet))]
					}
				case 1:
					if pos < len(b) {
						b = append(b[:pos], b[pos+1:]...)
					}
				default:
					b = append(b[:pos], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[pos:]...)...)
				}
			}
			r := string(b)
			for _, vars := range []bool{false, true} {
				slow := utf8.ValidString(r) && resourceProblem(r, vars) == ""
				fast := plainResourceText(r, vars)
				if fast && !slow {
					t.Fatalf("plainResourceText(%q, %v) accepts what the slow checks reject", r, vars)
				}
				if slow && !fast && isASCII(r) && (!vars || !strings.Contains(r, "$")) && r != "*" && fastPathShape(r) {
					t.Fatalf("plainResourceText(%q, %v) refuses a resource resourceProblem's fast path accepts", r, vars)
				}
			}
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fastPathShape: r has the shape resourceProblem's fast path accepts (four colons after "arn:",
// a non-empty partition and service without wildcards, no region for IAM).
func fastPathShape(r string) bool {
	if len(r) <= 4 || r[:4] != "arn:" {
		return false
	}
	f := strings.SplitN(r[4:], ":", 5)
	if len(f) < 5 {
		return false
	}
	return f[0] != "" && f[1] != "" && !strings.ContainsAny(f[1], "*?") && (f[1] != "iam" || f[2] == "" || f[2] == "*")
}
