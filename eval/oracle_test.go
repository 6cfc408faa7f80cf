package eval_test

// A deliberately naive reference oracle for the evaluator, written straight from SEMANTICS.md
// §7–§9. It shares no code with the engine: no index, no precompiled patterns, no condition
// package. For each request it walks every statement of every policy, matches actions and
// resources with the small wildcard matchers below, principals by plain string comparison, and
// evaluates a restricted set of condition operators itself.
//
// Scope (the generator in properties_test.go stays inside it; the oracle panics outside it so
// that a generator change cannot silently test nothing):
//   - callers: IAM users and role sessions (the request carries aws:PrincipalArn) in any
//     account; no root user, no federated users, no service principals, no anonymous callers;
//   - policies: identity policies, one optional resource policy whose statements carry
//     Principal (never NotPrincipal), permissions boundaries, session policies (only for role
//     sessions: SEMANTICS defines session policies for session principals only, so a user
//     caller with session policies would be an ambiguous combination), SCP levels; no RCPs;
//   - Principal values: "*", {"AWS":"*"}, account ids, account root ARNs, user, role and
//     role-session ARNs;
//   - condition operators: StringEquals, StringNotEquals, StringLike, Bool, NumericLessThan,
//     each optionally with IfExists, no set qualifiers, single-valued request keys, no policy
//     variables;
//   - actions and resources for which no service rule applies (no sts:*, kms:* or iam ARNs, so
//     E7.7 and the engine's service rules never come into play), and requests whose resource
//     account is known from the ARN or given explicitly, or unknown for an S3 ARN (X8.3).

import (
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// grant is how strongly a resource-policy statement names the caller (E7.5).
type grant int

const (
	grantNone       grant = iota
	grantDelegation       // the caller's account: a prerequisite, not a grant (E7.6)
	grantEntity           // the role of a role session: limited by boundary and session policies
	grantDirect           // the caller itself, or "*"
)

// oracleCaller is the request's principal as the oracle reads it.
type oracleCaller struct {
	arn     string
	account string
	session bool   // an assumed-role session
	roleARN string // the session's role (aws:PrincipalArn)
}

func oracleReadCaller(req eval.Request) oracleCaller {
	parts := strings.SplitN(req.Principal, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] != "aws" {
		panic("oracle: caller outside scope: " + req.Principal)
	}
	c := oracleCaller{arn: req.Principal, account: parts[4]}
	switch {
	case parts[2] == "iam" && strings.HasPrefix(parts[5], "user/"):
	case parts[2] == "sts" && strings.HasPrefix(parts[5], "assumed-role/"):
		c.session = true
		v, ok := oracleLookup(req.Context, "aws:PrincipalArn")
		if !ok {
			panic("oracle: role session without aws:PrincipalArn")
		}
		c.roleARN = v
	default:
		panic("oracle: caller outside scope: " + req.Principal)
	}
	return c
}

// oracleLookup finds a context key, comparing names without case (C5.2).
func oracleLookup(ctx []condition.Entry, key string) (string, bool) {
	for _, e := range ctx {
		if strings.EqualFold(e.Key, key) {
			if len(e.Values) != 1 {
				panic("oracle: multivalued key outside scope: " + key)
			}
			return e.Values[0], true
		}
	}
	return "", false
}

// oracleResourceAccount: the explicit resource account, else the ARN's account field, else
// unknown (X8.3, R3.8).
func oracleResourceAccount(req eval.Request) string {
	if req.ResourceAccount != "" {
		return req.ResourceAccount
	}
	if strings.HasPrefix(req.Resource, "arn:") {
		if parts := strings.SplitN(req.Resource, ":", 6); len(parts) == 6 {
			return parts[4]
		}
	}
	return ""
}

// globMatch matches s against p, where '*' is any run of characters and '?' exactly one
// (A2.3, C5.5).
func globMatch(p, s string) bool {
	return wildMatch(p, s, func(int, byte) bool { return true })
}

// wildMatch matches s against p, where '*' is a run of characters and '?' one character, a
// wildcard at p[i] taking a character c only when takes(i, c). Plain recursion over both
// strings, with a memo so that it stays polynomial.
func wildMatch(p, s string, takes func(i int, c byte) bool) bool {
	memo := map[[2]int]bool{}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		k := [2]int{i, j}
		if v, ok := memo[k]; ok {
			return v
		}
		var r bool
		switch {
		case i == len(p):
			r = j == len(s)
		case p[i] == '*':
			r = m(i+1, j) || (j < len(s) && takes(i, s[j]) && m(i, j+1))
		case j == len(s):
			r = false
		case p[i] == '?':
			r = takes(i, s[j]) && m(i+1, j+1)
		default:
			r = p[i] == s[j] && m(i+1, j+1)
		}
		memo[k] = r
		return r
	}
	return m(0, 0)
}

