package lint

import (
	"slices"
	"strings"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/policy"
)

// resources checks the statement's Resource values against the ARN formats of its actions'
// resource types, the ARN fields against what the service's formats allow, and reports
// redundant values.
func (l *linter) resources(st *stmt) {
	s := st.s
	for _, el := range []struct {
		ss   *policy.Strings
		name string
	}{{s.Resource, "Resource"}, {s.NotResource, "NotResource"}} {
		if el.ss == nil {
			continue
		}
		base := st.path + "." + el.name
		for j, v := range el.ss.Values {
			l.arnFields(v.Value, elemPath(base, el.ss, j), v.Span.Offset)
		}
		l.redundantResources(el.ss, base)
	}
	if s.Resource == nil || st.actions == nil || st.not || st.own || st.listed.Catalog() == nil || st.listed.IsEmpty() {
		return
	}
	hasStar := false
	for _, v := range s.Resource.Values {
		if v.Value == "*" {
			hasStar = true
		}
	}
	// Named actions that support only "*": this statement never grants them.
	if !hasStar {
		for j, v := range st.actions.Values {
			if strings.ContainsAny(v.Value, "*?") {
				continue
			}
			if a := l.cat.Action(v.Value); a != nil && len(a.Resources) == 0 {
				l.add(ResourceNotSupportedByAction, Warning, elemPath(st.path+"."+st.elem, st.actions, j), v.Span.Offset,
					`%s supports only "*" as its resource (no resource-level permissions), and the statement's Resource does not include "*": it grants nothing for this action`, a.FullName())
			}
		}
	}
	var types []*catalog.ResourceType // of the listed actions, each once; read on the first ARN
	var example *catalog.Action       // the first listed action with resource types
	for j, v := range s.Resource.Values {
		if v.Value == "*" || !strings.HasPrefix(v.Value, "arn:") {
			continue
		}
		if types == nil {
			types, example = resourceTypes(st.listed)
		}
		if slices.ContainsFunc(types, func(rt *catalog.ResourceType) bool { return rt.Matches(v.Value) }) {
			continue
		}
		path := elemPath(st.path+".Resource", s.Resource, j)
		if example == nil {
			l.add(ResourceNotSupportedByAction, Warning, path, v.Span.Offset,
				`%q names a specific resource, but the statement's actions support only "*" (no resource-level permissions)`, v.Value)
			continue
		}
		l.add(ResourceTypeMismatch, Warning, path, v.Span.Offset,
			"%q matches none of the resource types of the statement's actions; %s expects %s", v.Value, example.FullName(), formats(example))
	}
}

// resourceTypes returns the resource types of the actions of set, each once, in the order of
// their first appearance (a non-nil slice), and the first action that has any, or nil when every
// action supports only "*".
func resourceTypes(set catalog.Set) ([]*catalog.ResourceType, *catalog.Action) {
	types := []*catalog.ResourceType{}
	var example *catalog.Action
	seen := map[*catalog.ResourceType]bool{}
	for a := range set.Actions() {
		if len(a.Resources) > 0 && example == nil {
			example = a
		}
		for _, r := range a.Resources {
			if !seen[r.Type] {
				seen[r.Type] = true
				types = append(types, r.Type)
			}
		}
	}
	return types, example
}

// formats lists an action's resource types with their ARN formats.
func formats(a *catalog.Action) string {
	var parts []string
	for i, r := range a.Resources {
		if i == 3 {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, r.Type.Name+" ("+r.Type.ARN+")")
	}
	return strings.Join(parts, ", ")
}

// arnFields checks the service, region and account fields of a resource ARN against the ARN
// formats the catalog knows for the service.
func (l *linter) arnFields(v, path string, off int) {
	if !strings.HasPrefix(v, "arn:") {
		return
	}
	f, n := arn.Split(v)
	if n < 6 {
		return
	}
	svc, region, account := f[2], f[3], f[4]
	if strings.ContainsAny(svc, "*?$") || l.ownService(svc) {
		return
	}
	if svc != ascii.Lower(svc) {
		l.add(InvalidARNServiceCase, Error, path, off, "service %q in the resource ARN %q must be lower case", svc, v)
		return
	}
	if account != "" && account != "aws" && !strings.ContainsAny(account, "*?$") && !arn.IsAccountID(account) {
		l.add(InvalidARNAccount, Error, path, off, "account %q in the resource ARN %q is not a 12-digit account ID", account, v)
	}
	rule, ok := l.info.arnServices[svc]
	if !ok {
		return
	}
	if region != "" && !strings.ContainsAny(region, "*?$") && !rule.anyRegion {
		l.add(ARNRegionNotAllowed, Error, path, off, "%q: %s resource ARNs have no region; remove %q", v, svc, region)
	}
	if account != "" && !strings.ContainsAny(account, "*?$") && !rule.anyAccount {
		l.add(ARNAccountNotAllowed, Error, path, off, "%q: %s resource ARNs have no account ID; remove %q", v, svc, account)
	}
	if account == "" && !rule.noAccount {
		l.add(MissingARNAccount, Warning, path, off, "%q: every %s ARN format of the reference has an account ID, and this ARN has none: it matches only resources AWS itself owns, if any", v, svc)
	}
	if region == "" && !rule.noRegion {
		l.add(MissingARNRegion, Error, path, off, "%q: %s resource ARNs need a region (or \"*\"); as written it matches no resource", v, svc)
	}
}

// literalEnd returns the index of the first wildcard ('*' or '?') of s, or len(s).
func literalEnd(s string) int {
	if i := strings.IndexAny(s, "*?"); i >= 0 {
		return i
	}
	return len(s)
}

// redundantResources reports a value another value of the element already covers.
//
// A value covers another (globIncludes) only if its text before its first wildcard begins the
// other and its text after its last wildcard ends it, and a value without wildcards covers only
// itself. The values are indexed by that prefix, so each value meets only the values whose
// prefix begins it, in their order in the element, rather than every value.
func (l *linter) redundantResources(ss *policy.Strings, base string) {
	if len(ss.Values) < 2 {
		return
	}
	byPrefix := map[string][]int{}
	var lens []int // the distinct prefix lengths
	for j, v := range ss.Values {
		p := v.Value[:literalEnd(v.Value)]
		if _, ok := byPrefix[p]; !ok && !slices.Contains(lens, len(p)) {
			lens = append(lens, len(p))
		}
		byPrefix[p] = append(byPrefix[p], j)
	}
	var cands []int
	for i, vi := range ss.Values {
		cands = cands[:0]
		for _, n := range lens {
			if n <= len(vi.Value) {
				cands = append(cands, byPrefix[vi.Value[:n]]...)
			}
		}
		slices.Sort(cands)
		for _, j := range cands {
			vj := ss.Values[j]
			if i == j || !strings.ContainsAny(vj.Value, "*?") && vi.Value != vj.Value {
				continue
			}
			if !strings.HasSuffix(vi.Value, vj.Value[strings.LastIndexAny(vj.Value, "*?")+1:]) {
				continue
			}
			if !globIncludes(vj.Value, vi.Value, strings.HasPrefix(vj.Value, "arn:")) {
				continue
			}
			if j > i && globIncludes(vi.Value, vj.Value, strings.HasPrefix(vi.Value, "arn:")) {
				continue // equal: report the later one
			}
			l.add(RedundantResource, Suggestion, elemPath(base, ss, i), vi.Span.Offset, "%q is redundant: %q already covers it", vi.Value, vj.Value)
			break
		}
	}
}
