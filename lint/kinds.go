package lint

import (
	"strings"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/policy"
)

// kindChecks runs the checks Access Analyzer makes for one policy kind only: role trust
// policies, resource control policies and resource-based policies.
func (l *linter) kindChecks(st *stmt) {
	switch l.kind {
	case policy.KindTrust:
		l.trust(st)
	case policy.KindRCP:
		l.rcp(st)
	case policy.KindResource:
		l.resourcePolicy(st)
	case policy.KindSCP:
		l.scpActions(st)
	}
}

// scpActions reports a '*' of an SCP action anywhere but at the end: Organizations accepts
// iam:Get* but not iam:*Role.
func (l *linter) scpActions(st *stmt) {
	if st.actions == nil {
		return
	}
	for j, v := range st.actions.Values {
		if i := strings.IndexByte(v.Value, '*'); i >= 0 && i != len(v.Value)-1 {
			l.add(SCPSyntaxErrorActionWildcard, Error, elemPath(st.path+"."+st.elem, st.actions, j), v.Span.Offset,
				"SCP actions may hold a wildcard (*) only at the end: %q; list the actions it stands for", v.Value)
		}
	}
}

// condKey returns the statement's first condition on the key lk (lower case), or nil.
func condKey(s *policy.Statement, lk string) *policy.Condition {
	for i := range s.Conditions {
		if ascii.EqualFold(s.Conditions[i].Key.Value, lk) {
			return &s.Conditions[i]
		}
	}
	return nil
}

// condPath is the JSON path of a condition of the statement at path.
func condPath(path string, cd *policy.Condition) string {
	return path + ".Condition." + cd.Op.String() + "." + cd.Key.Value
}

// hasBoolCond reports whether the statement compares the key lk, with Bool or BoolIfExists,
// against the single value want ("true" or "false").
func hasBoolCond(s *policy.Statement, lk, want string) bool {
	for _, cd := range s.Conditions {
		if family(cd.Op.Operator) == famBool && ascii.EqualFold(cd.Key.Value, lk) &&
			len(cd.Values) == 1 && ascii.EqualFold(cd.Values[0].Text, want) {
			return true
		}
	}
	return false
}

// grants reports whether the statement's Action (or NotAction) element covers the action name,
// with the element's wildcards; false without either element.
func grants(st *stmt, name string) bool {
	if st.actions == nil {
		return false
	}
	ln := ascii.Lower(name)
	for _, v := range st.actions.Values {
		if globIncludes(ascii.Lower(v.Value), ln, false) {
			return !st.not
		}
	}
	return st.not
}

// federated classifies a Federated principal value: a SAML provider's ARN, an OIDC provider
// (its ARN or a domain name, such as accounts.google.com), or neither. host is the OIDC
// provider's host (and path), which prefixes the provider's condition keys.
func federated(v string) (saml, oidc bool, host string) {
	if strings.HasPrefix(v, "arn:") {
		f, n := arn.Split(v)
		if n < 6 || f[2] != "iam" || f[1] == "" || !arn.IsAccountID(f[4]) {
			return false, false, ""
		}
		if name, ok := strings.CutPrefix(f[5], "saml-provider/"); ok && name != "" && !strings.ContainsAny(name, "*?") {
			return true, false, ""
		}
		if h, ok := strings.CutPrefix(f[5], "oidc-provider/"); ok && h != "" && !strings.ContainsAny(h, "*?") {
			return false, true, h
		}
		return false, false, ""
	}
	if isDomain(v) {
		return false, true, v
	}
	return false, false, ""
}

