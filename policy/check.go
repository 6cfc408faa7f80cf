package policy

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamgo/iam/arn"
)

// Check returns the kind-specific findings for p (G1.13, §11) plus advisory warnings that hold for
// every kind. The result is sorted by offset; use [ErrorList.Err] to see whether any finding is an
// error. Check(KindAny) reports only the kind-agnostic warnings: empty arrays (G1.16), an empty
// Statement array (G1.4) and unknown ARN partitions.
//
// Per kind:
//   - identity, boundary, session, SCP: no Principal/NotPrincipal; Resource or NotResource required.
//   - resource: Principal or NotPrincipal required.
//   - trust: Principal required, NotPrincipal forbidden, Resource not required.
//   - RCP: L11.7 (Version 2012-10-17, Effect Deny, Principal "*" only, Action with a service prefix,
//     no NotAction, Resource or NotResource required).
//   - every kind: NotPrincipal only with Deny; Sids unique; IAM-stored kinds want alphanumeric Sids and
//     characters in TAB, LF, CR, U+0020–U+00FF (G1.17); size limits (L11.4).
func (p *Policy) Check(kind Kind) ErrorList {
	if p == nil {
		return nil
	}
	return p.check(kind).finish(p.Source, p.Name)
}

type checker struct {
	p    *Policy
	errs ErrorList
}

func (c *checker) add(sev Severity, code ErrorCode, path string, off int, format string, args ...any) {
	c.errs = append(c.errs, &Error{Code: code, Severity: sev, Path: path, Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// iamStored reports whether IAM itself (or Organizations) stores and validates policies of kind k
// with its strict grammar: alphanumeric Sids, restricted character set.
func iamStored(k Kind) bool {
	switch k {
	case KindIdentity, KindTrust, KindBoundary, KindSession, KindSCP, KindRCP:
		return true
	}
	return false
}

func (p *Policy) check(kind Kind) ErrorList {
	c := &checker{p: p}
	if p.SingleStatement == false && len(p.Statements) == 0 && p.Span.Len > 0 {
		c.add(SeverityWarning, CodeEmpty, "Statement", at(p.Span), "empty Statement array grants nothing (G1.4)")
	}
	for i := range p.Statements {
		c.generic(i)
	}
	if kind == KindAny {
		return c.errs
	}
	if p.ID != nil && (kind == KindIdentity || kind == KindBoundary || kind == KindSession) {
		c.add(SeverityWarning, CodeID, "Id", at(p.ID.Span), "\"Id\" is meant for resource-based policies; identity-type policies should not have one (G1.3)")
	}
	if kind == KindRCP && p.Version != Version2012 {
		off := at(p.Span)
		if p.Version != VersionAbsent && p.VersionSpan.Len > 0 {
			off = at(p.VersionSpan) // else the document: no Version text to point at
		}
		c.add(SeverityError, CodeRCP, "Version", off, "resource control policies require \"Version\": \"2012-10-17\" (L11.7)")
	}
	sev := SeverityWarning
	if iamStored(kind) {
		sev = SeverityError
	}
	seen := map[string]int{}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Sid == nil {
			continue
		}
		path := stmtPath(p, i) + ".Sid"
		if !alnum(s.Sid.Value) {
			c.add(sev, CodeSid, path, at(s.Sid.Span), "Sid %q must contain only A-Z, a-z and 0-9 (G1.5)", s.Sid.Value)
		}
		if s.Sid.Value == "" {
			continue
		}
		if j, ok := seen[s.Sid.Value]; ok {
			c.add(sev, CodeDuplicateSid, path, at(s.Sid.Span), "Sid %q is already used by %s; Sids must be unique within a policy (G1.5)", s.Sid.Value, stmtPath(p, j))
		} else {
			seen[s.Sid.Value] = i
		}
	}
	for i := range p.Statements {
		c.kindRules(kind, i)
	}
	c.charset(sev)
	c.size(kind)
	return c.errs
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
			return false
		}
	}
	return true
}