// oracleActionMatch: "*" matches every action (A2.2); otherwise the service prefix is compared
// literally and the name with wildcards, both without case (A2.1, A2.3, A2.4).
func oracleActionMatch(pattern, action string) bool {
	if pattern == "*" {
		return true
	}
	pSvc, pName, ok1 := strings.Cut(pattern, ":")
	aSvc, aName, ok2 := strings.Cut(action, ":")
	if !ok1 || !ok2 {
		return false
	}
	return strings.EqualFold(pSvc, aSvc) && globMatch(strings.ToLower(pName), strings.ToLower(aName))
}

// oracleResourceMatch implements R3.2, R3.3, R3.4, R3.5: the whole-value "*" matches every
// resource including the request resource "*"; otherwise the match is case-sensitive, and a '?'
// and a '*' stay inside their colon-separated segment unless the '*' is the last character of
// its segment (then it may run past colons), in the resource part too (R3.3 corrected 2026-12).
// It returns condTrue on a match, condUnknown when only the older reading (every wildcard after
// the fifth colon crossing colons) matches, else condFalse.
func oracleResourceMatch(p, s string) int {
	if p == "*" {
		return condTrue
	}
	seg := make([]int, len(p)) // colons before position i, capped at 5
	n := 0
	for i := range p {
		seg[i] = n
		if p[i] == ':' && n < 5 {
			n++
		}
	}
	segmentFinal := func(i int) bool { return p[i] == '*' && (i+1 == len(p) || p[i+1] == ':') }
	if wildMatch(p, s, func(i int, c byte) bool { return c != ':' || segmentFinal(i) }) {
		return condTrue
	}
	if wildMatch(p, s, func(i int, c byte) bool { return c != ':' || seg[i] == 5 || segmentFinal(i) }) {
		return condUnknown
	}
	return condFalse
}

var oracleDecimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// oracleNumber reads a C5.6 number: optional '-', digits, optional '.digits', compared exactly.
func oracleNumber(s string) (*big.Rat, bool) {
	if !oracleDecimal.MatchString(s) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// Three-valued condition results (C5.0).
const (
	condFalse = iota
	condTrue
	condUnknown
)

// oracleCondition evaluates one operator/key pair (C5.1, C5.4, C5.5, C5.6, C5.8, C5.12): true,
// false, or unknown when the request value cannot be read for the operator (C5.0, 2026-12:
// for positive and negated operators alike).
func oracleCondition(c *policy.Condition, ctx []condition.Entry) int {
	op := c.Op.String()
	ifExists := strings.HasSuffix(op, "IfExists")
	op = strings.TrimSuffix(op, "IfExists")
	negated := op == "StringNotEquals"
	switch op {
	case "StringEquals", "StringNotEquals", "StringLike", "Bool", "NumericLessThan":
	default:
		panic("oracle: operator outside scope: " + c.Op.String())
	}
	v, ok := oracleLookup(ctx, c.Key.Value)
	if !ok {
		// C5.12: IfExists holds on a missing key; C5.4: otherwise positive operators fail and
		// negated ones hold.
		if ifExists || negated {
			return condTrue
		}
		return condFalse
	}
	switch op {
	case "Bool":
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return condUnknown // C5.8
		}
	case "NumericLessThan":
		if _, ok := oracleNumber(v); !ok {
			return condUnknown // C5.6, C5.0
		}
	}
	any := false
	for _, lit := range c.Values {
		pv := lit.Text
		var hit bool
		switch op {
		case "StringEquals", "StringNotEquals":
			hit = pv == v
		case "StringLike":
			hit = globMatch(pv, v)
		case "Bool":
			if !strings.EqualFold(pv, "true") && !strings.EqualFold(pv, "false") {
				panic("oracle: Bool value outside scope: " + pv)
			}
			hit = strings.EqualFold(pv, v)
		case "NumericLessThan":
			limit, ok := oracleNumber(pv)
			if !ok {
				panic("oracle: numeric policy value outside scope: " + pv)
			}
			x, _ := oracleNumber(v)
			hit = x.Cmp(limit) < 0
		}
		any = any || hit
	}
	// C5.1: the values of a positive operator combine as OR, those of a negated one as NOR.
	if any != negated {
		return condTrue
	}
	return condFalse
}

