package eval_test

// Probes of policy-kind combinations with doubt (issue 14, SEMANTICS C5.0, E7.4, E7.9, E7.10,
// X8.1): a doubtful input (an unreadable or Unknown condition value, a policy variable without
// one certain value, a role principal or aws:PrincipalArn condition for a session whose request
// lacks aws:PrincipalArn, a resource entry that matches only under the older R3.3 reading, a
// short ARN of R3.9) is placed in an Allow or a Deny of one or two policy kinds (identity,
// permissions boundary, session policy, resource policy, SCP levels, RCP levels), next to
// baselines drawn per kind, for callers of every kind, in the resource's account and across
// accounts.
//
// Each doubt comes with its readings: certain requests (or certain statements) that the doubt
// may stand for. The engine decides the doubtful case and each reading; the property is the
// rule of C5.0 on a whole policy set: the doubtful case is Allow only if every reading is
// Allow, and it is ExplicitDeny when some reading is ExplicitDeny (a Deny that applies under
// some reading wins, whatever layer it is in). Explain's decision must equal Decide's, and an
// explanation must not change when later decisions reuse the engine's pooled scratch space.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

const (
	p4Acct  = "111122223333"
	p4Other = "444455556666"
	p4Obj   = "arn:aws:s3:::example-bucket/reports/q1.csv"
)

// p4Layers are the places a statement can go. Organization levels are scp0, scp1, rcp0, rcp1.
var p4Layers = []string{"identity", "boundary", "session", "resource", "scp0", "scp1", "rcp0", "rcp1"}

// p4Caller is a request principal with the context keys it needs.
type p4Caller struct {
	name      string
	principal string
	ctx       []condition.Entry
}

