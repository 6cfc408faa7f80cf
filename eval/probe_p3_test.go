package eval_test

// Cost probes (issue 14, "bounded cost", C5.0): inputs whose cost grows with a product of sizes
// that the work limit (Limits.MaxWork) did not count, each within the default limits and the
// policy package's size limit (1 MiB). TestProbeP3Cost decides each once with Decide and
// Explain, checks the answer is fail-closed and that Decide does not allocate, and reports the
// times (not asserted: see BenchmarkHostile, which holds the same cases).

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// p3Case is one costly decision.
type p3Case struct {
	name string
	rule string
	ev   *eval.Evaluator
	req  eval.Request
	// want is the fail-closed answer; wantOK lists other answers that are right too (an
	// uncertain Allow that does not apply, or a certain one that does).
	want   eval.Decision
	wantOK []eval.Decision
}

func p3Policy(tb testing.TB, doc string) *policy.Policy {
	tb.Helper()
	if len(doc) > policy.DefaultMaxBytes {
		tb.Fatalf("policy of %d bytes, over policy.DefaultMaxBytes", len(doc))
	}
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		tb.Fatalf("policy.Parse: %v", err)
	}
	return p
}

func p3Compile(tb testing.TB, set eval.PolicySet) *eval.Evaluator {
	tb.Helper()
	ev, err := eval.Compile(set)
	if err != nil {
		tb.Fatalf("Compile: %v", err)
	}
	return ev
}

