package eval_test

// Attacker probes of issue 14 (SEMANTICS C5.0, 2026-12: a request the engine cannot be sure of
// never allows; a malformed request is decided ImplicitDeny). Each probe is a policy set and a
// request whose odd input (a malformed, duplicated, contradictory, multivalued, oddly cased,
// look-alike, NUL-holding, padded or percent-encoded value) could make an Allow apply or a Deny
// lapse, with the decision the rules require and why. Probes already covered by
// failclosed_test.go, fuzz_request_test.go and testdata/scenarios/failclosed-*.json are not
// repeated here.

import (
	"errors"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

const (
	p1Acct  = "111122223333"
	p1Other = "444455556666"
	p1Alice = "arn:aws:iam::111122223333:user/alice"
	p1Bob   = "arn:aws:iam::111122223333:user/bob"
	p1Sess  = "arn:aws:sts::111122223333:assumed-role/reader/s1"
	p1Role  = "arn:aws:iam::111122223333:role/reader"
	p1Obj   = "arn:aws:s3:::example-bucket/reports/q1.csv"

	// p1AllowAll: an identity policy that allows everything.
	p1AllowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	// p1Public: a resource policy that allows everyone to read example-bucket.
	p1Public = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}`
)

// p1AllowDeny is an identity policy that allows everything and denies with stmt (a statement).
func p1AllowDeny(stmt string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` + stmt + `]}`
}

