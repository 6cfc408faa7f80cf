package eval_test

// Property tests of the evaluator (gopter). Every case is built from a "choice tape", a slice
// of small integers that gopter generates and shrinks: the builder reads one integer per
// decision and reads 0 once the tape is exhausted, so a shorter tape, or smaller integers, make
// a simpler case. Policies are rendered as JSON text and parsed with policy.Parse, so the
// parser takes part in every case. A failing case is reported as a label holding the request and
// every policy document.
//
// The generator stays inside the oracle's scope (see oracle_test.go): IAM users and role
// sessions in two accounts, a small alphabet of actions and resources with wildcard patterns,
// a few condition operators, no RCPs. It also keeps away from combinations SEMANTICS leaves
// open or that the engine decides by its own convention:
//   - session policies only for role-session callers (S9.4 defines them for sessions only);
//   - the request resource "*" always carries an explicit resource account (with none, the
//     engine takes the caller's account, R3.5, while X8.3 would fail closed: a convention, not
//     a documented rule);
//   - an EC2 ARN's resource account, when given, equals the ARN's account field (R3.8 and the
//     Request documentation rank the two sources differently);
//   - no short ARNs without a trailing '*' and no wildcard in a resource-type word (R3.9
//     DOC-GAP, which the engine treats as uncertain), and no ARN pattern mixing a segment-final
//     '*' with a wildcard inside another of the first five fields (R3.3 does not say how the
//     two combine; Compile rejects such patterns);
//   - no sts:, kms: or iam: resources (E7.7 and the service rules).
//
// Case counts: 2000 successful cases per property by default, IAM_PROP=quick → 200,
// IAM_PROP=long → 50000; IAM_PROP_SEED=N replays a run.

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

const (
	acctA = "111122223333"
	acctB = "444455556666"
)

// propCaller is one of the generator's callers.
type propCaller struct {
	arn, account, role string // role: the role ARN of a session (aws:PrincipalArn), "" for users
}

var propCallers = []propCaller{
	{"arn:aws:iam::111122223333:user/alice", acctA, ""},
	{"arn:aws:sts::111122223333:assumed-role/reader/s1", acctA, "arn:aws:iam::111122223333:role/ops/reader"},
	{"arn:aws:iam::444455556666:user/bob", acctB, ""},
	{"arn:aws:sts::444455556666:assumed-role/writer/s2", acctB, "arn:aws:iam::444455556666:role/writer"},
}

var (
	propActions = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObjectAcl", "ec2:RunInstances", "ec2:DescribeInstances", "iam:CreateUser"}

	propActionPatterns = []string{"*", "s3:*", "s3:Get*", "s3:?etObject", "s3:GetObject", "s3:PutObject", "s3:ListBucket",
		"s3:*Object", "s3:Get*Acl", "S3:getobject", "ec2:*", "ec2:RunInstances", "ec2:Describe*", "iam:*", "s3:List?ucket"}

	propResources = []string{"arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/key1", "arn:aws:s3:::bucket-a/dir/key2",
		"arn:aws:s3:::bucket-b/key1", "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
		"arn:aws:ec2:us-east-1:444455556666:instance/i-2", "*"}

	propResourcePatterns = []string{"*", "arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-?/key1",
		"arn:aws:s3:::*", "arn:aws:s3:::bucket-a*", "arn:aws:s3:::*/dir/*", "arn:aws:s3:::Bucket-a/*",
		"arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/*", "arn:aws:ec2:*:444455556666:*",
		"arn:aws:ec2:us-east-1:*:instance/i-?", "arn:aws:ec2:*"}

	// Principal values other than those derived from the caller.
	propOtherPrincipals = []string{"*", acctA, acctB, "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root",
		"arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:user/carol", "arn:aws:iam::444455556666:role/writer",
		"arn:aws:iam::111122223333:role/ops/reader", "arn:aws:sts::111122223333:assumed-role/reader/s1"}
)

// Condition alphabet: key spellings (C5.2) and policy values per operator family.
var (
	propStringKeys   = []string{"s3:prefix", "aws:PrincipalTag/team", "aws:principaltag/TEAM", "S3:Prefix"}
	propStringValues = []string{"", "home/", "home/*", "home/alice", "docs", "red", "blue", "r?d", "*"}
	propBoolKeys     = []string{"aws:SecureTransport", "aws:securetransport"}
	propNumValues    = []mVal{{"10", true}, {"10", false}, {"2.5", false}, {"100", true}, {"0.5", true}}
	propContextKeys  = []struct {
		key  string
		vals []string
	}{
		{"s3:prefix", []string{"", "home/", "home/alice", "docs"}},
		{"aws:PrincipalTag/team", []string{"red", "blue", "Red"}},
		{"aws:SecureTransport", []string{"true", "false"}},
		{"s3:max-keys", []string{"5", "10", "50", "2.5", "abc"}},
	}
)

