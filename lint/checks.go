package lint

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/policy"
)

// linter holds the state of one Options.Policy call.
type linter struct {
	p    *policy.Policy
	cat  *catalog.Catalog
	kind policy.Kind
	out  []Finding
	info *catInfo
	own  []string // prefixes of the caller's own services

	suggested map[string]string // suggestService's answers, by unknown prefix
}

// ownService reports whether prefix is one of Options.Services.
func (l *linter) ownService(prefix string) bool {
	for _, o := range l.own {
		if ascii.EqualFold(o, prefix) {
			return true
		}
	}
	return false
}

func (l *linter) add(code Code, sev Severity, path string, off int, format string, args ...any) {
	pos := l.p.Position(off)
	l.out = append(l.out, Finding{Code: code, Severity: sev, Path: path, Offset: off, Line: pos.Line, Col: pos.Col,
		Message: fmt.Sprintf(format, args...)})
}

// elemPath returns the path of value j of a string list element.
func elemPath(base string, ss *policy.Strings, j int) string {
	if ss.Array {
		return base + "[" + strconv.Itoa(j) + "]"
	}
	return base
}

func (l *linter) run() {
	l.info = infoFor(l.cat)
	p := l.p
	if p.Version == policy.VersionAbsent {
		l.add(MissingVersion, Warning, "", p.Span.Offset, `no "Version": policy variables are not expanded; add "Version": "2012-10-17"`)
	}
	seen := map[string]int{}
	for i := range p.Statements {
		s := &p.Statements[i]
		l.statement(s)
		if len(p.Statements) < 2 {
			continue
		}
		key := statementKey(s)
		if j, dup := seen[key]; dup {
			l.add(RedundantStatement, Suggestion, s.Path(p), s.Span.Offset, "the statement grants the same permissions as %s; remove one of them", p.Statements[j].Path(p))
		} else {
			seen[key] = i
		}
	}
}

// stmt is what the checks of one statement share.
type stmt struct {
	s       *policy.Statement
	path    string
	actions *policy.Strings // Action or NotAction
	not     bool            // NotAction
	elem    string          // "Action" or "NotAction"
	sets    []catalog.Set   // per action value; zero Set for an invalid value
	listed  catalog.Set     // union of sets: the actions listed
	granted catalog.Set     // listed, or its complement for NotAction
	own     bool            // some value names one of Options.Services
}

func (l *linter) statement(s *policy.Statement) {
	st := &stmt{s: s, path: s.Path(l.p)}
	if s.Sid != nil && s.Sid.Value == "" {
		l.add(EmptySidValue, Suggestion, st.path+".Sid", s.Sid.Span.Offset, "empty Sid: give the statement an identifier or remove the Sid")
	}
	l.principals(st)
	l.variables(st)
	switch {
	case s.Action != nil:
		st.actions, st.elem = s.Action, "Action"
	case s.NotAction != nil:
		st.actions, st.elem, st.not = s.NotAction, "NotAction", true
	}
	if st.actions != nil {
		l.actions(st)
	}
	l.resources(st)
	l.passRole(st)
	l.conditions(st)
	l.kindChecks(st)
}

// principals reports unique IDs written where an ARN is expected.
func (l *linter) principals(st *stmt) {
	for _, pr := range []struct {
		p    *policy.Principal
		name string
	}{{st.s.Principal, "Principal"}, {st.s.NotPrincipal, "NotPrincipal"}} {
		if pr.p == nil || pr.p.AWS == nil {
			continue
		}
		for j, v := range pr.p.AWS.Values {
			path := elemPath(st.path+"."+pr.name+".AWS", pr.p.AWS, j)
			if strings.Contains(v.Value, "${") {
				l.add(VariableUnsupportedInElement, Error, path, v.Span.Offset, "policy variables are supported only in Resource and Condition, not in %s: %q", pr.name, v.Value)
			}
			switch {
			case isUniqueID(v.Value, "AROA"):
				l.add(InvalidRoleRef, Warning, path, v.Span.Offset, "%q is a role's unique ID; use the role's ARN", v.Value)
			case isUniqueID(v.Value, "AIDA"):
				l.add(InvalidUserRef, Warning, path, v.Span.Offset, "%q is a user's unique ID; use the user's ARN", v.Value)
			}
		}
	}
}

