package account

import (
	"strings"

	"github.com/iamgo/iam/arn"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// openKeys returns the context keys a request that was not allowed depends on, or nil when the
// answer is settled. The candidates are the keys the conditions read but the request lacked
// (Explanation.MissingKeys) that the model does not fill itself; they are kept only when some
// values of them could allow the request: the set is decided again with every condition on
// those keys taken at its best (an Allow's condition holds, a Deny that reads them does not
// apply). A request that fails for another reason (a boundary, an SCP, a Deny on a known key)
// is not conditional.
func (m *Model) openKeys(p *Principal, set eval.PolicySet, req eval.Request, x *eval.Explanation) []string {
	keys := conditionalKeys(p, x.MissingKeys)
	if len(keys) == 0 {
		return nil
	}
	ev, err := m.opts.Compile(optimistic(set, keys))
	if err != nil || ev.Decide(req) != eval.Allow {
		return nil
	}
	return keys
}

// optimistic returns set with the conditions on keys taken at their best.
func optimistic(set eval.PolicySet, keys []string) eval.PolicySet {
	open := func(k string) bool {
		for _, o := range keys {
			if strings.EqualFold(o, k) {
				return true
			}
		}
		return false
	}
	one := func(p *policy.Policy) *policy.Policy {
		if p == nil {
			return nil
		}
		changed := false
		var stmts []policy.Statement
		for i := range p.Statements {
			s := p.Statements[i]
			reads := false
			for _, c := range s.Conditions {
				if open(c.Key.Value) {
					reads = true
					break
				}
			}
			if !reads {
				stmts = append(stmts, s)
				continue
			}
			changed = true
			if s.Effect == policy.Deny {
				continue // best case: the Deny does not apply
			}
			var kept []policy.Condition
			for _, c := range s.Conditions {
				if !open(c.Key.Value) {
					kept = append(kept, c)
				}
			}
			s.Conditions = kept
			s.HasCondition = len(kept) > 0
			stmts = append(stmts, s)
		}
		if !changed {
			return p
		}
		q := *p
		q.Statements = stmts
		return &q
	}
	list := func(ps []*policy.Policy) []*policy.Policy {
		if ps == nil {
			return nil
		}
		out := make([]*policy.Policy, len(ps))
		for i, p := range ps {
			out[i] = one(p)
		}
		return out
	}
	levels := func(ls [][]*policy.Policy) [][]*policy.Policy {
		if ls == nil {
			return nil
		}
		out := make([][]*policy.Policy, len(ls))
		for i, l := range ls {
			out[i] = nonNil(list(l))
		}
		return out
	}
	return eval.PolicySet{Identity: list(set.Identity), Resource: one(set.Resource), Boundary: list(set.Boundary),
		Session: list(set.Session), SCP: levels(set.SCP), RCP: levels(set.RCP)}
}

// mayBeAllowed reports, for a principal whose policies the model lacks in part, whether the
// missing policies could change the answer d, and the context keys that would also be needed:
// an explicit deny is settled (a missing policy cannot lift it); an Allow could be undone by a
// missing Deny; an implicit deny could be lifted only if the request is allowed once the
// missing identity policies are taken at their best (allowing everything), and the conditions
// on keys the request lacks too. A principal the resource side can never admit stays denied.
func (m *Model) mayBeAllowed(p *Principal, set eval.PolicySet, req eval.Request, d eval.Decision) (bool, []string) {
	switch d {
	case eval.ExplicitDeny:
		return false, nil
	case eval.Allow:
		return true, nil
	}
	best := set
	best.Identity = append(append([]*policy.Policy(nil), set.Identity...), allowAll)
	ev, err := m.opts.Compile(best)
	if err != nil {
		return true, nil
	}
	x := ev.Explain(req)
	if x.Decision == eval.Allow {
		return true, nil
	}
	if keys := m.openKeys(p, best, req, x); len(keys) > 0 {
		return true, keys
	}
	return false, nil
}

// independent reports whether a policy decides alike for every principal of an account: no
// condition reads the principal's own keys (aws:PrincipalArn, aws:PrincipalTag/..., aws:userid,
// aws:username, ...) and no policy variable appears. Principals whose relevant policies are all
// independent (and equal) get the same answer, which who-can-become computes once.
func (m *Model) independent(p *policy.Policy) bool {
	if p == nil {
		return true
	}
	if v, ok := m.indep[p]; ok {
		return v
	}
	return independent(p)
}

func independent(p *policy.Policy) bool {
	for i := range p.Statements {
		s := &p.Statements[i]
		for _, c := range s.Conditions {
			k := strings.ToLower(c.Key.Value)
			if strings.HasPrefix(k, "aws:principal") || k == "aws:userid" || k == "aws:username" {
				return false
			}
			for _, v := range c.Values {
				if strings.Contains(v.Text, "${") {
					return false
				}
			}
		}
		for _, list := range []*policy.Strings{s.Resource, s.NotResource} {
			if list == nil {
				continue
			}
			for _, v := range list.Values {
				if strings.Contains(v.Value, "${") {
					return false
				}
			}
		}
	}
	return true
}

// namesNoPrincipal reports whether a resource policy's Principal elements name only accounts,
// "*", services and federated providers (no user, role or session): it then admits every
// principal of an account alike.
func namesNoPrincipal(p *policy.Policy) bool {
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.NotPrincipal != nil {
			return false
		}
		if s.Principal == nil || s.Principal.AWS == nil {
			continue
		}
		for _, v := range s.Principal.AWS.Values {
			t := v.Value
			if t == "*" || arn.IsAccountID(t) {
				continue
			}
			if a, err := arn.Parse(t); err == nil && a.IsRoot() {
				continue
			}
			return false
		}
	}
	return true
}

// independentSet reports whether every policy of set is independent.
func (m *Model) independentSet(set eval.PolicySet) bool {
	all := func(ps []*policy.Policy) bool {
		for _, p := range ps {
			if !m.independent(p) {
				return false
			}
		}
		return true
	}
	ok := all(set.Identity) && all(set.Boundary) && all(set.Session) && m.independent(set.Resource)
	for _, l := range set.SCP {
		ok = ok && all(l)
	}
	for _, l := range set.RCP {
		ok = ok && all(l)
	}
	return ok
}