// tape hands out choices; an exhausted tape answers 0, and the builders read 0 as the plainest
// option (Allow, Action, Resource, no condition, the request's own action and resource).
type tape struct {
	c []int
	i int
}

func (t *tape) n(k int) int {
	if t.i >= len(t.c) || k <= 1 {
		t.i++
		return 0
	}
	v := t.c[t.i] % k
	t.i++
	return v
}

func (t *tape) pick(list []string) string { return list[t.n(len(list))] }

// recase flips the case of some letters of s, chosen by the tape.
func recase(t *tape, s string) string {
	b := []byte(s)
	for i, c := range b {
		if t.n(2) == 1 {
			switch {
			case c >= 'a' && c <= 'z':
				b[i] = c - 32
			case c >= 'A' && c <= 'Z':
				b[i] = c + 32
			}
		}
	}
	return string(b)
}

// The model of a case, before rendering.
type mVal struct {
	text string
	raw  bool // written as a JSON number or boolean, not a string
}

type mCond struct {
	op, key string
	vals    []mVal
	array   bool
}

type mStmt struct {
	sid                   string
	deny                  bool
	bareStar              bool     // Principal: "*"
	principals            []string // Principal: {"AWS": ...}; nil: no Principal
	prinArray             bool
	notAction, actArray   bool
	actions               []string
	notResource, resArray bool
	resources             []string
	conds                 []mCond
}

type mPolicy struct {
	version string // "" = absent
	single  bool   // Statement written as one object (only with one statement)
	stmts   []mStmt
}

type mCase struct {
	caller   propCaller
	identity []mPolicy
	resource *mPolicy
	boundary []mPolicy
	session  []mPolicy
	scp      [][]mPolicy
	req      eval.Request
}

func (s mStmt) clone() mStmt {
	s.principals = append([]string(nil), s.principals...)
	s.actions = append([]string(nil), s.actions...)
	s.resources = append([]string(nil), s.resources...)
	conds := make([]mCond, len(s.conds))
	for i, c := range s.conds {
		c.vals = append([]mVal(nil), c.vals...)
		conds[i] = c
	}
	s.conds = conds
	return s
}

func (p mPolicy) clone() mPolicy {
	st := make([]mStmt, len(p.stmts))
	for i, s := range p.stmts {
		st[i] = s.clone()
	}
	p.stmts = st
	return p
}

func clonePolicies(ps []mPolicy) []mPolicy {
	if ps == nil {
		return nil
	}
	out := make([]mPolicy, len(ps))
	for i, p := range ps {
		out[i] = p.clone()
	}
	return out
}

func (c *mCase) clone() *mCase {
	d := *c
	d.identity = clonePolicies(c.identity)
	d.boundary = clonePolicies(c.boundary)
	d.session = clonePolicies(c.session)
	if c.resource != nil {
		r := c.resource.clone()
		d.resource = &r
	}
	d.scp = nil
	for _, l := range c.scp {
		d.scp = append(d.scp, clonePolicies(l))
	}
	d.req.Context = append([]condition.Entry(nil), c.req.Context...)
	return &d
}

// eachPolicy calls f on every policy of the case.
func (c *mCase) eachPolicy(f func(*mPolicy)) {
	for i := range c.identity {
		f(&c.identity[i])
	}
	if c.resource != nil {
		f(c.resource)
	}
	for i := range c.boundary {
		f(&c.boundary[i])
	}
	for i := range c.session {
		f(&c.session[i])
	}
	for _, l := range c.scp {
		for i := range l {
			f(&l[i])
		}
	}
}

// genRequest draws a request. sameAccount forces the resource into the caller's account;
// callers restricts the caller choice (nil: all).
func genRequest(t *tape, callers []propCaller, sameAccount bool) (propCaller, eval.Request) {
	if callers == nil {
		callers = propCallers
	}
	c := callers[t.n(len(callers))]
	req := eval.Request{Principal: c.arn, Action: t.pick(propActions)}
	if t.n(3) == 2 {
		req.Action = recase(t, req.Action) // A2.1
	}
	req.Resource = t.pick(propResources)
	switch {
	case req.Resource == "*":
		req.ResourceAccount = []string{acctA, acctB}[t.n(2)]
	case strings.HasPrefix(req.Resource, "arn:aws:s3:"):
		req.ResourceAccount = []string{acctA, acctB, ""}[t.n(3)] // "": unknown, X8.3
	default:
		if t.n(2) == 0 {
			req.ResourceAccount = strings.SplitN(req.Resource, ":", 6)[4]
		}
	}
	if sameAccount {
		if strings.HasPrefix(req.Resource, "arn:aws:ec2:") {
			req.Resource = map[string]string{acctA: propResources[4], acctB: propResources[5]}[c.account]
			req.ResourceAccount = ""
		} else {
			req.ResourceAccount = c.account
		}
	}
	for _, k := range propContextKeys {
		if t.n(3) > 0 {
			key := k.key
			if t.n(4) == 3 {
				key = strings.ToLower(key) // C5.2
			}
			req.Context = append(req.Context, condition.Entry{Key: key, Values: []string{k.vals[t.n(len(k.vals))]}})
		}
	}
	if c.role != "" {
		req.Context = append(req.Context, condition.Entry{Key: "aws:PrincipalArn", Values: []string{c.role}})
	}
	return c, req
}