// generic adds the kind-agnostic warnings of statement i.
func (c *checker) generic(i int) {
	s := &c.p.Statements[i]
	path := stmtPath(c.p, i)
	empty := func(ss *Strings, elem string) {
		if ss != nil && ss.Array && len(ss.Values) == 0 {
			c.add(SeverityWarning, CodeEmptyArray, path+"."+elem, at(ss.Span), "empty %s array matches nothing (G1.16)", elem)
		}
	}
	empty(s.Action, "Action")
	for _, el := range [...]struct {
		name string
		ss   *Strings
	}{{"Action", s.Action}, {"NotAction", s.NotAction}} {
		if el.ss == nil {
			continue
		}
		for j, a := range el.ss.Values {
			if strings.HasSuffix(a.Value, ":") {
				c.add(SeverityWarning, CodeAction, elemPath(path+"."+el.name, el.ss, j), at(a.Span), "empty action name in %q matches no action (G1.7)", a.Value)
			}
		}
	}
	empty(s.Resource, "Resource")
	if pr := s.Principal; pr != nil {
		empty(pr.AWS, "Principal.AWS")
		empty(pr.Service, "Principal.Service")
		empty(pr.Federated, "Principal.Federated")
		empty(pr.CanonicalUser, "Principal.CanonicalUser")
	}
	for _, cd := range s.Conditions {
		if cd.Array && len(cd.Values) == 0 {
			c.add(SeverityWarning, CodeEmptyArray, path+".Condition."+cd.Op.String()+"."+cd.Key.Value, at(cd.Span), "empty array: the condition key has no values (G1.16)")
		}
	}
	for _, ss := range [...]*Strings{s.Resource, s.NotResource} {
		if ss == nil {
			continue
		}
		elem := ".Resource"
		if ss == s.NotResource {
			elem = ".NotResource"
		}
		for j, r := range ss.Values {
			if r.Value != "*" && strings.Count(r.Value, ":") < 5 && !strings.HasSuffix(r.Value, "*") {
				c.add(SeverityWarning, CodeResource, elemPath(path+elem, ss, j), at(r.Span), "ARN %q has fewer than six colon-separated parts and no trailing \"*\" (R3.9)", r.Value)
			}
			if arn.WildcardInIAMResourceType(r.Value) {
				c.add(SeverityWarning, CodeResource, elemPath(path+elem, ss, j), at(r.Span), "wildcard in the resource-type word of the IAM ARN %q: IAM rejects it and AWS does not document how it would match; the evaluator treats the entry as uncertain (R3.3)", r.Value)
			}
			part, ok := partitionOf(r.Value)
			if ok && !arn.KnownPartition(part) {
				c.add(SeverityWarning, CodePartition, elemPath(path+elem, ss, j), at(r.Span), "unknown partition %q in ARN %q (R3.1)", part, r.Value)
			}
		}
	}
}

// partitionOf returns the literal partition of an ARN text; ok is false when there is none or it
// holds wildcards or variables.
func partitionOf(s string) (string, bool) {
	if !strings.HasPrefix(s, "arn:") {
		return "", false
	}
	rest := s[4:]
	i := strings.IndexByte(rest, ':')
	if i < 0 {
		return "", false
	}
	part := rest[:i]
	if part == "" || strings.ContainsAny(part, "*?$") {
		return "", false
	}
	return part, true
}

