package lint

import (
	"strings"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// keyChecks makes the checks of one condition that depend on its key: identifier formats,
// operators that suit the key badly, keys the caller controls, and values that make the
// condition always or never true.
func (l *linter) keyChecks(st *stmt, cd *policy.Condition, lk string, t catalog.Type, known bool, path string, off int) {
	op := cd.Op.Operator
	fam := family(op)
	switch lk {
	case "aws:sourcevpc":
		l.idFormat(cd, "vpc-", InvalidVPCFormat, path)
	case "aws:sourcevpce":
		l.idFormat(cd, "vpce-", InvalidVPCEFormat, path)
	case "aws:referer", "aws:useragent":
		l.add(UntrustworthyConditionKey, SecurityWarning, path, off,
			"the caller sets %s (an HTTP header) to any value it likes: do not rely on it for access control", cd.Key.Value)
	case "s3:prefix":
		neg := op.Negated()
		if fam == famString && (st.s.Effect == policy.Deny && !neg || st.s.Effect == policy.Allow && neg) {
			l.add(S3PrefixInNegativeContext, SecurityWarning, path, off,
				"%s on s3:prefix in %s statement does not stop listing: a shorter prefix does not match it; allow with StringLike, or deny with StringNotLike", cd.Op, article(st.s.Effect))
		}
	case "dynamodb:attributes":
		if st.s.Effect == policy.Allow && !selectsSpecificAttributes(st.s) {
			l.add(DynamoDBAttributesNoSelect, SecurityWarning, path, off,
				`dynamodb:Attributes is checked only on requests that name attributes, and a read without a projection returns whole items; add "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}`)
		}
	}
	if known && t.Elem() == catalog.ARN && (op == condition.StringLike || op == condition.StringNotLike) {
		arnOp := "ArnLike"
		if op == condition.StringNotLike {
			arnOp = "ArnNotLike"
		}
		l.add(StringLikeWithARNKey, SecurityWarning, path, off, "%s is an ARN: use %s, which compares the ARN field by field, not %s", cd.Key.Value, arnOp, op)
	}
	l.wildcardOnly(st, cd, fam, path, off)
	l.sensitive(cd, lk, path)
}

// sensitiveKeys are the keys the IAM user guide lists as sensitive (global condition keys page,
// "Sensitive condition keys"): a wildcard in their values has no valid use.
var sensitiveKeys = map[string]bool{
	"aws:principalaccount": true, "aws:principalorgid": true, "aws:resourceaccount": true, "aws:resourceorgid": true,
	"aws:sourceaccount": true, "aws:sourceorgid": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:vpceaccount": true, "aws:vpceorgid": true,
}

// sensitive reports wildcards, with a Like operator, in the values of a sensitive key, and in
// aws:userid values anywhere but right of the colon or alone left of it. Policy variables are
// not reported: the reference page does not say which variables it counts as wildcards, and
// AWS's own managed policies compare aws:ResourceAccount with ${aws:PrincipalAccount} hundreds of
// times.
func (l *linter) sensitive(cd *policy.Condition, lk, path string) {
	op := cd.Op.Operator
	if op != condition.StringLike && op != condition.StringNotLike && op != condition.ArnLike && op != condition.ArnNotLike {
		return
	}
	for _, v := range cd.Values {
		if !strings.ContainsAny(stripVariables(v.Text), "*?") {
			continue
		}
		switch {
		case sensitiveKeys[lk]:
			l.add(WildcardUsageTooPermissive, Error, path, v.Span.Offset,
				"%s is a sensitive key, and the wildcard in %q can match any value; write the value itself", cd.Key.Value, v.Text)
		case lk == "aws:userid" && !userIDPatternOK(v.Text):
			l.add(WildcardUsageTooPermissive, Error, path, v.Span.Offset,
				"the wildcard in aws:userid value %q can match other principals: put it right of the colon (ROLEID:*) or alone left of it (*:name)", v.Text)
		}
	}
}

// userIDPatternOK reports whether an aws:userid pattern keeps its wildcards right of the colon,
// or has "*" alone left of it.
func userIDPatternOK(v string) bool {
	left, _, ok := strings.Cut(v, ":")
	if !ok {
		return false
	}
	return left == "*" || !strings.ContainsAny(stripVariables(left), "*?")
}

func article(e policy.Effect) string {
	if e == policy.Allow {
		return "an Allow"
	}
	return "a Deny"
}

// selectsSpecificAttributes reports whether the statement requires dynamodb:Select to be
// SPECIFIC_ATTRIBUTES.
func selectsSpecificAttributes(s *policy.Statement) bool {
	for _, cd := range s.Conditions {
		if !ascii.EqualFold(cd.Key.Value, "dynamodb:Select") || cd.Op.Operator.Negated() || family(cd.Op.Operator) != famString {
			continue
		}
		for _, v := range cd.Values {
			if v.Text == "SPECIFIC_ATTRIBUTES" {
				return true
			}
		}
	}
	return false
}

// idFormat reports a value of aws:SourceVpc or aws:SourceVpce that is not prefix followed by 8
// or 17 letters and digits. Values with wildcards or policy variables are patterns, not IDs,
// and are not checked.
func (l *linter) idFormat(cd *policy.Condition, prefix string, code Code, path string) {
	if family(cd.Op.Operator) != famString {
		return
	}
	for _, v := range cd.Values {
		if strings.ContainsAny(v.Text, "*?$") {
			continue
		}
		id, ok := strings.CutPrefix(v.Text, prefix)
		if ok && (len(id) == 8 || len(id) == 17) && isAlnum(id) {
			continue
		}
		l.add(code, Error, path, v.Span.Offset, "%q is not a valid %s ID: write %s followed by 8 or 17 letters and digits", v.Text, strings.TrimSuffix(prefix, "-"), prefix)
	}
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// wildcardOnly reports a Like operator with the value "*", which matches any value: the
// condition then only tests whether the key is present (EQUIVALENT_TO_NULL_FALSE or _TRUE), is
// always true (REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION) or never true
// (REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION), by the evaluation rules of the condition
// package for a missing key, a negated operator and the set qualifiers.
func (l *linter) wildcardOnly(st *stmt, cd *policy.Condition, fam opFamily, path string, off int) {
	op := cd.Op.Operator
	like := op == condition.StringLike || op == condition.ArnLike
	notLike := op == condition.StringNotLike || op == condition.ArnNotLike
	if !like && !notLike {
		return
	}
	star := false
	for _, v := range cd.Values {
		if v.Text == "*" {
			star = true
		}
	}
	if !star {
		return
	}
	q, ifExists := cd.Op.Qualifier, cd.Op.IfExists
	key := cd.Key.Value
	nullFalse := func() {
		l.add(EquivalentToNullFalse, Suggestion, path, off, `%s with "*" only tests that %s is present: write "Null": {%q: "false"}`, cd.Op, key, key)
	}
	nullTrue := func() {
		l.add(EquivalentToNullTrue, Suggestion, path, off, `%s with "*" only tests that %s is absent: write "Null": {%q: "true"}`, cd.Op, key, key)
	}
	switch {
	case like && (q == condition.ForAllValues || q == condition.NoQualifier && ifExists):
		l.add(RedundantKeyWildcard, Suggestion, path, off, `%s with "*" is always true: remove %s from the condition`, cd.Op, key)
	case like && q == condition.ForAnyValue && ifExists:
		// A missing key makes IfExists true and ForAnyValue false: no simpler form.
	case like:
		nullFalse()
	case q == condition.ForAnyValue && !ifExists:
		l.add(RedundantStatementWildcard, Suggestion, path, off, `%s with "*" is never true: the statement never applies; remove %s or the statement`, cd.Op, key)
	case q == condition.ForAnyValue:
	default:
		nullTrue()
	}
}