// genCond draws one condition of the oracle's operator subset.
func genCond(t *tape) mCond {
	var c mCond
	switch t.n(5) {
	case 0:
		c.op, c.key = "StringEquals", t.pick(propStringKeys)
	case 1:
		c.op, c.key = "StringNotEquals", t.pick(propStringKeys)
	case 2:
		c.op, c.key = "StringLike", t.pick(propStringKeys)
	case 3:
		c.op, c.key = "Bool", t.pick(propBoolKeys)
	default:
		c.op, c.key = "NumericLessThan", "s3:max-keys"
	}
	n := 1 + t.n(2)
	for i := 0; i < n; i++ {
		switch c.op {
		case "Bool":
			c.vals = append(c.vals, mVal{[]string{"true", "false"}[t.n(2)], t.n(2) == 0})
		case "NumericLessThan":
			c.vals = append(c.vals, propNumValues[t.n(len(propNumValues))])
		default:
			c.vals = append(c.vals, mVal{text: t.pick(propStringValues)})
		}
	}
	c.array = n > 1 || t.n(3) == 0
	if t.n(3) == 2 {
		c.op += "IfExists" // C5.12
	}
	return c
}

// genStmt draws a statement biased towards the request, so that matches are common.
// relatedOdds: one choice in relatedOdds is taken from the request rather than the alphabet.
func genStmt(t *tape, c propCaller, req eval.Request, resourcePolicy bool, denyOdds, relatedOdds int) mStmt {
	var s mStmt
	s.deny = denyOdds > 0 && t.n(denyOdds) == denyOdds-1
	svc, _, _ := strings.Cut(req.Action, ":")
	for n := 1 + t.n(2); n > 0; n-- {
		if t.n(relatedOdds) == 0 {
			s.actions = append(s.actions, []string{req.Action, recase(t, req.Action), svc + ":*", "*"}[t.n(4)])
		} else {
			s.actions = append(s.actions, t.pick(propActionPatterns))
		}
	}
	s.actArray = len(s.actions) > 1 || t.n(2) == 0
	s.notAction = t.n(5) == 4
	for n := 1 + t.n(2); n > 0; n-- {
		if t.n(relatedOdds) == 0 {
			s.resources = append(s.resources, []string{req.Resource, "*"}[t.n(2)])
		} else {
			s.resources = append(s.resources, t.pick(propResourcePatterns))
		}
	}
	s.resArray = len(s.resources) > 1 || t.n(2) == 0
	s.notResource = t.n(6) == 5
	if resourcePolicy {
		if t.n(6) == 5 {
			s.bareStar = true
		} else {
			mine := []string{c.account, "arn:aws:iam::" + c.account + ":root", c.arn, "*"}
			if c.role != "" {
				mine = append(mine, c.role)
			}
			for n := 1 + t.n(2); n > 0; n-- {
				if t.n(3) < 2 {
					s.principals = append(s.principals, t.pick(mine))
				} else {
					s.principals = append(s.principals, t.pick(propOtherPrincipals))
				}
			}
			s.prinArray = len(s.principals) > 1 || t.n(2) == 0
		}
	}
	if t.n(3) == 2 {
		seen := map[string]bool{}
		for n := 1 + t.n(2); n > 0; n-- {
			cd := genCond(t)
			if k := cd.op + "\x00" + cd.key; !seen[k] { // one key per operator (G1.14)
				seen[k] = true
				s.conds = append(s.conds, cd)
			}
		}
	}
	return s
}

func genPolicy(t *tape, c propCaller, req eval.Request, resourcePolicy bool, denyOdds, relatedOdds int) mPolicy {
	p := mPolicy{version: []string{"2012-10-17", "2012-10-17", "2008-10-17", ""}[t.n(4)]}
	for n := 1 + t.n(3); n > 0; n-- {
		s := genStmt(t, c, req, resourcePolicy, denyOdds, relatedOdds)
		if t.n(3) == 0 {
			s.sid = "S" + strconv.Itoa(len(p.stmts))
		}
		p.stmts = append(p.stmts, s)
	}
	p.single = len(p.stmts) == 1 && t.n(2) == 0
	return p
}

// elsewhere points every Allow statement of p at another service than the request's, so that a
// boundary or session policy often fails to allow (E7.4 steps 6 and 7).
func elsewhere(p *mPolicy, req eval.Request) {
	other := "ec2:*"
	if strings.HasPrefix(strings.ToLower(req.Action), "ec2:") {
		other = "s3:*"
	}
	for i := range p.stmts {
		if s := &p.stmts[i]; !s.deny {
			s.notAction, s.actions, s.actArray = false, []string{other}, false
		}
	}
}

