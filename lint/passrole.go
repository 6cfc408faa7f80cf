package lint

import (
	"strings"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/policy"
)

// passRole makes the PASS_ROLE_* and CREATE_SLR_* checks of an Allow statement that grants
// iam:PassRole or iam:CreateServiceLinkedRole on many roles: with NotResource, or with a Resource
// that matches any role name. A condition on iam:PassedToService (iam:AWSServiceName for
// CreateServiceLinkedRole) limits the grant and silences the check.
func (l *linter) passRole(st *stmt) {
	if st.s.Effect != policy.Allow || st.actions == nil || st.granted.Catalog() == nil {
		return
	}
	type check struct {
		action   *catalog.Action
		guard    string
		sev      Severity
		codes    [6]Code // NotResource: exact, star in action, NotAction; star in resource: the same
		describe string
	}
	checks := []check{
		{l.info.passRole, "iam:PassedToService", SecurityWarning, [6]Code{
			PassRoleWithNotResource, PassRoleWithStarInActionAndNotResource, PassRoleWithNotActionAndNotResource,
			PassRoleWithStarInResource, PassRoleWithStarInActionAndResource, PassRoleWithStarInResourceAndNotAction},
			"pass any role to any service; list the roles, or add a condition on iam:PassedToService"},
		{l.info.createSLR, "iam:AWSServiceName", Warning, [6]Code{
			CreateSLRWithNotResource, CreateSLRWithStarInActionAndNotResource, CreateSLRWithNotActionAndNotResource,
			CreateSLRWithStarInResource, CreateSLRWithStarInActionAndResource, CreateSLRWithStarInResourceAndNotAction},
			"create service-linked roles for any service; list the role ARNs, or add a condition on iam:AWSServiceName"},
	}
	for _, c := range checks {
		if c.action == nil || !st.granted.Has(c.action) {
			continue
		}
		guarded := false
		for _, cd := range st.s.Conditions {
			if ascii.EqualFold(cd.Key.Value, c.guard) {
				guarded = true
			}
		}
		if guarded {
			continue
		}
		kind := 2 // NotAction
		if !st.not {
			kind = 1 // a wildcard grants it
			for _, v := range st.actions.Values {
				if ascii.EqualFold(v.Value, c.action.FullName()) {
					kind = 0
				}
			}
		}
		var code Code
		switch {
		case st.s.NotResource != nil:
			code = c.codes[kind]
		case st.s.Resource != nil && anyRole(st.s.Resource):
			code = c.codes[3+kind]
		default:
			continue
		}
		what := [3]string{c.action.FullName(), "an action pattern that includes " + c.action.FullName(), "NotAction"}[kind]
		where := "a Resource that matches every role"
		if st.s.NotResource != nil {
			where = "NotResource"
		}
		l.add(code, c.sev, st.path+"."+st.elem, st.actions.Span.Offset, "%s with %s can %s", what, where, c.describe)
	}
}

// anyRole reports whether a Resource element holds "*" or an ARN pattern that matches every
// role name (arn:aws:iam::*:role/*, arn:aws:iam::111122223333:*). A pattern with a literal name
// prefix, such as role/service-role/* or role/MyApp*, is taken as intended.
func anyRole(ss *policy.Strings) bool {
	for _, v := range ss.Values {
		if v.Value == "*" {
			return true
		}
		f, n := arn.Split(v.Value)
		if n < 6 || f[0] != "arn" || !(f[2] == "iam" || strings.HasPrefix(f[2], "*")) {
			continue
		}
		res := f[5]
		res = strings.TrimPrefix(res, "role")
		res = strings.TrimPrefix(res, "/")
		if strings.HasPrefix(res, "*") {
			return true
		}
	}
	return false
}
