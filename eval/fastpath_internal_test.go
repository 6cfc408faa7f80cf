package eval

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/internal/ascii"
	"github.com/iamgo/iam/policy"
)

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

func TestFastArnHeadMatchesSlow(t *testing.T) {
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
		// The slow twin: arn.Split's second and third fields of an "arn:" text.
		if f, n := arn.Split(tt.in); f[0] == "arn" && n >= 4 { // arnHead names a service only when a colon ends it
			if p, s := arnHead(tt.in); p != f[1] || s != f[2] {
				t.Errorf("arnHead(%q) = %q, %q; arn.Split %q", tt.in, p, s, f[:n])
			}
		}
	}
}

// TestFastARNAccountMatchesSlow holds arnAccount to arn.AccountOf on ARNs of every shape and on
// each of them with one byte removed, doubled or replaced by ':'.
func TestFastARNAccountMatchesSlow(t *testing.T) {
	seeds := []string{"arn:aws:s3:::bucket/photos/cat.jpg", "arn:aws:sqs:us-east-1:444455556666:queue1",
		"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:role/a:b", "arn:aws",
		"arn:::::", "arn:a:b:c:d", "*", "", "ARN:aws:s3:::b", "arn:aws:ec2:r:1:instance/i-1"}
	var texts []string
	for _, s := range seeds {
		texts = append(texts, s)
		for i := range s {
			texts = append(texts, s[:i]+s[i+1:], s[:i]+s[i:i+1]+s[i:], s[:i]+":"+s[i+1:])
		}
	}
	for _, s := range texts {
		if got, want := arnAccount(s), arn.AccountOf(s); got != want {
			t.Errorf("arnAccount(%q) = %q, arn.AccountOf %q", s, got, want)
		}
	}
}

// TestFastCallerMatchesSlow checks parse's split of aws-partition IAM and STS ARNs against the
// general byte loop (parseARN) on typical principals with one byte replaced, removed or repeated:
// both must classify every text alike. Every well-formed caller must also be an ARN that
// arn.Parse reads with the same partition, account and kind (the request's caller is read
// without allocating, arn.Parse is the reference).
func TestFastCallerMatchesSlow(t *testing.T) {
	seeds := []string{
		"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/path/to/bob",
		"arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/r",
		"arn:aws:sts::111122223333:assumed-role/r/s", "arn:aws:sts::111122223333:federated-user/bob",
		"arn:aws:iam::1:user/x", "arn:aws:iam:::user/x", "arn:aws:iam::a:b:user/x", "arn:aws:iam::1:x", "arn:aws:sts::2:y",
	}
	alphabet := []byte("arnwsimt:/1-_Axe ")
	rng := rand.New(rand.NewPCG(5, 6))
	n, checked := 0, 0
	for _, seed := range seeds {
		for i := 0; i < 20000; i++ {
			p := mutateFrom(rng, seed, alphabet)
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
			if fast.wellFormed() == "" {
				// Every well-formed caller is one arn.ParsePrincipal classifies alike.
				pp, err := arn.ParsePrincipal(p)
				kinds := map[callerKind]arn.PrincipalKind{cRoot: arn.PrincipalRoot, cUser: arn.PrincipalUser, cRole: arn.PrincipalRole,
					cSession: arn.PrincipalAssumedRole, cFedUser: arn.PrincipalFederatedUser}
				if err != nil || pp.Kind != kinds[fast.kind] || pp.Account != fast.account {
					t.Fatalf("%q: caller %+v, arn.ParsePrincipal %+v, %v", p, fast, pp, err)
				}
			}
			if fast.iam() && fast.wellFormed() == "" {
				a, err := arn.Parse(p)
				kindOK := map[callerKind]bool{cRoot: a.IsRoot(), cUser: a.IsUser(), cRole: a.IsRole(), cSession: a.IsAssumedRole(), cFedUser: a.IsFederatedUser()}[fast.kind]
				if err != nil || !kindOK || a.Partition != fast.partition || a.Account != fast.account {
					t.Fatalf("%q: caller %+v, arn.Parse %+v, %v", p, fast, a, err)
				}
				checked++
			}
			n++
		}
	}
	if n < 100000 || checked < 10000 {
		t.Fatalf("only %d texts tried, %d checked against arn.Parse", n, checked)
	}
}