// genCase draws a whole case. The shape (which policies exist) is drawn first, so that it does
// not depend on whether the tape lasts until the later policies.
func genCase(t *tape) *mCase {
	c, req := genRequest(t, nil, false)
	m := &mCase{caller: c, req: req}
	nIdentity := []int{1, 2, 0, 1}[t.n(4)]
	hasResource := t.n(2) == 0
	hasBoundary, boundaryElsewhere := t.n(3) == 2, t.n(2) == 1
	nSession, sessionElsewhere := 0, t.n(2) == 1
	if c.role != "" && t.n(2) == 1 {
		nSession = 1 + t.n(2)
	}
	nSCP := 0
	if t.n(4) == 3 {
		nSCP = 1 + t.n(2)
	}
	for ; nIdentity > 0; nIdentity-- {
		m.identity = append(m.identity, genPolicy(t, c, req, false, 5, 2))
	}
	if hasResource {
		p := genPolicy(t, c, req, true, 5, 2)
		m.resource = &p
	}
	if hasBoundary {
		m.boundary = append(m.boundary, genPolicy(t, c, req, false, 6, 4))
		if boundaryElsewhere {
			elsewhere(&m.boundary[0], req)
		}
	}
	for i := 0; i < nSession; i++ {
		m.session = append(m.session, genPolicy(t, c, req, false, 6, 4))
	}
	if nSession > 0 && sessionElsewhere {
		elsewhere(&m.session[t.n(nSession)], req)
	}
	for ; nSCP > 0; nSCP-- {
		m.scp = append(m.scp, []mPolicy{genPolicy(t, c, req, false, 6, 3)})
	}
	return m
}