// oraclePrincipal returns how a Principal element names the caller (E7.5, P4.1–P4.4, P4.9,
// P4.12: the listed principals are OR'ed, the strongest counts).
func oraclePrincipal(p *policy.Principal, c oracleCaller) grant {
	if p == nil {
		return grantNone // a resource-policy statement without Principal names nobody
	}
	if p.Wildcard {
		return grantDirect
	}
	if p.Service != nil || p.Federated != nil || p.CanonicalUser != nil {
		panic("oracle: principal type outside scope")
	}
	best := grantNone
	if p.AWS == nil {
		return best
	}
	for _, s := range p.AWS.Values {
		g := grantNone
		switch v := s.Value; {
		case v == "*":
			g = grantDirect
		case v == c.account || v == "arn:aws:iam::"+c.account+":root":
			g = grantDelegation
		case v == c.arn:
			g = grantDirect // the user itself, or the session itself
		case c.session && v == c.roleARN:
			g = grantEntity
		}
		if g > best {
			best = g
		}
	}
	return best
}

// oracleStatement reports whether a statement applies to the request, and with what principal
// strength (grantDirect for statements of identity-type policies, whose principal is implicit,
// E7.2).
func oracleStatement(s *policy.Statement, resourcePolicy bool, c oracleCaller, req eval.Request) (grant, bool) {
	if s.NotPrincipal != nil {
		panic("oracle: NotPrincipal outside scope")
	}
	if (s.Action == nil) == (s.NotAction == nil) || (s.Resource == nil) == (s.NotResource == nil) {
		panic("oracle: statement shape outside scope")
	}
	anyAction := func(list *policy.Strings) bool {
		for _, a := range list.Values {
			if oracleActionMatch(a.Value, req.Action) {
				return true
			}
		}
		return false
	}
	if s.Action != nil && !anyAction(s.Action) || s.NotAction != nil && anyAction(s.NotAction) {
		return grantNone, false // A2.6: NotAction applies to every action matching none of its patterns
	}
	// R3.3, R3.6: the best any entry does (true, else unknown, else false).
	anyResource := func(list *policy.Strings) int {
		best := condFalse
		for _, r := range list.Values {
			if strings.Contains(r.Value, "${") {
				panic("oracle: policy variable outside scope")
			}
			switch oracleResourceMatch(r.Value, req.Resource) {
			case condTrue:
				return condTrue
			case condUnknown:
				best = condUnknown
			}
		}
		return best
	}
	resUnknown := false
	if s.Resource != nil {
		switch anyResource(s.Resource) {
		case condFalse:
			return grantNone, false
		case condUnknown:
			resUnknown = true
		}
	} else {
		switch anyResource(s.NotResource) {
		case condTrue:
			return grantNone, false // R3.6
		case condUnknown:
			resUnknown = true
		}
	}
	g := grantDirect
	if resourcePolicy {
		g = oraclePrincipal(s.Principal, c)
	} else if s.Principal != nil {
		panic("oracle: Principal in an identity-type policy is outside scope")
	}
	if g == grantNone {
		return grantNone, false
	}
	unknown := resUnknown // C5.0: an uncertain resource makes the statement uncertain
	for i := range s.Conditions {
		switch oracleCondition(&s.Conditions[i], req.Context) {
		case condFalse:
			return grantNone, false // C5.1: every operator and every key must hold
		case condUnknown:
			unknown = true
		}
	}
	return g, unknown
}

