package eval_test

// Probes of issue 14, round five: the fields of condition.Entry beyond Key and Values (Multi,
// Unknown) against every operator family, the clock (Options.Now) and the time keys, derived
// keys given by the request (S9.2), and policy variables with defaults and escapes. Each probe
// is one statement body (Resource, NotResource, Condition) decided twice, as an Allow and as a
// Deny next to an Allow of everything, with the statement's expected three-valued result
// (C5.0): true lets the Allow apply and makes the Deny apply, false neither, unknown only the
// Deny. Probes of probe_p1..p4 and failclosed_test.go are not repeated.

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

const (
	p5Acct  = "111122223333"
	p5Alice = "arn:aws:iam::111122223333:user/alice"
	p5Sess  = "arn:aws:sts::111122223333:assumed-role/reader/s1"
	p5Role  = "arn:aws:iam::111122223333:role/reader"
	p5Fed   = "arn:aws:sts::111122223333:federated-user/bob"
	p5Obj   = "arn:aws:s3:::example-bucket/reports/q1.csv"
	// The instants of the time probes: a grant that ends at p5Expiry, a request time before it
	// (p5Old) and a clock after it (p5Now).
	p5Expiry      = "2026-06-01T00:00:00Z"
	p5ExpiryEpoch = "1780272000"
	p5Old         = "2026-01-01T00:00:00Z"
	p5OldEpoch    = "1767225600"
	p5NewEpoch    = "1798761600" // 2027-01-01T00:00:00Z
)

var p5Now = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

type p5Probe struct {
	rule string // the rule the expectation follows, and what the probe does
	// body is the statement's members after Effect and Action: Resource or NotResource, and
	// Condition.
	body        string
	principal   string // p5Alice when ""
	ctx         []condition.Entry
	clock       bool             // Options.Now returns p5Now
	want        condition.Result // the statement's result
	invalid     bool             // Validate refuses the request: both forms ImplicitDeny
	doubtful    bool             // a key AWS always fills has no value: no Allow (C5.0)
	resource    string           // the request's resource, when not p5Obj
	principalEl bool             // a resource policy: the body names a Principal
}

func p5C(cond string) string { return `"Resource":"*","Condition":{` + cond + `}` }

func p5One(k, v string) condition.Entry { return condition.Entry{Key: k, Values: []string{v}} }

func p5Multi(k string, vs ...string) condition.Entry {
	if vs == nil {
		vs = []string{}
	}
	return condition.Entry{Key: k, Values: vs, Multi: true}
}

func p5Unknown(k string, vs ...string) condition.Entry {
	return condition.Entry{Key: k, Values: vs, Unknown: true}
}