// p3Fill appends members made by f(i) to b, separated by commas, while the document (with tail)
// stays within 1 MiB or up to max members (max <= 0: no count limit); it returns the count.
func p3Fill(b *strings.Builder, tail string, max int, f func(i int) string) int {
	n := 0
	for max <= 0 || n < max {
		m := f(n)
		if b.Len()+1+len(m)+len(tail) > policy.DefaultMaxBytes {
			break
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.WriteString(m)
		n++
	}
	b.WriteString(tail)
	return n
}

// p3Keys returns n context entries whose keys are prefix + a distinct 3-digit suffix, each with
// value val.
func p3Keys(n int, prefix, val string) []condition.Entry {
	out := make([]condition.Entry, n)
	for i := range out {
		out[i] = condition.Entry{Key: fmt.Sprintf("%s%03d", prefix, i), Values: []string{val}}
	}
	return out
}

func p3Cases(tb testing.TB) []p3Case {
	var cases []p3Case
	add := func(c p3Case) { cases = append(cases, c) }
	allowAll := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}})
	lim := eval.DefaultLimits

	// (1) Request only: 256 context keys of 255 bytes that agree under Unicode case folding but
	// for their last three bytes. The request check compares every pair of keys (duplicates
	// without case, C5.2) with strings.EqualFold.
	{
		wide := "t:" + strings.Repeat("é", 125)
		req := fcReq(p3Keys(lim.MaxContextKeys, wide, "v")...)
		add(p3Case{name: "ctx-256-wide-keys", rule: "C5.2 request check: a well-formed request", ev: allowAll, req: req, want: eval.Allow})
		// The same in ASCII, with one tag key holding a space (well formed: after '/'), so that
		// the full check runs.
		ctx := p3Keys(lim.MaxContextKeys-1, "t:"+strings.Repeat("a", 250), "v")
		ctx = append(ctx, fcEntry("aws:ResourceTag/cost center", "v"))
		add(p3Case{name: "ctx-256-ascii-keys", rule: "C5.2 request check: a well-formed request", ev: allowAll, req: fcReq(ctx...), want: eval.Allow})
	}

	// (2) Conditions on non-ASCII keys, each absent from a request of 256 non-ASCII keys that
	// agree with them under Unicode folding for 60 letters: each condition compares its key
	// with every request key under Unicode folding (C5.2 DOC-GAP).
	{
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{`)
		ck := "t:" + strings.Repeat("é", 60)
		p3Fill(&b, `}}}]}`, 0, func(i int) string { return fmt.Sprintf(`"%sc%05d":"x"`, ck, i) })
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, b.String())}})
		req := fcReq(p3Keys(lim.MaxContextKeys, "t:"+strings.Repeat("É", 60)+"r", "v")...)
		add(p3Case{name: "cond-wide-keys-x256", rule: "C5.0 work limit (or no match): the Allow does not apply", ev: ev, req: req, want: eval.ImplicitDeny})
	}

	// (3) ForAnyValue:StringLike with 125 values of eight policy variables each (1,000
	// variables), against 256 request values, the variables' key last of 256 keys of 64 bytes:
	// every request value looks every variable up again.
	{
		pad := "t:" + strings.Repeat("k", 59)
		ctx := p3Keys(lim.MaxContextKeys-2, pad, "v")
		last := ctx[len(ctx)-1].Key
		var vals []string
		for i := 0; i < lim.MaxValuesPerKey; i++ {
			vals = append(vals, fmt.Sprintf("value-%03d", i))
		}
		ctx = append(ctx, condition.Entry{Key: "aws:TagKeys", Values: vals, Multi: true}, fcEntry(pad+"zzz", "v"))
		v := `"` + strings.Repeat("${"+last+"}", condition.MaxVariables) + `x"`
		var pv []string
		for i := 0; i < 125; i++ {
			pv = append(pv, v)
		}
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":[` + strings.Join(pv, ",") + `]}}}]}`
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, doc)}})
		add(p3Case{name: "cond-variables-1000x256values", rule: "C5.0 work limit (or no match): the Allow does not apply", ev: ev, req: fcReq(ctx...), want: eval.ImplicitDeny})
	}

	// (3b) The same variables naming a key of 256 bytes, last of 256 such keys sharing all but
	// their last three bytes, against one request value: each lookup compares long keys (the
	// work limit charges lookups by key length).
	{
		pad := "t:" + strings.Repeat("k", lim.MaxKeyBytes-5)
		ctx := p3Keys(lim.MaxContextKeys-1, pad, "v")
		last := ctx[len(ctx)-1].Key
		ctx = append(ctx, fcEntry("s3:prefix", "value"))
		v := `"` + strings.Repeat("${"+last+"}", condition.MaxVariables) + `x"`
		var pv []string
		for i := 0; i < 125; i++ {
			pv = append(pv, v)
		}
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":[` + strings.Join(pv, ",") + `]}}}]}`
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, doc)}})
		add(p3Case{name: "cond-variables-1000-long-keys", rule: "C5.0 work limit (or no match): the Allow does not apply", ev: ev, req: fcReq(ctx...), want: eval.ImplicitDeny})
	}

	// (4) Resource entries of eight policy variables each, filling 1 MiB, against a request of
	// 256 keys of 64 bytes whose last one the variables name: each entry looks each variable
	// up, uncharged.
	{
		pad := "t:" + strings.Repeat("k", 59)
		ctx := p3Keys(lim.MaxContextKeys, pad, "v")
		last := ctx[len(ctx)-1].Key
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[`)
		e := `"arn:aws:s3:::b/` + strings.Repeat("${"+last+"}", condition.MaxVariables) + `"`
		n := p3Fill(&b, `]}]}`, 0, func(int) string { return e })
		_ = n
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, b.String())}})
		add(p3Case{name: "resource-variables-1MiB", rule: "C5.0 work limit (or no match): the Allow does not apply", ev: ev, req: fcReq(ctx...), want: eval.ImplicitDeny})
	}

	// (5) A resource policy naming 1 MiB of unique-ID principals (P4.11) for a caller whose
	// request has no aws:userid but 256 other keys: each entry looked aws:userid up again.
	{
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[`)
		p3Fill(&b, `]},"Action":"s3:GetObject","Resource":"*"}]}`, 0, func(i int) string { return fmt.Sprintf(`"AIDA%017d"`, i) })
		res := p3Policy(tb, b.String())
		ev := p3Compile(tb, eval.PolicySet{Resource: res})
		ctx := p3Keys(lim.MaxContextKeys, "t:"+strings.Repeat("k", 59), "v")
		req := fcReq(ctx...)
		req.ResourceAccount = "444455556666"
		req.Resource = "arn:aws:s3:::other-bucket/x"
		add(p3Case{name: "principal-unique-ids-1MiB", rule: "P4.11: no aws:userid, the unique IDs do not grant", ev: ev, req: req, want: eval.ImplicitDeny})
	}

	// (6) StringEqualsIgnoreCase with 1 MiB of non-ASCII values of 4 KB (no set: compared one by
	// one, then under Unicode folding) against 256 request values of 4 KB that agree with them
	// under Unicode folding but for the last letter.
	{
		long := strings.Repeat("é", 2046)
		// Seven request values: Eval charges them all before looking, and more would be past
		// the work limit at once.
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEqualsIgnoreCase":{"aws:TagKeys":[`)
		p3Fill(&b, `]}}}]}`, 0, func(i int) string { return fmt.Sprintf(`"%s%03d"`, long, i%1000) })
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, b.String())}})
		up := strings.Repeat("É", 2046)
		var vals []string
		for i := 0; i < 7; i++ {
			vals = append(vals, fmt.Sprintf("%s%03dx", up, i)[:lim.MaxValueBytes])
		}
		req := fcReq(condition.Entry{Key: "aws:TagKeys", Values: vals, Multi: true})
		add(p3Case{name: "ignorecase-unicode-4KBx256", rule: "C5.5 DOC-GAP, C5.0: uncertain or past the work limit", ev: ev, req: req, want: eval.ImplicitDeny})
	}

	// (7) IpAddress with 1 MiB of CIDRs against 256 request addresses (IPv4-mapped IPv6, which
	// are compared twice).
	{
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:IpAddress":{"test:Addrs":[`)
		p3Fill(&b, `]}}}]}`, 0, func(i int) string { return fmt.Sprintf(`"2001:db8:%x::/48"`, i%65536) })
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, b.String())}})
		var vals []string
		for i := 0; i < lim.MaxValuesPerKey; i++ {
			vals = append(vals, fmt.Sprintf("::ffff:10.0.%d.%d", i/256, i%256))
		}
		req := fcReq(condition.Entry{Key: "test:Addrs", Values: vals, Multi: true})
		add(p3Case{name: "ipaddress-1MiB-x256", rule: "C5.10: no block holds them (or past the work limit)", ev: ev, req: req, want: eval.ImplicitDeny})
	}

	// (8) One statement with 1 MiB of wildcard actions of the request's service (an action set
	// scanned pattern by pattern), and the same against a 256-byte action (longer than the
	// lower-casing buffer: every pattern of every service).
	{
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[`)
		p3Fill(&b, `],"Resource":"*"}]}`, 0, func(i int) string { return fmt.Sprintf(`"s3:Get%05d*"`, i) })
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, b.String())}})
		add(p3Case{name: "actions-1MiB-wildcards", rule: "A2.3: no pattern matches", ev: ev, req: fcReq(), want: eval.ImplicitDeny})
		req := fcReq()
		req.Action = "s3:" + strings.Repeat("G", lim.MaxActionBytes-3)
		add(p3Case{name: "actions-1MiB-wildcards-long-action", rule: "A2.3: no pattern matches", ev: ev, req: req, want: eval.ImplicitDeny})
	}

	// (9) Explain over a statement of many conditions whose keys the request holds (the missing
	// keys are collected for every condition, even past the work limit).
	{
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[`)
		ops := []string{"StringEqualsIfExists", "StringNotEqualsIfExists", "StringLikeIfExists", "StringNotLikeIfExists", "ForAnyValue:StringEqualsIfExists", "ForAllValues:StringEquals", "ForAllValues:StringNotEquals", "ForAllValues:StringLike", "ForAllValues:StringNotLike", "StringEqualsIgnoreCaseIfExists", "StringNotEqualsIgnoreCaseIfExists", "ForAllValues:StringEqualsIgnoreCase", "ForAllValues:StringNotEqualsIgnoreCase"}
		ctx := p3Keys(lim.MaxContextKeys, "t:k", "v")
		p3Fill(&b, `]}`, 0, func(i int) string {
			var s strings.Builder
			s.WriteString(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{`)
			for oi, op := range ops {
				if oi > 0 {
					s.WriteByte(',')
				}
				fmt.Fprintf(&s, "%q:{", op)
				for k := range ctx {
					if k > 0 {
						s.WriteByte(',')
					}
					fmt.Fprintf(&s, `"t:k%03d":"x"`, k)
				}
				s.WriteByte('}')
			}
			s.WriteString(`}}`)
			return s.String()
		})
		ev := p3Compile(tb, eval.PolicySet{Identity: []*policy.Policy{p3Policy(tb, b.String())}})
		add(p3Case{name: "conditions-1MiB-present-keys", rule: "C5.0 work limit: the Allows do not apply", ev: ev, req: fcReq(ctx...), want: eval.ImplicitDeny})
	}
	return cases
}

// TestProbeP3Cost decides every case with Decide and Explain.
func TestProbeP3Cost(t *testing.T) {
	for _, c := range p3Cases(t) {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			d := c.ev.Decide(c.req)
			dt := time.Since(start)
			start = time.Now()
			x := c.ev.Explain(c.req)
			xt := time.Since(start)
			if x.Decision != d {
				t.Errorf("Decide %v, Explain %v", d, x.Decision)
			}
			ok := d == c.want
			for _, w := range c.wantOK {
				ok = ok || d == w
			}
			if !ok {
				t.Errorf("got %v, want %v (%s)\n%s", d, c.want, c.rule, x)
			}
			if n := testing.AllocsPerRun(3, func() { c.ev.Decide(c.req) }); n != 0 {
				t.Errorf("Decide allocates %v times", n)
			}
			t.Logf("Decide %v, Explain %v: %v", dt, xt, d)
		})
	}
}

// BenchmarkProbeP3Explain times Explain on the cost probes.
func BenchmarkProbeP3Explain(b *testing.B) {
	for _, c := range p3Cases(b) {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.ev.Explain(c.req)
			}
		})
	}
}

// p3Docs returns policies of pathological shapes, each of at most 1 MiB, for the compile probes.
func p3Docs() map[string]string {
	docs := map[string]string{}
	build := func(name, head, tail string, f func(i int) string) {
		var b strings.Builder
		b.WriteString(head)
		p3Fill(&b, tail, 0, f)
		docs[name] = b.String()
	}
	const stmts = `{"Version":"2012-10-17","Statement":[`
	build("statements-sids", stmts, `]}`, func(i int) string {
		return fmt.Sprintf(`{"Sid":"S%06d","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, i)
	})
	build("statements-distinct-services", stmts, `]}`, func(i int) string {
		return fmt.Sprintf(`{"Effect":"Allow","Action":["s%05d:A","s%05d:B*"],"Resource":"arn:aws:s3:::b%06d/*"}`, i, i, i)
	})
	build("statements-resource-prefixes", stmts, `]}`, func(i int) string {
		return fmt.Sprintf(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/%s*"}`, strings.Repeat("x", i%60)+fmt.Sprint(i))
	})
	build("condition-distinct-keys", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{`, `}}}]}`, func(i int) string {
		return fmt.Sprintf(`"t:k%06d":"v"`, i)
	})
	build("condition-wide-keys", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{`, `}}}]}`, func(i int) string {
		return fmt.Sprintf(`"t:%sc%05d":"x"`, strings.Repeat("é", 60), i)
	})
	build("condition-values-stringlike", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":[`, `]}}}]}`, func(i int) string {
		return fmt.Sprintf(`"*a?%d*b"`, i)
	})
	build("condition-values-ip", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":[`, `]}}}]}`, func(i int) string {
		return fmt.Sprintf(`"10.%d.%d.0/24"`, i/256%256, i%256)
	})
	build("condition-values-date", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":[`, `]}}}]}`, func(i int) string {
		return fmt.Sprintf(`"2020-01-01T00:00:%02d.%dZ"`, i%60, i)
	})
	build("condition-values-ignorecase", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIgnoreCase":{"aws:PrincipalTag/t":[`, `]}}}]}`, func(i int) string {
		return fmt.Sprintf(`"V%d"`, i)
	})
	build("resource-entries", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":[`, `]}]}`, func(i int) string {
		return fmt.Sprintf(`"arn:aws:s3:::b%d/*"`, i)
	})
	build("resource-wildcards", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":[`, `]}]}`, func(i int) string {
		return `"arn:aws:s3:::b/` + strings.Repeat("*a?", 100) + `"`
	})
	build("principals-accounts", stmts+`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Principal":{"AWS":[`, `]}}]}`, func(i int) string {
		return fmt.Sprintf(`"1%011d"`, i)
	})
	// One Sid of 1 MiB of \u escapes (decoded to a sixth of it; AWS would refuse the characters,
	// the parser reads them first).
	{
		var b strings.Builder
		b.WriteString(stmts + `{"Sid":"`)
		for b.Len() < policy.DefaultMaxBytes-200 {
			b.WriteString(`\u0041`)
		}
		b.WriteString(`","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
		docs["sid-escapes"] = b.String()
	}
	// One StringLike value of 1 MiB alternating '*' and a letter.
	{
		docs["stringlike-1MiB-wildcards"] = stmts + `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":"` +
			strings.Repeat("*a", (policy.DefaultMaxBytes-300)/2) + `"}}}]}`
	}
	return docs
}

// TestProbeP3Compile reports the time of Parse and Compile on pathological shapes of 1 MiB and
// decides a request against each (fail-closed: none of them allows it).
func TestProbeP3Compile(t *testing.T) {
	req := fcReq(p3Keys(eval.DefaultLimits.MaxContextKeys, "t:"+strings.Repeat("k", 59), "v")...)
	req.Action = "s3:PutObject"
	for name, doc := range p3Docs() {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			p, err := policy.Parse([]byte(doc))
			pt := time.Since(start)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			start = time.Now()
			ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
			ct := time.Since(start)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			start = time.Now()
			d := ev.Decide(req)
			dt := time.Since(start)
			start = time.Now()
			ev.Explain(req)
			xt := time.Since(start)
			if d != eval.ImplicitDeny {
				t.Errorf("Decide: %v", d)
			}
			t.Logf("%d bytes: Parse %v, Compile %v, Decide %v, Explain %v", len(doc), pt, ct, dt, xt)
		})
	}
}