// oracleScan walks every statement of every policy: whether some Deny applies, and the
// strongest applicable Allow.
func oracleScan(pols []*policy.Policy, resourcePolicy bool, c oracleCaller, req eval.Request) (deny bool, allow grant) {
	for _, p := range pols {
		for i := range p.Statements {
			s := &p.Statements[i]
			g, unknown := oracleStatement(s, resourcePolicy, c, req)
			if g == grantNone {
				continue
			}
			switch s.Effect {
			case policy.Deny:
				deny = true // C5.0: a Deny applies when its condition is true or unknown
			case policy.Allow:
				if unknown {
					continue // C5.0: an Allow applies only when its condition is true
				}
				if g > allow {
					allow = g
				}
			}
		}
	}
	return deny, allow
}

// oracleDecide decides req against set, with a short reason, following E7.4 and X8.1.
func oracleDecide(set eval.PolicySet, req eval.Request) (eval.Decision, string) {
	if len(set.RCP) > 0 {
		panic("oracle: RCPs outside scope")
	}
	c := oracleReadCaller(req)
	if len(set.Session) > 0 && !c.session {
		panic("oracle: session policies for a caller that is not a session are outside scope")
	}
	var res []*policy.Policy
	if set.Resource != nil {
		res = []*policy.Policy{set.Resource}
	}
	idDeny, idAllow := oracleScan(set.Identity, false, c, req)
	resDeny, resAllow := oracleScan(res, true, c, req)
	bndDeny, bndAllow := oracleScan(set.Boundary, false, c, req)
	sesDeny, sesAllow := oracleScan(set.Session, false, c, req)
	scpDeny, scpAllAllow := false, true
	for _, level := range set.SCP {
		d, a := oracleScan(level, false, c, req)
		scpDeny = scpDeny || d
		scpAllAllow = scpAllAllow && a != grantNone
	}

	// E7.4 step 1: an applicable Deny in any policy wins.
	if idDeny || resDeny || bndDeny || sesDeny || scpDeny {
		return eval.ExplicitDeny, "E7.4.1 explicit deny"
	}
	// Step 3 (no RCPs in scope, step 2): the caller is an IAM principal of a member account, so
	// every SCP level must allow (E7.9).
	if !scpAllAllow {
		return eval.ImplicitDeny, "E7.4.3 an SCP level does not allow"
	}
	limits := func() (eval.Decision, string) {
		// Steps 6 and 7: the boundary, then the session policies, must allow.
		if len(set.Boundary) > 0 && bndAllow == grantNone {
			return eval.ImplicitDeny, "E7.4.6 boundary does not allow"
		}
		if c.session && len(set.Session) > 0 && sesAllow == grantNone {
			return eval.ImplicitDeny, "E7.4.7 session policies do not allow"
		}
		return eval.Allow, "allowed"
	}
	resAcct := oracleResourceAccount(req)
	if resAcct == "" || resAcct != c.account {
		// X8.1 (X8.3: an unknown account is treated as another account): the resource policy must
		// allow the caller with any strength, and the principal side must allow on its own.
		if resAllow == grantNone {
			return eval.ImplicitDeny, "X8.1 resource side does not allow"
		}
		if idAllow == grantNone {
			return eval.ImplicitDeny, "X8.1 identity side does not allow"
		}
		return limits()
	}
	// Step 4: a direct resource-policy grant allows on its own (E7.5).
	if resAllow == grantDirect {
		return eval.Allow, "E7.4.4 direct resource-policy grant"
	}
	// Step 5: an identity Allow, or an entity-strength resource grant (E7.5); delegation alone
	// is not a grant (E7.6).
	if idAllow == grantNone && resAllow != grantEntity {
		return eval.ImplicitDeny, "E7.4.5 nothing allows"
	}
	return limits()
}