// TestActionBit: actions equal without ASCII case hash to the same filter bit (a small group
// skips a statement on that bit, so a difference would lose a match), and a statement's filter
// holds the bit of every action it lists.
func TestFastActionBitMatchesSlow(t *testing.T) {
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
func TestFastSameShortMatchesSlow(t *testing.T) {
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

// TestFastCleanMatchesSlow holds the word-at-a-time request text check to its byte-by-byte twin
// (C5.0, 2026-12: a control byte or invalid UTF-8 in a resource or context key makes the
// request malformed).
func TestFastCleanMatchesSlow(t *testing.T) {
	slow := func(s string) bool { return none(s, clsControl) && utf8.ValidString(s) }
	rng := rand.New(rand.NewPCG(3, 3))
	alphabet := []byte("arn:aws:s3:::bucket/key\x00\x1f\x7f\x80\xc3\xa9 ~\t\n")
	for i := 0; i < 200000; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(8) == 0 {
				b[j] = byte(rng.IntN(256))
			}
		}
		if got, want := clean(string(b)), slow(string(b)); got != want {
			t.Fatalf("clean(%q) = %v, byte loop says %v", b, got, want)
		}
	}
}

// TestFastQuickMatchesSlow: the fast acceptance of the request checks never accepts a request
// the full checks reject (C5.0, 2026-12: a malformed request never allows), on typical requests
// with one byte replaced, removed or repeated in the action, the resource, the principal or the
// resource account (seeds with an account in both the ARN and ResourceAccount, and IAM/STS
// resources, so that R3.8 and R3.9 are exercised); and it accepts the typical requests themselves.
func TestFastQuickMatchesSlow(t *testing.T) {
	l := DefaultLimits.resolved()
	seeds := []Request{
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/photos/cat.jpg", ResourceAccount: "111122223333"},
		{Principal: "arn:aws:iam::111122223333:user/div/team/bob", Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
		{Principal: "arn:aws:sts::111122223333:assumed-role/app/job-42", Action: "kms:Decrypt", Resource: "*"},
		{Principal: "arn:aws:sts::111122223333:federated-user/carol", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/t"},
		{Principal: "arn:aws:iam::111122223333:root", Action: "iam:ListUsers", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:role/svc/deploy", Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:111122223333:abc/prod/GET/x"},
		// A resource account and the ARN's own (R3.8: a digit changed in either contradicts),
		// and IAM/STS resources (R3.9: no region, an account).
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:444455556666:queue", ResourceAccount: "444455556666"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app", ResourceAccount: "111122223333"},
		{Principal: "arn:aws:sts::111122223333:assumed-role/app/job-42", Action: "sts:TagSession", Resource: "arn:aws:sts::444455556666:assumed-role/x/y"},
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 12))
	accepted, rejected := 0, 0
	for _, seed := range seeds {
		c := parseCaller(seed.Principal)
		if !l.sizes(&seed) || !l.quick(&seed, &c) || l.full(&seed, &c).field != "" {
			t.Fatalf("%+v: quick %v, full %+v", seed, l.quick(&seed, &c), l.full(&seed, &c))
		}
		for i := 0; i < 30000; i++ {
			req := seed
			field := []*string{&req.Action, &req.Resource, &req.Principal, &req.ResourceAccount}[i%4]
			*field = mutate(rng, *field)
			rc := parseCaller(req.Principal)
			if l.sizes(&req) && l.quick(&req, &rc) {
				accepted++
				if p := l.full(&req, &rc); p.field != "" {
					t.Fatalf("quick accepts %+v, full says %s: %s", req, p.field, p.reason) // the seed is time-based: the request is printed in full
				}
			} else {
				rejected++
			}
		}
	}
	if accepted < 10000 || rejected < 10000 {
		t.Fatalf("accepted %d, rejected %d: the mutations do not exercise both sides", accepted, rejected)
	}
}

