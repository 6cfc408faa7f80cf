package eval_test

// Fail-closed tests of issue 14 (SEMANTICS C5.0, 2026-12: a request the engine cannot be sure of
// never allows; a malformed request, one that Request.Validate rejects, is decided ImplicitDeny).
// The scenario files testdata/scenarios/failclosed-*.json hold the same rules as decisions; this
// file holds what the scenario format cannot say (two context keys differing only by case,
// invalid UTF-8, the typed error), a property test over generated cases, and allocation checks.

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
)

const (
	fcAlice   = "arn:aws:iam::111122223333:user/alice"
	fcSession = "arn:aws:sts::111122223333:assumed-role/reader/s1"
	fcRole    = "arn:aws:iam::111122223333:role/ops/reader"
	fcObject  = "arn:aws:s3:::example-bucket/reports/q1.csv"
	fcAccount = "111122223333"
)

// fcEntry builds a single-valued context entry.
func fcEntry(key, value string) condition.Entry {
	return condition.Entry{Key: key, Values: []string{value}}
}

// fcReq is a well-formed request of alice for fcObject in her own account, with ctx.
func fcReq(ctx ...condition.Entry) eval.Request {
	return eval.Request{Principal: fcAlice, Action: "s3:GetObject", Resource: fcObject, ResourceAccount: fcAccount, Context: ctx}
}

// fcCompile parses docs as identity policies (resource, when not "", as the resource policy).
func fcCompile(t testing.TB, opts eval.Options, resource string, identity ...string) *eval.Evaluator {
	t.Helper()
	var set eval.PolicySet
	for i, d := range identity {
		set.Identity = append(set.Identity, mustParse(t, fmt.Sprintf("identity%d.json", i), d))
	}
	if resource != "" {
		set.Resource = mustParse(t, "resource.json", resource)
	}
	ev, err := opts.Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// fcDecide decides req with Decide and Explain and checks that they agree.
func fcDecide(t testing.TB, ev *eval.Evaluator, req eval.Request) (eval.Decision, *eval.Explanation) {
	t.Helper()
	d := ev.Decide(req)
	x := ev.Explain(req)
	if x.Decision != d {
		t.Errorf("Decide says %v, Explain says %v\n%s", d, x.Decision, x)
	}
	return d, x
}

// TestReproducers runs the three reproducers of issue 14, each with the identity policy
// Allow s3:* on * plus a Deny, for alice in the resource's account.
func TestReproducers(t *testing.T) {
	withDeny := func(cond string) string {
		deny := `{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"` + cond + `}`
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},` + deny + `]}`
	}
	cases := []struct {
		name string
		deny string
		req  eval.Request
		want eval.Decision
		// field is the RequestError field for a malformed request, "" for a well-formed one.
		field string
	}{
		{"C5.15 C5.0 unqualified StringEquals Deny on aws:SourceVpce [vpce-bad vpce-good]",
			withDeny(`,"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-bad"}}`),
			fcReq(condition.Entry{Key: "aws:SourceVpce", Values: []string{"vpce-bad", "vpce-good"}}), eval.ExplicitDeny, ""},
		{"C5.2 C5.0 aws:ResourceTag/Env=dev and aws:ResourceTag/env=prod in one request",
			withDeny(`,"Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}`),
			fcReq(fcEntry("aws:ResourceTag/Env", "dev"), fcEntry("aws:ResourceTag/env", "prod")), eval.ImplicitDeny, "Context"},
		{"C5.2 C5.0 the same two tags in the other order",
			withDeny(`,"Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}`),
			fcReq(fcEntry("aws:ResourceTag/env", "prod"), fcEntry("aws:ResourceTag/Env", "dev")), eval.ImplicitDeny, "Context"},
		{"A2.1 C5.0 the action s3:GetObject*", withDeny(""),
			eval.Request{Principal: fcAlice, Action: "s3:GetObject*", Resource: fcObject, ResourceAccount: fcAccount}, eval.ImplicitDeny, "Action"},
		{"A2.1 C5.0 the action 's3:GetObject '", withDeny(""),
			eval.Request{Principal: fcAlice, Action: "s3:GetObject ", Resource: fcObject, ResourceAccount: fcAccount}, eval.ImplicitDeny, "Action"},
		// Controls: the well-formed requests decide as usual.
		{"C5.5 control: aws:SourceVpce vpce-good", withDeny(`,"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-bad"}}`),
			fcReq(fcEntry("aws:SourceVpce", "vpce-good")), eval.Allow, ""},
		{"C5.2 control: aws:ResourceTag/Env=prod alone", withDeny(`,"Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}`),
			fcReq(fcEntry("aws:ResourceTag/Env", "prod")), eval.ExplicitDeny, ""},
		{"C5.2 control: aws:ResourceTag/Env=dev alone", withDeny(`,"Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}`),
			fcReq(fcEntry("aws:ResourceTag/Env", "dev")), eval.Allow, ""},
		{"A2.1 control: s3:GetObject", withDeny(""), fcReq(), eval.ExplicitDeny, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := fcCompile(t, eval.Options{}, "", c.deny)
			got, x := fcDecide(t, ev, c.req)
			if got != c.want {
				t.Errorf("got %v, want %v\n%s", got, c.want, x)
			}
			err := c.req.Validate()
			var re *eval.RequestError
			switch {
			case c.field == "" && err != nil:
				t.Errorf("Validate: %v, want nil", err)
			case c.field != "" && !errors.As(err, &re):
				t.Errorf("Validate: %v, want a *eval.RequestError", err)
			case c.field != "" && re.Field != c.field:
				t.Errorf("Validate: field %q, want %q (%v)", re.Field, c.field, err)
			case c.field != "" && (x.Request == nil || x.Reason != "invalid-request"):
				t.Errorf("Explain does not report the invalid request: %+v", x)
			}
		})
	}
}