// isDomain reports whether s is a domain name of two or more labels of letters, digits and
// hyphens.
func isDomain(s string) bool {
	if len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// principalNames lists a Principal's values for a message: "*", then each value.
func principalNames(p *policy.Principal) []string {
	var out []string
	if p.Wildcard {
		out = append(out, `"*"`)
	}
	for _, ss := range []*policy.Strings{p.AWS, p.Service, p.Federated, p.CanonicalUser} {
		if ss == nil {
			continue
		}
		for _, v := range ss.Values {
			out = append(out, quote(v.Value))
		}
	}
	return out
}

func listOf(names []string) string {
	if len(names) > 4 {
		return strings.Join(names[:4], ", ") + " and " + itoa(len(names)-4) + " more"
	}
	return strings.Join(names, ", ")
}

const githubOIDC = "token.actions.githubusercontent.com"

// trust makes the checks of role trust policies.
func (l *linter) trust(st *stmt) {
	s := st.s
	for _, el := range []struct {
		ss   *policy.Strings
		name string
	}{{s.Resource, "Resource"}, {s.NotResource, "NotResource"}} {
		if el.ss != nil {
			l.add(TrustSyntaxErrorResource, Error, st.path+"."+el.name, el.ss.Span.Offset,
				"a role trust policy applies to the role it is attached to: remove %s", el.name)
		}
	}
	p := s.Principal
	if p == nil {
		return
	}
	if p.Wildcard {
		l.add(TrustUnsupportedWildcard, Error, st.path+".Principal", p.Span.Offset,
			`"Principal": "*" is not allowed in a role trust policy; name the principals that may assume the role`)
	}
	l.redundantAssumedRoles(st)
	if s.Effect != policy.Allow {
		return
	}
	// Federated principals: their syntax, and the conditions an OIDC provider needs.
	anySAML, anyOIDC := false, false
	if p.Federated != nil {
		for j, v := range p.Federated.Values {
			path := elemPath(st.path+".Principal.Federated", p.Federated, j)
			saml, oidc, host := federated(v.Value)
			anySAML = anySAML || saml
			anyOIDC = anyOIDC || oidc
			switch {
			case !saml && !oidc:
				l.add(InvalidFederatedPrincipalSyntax, Error, path, v.Span.Offset,
					"federated principal %q is neither a domain name nor the ARN of a SAML or OIDC provider (arn:aws:iam::ACCOUNT:saml-provider/NAME)", v.Value)
			case oidc:
				l.oidcConditions(st, host, path, v.Span.Offset)
			}
		}
	}
	// Actions each kind of principal can call: AssumeRoleWithSAML needs a SAML provider,
	// AssumeRoleWithWebIdentity an OIDC provider, AssumeRole any principal but a federated one.
	if s.Action != nil {
		nonFederated := p.Wildcard || p.AWS != nil || p.Service != nil || p.CanonicalUser != nil
		for j, v := range s.Action.Values {
			var usable bool
			switch ascii.Lower(v.Value) {
			case "sts:assumerolewithsaml":
				usable = anySAML
			case "sts:assumerolewithwebidentity":
				usable = anyOIDC
			case "sts:assumerole":
				usable = nonFederated || p.Federated == nil
			default:
				continue
			}
			if !usable {
				l.add(MismatchedActionForPrincipal, Error, elemPath(st.path+".Action", s.Action, j), v.Span.Offset,
					"none of the statement's principals (%s) can call %s: use a SAML provider with sts:AssumeRoleWithSAML, an OIDC provider with sts:AssumeRoleWithWebIdentity, and other principals with sts:AssumeRole",
					listOf(principalNames(p)), v.Value)
			}
		}
	}
	// IAM Roles Anywhere needs three actions to assume a role.
	if p.Service != nil && st.actions != nil {
		for j, v := range p.Service.Values {
			if !ascii.EqualFold(v.Value, "rolesanywhere.amazonaws.com") {
				continue
			}
			var missing []string
			for _, a := range []string{"sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"} {
				if !grants(st, a) {
					missing = append(missing, a)
				}
			}
			if len(missing) > 0 {
				l.add(MissingActionRolesAnywhere, Error, elemPath(st.path+".Principal.Service", p.Service, j), v.Span.Offset,
					"rolesanywhere.amazonaws.com needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession to assume the role; add %s", strings.Join(missing, ", "))
			}
		}
	}
	// Condition keys whose values the caller sets only with a further action.
	if st.actions != nil {
		for i := range s.Conditions {
			cd := &s.Conditions[i]
			lk := ascii.Lower(cd.Key.Value)
			need := ""
			switch {
			case lk == "sts:sourceidentity":
				need = "sts:SetSourceIdentity"
			case strings.HasPrefix(lk, "aws:requesttag/"), lk == "aws:tagkeys", lk == "sts:transitivetagkeys":
				need = "sts:TagSession"
			default:
				continue
			}
			if !grants(st, need) {
				l.add(MissingActionForConditionKey, Error, condPath(st.path, cd), cd.Key.Span.Offset,
					"%s is set only by callers allowed %s, which the statement's actions do not include; add %s", cd.Key.Value, need, need)
			}
		}
	}
}

// oidcConditions checks the conditions of an Allow statement that trusts the OIDC provider host:
// some key of the provider, and for GitHub the sub claim naming repositories without wildcards.
func (l *linter) oidcConditions(st *stmt, host, path string, off int) {
	s := st.s
	if ascii.EqualFold(host, githubOIDC) {
		sub := condKey(s, githubOIDC+":sub")
		if sub == nil {
			l.add(MissingGitHubRepoConditionKey, SecurityWarning, path, off,
				"any GitHub Actions workflow, of any repository, can assume the role: add a %s:sub condition naming the repository and branch", githubOIDC)
			return
		}
		if condKey(s, githubOIDC+":ref") != nil {
			return
		}
		for i := range s.Conditions {
			cd := &s.Conditions[i]
			if !ascii.EqualFold(cd.Key.Value, githubOIDC+":sub") {
				continue
			}
			for _, v := range cd.Values {
				if strings.ContainsAny(stripVariables(v.Text), "*?") {
					l.add(SpecificGitHubRepoRecommended, Warning, condPath(st.path, cd), v.Span.Offset,
						"the wildcard in %q lets more repositories or branches assume the role than one; name the repository and branch, or the branch in a %s:ref condition", v.Text, githubOIDC)
					return
				}
			}
		}
		return
	}
	lhost := ascii.Lower(host)
	for _, cd := range s.Conditions {
		if i := strings.LastIndexByte(cd.Key.Value, ':'); i > 0 && ascii.Lower(cd.Key.Value[:i]) == lhost {
			return
		}
	}
	l.add(MissingConditionKeyOIDCPrincipal, SecurityWarning, path, off,
		"no condition on a key of %s (such as %s:aud): any identity of the provider can assume the role", host, host)
}

// redundantAssumedRoles reports an assumed-role session principal whose role is also a
// principal of the statement.
func (l *linter) redundantAssumedRoles(st *stmt) {
	aws := st.s.Principal.AWS
	if aws == nil || len(aws.Values) < 2 {
		return
	}
	roles := map[string]string{} // partition:account:name (name lower case) -> role ARN
	for _, v := range aws.Values {
		f, n := arn.Split(v.Value)
		if n < 6 || f[0] != "arn" || f[2] != "iam" || strings.ContainsAny(v.Value, "*?") {
			continue
		}
		if rest, ok := strings.CutPrefix(f[5], "role/"); ok {
			name := rest[strings.LastIndexByte(rest, '/')+1:]
			roles[f[1]+":"+f[4]+":"+ascii.Lower(name)] = v.Value
		}
	}
	if len(roles) == 0 {
		return
	}
	for j, v := range aws.Values {
		f, n := arn.Split(v.Value)
		if n < 6 || f[0] != "arn" || f[2] != "sts" {
			continue
		}
		rest, ok := strings.CutPrefix(f[5], "assumed-role/")
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(rest, "/")
		if role, ok := roles[f[1]+":"+f[4]+":"+ascii.Lower(name)]; ok {
			l.add(RedundantPrincipalInTrustPolicy, Suggestion, elemPath(st.path+".Principal.AWS", aws, j), v.Span.Offset,
				"the session %q adds nothing to its role %q, also a principal here; remove the session", v.Value, role)
		}
	}
}

// principalKey reports the keys that only IAM principals carry in their requests, which a
// resource control policy should pair with aws:PrincipalIsAWSService false.
func principalKey(lk string) bool {
	switch lk {
	case "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths":
		return true
	}
	return strings.HasPrefix(lk, "aws:principaltag/")
}

// sourceKey reports the keys that only AWS service principals carry, acting for a resource.
func sourceKey(lk string) bool {
	switch lk {
	case "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths":
		return true
	}
	return false
}

// rcp makes the checks of resource control policies beyond their grammar: the services of the
// actions, and the keys that tell IAM principals from AWS services.
func (l *linter) rcp(st *stmt) {
	s := st.s
	if s.Action != nil {
		for j, v := range s.Action.Values {
			prefix, _, ok := strings.Cut(v.Value, ":")
			if !ok || prefix == "" || strings.ContainsAny(prefix, "*?$") || l.ownService(prefix) {
				continue
			}
			if !catalog.RCPSupported(prefix) {
				l.add(RCPSyntaxErrorAction, Error, elemPath(st.path+".Action", s.Action, j), v.Span.Offset,
					"resource control policies apply to the actions of %d services only, and %s is not one of them", len(catalog.RCPServices()), prefix)
			}
		}
	}
	if s.Effect != policy.Deny {
		return
	}
	notService := hasBoolCond(s, "aws:principalisawsservice", "false")
	isService := hasBoolCond(s, "aws:principalisawsservice", "true")
	nullCheck := false
	for _, cd := range s.Conditions {
		lk := ascii.Lower(cd.Key.Value)
		if family(cd.Op.Operator) == famNull && (lk == "aws:sourceaccount" || lk == "aws:sourcearn") &&
			len(cd.Values) == 1 && ascii.EqualFold(cd.Values[0].Text, "false") {
			nullCheck = true
		}
	}
	for i := range s.Conditions {
		cd := &s.Conditions[i]
		lk := ascii.Lower(cd.Key.Value)
		path, off := condPath(st.path, cd), cd.Key.Span.Offset
		switch {
		case principalKey(lk) && !notService:
			l.add(RCPMissingPrincipalKey, Warning, path, off,
				`%s is absent when an AWS service calls on your behalf, so this Deny also stops the service; add "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}`, cd.Key.Value)
		case sourceKey(lk):
			if !isService {
				l.add(RCPMissingServicePrincipalKey, Warning, path, off,
					`%s is absent from your own principals' requests, so this Deny also stops them; add "BoolIfExists": {"aws:PrincipalIsAWSService": "true"}`, cd.Key.Value)
			}
			if !nullCheck {
				l.add(RCPMissingNullCheck, Warning, path, off,
					`some service integrations send no %s, and this Deny stops them too; add "Null": {"aws:SourceAccount": "false"} (or aws:SourceArn)`, cd.Key.Value)
			}
		}
	}
}

// resourcePolicy makes the checks of resource-based policies: no federated principal, and
// service principals restricted to a source.
func (l *linter) resourcePolicy(st *stmt) {
	s := st.s
	for _, pr := range []struct {
		p    *policy.Principal
		name string
	}{{s.Principal, "Principal"}, {s.NotPrincipal, "NotPrincipal"}} {
		if pr.p != nil && pr.p.Federated != nil {
			l.add(FederatedPrincipalNotSupported, Error, st.path+"."+pr.name+".Federated", pr.p.Federated.Span.Offset,
				"only role trust policies can name a federated identity provider; use another kind of principal")
		}
	}
	p := s.Principal
	if s.Effect != policy.Allow || p == nil || p.Service == nil || len(p.Service.Values) == 0 {
		return
	}
	restricted := false
	for _, cd := range s.Conditions {
		if sourceKey(ascii.Lower(cd.Key.Value)) {
			restricted = true
		}
	}
	if !restricted {
		l.add(RestrictAccessToServicePrincipal, SecurityWarning, st.path+".Principal.Service", p.Service.Span.Offset,
			"the service can use this access on behalf of any account; restrict it with aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths")
	}
	if cd := condKey(s, "aws:referer"); cd != nil {
		l.add(RecommendedKeyForServicePrin, Suggestion, condPath(st.path, cd), cd.Key.Span.Offset,
			"to restrict what a service principal does on your behalf, use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths rather than %s", cd.Key.Value)
	}
}