var p4Callers = []p4Caller{
	{"user", "arn:aws:iam::111122223333:user/alice", nil},
	{"session", "arn:aws:sts::111122223333:assumed-role/reader/s1",
		[]condition.Entry{{Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::111122223333:role/ops/reader"}}}},
	{"service-linked role session", "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s1",
		[]condition.Entry{{Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"}}}},
	{"root", "arn:aws:iam::111122223333:root", nil},
	{"federated user", "arn:aws:sts::111122223333:federated-user/bob", nil},
	{"service", "s3.amazonaws.com", nil},
}

// p4Doubt is one doubtful input. stmt returns the statement's Resource, Principal (resource
// policies) and Condition members for a reading (-1: the doubtful case); ctx returns the request
// context the reading adds; caller, when set, replaces the drawn caller.
type p4Doubt struct {
	name     string
	readings int
	logs     bool // the request is on a CloudWatch Logs ARN (R3.3 needs colons in the resource part)
	caller   *p4Caller
	// stmt gives the doubtful statement's members for reading k (-1: doubtful), for a layer that
	// takes a Principal (resource policy, RCP) or not; neg picks the negated form.
	stmt func(k int, principal, neg bool, acct string) string
	ctx  func(k int) []condition.Entry
}

func p4One(key string, vals ...string) condition.Entry {
	return condition.Entry{Key: key, Values: vals, Multi: len(vals) > 1}
}

// p4AnyPrincipal is the Principal member of a statement that does not test the principal.
func p4AnyPrincipal(principal bool) string {
	if principal {
		return `,"Principal":"*"`
	}
	return ""
}

func p4Doubts() []p4Doubt {
	ip := func(doubtful condition.Entry) p4Doubt {
		return p4Doubt{
			name: "C5.0 C5.10 unknown aws:SourceIp (" + fmt.Sprintf("%q unknown=%v", doubtful.Values, doubtful.Unknown) + ")", readings: 2,
			stmt: func(k int, principal, neg bool, _ string) string {
				op := "IpAddress"
				if neg {
					op = "NotIpAddress"
				}
				return `"Resource":"*"` + p4AnyPrincipal(principal) + `,"Condition":{"` + op + `":{"aws:SourceIp":"10.0.0.0/8"}}`
			},
			ctx: func(k int) []condition.Entry {
				switch k {
				case 0:
					return []condition.Entry{p4One("aws:SourceIp", "10.0.0.1")}
				case 1:
					return []condition.Entry{p4One("aws:SourceIp", "192.0.2.1")}
				}
				return []condition.Entry{doubtful}
			},
		}
	}
	num := p4Doubt{
		name: "C5.0 C5.6 unreadable s3:max-keys 1e9", readings: 2,
		stmt: func(k int, principal, neg bool, _ string) string {
			op := "NumericLessThan"
			if neg {
				op = "NumericGreaterThanEquals"
			}
			return `"Resource":"*"` + p4AnyPrincipal(principal) + `,"Condition":{"` + op + `":{"s3:max-keys":"10"}}`
		},
		ctx: func(k int) []condition.Entry {
			return []condition.Entry{p4One("s3:max-keys", []string{"5", "50", "1e9"}[(k+3)%3])}
		},
	}
	team := func(k int) []condition.Entry {
		tag := []condition.Entry{p4One("aws:PrincipalTag/team", "reports"), p4One("aws:PrincipalTag/team", "other"),
			p4One("aws:PrincipalTag/team", "reports", "other")}[(k+3)%3]
		return []condition.Entry{tag, p4One("s3:prefix", "reports")}
	}
	varCond := p4Doubt{
		name: "C5.0 V6.5 multivalued variable in a condition", readings: 2,
		stmt: func(k int, principal, neg bool, _ string) string {
			op := "StringEquals"
			if neg {
				op = "StringNotEquals"
			}
			return `"Resource":"*"` + p4AnyPrincipal(principal) + `,"Condition":{"` + op + `":{"s3:prefix":"${aws:PrincipalTag/team}"}}`
		},
		ctx: team,
	}
	varRes := p4Doubt{
		name: "C5.0 R3.7 multivalued variable in Resource", readings: 2,
		stmt: func(k int, principal, neg bool, _ string) string {
			el := "Resource"
			if neg {
				el = "NotResource"
			}
			return `"` + el + `":"arn:aws:s3:::example-bucket/${aws:PrincipalTag/team}/*"` + p4AnyPrincipal(principal)
		},
		ctx: team,
	}
	// P4.3: the session's role may have any path; without aws:PrincipalArn the engine cannot
	// tell. The readings give it the path the policy names, none, and the service-linked path
	// (under which SCPs and RCPs do not apply, E7.9, E7.10).
	roleArns := []string{"arn:aws:iam::111122223333:role/ops/reader", "arn:aws:iam::111122223333:role/reader",
		"arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/reader"}
	noArn := &p4Caller{"session without aws:PrincipalArn", "arn:aws:sts::111122223333:assumed-role/reader/s1", nil}
	role := p4Doubt{
		name: "C5.0 P4.3 S9.2 role with a path, session without aws:PrincipalArn", readings: 3, caller: noArn,
		stmt: func(k int, principal, neg bool, _ string) string {
			if principal && !neg {
				// The RCP grammar only takes Principal "*": the condition form serves there too
				// (p4Stmt passes neg for RCPs).
				return `"Resource":"*","Principal":{"AWS":"arn:aws:iam::111122223333:role/ops/reader"}`
			}
			op := "ArnLike"
			if neg && !principal {
				op = "ArnNotLike"
			}
			return `"Resource":"*"` + p4AnyPrincipal(principal) + `,"Condition":{"` + op + `":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ops/*"}}`
		},
		ctx: func(k int) []condition.Entry {
			if k < 0 {
				return nil
			}
			return []condition.Entry{p4One("aws:PrincipalArn", roleArns[k])}
		},
	}
	// E7.9, E7.10: a session of a role named like a service-linked role, without
	// aws:PrincipalArn: whether SCPs and RCPs apply is in doubt.
	slrArns := []string{"arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport",
		"arn:aws:iam::111122223333:role/AWSServiceRoleForSupport"}
	slr := p4Doubt{
		name: "C5.0 E7.9 E7.10 service-linked role name, session without aws:PrincipalArn", readings: 2,
		caller: &p4Caller{"slr session without aws:PrincipalArn", "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s1", nil},
		stmt: func(k int, principal, neg bool, _ string) string {
			return `"Resource":"*"` + p4AnyPrincipal(principal)
		},
		ctx: func(k int) []condition.Entry {
			if k < 0 {
				return nil
			}
			return []condition.Entry{p4One("aws:PrincipalArn", slrArns[k])}
		},
	}
	// R3.3 (corrected 2026-12): "app*web-1" matches "app:web-1" only under the older reading.
	r33 := p4Doubt{
		name: "C5.0 R3.3 wildcard across a colon of the resource part", readings: 2, logs: true,
		stmt: func(k int, principal, neg bool, acct string) string {
			el := "Resource"
			if neg {
				el = "NotResource"
			}
			tail := []string{"app:web-1", "appweb-1", "app*web-1"}[(k+3)%3]
			return `"` + el + `":"arn:aws:logs:us-east-1:` + acct + `:log-group:` + tail + `"` + p4AnyPrincipal(principal)
		},
		ctx: func(int) []condition.Entry { return nil },
	}
	// R3.9: a short ARN without a trailing '*' is uncertain for every other resource.
	r39 := p4Doubt{
		name: "C5.0 R3.9 short ARN", readings: 2,
		stmt: func(k int, principal, neg bool, _ string) string {
			el := "Resource"
			if neg {
				el = "NotResource"
			}
			res := []string{"arn:aws:s3:::*", "arn:aws:s3:::nothing", "arn:aws:s3"}[(k+3)%3]
			return `"` + el + `":"` + res + `"` + p4AnyPrincipal(principal)
		},
		ctx: func(int) []condition.Entry { return nil },
	}
	return []p4Doubt{
		ip(p4One("aws:SourceIp", "10.0.0.1%eth0")),
		ip(condition.Entry{Key: "aws:SourceIp", Unknown: true}),
		num, varCond, varRes, role, slr, r33, r39,
	}
}

// p4Case is one drawn case: per layer, the statements of the doubtful case and of each reading.
type p4Case struct {
	doubt  p4Doubt
	caller p4Caller
	cross  bool
	// base: per layer, 0 none, 1 an Allow of everything, 2 an Allow of something else only.
	base [8]int
	// resPrincipal is the resource baseline's Principal.
	resPrincipal string
	// placed: the layers and effects of the doubtful statements (one or two).
	placed []p4Place
}

type p4Place struct {
	layer int
	deny  bool
	neg   bool
}

func (c *p4Case) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "doubt %q caller %s cross=%v", c.doubt.name, c.caller.name, c.cross)
	for i, l := range p4Layers {
		fmt.Fprintf(&b, " %s=%d", l, c.base[i])
	}
	fmt.Fprintf(&b, " resPrincipal=%s placed=%+v", c.resPrincipal, c.placed)
	return b.String()
}

// p4Names is a Principal element naming principal.
func p4Names(principal string) string {
	if !strings.HasPrefix(principal, "arn:") {
		return `{"Service":"` + principal + `"}`
	}
	return `{"AWS":"` + principal + `"}`
}

func p4Draw(t *tape) *p4Case {
	ds := p4Doubts()
	c := &p4Case{doubt: ds[t.n(len(ds))]}
	c.caller = p4Callers[t.n(len(p4Callers))]
	if c.doubt.caller != nil {
		c.caller = *c.doubt.caller
	}
	c.cross = t.n(3) == 2
	for i := range c.base {
		// Mostly an Allow of everything, so that the doubtful statement decides.
		c.base[i] = []int{1, 1, 1, 0, 2}[t.n(5)]
	}
	// Organization levels: level 1 only with level 0.
	if c.base[4] == 0 {
		c.base[5] = 0
	}
	if c.base[6] == 0 {
		c.base[7] = 0
	}
	c.resPrincipal = []string{`"*"`, `{"AWS":"` + p4Acct + `"}`, p4Names(c.caller.principal),
		`{"AWS":"arn:aws:iam::111122223333:role/ops/reader"}`}[t.n(4)]
	n := 1 + t.n(2)
	for i := 0; i < n; i++ {
		c.placed = append(c.placed, p4Place{layer: t.n(len(p4Layers)), deny: t.n(2) == 1, neg: t.n(3) == 2})
	}
	return c
}

// p4Set builds the policy documents for reading k (-1: doubtful), layer by layer.
func (c *p4Case) docs(k int) [8][]string {
	acct := p4Acct
	if c.cross {
		acct = p4Other
	}
	var stmts [8][]string
	for i := range p4Layers {
		principal := i == 3 || i >= 6
		pr := ""
		if principal {
			pr = `,"Principal":"*"`
			if i == 3 {
				pr = `,"Principal":` + c.resPrincipal
			}
		}
		switch c.base[i] {
		case 1:
			stmts[i] = append(stmts[i], `{"Effect":"Allow","Action":"*","Resource":"*"`+pr+`}`)
		case 2:
			stmts[i] = append(stmts[i], `{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"`+pr+`}`)
		}
	}
	for _, p := range c.placed {
		principal := p.layer == 3 || p.layer >= 6
		neg := p.neg
		if p.layer >= 6 && c.doubt.name == p4Doubts()[5].name {
			neg = true // RCPs take Principal "*" only: the role doubt goes in a condition
		}
		eff := "Allow"
		if p.deny {
			eff = "Deny"
		}
		stmts[p.layer] = append(stmts[p.layer], `{"Effect":"`+eff+`","Action":"*",`+c.doubt.stmt(k, principal, neg, acct)+`}`)
	}
	return stmts
}

func (c *p4Case) evaluator(tb testing.TB, k int) *eval.Evaluator {
	tb.Helper()
	var set eval.PolicySet
	docs := c.docs(k)
	parse := func(i int) []*policy.Policy {
		if len(docs[i]) == 0 {
			return nil
		}
		return []*policy.Policy{mustParse(tb, p4Layers[i]+".json", `{"Version":"2012-10-17","Statement":[`+strings.Join(docs[i], ",")+`]}`)}
	}
	set.Identity, set.Boundary, set.Session = parse(0), parse(1), parse(2)
	if r := parse(3); r != nil {
		set.Resource = r[0]
	}
	for _, lv := range []int{4, 5} {
		if ps := parse(lv); ps != nil {
			set.SCP = append(set.SCP, ps)
		}
	}
	for _, lv := range []int{6, 7} {
		if ps := parse(lv); ps != nil {
			set.RCP = append(set.RCP, ps)
		}
	}
	ev, err := eval.Compile(set)
	if err != nil {
		tb.Fatalf("Compile: %v\n%s", err, c)
	}
	return ev
}

func (c *p4Case) request(k int) eval.Request {
	acct := p4Acct
	if c.cross {
		acct = p4Other
	}
	req := eval.Request{Principal: c.caller.principal, Action: "s3:GetObject", Resource: p4Obj, ResourceAccount: acct}
	if c.doubt.logs {
		req = eval.Request{Principal: c.caller.principal, Action: "logs:PutLogEvents", Resource: "arn:aws:logs:us-east-1:" + acct + ":log-group:app:web-1"}
	}
	req.Context = append(append([]condition.Entry{}, c.caller.ctx...), c.doubt.ctx(k)...)
	return req
}

// p4Explain explains req and checks that Explain's decision equals Decide's, and that the
// explanation reads the same after later decisions reused the pooled scratch space.
func p4Explain(ev *eval.Evaluator, req eval.Request) (eval.Decision, string) {
	d := ev.Decide(req)
	x := ev.Explain(req)
	if x.Decision != d {
		return d, fmt.Sprintf("Decide says %v, Explain says %v\n%s", d, x.Decision, x)
	}
	return d, ""
}

// TestProbeP4Combinations: the property over drawn cases, one subtest per rule.
func TestProbeP4Combinations(t *testing.T) {
	props := gopter.NewProperties(propParams(t))
	var seen [3][3]int // doubtful decision × (some reading ExplicitDeny, all Allow, other)
	skipped := 0
	props.Property("C5.0 E7.4 X8.1 E7.9 E7.10 doubt in every policy kind", prop.ForAll(func(choices []int) string {
		c := p4Draw(&tape{c: choices})
		ev := c.evaluator(t, -1)
		req := c.request(-1)
		d, msg := p4Explain(ev, req)
		if msg != "" {
			return msg + "\n" + c.String()
		}
		if err := req.Validate(); err != nil {
			if d != eval.ImplicitDeny {
				return failf("malformed request (%v) decided %v\n%s", err, d, c)
			}
			skipped++
			return ""
		}
		someDeny, allAllow := false, true
		var rs []eval.Decision
		for k := 0; k < c.doubt.readings; k++ {
			rreq := c.request(k)
			if err := rreq.Validate(); err != nil {
				return failf("reading %d is malformed: %v\n%s", k, err, c)
			}
			rd, msg := p4Explain(c.evaluator(t, k), rreq)
			if msg != "" {
				return msg + "\n" + c.String()
			}
			rs = append(rs, rd)
			someDeny = someDeny || rd == eval.ExplicitDeny
			allAllow = allAllow && rd == eval.Allow
		}
		col := 2
		switch {
		case someDeny:
			col = 0
		case allAllow:
			col = 1
		}
		seen[d][col]++
		switch {
		case d == eval.Allow && !allAllow:
			return failf("doubtful case allowed, readings %v\n%s\n%s", rs, c, ev.Explain(req))
		case someDeny && d != eval.ExplicitDeny:
			return failf("a Deny applies under some reading (readings %v) but the doubtful case is %v\n%s\n%s", rs, d, c, ev.Explain(req))
		}
		return ""
	}, tapes()))
	props.TestingRun(t, wideReporter())
	t.Logf("doubtful decision × readings (some ExplicitDeny, all Allow, other): %v; malformed: %d", seen, skipped)
	if seen[eval.ExplicitDeny][0] == 0 || seen[eval.Allow][1] == 0 {
		t.Errorf("the cases reach neither a Deny under doubt nor an Allow: %v", seen)
	}
}

// TestProbeP4ExplanationOwnsItsStrings: explanations of requests whose derived keys come from
// the clock (aws:CurrentTime, aws:EpochTime live in pooled scratch space) read the same after
// many later decisions, with other clocks and callers, reused the scratch.
func TestProbeP4ExplanationOwnsItsStrings(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[
	 {"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::example-bucket/${aws:username}/*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}},
	 {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:EpochTime":"${aws:PrincipalTag/limit}*"}}},
	 {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:CurrentTime":"${aws:username}"}}}]}`
	var xs []*eval.Explanation
	var before []string
	for i := 0; i < 8; i++ {
		now := time.Date(2026, 12, 1, 10, i, 0, 0, time.UTC)
		ev, err := eval.Options{Now: func() time.Time { return now }}.Compile(eval.PolicySet{Identity: []*policy.Policy{mustParse(t, "id.json", doc)}})
		if err != nil {
			t.Fatal(err)
		}
		req := eval.Request{Principal: "arn:aws:iam::111122223333:user/reports", Action: "s3:GetObject", Resource: p4Obj,
			ResourceAccount: p4Acct, Context: []condition.Entry{p4One("aws:PrincipalTag/limit", fmt.Sprint(1700000000+i*1e8))}}
		x := ev.Explain(req)
		if x.Decision != ev.Decide(req) {
			t.Fatalf("Decide and Explain differ\n%s", x)
		}
		xs = append(xs, x)
		before = append(before, fmt.Sprintf("%+v", *x))
		for j := 0; j < 64; j++ {
			later := time.Date(2031, 5, 5, 5, 5, j, 0, time.UTC)
			ev2, _ := eval.Options{Now: func() time.Time { return later }}.Compile(eval.PolicySet{Identity: []*policy.Policy{mustParse(t, "id.json", doc)}})
			ev2.Decide(eval.Request{Principal: "arn:aws:iam::111122223333:user/zzzzzzzzzzzzzzzzzz", Action: "s3:GetObject", Resource: p4Obj, ResourceAccount: p4Acct})
		}
	}
	for i, x := range xs {
		if after := fmt.Sprintf("%+v", *x); after != before[i] {
			t.Fatalf("explanation %d changed after the scratch was reused:\nbefore %s\nafter  %s", i, before[i], after)
		}
	}
}
