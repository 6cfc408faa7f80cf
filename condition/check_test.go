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