// p1PublicDeny is a resource policy that allows everyone everything on example-bucket and the
// role's trust, and denies with stmt.
func p1PublicDeny(stmt string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},` + stmt + `]}`
}

// p1Only is a policy holding the statements stmts.
func p1Only(stmts string) string { return `{"Version":"2012-10-17","Statement":[` + stmts + `]}` }

type p1Probe struct {
	name     string
	identity []string
	resource string
	rcp      string // one RCP level, when not ""
	req      eval.Request
	want     eval.Decision
	invalid  bool // Validate must reject the request (then want is ImplicitDeny)
}

func p1Req(principal, action, resource, account string, ctx ...condition.Entry) eval.Request {
	return eval.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: account, Context: ctx}
}

func p1Vals(key string, vals ...string) condition.Entry {
	return condition.Entry{Key: key, Values: vals}
}

func p1Probes() []p1Probe {
	get := func(principal string, ctx ...condition.Entry) eval.Request {
		return p1Req(principal, "s3:GetObject", p1Obj, p1Acct, ctx...)
	}
	alice := func(ctx ...condition.Entry) eval.Request { return get(p1Alice, ctx...) }
	return []p1Probe{
		// --- principals -------------------------------------------------------------------
		// C5.0 S9.2: user//alice has an empty path segment (path "//"), like user/a//alice,
		// which the checks reject; AWS never sends it.
		{name: "C5.0 S9.2 user ARN with an empty first path segment (user//alice)", identity: []string{p1AllowAll},
			req: get("arn:aws:iam::111122223333:user//alice"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.2 role ARN caller with an empty first path segment (role//reader)", identity: []string{p1AllowAll},
			req: get("arn:aws:iam::111122223333:role//reader"), want: eval.ImplicitDeny, invalid: true},
		// C5.0 P4.3: aws:PrincipalArn role//reader is not the role named by the Deny
		// (role/reader) as text, yet it is no well-formed role ARN either: believed, the Deny
		// naming the role lapses and Principal * allows.
		{name: "C5.0 P4.3 session whose aws:PrincipalArn has an empty path segment", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/reader"},"Action":"*","Resource":"*"}`),
			req: get(p1Sess, p1Vals("aws:PrincipalArn", "arn:aws:iam::111122223333:role//reader")), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.2 user ARN with a trailing slash (no name)", identity: []string{p1AllowAll},
			req: get("arn:aws:iam::111122223333:user/alice/"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.2 user ARN with an empty name", identity: []string{p1AllowAll},
			req: get("arn:aws:iam::111122223333:user/"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 R3.4 upper-case ARN: prefix", identity: []string{p1AllowAll},
			req: get("ARN:aws:iam::111122223333:user/alice"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.3 assumed-role ARN with a third segment", identity: []string{p1AllowAll},
			req: get("arn:aws:sts::111122223333:assumed-role/reader/s1/extra"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.3 assumed-role ARN without a role name", identity: []string{p1AllowAll},
			req: get("arn:aws:sts::111122223333:assumed-role//s1"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.3 federated-user ARN with a path", identity: []string{p1AllowAll},
			req: get("arn:aws:sts::111122223333:federated-user/bob/x"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 P4.2 Cyrillic a in the user name (look-alike of alice)", identity: []string{p1AllowAll},
			req: get("arn:aws:iam::111122223333:user/\u0430lice"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 P4.2 zero-width space after the user name", identity: []string{p1AllowAll},
			req: get("arn:aws:iam::111122223333:user/alice\u200b"), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 P4.2 percent-encoded space in the user name", identity: []string{p1AllowAll},
			req: get("arn:aws:iam::111122223333:user/alice%20"), want: eval.ImplicitDeny, invalid: true},
		// X8.2: no access across partitions, even to a public bucket.
		{name: "X8.2 aws-cn user reads a public aws bucket", resource: p1Public,
			req: get("arn:aws-cn:iam::111122223333:user/alice"), want: eval.ImplicitDeny},
		{name: "X8.2 aws-iso-b user reads a public aws bucket", resource: p1Public,
			req: get("arn:aws-iso-b:iam::111122223333:user/alice"), want: eval.ImplicitDeny},
		{name: "X8.2 aws user reads a public aws-us-gov bucket", resource: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws-us-gov:s3:::example-bucket/*"}]}`,
			req: p1Req(p1Alice, "s3:GetObject", "arn:aws-us-gov:s3:::example-bucket/x", p1Acct), want: eval.ImplicitDeny},
		// P4.7 C5.0: identity providers are host names AWS spells in lower case (like service
		// principals, P4.6); an upper-case spelling would slip past a Deny naming the provider.
		{name: "C5.0 P4.7 federated provider in mixed case slips past a Deny naming it", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"Federated":"accounts.google.com"},"Action":"*","Resource":"*"}`),
			req: p1Req("federated:Accounts.Google.com", "sts:AssumeRoleWithWebIdentity", p1Role, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 P4.7 federated provider with a trailing dot", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"Federated":"accounts.google.com"},"Action":"*","Resource":"*"}`),
			req: p1Req("federated:accounts.google.com.", "sts:AssumeRoleWithWebIdentity", p1Role, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 P4.7 R3.4 SAML provider ARN with an upper-case partition", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":"*","Resource":"*"}`),
			req: p1Req("federated:arn:AWS:iam::111122223333:saml-provider/Okta", "sts:AssumeRoleWithSAML", p1Role, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 P4.7 SAML provider ARN with a region", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":"*","Resource":"*"}`),
			req: p1Req("federated:arn:aws:iam:us-east-1:111122223333:saml-provider/Okta", "sts:AssumeRoleWithSAML", p1Role, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "P4.7 control: the SAML provider named by the Deny", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":"*","Resource":"*"}`),
			req: p1Req("federated:arn:aws:iam::111122223333:saml-provider/Okta", "sts:AssumeRoleWithSAML", p1Role, p1Acct), want: eval.ExplicitDeny},
		// P4.2 E7.5 C5.0: an IAM user ARN in Principal also names the federated-user sessions
		// that user created with GetFederationToken; a request cannot say which user created
		// a session, so a Deny naming a user of the session's account may name it: it applies.
		{name: "C5.0 P4.2 E7.5 Deny naming an IAM user applies to a federated-user session of its account", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"*","Resource":"*"}`),
			req: get("arn:aws:sts::111122223333:federated-user/bob-proxy"), want: eval.ExplicitDeny},
		{name: "P4.2 control: Deny naming a user of another account leaves the federated-user session", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::444455556666:user/bob"},"Action":"*","Resource":"*"}`),
			req: get("arn:aws:sts::111122223333:federated-user/bob-proxy"), want: eval.Allow},
		{name: "P4.2 C5.0 Allow naming an IAM user does not grant to a federated-user session (creator unknown)", resource: p1Only(
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"*","Resource":"*"}`),
			req: get("arn:aws:sts::111122223333:federated-user/bob-proxy"), want: eval.ImplicitDeny},

		// --- actions ----------------------------------------------------------------------
		{name: "C5.0 A2.4 action s3::GetObject", identity: []string{p1AllowAll},
			req: p1Req(p1Alice, "s3::GetObject", p1Obj, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 A2.1 action with an inner space", identity: []string{p1AllowAll},
			req: p1Req(p1Alice, "s3:Get Object", p1Obj, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 A2.1 full-width colon", identity: []string{p1AllowAll},
			req: p1Req(p1Alice, "s3\uff1aGetObject", p1Obj, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 A2.1 percent-encoded colon", identity: []string{p1AllowAll},
			req: p1Req(p1Alice, "s3%3AGetObject", p1Obj, p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "A2.1 control: the action in upper case meets the Deny", identity: []string{p1AllowDeny(`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}`)},
			req: p1Req(p1Alice, "S3:GETOBJECT", p1Obj, p1Acct), want: eval.ExplicitDeny},
		// E7.10: kms:RetireGrant is exempt from RCPs; the Kelvin sign folds to k under Unicode
		// case folding, never under AWS's.
		{name: "C5.0 E7.10 Kelvin-sign kms:RetireGrant is no RCP exemption", identity: []string{p1AllowAll},
			rcp: p1Only(`{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}`),
			req: p1Req(p1Alice, "\u212ams:RetireGrant", "arn:aws:kms:us-east-1:111122223333:key/k1", ""), want: eval.ImplicitDeny, invalid: true},

		// --- resources --------------------------------------------------------------------
		// R3.9 C5.0: IAM ARNs carry no region and always an account; such a resource matches
		// no IAM ARN of a Deny, while Allow * still matches it.
		{name: "C5.0 R3.9 IAM resource ARN with a region slips past a Deny on the role", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/admin"}`)},
			req: p1Req(p1Alice, "iam:PassRole", "arn:aws:iam:us-east-1:111122223333:role/admin", ""), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 R3.9 IAM resource ARN without an account slips past a Deny on the role", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/admin"}`)},
			req: p1Req(p1Alice, "iam:PassRole", "arn:aws:iam:::role/admin", p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.3 STS resource ARN with a region", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"sts:*","Resource":"arn:aws:sts::111122223333:federated-user/*"}`)},
			req: p1Req(p1Alice, "sts:GetFederationToken", "arn:aws:sts:us-east-1:111122223333:federated-user/x", ""), want: eval.ImplicitDeny, invalid: true},
		// R3.8 X8.3 C5.0: the ARN's account owns the resource; a ResourceAccount naming the
		// caller's account instead turns a cross-account request (which needs the queue
		// policy) into a same-account one (the identity Allow suffices).
		{name: "C5.0 R3.8 X8.3 ResourceAccount contradicts the ARN's account", identity: []string{p1AllowAll},
			req: p1Req(p1Alice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:queue1", p1Acct), want: eval.ImplicitDeny, invalid: true},
		{name: "X8.1 control: the same request without ResourceAccount is cross-account", identity: []string{p1AllowAll},
			req: p1Req(p1Alice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:queue1", ""), want: eval.ImplicitDeny},
		{name: "X8.2 aws user against a public aws-cn bucket named by ARN", resource: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws-cn:s3:::example-bucket/*"}]}`,
			req: p1Req(p1Alice, "s3:GetObject", "arn:aws-cn:s3:::example-bucket/x", p1Acct), want: eval.ImplicitDeny},
		{name: "C5.0 R3.1 percent-encoded ARN", identity: []string{p1AllowAll},
			req: p1Req(p1Alice, "s3:GetObject", "arn%3Aaws%3As3%3A%3A%3Aexample-bucket/x", p1Acct), want: eval.ImplicitDeny, invalid: true},

		// --- context: zero values, odd Bool, IP, time values ---------------------------------
		// S9.7 C5.0: a key AWS always fills, present with no value at all, is doubtful (the
		// request is well formed): an unqualified or IfExists condition on it is indeterminate,
		// so the Deny applies; under ForAnyValue the empty set is false (C5.14) and the Deny
		// lapses, so the Allow must not apply either.
		{name: "C5.0 S9.7 aws:MultiFactorAuthPresent with no value: the BoolIfExists Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`)},
			req: alice(condition.Entry{Key: "aws:MultiFactorAuthPresent"}), want: eval.ExplicitDeny},
		{name: "C5.0 S9.7 aws:SecureTransport with an empty value list: the Bool Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)},
			req: alice(condition.Entry{Key: "aws:SecureTransport", Values: []string{}}), want: eval.ExplicitDeny},
		{name: "C5.0 S9.7 aws:SourceIp with no value slips past a ForAnyValue Deny: no Allow", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAnyValue:NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`)},
			req: alice(condition.Entry{Key: "aws:SourceIp", Multi: true}), want: eval.ImplicitDeny},
		{name: "C5.14 control: aws:TagKeys with no value is an empty list, no doubt", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":"env"}}}`)},
			req: alice(condition.Entry{Key: "aws:TagKeys", Multi: true}), want: eval.Allow},
		{name: "C5.8 control: aws:MultiFactorAuthPresent TRUE reads as true", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`)},
			req: alice(p1Vals("aws:MultiFactorAuthPresent", "TRUE")), want: eval.Allow},
		{name: "C5.0 C5.8 aws:MultiFactorAuthPresent yes: the Allow does not apply", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`)},
			req: alice(p1Vals("aws:MultiFactorAuthPresent", "yes")), want: eval.ImplicitDeny},
		{name: "C5.0 C5.8 aws:MultiFactorAuthPresent 1: the BoolIfExists Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`)},
			req: alice(p1Vals("aws:MultiFactorAuthPresent", "1")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.8 aws:MultiFactorAuthPresent with a NUL: the Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}`)},
			req: alice(p1Vals("aws:MultiFactorAuthPresent", "false\x00")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.8 aws:SecureTransport padded ' false': the Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)},
			req: alice(p1Vals("aws:SecureTransport", " false")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.15 aws:SecureTransport true and false: the Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)},
			req: alice(p1Vals("aws:SecureTransport", "true", "false")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.8 aws:SecureTransport with a negated Bool and an unreadable value", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)},
			req: alice(p1Vals("aws:SecureTransport", "FALSE ")), want: eval.ExplicitDeny},
		// C5.10 C5.0: 010.1.2.3 reads as 10.1.2.3 or (octal) 8.1.2.3 depending on the reader.
		{name: "C5.0 C5.10 zero-padded IPv4: the Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`)},
			req: alice(p1Vals("aws:SourceIp", "010.1.2.3")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.10 zero-padded IPv4: the Allow does not apply", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"8.0.0.0/8"}}}`)},
			req: alice(p1Vals("aws:SourceIp", "010.1.2.3")), want: eval.ImplicitDeny},
		{name: "C5.10 IPv4-mapped IPv6 meets an IPv4 Deny", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`)},
			req: alice(p1Vals("aws:SourceIp", "::ffff:10.1.2.3")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.10 NUL after the address: the Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`)},
			req: alice(p1Vals("aws:SourceIp", "10.1.2.3\x00")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.15 two source addresses, one allowed: the Allow does not apply", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`)},
			req: alice(p1Vals("aws:SourceIp", "203.0.113.7", "198.51.100.7")), want: eval.ImplicitDeny},
		{name: "C5.0 C5.15 two source addresses, one outside: the NotIpAddress Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`)},
			req: alice(p1Vals("aws:SourceIp", "203.0.113.7", "198.51.100.7")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.7 lower-case t and z in aws:CurrentTime: the Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}`)},
			req: alice(p1Vals("aws:CurrentTime", "2026-12-03t10:00:00z")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.6 aws:EpochTime in exponent form: the Deny applies", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericGreaterThan":{"aws:EpochTime":"1600000000"}}}`)},
			req: alice(p1Vals("aws:EpochTime", "1.7e9")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.7 padded aws:EpochTime: the Allow does not apply", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:EpochTime":"1800000000"}}}`)},
			req: alice(p1Vals("aws:EpochTime", " 1700000000")), want: eval.ImplicitDeny},
		// --- context: principal tags and variables --------------------------------------
		// S9.6 V6.1 C5.0: principal tags hold one value; a variable on a key given two values
		// has no certain value.
		{name: "C5.0 V6.1 ${aws:PrincipalTag/team} with two values in Resource", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:PrincipalTag/team}/*"}`)},
			req: p1Req(p1Alice, "s3:GetObject", "arn:aws:s3:::example-bucket/blue/x", p1Acct, p1Vals("aws:PrincipalTag/team", "red", "blue")), want: eval.ImplicitDeny},
		{name: "C5.0 V6.5 ${aws:PrincipalTag/team} with two values in a negated Deny", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"s3:ExistingObjectTag/team":"${aws:PrincipalTag/team}"}}}`)},
			req: alice(p1Vals("aws:PrincipalTag/team", "red", "blue"), p1Vals("s3:ExistingObjectTag/team", "blue")), want: eval.ExplicitDeny},
		{name: "C5.0 C5.15 aws:PrincipalTag/team with two values: the StringEquals Allow does not apply", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}`)},
			req: alice(p1Vals("aws:PrincipalTag/team", "red", "blue")), want: eval.ImplicitDeny},
		{name: "C5.0 V6.1 ${aws:username} for a session (absent): the Allow does not apply", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/home/${aws:username}/*"}`)},
			req: p1Req(p1Sess, "s3:GetObject", "arn:aws:s3:::example-bucket/home/reader/x", p1Acct, p1Vals("aws:PrincipalArn", p1Role)), want: eval.ImplicitDeny},

		// --- context: derived keys ----------------------------------------------------------
		// S9.2 C5.0: aws:userid has one form per kind of caller (AIDA... for a user, the account
		// id for the root user, AROA...:SESSION for a role session); another kind's form
		// contradicts the principal, and would satisfy a condition meant for that kind.
		{name: "C5.0 S9.2 an IAM user's aws:userid is the account id (the root user's)", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:userid":"111122223333"}}}`)},
			req: alice(p1Vals("aws:userid", p1Acct)), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.2 an IAM user's aws:userid is a role ID", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:userid":"AROA*"}}}`)},
			req: alice(p1Vals("aws:userid", "AROAEXAMPLEROLE00001")), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.2 a session's aws:userid holds a user ID", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:userid":"AIDA*"}}}`)},
			req: get(p1Sess, p1Vals("aws:PrincipalArn", p1Role), p1Vals("aws:userid", "AIDAEXAMPLEBOB000001:s1")), want: eval.ImplicitDeny, invalid: true},
		// C5.15 S9.2: aws:PrincipalServiceNamesList exists only for service principals.
		{name: "C5.0 S9.2 aws:PrincipalServiceNamesList for an IAM user", identity: []string{p1Only(
			`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:PrincipalServiceNamesList":"s3.amazonaws.com"}}}`)},
			req: alice(condition.Entry{Key: "aws:PrincipalServiceNamesList", Values: []string{"s3.amazonaws.com"}, Multi: true}), want: eval.ImplicitDeny, invalid: true},
		{name: "S9.2 control: aws:PrincipalServiceNamesList for its service principal", resource: p1Only(
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:PrincipalServiceNamesList":"s3.amazonaws.com"}}}`),
			req: get("s3.amazonaws.com", condition.Entry{Key: "aws:PrincipalServiceNamesList", Values: []string{"s3.amazonaws.com"}, Multi: true}), want: eval.Allow},
		{name: "C5.0 S9.2 aws:PrincipalServiceNamesList of another service", resource: p1Only(
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:PrincipalServiceNamesList":"s3.amazonaws.com"}}}`),
			req: get("sns.amazonaws.com", condition.Entry{Key: "aws:PrincipalServiceNamesList", Values: []string{"s3.amazonaws.com"}, Multi: true}), want: eval.ImplicitDeny, invalid: true},
		// S9.2 C5.0: aws:PrincipalIsAWSService is true for AWS's service domains; for another
		// host (a library user's own service) it is unknown: an Allow on either value does not
		// apply, a Deny on either value applies, a request value for it is refused.
		{name: "S9.2 control: aws:PrincipalIsAWSService of an AWS service principal", resource: p1Only(
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:PrincipalIsAWSService":"true"}}}`),
			req: get("s3.amazonaws.com"), want: eval.Allow},
		{name: "C5.0 S9.2 aws:PrincipalIsAWSService of a host outside AWS's domains: no Allow", resource: p1Only(
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:PrincipalIsAWSService":"true"}}}`),
			req: get("build.example.com"), want: eval.ImplicitDeny},
		{name: "C5.0 S9.2 aws:PrincipalIsAWSService of a host outside AWS's domains: the Deny applies", resource: p1PublicDeny(
			`{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:PrincipalIsAWSService":"false"}}}`),
			req: get("build.example.com"), want: eval.ExplicitDeny},
		{name: "C5.0 S9.2 aws:PrincipalIsAWSService claimed by a host outside AWS's domains", resource: p1Public,
			req: get("s3.amazonaws.com.example.com", p1Vals("aws:PrincipalIsAWSService", "true")), want: eval.ImplicitDeny, invalid: true},
		// S9.2 C5.0: AWS documents no aws:PrincipalType nor aws:PrincipalAccount for a service
		// principal or an identity provider: a request value for them is doubtful, refused.
		{name: "C5.0 S9.2 aws:PrincipalType sent for a service principal", resource: p1Only(
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"User"}}}`),
			req: get("s3.amazonaws.com", p1Vals("aws:PrincipalType", "User")), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.2 aws:PrincipalAccount sent for a service principal", resource: p1Only(
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}`),
			req: get("s3.amazonaws.com", p1Vals("aws:PrincipalAccount", p1Acct)), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 S9.2 aws:PrincipalAccount sent for an identity provider", resource: p1Only(
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}`),
			req: p1Req("federated:accounts.google.com", "sts:AssumeRoleWithWebIdentity", p1Role, p1Acct, p1Vals("aws:PrincipalAccount", p1Acct)), want: eval.ImplicitDeny, invalid: true},

		// --- context: key spelling -----------------------------------------------------------
		// C5.2 C5.0: a global key padded with a space is no key AWS sends; believed as another
		// key, the real one reads as absent and the Bool Deny lapses.
		{name: "C5.0 C5.2 aws:SecureTransport key padded with a space", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)},
			req: alice(p1Vals("aws:SecureTransport ", "false")), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.0 C5.2 aws:SecureTransport key with a leading space", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)},
			req: alice(p1Vals(" aws:SecureTransport", "false")), want: eval.ImplicitDeny, invalid: true},
		{name: "C5.2 control: a space inside a tag key is a tag key", identity: []string{p1AllowDeny(
			`{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/cost center":"x"}}}`)},
			req: alice(p1Vals("aws:ResourceTag/cost center", "x")), want: eval.ExplicitDeny},
	}
}

// TestProbeP1 runs the probes: Decide and Explain agree on the expected decision, and
// Validate rejects exactly the malformed requests.
func TestProbeP1(t *testing.T) {
	for _, p := range p1Probes() {
		t.Run(p.name, func(t *testing.T) {
			var set eval.PolicySet
			for i, d := range p.identity {
				set.Identity = append(set.Identity, mustParse(t, "identity"+string(rune('0'+i))+".json", d))
			}
			if p.resource != "" {
				set.Resource = mustParse(t, "resource.json", p.resource)
			}
			if p.rcp != "" {
				rp, err := policy.Options{Name: "rcp.json", Kind: policy.KindRCP}.Parse([]byte(p.rcp))
				if err != nil {
					t.Fatal(err)
				}
				set.RCP = [][]*policy.Policy{{rp}}
			}
			ev, err := eval.Compile(set)
			if err != nil {
				t.Fatal(err)
			}
			d := ev.Decide(p.req)
			x := ev.Explain(p.req)
			if x.Decision != d {
				t.Errorf("Decide %v, Explain %v", d, x.Decision)
			}
			if d != p.want {
				t.Errorf("decision %v, want %v\n%s", d, p.want, x)
			}
			if !raceEnabled {
				req := p.req
				if n := testing.AllocsPerRun(20, func() { ev.Decide(req) }); n != 0 {
					t.Errorf("Decide allocates %v times", n)
				}
			}
			verr := p.req.Validate()
			var re *eval.RequestError
			switch {
			case p.invalid && !errors.As(verr, &re):
				t.Errorf("Validate: %v, want a *eval.RequestError", verr)
			case !p.invalid && verr != nil:
				t.Errorf("Validate: %v, want nil", verr)
			}
		})
	}
}