// Rendering. A nil *rand.Rand renders in a fixed order; otherwise statements, keys, array
// values and condition operators are shuffled (E7.12: order never matters).

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func shuffled[T any](r *rand.Rand, list []T) []T {
	out := append([]T(nil), list...)
	if r != nil {
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out
}

func renderList(r *rand.Rand, vals []string, array bool) string {
	if !array && len(vals) == 1 {
		return jsonString(vals[0])
	}
	parts := make([]string, 0, len(vals))
	for _, v := range shuffled(r, vals) {
		parts = append(parts, jsonString(v))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func renderVal(v mVal) string {
	if v.raw {
		return v.text
	}
	return jsonString(v.text)
}

func renderStmt(r *rand.Rand, s mStmt) string {
	var members []string
	add := func(k, v string) { members = append(members, jsonString(k)+":"+v) }
	if s.sid != "" {
		add("Sid", jsonString(s.sid))
	}
	add("Effect", map[bool]string{false: `"Allow"`, true: `"Deny"`}[s.deny])
	switch {
	case s.bareStar:
		add("Principal", `"*"`)
	case s.principals != nil:
		add("Principal", `{"AWS":`+renderList(r, s.principals, s.prinArray)+`}`)
	}
	add(map[bool]string{false: "Action", true: "NotAction"}[s.notAction], renderList(r, s.actions, s.actArray))
	add(map[bool]string{false: "Resource", true: "NotResource"}[s.notResource], renderList(r, s.resources, s.resArray))
	if len(s.conds) > 0 {
		var ops []string
		byOp := map[string][]string{}
		for _, c := range s.conds {
			if _, ok := byOp[c.op]; !ok {
				ops = append(ops, c.op)
			}
			var v string
			if !c.array && len(c.vals) == 1 {
				v = renderVal(c.vals[0])
			} else {
				var parts []string
				for _, x := range shuffled(r, c.vals) {
					parts = append(parts, renderVal(x))
				}
				v = "[" + strings.Join(parts, ",") + "]"
			}
			byOp[c.op] = append(byOp[c.op], jsonString(c.key)+":"+v)
		}
		var blocks []string
		for _, op := range shuffled(r, ops) {
			blocks = append(blocks, jsonString(op)+":{"+strings.Join(shuffled(r, byOp[op]), ",")+"}")
		}
		add("Condition", "{"+strings.Join(blocks, ",")+"}")
	}
	return "{" + strings.Join(shuffled(r, members), ",") + "}"
}

func renderPolicy(r *rand.Rand, p mPolicy) string {
	var members []string
	if p.version != "" {
		members = append(members, `"Version":`+jsonString(p.version))
	}
	var stmts []string
	for _, s := range p.stmts {
		stmts = append(stmts, renderStmt(r, s))
	}
	if p.single && len(stmts) == 1 {
		members = append(members, `"Statement":`+stmts[0])
	} else {
		members = append(members, `"Statement":[`+strings.Join(shuffled(r, stmts), ",")+"]")
	}
	return "{" + strings.Join(shuffled(r, members), ",") + "}"
}

// rendered is a case as JSON documents, parsed into a policy set.
type rendered struct {
	docs []string // "kind: JSON" lines, for the failure label
	set  eval.PolicySet
	req  eval.Request
}

func (c *mCase) render(r *rand.Rand) (*rendered, error) {
	out := &rendered{req: c.req}
	parse := func(kind string, p mPolicy) (*policy.Policy, error) {
		doc := renderPolicy(r, p)
		out.docs = append(out.docs, kind+": "+doc)
		q, err := policy.Parse([]byte(doc))
		if err != nil {
			return nil, fmt.Errorf("policy.Parse(%s): %v", doc, err)
		}
		return q, nil
	}
	several := func(kind string, ps []mPolicy) ([]*policy.Policy, error) {
		var out []*policy.Policy
		for _, p := range shuffled(r, ps) {
			q, err := parse(kind, p)
			if err != nil {
				return nil, err
			}
			out = append(out, q)
		}
		return out, nil
	}
	var err error
	if out.set.Identity, err = several("identity", c.identity); err != nil {
		return nil, err
	}
	if c.resource != nil {
		if out.set.Resource, err = parse("resource", *c.resource); err != nil {
			return nil, err
		}
	}
	if out.set.Boundary, err = several("boundary", c.boundary); err != nil {
		return nil, err
	}
	if out.set.Session, err = several("session", c.session); err != nil {
		return nil, err
	}
	for i, l := range shuffled(r, c.scp) {
		ps, err := several("scp level "+strconv.Itoa(i), l)
		if err != nil {
			return nil, err
		}
		out.set.SCP = append(out.set.SCP, ps)
	}
	return out, nil
}

func (x *rendered) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "request: principal=%s action=%s resource=%s resourceAccount=%q", x.req.Principal, x.req.Action, x.req.Resource, x.req.ResourceAccount)
	for _, e := range x.req.Context {
		fmt.Fprintf(&b, " %s=%q", e.Key, e.Values[0])
	}
	for _, d := range x.docs {
		b.WriteString("\n  " + d)
	}
	return b.String()
}

// decide renders, compiles and decides a case.
func (c *mCase) decide(r *rand.Rand) (eval.Decision, *rendered, error) {
	x, err := c.render(r)
	if err != nil {
		return 0, nil, err
	}
	ev, err := eval.Compile(x.set)
	if err != nil {
		return 0, x, fmt.Errorf("Compile: %v\n%s", err, x)
	}
	return ev.Decide(x.req), x, nil
}

// Parameters.

// propDefaultCount is the number of successful cases per property without IAM_PROP; race_test.go
// lowers it under the race detector.
var propDefaultCount = 2000

func propCount() int {
	switch os.Getenv("IAM_PROP") {
	case "quick":
		return 200
	case "long":
		return 50000
	}
	return propDefaultCount
}

func propParams(t *testing.T) *gopter.TestParameters {
	seed := time.Now().UnixNano()
	if s := os.Getenv("IAM_PROP_SEED"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("IAM_PROP_SEED: %v", err)
		}
		seed = v
	}
	t.Logf("gopter seed %d (replay with IAM_PROP_SEED=%d)", seed, seed)
	p := gopter.DefaultTestParametersWithSeed(seed)
	p.MinSuccessfulTests = propCount()
	p.MaxSize = 400 // tape length: most cases need fewer choices, the rest read zeros
	return p
}

// tapes generates choice tapes; gopter shrinks them by dropping and lowering choices.
func tapes() gopter.Gen {
	return gen.SliceOf(gen.IntRange(0, 1<<16))
}

// failf formats a failure description as into gopter's string result ("" is success).
func failf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// denyStmt draws a Deny statement that applies to the request whatever else the case holds.
func denyStmt(t *tape, c propCaller, req eval.Request, resourcePolicy bool) mStmt {
	svc, _, _ := strings.Cut(req.Action, ":")
	s := mStmt{deny: true}
	if t.n(5) == 4 {
		s.notAction, s.actions = true, []string{"sts:*"} // A2.6: every action but sts:*
	} else {
		s.actions = []string{[]string{req.Action, recase(t, req.Action), svc + ":*", "*"}[t.n(4)]}
	}
	if t.n(5) == 4 {
		s.notResource, s.resources = true, []string{"arn:aws:s3:::zzz/*"} // R3.6
	} else {
		s.resources = []string{[]string{req.Resource, "*"}[t.n(2)]}
	}
	if resourcePolicy {
		mine := []string{"*", c.account, "arn:aws:iam::" + c.account + ":root", c.arn}
		if c.role != "" {
			mine = append(mine, c.role)
		}
		if t.n(4) == 0 {
			s.bareStar = true
		} else {
			s.principals = []string{t.pick(mine)}
		}
	}
	if t.n(3) == 2 {
		// C5.4: a negated operator on a key the request lacks holds.
		s.conds = []mCond{{op: "StringNotEquals", key: "test:absent", vals: []mVal{{text: "x"}}}}
	}
	return s
}

