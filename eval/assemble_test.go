package eval_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// assembleFixture is a user's two identity policies, a boundary, a bucket policy and two SCP
// levels, as text.
var assembleFixture = struct{ id1, id2, bnd, bucket, scpRoot, scpOU string }{
	id1: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`,
	id2: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"},
  {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}`,
	bnd: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}`,
	bucket: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
  "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}]}`,
	scpRoot: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`,
	scpOU:   `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`,
}

// TestAssembleEqualsCompile: an evaluator assembled from parts compiled one policy at a time
// decides and explains exactly as one compiled from the same PolicySet (the parts of a kind act
// as one list of policies of that kind, E7.4).
func TestAssembleEqualsCompile(t *testing.T) {
	f := assembleFixture
	id1, id2 := mustParse(t, "id1.json", f.id1), mustParse(t, "id2.json", f.id2)
	bnd, bucket := mustParse(t, "bnd.json", f.bnd), mustParse(t, "bucket.json", f.bucket)
	root, ou := mustParse(t, "root.json", f.scpRoot), mustParse(t, "ou.json", f.scpOU)
	set := eval.PolicySet{Identity: []*policy.Policy{id1, id2}, Resource: bucket, Boundary: []*policy.Policy{bnd},
		SCP: [][]*policy.Policy{{root}, {ou}}}
	whole, err := eval.Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	var o eval.Options
	part := func(kind eval.Kind, ps ...*policy.Policy) *eval.Part {
		p, err := o.CompilePart(kind, ps...)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	assembled, err := o.Assemble(eval.Parts{
		Identity: []*eval.Part{part(eval.KindIdentity, id1), part(eval.KindIdentity, id2)},
		Resource: part(policy.KindTrust, bucket), // a trust policy compiles as a resource policy
		Boundary: []*eval.Part{part(eval.KindBoundary, bnd)},
		SCP:      [][]*eval.Part{{part(eval.KindSCP, root)}, {part(eval.KindSCP, ou)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		action, resource string
		want             eval.Decision
		why              string
	}{
		{"s3:GetObject", "arn:aws:s3:::b/k", eval.Allow, "E7.4 first identity part allows, boundary and SCPs allow"},
		{"s3:PutObject", "arn:aws:s3:::b/k", eval.Allow, "E7.4 second identity part allows"},
		{"s3:DeleteObject", "arn:aws:s3:::b/k", eval.ExplicitDeny, "E7.4 step 1: the second part's Deny"},
		{"s3:ListBucket", "arn:aws:s3:::b", eval.Allow, "E7.5 the bucket policy names the user (direct)"},
		{"ec2:RunInstances", "*", eval.ImplicitDeny, "E7.9 the OU level's SCP does not allow"},
	} {
		req := eval.Request{Principal: alice, Action: tc.action, Resource: tc.resource, ResourceAccount: "111122223333"}
		if got, want := assembled.Decide(req), whole.Decide(req); got != tc.want || want != tc.want {
			t.Errorf("%s: assembled %v, compiled %v, want %v", tc.why, got, want, tc.want)
		}
		if a, w := assembled.Explain(req).String(), whole.Explain(req).String(); a != w {
			t.Errorf("%s: explanations differ:\nassembled %s\ncompiled  %s", tc.why, a, w)
		}
	}
	// The Deny is the second identity policy's statement 1, whichever way it was compiled.
	x := assembled.Explain(eval.Request{Principal: alice, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333"})
	if len(x.Matched) != 1 || x.Matched[0].PolicyIndex != 1 || x.Matched[0].StatementIndex != 1 {
		t.Errorf("matched %+v, want policy 1 statement 1", x.Matched)
	}
}

func TestAssembleErrors(t *testing.T) {
	p := mustParse(t, "id.json", assembleFixture.id1)
	var plain eval.Options
	clocked := eval.Options{Now: time.Now}
	identity, _ := plain.CompilePart(eval.KindIdentity, p)
	withClock, _ := clocked.CompilePart(eval.KindIdentity, p)
	for _, tc := range []struct {
		name  string
		o     eval.Options
		parts eval.Parts
		want  string
	}{
		{"wrong kind", plain, eval.Parts{Boundary: []*eval.Part{identity}}, "boundary part 0 was compiled as identity, want boundary"},
		{"clock", plain, eval.Parts{Identity: []*eval.Part{withClock}}, "other Options.Now"},
		{"no clock", clocked, eval.Parts{Identity: []*eval.Part{identity}}, "other Options.Now"},
		{"nil", plain, eval.Parts{SCP: [][]*eval.Part{{nil}}}, "SCP level 0 part 0 is nil"},
	} {
		if _, err := tc.o.Assemble(tc.parts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := plain.CompilePart(policy.KindAny, p); err == nil {
		t.Error("CompilePart(KindAny) should fail")
	}
}

// TestSharedPartConcurrent decides through 50 evaluators that share one compiled bucket policy,
// from 8 goroutines: parts are immutable (run under -race in CI).
func TestSharedPartConcurrent(t *testing.T) {
	var o eval.Options
	bucket, err := o.CompilePart(eval.KindResource, mustParse(t, "bucket.json", assembleFixture.bucket))
	if err != nil {
		t.Fatal(err)
	}
	evs := make([]*eval.Evaluator, 50)
	for i := range evs {
		id, _ := o.CompilePart(eval.KindIdentity, mustParse(t, "id.json", fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringEquals": {"aws:username": "user%d"}}}]}`, i)))
		if evs[i], err = o.Assemble(eval.Parts{Identity: []*eval.Part{id}, Resource: bucket}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, ev := range evs {
				// E7.5: the bucket policy names alice directly, so every evaluator allows her;
				// user3 is named by no bucket statement and allowed only by evaluator 3's identity.
				if d := ev.Decide(eval.Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", ResourceAccount: "111122223333"}); d != eval.Allow {
					t.Errorf("evaluator %d: alice %v", i, d)
				}
				want := eval.ImplicitDeny
				if i == 3 {
					want = eval.Allow
				}
				if d := ev.Decide(eval.Request{Principal: "arn:aws:iam::111122223333:user/user3", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", ResourceAccount: "111122223333"}); d != want {
					t.Errorf("evaluator %d: user3 %v, want %v", i, d, want)
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkAssemble measures building an evaluator from ten compiled identity parts, a
// boundary and a shared resource part (no compiling), against compiling the same set.
func BenchmarkAssemble(b *testing.B) {
	var o eval.Options
	var ids []*policy.Policy
	var parts eval.Parts
	for i := 0; i < 10; i++ {
		p := mustParse(b, "id.json", assembleFixture.id2)
		ids = append(ids, p)
		pt, _ := o.CompilePart(eval.KindIdentity, p)
		parts.Identity = append(parts.Identity, pt)
	}
	bnd, bucket := mustParse(b, "bnd.json", assembleFixture.bnd), mustParse(b, "bucket.json", assembleFixture.bucket)
	parts.Boundary = []*eval.Part{must(o.CompilePart(eval.KindBoundary, bnd))}
	parts.Resource = must(o.CompilePart(eval.KindResource, bucket))
	b.Run("assemble", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := o.Assemble(parts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compile", func(b *testing.B) {
		b.ReportAllocs()
		set := eval.PolicySet{Identity: ids, Boundary: []*policy.Policy{bnd}, Resource: bucket}
		for b.Loop() {
			if _, err := o.Compile(set); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func must(p *eval.Part, err error) *eval.Part {
	if err != nil {
		panic(err)
	}
	return p
}

// A bucket policy shared by many principals is compiled once, as a Part; each principal's
// evaluator is assembled from its own parts and the shared one.
func ExampleOptions_Assemble() {
	var o eval.Options
	bucketPolicy, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public-bucket/*"}]}`))
	shared, _ := o.CompilePart(eval.KindResource, bucketPolicy)

	for _, user := range []string{"alice", "bob"} {
		identity, _ := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::public-bucket/` + user + `/*"}]}`))
		own, _ := o.CompilePart(eval.KindIdentity, identity)
		ev, _ := o.Assemble(eval.Parts{Identity: []*eval.Part{own}, Resource: shared})
		put := eval.Request{Principal: "arn:aws:iam::111122223333:user/" + user, Action: "s3:PutObject",
			Resource: "arn:aws:s3:::public-bucket/alice/x", ResourceAccount: "111122223333"}
		get := put
		get.Action = "s3:GetObject"
		fmt.Println(user, ev.Decide(put), ev.Decide(get))
	}
	// Output:
	// alice Allow Allow
	// bob ImplicitDeny Allow
}
