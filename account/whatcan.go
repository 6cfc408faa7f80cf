package account

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// WhatCanRequest asks what a principal may do on a resource.
type WhatCanRequest struct {
	Principal       string // user, role or role-session ARN
	Resource        string // a resource ARN, or "*" (the default)
	ResourceAccount string
	Context         []condition.Entry
	SessionPolicies []*policy.Policy
	SessionTags     []Tag
}

// ActionAnswer is one action in a WhatCanResult.
type ActionAnswer struct {
	Action      string
	Service     string
	AccessLevel string   // from the catalog; "" without one
	Keys        []string // conditional: the context keys it depends on
}

// PatternGrant is an Allow statement whose Action is a pattern (or NotAction) that what-can
// cannot enumerate without a catalog.
type PatternGrant struct {
	Pattern   string // the pattern as written; "NotAction: a, b" for NotAction
	Statement StatementRef
}

// WhatCanResult lists what a principal may do.
type WhatCanResult struct {
	Principal string
	Resource  string
	// FromCatalog is true when every action of the catalog was tried; false when only the
	// actions named in the model's policies were (see Patterns for what that leaves open).
	FromCatalog bool
	// Allowed and Conditional are sorted by service, access level and action.
	Allowed     []ActionAnswer
	Conditional []ActionAnswer
	// Patterns are the principal's Allow statements with wildcards or NotAction: without a
	// catalog they may allow actions not listed above.
	Patterns []PatternGrant
	// Uncertain is true when the model lacks some of the principal's policies (Missing): then
	// nothing is reported as allowed (C5.0); Possible lists the actions the policies the model
	// has allow, which a missing policy might deny.
	Uncertain bool
	Missing   []string
	Possible  []ActionAnswer
}

// WhatCan lists the actions the principal is allowed on the resource: every action of the
// catalog when the model has one, else the actions named in its Allow statements and the
// actions named anywhere in the model that its patterns cover.
func (m *Model) WhatCan(q WhatCanRequest) (*WhatCanResult, error) {
	if q.Resource == "" {
		q.Resource = "*"
	}
	p, _, err := m.lookupPrincipal(q.Principal)
	if err != nil {
		return nil, err
	}
	res := &WhatCanResult{Principal: q.Principal, Resource: q.Resource, Uncertain: p.Uncertain(), Missing: p.Missing}
	levels := map[string]string{}
	var actions []string
	if m.catalog != nil {
		res.FromCatalog = true
		m.catalog.Actions(func(a, level string) bool {
			actions = append(actions, a)
			levels[strings.ToLower(a)] = level
			return true
		})
	} else {
		actions, res.Patterns = m.namedFor(p, q.SessionPolicies)
	}
	base := Request{Principal: q.Principal, Resource: q.Resource, ResourceAccount: q.ResourceAccount, Context: q.Context,
		SessionPolicies: q.SessionPolicies, SessionTags: q.SessionTags}
	var r0 resolved
	if err := m.resolve(base, &r0); err != nil {
		return nil, err
	}
	for _, a := range actions {
		r := r0
		r.req.Action = a
		ev, err := m.evaluator(&r)
		if err != nil {
			return nil, err
		}
		d := ev.Decide(r.req)
		svc, _, _ := strings.Cut(a, ":")
		ans := ActionAnswer{Action: a, Service: strings.ToLower(svc), AccessLevel: levels[strings.ToLower(a)]}
		switch {
		case d == eval.Allow && p.Uncertain():
			res.Possible = append(res.Possible, ans)
		case d == eval.Allow:
			res.Allowed = append(res.Allowed, ans)
		case d == eval.ImplicitDeny && (p.hasCond || r.resPol != nil):
			x := ev.Explain(r.req)
			set := m.homeSet(p)
			if !r.fastPath {
				set = m.requestSet(p, a, r.session, r.resPol, r.resAcct)
			}
			if keys := m.openKeys(p, set, r.req, x); len(keys) > 0 {
				ans.Keys = keys
				res.Conditional = append(res.Conditional, ans)
			}
		}
	}
	sortAnswers(res.Allowed)
	sortAnswers(res.Conditional)
	sortAnswers(res.Possible)
	return res, nil
}

