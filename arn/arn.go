// Package arn parses Amazon Resource Names and matches them, and action names, against the
// wildcard patterns IAM policies use.
//
// An ARN has six colon-separated parts, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, where the
// resource part keeps any further colons and slashes of its own. [Parse] splits a string into an
// [ARN] value; the helpers on ARN answer the questions an authorization engine asks about the
// principal that makes a call (is it a user, a role session, the account root?).
//
// Patterns are compiled once with [Compile] (or the shorthands [CompileAction],
// [CompileResource], [CompileARN] and [CompileString]) under one of the documented matching
// rules, and then matched many times without allocating. IAM's only wildcards are '*' (any run of
// characters, possibly empty) and '?' (exactly one Unicode code point); every other character,
// '[', ']', '{', '}', '\\' and '!' included, is literal. In Resource patterns ([RuleResource],
// SEMANTICS R3.3 as corrected 2026-12) only a '*' that ends its colon-separated segment may match
// ':'; [Pattern.MatchResource] also reports a match that only an older, looser reading allows.
// Matching time is polynomial in the lengths of the pattern and the input, never exponential in
// the number of wildcards, and near-linear on typical inputs. A compiler that builds many
// patterns at once (a policy's resources, say) can store them in a [Batch], one allocation per
// block.
package arn

import (
	"fmt"
	"strings"
)

// ARN is a parsed Amazon Resource Name. It is a comparable value; the zero ARN is not valid.
type ARN struct {
	Partition string // aws, aws-cn, aws-us-gov, ...
	Service   string // iam, s3, sts, ...
	Region    string // empty for global services such as IAM and S3
	Account   string // 12-digit account id; empty for S3 buckets and objects
	Resource  string // everything after the fifth colon, with its own ':' and '/'
}

// ParseError describes why a string is not an ARN.
type ParseError struct {
	Input  string // the text given to Parse
	Offset int    // byte offset in Input where the problem was found
	Reason string // what was expected
}

// Error implements error.
func (e *ParseError) Error() string {
	return fmt.Sprintf("arn: invalid ARN %q: %s (at offset %d)", e.Input, e.Reason, e.Offset)
}

var knownPartitions = [...]string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// KnownPartition reports whether p is one of the partitions AWS documents: aws, aws-cn,
// aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f and aws-eusc. Parse accepts other
// partitions; validation reports them as warnings.
func KnownPartition(p string) bool {
	for _, k := range knownPartitions {
		if p == k {
			return true
		}
	}
	return false
}

// Parse splits s into its six parts. It requires the "arn:" prefix, at least five colons, a
// partition made of lower-case letters, digits and '-', a non-empty service and a non-empty
// resource. The returned error is a *ParseError.
func Parse(s string) (ARN, error) {
	if !strings.HasPrefix(s, "arn:") {
		return ARN{}, &ParseError{Input: s, Offset: 0, Reason: `expected the prefix "arn:"`}
	}
	var parts [5]string
	rest := s[4:]
	off := 4
	for i := 0; i < 4; i++ {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return ARN{}, &ParseError{Input: s, Offset: len(s), Reason: fmt.Sprintf("expected 6 colon-separated parts, found %d", i+2)}
		}
		parts[i] = rest[:j]
		rest = rest[j+1:]
		off += j + 1
	}
	parts[4] = rest
	a := ARN{Partition: parts[0], Service: parts[1], Region: parts[2], Account: parts[3], Resource: parts[4]}
	if a.Partition == "" {
		return ARN{}, &ParseError{Input: s, Offset: 4, Reason: "empty partition"}
	}
	for i := 0; i < len(a.Partition); i++ {
		c := a.Partition[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return ARN{}, &ParseError{Input: s, Offset: 4 + i, Reason: fmt.Sprintf("partition %q may contain only lower-case letters, digits and '-'", a.Partition)}
		}
	}
	if a.Service == "" {
		return ARN{}, &ParseError{Input: s, Offset: 5 + len(a.Partition), Reason: "empty service"}
	}
	if a.Resource == "" {
		return ARN{}, &ParseError{Input: s, Offset: len(s), Reason: "empty resource"}
	}
	return a, nil
}

// MustParse is like Parse but panics on error. It is meant for constants in tests and examples.
func MustParse(s string) ARN {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

// String returns the ARN in its text form.
func (a ARN) String() string {
	if a.IsZero() {
		return ""
	}
	return string(a.AppendTo(make([]byte, 0, 9+len(a.Partition)+len(a.Service)+len(a.Region)+len(a.Account)+len(a.Resource))))
}

// AppendTo appends the text form of a to b and returns the extended buffer.
func (a ARN) AppendTo(b []byte) []byte {
	b = append(b, "arn:"...)
	b = append(b, a.Partition...)
	b = append(b, ':')
	b = append(b, a.Service...)
	b = append(b, ':')
	b = append(b, a.Region...)
	b = append(b, ':')
	b = append(b, a.Account...)
	b = append(b, ':')
	return append(b, a.Resource...)
}

// IsZero reports whether a is the zero ARN.
func (a ARN) IsZero() bool { return a == ARN{} }

// MarshalText implements encoding.TextMarshaler.
func (a ARN) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; the text must parse.
func (a *ARN) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*a = p
	return nil
}

// AccountOf returns the account field of the ARN text s without allocating, or "" when s is not
// an ARN or has no account (S3 bucket ARNs, for example).
func AccountOf(s string) string {
	f, n := Split(s)
	if n < 6 || f[0] != "arn" {
		return ""
	}
	return f[4]
}

// Split cuts s at its first five colons into at most six fields, without allocating, and returns
// them with their number n (1 to 6); the sixth field keeps any further colons. It does not check
// that s is an ARN: f[0] is "arn" for one, and a pattern or a short ARN has fewer fields. Every
// reader of ARN parts in this module uses it (eval's per-request reader of the caller is the one
// measured fast path, tested against Parse).
func Split(s string) (f [6]string, n int) {
	for n < 5 {
		i := strings.IndexByte(s, ':')
		if i < 0 {
			break
		}
		f[n] = s[:i]
		s = s[i+1:]
		n++
	}
	f[n] = s
	return f, n + 1
}

// IsAccountID reports whether s is an AWS account id: exactly 12 ASCII digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// WildcardInIAMResourceType reports an IAM ARN whose resource-type word (user, role, policy, ...)
// holds a wildcard, such as "arn:aws:iam::1:u*" or "arn:aws:iam::1:*/alice". The IAM user guide
// says such ARNs are invalid (R3.3, [IDN]); "arn:aws:iam::1:*" (every IAM resource) is not one of
// them. Other services' ARNs use type-word wildcards freely (AWS managed policies hold
// "arn:aws:execute-api:*:*:*/prod/*/put-log-data"): there they are ordinary wildcards.
func WildcardInIAMResourceType(text string) bool {
	f, n := Split(text)
	if n < 6 || f[0] != "arn" || f[2] != "iam" || f[5] == "*" {
		return false
	}
	word, _, _ := strings.Cut(f[5], "/")
	return indexWild(word) >= 0
}