func p5Probes() []p5Probe {
	const (
		T = condition.True
		F = condition.False
		U = condition.Unknown
	)
	var ps []p5Probe
	add := func(p ...p5Probe) { ps = append(ps, p...) }

	// --- 1. Multi and Unknown against every operator family -----------------------------------
	// family: a condition key, a positive and a negated operator, a policy value, a request
	// value that matches it and one that does not.
	// (BinaryEquals takes no set qualifier, C5.16: its qualified probes are left out.)
	families := []struct{ name, key, pos, neg, pv, yes, no string }{
		{"String", "s3:prefix", "StringEquals", "StringNotEquals", "home/", "home/", "tmp/"},
		{"StringLike", "s3:prefix", "StringLike", "StringNotLike", "home/*", "home/x", "tmp/"},
		{"IgnoreCase", "s3:prefix", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "home/", "HOME/", "tmp/"},
		{"Numeric", "s3:max-keys", "NumericLessThan", "NumericGreaterThanEquals", "10", "5", "50"},
		{"Date", "aws:TokenIssueTime", "DateLessThan", "DateGreaterThanEquals", p5Expiry, p5Old, "2027-01-01T00:00:00Z"},
		{"Bool", "aws:SecureTransport", "Bool", "", "true", "true", "false"},
		{"Binary", "test:blob", "BinaryEquals", "", "QUJD", "QUJD", "REVG"},
		{"IP", "aws:SourceIp", "IpAddress", "NotIpAddress", "10.0.0.0/8", "10.1.2.3", "192.0.2.1"},
		{"Arn", "aws:SourceArn", "ArnLike", "ArnNotLike", "arn:aws:s3:::home/*", "arn:aws:s3:::home/x", "arn:aws:s3:::tmp/x"},
	}
	cond := func(op, key, v string) string { return p5C(`"` + op + `":{"` + key + `":"` + v + `"}`) }
	for _, f := range families {
		ops := []struct {
			op  string
			neg bool
		}{{f.pos, false}}
		if f.neg != "" {
			ops = append(ops, struct {
				op  string
				neg bool
			}{f.neg, true})
		}
		for _, o := range ops {
			// pick: the result of the unqualified operator on one certain value.
			pick := func(match bool) condition.Result {
				if match != o.neg {
					return T
				}
				return F
			}
			n := f.name + " " + o.op
			add(
				// C5.15: a key marked multivalued with one value: ForAnyValue and ForAllValues agree,
				// true only if both are true; the unqualified operator is false only where both
				// readings are false, else unknown (never relied on by an Allow).
				p5Probe{rule: "C5.15 " + n + " on Multi [match]", body: cond(o.op, f.key, f.pv), ctx: []condition.Entry{p5Multi(f.key, f.yes)}, want: map[bool]condition.Result{true: U, false: F}[pick(true) == T]},
				p5Probe{rule: "C5.15 " + n + " on Multi [no match]", body: cond(o.op, f.key, f.pv), ctx: []condition.Entry{p5Multi(f.key, f.no)}, want: map[bool]condition.Result{true: U, false: F}[pick(false) == T]},
				// C5.15: Multi with no value: ForAnyValue false, ForAllValues true: unknown.
				p5Probe{rule: "C5.15 " + n + " on Multi []", body: cond(o.op, f.key, f.pv), ctx: []condition.Entry{p5Multi(f.key)}, want: U, doubtful: p5Filled(f.key)},
				p5Probe{rule: "C5.14 ForAnyValue:" + n + " on Multi [match, no match]", body: cond("ForAnyValue:"+o.op, f.key, f.pv), ctx: []condition.Entry{p5Multi(f.key, f.yes, f.no)}, want: T},
				p5Probe{rule: "C5.14 ForAllValues:" + n + " on Multi [match, no match]", body: cond("ForAllValues:"+o.op, f.key, f.pv), ctx: []condition.Entry{p5Multi(f.key, f.yes, f.no)}, want: F},
				p5Probe{rule: "C5.15 " + n + " on [match, no match] without Multi", body: cond(o.op, f.key, f.pv), ctx: []condition.Entry{{Key: f.key, Values: []string{f.yes, f.no}}}, want: U},
				p5Probe{rule: "C5.15 C5.12 " + n + "IfExists on Multi [match]", body: cond(o.op+"IfExists", f.key, f.pv), ctx: []condition.Entry{p5Multi(f.key, f.yes)}, want: map[bool]condition.Result{true: U, false: F}[pick(true) == T]},
				// C5.0: a key of unknown value: every operator is unknown, with or without values,
				// qualified or not, with IfExists or not.
				p5Probe{rule: "C5.0 " + n + " on Unknown with a matching value", body: cond(o.op, f.key, f.pv), ctx: []condition.Entry{p5Unknown(f.key, f.yes)}, want: U},
				p5Probe{rule: "C5.0 " + n + " on Unknown with a value that does not match", body: cond(o.op, f.key, f.pv), ctx: []condition.Entry{p5Unknown(f.key, f.no)}, want: U},
				p5Probe{rule: "C5.0 " + n + " on Unknown without values", body: cond(o.op, f.key, f.pv), ctx: []condition.Entry{p5Unknown(f.key)}, want: U, doubtful: p5Filled(f.key)},
				p5Probe{rule: "C5.0 C5.12 " + n + "IfExists on Unknown", body: cond(o.op+"IfExists", f.key, f.pv), ctx: []condition.Entry{p5Unknown(f.key, f.no)}, want: U},
				p5Probe{rule: "C5.0 C5.14 ForAnyValue:" + n + " on Unknown", body: cond("ForAnyValue:"+o.op, f.key, f.pv), ctx: []condition.Entry{p5Unknown(f.key, f.yes)}, want: U},
				p5Probe{rule: "C5.0 C5.14 ForAllValues:" + n + " on Unknown", body: cond("ForAllValues:"+o.op, f.key, f.pv), ctx: []condition.Entry{p5Unknown(f.key, f.yes)}, want: U},
				p5Probe{rule: "C5.0 C5.14 ForAllValues:" + n + "IfExists on Unknown and Multi", body: cond("ForAllValues:"+o.op+"IfExists", f.key, f.pv), ctx: []condition.Entry{{Key: f.key, Values: []string{f.yes}, Multi: true, Unknown: true}}, want: U},
			)
		}
		// C5.13: Null asks only whether the key is present: an Unknown key is present, with or
		// without values; a Multi key with no value counts as absent (C5.13 DOC-GAP).
		add(
			p5Probe{rule: "C5.13 Null false on Unknown " + f.name + " " + f.key, body: cond("Null", f.key, "false"), ctx: []condition.Entry{p5Unknown(f.key, f.yes)}, want: T},
			p5Probe{rule: "C5.13 Null true on Unknown without values " + f.name + " " + f.key, body: cond("Null", f.key, "true"), ctx: []condition.Entry{p5Unknown(f.key)}, want: F, doubtful: p5Filled(f.key)},
			p5Probe{rule: "C5.13 Null false on Multi [match] " + f.name + " " + f.key, body: cond("Null", f.key, "false"), ctx: []condition.Entry{p5Multi(f.key, f.yes)}, want: T},
		)
	}

	// --- 1b. Unknown and Multi on derived keys (S9.2) -------------------------------------
	add(
		// C5.0: the request marks aws:PrincipalArn (the caller's own ARN) of unknown value: the
		// request's entry is read before the derived one, and it is unknown.
		p5Probe{rule: "C5.0 S9.2 aws:PrincipalArn Unknown, StringEquals", body: cond("ArnEquals", "aws:PrincipalArn", p5Alice), ctx: []condition.Entry{p5Unknown("aws:PrincipalArn", p5Alice)}, want: U},
		p5Probe{rule: "C5.0 S9.2 aws:PrincipalArn Unknown, ArnNotEquals", body: cond("ArnNotEquals", "aws:PrincipalArn", p5Alice), ctx: []condition.Entry{p5Unknown("aws:PrincipalArn", p5Alice)}, want: U},
		p5Probe{rule: "C5.0 S9.2 aws:PrincipalArn Unknown, Null false", body: cond("Null", "aws:PrincipalArn", "false"), ctx: []condition.Entry{p5Unknown("aws:PrincipalArn", p5Alice)}, want: T},
		p5Probe{rule: "C5.15 S9.2 aws:PrincipalArn Multi [own ARN], ArnEquals", body: cond("ArnEquals", "aws:PrincipalArn", p5Alice), ctx: []condition.Entry{p5Multi("aws:PrincipalArn", p5Alice)}, want: U},
		p5Probe{rule: "C5.14 S9.2 aws:PrincipalArn Multi [own ARN], ForAllValues:ArnEquals", body: cond("ForAllValues:ArnEquals", "aws:PrincipalArn", p5Alice), ctx: []condition.Entry{p5Multi("aws:PrincipalArn", p5Alice)}, want: T},
		p5Probe{rule: "C5.0 S9.2 aws:username Unknown, StringEquals", body: cond("StringEquals", "aws:username", "alice"), ctx: []condition.Entry{p5Unknown("aws:username", "alice")}, want: U},
		p5Probe{rule: "C5.0 S9.2 aws:username Unknown, StringNotEqualsIfExists", body: cond("StringNotEqualsIfExists", "aws:username", "alice"), ctx: []condition.Entry{p5Unknown("aws:username", "alice")}, want: U},
		p5Probe{rule: "C5.15 S9.2 aws:username Multi [alice]", body: cond("StringEquals", "aws:username", "alice"), ctx: []condition.Entry{p5Multi("aws:username", "alice")}, want: U},
		// S9.2: derived keys are not overridable; another case of the same ARN or name, or a
		// padded one, contradicts the principal (ARNs and aws:username compare case-sensitively;
		// IAM only keeps names unique without case).
		p5Probe{rule: "S9.2 aws:PrincipalArn in another case", body: cond("ArnLike", "aws:PrincipalArn", "arn:aws:iam::111122223333:user/Alice"), ctx: []condition.Entry{p5One("aws:PrincipalArn", "arn:aws:iam::111122223333:user/Alice")}, invalid: true},
		p5Probe{rule: "S9.2 aws:PrincipalArn with a trailing space", body: cond("StringNotEquals", "aws:PrincipalArn", p5Alice), ctx: []condition.Entry{p5One("aws:PrincipalArn", p5Alice+" ")}, invalid: true},
		p5Probe{rule: "S9.2 aws:username Alice for user alice", body: cond("StringNotEquals", "aws:username", "alice"), ctx: []condition.Entry{p5One("aws:username", "Alice")}, invalid: true},
		p5Probe{rule: "S9.2 aws:username Multi [alice, Alice]", body: cond("ForAnyValue:StringEquals", "aws:username", "Alice"), ctx: []condition.Entry{p5Multi("aws:username", "alice", "Alice")}, invalid: true},
		// S9.2: a derived key with no value names no principal: it contradicts the caller.
		p5Probe{rule: "S9.2 aws:PrincipalArn Multi []", body: cond("ForAnyValue:ArnEquals", "aws:PrincipalArn", p5Alice), ctx: []condition.Entry{p5Multi("aws:PrincipalArn")}, invalid: true},
		// C5.15: source keys of service calls given as lists or empty.
		p5Probe{rule: "C5.15 aws:SourceAccount [ours, theirs]", body: cond("StringEquals", "aws:SourceAccount", p5Acct), ctx: []condition.Entry{{Key: "aws:SourceAccount", Values: []string{p5Acct, "444455556666"}}}, want: U},
		p5Probe{rule: "C5.15 aws:SourceAccount Multi [theirs], StringNotEquals", body: cond("StringNotEquals", "aws:SourceAccount", p5Acct), ctx: []condition.Entry{p5Multi("aws:SourceAccount", "444455556666")}, want: U},
		p5Probe{rule: "C5.15 aws:SourceArn Multi [], ArnNotLike", body: cond("ArnNotLike", "aws:SourceArn", "arn:aws:s3:::home/*"), ctx: []condition.Entry{p5Multi("aws:SourceArn")}, want: U, doubtful: true},
		p5Probe{rule: "C5.14 aws:CalledVia Multi [], ForAnyValue:StringEquals", body: cond("ForAnyValue:StringEquals", "aws:CalledVia", "athena.amazonaws.com"), ctx: []condition.Entry{p5Multi("aws:CalledVia")}, want: F},
		p5Probe{rule: "C5.14 aws:CalledVia Multi [], ForAllValues:StringEquals", body: cond("ForAllValues:StringEquals", "aws:CalledVia", "athena.amazonaws.com"), ctx: []condition.Entry{p5Multi("aws:CalledVia")}, want: T},
		p5Probe{rule: "C5.15 aws:CalledVia [athena, other], StringEquals", body: cond("StringEquals", "aws:CalledVia", "athena.amazonaws.com"), ctx: []condition.Entry{p5Multi("aws:CalledVia", "athena.amazonaws.com", "glue.amazonaws.com")}, want: U},
		// C5.2: the tag key compares without case; the policy's spelling need not be the request's.
		p5Probe{rule: "C5.2 aws:ResourceTag/Env read as aws:resourcetag/ENV", body: cond("StringEquals", "aws:ResourceTag/Env", "prod"), ctx: []condition.Entry{p5One("aws:resourcetag/ENV", "prod")}, want: T},
		p5Probe{rule: "C5.2 two resource tags differing by case (variable)", body: `"Resource":"arn:aws:s3:::example-bucket/${aws:ResourceTag/Env}/*"`, ctx: []condition.Entry{p5One("aws:ResourceTag/Env", "reports"), p5One("aws:ResourceTag/ENV", "x")}, invalid: true},
	)

	// --- 1c. Session: aws:PrincipalArn and aws:userid of unknown value in Principal ---------
	add(
		// P4.3 C5.0: the session's role is named by aws:PrincipalArn; marked Unknown it is no
		// certain role ARN: a Principal naming the role is uncertain.
		p5Probe{rule: "P4.3 C5.0 session, aws:PrincipalArn Unknown, Principal names the role", principalEl: true, principal: p5Sess,
			body: `"Principal":{"AWS":"` + p5Role + `"},"Resource":"*"`, ctx: []condition.Entry{p5Unknown("aws:PrincipalArn", p5Role)}, want: U},
		p5Probe{rule: "P4.3 C5.15 session, aws:PrincipalArn Multi [role], Principal names the role", principalEl: true, principal: p5Sess,
			body: `"Principal":{"AWS":"` + p5Role + `"},"Resource":"*"`, ctx: []condition.Entry{p5Multi("aws:PrincipalArn", p5Role)}, want: U},
		p5Probe{rule: "P4.3 control: session, aws:PrincipalArn single, Principal names the role", principalEl: true, principal: p5Sess,
			body: `"Principal":{"AWS":"` + p5Role + `"},"Resource":"*"`, ctx: []condition.Entry{p5One("aws:PrincipalArn", p5Role)}, want: T},
		p5Probe{rule: "P4.11 C5.0 user, aws:userid Unknown, Principal names the unique ID", principalEl: true,
			body: `"Principal":{"AWS":"AIDAJQABLZS4A3QDU576Q"},"Resource":"*"`, ctx: []condition.Entry{p5Unknown("aws:userid", "AIDAJQABLZS4A3QDU576Q")}, want: U},
		p5Probe{rule: "P4.11 C5.15 user, aws:userid Multi [id], Principal names the unique ID", principalEl: true,
			body: `"Principal":{"AWS":"AIDAJQABLZS4A3QDU576Q"},"Resource":"*"`, ctx: []condition.Entry{p5Multi("aws:userid", "AIDAJQABLZS4A3QDU576Q")}, want: U},
		p5Probe{rule: "P4.11 control: user, aws:userid single, Principal names the unique ID", principalEl: true,
			body: `"Principal":{"AWS":"AIDAJQABLZS4A3QDU576Q"},"Resource":"*"`, ctx: []condition.Entry{p5One("aws:userid", "AIDAJQABLZS4A3QDU576Q")}, want: T},
	)

	// --- 2. The clock and the time keys (S9.7, S9.2) ----------------------------------------
	expired := func(op, key, v string) string { return cond(op, key, v) }
	add(
		// S9.7: no time in the request, the clock supplies both keys.
		p5Probe{rule: "S9.7 clock: aws:CurrentTime derived, grant expired", clock: true, body: expired("DateLessThan", "aws:CurrentTime", p5Expiry), want: F},
		p5Probe{rule: "S9.7 clock: aws:EpochTime derived, grant expired", clock: true, body: expired("DateLessThan", "aws:EpochTime", p5ExpiryEpoch), want: F},
		p5Probe{rule: "S9.7 clock: aws:EpochTime derived, NumericLessThan", clock: true, body: expired("NumericLessThan", "aws:EpochTime", p5ExpiryEpoch), want: F},
		p5Probe{rule: "S9.7 clock: aws:CurrentTime derived, IfExists", clock: true, body: expired("DateLessThanIfExists", "aws:CurrentTime", p5Expiry), want: F},
		p5Probe{rule: "S9.7 clock: Null true on aws:EpochTime", clock: true, body: cond("Null", "aws:EpochTime", "true"), want: F},
		// S9.2 (2026-12): the request gives one of the two time keys; the other names the same
		// second (AWS sets both from the time of the request), never the clock's.
		p5Probe{rule: "S9.2 S9.7 request gives aws:EpochTime (new), policy reads aws:CurrentTime", clock: true, body: cond("DateGreaterThan", "aws:CurrentTime", p5Expiry), ctx: []condition.Entry{p5One("aws:EpochTime", p5NewEpoch)}, want: T},
		p5Probe{rule: "S9.2 request gives aws:EpochTime (new), no clock, policy reads aws:CurrentTime", body: cond("DateGreaterThan", "aws:CurrentTime", p5Expiry), ctx: []condition.Entry{p5One("aws:EpochTime", p5NewEpoch)}, want: T},
		p5Probe{rule: "S9.2 request gives aws:CurrentTime (new), no clock, policy reads aws:EpochTime", body: cond("DateGreaterThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5One("aws:CurrentTime", "2027-01-01T00:00:00Z")}, want: T},
		p5Probe{rule: "S9.2 request gives aws:CurrentTime (new), policy reads aws:EpochTime numerically", body: cond("NumericGreaterThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5One("aws:CurrentTime", "2027-01-01T00:00:00Z")}, want: T},
		p5Probe{rule: "S9.2 request gives aws:currenttime (old, lower case), clock new, Allow on aws:EpochTime", clock: true, body: cond("DateLessThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5One("aws:currenttime", p5Old)}, want: T},
		p5Probe{rule: "S9.2 request gives AWS:EPOCHTIME (old), clock new, Allow on aws:CurrentTime", clock: true, body: cond("DateLessThan", "aws:CurrentTime", p5Expiry), ctx: []condition.Entry{p5One("AWS:EPOCHTIME", p5OldEpoch)}, want: T},
		// C5.0: the one the request gives has no single certain value: the other is unknown,
		// never the clock's time.
		p5Probe{rule: "C5.0 S9.2 aws:CurrentTime Unknown (old), clock new: aws:EpochTime", clock: true, body: cond("DateLessThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5Unknown("aws:CurrentTime", p5Old)}, want: U},
		p5Probe{rule: "C5.0 S9.2 aws:CurrentTime Unknown (new), no clock: aws:EpochTime", body: cond("DateGreaterThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5Unknown("aws:CurrentTime", "2027-01-01T00:00:00Z")}, want: U},
		p5Probe{rule: "C5.0 S9.2 aws:CurrentTime Multi [old], clock new: aws:EpochTime", clock: true, body: cond("ForAnyValue:DateLessThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5Multi("aws:CurrentTime", p5Old)}, want: U},
		p5Probe{rule: "C5.0 S9.2 aws:EpochTime unreadable, clock new: aws:CurrentTime", clock: true, body: cond("DateLessThan", "aws:CurrentTime", p5Expiry), ctx: []condition.Entry{p5One("aws:EpochTime", "1e9")}, want: U},
		p5Probe{rule: "C5.0 S9.2 aws:CurrentTime unreadable (no zone), Deny on aws:EpochTime", clock: true, body: cond("DateGreaterThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5One("aws:CurrentTime", "2027-01-01T00:00:00")}, want: U},
		// S9.2 (2026-12): AWS sends one time; two instants in one key are contradictory.
		p5Probe{rule: "S9.2 aws:CurrentTime [old, new], clock new", clock: true, body: cond("ForAnyValue:DateLessThan", "aws:CurrentTime", p5Expiry), ctx: []condition.Entry{{Key: "aws:CurrentTime", Values: []string{p5Old, "2027-01-01T00:00:00Z"}}}, invalid: true},
		p5Probe{rule: "S9.2 aws:EpochTime Multi [old, new], policy on aws:CurrentTime", clock: true, body: cond("DateLessThan", "aws:CurrentTime", p5Expiry), ctx: []condition.Entry{p5Multi("aws:EpochTime", p5OldEpoch, p5NewEpoch)}, invalid: true},
		// S9.7: aws:CurrentTime Multi [] is a key AWS always fills with no value: doubtful.
		p5Probe{rule: "S9.7 C5.0 aws:CurrentTime Multi [], clock new", clock: true, body: cond("ForAnyValue:DateGreaterThan", "aws:EpochTime", p5ExpiryEpoch), ctx: []condition.Entry{p5Multi("aws:CurrentTime")}, want: U, doubtful: true},
		// Variables naming the time keys.
		p5Probe{rule: "V6.1 S9.2 ${aws:EpochTime} with the request's aws:CurrentTime", body: cond("StringEquals", "s3:prefix", "${aws:EpochTime}"), ctx: []condition.Entry{p5One("aws:CurrentTime", "2027-01-01T00:00:00Z"), p5One("s3:prefix", p5NewEpoch)}, want: T},
		p5Probe{rule: "V6.1 S9.7 ${aws:CurrentTime, 'never'} with the clock", clock: true, body: cond("StringEquals", "s3:prefix", "${aws:CurrentTime, 'never'}"), ctx: []condition.Entry{p5One("s3:prefix", "never")}, want: F},
		p5Probe{rule: "V6.3 C5.0 ${aws:EpochTime, 'never'} with aws:CurrentTime Unknown", body: cond("StringEquals", "s3:prefix", "${aws:EpochTime, 'never'}"), ctx: []condition.Entry{p5Unknown("aws:CurrentTime", p5Old), p5One("s3:prefix", "never")}, want: U},
	)

	// --- 3. aws:userid AWS always fills (S9.2) -----------------------------------------------
	add(
		// S9.2: an IAM user, a role session and a federated user always have aws:userid; a
		// request without it leaves it present, of unknown value for a user and a session
		// (their unique IDs are not in the request), and ACCOUNT:NAME for a federated user.
		p5Probe{rule: "S9.2 C5.0 user without aws:userid, Deny StringLike AIDA*", body: cond("StringLike", "aws:userid", "AIDA*"), want: U},
		p5Probe{rule: "S9.2 C5.0 user without aws:userid, ${aws:userid, 'shared'} in Resource", body: `"Resource":"arn:aws:s3:::example-bucket/${aws:userid, 'shared'}/*"`, resource: "arn:aws:s3:::example-bucket/shared/x", want: U},
		p5Probe{rule: "S9.2 C5.0 session without aws:userid, Null true", principal: p5Sess, body: cond("Null", "aws:userid", "true"), ctx: []condition.Entry{p5One("aws:PrincipalArn", p5Role)}, want: F},
		p5Probe{rule: "S9.2 federated user: aws:userid is ACCOUNT:NAME", principal: p5Fed, principalEl: true, body: `"Principal":"*",` + cond("StringEquals", "aws:userid", "111122223333:bob"), want: T},
		p5Probe{rule: "S9.2 federated user: ${aws:userid} in Resource", principal: p5Fed, principalEl: true, body: `"Principal":"*","Resource":"arn:aws:s3:::example-bucket/${aws:userid}/*"`, resource: "arn:aws:s3:::example-bucket/111122223333:bob/x", want: T},
		p5Probe{rule: "S9.2 control: root: aws:userid is the account", principal: "arn:aws:iam::111122223333:root", body: cond("StringEquals", "aws:userid", p5Acct), want: T},
		p5Probe{rule: "S9.2 control: user with aws:userid", body: cond("StringLike", "aws:userid", "AIDA*"), ctx: []condition.Entry{p5One("aws:userid", "AIDAJQABLZS4A3QDU576Q")}, want: T},
	)

	// --- 4. Policy variables ------------------------------------------------------------------
	tag := "aws:PrincipalTag/team"
	res := func(pat string) string { return `"Resource":"arn:aws:s3:::example-bucket/` + pat + `"` }
	notres := func(pat string) string { return `"NotResource":"arn:aws:s3:::example-bucket/` + pat + `"` }
	redObj := "arn:aws:s3:::example-bucket/red/x"
	defObj := "arn:aws:s3:::example-bucket/def/x"
	states := []struct {
		name string
		ctx  []condition.Entry
		// resolved: the variable's value ("" when it has none).
		want condition.Result // for "${...team, 'def'}" against "def"
	}{
		{"Unknown [def]", []condition.Entry{p5Unknown(tag, "def")}, U},
		{"Unknown []", []condition.Entry{p5Unknown(tag)}, U},
		{"Multi [def]", []condition.Entry{p5Multi(tag, "def")}, U},
		{"Multi []", []condition.Entry{p5Multi(tag)}, U},
		{"[def, red]", []condition.Entry{{Key: tag, Values: []string{"def", "red"}}}, U},
		{"empty string", []condition.Entry{p5One(tag, "")}, U},
		{"absent", nil, T},
		{"present red", []condition.Entry{p5One(tag, "red")}, F},
	}
	for _, s := range states {
		notWant := map[condition.Result]condition.Result{T: F, F: T, U: U}[s.want]
		add(
			// V6.3 V6.5 (2026-12): the default stands in only for an absent key.
			p5Probe{rule: "V6.3 R3.7 Resource ${team, 'def'}: " + s.name, body: res("${" + tag + ", 'def'}/*"), ctx: s.ctx, resource: defObj, want: s.want},
			p5Probe{rule: "V6.3 R3.7 NotResource ${team, 'def'}: " + s.name, body: notres("${" + tag + ", 'def'}/*"), ctx: s.ctx, resource: defObj, want: notWant},
			p5Probe{rule: "V6.3 C5.5 StringEquals ${team, 'def'}: " + s.name, body: cond("StringEquals", "s3:prefix", "${"+tag+", 'def'}"), ctx: append([]condition.Entry{p5One("s3:prefix", "def")}, s.ctx...), want: s.want},
			p5Probe{rule: "V6.3 C5.5 StringNotEquals ${team, 'def'}: " + s.name, body: cond("StringNotEquals", "s3:prefix", "${"+tag+", 'def'}"), ctx: append([]condition.Entry{p5One("s3:prefix", "def")}, s.ctx...), want: notWant},
			p5Probe{rule: "V6.3 C5.5 StringLike ${team, 'def'}*: " + s.name, body: cond("StringLike", "s3:prefix", "${"+tag+", 'def'}*"), ctx: append([]condition.Entry{p5One("s3:prefix", "def/1")}, s.ctx...), want: s.want},
			p5Probe{rule: "V6.3 C5.5 StringNotLike ${team, 'def'}*: " + s.name, body: cond("StringNotLike", "s3:prefix", "${"+tag+", 'def'}*"), ctx: append([]condition.Entry{p5One("s3:prefix", "def/1")}, s.ctx...), want: notWant},
			p5Probe{rule: "V6.3 C5.5 StringEqualsIgnoreCase ${team, 'def'}: " + s.name, body: cond("StringEqualsIgnoreCase", "s3:prefix", "${"+tag+", 'def'}"), ctx: append([]condition.Entry{p5One("s3:prefix", "DEF")}, s.ctx...), want: s.want},
			p5Probe{rule: "V6.3 C5.5 StringNotEqualsIgnoreCase ${team, 'def'}: " + s.name, body: cond("StringNotEqualsIgnoreCase", "s3:prefix", "${"+tag+", 'def'}"), ctx: append([]condition.Entry{p5One("s3:prefix", "DEF")}, s.ctx...), want: notWant},
			p5Probe{rule: "V6.3 C5.11 ArnLike ${team, 'def'}: " + s.name, body: cond("ArnLike", "aws:SourceArn", "arn:aws:s3:::${"+tag+", 'def'}/*"), ctx: append([]condition.Entry{p5One("aws:SourceArn", "arn:aws:s3:::def/x")}, s.ctx...), want: s.want},
			p5Probe{rule: "V6.3 C5.11 ArnNotEquals ${team, 'def'}: " + s.name, body: cond("ArnNotEquals", "aws:SourceArn", "arn:aws:s3:::${"+tag+", 'def'}/x"), ctx: append([]condition.Entry{p5One("aws:SourceArn", "arn:aws:s3:::def/x")}, s.ctx...), want: notWant},
			p5Probe{rule: "V6.3 C5.8 Bool ${team, 'true'}: " + s.name, body: cond("Bool", "aws:SecureTransport", "${"+tag+", 'true'}"), ctx: append([]condition.Entry{p5One("aws:SecureTransport", "true")}, p5Retag(s.ctx, "def", "true", "red", "false")...), want: s.want},
			p5Probe{rule: "V6.3 C5.14 ForAnyValue:StringEquals ${team, 'def'}: " + s.name, body: cond("ForAnyValue:StringEquals", "aws:TagKeys", "${"+tag+", 'def'}"), ctx: append([]condition.Entry{p5Multi("aws:TagKeys", "def", "zz")}, s.ctx...), want: s.want},
			p5Probe{rule: "V6.3 C5.14 ForAllValues:StringEquals ${team, 'def'}: " + s.name, body: cond("ForAllValues:StringEquals", "aws:TagKeys", "${"+tag+", 'def'}"), ctx: append([]condition.Entry{p5Multi("aws:TagKeys", "def")}, s.ctx...), want: s.want},
			p5Probe{rule: "V6.3 C5.12 StringEqualsIfExists ${team, 'def'}: " + s.name, body: cond("StringEqualsIfExists", "s3:prefix", "${"+tag+", 'def'}"), ctx: append([]condition.Entry{p5One("s3:prefix", "def")}, s.ctx...), want: s.want},
		)
	}
	_ = redObj
	add(
		// V6.1 C5.0: ${aws:username} of unknown value, or marked multivalued.
		p5Probe{rule: "V6.1 R3.7 ${aws:username} Unknown in Resource", body: res("${aws:username}/*"), ctx: []condition.Entry{p5Unknown("aws:username", "alice")}, resource: "arn:aws:s3:::example-bucket/alice/x", want: U},
		p5Probe{rule: "V6.1 R3.7 ${aws:username} Multi [alice] in NotResource", body: notres("${aws:username}/*"), ctx: []condition.Entry{p5Multi("aws:username", "alice")}, resource: "arn:aws:s3:::example-bucket/alice/x", want: U},
		p5Probe{rule: "V6.1 control: ${aws:username} derived in Resource", body: res("${aws:username}/*"), resource: "arn:aws:s3:::example-bucket/alice/x", want: T},
		p5Probe{rule: "V6.1 control: ${aws:username, 'x'} derived in NotResource", body: notres("${aws:username, 'x'}/*"), resource: "arn:aws:s3:::example-bucket/x/y", want: T},
		p5Probe{rule: "V6.5 ${aws:username, 'shared'} for a session (absent: the default)", principal: p5Sess, body: res("${aws:username, 'shared'}/*"), ctx: []condition.Entry{p5One("aws:PrincipalArn", p5Role)}, resource: "arn:aws:s3:::example-bucket/shared/x", want: T},
		p5Probe{rule: "V6.1 C5.0 ${aws:PrincipalArn, 'x'} for a session without it (unknown)", principal: p5Sess, body: cond("StringEquals", "s3:prefix", "${aws:PrincipalArn, 'x'}"), ctx: []condition.Entry{p5One("s3:prefix", "x")}, want: U},
		// V6.2: the escapes are literal characters, also in Resource.
		p5Probe{rule: "V6.2 ${*} in Resource is a literal *", body: res("${*}"), resource: "arn:aws:s3:::example-bucket/x", want: F},
		p5Probe{rule: "V6.2 ${*} in Resource matches a literal *", body: res("${*}"), resource: "arn:aws:s3:::example-bucket/*", want: T},
		p5Probe{rule: "V6.2 ${?} in NotResource is a literal ?", body: notres("a${?}"), resource: "arn:aws:s3:::example-bucket/ab", want: T},
		p5Probe{rule: "V6.2 ${?} in StringLike is a literal ?", body: cond("StringLike", "s3:prefix", "a${?}"), ctx: []condition.Entry{p5One("s3:prefix", "ab")}, want: F},
		p5Probe{rule: "V6.2 ${$} before {aws:username} is text", body: cond("StringEquals", "s3:prefix", "${$}{aws:username}"), ctx: []condition.Entry{p5One("s3:prefix", "alice")}, want: F},
		p5Probe{rule: "V6.2 ${$} before {aws:username} matches the literal text", body: cond("StringEquals", "s3:prefix", "${$}{aws:username}"), ctx: []condition.Entry{p5One("s3:prefix", "${aws:username}")}, want: T},
		p5Probe{rule: "V6.2 ${*} in ArnLike is a literal *", body: cond("ArnLike", "aws:SourceArn", "arn:aws:s3:::b/${*}"), ctx: []condition.Entry{p5One("aws:SourceArn", "arn:aws:s3:::b/x")}, want: F},
		p5Probe{rule: "V6.6 a tag value holding * substituted in StringLike is literal", body: cond("StringLike", "s3:prefix", "${"+tag+"}"), ctx: []condition.Entry{p5One(tag, "x*"), p5One("s3:prefix", "xyz")}, want: F},
		// V6.1 C5.2 DOC-GAP: the variable's key equals a request key only under Unicode case
		// folding: it may be that key or not, so the default does not stand in.
		p5Probe{rule: "V6.3 C5.2 ${…/équipe, 'none'} with the request's …/ÉQUIPE", body: cond("StringEquals", "s3:prefix", "${aws:PrincipalTag/\u00e9quipe, 'none'}"), ctx: []condition.Entry{p5One("aws:PrincipalTag/\u00c9QUIPE", "red"), p5One("s3:prefix", "none")}, want: U},
		p5Probe{rule: "R3.7 C5.2 ${…/équipe} in Resource with the request's …/ÉQUIPE", body: notres("${aws:PrincipalTag/\u00e9quipe}/*"), ctx: []condition.Entry{p5One("aws:PrincipalTag/\u00c9QUIPE", "red")}, resource: "arn:aws:s3:::example-bucket/red/x", want: U},
		p5Probe{rule: "V6.5 C5.2 ${…/équipe} positive, with the request's …/ÉQUIPE", body: cond("StringEquals", "s3:prefix", "${aws:PrincipalTag/\u00e9quipe}"), ctx: []condition.Entry{p5One("aws:PrincipalTag/\u00c9QUIPE", "red"), p5One("s3:prefix", "red")}, want: U},
		p5Probe{rule: "V6.1 control: ${…/équipe} with the request's …/équipe", body: cond("StringEquals", "s3:prefix", "${aws:PrincipalTag/\u00e9quipe}"), ctx: []condition.Entry{p5One("aws:PrincipalTag/\u00e9quipe", "red"), p5One("s3:prefix", "red")}, want: T},
		p5Probe{rule: "V6.1 ${s3:prefix} Unknown in a StringEquals on another key", body: cond("StringEquals", "aws:PrincipalTag/home", "${s3:prefix}"), ctx: []condition.Entry{p5Unknown("s3:prefix", "a"), p5One("aws:PrincipalTag/home", "a")}, want: U},
	)
	out := ps[:0]
	for _, p := range ps {
		if strings.Contains(p.body, "Value:BinaryEquals") || strings.Contains(p.body, "Values:BinaryEquals") {
			continue
		}
		out = append(out, p)
	}
	return out
}

// p5Retag maps the values of the tag entries of ctx (for the Bool probes).
func p5Retag(ctx []condition.Entry, kv ...string) []condition.Entry {
	out := make([]condition.Entry, len(ctx))
	for i, e := range ctx {
		out[i] = e
		out[i].Values = nil
		if e.Values != nil {
			out[i].Values = []string{}
		}
		for _, v := range e.Values {
			for j := 0; j+1 < len(kv); j += 2 {
				if v == kv[j] {
					v = kv[j+1]
					break
				}
			}
			out[i].Values = append(out[i].Values, v)
		}
	}
	return out
}

// p5Filled reports whether key is one AWS always fills (an empty value list is doubtful).
func p5Filled(key string) bool {
	switch strings.ToLower(key) {
	case "aws:securetransport", "aws:sourceip", "aws:tokenissuetime", "aws:sourcearn":
		return true
	}
	return false
}

// p5Evaluators returns the Allow form and the Deny form of a probe's statement.
func p5Evaluators(t testing.TB, p p5Probe) (allow, deny *eval.Evaluator) {
	t.Helper()
	var o eval.Options
	if p.clock {
		o.Now = func() time.Time { return p5Now }
	}
	stmt := func(effect string) string {
		return `{"Effect":"` + effect + `","Action":"s3:GetObject",` + p.body + `}`
	}
	all := `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`
	if p.principalEl {
		all = `{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}`
	}
	allowDoc := `{"Version":"2012-10-17","Statement":[` + stmt("Allow") + `]}`
	denyDoc := `{"Version":"2012-10-17","Statement":[` + all + `,` + stmt("Deny") + `]}`
	build := func(doc string) *eval.Evaluator {
		pol, err := policy.Parse([]byte(doc))
		if err != nil {
			t.Fatalf("policy.Parse: %v\n%s", err, doc)
		}
		set := eval.PolicySet{Identity: []*policy.Policy{pol}}
		if p.principalEl {
			set = eval.PolicySet{Resource: pol}
		}
		ev, err := o.Compile(set)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	return build(allowDoc), build(denyDoc)
}

func p5Request(p p5Probe) eval.Request {
	r := eval.Request{Principal: p5Alice, Action: "s3:GetObject", Resource: p5Obj, ResourceAccount: p5Acct, Context: p.ctx}
	if p.principal != "" {
		r.Principal = p.principal
	}
	if p.resource != "" {
		r.Resource = p.resource
	}
	return r
}

func p5Check(t *testing.T, p p5Probe) {
	t.Helper()
	allow, deny := p5Evaluators(t, p)
	req := p5Request(p)
	wantAllow, wantDeny := eval.ImplicitDeny, eval.Allow
	if p.want == condition.True {
		wantAllow = eval.Allow
	}
	if p.want != condition.False {
		wantDeny = eval.ExplicitDeny
	}
	if p.invalid {
		wantAllow, wantDeny = eval.ImplicitDeny, eval.ImplicitDeny
	}
	if p.doubtful {
		if wantAllow == eval.Allow {
			wantAllow = eval.ImplicitDeny
		}
		if wantDeny == eval.Allow {
			wantDeny = eval.ImplicitDeny
		}
	}
	for _, f := range []struct {
		name string
		ev   *eval.Evaluator
		want eval.Decision
	}{{"Allow form", allow, wantAllow}, {"Deny form", deny, wantDeny}} {
		d := f.ev.Decide(req)
		x := f.ev.Explain(req)
		if d != x.Decision {
			t.Errorf("%s: Decide %v, Explain %v", f.name, d, x.Decision)
		}
		if d != f.want {
			t.Errorf("%s: {%s} with %+v: got %v, want %v (statement %v)\n%s", f.name, p.body, p.ctx, d, f.want, p.want, x)
		}
		if !raceEnabled {
			if n := testing.AllocsPerRun(20, func() { f.ev.Decide(req) }); n != 0 {
				t.Errorf("%s: Decide allocates %v times", f.name, n)
			}
		}
	}
	verr := req.Validate()
	var re *eval.RequestError
	switch {
	case p.invalid && !errors.As(verr, &re):
		t.Errorf("Validate: %v, want a *eval.RequestError", verr)
	case !p.invalid && verr != nil:
		t.Errorf("Validate: %v, want nil", verr)
	}
}

// TestProbeP5 decides every probe under an Allow and under a Deny.
func TestProbeP5(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range p5Probes() {
		if seen[p.rule] {
			t.Fatalf("probe name repeated: %s", p.rule)
		}
		seen[p.rule] = true
		t.Run(p.rule, func(t *testing.T) { p5Check(t, p) })
	}
}