// TestOracleMatchers pins the oracle's own matchers on the documented examples, so that the
// properties compare the engine with something known to be right.
func TestOracleMatchers(t *testing.T) {
	for _, c := range []struct {
		p, s string
		want bool
	}{
		{"iam:*AccessKey*", "iam:ListAccessKeys", true},    // A2.3 example
		{"iam:*AccessKey*", "iam:ListUsers", false},        // A2.3
		{"IAM:listaccesskeys", "iam:ListAccessKeys", true}, // A2.1
		{"s3:?etObject", "s3:GetObject", true},             // A2.3: '?' is one character
		{"s3:?etObject", "s3:etObject", false},             // A2.3
		{"s3:?etObject", "s3:GetObjectAcl", false},         // the whole name must match
		{"*", "ec2:RunInstances", true},                    // A2.2
		{"s3:*", "ec2:RunInstances", false},                // another service
		{"s3*:GetObject", "s3:GetObject", false},           // A2.4: the prefix is literal
		{"*:GetObject", "s3:GetObject", false},             // A2.4
		{"s3:Get*", "S3:GETOBJECT", true},                  // A2.1
		{"s3:Get*Acl", "s3:GetObjectAcl", true},            // A2.3
		{"s3:*Object", "s3:GetObjectAcl", false},           // A2.3
		{"s3:GetObject", "s3:*", false},                    // request text is literal
		{"s3:GetObject", "s3GetObject", false},             // no colon in the request
	} {
		if got := oracleActionMatch(c.p, c.s); got != c.want {
			t.Errorf("oracleActionMatch(%q, %q) = %v", c.p, c.s, got)
		}
	}
	for _, c := range []struct {
		p, s string
		want int
	}{
		{"*", "*", condTrue},               // R3.2
		{"arn:aws:s3:::*", "*", condFalse}, // R3.5
		{"arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1/2/test/3/object.jpg", condTrue},                             // R3.3 examples
		{"arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B//test/object.jpg", condTrue},                                  // R3.3
		{"arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1/test/", condTrue},                                           // R3.3
		{"arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1-test/object.jpg", condFalse},                                // R3.3
		{"arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/test/object.jpg", condFalse},                                  // R3.3
		{"arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1/2/test.jpg", condFalse},                                     // R3.3
		{"arn:aws:s3:::b/*", "arn:aws:s3:::B/k", condFalse},                                                       // R3.4
		{"arn:aws:ec2:*", "arn:aws:ec2:us-east-1:1:instance/i-1", condTrue},                                       // R3.3 NEWER
		{"arn:aws:logs:us-east-1:1:log-group:g:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", condTrue}, // R3.3
		{"arn:aws:ec2:us-*-1:1:instance/*", "arn:aws:ec2:us-east-1:1:instance/i-1", condTrue},                     // R3.3
		{"arn:aws:ec2:u*1:1:instance/*", "arn:aws:ec2:us:x:1:1:instance/i-1", condFalse},                          // inner '*' stays in its segment
		{"arn:aws:ec2:us-east-?:1:*", "arn:aws:ec2:us-east-1:1:instance/i-1", condTrue},                           // R3.3
		{"arn:aws:iam::1:user/division_abc*", "arn:aws:iam::1:user/division_abc/sub/Jane", condTrue},              // R3.3 example
		{"arn:aws:iam::1:user/division_abc*", "arn:aws:iam::1:user/JohnDoe", condFalse},                           // R3.3 example
		{"arn:aws:logs:us-east-1:1:log-group:a*z", "arn:aws:logs:us-east-1:1:log-group:a:b:z", condUnknown},       // R3.3 corrected 2026-12: only the older reading crosses
		{"arn:aws:logs:us-east-1:1:log-group:x?y", "arn:aws:logs:us-east-1:1:log-group:x:y", condUnknown},         // R3.3 corrected 2026-12: '?' never matches ':'
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/a:b/c", condTrue},                                                    // R3.3: a segment-final '*' crosses
	} {
		if got := oracleResourceMatch(c.p, c.s); got != c.want {
			t.Errorf("oracleResourceMatch(%q, %q) = %v", c.p, c.s, got)
		}
	}
}