func (c *checker) kindRules(kind Kind, i int) {
	s := &c.p.Statements[i]
	path := stmtPath(c.p, i)
	off := at(s.Span)
	hasRes := s.Resource != nil || s.NotResource != nil
	if s.NotPrincipal != nil && s.Effect == Allow {
		c.add(SeverityError, CodeNotPrincipal, path+".NotPrincipal", at(s.NotPrincipal.Span), "\"NotPrincipal\" is only supported with \"Effect\": \"Deny\" (G1.9)")
	}
	switch kind {
	case KindIdentity, KindBoundary, KindSession, KindSCP:
		if s.Principal != nil {
			c.add(SeverityError, CodePrincipalKind, path+".Principal", at(s.Principal.Span), "%s policies must not specify a principal (G1.9)", kind)
		}
		if s.NotPrincipal != nil {
			c.add(SeverityError, CodePrincipalKind, path+".NotPrincipal", at(s.NotPrincipal.Span), "%s policies must not specify a principal (G1.9)", kind)
		}
		if !hasRes {
			c.add(SeverityError, CodeResourceRequired, path, off, "missing required element \"Resource\" or \"NotResource\": %s policies need one (G1.8)", kind)
		}
	case KindResource:
		if s.Principal == nil && s.NotPrincipal == nil {
			c.add(SeverityError, CodePrincipalKind, path, off, "missing required element \"Principal\" or \"NotPrincipal\" in a resource-based policy (G1.9)")
		}
		if !hasRes {
			c.add(SeverityWarning, CodeResourceRequired, path, off, "no \"Resource\" or \"NotResource\": most services require one (G1.8)")
		}
	case KindTrust:
		if s.Principal == nil && s.NotPrincipal == nil {
			c.add(SeverityError, CodePrincipalKind, path, off, "missing required element \"Principal\" in a trust policy (G1.9)")
		}
		if s.NotPrincipal != nil {
			c.add(SeverityError, CodePrincipalKind, path+".NotPrincipal", at(s.NotPrincipal.Span), "\"NotPrincipal\" is not allowed in a trust policy (G1.9)")
		}
	case KindRCP:
		c.rcp(s, path)
	}
	if kind != KindRCP && s.Effect == Allow {
		if s.Principal.IsPublic(s.Conditions) {
			c.add(SeverityWarning, CodePublic, path+".Principal", at(s.Principal.Span), "\"Allow\" with principal \"*\" and no condition restricting the callers grants access to everyone, anonymous callers included (P4.9)")
		}
		if s.NotAction != nil {
			c.add(SeverityWarning, CodeNotElement, path+".NotAction", at(s.NotAction.Span), "\"Allow\" with \"NotAction\" grants every other action (A2.6)")
		}
		if s.NotResource != nil {
			c.add(SeverityWarning, CodeNotElement, path+".NotResource", at(s.NotResource.Span), "\"Allow\" with \"NotResource\" grants every other resource (R3.6)")
		}
	}
}

// isFullAccessRCP reports whether s is the statement of the AWS-managed RCPFullAWSAccess policy,
// the only RCP statement that may Allow (G1.13).
func isFullAccessRCP(s *Statement) bool {
	one := func(ss *Strings) bool { return ss != nil && len(ss.Values) == 1 && ss.Values[0].Value == "*" }
	return s.Effect == Allow && s.Principal != nil && s.Principal.Wildcard && one(s.Action) && one(s.Resource) &&
		s.NotAction == nil && s.NotResource == nil && s.NotPrincipal == nil && len(s.Conditions) == 0
}

func (c *checker) rcp(s *Statement, path string) {
	off := at(s.Span)
	full := isFullAccessRCP(s)
	if s.Effect == Allow && !full {
		c.add(SeverityError, CodeRCP, path+".Effect", at(s.EffectSpan), "resource control policy statements must have \"Effect\": \"Deny\" (L11.7)")
	}
	switch {
	case s.NotPrincipal != nil:
		c.add(SeverityError, CodeRCP, path+".NotPrincipal", at(s.NotPrincipal.Span), "\"NotPrincipal\" is not supported in resource control policies (L11.7)")
	case s.Principal == nil:
		c.add(SeverityError, CodeRCP, path, off, "missing required element \"Principal\" (only \"*\") in a resource control policy (L11.7)")
	case !s.Principal.Wildcard:
		c.add(SeverityError, CodeRCP, path+".Principal", at(s.Principal.Span), "the principal of a resource control policy must be \"*\" (L11.7)")
	}
	if s.NotAction != nil {
		c.add(SeverityError, CodeRCP, path+".NotAction", at(s.NotAction.Span), "\"NotAction\" is not supported in resource control policies (L11.7)")
	}
	if s.Action != nil && !full {
		for j, a := range s.Action.Values {
			if a.Value == "*" {
				c.add(SeverityError, CodeRCP, elemPath(path+".Action", s.Action, j), at(a.Span), "\"*\" alone is not allowed as an action in a resource control policy; name a service prefix (L11.7)")
			}
		}
	}
	if s.Resource == nil && s.NotResource == nil {
		c.add(SeverityError, CodeResourceRequired, path, off, "missing required element \"Resource\" or \"NotResource\" in a resource control policy (L11.7)")
	}
}

