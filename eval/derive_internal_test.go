package eval

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/policy"
)

// TestDerivedKeysListed keeps derivedKeys in step with deriveContext: a statement skips the
// derivation when the request carries every derivable key it reads, so a key deriveContext adds
// but derivable does not know would silently be missing (and conditions on it would fail closed
// where AWS supplies the key).
func TestDerivedKeysListed(t *testing.T) {
	e := &Evaluator{now: func() time.Time { return time.Unix(1700000000, 0) }}
	for _, p := range []string{
		"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root",
		"arn:aws:sts::111122223333:assumed-role/r/s", "arn:aws:iam::111122223333:role/r",
		"arn:aws:sts::111122223333:federated-user/bob", "s3.amazonaws.com", "anonymous",
		"federated:cognito-identity.amazonaws.com",
	} {
		r := run{e: e, c: parseCaller(p)}
		var d derived
		r.deriveContext("444455556666", &d)
		if d.n == 0 || d.n >= maxDerived {
			t.Errorf("%s: %d derived keys (limit %d)", p, d.n, maxDerived)
		}
		for i := 0; i < d.n; i++ {
			if !derivable(d.keys[i], true) {
				t.Errorf("%s: derived key %s is not in derivedKeys", p, d.keys[i])
			}
		}
	}
}

func BenchmarkParseCaller(b *testing.B) {
	for b.Loop() {
		parseCaller("arn:aws:iam::111122223333:user/alice")
	}
}

func BenchmarkArnHead(b *testing.B) {
	for b.Loop() {
		arnHead("arn:aws:s3:::bucket/photos/cat.jpg")
	}
}

// BenchmarkDecideFixed measures the per-request cost outside statement matching: one identity
// policy whose single statement is for another service.
func BenchmarkDecideFixed(b *testing.B) {
	p, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}`))
	if err != nil {
		b.Fatal(err)
	}
	e, err := Compile(PolicySet{Identity: []*policy.Policy{p}})
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject",
		Resource: "arn:aws:s3:::bucket/photos/cat.jpg", ResourceAccount: "111122223333"}
	for b.Loop() {
		e.Decide(req)
	}
}

func TestArnHead(t *testing.T) {
	for _, tt := range []struct{ in, part, svc string }{
		{"arn:aws:s3:::b/k", "aws", "s3"},
		{"arn:aws-cn:kms:r:1:key/x", "aws-cn", "kms"},
		{"arn:aws", "", ""},
		{"arn:aws:s3", "aws", ""},
		{"arn::iam::1:root", "", "iam"},
		{"*", "", ""},
		{"", "", ""},
		{"urn:aws:s3:::b", "", ""},
	} {
		if p, s := arnHead(tt.in); p != tt.part || s != tt.svc {
			t.Errorf("arnHead(%q) = %q, %q; want %q, %q", tt.in, p, s, tt.part, tt.svc)
		}
	}
}

// TestCallerFastPath checks parse's split of aws-partition IAM and STS ARNs against the general
// byte loop (parseARN) on typical principals with one byte replaced, removed or repeated: both
// must classify every text alike.
func TestCallerFastPath(t *testing.T) {
	seeds := []string{
		"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/path/to/bob",
		"arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/r",
		"arn:aws:sts::111122223333:assumed-role/r/s", "arn:aws:sts::111122223333:federated-user/bob",
		"arn:aws:iam::1:user/x", "arn:aws:iam:::user/x", "arn:aws:iam::a:b:user/x", "arn:aws:iam::1:x", "arn:aws:sts::2:y",
	}
	alphabet := []byte("arnwsimt:/1-_Axe ")
	rng := rand.New(rand.NewPCG(5, 6))
	n := 0
	for _, seed := range seeds {
		for i := 0; i < 20000; i++ {
			b := []byte(seed)
			pos := rng.IntN(len(b))
			switch i % 3 {
			case 0:
				b[pos] = alphabet[rng.IntN(len(alphabet))]
			case 1:
				b = append(b[:pos], b[pos+1:]...)
			case 2:
				b = append(b[:pos+1], b[pos:]...)
			}
			p := string(b)
			if !strings.HasPrefix(p, "arn:") {
				continue
			}
			var fast, slow caller
			fast.parse(p)
			slow.text = p
			slow.parseARN(p)
			if fast.kind != slow.kind || fast.text != slow.text || fast.name != slow.name || fast.partition != slow.partition ||
				fast.account != slow.account || fast.roleARN != slow.roleARN {
				t.Fatalf("%q: parse %+v, parseARN %+v", p, fast, slow)
			}
			n++
		}
	}
	if n < 100000 {
		t.Fatalf("only %d texts tried", n)
	}
}

// TestActionBit: actions equal without ASCII case hash to the same filter bit (a small group
// skips a statement on that bit, so a difference would lose a match), and a statement's filter
// holds the bit of every action it lists.
func TestActionBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	alphabet := "aZ:*?-_9sS3.é"
	for i := 0; i < 100000; i++ {
		b := make([]byte, rng.IntN(20))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		a := string(b)
		var up []byte
		for _, c := range b {
			if 'a' <= c && c <= 'z' && rng.IntN(2) == 0 {
				c -= 'a' - 'A'
			}
			up = append(up, c)
		}
		if actionBit(a) != actionBit(string(up)) {
			t.Fatalf("actionBit(%q) != actionBit(%q)", a, up)
		}
	}
	s := stmt{exactActs: []string{"s3:getobject", "s3:putobject", "ec2:describeinstances"}}
	f := s.actionFilter()
	for _, a := range []string{"s3:GetObject", "S3:PUTOBJECT", "ec2:DescribeInstances"} {
		if f&actionBit(a) == 0 {
			t.Errorf("filter lacks %s", a)
		}
	}
	for _, s := range []stmt{{notAction: true, exactActs: []string{"s3:x"}}, {exactActs: nil}} {
		if s.actionFilter() != ^uint64(0) {
			t.Errorf("%+v: filter %x, want every bit", s, s.actionFilter())
		}
	}
}

// TestSameShort compares sameShort with == on texts of every length up to 20 that differ in one
// byte at each position, and on equal texts.
func TestSameShort(t *testing.T) {
	for n := 0; n <= 20; n++ {
		a := []byte(strings.Repeat("1234567890", 2)[:n])
		if !sameShort(string(a), string(a)) {
			t.Fatalf("sameShort(%q, itself) = false", a)
		}
		for p := 0; p < n; p++ {
			b := []byte(string(a))
			b[p] ^= 0x40
			if sameShort(string(a), string(b)) {
				t.Fatalf("sameShort(%q, %q) = true", a, b)
			}
		}
		if sameShort(string(a), string(a)+"x") {
			t.Fatalf("sameShort(%q, longer) = true", a)
		}
	}
}