func isUniqueID(s, prefix string) bool {
	if len(s) < 16 || len(s) > 32 || !strings.HasPrefix(s, prefix) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// variables reports policy variables where the policy's Version does not expand them, and in
// Action elements.
func (l *linter) variables(st *stmt) {
	s := st.s
	for _, el := range []struct {
		ss   *policy.Strings
		name string
	}{{s.Action, "Action"}, {s.NotAction, "NotAction"}} {
		if el.ss == nil {
			continue
		}
		for j, v := range el.ss.Values {
			if strings.Contains(v.Value, "${") {
				l.add(VariableUnsupportedInElement, Error, elemPath(st.path+"."+el.name, el.ss, j), v.Span.Offset,
					"policy variables are supported only in Resource and Condition, not in %s: %q", el.name, v.Value)
			}
		}
	}
	if l.p.Version == policy.Version2012 {
		return
	}
	for _, el := range []struct {
		ss   *policy.Strings
		name string
	}{{s.Resource, "Resource"}, {s.NotResource, "NotResource"}} {
		if el.ss == nil {
			continue
		}
		for j, v := range el.ss.Values {
			if strings.Contains(v.Value, "${") {
				l.add(VariableUnsupportedInVersion, Error, elemPath(st.path+"."+el.name, el.ss, j), v.Span.Offset,
					`%q holds a policy variable, which is literal text without "Version": "2012-10-17"`, v.Value)
			}
		}
	}
	for _, cd := range s.Conditions {
		for _, v := range cd.Values {
			if strings.Contains(v.Text, "${") {
				l.add(VariableUnsupportedInVersion, Error, st.path+".Condition."+cd.Op.String()+"."+cd.Key.Value, v.Span.Offset,
					`%q holds a policy variable, which is literal text without "Version": "2012-10-17"`, v.Text)
			}
		}
	}
}

// statementKey identifies a statement's permissions: everything but its Sid.
func statementKey(s *policy.Statement) string {
	var b strings.Builder
	b.WriteString(s.Effect.String())
	list := func(name string, ss *policy.Strings) {
		if ss == nil {
			return
		}
		vals := make([]string, len(ss.Values))
		for i, v := range ss.Values {
			vals[i] = v.Value
		}
		sort.Strings(vals)
		fmt.Fprintf(&b, "|%s=%q", name, vals)
	}
	prin := func(name string, p *policy.Principal) {
		if p == nil {
			return
		}
		fmt.Fprintf(&b, "|%s:%v", name, p.Wildcard)
		list(name+".AWS", p.AWS)
		list(name+".Service", p.Service)
		list(name+".Federated", p.Federated)
		list(name+".CanonicalUser", p.CanonicalUser)
	}
	prin("P", s.Principal)
	prin("NP", s.NotPrincipal)
	list("A", s.Action)
	list("NA", s.NotAction)
	list("R", s.Resource)
	list("NR", s.NotResource)
	conds := make([]string, len(s.Conditions))
	for i, c := range s.Conditions {
		vals := make([]string, len(c.Values))
		for j, v := range c.Values {
			vals[j] = v.Text
		}
		sort.Strings(vals)
		conds[i] = fmt.Sprintf("%s|%s|%q", c.Op, ascii.Lower(c.Key.Value), vals)
	}
	sort.Strings(conds)
	fmt.Fprintf(&b, "|C=%q", conds)
	return b.String()
}

// catInfo is what the checks derive once per catalog.
type catInfo struct {
	passRole, createSLR *catalog.Action
	// arnServices maps the service field of resource ARN formats to what the formats require.
	arnServices map[string]arnRule
}

// arnRule says whether every ARN format of a service (as written in ARNs) has a region, an
// account, or neither.
type arnRule struct {
	anyRegion, noRegion   bool // some format has a region / some has none
	anyAccount, noAccount bool
}

var infoCache sync.Map // *catalog.Catalog -> *catInfo

func infoFor(c *catalog.Catalog) *catInfo {
	if v, ok := infoCache.Load(c); ok {
		return v.(*catInfo)
	}
	ci := &catInfo{passRole: c.Action("iam:PassRole"), createSLR: c.Action("iam:CreateServiceLinkedRole"), arnServices: map[string]arnRule{}}
	for _, s := range c.Services() {
		for _, rt := range s.ResourceTypes {
			f, n := arn.Split(rt.ARN)
			if n < 6 || f[0] != "arn" || strings.Contains(f[2], "$") {
				continue
			}
			r := ci.arnServices[f[2]]
			if f[3] == "" {
				r.noRegion = true
			} else {
				r.anyRegion = true
			}
			if f[4] == "" {
				r.noAccount = true
			} else {
				r.anyAccount = true
			}
			ci.arnServices[f[2]] = r
		}
	}
	v, _ := infoCache.LoadOrStore(c, ci)
	return v.(*catInfo)
}
