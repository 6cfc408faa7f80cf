package condition

import (
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

var twins = [][2]string{
	{"StringEquals", "StringNotEquals"},
	{"StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"},
	{"StringLike", "StringNotLike"},
	{"NumericEquals", "NumericNotEquals"},
	{"DateEquals", "DateNotEquals"},
	{"IpAddress", "NotIpAddress"},
	{"ArnLike", "ArnNotLike"},
	{"ArnEquals", "ArnNotEquals"},
}

// sample values per family, all readable by their operators.
func familyValues(op string) []string {
	switch op[:3] {
	case "Num":
		return []string{"1", "2", "10", "-3", "2.50", "2.5"}
	case "Dat":
		return []string{"2026-01-01T00:00:00Z", "2026-06-01T12:00:00Z", "1767225600", "2026-01-01"}
	case "IpA", "Not":
		return []string{"10.0.0.1", "10.0.0.0/8", "192.168.1.1", "2001:db8::1", "2001:db8::/32"}
	case "Arn":
		return []string{"arn:aws:s3:::a", "arn:aws:s3:::a*", "arn:aws:iam::111122223333:role/x", "arn:aws:iam::*:role/*"}
	}
	return []string{"a", "A", "ab", "a*", "b?", ""}
}

// requestValues are values a request may carry for the family (IP operators take addresses;
// Date operators read only instants, with a zone or as epoch seconds, in a request; ARN
// operators only well-formed ARNs, C5.11).
func requestValues(op string) []string {
	switch op[:3] {
	case "IpA", "Not":
		return []string{"10.0.0.1", "10.200.0.1", "192.168.1.1", "2001:db8::1", "8.8.8.8"}
	case "Dat":
		return []string{"2026-01-01T00:00:00Z", "2026-06-01T12:00:00Z", "1767225600", "2026-01-01T00:00:00+01:00"}
	case "Arn":
		return []string{"arn:aws:s3:::a", "arn:aws:s3:::ab", "arn:aws:iam::111122223333:role/x", "arn:aws:iam::444455556666:role/y"}
	}
	return familyValues(op)
}

func mustCompile(t *testing.T, op, key string, vals []string) *Condition {
	o, err := ParseOp(op)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compile(o, key, vals, true)
	if err != nil {
		t.Fatalf("Compile(%s, %q): %v", op, vals, err)
	}
	return c
}

func params() *gopter.TestParameters {
	p := gopter.DefaultTestParameters()
	p.MinSuccessfulTests = 2000
	return p
}

func TestProperties(t *testing.T) {
	props := gopter.NewProperties(params())
	pick := func(list []string, i int) string { return list[i%len(list)] }
	idx := gen.IntRange(0, 1000)

	// C5.1, C5.4: for a present single-valued key, a negated operator is exactly the negation of
	// its positive twin.
	props.Property("negated operator = not positive twin", prop.ForAll(func(tw, a, b, r int) bool {
		pair := twins[tw%len(twins)]
		vals := familyValues(pair[0])
		pv := []string{pick(vals, a), pick(vals, b)}
		ctx := &Context{Keys: []Entry{{Key: "k", Values: []string{pick(requestValues(pair[0]), r)}}}}
		pos := mustCompile(t, pair[0], "k", pv).Eval(ctx)
		neg := mustCompile(t, pair[1], "k", pv).Eval(ctx)
		return pos != Unknown && neg != Unknown && (pos == True) == (neg == False)
	}, idx, idx, idx, idx))

	// C5.14: ForAnyValue over a one-element set equals the plain operator on that value.
	props.Property("ForAnyValue over one value = plain operator", prop.ForAll(func(tw, a, r, side int) bool {
		op := twins[tw%len(twins)][side%2]
		vals := familyValues(op)
		pv := []string{pick(vals, a)}
		single := &Context{Keys: []Entry{{Key: "k", Values: []string{pick(vals, r)}}}}
		set := &Context{Keys: []Entry{{Key: "k", Values: []string{pick(vals, r)}, Multi: true}}}
		return mustCompile(t, "ForAnyValue:"+op, "k", pv).Eval(set) == mustCompile(t, op, "k", pv).Eval(single)
	}, idx, idx, idx, idx))

	// C5.14: ForAllValues over a missing key holds (vacuous truth).
	props.Property("ForAllValues over a missing key holds", prop.ForAll(func(tw, a, side int) bool {
		op := twins[tw%len(twins)][side%2]
		return mustCompile(t, "ForAllValues:"+op, "k", []string{pick(familyValues(op), a)}).Eval(&Context{}) == True
	}, idx, idx, idx))

	// C5.1: adding values to a positive operator's list never turns a match into a non-match.
	props.Property("more values never unmatch a positive operator", prop.ForAll(func(tw, a, b, r int) bool {
		op := twins[tw%len(twins)][0]
		vals := familyValues(op)
		ctx := &Context{Keys: []Entry{{Key: "k", Values: []string{pick(vals, r)}}}}
		before := mustCompile(t, op, "k", []string{pick(vals, a)}).Eval(ctx)
		after := mustCompile(t, op, "k", []string{pick(vals, a), pick(vals, b)}).Eval(ctx)
		return before != True || after == True
	}, idx, idx, idx, idx))
	props.TestingRun(t)
}

func FuzzCompileEval(f *testing.F) {
	f.Add("StringLike", "home/${aws:username}/*", "home/alice/x")
	f.Add("NumericLessThan", "10.5", "3")
	f.Add("DateLessThan", "2026-01-01T00:00:00+01:00", "1767225600")
	f.Add("IpAddress", "10.0.0.0/8", "::ffff:10.1.2.3")
	f.Add("ForAllValues:ArnLike", "arn:aws:iam::*:role/${aws:PrincipalTag/x, 'y'}", "arn:aws:iam::1:role/y")
	f.Add("BinaryEquals", "QUJD", "QUJD")
	f.Fuzz(func(t *testing.T, op, value, req string) {
		o, err := ParseOp(op)
		if err != nil {
			return
		}
		c, err := Compile(o, "k", []string{value}, true)
		if cerr := Check(o, "k", []string{value}, true); (cerr == nil) != (err == nil) || err != nil && cerr.Error() != err.Error() {
			t.Fatalf("Check: %v; Compile: %v", cerr, err)
		}
		if err != nil {
			return
		}
		ctx := &Context{Keys: []Entry{{Key: "k", Values: []string{req}}, {Key: "aws:username", Values: []string{req}}}}
		r := c.Eval(ctx)
		if r > Unknown {
			t.Fatalf("bad result %d", r)
		}
		b := NewBlock(c)
		b.MissingKeys(&Context{}, nil)
	})
}

// BenchmarkBlock3 is the block: IpAddress with 3 CIDRs, StringLike, DateLessThan.
func BenchmarkBlock3(b *testing.B) {
	mk := func(op, key string, vals ...string) *Condition {
		o, _ := ParseOp(op)
		c, err := Compile(o, key, vals, true)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	blk := NewBlock(
		mk("IpAddress", "aws:SourceIp", "10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12"),
		mk("StringLike", "aws:UserAgent", "aws-cli/*"),
		mk("DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z"),
	)
	ctx := &Context{Keys: []Entry{
		{Key: "aws:username", Values: []string{"alice"}},
		{Key: "aws:SourceIp", Values: []string{"172.16.5.4"}},
		{Key: "aws:UserAgent", Values: []string{"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64"}},
		{Key: "aws:CurrentTime", Values: []string{"2026-05-01T12:00:00Z"}},
	}}
	if blk.Eval(ctx) != True {
		b.Fatal("block should hold")
	}
	b.ReportAllocs()
	for b.Loop() {
		blk.Eval(ctx)
	}
}