// TestOracleKnownCases decides hand-worked cases with the oracle and the engine; each expectation
// cites the rule it comes from.
func TestOracleKnownCases(t *testing.T) {
	const (
		alice   = "arn:aws:iam::111122223333:user/alice"
		bob     = "arn:aws:iam::444455556666:user/bob"
		sess    = "arn:aws:sts::111122223333:assumed-role/reader/s1"
		role    = "arn:aws:iam::111122223333:role/ops/reader"
		obj     = "arn:aws:s3:::bucket-a/key1"
		acctA   = "111122223333"
		allowS3 = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`
	)
	roleCtx := []condition.Entry{{Key: "aws:PrincipalArn", Values: []string{role}}}
	resPol := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-a/*"}]}`
	}
	type docs struct {
		identity, resource, boundary, session string
		scp                                   []string
	}
	cases := []struct {
		name string
		d    docs
		req  eval.Request
		want eval.Decision
	}{
		{"E7.3 default deny", docs{}, eval.Request{Principal: alice, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.ImplicitDeny},
		{"E7.4.5 identity allow", docs{identity: allowS3}, eval.Request{Principal: alice, Action: "S3:getobject", Resource: obj, ResourceAccount: acctA}, eval.Allow},
		{"E7.4.1 deny wins", docs{identity: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"ec2:*","Resource":"*","Condition":{"StringNotEquals":{"s3:prefix":"x"}}}]}`},
			eval.Request{Principal: alice, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.ExplicitDeny}, // C5.4: negated operator, missing key
		{"X8.3 unknown account is cross-account", docs{identity: allowS3}, eval.Request{Principal: alice, Action: "s3:GetObject", Resource: obj}, eval.ImplicitDeny},
		{"X8.1 both sides", docs{identity: allowS3, resource: resPol(`{"AWS":"444455556666"}`)}, eval.Request{Principal: bob, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.Allow},
		{"X8.1 resource side alone", docs{resource: resPol(`{"AWS":"` + bob + `"}`)}, eval.Request{Principal: bob, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.ImplicitDeny},
		{"E7.5 direct user grant ignores the boundary", docs{resource: resPol(`{"AWS":"` + alice + `"}`), boundary: `{"Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}`},
			eval.Request{Principal: alice, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.Allow},
		{"E7.6 delegation is not a grant", docs{resource: resPol(`{"AWS":"111122223333"}`)}, eval.Request{Principal: alice, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.ImplicitDeny},
		{"E7.5 entity grant to the role", docs{resource: resPol(`{"AWS":"` + role + `"}`)}, eval.Request{Principal: sess, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA, Context: roleCtx}, eval.Allow},
		{"E7.5 entity grant limited by the session policy", docs{resource: resPol(`{"AWS":"` + role + `"}`), session: `{"Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}`},
			eval.Request{Principal: sess, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA, Context: roleCtx}, eval.ImplicitDeny},
		{"E7.5 direct session grant ignores the session policy", docs{resource: resPol(`{"AWS":"` + sess + `"}`), session: `{"Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}`},
			eval.Request{Principal: sess, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA, Context: roleCtx}, eval.Allow},
		{"E7.4.3 every SCP level", docs{identity: allowS3, scp: []string{`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, `{"Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}`}},
			eval.Request{Principal: alice, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.ImplicitDeny},
		{"C5.12 BoolIfExists on a missing key", docs{identity: `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":true}}}}`},
			eval.Request{Principal: alice, Action: "s3:GetObject", Resource: obj, ResourceAccount: acctA}, eval.Allow},
		{"C5.6 exact decimals", docs{identity: `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10}}}}`},
			eval.Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket-a", ResourceAccount: acctA, Context: []condition.Entry{{Key: "s3:max-keys", Values: []string{"9.99"}}}}, eval.Allow},
	}
	parse := func(doc string) *policy.Policy {
		p, err := policy.Parse([]byte(doc))
		if err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
		return p
	}
	for _, c := range cases {
		var set eval.PolicySet
		if c.d.identity != "" {
			set.Identity = []*policy.Policy{parse(c.d.identity)}
		}
		if c.d.resource != "" {
			set.Resource = parse(c.d.resource)
		}
		if c.d.boundary != "" {
			set.Boundary = []*policy.Policy{parse(c.d.boundary)}
		}
		if c.d.session != "" {
			set.Session = []*policy.Policy{parse(c.d.session)}
		}
		for _, s := range c.d.scp {
			set.SCP = append(set.SCP, []*policy.Policy{parse(s)})
		}
		got, why := oracleDecide(set, c.req)
		if got != c.want {
			t.Errorf("%s: oracle says %v (%s), want %v", c.name, got, why, c.want)
		}
		ev, err := eval.Compile(set)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := ev.Decide(c.req); got != c.want {
			t.Errorf("%s: engine says %v, want %v", c.name, got, c.want)
		}
	}
}