// fcInvalid is a malformed request with the RequestError it must produce.
type fcInvalid struct {
	name  string
	req   eval.Request
	field string
	index int    // for Field Context
	key   string // for Field Context
}

func fcWith(mod func(*eval.Request)) eval.Request {
	r := fcReq()
	mod(&r)
	return r
}

// fcInvalidRequests lists one or more malformed requests per class of Request.Validate.
func fcInvalidRequests() []fcInvalid {
	action := func(a string) eval.Request { return fcWith(func(r *eval.Request) { r.Action = a }) }
	resource := func(s string) eval.Request { return fcWith(func(r *eval.Request) { r.Resource = s }) }
	principal := func(p string) eval.Request { return fcWith(func(r *eval.Request) { r.Principal = p }) }
	session := func(ctx ...condition.Entry) eval.Request {
		return fcWith(func(r *eval.Request) {
			r.Principal = fcSession
			r.Context = append([]condition.Entry{fcEntry("aws:PrincipalArn", fcRole)}, ctx...)
		})
	}
	list := []fcInvalid{
		// Actions (A2.1, A2.4).
		{name: "A2.1 trailing *", req: action("s3:GetObject*"), field: "Action"},
		{name: "A2.1 trailing space", req: action("s3:GetObject "), field: "Action"},
		{name: "A2.1 leading space", req: action(" s3:GetObject"), field: "Action"},
		{name: "A2.2 whole wildcard", req: action("*"), field: "Action"},
		{name: "A2.3 service wildcard", req: action("s3:*"), field: "Action"},
		{name: "A2.3 question mark", req: action("s3:Get?bject"), field: "Action"},
		{name: "A2.1 tab", req: action("s3:GetObject\t"), field: "Action"},
		{name: "A2.1 NUL", req: action("s3:GetObject\x00"), field: "Action"},
		{name: "A2.1 DEL", req: action("s3:Get\x7fObject"), field: "Action"},
		{name: "A2.1 non-ASCII", req: action("s3:GetÖbject"), field: "Action"},
		{name: "A2.1 invalid UTF-8", req: action("s3:Get\xffObject"), field: "Action"},
		{name: "A2.4 two colons", req: action("s3:GetObject:x"), field: "Action"},
		{name: "A2.4 empty name", req: action("s3:"), field: "Action"},
		{name: "A2.4 empty service", req: action(":GetObject"), field: "Action"},
		{name: "A2.1 no colon", req: action("GetObject"), field: "Action"},
		{name: "A2.1 empty", req: action(""), field: "Action"},
		// Resources (R3.1, R3.4, R3.5, R3.8).
		{name: "R3.1 NUL", req: resource(fcObject + "\x00"), field: "Resource"},
		{name: "R3.1 newline", req: resource("arn:aws:s3:::b/\nk"), field: "Resource"},
		{name: "R3.1 invalid UTF-8", req: resource("arn:aws:s3:::b/\xc3"), field: "Resource"},
		{name: "R3.1 unknown partition", req: resource("arn:aws-xx:s3:::b/k"), field: "Resource"},
		{name: "R3.4 upper-case partition", req: resource("arn:AWS:s3:::b/k"), field: "Resource"},
		{name: "R3.4 upper-case service", req: resource("arn:aws:S3:::b/k"), field: "Resource"},
		{name: "R3.8 11-digit account", req: resource("arn:aws:ec2:us-east-1:11112222333:instance/i-1"), field: "Resource"},
		{name: "R3.8 letters in the account", req: resource("arn:aws:ec2:us-east-1:11112222333x:instance/i-1"), field: "Resource"},
		{name: "R3.1 upper-case region", req: resource("arn:aws:ec2:US-EAST-1:111122223333:instance/i-1"), field: "Resource"},
		{name: "R3.1 five parts", req: resource("arn:aws:ec2:us-east-1:111122223333"), field: "Resource"},
		{name: "R3.1 five parts (S3)", req: resource("arn:aws:s3::b/k"), field: "Resource"},
		{name: "R3.1 empty resource part", req: resource("arn:aws:s3:::"), field: "Resource"},
		{name: "R3.5 not an ARN", req: resource("b/k"), field: "Resource"},
		{name: "R3.5 empty", req: resource(""), field: "Resource"},
		// Principals (S9.2, S9.3, P4.x).
		{name: "P4.9 *", req: principal("*"), field: "Principal"},
		{name: "empty principal", req: principal(""), field: "Principal"},
		{name: "R3.4 arn:AWS", req: principal("arn:AWS:iam::111122223333:user/alice"), field: "Principal"},
		{name: "R3.4 arn:aws:IAM", req: principal("arn:aws:IAM::111122223333:user/alice"), field: "Principal"},
		{name: "unknown partition", req: principal("arn:aws-xx:iam::111122223333:user/alice"), field: "Principal"},
		{name: "11-digit account", req: principal("arn:aws:iam::11112222333:user/alice"), field: "Principal"},
		{name: "R3.9 region in an IAM ARN", req: principal("arn:aws:iam:us-east-1:111122223333:user/alice"), field: "Principal"},
		{name: "space in the user name", req: principal("arn:aws:iam::111122223333:user/al ice"), field: "Principal"},
		{name: "P4.10 * in the user name", req: principal("arn:aws:iam::111122223333:user/al*ce"), field: "Principal"},
		{name: "control byte in the user name", req: principal("arn:aws:iam::111122223333:user/al\x01ice"), field: "Principal"},
		{name: "65-character user name", req: principal("arn:aws:iam::111122223333:user/" + strings.Repeat("a", 65)), field: "Principal"},
		{name: "empty path segment", req: principal("arn:aws:iam::111122223333:user/a//alice"), field: "Principal"},
		{name: "session without a session name", req: principal("arn:aws:sts::111122223333:assumed-role/reader"), field: "Principal"},
		{name: "federated user name of 33 characters", req: principal("arn:aws:sts::111122223333:federated-user/" + strings.Repeat("b", 33)), field: "Principal"},
		{name: "P4.6 upper-case service principal", req: principal("S3.amazonaws.com"), field: "Principal"},
		{name: "P4.6 service principal with an empty label", req: principal("s3..amazonaws.com"), field: "Principal"},
		{name: "P4.6 service principal ending in a dot", req: principal("s3.amazonaws.com."), field: "Principal"},
		{name: "P4.13 group", req: principal("arn:aws:iam::111122223333:group/devs"), field: "Principal"},
		{name: "S3 ARN", req: principal("arn:aws:s3:::bucket"), field: "Principal"},
		{name: "P4.11 bare unique ID", req: principal("AIDAJQABLZS4A3QDU576Q"), field: "Principal"},
		{name: "bare account id", req: principal("111122223333"), field: "Principal"},
		{name: "Anonymous with a capital", req: principal("Anonymous"), field: "Principal"},
		{name: "P4.7 federated: without a provider", req: principal("federated:"), field: "Principal"},
		{name: "P4.7 space in the provider", req: principal("federated:accounts google.com"), field: "Principal"},
		// Resource account (R3.8, X8.3).
		{name: "R3.8 11-digit resource account", req: fcWith(func(r *eval.Request) { r.ResourceAccount = "11112222333" }), field: "ResourceAccount"},
		{name: "R3.8 resource account with a space", req: fcWith(func(r *eval.Request) { r.ResourceAccount = "111122223333 " }), field: "ResourceAccount"},
		// Context (C5.2, S9.2).
		{name: "C5.2 tag key twice, differing by case", req: fcReq(fcEntry("aws:ResourceTag/Env", "dev"), fcEntry("aws:ResourceTag/env", "prod")),
			field: "Context", index: 1, key: "aws:ResourceTag/env"},
		{name: "C5.2 global key twice, differing by case", req: fcReq(fcEntry("aws:SourceIp", "203.0.113.7"), fcEntry("s3:prefix", "x"), fcEntry("AWS:SOURCEIP", "198.51.100.7")),
			field: "Context", index: 2, key: "AWS:SOURCEIP"},
		{name: "C5.2 key twice, same spelling", req: fcReq(fcEntry("s3:prefix", "a"), fcEntry("s3:prefix", "a")), field: "Context", index: 1, key: "s3:prefix"},
		{name: "empty key", req: fcReq(fcEntry("", "x")), field: "Context", index: 0, key: ""},
		{name: "control byte in a key", req: fcReq(fcEntry("s3:pre\x00fix", "x")), field: "Context", index: 0, key: "s3:pre\x00fix"},
		{name: "invalid UTF-8 in a key", req: fcReq(fcEntry("s3:pre\xfffix", "x")), field: "Context", index: 0, key: "s3:pre\xfffix"},
		{name: "S9.2 empty aws:username", req: fcReq(fcEntry("aws:username", "")), field: "Context", index: 0, key: "aws:username"},
		{name: "S9.2 empty value among aws:SourceIp values", req: fcReq(condition.Entry{Key: "aws:SourceIp", Values: []string{"203.0.113.7", ""}}), field: "Context", index: 0, key: "aws:SourceIp"},
		{name: "S9.2 aws:username of another user", req: fcReq(fcEntry("aws:username", "carol")), field: "Context", index: 0, key: "aws:username"},
		{name: "S9.2 aws:username for a session", req: session(fcEntry("aws:username", "reader")), field: "Context", index: 1, key: "aws:username"},
		{name: "S9.2 aws:PrincipalArn of another user", req: fcReq(fcEntry("aws:PrincipalArn", "arn:aws:iam::111122223333:user/carol")), field: "Context", index: 0, key: "aws:PrincipalArn"},
		{name: "S9.2 P4.3 aws:PrincipalArn of another role", req: fcWith(func(r *eval.Request) {
			r.Principal, r.Context = fcSession, []condition.Entry{fcEntry("aws:PrincipalArn", "arn:aws:iam::111122223333:role/admin")}
		}), field: "Context", index: 0, key: "aws:PrincipalArn"},
		{name: "S9.2 P4.3 aws:PrincipalArn of the role in another account", req: fcWith(func(r *eval.Request) {
			r.Principal, r.Context = fcSession, []condition.Entry{fcEntry("aws:PrincipalArn", "arn:aws:iam::444455556666:role/ops/reader")}
		}), field: "Context", index: 0, key: "aws:PrincipalArn"},
		{name: "S9.2 aws:PrincipalArn with two values", req: fcWith(func(r *eval.Request) {
			r.Principal = fcSession
			r.Context = []condition.Entry{{Key: "aws:PrincipalArn", Values: []string{fcRole, "arn:aws:iam::111122223333:role/admin"}}}
		}), field: "Context", index: 0, key: "aws:PrincipalArn"},
		{name: "S9.2 aws:PrincipalArn for the anonymous caller", req: fcWith(func(r *eval.Request) {
			r.Principal, r.Context = "anonymous", []condition.Entry{fcEntry("aws:PrincipalArn", fcAlice)}
		}), field: "Context", index: 0, key: "aws:PrincipalArn"},
		{name: "S9.2 aws:PrincipalAccount of another account", req: fcReq(fcEntry("aws:PrincipalAccount", "444455556666")), field: "Context", index: 0, key: "aws:PrincipalAccount"},
		{name: "S9.2 aws:userid of another session", req: session(fcEntry("aws:userid", "AROAEXAMPLEROLEID0001:s2")), field: "Context", index: 1, key: "aws:userid"},
		{name: "S9.2 aws:userid of a session without the session part", req: session(fcEntry("aws:userid", "AROAEXAMPLEROLEID0001")), field: "Context", index: 1, key: "aws:userid"},
		{name: "S9.2 aws:userid of the root user is the account", req: fcWith(func(r *eval.Request) {
			r.Principal, r.Context = "arn:aws:iam::111122223333:root", []condition.Entry{fcEntry("aws:userid", "444455556666")}
		}), field: "Context", index: 0, key: "aws:userid"},
		{name: "S9.2 aws:PrincipalType of a session for a user", req: fcReq(fcEntry("aws:PrincipalType", "AssumedRole")), field: "Context", index: 0, key: "aws:PrincipalType"},
		{name: "S9.2 aws:PrincipalType of a user for a session", req: session(fcEntry("aws:PrincipalType", "User")), field: "Context", index: 1, key: "aws:PrincipalType"},
		{name: "S9.2 aws:PrincipalIsAWSService true for a user", req: fcReq(fcEntry("aws:PrincipalIsAWSService", "true")), field: "Context", index: 0, key: "aws:PrincipalIsAWSService"},
		{name: "S9.2 aws:PrincipalServiceName for a user", req: fcReq(fcEntry("aws:PrincipalServiceName", "s3.amazonaws.com")), field: "Context", index: 0, key: "aws:PrincipalServiceName"},
		{name: "R3.8 aws:ResourceAccount contradicts the resource account", req: fcReq(fcEntry("aws:ResourceAccount", "444455556666")), field: "Context", index: 0, key: "aws:ResourceAccount"},
		{name: "C5.2 a key twice under Unicode case folding", req: fcReq(fcEntry("aws:PrincipalTag/\u00e9quipe", "a"), fcEntry("aws:PrincipalTag/\u00c9QUIPE", "b")), field: "Context", index: 1, key: "aws:PrincipalTag/\u00c9QUIPE"},
		{name: "C5.2 a Unicode look-alike (long s) of aws:SourceIp", req: fcReq(fcEntry("aws:\u017fourceIp", "10.0.0.1")), field: "Context", index: 0, key: "aws:\u017fourceIp"},
		{name: "C5.2 a Unicode look-alike (Kelvin sign) of a tag key", req: fcReq(fcEntry("aws:PrincipalTag/\u212aey", "v")), field: "Context", index: 0, key: "aws:PrincipalTag/\u212aey"},
		{name: "S9.2 aws:EpochTime another instant than aws:CurrentTime", req: fcReq(fcEntry("aws:CurrentTime", "2024-05-01T12:00:00Z"), fcEntry("aws:EpochTime", "1903953600")), field: "Context", index: 1, key: "aws:EpochTime"},
		{name: "S9.2 aws:EpochTime a second after aws:CurrentTime", req: fcReq(fcEntry("aws:EpochTime", "1777636801"), fcEntry("AWS:CURRENTTIME", "2026-05-01T12:00:00Z")), field: "Context", index: 0, key: "aws:EpochTime"},
	}
	return list
}

