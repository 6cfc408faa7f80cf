package policy

import (
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/internal/ascii"
)

// Matching on syntax-tree values, for tools that ask questions of a policy ("does this Action
// list cover iam:PassRole?", "is this principal public?") without compiling an evaluator. Each
// call compiles the patterns it needs; to decide requests, compile the policy with eval, which
// also applies conditions, policy variables and the evaluation logic.

// MatchAction reports whether one of the values of ss, read as Action patterns, matches action
// ("service:Name"): "*" matches everything (A2.2), "*" and "?" are wildcards in the name (A2.3),
// and the prefix and name compare case-insensitively (A2.1). A wildcard in the service prefix,
// which a policy may not hold (ValidAction, A2.4), is compared literally, so it never widens the
// match. A nil Strings matches nothing. For a NotAction element, the statement covers the
// actions MatchAction reports false for (A2.6).
func (ss *Strings) MatchAction(action string) bool {
	for _, v := range ss.All() {
		if v.Value == "*" {
			return true
		}
		if p, err := arn.CompileAction(v.Value); err == nil && p.Match(action) {
			return true
		}
	}
	return false
}

// MatchResource reports whether one of the values of ss, read as Resource patterns, matches the
// ARN resource: "*" matches everything, "*" and "?" are wildcards, a "*" that ends a segment may
// reach across ":" (R3.2, R3.3). Policy variables are not expanded: "${...}" is compared as
// literal text, as under Version 2008-10-17, so a value holding a variable matches only an ARN
// that contains that text; to decide with variables, use eval, which substitutes them from the
// request (V6.x). A nil Strings matches nothing; for NotResource, the statement covers the
// resources MatchResource reports false for (R3.6).
func (ss *Strings) MatchResource(resource string) bool {
	for _, v := range ss.All() {
		if v.Value == "*" {
			return true
		}
		if p, err := arn.CompileResource(v.Value); err == nil && p.Match(resource) {
			return true
		}
	}
	return false
}

// Matches reports whether p names caller, read as eval reads Request.Principal: an IAM ARN
// (arn:PARTITION:iam::ACCOUNT:root, user/..., role/...; arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION,
// federated-user/NAME), a service principal ("s3.amazonaws.com"), "federated:PROVIDER" for a
// caller authenticated by an identity provider, or "anonymous". The literal forms of P4.1–P4.9:
//
//   - Principal "*" names every caller; {"AWS": "*"} every caller but a service (P4.9, as
//     eval decides an Allow).
//   - An account ID or root ARN names every IAM caller of that account (P4.1).
//   - A user ARN names that user (P4.2); a role ARN every session of that role, matched by
//     account and role name since a session ARN carries no role path (P4.3); a session or
//     federated-user ARN exactly that session (P4.4, P4.5).
//   - Service and Federated values name that service and that provider (P4.6, P4.7).
//
// Unique IDs (AIDA..., AROA..., P4.11) and CanonicalUser (P4.8) name no caller here: they need
// what only a request carries. A nil Principal names nobody. For NotPrincipal, the statement
// applies to the callers Matches reports false for (P4.15).
func (p *Principal) Matches(caller string) bool {
	if p == nil {
		return false
	}
	if p.Wildcard {
		return true
	}
	switch {
	case strings.HasPrefix(caller, "federated:"):
		return hasValue(p.Federated, caller[len("federated:"):])
	case caller == "anonymous" || caller == "*":
		return hasValue(p.AWS, "*")
	case !strings.HasPrefix(caller, "arn:"):
		return hasValue(p.Service, caller)
	}
	c, err := arn.Parse(caller)
	if err != nil {
		return false
	}
	iam := c.Service == "iam" || c.Service == "sts"
	for _, v := range p.AWS.All() {
		e := v.Value
		switch {
		case e == "*":
			return true
		case len(e) == 12 && allDigits(e):
			if iam && c.Account == e {
				return true
			}
			continue
		}
		a, err := arn.Parse(e)
		if err != nil || a.Partition != c.Partition || a.Account != c.Account || !iam {
			continue
		}
		switch {
		case a.IsRoot():
			return true
		case a.IsRole():
			if c.IsRole() && a.Name() == c.Name() {
				return true
			}
			if role, ok := c.SessionRole(); ok && a.Name() == role.Name() {
				return true
			}
		case e == caller:
			return true
		}
	}
	return false
}

func hasValue(ss *Strings, v string) bool {
	for _, s := range ss.All() {
		if s.Value == v {
			return true
		}
	}
	return false
}

// restrictingKeys are the condition keys that, compared with exact values, confine a "*"
// principal to known callers (L11.3): an organization, an account, a calling resource or
// endpoint, or principal ARNs.
var restrictingKeys = [...]string{"aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceArn", "aws:SourceVpce", "aws:PrincipalArn", "aws:SourceOwner"}

// IsPublic reports whether p opens its statement to everyone (P4.9, L11.3): it is "*" or has
// {"AWS": "*"}, and none of conds (the statement's conditions) restricts the callers. A
// condition restricts them when its key is aws:PrincipalOrgID, aws:PrincipalAccount,
// aws:SourceAccount, aws:SourceArn, aws:SourceOwner, aws:SourceVpce or aws:PrincipalArn (case-insensitive, C5.2),
// its operator is StringEquals, StringEqualsIgnoreCase, StringLike, ArnEquals or ArnLike
// without IfExists (which holds when the key is missing, C5.12) and without ForAllValues (which
// holds on an empty set), and every value is exact: no "*" or "?" and not empty. A nil
// Principal is not public. Use it on a Principal, not a NotPrincipal (a NotPrincipal Deny
// applies to everyone else, P4.15).
func (p *Principal) IsPublic(conds []Condition) bool {
	if p == nil || !(p.Wildcard || hasValue(p.AWS, "*")) {
		return false
	}
	for i := range conds {
		if restricts(&conds[i]) {
			return false
		}
	}
	return true
}

func restricts(c *Condition) bool {
	if c.Op.IfExists || c.Op.Qualifier == condition.ForAllValues || len(c.Values) == 0 {
		return false
	}
	switch c.Op.Operator {
	case condition.StringEquals, condition.StringEqualsIgnoreCase, condition.StringLike, condition.ArnEquals, condition.ArnLike:
	default:
		return false
	}
	known := false
	for _, k := range restrictingKeys {
		if ascii.EqualFold(c.Key.Value, k) { // ASCII case only, as key names compare (C5.2)
			known = true
			break
		}
	}
	if !known {
		return false
	}
	for _, v := range c.Values {
		if v.Text == "" || strings.ContainsAny(v.Text, "*?") {
			return false
		}
	}
	return true
}