// insert adds s to one of ps (chosen by the tape) or to a new policy.
func insert(t *tape, ps []mPolicy, s mStmt) []mPolicy {
	if len(ps) == 0 || t.n(3) == 0 {
		return append(ps, mPolicy{version: "2012-10-17", stmts: []mStmt{s}})
	}
	insertStmt(t, &ps[t.n(len(ps))], s)
	return ps
}

// insertStmt adds s to p at a position chosen by the tape.
func insertStmt(t *tape, p *mPolicy, s mStmt) {
	j := t.n(len(p.stmts) + 1)
	p.stmts = append(p.stmts[:j:j], append([]mStmt{s}, p.stmts[j:]...)...)
	p.single = false
}

// allowStmt draws an Allow statement that applies to the request (no condition).
func allowStmt(t *tape, c propCaller, req eval.Request, resourcePolicy bool) mStmt {
	s := denyStmt(t, c, req, resourcePolicy)
	s.deny, s.conds = false, nil
	return s
}

// TestEvalProperties runs each property in its own subtest, named with the rule it checks, so
// that 'go test -run TestEvalProperties/E7.4.1' runs one.
func TestEvalProperties(t *testing.T) {
	run := func(name string, p gopter.Prop) {
		t.Run(name, func(t *testing.T) {
			props := gopter.NewProperties(propParams(t))
			props.Property(name, p)
			props.TestingRun(t, wideReporter())
		})
	}

	// 1. E7.4 step 1: adding an applicable Deny to a policy of any kind gives ExplicitDeny.
	run("E7.4.1 explicit deny dominates", prop.ForAll(func(choices []int) string {
		t := &tape{c: choices}
		m := genCase(t)
		c, req := m.caller, m.req
		kinds := []string{"identity", "resource", "boundary", "scp"}
		if c.role != "" {
			kinds = append(kinds, "session")
		}
		switch kind := t.pick(kinds); kind {
		case "identity":
			m.identity = insert(t, m.identity, denyStmt(t, c, req, false))
		case "resource":
			if m.resource == nil {
				m.resource = &mPolicy{version: "2012-10-17"}
			}
			insertStmt(t, m.resource, denyStmt(t, c, req, true))
		case "boundary":
			m.boundary = insert(t, m.boundary, denyStmt(t, c, req, false))
		case "session":
			m.session = insert(t, m.session, denyStmt(t, c, req, false))
		case "scp":
			if len(m.scp) == 0 || t.n(2) == 0 {
				m.scp = append(m.scp, nil)
			}
			l := t.n(len(m.scp))
			m.scp[l] = insert(t, m.scp[l], denyStmt(t, c, req, false))
		}
		d, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		if d != eval.ExplicitDeny {
			return failf("got %v, want ExplicitDeny\n%s", d, x)
		}
		return ""
	}, tapes()))

	// 2. E7.3: with no policies at all every request is implicitly denied.
	run("E7.3 default deny", prop.ForAll(func(choices []int) string {
		_, req := genRequest(&tape{c: choices}, nil, false)
		ev, err := eval.Compile(eval.PolicySet{})
		if err != nil {
			return err.Error()
		}
		if d := ev.Decide(req); d != eval.ImplicitDeny {
			return failf("empty set: got %v for %+v", d, req)
		}
		return ""
	}, tapes()))

	// 2b. E7.3: policies holding only Deny statements never allow.
	run("E7.3 deny-only policies never allow", prop.ForAll(func(choices []int) string {
		m := genCase(&tape{c: choices})
		m.eachPolicy(func(p *mPolicy) {
			for i := range p.stmts {
				p.stmts[i].deny = true
			}
		})
		d, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		if d == eval.Allow {
			return failf("deny-only set allowed\n%s", x)
		}
		return ""
	}, tapes()))

	// 3. Monotonicity: an extra identity Allow statement never turns Allow or ExplicitDeny into
	// anything else, and never creates an ExplicitDeny.
	run("E7.4.5 identity Allow is monotone", prop.ForAll(func(choices []int) string {
		t := &tape{c: choices}
		m := genCase(t)
		before, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		extra := genStmt(t, m.caller, m.req, false, 0, 2)
		m.identity = insert(t, m.identity, extra)
		after, y, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		if (before == eval.Allow || before == eval.ExplicitDeny) && after != before ||
			before == eval.ImplicitDeny && after == eval.ExplicitDeny {
			return failf("%v became %v\nbefore: %s\nafter: %s", before, after, x, y)
		}
		return ""
	}, tapes()))

	// 4. E7.12: shuffling statements, policies, SCP levels, array values, condition operators and
	// JSON members changes nothing.
	run("E7.12 order does not matter", prop.ForAll(func(choices []int, seed int64) string {
		m := genCase(&tape{c: choices})
		d1, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		d2, y, err := m.decide(rand.New(rand.NewSource(seed)))
		if err != nil {
			return err.Error()
		}
		if d1 != d2 {
			return failf("%v in source order, %v shuffled\nsource order: %s\nshuffled: %s", d1, d2, x, y)
		}
		return ""
	}, tapes(), gen.Int64()))

	// 5. A2.1: actions compare without case, in policies and in the request.
	run("A2.1 actions are case-insensitive", prop.ForAll(func(choices []int) string {
		t := &tape{c: choices}
		m := genCase(t)
		d1, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		m.req.Action = recase(t, m.req.Action)
		m.eachPolicy(func(p *mPolicy) {
			for i := range p.stmts {
				for j, a := range p.stmts[i].actions {
					p.stmts[i].actions[j] = recase(t, a)
				}
			}
		})
		d2, y, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		if d1 != d2 {
			return failf("%v before recasing, %v after\nbefore: %s\nafter: %s", d1, d2, x, y)
		}
		return ""
	}, tapes()))

	// 6. A2.6, R3.6: for one identity statement and a same-account request, the NotAction form
	// applies exactly when the Action "*" form applies and the Action form does not; likewise
	// NotResource against Resource "*". "Applies" means the decision is not ImplicitDeny (Allow
	// for an Allow statement, ExplicitDeny for a Deny).
	run("A2.6 R3.6 NotAction and NotResource are complements", prop.ForAll(func(choices []int) string {
		t := &tape{c: choices}
		c, req := genRequest(t, []propCaller{propCallers[0], propCallers[1]}, true)
		s := genStmt(t, c, req, false, 2, 2)
		s.notAction, s.notResource = false, false
		applies := func(s mStmt) (bool, string, error) {
			m := &mCase{caller: c, req: req, identity: []mPolicy{{version: "2012-10-17", stmts: []mStmt{s}}}}
			d, x, err := m.decide(nil)
			if err != nil {
				return false, "", err
			}
			return d != eval.ImplicitDeny, x.String(), nil
		}
		var out []string
		check := func(plain, not, all mStmt, what string) error {
			a, xa, err := applies(plain)
			if err != nil {
				return err
			}
			n, xn, err := applies(not)
			if err != nil {
				return err
			}
			s, xs, err := applies(all)
			if err != nil {
				return err
			}
			if n != (s && !a) {
				out = append(out, fmt.Sprintf("%s: plain applies=%v, Not form applies=%v, \"*\" form applies=%v\n%s\n%s\n%s", what, a, n, s, xa, xn, xs))
			}
			return nil
		}
		not, all := s.clone(), s.clone()
		not.notAction = true
		all.actions, all.actArray = []string{"*"}, false
		if err := check(s, not, all, "NotAction"); err != nil {
			return err.Error()
		}
		not, all = s.clone(), s.clone()
		not.notResource = true
		all.resources, all.resArray = []string{"*"}, false
		if err := check(s, not, all, "NotResource"); err != nil {
			return err.Error()
		}
		return strings.Join(out, "\n")
	}, tapes()))

	// 7. X8.1: a cross-account Allow needs both sides; dropping the identity policies or the
	// resource policy gives ImplicitDeny.
	run("X8.1 cross-account needs both sides", prop.ForAll(func(choices []int) string {
		t := &tape{c: choices}
		c, req := genRequest(t, nil, true)
		other := map[string]string{acctA: acctB, acctB: acctA}[c.account]
		if strings.HasPrefix(req.Resource, "arn:aws:ec2:") {
			req.Resource = map[string]string{acctA: propResources[4], acctB: propResources[5]}[other]
		} else {
			req.ResourceAccount = other
		}
		m := &mCase{caller: c, req: req}
		allowOnly := func(p mPolicy) mPolicy {
			for i := range p.stmts {
				p.stmts[i].deny = false
			}
			return p
		}
		for n := t.n(2); n > 0; n-- {
			m.identity = append(m.identity, allowOnly(genPolicy(t, c, req, false, 0, 2)))
		}
		m.identity = insert(t, m.identity, allowStmt(t, c, req, false))
		rp := allowOnly(genPolicy(t, c, req, true, 0, 2))
		insertStmt(t, &rp, allowStmt(t, c, req, true))
		m.resource = &rp
		if t.n(3) == 0 {
			m.boundary = insert(t, nil, allowStmt(t, c, req, false))
		}
		if c.role != "" && t.n(3) == 0 {
			m.session = insert(t, nil, allowStmt(t, c, req, false))
		}
		d, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		if d != eval.Allow {
			return failf("both sides allow, got %v\n%s", d, x)
		}
		noID := m.clone()
		noID.identity = nil
		if d, x, err = noID.decide(nil); err != nil || d != eval.ImplicitDeny {
			return failf("without identity policies: %v %v\n%s", d, err, x)
		}
		noRes := m.clone()
		noRes.resource = nil
		if d, x, err = noRes.decide(nil); err != nil || d != eval.ImplicitDeny {
			return failf("without the resource policy: %v %v\n%s", d, err, x)
		}
		return ""
	}, tapes()))

	// 8. E7.4 steps 6–7, S9.4: boundaries and session policies only narrow: if a case is
	// allowed, it is allowed without them.
	run("E7.4.6-7 boundaries and session policies only narrow", prop.ForAll(func(choices []int) string {
		m := genCase(&tape{c: choices})
		full, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		bare := m.clone()
		bare.boundary, bare.session = nil, nil
		without, y, err := bare.decide(nil)
		if err != nil {
			return err.Error()
		}
		if full == eval.Allow && without != eval.Allow {
			return failf("allowed with boundary/session policies, %v without\nwith: %s\nwithout: %s", without, x, y)
		}
		return ""
	}, tapes()))

	// 9. Parse(Marshal(p)) equals p (apart from locations), and deciding with the re-parsed
	// policies gives the same answer.
	run("G1.15 marshal round trip", prop.ForAll(func(choices []int, seed int64) string {
		m := genCase(&tape{c: choices})
		x, err := m.render(rand.New(rand.NewSource(seed)))
		if err != nil {
			return err.Error()
		}
		var fail []string
		again := func(p *policy.Policy) *policy.Policy {
			out, err := policy.Marshal(p)
			if err != nil {
				fail = append(fail, "Marshal: "+err.Error())
				return p
			}
			q, err := policy.Parse(out)
			if err != nil {
				fail = append(fail, fmt.Sprintf("Parse(Marshal(p)): %v\n%s", err, out))
				return p
			}
			if d := cmp.Diff(p, q, ignoreLocations); d != "" {
				fail = append(fail, fmt.Sprintf("Parse(Marshal(p)) differs (-p +q):\n%s", d))
			}
			return q
		}
		set := eval.PolicySet{}
		for _, p := range x.set.Identity {
			set.Identity = append(set.Identity, again(p))
		}
		if x.set.Resource != nil {
			set.Resource = again(x.set.Resource)
		}
		for _, p := range x.set.Boundary {
			set.Boundary = append(set.Boundary, again(p))
		}
		for _, p := range x.set.Session {
			set.Session = append(set.Session, again(p))
		}
		for _, l := range x.set.SCP {
			var level []*policy.Policy
			for _, p := range l {
				level = append(level, again(p))
			}
			set.SCP = append(set.SCP, level)
		}
		if len(fail) > 0 {
			return strings.Join(fail, "\n") + "\n" + x.String()
		}
		e1, err := eval.Compile(x.set)
		if err != nil {
			return err.Error()
		}
		e2, err := eval.Compile(set)
		if err != nil {
			return err.Error()
		}
		if d1, d2 := e1.Decide(x.req), e2.Decide(x.req); d1 != d2 {
			return failf("%v on the parsed policies, %v after the round trip\n%s", d1, d2, x)
		}
		return ""
	}, tapes(), gen.Int64()))

}