func sortAnswers(a []ActionAnswer) {
	sort.Slice(a, func(i, j int) bool {
		if a[i].Service != a[j].Service {
			return a[i].Service < a[j].Service
		}
		if a[i].AccessLevel != a[j].AccessLevel {
			return a[i].AccessLevel < a[j].AccessLevel
		}
		return strings.ToLower(a[i].Action) < strings.ToLower(a[j].Action)
	})
}

// namedFor lists the actions to try for p without a catalog: the exact actions of its Allow
// statements, and the model's named actions that its patterns cover; and its pattern grants.
func (m *Model) namedFor(p *Principal, session []*policy.Policy) ([]string, []PatternGrant) {
	seen := map[string]bool{}
	var out []string
	var pats []*arn.Pattern
	var grants []PatternGrant
	add := func(a string) {
		if la := strings.ToLower(a); !seen[la] {
			seen[la] = true
			out = append(out, a)
		}
	}
	pols := append(append([]*policy.Policy(nil), p.identity...), session...)
	for _, pol := range pols {
		for i := range pol.Statements {
			s := &pol.Statements[i]
			if s.Effect != policy.Allow {
				continue
			}
			if s.NotAction != nil {
				var names []string
				for _, v := range s.NotAction.Values {
					names = append(names, v.Value)
				}
				grants = append(grants, PatternGrant{Pattern: "NotAction: " + strings.Join(names, ", "), Statement: refOf(pol, s, "identity")})
				pats = append(pats, nil) // covers every named action not excluded: tried below
				continue
			}
			if s.Action == nil {
				continue
			}
			for _, v := range s.Action.Values {
				if !strings.ContainsAny(v.Value, "*?") {
					add(v.Value)
					continue
				}
				grants = append(grants, PatternGrant{Pattern: v.Value, Statement: refOf(pol, s, "identity")})
				if pat, err := arn.CompileAction(v.Value); err == nil {
					pats = append(pats, pat)
				}
			}
		}
	}
	for _, a := range m.index.named {
		for _, pat := range pats {
			if pat == nil || pat.Match(a) {
				add(a)
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out, grants
}

// String renders the result for a person.
func (r *WhatCanResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s on %s:\n", r.Principal, r.Resource)
	if r.Uncertain {
		fmt.Fprintf(&b, "  UNCERTAIN: the model lacks %s; nothing below is certain to be allowed\n", strings.Join(r.Missing, ", "))
	}
	svc := ""
	for _, a := range r.Allowed {
		if a.Service != svc {
			svc = a.Service
			fmt.Fprintf(&b, "  %s\n", svc)
		}
		if a.AccessLevel != "" {
			fmt.Fprintf(&b, "    %s (%s)\n", a.Action, a.AccessLevel)
		} else {
			fmt.Fprintf(&b, "    %s\n", a.Action)
		}
	}
	for _, a := range r.Conditional {
		fmt.Fprintf(&b, "  conditional: %s (depends on %s)\n", a.Action, strings.Join(a.Keys, ", "))
	}
	for _, a := range r.Possible {
		fmt.Fprintf(&b, "  uncertain: %s (allowed by the policies the model has)\n", a.Action)
	}
	if !r.FromCatalog && len(r.Patterns) > 0 {
		b.WriteString("  patterns (without an action catalog, actions they cover that no policy names are not listed):\n")
		for _, p := range r.Patterns {
			fmt.Fprintf(&b, "    %s  %s:%d:%d %s\n", p.Pattern, p.Statement.Policy, p.Statement.Line, p.Statement.Col, p.Statement.Path)
		}
	}
	return b.String()
}