// mutate replaces, removes, repeats or inserts one byte of s (a byte of "1" when s is empty),
// replacing or inserting bytes that matter to the request checks.
func mutate(rng *rand.Rand, s string) string {
	return mutateFrom(rng, s, []byte("aZ09:/*?_-. \x00\x7f\xc3é@=,+#arnAWS"))
}

// mutateFrom is mutate with replacement bytes from alphabet.
func mutateFrom(rng *rand.Rand, s string, alphabet []byte) string {
	b := []byte(s)
	if len(b) == 0 {
		b = []byte("1")
	}
	pos := rng.IntN(len(b))
	switch rng.IntN(4) {
	case 0:
		b[pos] = alphabet[rng.IntN(len(alphabet))]
	case 1:
		b = append(b[:pos], b[pos+1:]...)
	case 2:
		b = append(b[:pos+1], b[pos:]...)
	case 3: // a new byte: a region in "arn:aws:iam::" (R3.9), a letter in a 12-digit account
		b = append(b[:pos], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[pos:]...)...)
	}
	return string(b)
}

// TestFastContextMatchesSlow: quickContext never accepts a context checkContext rejects (C5.0,
// 2026-12), on typical contexts with one byte of a key or value changed, a key repeated in
// another case, a value emptied or dropped, an aws:EpochTime against aws:CurrentTime; and it
// accepts the typical contexts themselves.
func TestFastContextMatchesSlow(t *testing.T) {
	l := DefaultLimits.resolved()
	req := Request{Principal: "arn:aws:sts::111122223333:assumed-role/app/job", Action: "s3:GetObject", Resource: "*",
		Context: []condition.Entry{
			{Key: "aws:SourceIp", Values: []string{"10.1.2.3"}},
			{Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::111122223333:role/app"}},
			{Key: "aws:ResourceAccount", Values: []string{"111122223333"}}, {Key: "aws:userid", Values: []string{"AROAEXAMPLE:job"}},
			{Key: "aws:PrincipalTag/team-name-long", Values: []string{"x", "y"}}, {Key: "s3:prefix", Values: []string{"home/"}},
			{Key: "aws:CurrentTime", Values: []string{"2026-12-03T12:00:00Z"}},
		}}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	accepted, rejected := 0, 0
	for _, p := range []string{req.Principal, "arn:aws:iam::111122223333:user/alice"} {
		base := req
		base.Principal = p
		if p != req.Principal {
			base.Context = []condition.Entry{{Key: "aws:username", Values: []string{"alice"}}, {Key: "aws:SourceIp", Values: []string{"10.1.2.3"}}, {Key: "aws:PrincipalTag/team-name-long", Values: []string{"x"}}}
		}
		c := parseCaller(base.Principal)
		if ok, full := quickContext(&base, &c), l.checkContext(&base, &c); !ok || full.field != "" {
			t.Fatalf("%s: quick %v, full %+v", p, ok, full)
		}
		for i := 0; i < 40000; i++ {
			r := base
			r.Context = make([]condition.Entry, len(base.Context))
			copy(r.Context, base.Context)
			j := rng.IntN(len(r.Context))
			e := &r.Context[j]
			switch rng.IntN(6) {
			case 0:
				e.Key = mutate(rng, e.Key)
			case 1:
				e.Values = []string{mutate(rng, e.Values[0])}
			case 2:
				k := []byte(r.Context[rng.IntN(len(r.Context))].Key)
				k[rng.IntN(len(k))] ^= 0x20
				e.Key = string(k)
			case 3:
				e.Values = []string{""}
			case 4:
				e.Values = nil
			case 5: // aws:EpochTime naming another second than aws:CurrentTime, or the same
				e.Key, e.Values = "aws:EpochTime", []string{[]string{"1796299200", "1796299201"}[rng.IntN(2)]}
			}
			if quickContext(&r, &c) {
				accepted++
				if p := l.checkContext(&r, &c); p.field != "" {
					t.Fatalf("quickContext accepts %+v, checkContext says %s[%d]: %s", r.Context, p.field, p.index, p.reason) // time-seeded: printed in full
				}
			} else {
				rejected++
			}
		}
	}
	if accepted < 5000 || rejected < 5000 {
		t.Fatalf("accepted %d, rejected %d: the mutations do not exercise both sides", accepted, rejected)
	}
}

// TestFastProvenMatchesSlow: the checks the scan proves on the way (run.actOK, run.resOK) never
// let a malformed request be decided Allow or ExplicitDeny (C5.0, 2026-12): requests one byte away
// from typical ones, against statements with plain actions and ARN prefixes (the proofs) and
// with wildcards (no proof), are decided ImplicitDeny whenever the full checks reject them.
func TestFastProvenMatchesSlow(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[
{"Effect":"Allow","Action":["s3:GetObject","S3:putObject"],"Resource":["arn:aws:s3:::bucket/*","arn:aws:s3:::b${aws:username}/x"]},
{"Effect":"Allow","Action":"ec2:*","Resource":"arn:aws:ec2:us-east-1:111122223333:instance/*"},
{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::bucket/*"},
{"Effect":"Deny","Action":"iam:*","Resource":"*"},
{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:*:111122223333:table/t"}]}`
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Compile(PolicySet{Identity: []*policy.Policy{p}})
	if err != nil {
		t.Fatal(err)
	}
	seeds := []Request{
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/photos/cat.jpg", ResourceAccount: "111122223333"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::bucket/a", ResourceAccount: "111122223333"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:PutObject", Resource: "arn:aws:s3:::balice/x", ResourceAccount: "111122223333", Context: []condition.Entry{{Key: "aws:username", Values: []string{"alice"}}}},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "iam:ListUsers", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/t"},
	}
	l := DefaultLimits.resolved()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 14))
	decided, refused := 0, 0
	for _, seed := range seeds {
		if d := ev.Decide(seed); d == ImplicitDeny {
			t.Fatalf("%+v: the seed is decided %s: %+v", seed, d, ev.Explain(seed))
		}
		for i := 0; i < 20000; i++ {
			req := seed
			switch i % 3 {
			case 0:
				req.Action = mutate(rng, req.Action)
			case 1, 2:
				req.Resource = mutate(rng, req.Resource)
			}
			c := parseCaller(req.Principal)
			if d := ev.Decide(req); d != ImplicitDeny {
				decided++
				if p := l.full(&req, &c); p.field != "" {
					t.Fatalf("%+v decided %s, the full checks say %s: %s", req, d, p.field, p.reason) // time-seeded: printed in full
				}
			} else if l.full(&req, &c).field != "" {
				refused++
			}
		}
	}
	if decided < 1000 || refused < 1000 {
		t.Fatalf("decided %d, refused as malformed %d: the mutations do not exercise both sides", decided, refused)
	}
}

// TestProvesHead: which literal prefixes prove a resource's ARN head (stmt.resOK).
func TestProvesHead(t *testing.T) {
	for _, c := range []struct {
		prefix string
		want   bool
	}{
		{"arn:aws:s3:::bucket/", true},
		{"arn:aws:ec2:us-east-1:111122223333:instance/", true},
		{"arn:aws-cn:iam::aws:policy/", true},
		{"arn:aws:s3:::", false},              // no byte of the resource part
		{"arn:aws:ec2:", false},               // the head is not all literal
		{"arn:AWS:s3:::b", false},             // partition case
		{"arn:aws:S3:::b", false},             // service case
		{"arn:aws:s3:Us-east-1::b", false},    // region case
		{"arn:aws:s3::12345:b", false},        // account digits
		{"arn:aws:s3::12345678901x:b", false}, // account digits
		{"urn:aws:s3:::b", false},
	} {
		if got := provesHead(c.prefix); got != c.want {
			t.Errorf("provesHead(%q) = %v, want %v", c.prefix, got, c.want)
		}
	}
}

// TestFastPlainActionMatchesSlow: plainAction's validity, found in its own loop, is validAction
// (the rules of checkAction) for every plain action; stmt.exactOK rests on it.
func TestFastPlainActionMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 15))
	for _, seed := range []string{"s3:GetObject", "ec2:Describe_Instances", "execute-api:Invoke", "a:b"} {
		for i := 0; i < 20000; i++ {
			a := seed
			for n := rng.IntN(3); n >= 0; n-- {
				a = mutate(rng, a)
			}
			plain, valid := plainAction(a)
			if plain && valid != validAction(a) {
				t.Fatalf("plainAction(%q) valid = %v, validAction says %v", a, valid, validAction(a))
			}
		}
	}
}

// TestFilledIndexes pins the index constants of alwaysFilled that the checks switch on.
func TestFilledIndexes(t *testing.T) {
	for k, name := range map[int]string{kPrincipalArn: "aws:principalarn", kPrincipalAccount: "aws:principalaccount",
		kPrincipalType: "aws:principaltype", kUsername: "aws:username", kUserid: "aws:userid",
		kPrincipalServiceName: "aws:principalservicename", kPrincipalIsAWSService: "aws:principalisawsservice",
		kResourceAccount: "aws:resourceaccount", kPrincipalServiceNamesList: "aws:principalservicenameslist",
		kCurrentTime: "aws:currenttime", kEpochTime: "aws:epochtime"} {
		if alwaysFilled[k] != name || filledIndex(name) != k {
			t.Errorf("alwaysFilled[%d] = %q, want %q", k, alwaysFilled[k], name)
		}
	}
}

// TestFastResourceMemoMatchesSlow: every resource entry of a compiled group, whether
// slabs.resource compiled it or found it in its memo, is what compileResource makes of its
// text alone: the same pattern, variables, short, doubt and head. The group repeats entries
// within and across statements and policies (one with policy variables, one without), and has
// more distinct entries than the memo holds.
func TestFastResourceMemoMatchesSlow(t *testing.T) {
	texts := []string{
		"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", "*", "arn:aws:s3:::bucket/${aws:username}/*",
		"arn:aws:iam::111122223333:u*", "arn:aws:s3:::short", "arn:aws:iam::111122223333:role/r",
		"arn:aws:ec2:us-east-1:111122223333:instance/*", "arn:aws:sqs:*:*:q", "arn:aws:kms:eu-west-1:111122223333:key/k",
		"arn:aws:s3", "arn:aws:lambda:us-east-1:111122223333:function:f",
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 16))
	for round := 0; round < 200; round++ {
		var ps []*policy.Policy
		for pi := 0; pi < 1+rng.IntN(3); pi++ {
			var b strings.Builder
			version := `"Version":"2012-10-17",`
			if rng.IntN(3) == 0 {
				version = `"Version":"2008-10-17",` // no policy variables: ${ is literal text
			}
			b.WriteString(`{` + version + `"Statement":[`)
			for si := 0; si < 1+rng.IntN(6); si++ {
				if si > 0 {
					b.WriteString(",")
				}
				elem := "Resource"
				if rng.IntN(4) == 0 {
					elem = "NotResource"
				}
				b.WriteString(`{"Effect":"Allow","Action":"s3:GetObject","` + elem + `":[`)
				for ri := 0; ri < 1+rng.IntN(4); ri++ {
					if ri > 0 {
						b.WriteString(",")
					}
					b.WriteString(`"` + texts[rng.IntN(len(texts))] + `"`)
				}
				b.WriteString(`]}`)
			}
			b.WriteString(`]}`)
			p, err := policy.Options{Lenient: true}.Parse([]byte(b.String()))
			if err != nil {
				t.Fatalf("%s: %v", b.String(), err)
			}
			ps = append(ps, p)
		}
		var g group
		if err := compileGroup(&g, KindIdentity, 0, ps); err != nil {
			t.Fatal(err)
		}
		for _, cs := range g.stmts {
			s := &ps[cs.policyIndex].Statements[cs.stmtIndex]
			vars := ps[cs.policyIndex].Version.Variables()
			res := stmtResources(s)
			for ri, r := range res.Values {
				var b arn.Batch
				want, err := compileResource(&b, r.Value, vars)
				if err != nil {
					t.Fatalf("%q: %v", r.Value, err)
				}
				got := cs.resources[ri]
				if !reflect.DeepEqual(*got.p, *want.p) || !reflect.DeepEqual(got.vars, want.vars) ||
					got.short != want.short || got.doubt != want.doubt || got.head != want.head {
					t.Fatalf("%q (variables %v): memo gives %+v, compileResource %+v", r.Value, vars, got, want)
				}
			}
		}
	}
}

// TestFastResolvedMatchesSlow: the zero Limits resolves, on resolved's shortcut, to what the
// field-by-field resolution makes of it, and so do limits with a field set.
func TestFastResolvedMatchesSlow(t *testing.T) {
	for _, l := range []Limits{{}, {MaxWork: -1}, {MaxActionBytes: 10}, DefaultLimits} {
		if got, want := l.resolved(), l.resolvedSlow(); got != want {
			t.Errorf("%+v: resolved %+v, slow %+v", l, got, want)
		}
	}
}

// TestFastHeadProvenMatchesSlow: headProven, which reuses the fields of the whole resource text,
// is provesHead on the literal prefix of the text's pattern, for resource texts mutated at
// random around well-formed ARNs.
func TestFastHeadProvenMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 17))
	for _, seed := range []string{"arn:aws:s3:::bucket/*", "arn:aws:ec2:us-east-1:111122223333:instance/*",
		"arn:aws-cn:iam::aws:policy/x*", "arn:aws:s3:::b", "arn:aws:sqs:*:111122223333:q", "arn:aws:s3:::*"} {
		for i := 0; i < 20000; i++ {
			text := seed
			for n := rng.IntN(3); n >= 0; n-- {
				text = mutate(rng, text)
			}
			var b arn.Batch
			p, err := b.CompileResource(text)
			if err != nil {
				continue
			}
			f, n := arn.Split(text)
			if got, want := headProven(text, f, n, p.LiteralPrefix()), provesHead(p.LiteralPrefix()); got != want {
				t.Fatalf("%q (prefix %q): headProven %v, provesHead %v", text, p.LiteralPrefix(), got, want)
			}
		}
	}
}

// TestFastActionSetMatchesSlow: newActionSet, which counts each service's patterns and fills
// one array, builds the same set as appending them one by one, on random mixes of wildcard,
// exact and match-all action patterns over a few services.
func TestFastActionSetMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 18))
	texts := []string{"s3:Get*", "s3:List*", "ec2:Describe*", "iam:Get*", "iam:List?", "*", "s3:GetObject",
		"sqs:*", "EC2:describe*", "kms:Describe*", "s3*:Get", "lambda:Get*Config*"}
	for round := 0; round < 500; round++ {
		var b arn.Batch
		var pats []*arn.Pattern
		for i := rng.IntN(40); i > 0; i-- {
			p, err := b.CompileAction(texts[rng.IntN(len(texts))])
			if err != nil {
				continue
			}
			pats = append(pats, p)
		}
		exact := []string{"s3:getobject", "ec2:describeinstances", strings.Repeat("x", lowerBufSize+1)}[:rng.IntN(4)]
		if got, want := newActionSet(pats, exact), newActionSetSlow(pats, exact); !reflect.DeepEqual(got, want) {
			t.Fatalf("newActionSet %+v, slow %+v", got, want)
		}
	}
}

// TestFastDerivedKeyMatchesSlow: derivedKey, which skips the entries whose length rules them
// out, finds what comparing every entry finds: for each derived key in other cases, with a
// Kelvin sign for a k or a long s for an s (Unicode folding, longer than the key), one byte
// more or less, and random mutations.
func TestFastDerivedKeyMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 19))
	var keys []string
	for _, k := range derivedKeys {
		keys = append(keys, k, strings.ToUpper(k), strings.ReplaceAll(k, "k", "\u212a"), strings.ReplaceAll(k, "s", "\u017f"),
			k+"x", k[:len(k)-1], "s3:prefix", "aws:SourceIp", "")
	}
	for _, k := range keys {
		for n := 0; n < 200; n++ {
			key := k
			if n > 0 {
				key = mutate(rng, k)
			}
			gk, gok := derivedKey(key)
			wk, wok := derivedKeySlow(key)
			if gk != wk || gok != wok {
				t.Fatalf("derivedKey(%q) = %q, %v; slow %q, %v", key, gk, gok, wk, wok)
			}
		}
	}
}

// TestFastFoldPrintMatchesSlow holds checkEntries (contexts over 16 keys: pairs of keys are
// compared only when their foldPrint fingerprints agree) to the plain loop that compares every
// pair (checkEntry without fingerprints): the same problem, or none, on contexts of 17 to 60
// keys drawn from names that collide under ASCII and Unicode folding (case variants, the long s,
// the Kelvin sign, Latin-1 letters) and from mutations of them.
func TestFastFoldPrintMatchesSlow(t *testing.T) {
	names := []string{"aws:SourceIp", "AWS:SOURCEIP", "aws:\u017fourceIp", "aws:PrincipalTag/\u00e9quipe",
		"aws:PrincipalTag/\u00c9QUIPE", "aws:PrincipalTag/key", "aws:PrincipalTag/\u212aey", "s3:prefix", "S3:Prefix",
		"aws:ResourceTag/Env", "aws:ResourceTag/env", "aws:ResourceTag/cost center"}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 17))
	c := parseCaller("arn:aws:iam::111122223333:user/alice")
	l := DefaultLimits.resolved()
	for round := 0; round < 3000; round++ {
		n := 17 + rng.IntN(44)
		ctx := make([]condition.Entry, n)
		for i := range ctx {
			k := fmt.Sprintf("test:k%d", i)
			if rng.IntN(8) == 0 {
				k = names[rng.IntN(len(names))]
				if rng.IntN(2) == 0 {
					k = mutate(rng, k)
				}
			}
			ctx[i] = condition.Entry{Key: k, Values: []string{"v"}}
		}
		req := Request{Principal: c.text, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: ctx}
		got := l.checkContext(&req, &c)
		want := problem{}
		for i := range ctx {
			if why := l.checkEntry(&req, &c, i, nil); why != "" {
				want = problem{field: "Context", index: i, reason: why}
				break
			}
		}
		if want.field == "" {
			if i, _ := timesDisagree(ctx); i >= 0 {
				want = got // not what this test compares
			}
		}
		if got != want {
			t.Fatalf("keys %q: checkContext %+v, every pair %+v", keysOf(ctx), got, want)
		}
	}
}

func keysOf(ctx []condition.Entry) []string {
	out := make([]string, len(ctx))
	for i := range ctx {
		out[i] = ctx[i].Key
	}
	return out
}

// TestDerivedCanon: derivedCanon spells each derived key as AWS does, and equals its
// lower-cased derivedKeys entry without ASCII case.
func TestDerivedCanon(t *testing.T) {
	for i, k := range derivedKeys {
		if c := derivedCanon[i]; !ascii.EqualFold(c, k) || ascii.Lower(c) != k {
			t.Errorf("derivedCanon[%d] = %q for %q", i, c, k)
		}
	}
	for _, c := range []string{"aws:PrincipalArn", "aws:CurrentTime", "aws:EpochTime", "aws:userid", "aws:username", "aws:PrincipalIsAWSService"} {
		if got, ok := derivedKey(ascii.Lower(c)); !ok || got != c {
			t.Errorf("derivedKey(%q) = %q, %v; want %q", ascii.Lower(c), got, ok, c)
		}
	}
}