// TestEvalPropertiesOracle runs property 10 with five times the cases of the others: it is the
// one that compares whole decisions.
func TestEvalPropertiesOracle(t *testing.T) {
	params := propParams(t)
	params.MinSuccessfulTests *= 5
	props := gopter.NewProperties(params)
	// 10. The compiled evaluator agrees with the naive oracle, and Explain with Decide.
	props.Property("E7.4 X8.1 engine equals oracle", prop.ForAll(func(choices []int) string {
		m := genCase(&tape{c: choices})
		d, x, err := m.decide(nil)
		if err != nil {
			return err.Error()
		}
		want, why := oracleDecide(x.set, x.req)
		oracleTally(why)
		if d != want {
			return failf("engine %v, oracle %v (%s)\n%s", d, want, why, x)
		}
		ev, _ := eval.Compile(x.set)
		if ex := ev.Explain(x.req); ex.Decision != d {
			return failf("Decide %v, Explain %v\n%s\n%s", d, ex.Decision, x, ex)
		}
		return ""
	}, tapes()))

	props.TestingRun(t, wideReporter())
	t.Logf("oracle decisions in the engine-equals-oracle property: %v", tally)
}

// ignoreLocations compares parsed policies apart from where their elements were, as the policy
// package's own round-trip test does.
var ignoreLocations = cmp.Options{
	cmpopts.IgnoreTypes(policy.Span{}),
	cmpopts.IgnoreFields(policy.Policy{}, "Source"),
	cmpopts.EquateEmpty(),
}

// tally counts the oracle's reasons in the engine-equals-oracle property, to show that the
// generator reaches every step of E7.4 and X8.1.
var tally = map[string]int{}

func oracleTally(why string) { tally[why]++ }

// wideReporter is gopter's console reporter without its 75-column wrapping, so that the policy
// documents of a failing case print one per line.
func wideReporter() gopter.Reporter { return gopter.NewFormatedReporter(true, 1<<12, os.Stdout) }
