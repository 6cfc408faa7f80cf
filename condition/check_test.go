package condition

import "testing"

// TestCheckAgreesWithCompile: Check, which validates without building, must accept and reject
// exactly what Compile does, with the same message, for every operator (plain, IfExists and
// with each set qualifier) on valid and invalid values, with and without policy variables.
func TestCheckAgreesWithCompile(t *testing.T) {
	texts := []string{
		"", "*", "a*b?c", "home/${aws:username}/*", "${aws:username", "${}", "x${aws:a, 'd'}y",
		"${aws:a,d}", "${*}${?}${$}", "arn:aws:s3:::b/*", "arn:aws:iam::${aws:PrincipalAccount}:role/x",
		"arn:nope", "10", "-2.5", "1e3", "2026-01-01T00:00:00Z", "2026-02-30", "1700000000",
		"true", "FALSE", "maybe", "${aws:SecureTransport}", "aGVsbG8=", "aGVsbG8", "10.0.0.0/8",
		"2001:db8::/32", "300.1.1.1", "::ffff:10.0.0.0/104",
	}
	n := 0
	for o := Operator(1); o < numOperators; o++ {
		for _, q := range []Qualifier{NoQualifier, ForAnyValue, ForAllValues} {
			for _, ifExists := range []bool{false, true} {
				op := Op{Operator: o, Qualifier: q, IfExists: ifExists}
				for _, vars := range []bool{false, true} {
					for i := range texts {
						for _, vals := range [][]string{{texts[i]}, {texts[i], texts[(i+7)%len(texts)]}} {
							for _, key := range []string{"aws:SourceIp", "", "${aws:x}"} {
								_, cerr := Compile(op, key, vals, vars)
								kerr := Check(op, key, vals, vars)
								if (cerr == nil) != (kerr == nil) || cerr != nil && cerr.Error() != kerr.Error() {
									t.Fatalf("%s %q %q vars=%v: Compile: %v; Check: %v", op, key, vals, vars, cerr, kerr)
								}
								n++
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d cases", n)
}

// TestShortPathAgrees: Eval's inline readings (kindIPv4, kindDate, kindText, kindPrefix) give
// the generic match's answer for every operator family they cover, on matching, non-matching
// and unreadable request values (match is what Eval uses for multivalued keys and qualifiers).
func TestFastShortPathMatchesSlow(t *testing.T) {
	cases := []struct {
		op     string
		values []string
		reqs   []string
	}{
		{"IpAddress", []string{"10.0.0.0/8", "192.168.1.1"}, []string{"10.1.2.3", "192.168.1.1", "192.168.1.2", "::ffff:10.0.0.1", "2001:db8::1", "10.1.2", "x"}},
		{"NotIpAddress", []string{"10.0.0.0/8"}, []string{"10.1.2.3", "11.0.0.0", "bad"}},
		{"DateLessThan", []string{"2030-01-01T00:00:00Z"}, []string{"2026-05-01T12:00:00Z", "2031-01-01T00:00:00Z", "2026-05-01T12:00:00+02:00", "1700000000", "2026-02-30T00:00:00Z", "2030-01-01T00:00:00Z"}},
		{"DateNotEquals", []string{"2030-01-01T00:00:00.5Z"}, []string{"2030-01-01T00:00:00Z", "nope"}},
		{"StringEquals", []string{"alice", "b${*}"}, []string{"alice", "Alice", "b*", "b", ""}},
		{"StringNotEquals", []string{"alice"}, []string{"alice", "bob"}},
		{"StringLike", []string{"aws-cli/*", "x${*}*", "*"}, []string{"aws-cli/2.0", "aws-cli", "x*y", "xy", ""}},
		{"StringNotLike", []string{"aws-cli/*"}, []string{"aws-cli/2.0", "curl"}},
	}
	for _, tc := range cases {
		op, err := ParseOp(tc.op)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Compile(op, "aws:TestKey", tc.values, true)
		if err != nil {
			t.Fatal(err)
		}
		if c.kind == kindOther {
			t.Errorf("%s %q: no short-path kind", tc.op, tc.values)
		}
		for _, r := range tc.reqs {
			ctx := &Context{Keys: []Entry{{Key: "aws:TestKey", Values: []string{r}}}}
			want := verdict(c.match(r, ctx), op.Operator.Negated())
			if got := c.Eval(ctx); got != want {
				t.Errorf("%s %q on %q: Eval %v, match says %v", tc.op, tc.values, r, got, want)
			}
		}
	}
}