// fcValidRequests lists well-formed requests of every principal kind.
func fcValidRequests() []struct {
	name string
	req  eval.Request
} {
	r := func(p string, ctx ...condition.Entry) eval.Request {
		return eval.Request{Principal: p, Action: "s3:GetObject", Resource: fcObject, ResourceAccount: fcAccount, Context: ctx}
	}
	return []struct {
		name string
		req  eval.Request
	}{
		{"IAM user", r(fcAlice)},
		{"IAM user with a path and name characters", r("arn:aws:iam::111122223333:user/division_abc/sub/J.Doe+ops@x=y,z-1")},
		{"IAM user with its derived keys", r(fcAlice, fcEntry("aws:username", "alice"), fcEntry("aws:PrincipalArn", fcAlice),
			fcEntry("AWS:principalaccount", fcAccount), fcEntry("aws:PrincipalType", "User"), fcEntry("aws:userid", "AIDAJQABLZS4A3QDU576Q"),
			fcEntry("aws:PrincipalIsAWSService", "false"), fcEntry("aws:ResourceAccount", fcAccount))},
		{"IAM user in aws-cn", r("arn:aws-cn:iam::111122223333:user/alice")},
		{"IAM user in aws-us-gov", r("arn:aws-us-gov:iam::111122223333:user/alice")},
		{"root user", r("arn:aws:iam::111122223333:root", fcEntry("aws:userid", fcAccount), fcEntry("aws:PrincipalType", "Account"))},
		{"role session with aws:PrincipalArn and aws:userid", r(fcSession, fcEntry("aws:PrincipalArn", fcRole),
			fcEntry("aws:userid", "AROAEXAMPLEROLEID0001:s1"), fcEntry("aws:PrincipalType", "AssumedRole"))},
		{"role session without aws:PrincipalArn", r(fcSession)},
		{"role session of an instance profile", r("arn:aws:sts::111122223333:assumed-role/ec2-role/i-0123456789abcdef0")},
		{"role ARN standing for a session", r("arn:aws:iam::111122223333:role/ops/reader")},
		{"federated user", r("arn:aws:sts::111122223333:federated-user/bob", fcEntry("aws:userid", "111122223333:bob"),
			fcEntry("aws:PrincipalType", "FederatedUser"))},
		{"anonymous", r("anonymous", fcEntry("aws:PrincipalAccount", "anonymous"), fcEntry("aws:userid", "anonymous"))},
		{"service principal", r("s3.amazonaws.com", fcEntry("aws:PrincipalServiceName", "s3.amazonaws.com"), fcEntry("aws:PrincipalIsAWSService", "true"))},
		{"regional service principal", r("logs.eu-south-1.amazonaws.com")},
		{"web identity provider", eval.Request{Principal: "federated:cognito-identity.amazonaws.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: fcRole}},
		{"SAML provider", eval.Request{Principal: "federated:arn:aws:iam::111122223333:saml-provider/Okta", Action: "sts:AssumeRoleWithSAML", Resource: fcRole}},
		{"resource * without an account", eval.Request{Principal: fcAlice, Action: "s3:ListAllMyBuckets", Resource: "*"}},
		{"EC2 ARN with its account", eval.Request{Principal: fcAlice, Action: "ec2:RunInstances", Resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1"}},
		{"multivalued key and keys in any case", r(fcAlice, condition.Entry{Key: "aws:TagKeys", Values: []string{"a", "b"}, Multi: true},
			fcEntry("AWS:SourceIP", "203.0.113.7"), fcEntry("s3:prefix", ""))},
		{"unreadable value of a free-text key", r(fcAlice, fcEntry("aws:SourceIp", "fe80::1%eth0"), fcEntry("s3:max-keys", "1e9"))},
		{"aws:CurrentTime and aws:EpochTime of one instant (a fraction of its second, another zone)", r(fcAlice,
			fcEntry("aws:CurrentTime", "2026-05-01T14:00:00.750+02:00"), fcEntry("aws:EpochTime", "1777636800"))},
		{"aws:EpochTime alone", r(fcAlice, fcEntry("aws:EpochTime", "1777636800"))},
		{"non-ASCII tag keys that differ", r(fcAlice, fcEntry("aws:PrincipalTag/\u00e9quipe", "a"), fcEntry("aws:PrincipalTag/\u00e9quipes", "b"))},
	}
}

// TestValidate checks Request.Validate: a typed *eval.RequestError naming the field (and the
// context entry) for every malformed class, nil for well-formed requests of every principal
// kind; Decide and Explain answer ImplicitDeny for the malformed ones even under Allow *.
func TestValidate(t *testing.T) {
	ev := fcCompile(t, eval.Options{}, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	for _, c := range fcInvalidRequests() {
		t.Run("C5.0 invalid/"+c.name, func(t *testing.T) {
			err := c.req.Validate()
			var re *eval.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("Validate(%+v) = %v, want a *eval.RequestError", c.req, err)
			}
			if re.Field != c.field {
				t.Errorf("Field %q, want %q (%v)", re.Field, c.field, err)
			}
			if c.field == "Context" {
				if re.Index != c.index || re.Key != c.key {
					t.Errorf("Index %d Key %q, want %d %q (%v)", re.Index, re.Key, c.index, c.key, err)
				}
			} else if re.Index != -1 || re.Key != "" {
				t.Errorf("Index %d Key %q for field %s, want -1 and \"\"", re.Index, re.Key, re.Field)
			}
			if re.Reason == "" || len(re.Value) > 64 || !strings.HasPrefix(err.Error(), "eval: invalid request: "+re.Field) {
				t.Errorf("error text %q, reason %q, value %q", err.Error(), re.Reason, re.Value)
			}
			if e2 := eval.DefaultLimits.Validate(c.req); e2 == nil || e2.Error() != err.Error() {
				t.Errorf("DefaultLimits.Validate = %v, Request.Validate = %v", e2, err)
			}
			d, x := fcDecide(t, ev, c.req)
			if d != eval.ImplicitDeny {
				t.Errorf("decision %v, want ImplicitDeny", d)
			}
			if x.Reason != "invalid-request" || x.FailedLayer != "request" || x.Request == nil || x.Request.Error() != err.Error() {
				t.Errorf("explanation: reason %q layer %q request %v, want invalid-request, request, %v", x.Reason, x.FailedLayer, x.Request, err)
			}
		})
	}
	for _, c := range fcValidRequests() {
		t.Run("valid/"+c.name, func(t *testing.T) {
			if err := c.req.Validate(); err != nil {
				t.Errorf("Validate: %v, want nil", err)
			}
			if d, x := fcDecide(t, ev, c.req); x.Request != nil || x.Reason == "invalid-request" {
				t.Errorf("decision %v reported as invalid: %v", d, x.Request)
			}
		})
	}
}

// TestLimitsValidate checks the size limits: over a limit the request is malformed, a negative
// limit lifts it, a zero one takes the default.
func TestLimitsValidate(t *testing.T) {
	big := strings.Repeat("a", 5000)
	many := make([]string, 300)
	for i := range many {
		many[i] = fmt.Sprint(i)
	}
	keys := make([]condition.Entry, 300)
	for i := range keys {
		keys[i] = fcEntry(fmt.Sprintf("test:k%d", i), "v")
	}
	cases := []struct {
		name  string
		req   eval.Request
		field string
		lift  eval.Limits
	}{
		{"MaxActionBytes", fcWith(func(r *eval.Request) { r.Action = "s3:" + big }), "Action", eval.Limits{MaxActionBytes: -1}},
		{"MaxResourceBytes", fcWith(func(r *eval.Request) { r.Resource = "arn:aws:s3:::b/" + big }), "Resource", eval.Limits{MaxResourceBytes: -1}},
		{"MaxPrincipalBytes", fcWith(func(r *eval.Request) { r.Principal = "arn:aws:iam::111122223333:user/" + big[:2100] + "/alice" }), "Principal", eval.Limits{MaxPrincipalBytes: -1}},
		{"MaxContextKeys", fcReq(keys...), "Context", eval.Limits{MaxContextKeys: -1}},
		{"MaxKeyBytes", fcReq(fcEntry("test:"+big[:300], "v")), "Context", eval.Limits{MaxKeyBytes: -1}},
		{"MaxValuesPerKey", fcReq(condition.Entry{Key: "aws:TagKeys", Values: many, Multi: true}), "Context", eval.Limits{MaxValuesPerKey: -1}},
		{"MaxValueBytes", fcReq(fcEntry("test:Blob", big)), "Context", eval.Limits{MaxValueBytes: -1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var re *eval.RequestError
			if err := c.req.Validate(); !errors.As(err, &re) || re.Field != c.field || !strings.Contains(re.Reason, c.name) {
				t.Errorf("Validate: %v, want a %s error naming Limits.%s", err, c.field, c.name)
			}
			if err := c.lift.Validate(c.req); err != nil {
				t.Errorf("with the limit lifted: %v", err)
			}
			if err := (eval.Limits{}).Validate(c.req); err == nil {
				t.Errorf("zero Limits must take the defaults")
			}
		})
	}
}

// --- property test -------------------------------------------------------------------------

// fcMutation is one way of spoiling a clean generated request.
type fcMutation struct {
	name string // rule ids first, for t.Run
	// invalid: the mutated request is malformed (Validate fails), so ImplicitDeny.
	invalid bool
	// keepsDeny: the mutation only adds doubt (a second value, an unreadable value), so a Deny
	// that applies to the clean request still applies (ExplicitDeny stays ExplicitDeny).
	keepsDeny bool
	apply     func(t *tape, m *mCase, req *eval.Request)
}

// fcKeyOf returns the index of the first context entry with key k (compared without case), or -1.
func fcKeyOf(req *eval.Request, k string) int {
	for i, e := range req.Context {
		if strings.EqualFold(e.Key, k) {
			return i
		}
	}
	return -1
}

// fcSet sets (replacing or adding) key k of req to the values vs.
func fcSet(req *eval.Request, k string, vs ...string) {
	e := condition.Entry{Key: k, Values: vs}
	if i := fcKeyOf(req, k); i >= 0 {
		req.Context[i] = e
		return
	}
	req.Context = append(req.Context, e)
}

var fcMutations = []fcMutation{
	{name: "C5.2 C5.0 a context key duplicated in another case", invalid: true, apply: func(t *tape, m *mCase, req *eval.Request) {
		if len(req.Context) == 0 {
			req.Context = append(req.Context, fcEntry("s3:prefix", "home/"))
		}
		e := req.Context[t.n(len(req.Context))]
		dup := condition.Entry{Key: recase(t, e.Key), Values: []string{[]string{"x", "home/alice", "true", "5"}[t.n(4)]}}
		if t.n(3) == 0 {
			dup.Values = e.Values // the same value again is still ambiguous
		}
		j := t.n(len(req.Context) + 1)
		req.Context = append(req.Context[:j:j], append([]condition.Entry{dup}, req.Context[j:]...)...)
	}},
	{name: "C5.15 C5.0 a second value for a key", keepsDeny: true, apply: func(t *tape, m *mCase, req *eval.Request) {
		var idx []int
		for i, e := range req.Context {
			if !strings.EqualFold(e.Key, "aws:PrincipalArn") { // a derived key: see the derived-key mutations
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			// No key to give a second value: adding a key the clean request lacks is no
			// "second value", and may rightly lift a Deny (an IfExists condition on an absent
			// key holds, on a present one it is read). Leave the request as it is.
			return
		}
		i := idx[t.n(len(idx))]
		e := req.Context[i]
		extra := []string{"x", "home/", "docs", "red", "blue", "true", "false", "5", "50", ""}[t.n(10)]
		vals := append(append([]string(nil), e.Values...), extra)
		if t.n(2) == 0 {
			vals[0], vals[len(vals)-1] = vals[len(vals)-1], vals[0]
		}
		req.Context[i] = condition.Entry{Key: e.Key, Values: vals, Multi: t.n(2) == 0}
	}},
	{name: "A2.1 C5.0 a space, wildcard, control byte or second colon in the action", invalid: true, apply: func(t *tape, m *mCase, req *eval.Request) {
		suffix := []string{" ", "*", "?", "\x00", "\t", "\n", ":x", "\u00a0", "\x7f"}[t.n(9)]
		if t.n(2) == 0 {
			req.Action += suffix
		} else {
			svc, name, _ := strings.Cut(req.Action, ":")
			k := t.n(len(name) + 1)
			req.Action = svc + ":" + name[:k] + suffix + name[k:]
		}
	}},
	{name: "R3.4 P4.2 C5.0 an upper-case partition", invalid: true, apply: func(t *tape, m *mCase, req *eval.Request) {
		up := func(s string) string { return "arn:" + []string{"AWS", "Aws", "aWs"}[t.n(3)] + s[len("arn:aws"):] }
		if req.Resource != "*" && t.n(2) == 0 {
			req.Resource = up(req.Resource)
		} else {
			req.Principal = up(req.Principal)
		}
	}},
	{name: "S9.2 C5.0 an empty value for a key AWS always fills", invalid: true, apply: func(t *tape, m *mCase, req *eval.Request) {
		k := []string{"aws:username", "aws:PrincipalArn", "aws:userid", "aws:PrincipalAccount", "aws:SourceIp", "aws:SecureTransport", "aws:CurrentTime"}[t.n(7)]
		fcSet(req, recase(t, k), "")
	}},
	{name: "S9.2 P4.3 C5.0 an aws:PrincipalArn that contradicts the principal", invalid: true, apply: func(t *tape, m *mCase, req *eval.Request) {
		others := []string{"arn:aws:iam::111122223333:user/carol", "arn:aws:iam::111122223333:role/admin", "arn:aws:iam::444455556666:role/ops/reader",
			"arn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:assumed-role/reader/s1", "arn:aws:iam::444455556666:user/alice"}
		for {
			v := others[t.n(len(others))]
			if v != m.caller.arn && v != m.caller.role {
				fcSet(req, "aws:PrincipalArn", v)
				return
			}
			// Draw again: an exhausted tape reads 0, and others[0] is no generated caller.
		}
	}},
	{name: "C5.0 C5.6 C5.7 C5.8 C5.10 an unreadable numeric, Bool, IP or date value", keepsDeny: true, apply: func(t *tape, m *mCase, req *eval.Request) {
		switch t.n(4) {
		case 0:
			fcSet(req, "s3:max-keys", []string{"1e9", "+5000", "+5", " 5", "5 ", "0x10", "NaN", "1,000"}[t.n(8)])
		case 1:
			fcSet(req, "aws:SecureTransport", []string{"yes", "1", "true ", "t"}[t.n(4)])
		case 2:
			fcSet(req, "aws:SourceIp", []string{"fe80::1%eth0", "203.0.113.7 ", "203.0.113.7/32", "203.0.113", "::ffff:203.0.113.300"}[t.n(5)])
		default:
			fcSet(req, "aws:CurrentTime", []string{"2026-12-03T10:00:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "99999999999", "yesterday"}[t.n(5)])
		}
	}},
}

// fcExtraStmt is a statement on the request's action whose condition reads aws:SourceIp or
// aws:CurrentTime (operators the shared generator does not draw), Allow or Deny.
func fcExtraStmt(t *tape, req eval.Request) mStmt {
	s := mStmt{deny: t.n(2) == 1, actions: []string{req.Action}, resources: []string{"*"}}
	switch t.n(4) {
	case 0:
		s.conds = []mCond{{op: "IpAddress", key: "aws:SourceIp", vals: []mVal{{text: "203.0.113.0/24"}, {text: "fe80::/10"}}, array: true}}
	case 1:
		s.conds = []mCond{{op: "NotIpAddress", key: "aws:SourceIp", vals: []mVal{{text: "198.51.100.0/24"}}}}
	case 2:
		s.conds = []mCond{{op: "DateLessThan", key: "aws:CurrentTime", vals: []mVal{{text: "2027-01-01T00:00:00Z"}}}}
	default:
		s.conds = []mCond{{op: "DateGreaterThanIfExists", key: "aws:CurrentTime", vals: []mVal{{text: "2026-06-01T00:00:00Z"}}}}
	}
	return s
}

// TestFailClosedProperties: malformed or duplicated request inputs never allow (C5.0, 2026-12).
// A clean case is drawn with the shared generator (properties_test.go), plus, at times, a
// statement reading aws:SourceIp or aws:CurrentTime with readable values in the request; the
// request is then spoiled. Whatever the mutation, the mutated request is allowed only if the
// clean one is; a malformed one is ImplicitDeny; a mutation that only adds doubt keeps a Deny
// that applies to the clean request; Decide always equals Explain's decision.
func TestFailClosedProperties(t *testing.T) {
	for _, mu := range fcMutations {
		mu := mu
		t.Run(mu.name, func(t *testing.T) {
			props := gopter.NewProperties(propParams(t))
			var seen [3][3]int // clean decision × mutated decision
			props.Property(mu.name, prop.ForAll(func(choices []int) string {
				tp := &tape{c: choices}
				extra := tp.n(3) == 2 // drawn first: an exhausted tape must mean no extra statement
				m := genCase(tp)
				if extra {
					m.identity = insert(tp, m.identity, fcExtraStmt(tp, m.req))
					fcSet(&m.req, "aws:SourceIp", []string{"203.0.113.7", "198.51.100.7", "fe80::1", "2001:db8::1"}[tp.n(4)])
					fcSet(&m.req, "aws:CurrentTime", []string{"2026-12-03T10:00:00Z", "2027-06-01T00:00:00Z", "1780000000"}[tp.n(3)])
				}
				clean := m.req
				if err := clean.Validate(); err != nil {
					return failf("the generator drew a malformed clean request: %v", err)
				}
				mut := clean
				mut.Context = append([]condition.Entry(nil), clean.Context...)
				mu.apply(tp, m, &mut)
				x, err := m.render(nil)
				if err != nil {
					return err.Error()
				}
				ev, err := eval.Compile(x.set)
				if err != nil {
					return failf("Compile: %v\n%s", err, x)
				}
				dc, dm := ev.Decide(clean), ev.Decide(mut)
				seen[dc][dm]++
				xm := ev.Explain(mut)
				x.req = mut
				verr := mut.Validate()
				var re *eval.RequestError
				switch {
				case xm.Decision != dm:
					return failf("Decide %v but Explain %v for the mutated request %q\n%s", dm, xm.Decision, mut.Action, x)
				case mu.invalid && !errors.As(verr, &re):
					return failf("the mutated request is valid (%v), want malformed\n%s", verr, x)
				case verr != nil && dm != eval.ImplicitDeny:
					return failf("malformed request (%v) decided %v, want ImplicitDeny\n%s", verr, dm, x)
				case dm == eval.Allow && dc != eval.Allow:
					return failf("the mutated request is allowed but the clean one is %v\n%s", dc, x)
				case mu.keepsDeny && verr == nil && dc == eval.ExplicitDeny && dm != eval.ExplicitDeny:
					return failf("a Deny applies to the clean request but the mutated one is %v\n%s", dm, x)
				}
				return ""
			}, tapes()))
			props.TestingRun(t)
			// The cases must reach both a clean Allow and a clean ExplicitDeny, or the property
			// says little.
			t.Logf("clean x mutated decisions (ImplicitDeny, Allow, ExplicitDeny): %v", seen)
			if n := propCount(); n >= 200 && (seen[eval.Allow][0]+seen[eval.Allow][1]+seen[eval.Allow][2] < n/100 ||
				seen[eval.ExplicitDeny][0]+seen[eval.ExplicitDeny][1]+seen[eval.ExplicitDeny][2] < n/100) {
				t.Errorf("too few clean Allow or ExplicitDeny cases: %v", seen)
			}
		})
	}
}

// --- allocations ---------------------------------------------------------------------------

// TestMalformedDoesNotAllocate: Decide allocates nothing for a malformed request, nor for a
// 1 MB BinaryEquals value with the limits lifted (or rejected under the defaults).
func TestMalformedDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector (sync.Pool)")
	}
	const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
  {"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}}]}`
	ev := fcCompile(t, eval.Options{}, "", doc)
	for _, c := range fcInvalidRequests() {
		req := c.req
		if n := testing.AllocsPerRun(50, func() { ev.Decide(req) }); n != 0 {
			t.Errorf("%s: Decide allocates %v times for a malformed request", c.name, n)
		}
	}
	// C5.9: a 1 MB request value against BinaryEquals.
	blob := make([]byte, 1<<20)
	for i := range blob {
		blob[i] = byte(i * 7)
	}
	val := base64.StdEncoding.EncodeToString(blob)
	bin := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
  "Condition":{"BinaryEquals":{"test:Blob":"` + base64.StdEncoding.EncodeToString(blob[:64]) + `"}}},
  {"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"BinaryEquals":{"test:Blob":"cXVhcmFudGluZQ=="}}}]}`
	lifted := fcCompile(t, eval.Options{Limits: eval.Limits{MaxValueBytes: -1}}, "", bin)
	def := fcCompile(t, eval.Options{}, "", bin)
	req := fcReq(fcEntry("test:Blob", val))
	if d := lifted.Decide(req); d != eval.ImplicitDeny {
		t.Errorf("1 MB BinaryEquals value, limits lifted: %v, want ImplicitDeny (no value matches)", d)
	}
	if d := def.Decide(req); d != eval.ImplicitDeny {
		t.Errorf("1 MB BinaryEquals value, default limits: %v, want ImplicitDeny (malformed)", d)
	}
	if err := req.Validate(); err == nil {
		t.Errorf("a 1 MB value is over DefaultLimits.MaxValueBytes")
	}
	if n := testing.AllocsPerRun(5, func() { lifted.Decide(req) }); n != 0 {
		t.Errorf("1 MB BinaryEquals value, limits lifted: Decide allocates %v times", n)
	}
	if n := testing.AllocsPerRun(5, func() { def.Decide(req) }); n != 0 {
		t.Errorf("1 MB BinaryEquals value, default limits: Decide allocates %v times", n)
	}
	// The matching 1 MB value of the Allow's length-64 prefix does not match either: check that
	// a readable, equal value is allowed (the condition is read, not skipped).
	ok := fcReq(fcEntry("test:Blob", base64.StdEncoding.EncodeToString(blob[:64])))
	if d := lifted.Decide(ok); d != eval.Allow {
		t.Errorf("BinaryEquals control: %v, want Allow", d)
	}
}