// charset reports characters outside TAB, LF, CR and U+0020–U+00FF in any string of the policy
// (G1.17), once per string. Paths are only built for offending strings.
func (c *checker) charset(sev Severity) {
	p := c.p
	report := func(path string, text string, off int) {
		c.add(sev, CodeCharset, path, off, "%q contains characters outside TAB, LF, CR and U+0020-U+00FF (G1.17)", text)
	}
	checkAll := func(i int, elem string, ss *Strings) {
		if ss == nil {
			return
		}
		for j, v := range ss.Values {
			if badChars(v.Value) {
				report(elemPath(stmtPath(p, i)+"."+elem, ss, j), v.Value, at(v.Span))
			}
		}
	}
	if p.ID != nil && badChars(p.ID.Value) {
		report("Id", p.ID.Value, at(p.ID.Span))
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Sid != nil && badChars(s.Sid.Value) {
			report(stmtPath(p, i)+".Sid", s.Sid.Value, at(s.Sid.Span))
		}
		for _, pr := range [...]struct {
			n string
			p *Principal
		}{{"Principal", s.Principal}, {"NotPrincipal", s.NotPrincipal}} {
			if pr.p == nil {
				continue
			}
			checkAll(i, pr.n+".AWS", pr.p.AWS)
			checkAll(i, pr.n+".Service", pr.p.Service)
			checkAll(i, pr.n+".Federated", pr.p.Federated)
			checkAll(i, pr.n+".CanonicalUser", pr.p.CanonicalUser)
		}
		checkAll(i, "Action", s.Action)
		checkAll(i, "NotAction", s.NotAction)
		checkAll(i, "Resource", s.Resource)
		checkAll(i, "NotResource", s.NotResource)
		for _, cd := range s.Conditions {
			kp := func() string { return stmtPath(p, i) + ".Condition." + cd.Op.String() + "." + cd.Key.Value }
			if badChars(cd.Key.Value) {
				report(kp(), cd.Key.Value, at(cd.Key.Span))
			}
			for j, l := range cd.Values {
				if l.Kind == LiteralString && badChars(l.Text) {
					path := kp()
					if cd.Array || len(cd.Values) != 1 {
						path = index(path, j)
					}
					report(path, l.Text, at(l.Span))
				}
			}
		}
	}
}

// badChars reports whether s holds a character outside TAB, LF, CR and U+0020–U+00FF (G1.17).
func badChars(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x20 && b < 0x80 {
			continue
		}
		if b < 0x20 {
			if b != '\t' && b != '\n' && b != '\r' {
				return true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r > 0xFF {
			return true
		}
		i += n - 1
	}
	return false
}

// size applies the documented size limits (L11.4). IAM counts characters without whitespace; AWS
// managed policies are exempt, so identity-type limits are warnings. Organizations counts every
// character and rejects larger SCPs and RCPs.
func (c *checker) size(kind Kind) {
	src := c.p.Source
	if src == nil {
		return
	}
	var limit int
	var what string
	sev := SeverityWarning
	n := 0
	switch kind {
	case KindIdentity, KindBoundary:
		limit, what = 6144, "a customer managed policy"
	case KindTrust:
		limit, what = 2048, "a role trust policy (default quota)"
	case KindSession:
		limit, what = 2048, "a session policy"
	case KindSCP, KindRCP:
		limit, what, sev = 5120, "an "+strings.ToUpper(kind.String()), SeverityError
		n = utf8.RuneCount(src)
	default:
		return
	}
	if n == 0 {
		for _, b := range src { // characters = bytes that start a UTF-8 sequence
			if b&0xC0 != 0x80 && b != ' ' && b != '\t' && b != '\n' && b != '\r' {
				n++
			}
		}
	}
	if n > limit {
		c.add(sev, CodeSize, "", 0, "%d characters exceed the limit of %d for %s (L11.4)", n, limit, what)
	}
}

// stmtPath is the JSON path of statement i of p, by its place in p.Statements: "Statement[i]",
// or "Statement" when the Statement element is one object ([Statement.Path] reads
// Statement.Index instead, which NewPolicy, AppendStatement and RemoveStatement keep equal).
func stmtPath(p *Policy, i int) string {
	if p.single() {
		return "Statement"
	}
	return "Statement[" + itoa(i) + "]"
}

// at is the offset of an element with span sp for a finding: -1 for an element without a
// location (built in code).
func at(sp Span) int {
	if sp.Len == 0 {
		return -1
	}
	return sp.Offset
}
