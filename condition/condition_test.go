package condition

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

type kv = map[string][]string

func ctxOf(m kv) *Context {
	c := &Context{}
	for k, v := range m {
		c.Keys = append(c.Keys, Entry{Key: k, Values: v})
	}
	return c
}

func one(s string) []string { return []string{s} }

func TestEval(t *testing.T) {
	tests := []struct {
		rule   string // the documented rule the row checks
		op     string
		key    string
		values []string
		vars   bool
		ctx    kv
		want   Result
	}{
		// String family (C5.5).
		{"C5.5 exact", "StringEquals", "aws:username", one("alice"), true, kv{"aws:username": one("alice")}, True},
		{"C5.5 case-sensitive", "StringEquals", "aws:username", one("alice"), true, kv{"aws:username": one("Alice")}, False},
		{"C5.5 wildcards literal in Equals", "StringEquals", "k", one("a*"), true, kv{"k": one("abc")}, False},
		{"C5.5 wildcards literal in Equals", "StringEquals", "k", one("a*"), true, kv{"k": one("a*")}, True},
		{"C5.1 values OR", "StringEquals", "k", []string{"x", "y"}, true, kv{"k": one("y")}, True},
		{"C5.2 key names case-insensitive", "StringEquals", "AWS:UserName", one("alice"), true, kv{"aws:username": one("alice")}, True},
		{"C5.4 missing key positive", "StringEquals", "k", one("x"), true, kv{}, False},
		{"C5.4 missing key negated", "StringNotEquals", "k", one("x"), true, kv{}, True},
		{"C5.1 negated values NOR", "StringNotEquals", "aws:PrincipalAccount", []string{"111", "222"}, true, kv{"aws:PrincipalAccount": one("333")}, True},
		{"C5.1 negated values NOR", "StringNotEquals", "aws:PrincipalAccount", []string{"111", "222"}, true, kv{"aws:PrincipalAccount": one("222")}, False},
		{"C5.5 IgnoreCase", "StringEqualsIgnoreCase", "k", one("Blue"), true, kv{"k": one("bLUE")}, True},
		{"C5.5 NotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "k", one("Blue"), true, kv{"k": one("BLUE")}, False},
		{"C5.5 Like", "StringLike", "s3:prefix", one("home/*"), true, kv{"s3:prefix": one("home/alice/")}, True},
		{"C5.5 Like partial needs wildcard", "StringLike", "s3:prefix", one("home/"), true, kv{"s3:prefix": one("home/x")}, False},
		{"C5.5 Like empty value", "StringLike", "s3:prefix", []string{"", "home/"}, true, kv{"s3:prefix": one("")}, True},
		{"C5.5 NotLike", "StringNotLike", "k", one("a?c"), true, kv{"k": one("abc")}, False},
		{"C5.5 NotLike", "StringNotLike", "k", one("a?c"), true, kv{"k": one("abbc")}, True},
		{"C5.12 IfExists missing", "StringEqualsIfExists", "k", one("x"), true, kv{}, True},
		{"C5.12 IfExists present", "StringEqualsIfExists", "k", one("x"), true, kv{"k": one("y")}, False},
		{"C5.12 negated IfExists missing still true", "StringNotEqualsIfExists", "k", one("x"), true, kv{}, True},

		// Multivalued keys (C5.14, C5.15).
		{"C5.14 ForAnyValue some", "ForAnyValue:StringEquals", "aws:TagKeys", []string{"a", "b"}, true, kv{"aws:TagKeys": {"z", "b"}}, True},
		{"C5.14 ForAnyValue none", "ForAnyValue:StringEquals", "aws:TagKeys", []string{"a", "b"}, true, kv{"aws:TagKeys": {"z", "y"}}, False},
		{"C5.14 ForAnyValue missing", "ForAnyValue:StringEquals", "aws:TagKeys", one("a"), true, kv{}, False},
		{"C5.14 ForAnyValue empty set", "ForAnyValue:StringEquals", "aws:TagKeys", one("a"), true, kv{"aws:TagKeys": {}}, False},
		{"C5.14 ForAllValues all", "ForAllValues:StringEquals", "aws:TagKeys", []string{"a", "b"}, true, kv{"aws:TagKeys": {"a", "b"}}, True},
		{"C5.14 ForAllValues one outside", "ForAllValues:StringEquals", "aws:TagKeys", []string{"a", "b"}, true, kv{"aws:TagKeys": {"a", "c"}}, False},
		{"C5.14 ForAllValues missing is vacuous", "ForAllValues:StringEquals", "aws:TagKeys", one("a"), true, kv{}, True},
		{"C5.14 ForAllValues empty is vacuous", "ForAllValues:StringEquals", "aws:TagKeys", one("a"), true, kv{"aws:TagKeys": {}}, True},
		{"C5.14 ForAllValues:StringNotEquals none equal", "ForAllValues:StringNotEquals", "aws:TagKeys", []string{"a"}, true, kv{"aws:TagKeys": {"b", "c"}}, True},
		{"C5.14 ForAllValues:StringNotEquals one equal", "ForAllValues:StringNotEquals", "aws:TagKeys", []string{"a"}, true, kv{"aws:TagKeys": {"b", "a"}}, False},
		{"C5.14 ForAnyValue:StringNotEquals one differs", "ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"a"}, true, kv{"aws:TagKeys": {"a", "b"}}, True},
		{"C5.14 ForAnyValue:StringNotEquals all equal", "ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"a"}, true, kv{"aws:TagKeys": {"a", "a"}}, False},
		{"C5.14 (2026-12) ForAnyValue with IfExists, key missing: indeterminate", "ForAnyValue:StringEqualsIfExists", "k", one("a"), true, kv{}, Unknown},
		{"C5.12 ForAllValues with IfExists, key missing: true", "ForAllValues:StringEqualsIfExists", "k", one("a"), true, kv{}, True},
		{"C5.14 ForAnyValue with IfExists, key present: evaluated", "ForAnyValue:StringEqualsIfExists", "k", one("a"), true, kv{"k": {"b", "a"}}, True},
		{"C5.15 (2026-12) unqualified positive on multivalued, readings differ: indeterminate", "StringEquals", "k", one("a"), true, kv{"k": {"b", "a"}}, Unknown},
		{"C5.15 (2026-12) unqualified positive on multivalued, every value matches: indeterminate (the simulator says no match)", "StringEquals", "k", []string{"a", "b"}, true, kv{"k": {"b", "a"}}, Unknown},
		{"C5.15 (2026-12) unqualified positive on multivalued, no value matches: false", "StringEquals", "k", one("a"), true, kv{"k": {"b", "c"}}, False},
		{"C5.15 (2026-12) unqualified negated on multivalued, no value listed: indeterminate", "StringNotEquals", "k", one("a"), true, kv{"k": {"b", "c"}}, Unknown},
		{"C5.15 (2026-12) unqualified negated on multivalued, every value listed: false", "StringNotEquals", "k", []string{"b", "c"}, true, kv{"k": {"b", "c"}}, False},
		{"C5.15 (2026-12) unqualified negated on multivalued, one listed: indeterminate", "StringNotEquals", "k", one("a"), true, kv{"k": {"a", "c"}}, Unknown},
		{"C5.15 (2026-12) unqualified on a present key without values: indeterminate", "StringEquals", "k", one("a"), true, kv{"k": {}}, Unknown},
		{"C5.15 (2026-12) unqualified IfExists on a present key without values: indeterminate", "StringEqualsIfExists", "k", one("a"), true, kv{"k": {}}, Unknown},
		{"C5.14 ForAnyValue on an empty set: false", "ForAnyValue:StringEquals", "k", one("a"), true, kv{"k": {}}, False},
		{"C5.14 ForAllValues on an empty set: true", "ForAllValues:StringEquals", "k", one("a"), true, kv{"k": {}}, True},

		// Numeric (C5.6).
		{"C5.6 equals decimals", "NumericEquals", "n", one("10"), true, kv{"n": one("10.0")}, True},
		{"C5.6 less than", "NumericLessThan", "s3:max-keys", one("10"), true, kv{"s3:max-keys": one("9")}, True},
		{"C5.6 less than", "NumericLessThan", "s3:max-keys", one("10"), true, kv{"s3:max-keys": one("10")}, False},
		{"C5.6 less than equals", "NumericLessThanEquals", "n", one("10"), true, kv{"n": one("10")}, True},
		{"C5.6 greater than negative", "NumericGreaterThan", "n", one("-2.5"), true, kv{"n": one("-2.25")}, True},
		{"C5.6 greater than equals", "NumericGreaterThanEquals", "n", one("100"), true, kv{"n": one("99.999")}, False},
		{"C5.6 big integers exact", "NumericEquals", "n", one("9007199254740993"), true, kv{"n": one("9007199254740992")}, False},
		{"C5.6 not equals", "NumericNotEquals", "n", []string{"1", "2"}, true, kv{"n": one("3")}, True},
		{"C5.6 + C5.0 (2026-12) unreadable request value: indeterminate", "NumericEquals", "n", one("1"), true, kv{"n": one("1e0")}, Unknown},
		{"C5.6 + C5.0 (2026-12) '+5000' is unreadable", "NumericLessThan", "n", one("6000"), true, kv{"n": one("+5000")}, Unknown},
		{"C5.7 + C5.0 (2026-12) a date without a zone is unreadable", "DateLessThan", "aws:CurrentTime", one("2030-01-01T00:00:00Z"), true, kv{"aws:CurrentTime": one("2026-01-01T00:00:00")}, Unknown},
		{"C5.7 + C5.0 (2026-12) an out-of-range date is unreadable", "DateGreaterThan", "aws:CurrentTime", one("2020-01-01T00:00:00Z"), true, kv{"aws:CurrentTime": one("2026-13-01T00:00:00Z")}, Unknown},
		{"C5.9 + C5.0 (2026-12) request value that is not base64: indeterminate", "BinaryEquals", "b", one("QUJD"), true, kv{"b": one("QUJ")}, Unknown},
		{"C5.9 request value decodes to the policy bytes", "BinaryEquals", "b", one("QUJD"), true, kv{"b": one("QUJD")}, True},
		{"C5.9 request value decodes to other bytes", "BinaryEquals", "b", one("QUJD"), true, kv{"b": one("QUJE")}, False},
		{"C5.0 unreadable request value under a negated operator is unknown", "NumericNotEquals", "n", one("1"), true, kv{"n": one("abc")}, Unknown},
		{"C5.4 numeric negated missing", "NumericNotEquals", "n", one("1"), true, kv{}, True},

		// Date (C5.7).
		{"C5.7 before", "DateLessThan", "aws:CurrentTime", one("2026-06-01T00:00:00Z"), true, kv{"aws:CurrentTime": one("2026-05-31T23:59:59Z")}, True},
		{"C5.7 after", "DateLessThan", "aws:CurrentTime", one("2026-06-01T00:00:00Z"), true, kv{"aws:CurrentTime": one("2026-06-01T00:00:00Z")}, False},
		{"C5.7 zone offsets", "DateEquals", "aws:CurrentTime", one("2026-06-01T02:00:00+02:00"), true, kv{"aws:CurrentTime": one("2026-06-01T00:00:00Z")}, True},
		{"C5.7 date-only form", "DateGreaterThanEquals", "aws:CurrentTime", one("2026-06-01"), true, kv{"aws:CurrentTime": one("2026-06-01T00:00:00Z")}, True},
		{"C5.7 epoch seconds", "DateGreaterThan", "aws:EpochTime", one("1700000000"), true, kv{"aws:EpochTime": one("1700000001")}, True},
		{"C5.7 epoch vs ISO", "DateEquals", "aws:CurrentTime", one("1970-01-01T00:00:10Z"), true, kv{"aws:CurrentTime": one("10")}, True},
		{"C5.7 fractional seconds", "DateLessThan", "t", one("2026-01-01T00:00:00.5Z"), true, kv{"t": one("2026-01-01T00:00:00.25Z")}, True},
		{"C5.7 year-month form", "DateLessThan", "t", one("2026-02"), true, kv{"t": one("2026-01-31T23:00:00Z")}, True},
		{"C5.0 date without zone in request", "DateNotEquals", "t", one("2026-01-01"), true, kv{"t": one("2026-01-01T00:00:00")}, Unknown},

		// Bool (C5.8) and the MFA truth table (S9.7).
		{"C5.8 true", "Bool", "aws:SecureTransport", one("true"), true, kv{"aws:SecureTransport": one("true")}, True},
		{"C5.8 false", "Bool", "aws:SecureTransport", one("true"), true, kv{"aws:SecureTransport": one("false")}, False},
		{"C5.8 case-insensitive", "Bool", "aws:SecureTransport", one("TRUE"), true, kv{"aws:SecureTransport": one("True")}, True},
		{"S9.7 Bool MFA false with long-term keys (absent)", "Bool", "aws:MultiFactorAuthPresent", one("false"), true, kv{}, False},
		{"S9.7 BoolIfExists MFA false with long-term keys", "BoolIfExists", "aws:MultiFactorAuthPresent", one("false"), true, kv{}, True},
		{"C5.8 variable", "Bool", "k", one("${aws:PrincipalTag/flag}"), true, kv{"k": one("true"), "aws:PrincipalTag/flag": one("true")}, True},

		// Binary (C5.9).
		{"C5.9 equal bytes", "BinaryEquals", "k", one("QmluYXJ5VmFsdWU="), true, kv{"k": one("QmluYXJ5VmFsdWU=")}, True},
		{"C5.9 different bytes", "BinaryEquals", "k", one("QmluYXJ5VmFsdWU="), true, kv{"k": one("b3RoZXI=")}, False},

		// IP (C5.10).
		{"C5.10 in CIDR", "IpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{"aws:SourceIp": one("203.0.113.77")}, True},
		{"C5.10 bare address is /32", "IpAddress", "aws:SourceIp", one("203.0.113.0"), true, kv{"aws:SourceIp": one("203.0.113.7")}, False},
		{"C5.10 host bits masked", "IpAddress", "aws:SourceIp", one("203.0.113.5/24"), true, kv{"aws:SourceIp": one("203.0.113.200")}, True},
		{"C5.10 IPv6", "IpAddress", "aws:SourceIp", one("2001:DB8:1234:5678::/64"), true, kv{"aws:SourceIp": one("2001:db8:1234:5678::1")}, True},
		{"C5.10 mixed list", "IpAddress", "aws:SourceIp", []string{"2001:db8::/32", "198.51.100.0/24"}, true, kv{"aws:SourceIp": one("198.51.100.1")}, True},
		{"C5.10 IPv4-mapped request", "IpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{"aws:SourceIp": one("::ffff:203.0.113.9")}, True},
		{"C5.10 VPC endpoint: key absent", "NotIpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{}, True},
		{"C5.10 NotIpAddress outside", "NotIpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{"aws:SourceIp": one("198.51.100.1")}, True},
		{"C5.10 + C5.0 (2026-12) unreadable request value, positive operator: indeterminate", "IpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{"aws:SourceIp": one("nope")}, Unknown},
		{"C5.10 + C5.0 (2026-12) an address with a space is unreadable", "IpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{"aws:SourceIp": one("203.0.113.7 ")}, Unknown},
		{"C5.10 + C5.0 (2026-12) an address with a zone is unreadable", "NotIpAddress", "aws:SourceIp", one("2001:db8::/32"), true, kv{"aws:SourceIp": one("fe80::1%eth0")}, Unknown},
		{"C5.10 IPv6 request inside", "IpAddress", "aws:SourceIp", one("2001:db8::/32"), true, kv{"aws:SourceIp": one("2001:db8::7")}, True},
		{"C5.10 IPv4-mapped IPv6 compares as IPv4", "IpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{"aws:SourceIp": one("::ffff:203.0.113.9")}, True},
		{"C5.10 unreadable request negated", "NotIpAddress", "aws:SourceIp", one("203.0.113.0/24"), true, kv{"aws:SourceIp": one("nope")}, Unknown},

		// ARN (C5.11).
		{"C5.11 ArnLike", "ArnLike", "aws:SourceArn", one("arn:aws:s3:::bucket-*"), true, kv{"aws:SourceArn": one("arn:aws:s3:::bucket-1")}, True},
		{"C5.11 ArnEquals takes wildcards too", "ArnEquals", "aws:SourceArn", one("arn:aws:s3:::bucket-*"), true, kv{"aws:SourceArn": one("arn:aws:s3:::bucket-1")}, True},
		{"C5.11 no colon crossing", "ArnLike", "aws:SourceArn", one("arn:aws:someservice:*:111122223333:finance/*"), true, kv{"aws:SourceArn": one("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt")}, False},
		{"C5.11 StringLike does cross", "StringLike", "aws:SourceArn", one("arn:aws:someservice:*:111122223333:finance/*"), true, kv{"aws:SourceArn": one("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt")}, True},
		{"C5.11 + C5.0 not an ARN, negated: unknown", "ArnNotLike", "aws:PrincipalArn", one("arn:aws:iam::*:role/admin"), true, kv{"aws:PrincipalArn": one("x")}, Unknown},
		{"C5.11 + C5.0 (2026-12) not an ARN, positive: indeterminate", "ArnLike", "aws:PrincipalArn", one("arn:aws:iam::*:role/admin"), true, kv{"aws:PrincipalArn": one("x")}, Unknown},
		{"C5.11 + C5.0 (2026-12) wrong-case ARN prefix: indeterminate", "ArnEquals", "aws:SourceArn", one("arn:aws:s3:::b"), true, kv{"aws:SourceArn": one("ARN:aws:s3:::b")}, Unknown},
		{"C5.11 + C5.0 (2026-12) wrong-case partition: indeterminate", "ArnNotEquals", "aws:SourceArn", one("arn:aws:s3:::b"), true, kv{"aws:SourceArn": one("arn:AWS:s3:::b")}, Unknown},
		{"C5.11 ArnNotEquals", "ArnNotEquals", "aws:PrincipalArn", one("arn:aws:iam::111122223333:role/admin"), true, kv{"aws:PrincipalArn": one("arn:aws:iam::111122223333:role/admin")}, False},

		// Null (C5.13).
		{"C5.13 true absent", "Null", "aws:TokenIssueTime", one("true"), true, kv{}, True},
		{"C5.13 true present", "Null", "aws:TokenIssueTime", one("true"), true, kv{"aws:TokenIssueTime": one("x")}, False},
		{"C5.13 false present", "Null", "k", one("false"), true, kv{"k": one("x")}, True},
		{"C5.13 false absent", "Null", "k", one("false"), true, kv{}, False},
		{"C5.13 empty list is null", "Null", "aws:TagKeys", one("false"), true, kv{"aws:TagKeys": {}}, False},

		// Variables (V6.x).
		{"V6.1 variable", "StringEquals", "s3:prefix", one("home/${aws:username}"), true, kv{"s3:prefix": one("home/alice"), "aws:username": one("alice")}, True},
		{"V6.1 variable key case-insensitive", "StringEquals", "s3:prefix", one("home/${AWS:USERNAME}"), true, kv{"s3:prefix": one("home/alice"), "aws:username": one("alice")}, True},
		{"V6.5 missing variable matches nothing", "StringLike", "s3:prefix", one("home/${aws:username}*"), true, kv{"s3:prefix": one("home/")}, False},
		{"V6.5 missing variable: other values still count", "StringLike", "s3:prefix", []string{"home/${aws:username}/*", "public/*"}, true, kv{"s3:prefix": one("public/x")}, True},
		{"V6.5 + C5.0 missing variable in negated: unknown, so the documented Deny applies and no Allow does", "StringNotEquals", "s3:ExistingObjectTag/Team", one("${aws:PrincipalTag/Team}"), true, kv{"s3:ExistingObjectTag/Team": one("blue")}, Unknown},
		{"V6.5 missing variable in negated, another value equal: false", "StringNotEquals", "k", []string{"${aws:PrincipalTag/Team}", "blue"}, true, kv{"k": one("blue")}, False},
		{"C5.15 one-element list key is multivalued", "StringEquals", "k", one("a"), true, kv{"k": one("a")}, True},
		{"V6.3 default", "StringEquals", "k", one("${aws:PrincipalTag/team, 'company-wide'}"), true, kv{"k": one("company-wide")}, True},
		{"V6.2 escapes are literal", "StringLike", "k", one("a${*}b"), true, kv{"k": one("a*b")}, True},
		{"V6.2 escapes are literal", "StringLike", "k", one("a${*}b"), true, kv{"k": one("axb")}, False},
		{"V6.6 substituted text is literal", "StringLike", "k", one("${aws:PrincipalTag/p}"), true, kv{"k": one("abc"), "aws:PrincipalTag/p": one("a*")}, False},
		{"G1.2 no 2012 version: variables are literal", "StringEquals", "k", one("${aws:username}"), false, kv{"k": one("${aws:username}"), "aws:username": one("alice")}, True},
		{"V6.1 + C5.0 (2026-12) a multivalued key is no variable: its value is doubtful", "StringEquals", "k", one("${aws:TagKeys}"), true, kv{"k": one("a"), "aws:TagKeys": {"a", "b"}}, Unknown},
		{"V6.5 an absent variable without default matches nothing (positive)", "StringEquals", "k", one("${aws:username}"), true, kv{"k": one("a")}, False},
		{"V6.5 + C5.0 an absent variable in a negated operator: indeterminate", "StringNotEquals", "k", one("${aws:username}"), true, kv{"k": one("a")}, Unknown},
		{"V6.4 ARN operator variables", "ArnLike", "aws:SourceArn", one("arn:aws:s3:::${aws:PrincipalTag/bucket}"), true, kv{"aws:SourceArn": one("arn:aws:s3:::b1"), "aws:PrincipalTag/bucket": one("b1")}, True},
	}
	for _, tt := range tests {
		op, err := ParseOp(tt.op)
		if err != nil {
			t.Errorf("%s: ParseOp(%q): %v", tt.rule, tt.op, err)
			continue
		}
		c, err := Compile(op, tt.key, tt.values, tt.vars)
		if err != nil {
			t.Errorf("%s: Compile: %v", tt.rule, err)
			continue
		}
		if got := c.Eval(ctxOf(tt.ctx)); got != tt.want {
			t.Errorf("%s: %s %s %q with %v = %v, want %v", tt.rule, tt.op, tt.key, tt.values, tt.ctx, got, tt.want)
		}
	}
}

func TestParseOp(t *testing.T) {
	good := []string{"StringEquals", "ForAnyValue:StringLike", "ForAllValues:StringNotEqualsIgnoreCase", "ArnNotLikeIfExists",
		"ForAnyValue:StringEqualsIfExists", "Null", "BinaryEqualsIfExists", "ForAllValues:Bool", "DateLessThanEquals", "NotIpAddressIfExists"}
	for _, s := range good {
		op, err := ParseOp(s)
		if err != nil {
			t.Errorf("ParseOp(%q): %v", s, err)
			continue
		}
		if op.String() != s {
			t.Errorf("ParseOp(%q).String() = %q", s, op.String())
		}
	}
	bad := map[string]string{
		"stringequals":               "did you mean \"StringEquals\"", // G1.11
		"StringEqual":                "unknown",
		"NullIfExists":               "NullIfExists",  // C5.13
		"ForAllValues:Null":          "set qualifier", // C5.14
		"ForAnyValue:BinaryEquals":   "set qualifier", // C5.16
		"ForSomeValues:StringEquals": "unknown",
		"":                           "unknown",
		"IfExists":                   "unknown",
	}
	for s, want := range bad {
		_, err := ParseOp(s)
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeUnknownOperator || !strings.Contains(e.Msg, want) {
			t.Errorf("ParseOp(%q) = %v, want unknown-operator error mentioning %q", s, err, want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		op, key string
		values  []string
		code    ErrorCode
		index   int
	}{
		{"NumericLessThan", "n", []string{"1", "ten"}, CodeBadValue, 1},
		{"NumericEquals", "n", []string{"1e3"}, CodeBadValue, 0},
		{"ArnLike", "a", []string{"not-an-arn"}, CodeBadValue, 0},
		{"NumericEquals", "n", []string{"+1"}, CodeBadValue, 0},
		{"DateLessThan", "t", []string{"yesterday"}, CodeBadValue, 0},
		{"DateLessThan", "t", []string{"2026-01-01T10:00:00"}, CodeBadValue, 0}, // C5.7 DOC-GAP: no zone
		{"DateLessThan", "t", []string{"2026-02-30"}, CodeBadValue, 0},
		{"Bool", "b", []string{"yes"}, CodeBadValue, 0},
		{"BinaryEquals", "b", []string{"not base64!"}, CodeBadValue, 0},
		{"IpAddress", "ip", []string{"10.0.0.0/33"}, CodeBadValue, 0},
		{"IpAddress", "ip", []string{"example.com"}, CodeBadValue, 0},
		{"Null", "k", []string{"maybe"}, CodeBadValue, 0},
		{"StringEquals", "k", []string{"${aws:username"}, CodeBadVariable, 0},
		{"StringEquals", "k", []string{"${aws:username,'x'}"}, CodeBadVariable, 0},
		{"StringEquals", "k", []string{"${}"}, CodeBadVariable, 0},
		{"StringEquals", "k", nil, CodeNoValues, -1},
		{"StringEquals", "", []string{"x"}, CodeBadKey, -1},
		{"StringEquals", "${aws:username}", []string{"x"}, CodeBadKey, -1},
	}
	for _, tt := range tests {
		op, _ := ParseOp(tt.op)
		_, err := Compile(op, tt.key, tt.values, true)
		var e *Error
		if !errors.As(err, &e) || e.Code != tt.code || e.ValueIndex != tt.index {
			t.Errorf("Compile(%s, %q, %q) = %v, want code %s at %d", tt.op, tt.key, tt.values, err, tt.code, tt.index)
		}
	}
}

func TestBlock(t *testing.T) {
	mk := func(op, key string, vals ...string) *Condition {
		o, _ := ParseOp(op)
		c, err := Compile(o, key, vals, true)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	b := NewBlock(mk("IpAddress", "aws:SourceIp", "203.0.113.0/24"), mk("StringLike", "s3:prefix", "home/${aws:username}/*"), mk("NumericNotEquals", "n", "1"))
	ctx := ctxOf(kv{"aws:SourceIp": one("203.0.113.1"), "s3:prefix": one("home/alice/x"), "aws:username": one("alice"), "n": one("2")})
	if b.Eval(ctx) != True { // C5.1 all operators AND
		t.Fatal("block should hold")
	}
	set := func(k, v string) {
		for i := range ctx.Keys {
			if ctx.Keys[i].Key == k {
				ctx.Keys[i].Values = one(v)
			}
		}
	}
	set("aws:SourceIp", "198.51.100.1")
	if b.Eval(ctx) != False { // C5.1 one false operator fails the block
		t.Fatal("block should fail")
	}
	set("aws:SourceIp", "203.0.113.1")
	set("n", "x")
	if b.Eval(ctx) != Unknown { // C5.0
		t.Fatal("block should be unknown")
	}
	// C5.15: a list-typed key with one value is still multivalued.
	multi := &Context{Keys: []Entry{{Key: "k", Values: one("a"), Multi: true}}}
	// The unqualified operator is false only where both set readings are (2026-12).
	if mk("StringEquals", "k", "a").Eval(multi) != Unknown || mk("StringEquals", "k", "b").Eval(multi) != False || mk("ForAnyValue:StringEquals", "k", "a").Eval(multi) != True {
		t.Fatal("Multi entry")
	}
	var empty Block
	if empty.Eval(nil) != True || empty.Len() != 0 {
		t.Fatal("empty block holds")
	}
	missing := b.MissingKeys(&Context{}, nil)
	if strings.Join(missing, ",") != "aws:SourceIp,s3:prefix,aws:username,n" { // M10.3
		t.Fatalf("MissingKeys = %v", missing)
	}
}

func TestLexVariables(t *testing.T) {
	segs, vars, err := LexVariables("a/${aws:username}/${*}/${x, 'd e'}", true)
	if err != nil || len(segs) != 6 || len(vars) != 2 || vars[1] != (Variable{Key: "x", Default: "d e", HasDefault: true}) || vars[1].String() != "${x, 'd e'}" {
		t.Fatalf("LexVariables: %+v %+v %v", segs, vars, err)
	}
}

func TestEvalDoesNotAllocate(t *testing.T) {
	mk := func(op, key string, vals ...string) *Condition {
		o, _ := ParseOp(op)
		c, _ := Compile(o, key, vals, true)
		return c
	}
	b := NewBlock(
		mk("IpAddress", "aws:SourceIp", "203.0.113.0/24", "198.51.100.0/24", "2001:db8::/32"),
		mk("StringLike", "s3:prefix", "home/${aws:username}/*"),
		mk("DateLessThan", "aws:CurrentTime", "2027-01-01T00:00:00Z"),
		mk("BinaryEquals", "b", "QmluYXJ5VmFsdWU="),
		mk("ForAllValues:StringEquals", "aws:TagKeys", "a", "b"),
	)
	ctx := ctxOf(kv{"aws:SourceIp": one("2001:db8::1"), "s3:prefix": one("home/alice/x"), "aws:username": one("alice"),
		"aws:CurrentTime": one("2026-11-23T10:00:00Z"), "b": one("QmluYXJ5VmFsdWU="), "aws:TagKeys": {"a", "b"}})
	if b.Eval(ctx) != True {
		t.Fatal("block should hold")
	}
	if n := testing.AllocsPerRun(100, func() { b.Eval(ctx) }); n != 0 {
		t.Fatalf("Eval allocates %v times", n)
	}
}

func TestParseEntry(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want []Entry
		err  bool
	}{
		{in: []string{"aws:SourceIp=203.0.113.7"}, want: []Entry{{Key: "aws:SourceIp", Values: []string{"203.0.113.7"}}}},
		// C5.15: a comma makes a multivalued key; a repeated key adds values.
		{in: []string{"aws:TagKeys=a,b", "aws:TagKeys=c"}, want: []Entry{{Key: "aws:TagKeys", Values: []string{"a", "b", "c"}, Multi: true}}},
		{in: []string{"k=v", "k=w"}, want: []Entry{{Key: "k", Values: []string{"v", "w"}, Multi: true}}},
		// C5.2, C5.0 (2026-12, probe P4): a key repeated with other letter case is ambiguous
		// (aws:ResourceTag/Env and aws:ResourceTag/env may be two tags); merging them made
		// ForAnyValue:StringEquals aws:ResourceTag/env "dev" allow where Decide refuses the
		// request.
		{in: []string{"aws:TagKeys=a,b", "AWS:tagkeys=c"}, err: true},
		{in: []string{"aws:ResourceTag/Env=prod", "aws:ResourceTag/env=dev"}, err: true},
		{in: []string{"k="}, want: []Entry{{Key: "k", Values: []string{""}}}},
		{in: []string{"novalue"}, err: true},
		{in: []string{"=v"}, err: true},
	} {
		got, err := ParseEntries(tc.in)
		if (err != nil) != tc.err || !tc.err && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseEntries(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func ExampleParseEntry() {
	e, _ := ParseEntry("aws:TagKeys=team,owner")
	fmt.Println(e.Key, e.Values, e.Multi)
	// Output: aws:TagKeys [team owner] true
}

// TestUnicodeKeyFolding: keys compare without ASCII case (C5.2); a request key equal to a
// non-ASCII policy key only under Unicode case folding is uncertain (C5.0, DOC-GAP), so the
// condition is unknown for positive and negated operators alike.
func TestUnicodeKeyFolding(t *testing.T) {
	for _, tt := range []struct {
		op   Operator
		key  string // the request's key
		want Result
	}{
		{StringEquals, "aws:PrincipalTag/\u00e9quipe", True},       // the same key
		{StringEquals, "AWS:principaltag/\u00e9quipe", True},       // ASCII case only
		{StringEquals, "aws:PrincipalTag/\u00c9QUIPE", Unknown},    // Unicode case: may be the key
		{StringNotEquals, "aws:PrincipalTag/\u00c9QUIPE", Unknown}, // negated alike
		{StringEquals, "aws:PrincipalTag/other", False},            // absent (C5.4)
	} {
		c, err := Compile(Op{Operator: tt.op}, "aws:PrincipalTag/\u00e9quipe", []string{"x"}, true)
		if err != nil {
			t.Fatal(err)
		}
		ctx := &Context{Keys: []Entry{{Key: tt.key, Values: []string{"x"}}}}
		if got := c.Eval(ctx); got != tt.want {
			t.Errorf("%v with request key %q: %v, want %v", tt.op, tt.key, got, tt.want)
		}
	}
}

// TestSpendNeverWraps: a charge larger than what the budget has left (math.MaxInt: a product of
// sizes that saturated, internal/sat) spends it, and so does a negative one; the budget stays
// spent whatever is charged afterwards (C5.0: Spent += n wrapped to a negative count and let
// the decision go on unbounded).
func TestSpendNeverWraps(t *testing.T) {
	for _, huge := range []int{math.MaxInt, -1} {
		ctx := &Context{Budget: 100}
		if !ctx.Spend(50) {
			t.Fatal("Spend(50) of 100: spent")
		}
		if ctx.Spend(huge) {
			t.Errorf("Spend(%d) after 50 of 100: holds", huge)
		}
		for _, n := range []int{0, 1, math.MaxInt} {
			if ctx.Spend(n) {
				t.Errorf("Spend(%d) after Spend(%d): holds", n, huge)
			}
		}
	}
	ctx := &Context{Budget: math.MaxInt}
	if !ctx.Spend(math.MaxInt) || ctx.Spend(1) {
		t.Errorf("Budget MaxInt: Spend(MaxInt) must hold, a further Spend(1) not (Spent %d)", ctx.Spent)
	}
}
