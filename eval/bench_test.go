package eval_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/eval/scenario"
	"github.com/iamgo/iam/policy"
	"github.com/tidwall/gjson"
)

// sharedDir returns ../shared/NAME next to the repository, or "" when absent.
func sharedDir(tb testing.TB, name string) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	d := filepath.Join(filepath.Dir(dir), "shared", name)
	if _, err := os.Stat(d); err != nil {
		return ""
	}
	return d
}

func loadWorkloads(tb testing.TB) []*scenario.File {
	dir := sharedDir(tb, "bench/workloads")
	if dir == "" {
		tb.Skip("../shared/bench/workloads not present")
	}
	files, err := scenario.LoadAll(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// BenchmarkWorkloads times Decide on every request of the shared workloads, after checking every
// expectation.
func BenchmarkWorkloads(b *testing.B) {
	for _, f := range loadWorkloads(b) {
		ev, err := eval.Compile(f.Set)
		if err != nil {
			b.Fatal(err)
		}
		for i := range f.Requests {
			r := &f.Requests[i]
			if got := ev.Decide(r.Req); got != r.Expect {
				b.Fatalf("%s: %s: got %s, want %s", f.Path, r.Label(), got, r.Expect)
			}
			req := r.Req
			b.Run(r.Label(), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ev.Decide(req)
				}
			})
			b.Run(r.Label()+"/parallel", func(b *testing.B) {
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						ev.Decide(req)
					}
				})
			})
		}
	}
}

// TestWorkloadsDoNotAllocate pins zero allocations for Decide on every workload request.
func TestWorkloadsDoNotAllocate(t *testing.T) {
	for _, f := range loadWorkloads(t) {
		ev, err := eval.Compile(f.Set)
		if err != nil {
			t.Fatal(err)
		}
		for i := range f.Requests {
			r := &f.Requests[i]
			if got := ev.Decide(r.Req); got != r.Expect {
				t.Errorf("%s: %s: got %s, want %s", f.Path, r.Label(), got, r.Expect)
			}
			if n := testing.AllocsPerRun(100, func() { ev.Decide(r.Req) }); n != 0 && !raceEnabled {
				t.Errorf("%s: Decide allocates %v times", r.Label(), n)
			}
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	dir := sharedDir(b, "policies/aws-managed")
	if dir == "" {
		b.Skip("no managed policies")
	}
	data, err := os.ReadFile(filepath.Join(dir, "ReadOnlyAccess.json"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := policy.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("ReadOnlyAccess", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	w1 := []byte(`{"Version":"2012-10-17","Statement":[
{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]},
{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket/uploads/*"},
{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
{"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket/photos/*"},
{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`)
	parseCompile := func(doc []byte) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := policy.Parse(doc)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("parse+compile-5-statements", parseCompile(w1))
	// The identity policy of the W1 workload itself, as its file writes it (two of its five
	// statements have a condition).
	if dir := sharedDir(b, "bench/workloads"); dir != "" {
		file, err := os.ReadFile(filepath.Join(dir, "W1-five-statements.json"))
		if err != nil {
			b.Fatal(err)
		}
		doc := gjson.GetBytes(file, "policies.identity.0")
		if !doc.IsObject() {
			b.Fatal("W1-five-statements.json: no identity policy")
		}
		b.Run("parse+compile-W1", parseCompile([]byte(doc.Raw)))
		// The compile half alone.
		b.Run("compile-W1", func(b *testing.B) {
			p, err := policy.Parse([]byte(doc.Raw))
			if err != nil {
				b.Fatal(err)
			}
			set := eval.PolicySet{Identity: []*policy.Policy{p}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eval.Compile(set); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
