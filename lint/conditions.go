package lint

import (
	"net/netip"
	"strings"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// tagKey reports whether a condition key is one of the global tag keys whose support varies by
// action.
func tagKey(lk string) bool {
	return strings.HasPrefix(lk, "aws:resourcetag/") || strings.HasPrefix(lk, "aws:requesttag/") || lk == "aws:tagkeys"
}

// conditions checks every condition of the statement.
func (l *linter) conditions(st *stmt) {
	s := st.s
	byOp := map[string]map[string]string{} // operator -> lower-cased key -> key as first written
	hasKey := map[string]bool{}
	for _, cd := range s.Conditions {
		hasKey[ascii.Lower(cd.Key.Value)] = true
	}
	for i := range s.Conditions {
		cd := &s.Conditions[i]
		key := cd.Key.Value
		lk := ascii.Lower(key)
		path := st.path + ".Condition." + cd.Op.String() + "." + key
		off := cd.Key.Span.Offset

		keys := byOp[cd.Op.String()]
		if keys == nil {
			keys = map[string]string{}
			byOp[cd.Op.String()] = keys
		}
		if first, ok := keys[lk]; ok && first != key {
			l.add(DuplicateKeysDifferentCase, Error, path, off, "condition key %q appears again as %q in the same operator; key names are not case-sensitive", first, key)
		} else if !ok {
			keys[lk] = key
		}

		for i, v := range cd.Values {
			if i > 0 && v.Kind != cd.Values[0].Kind {
				l.add(InvalidConditionDataType, Error, path, v.Span.Offset, "condition values mix JSON %s and %s; write them all the same way", cd.Values[0].Kind, v.Kind)
				break
			}
		}
		for _, v := range cd.Values {
			if hasSpaceInVariable(v.Text) {
				l.add(UnsupportedSpaceInVariable, Error, path, v.Span.Offset, "a policy variable's name cannot hold a space: %q", v.Text)
				break
			}
		}
		fam := family(cd.Op.Operator)
		if prefix, _, _ := strings.Cut(key, ":"); l.ownService(prefix) {
			continue // a key of the caller's own service: nothing to check it against
		}
		t, known := l.keyType(key, path, off)
		if known {
			l.typeChecks(cd, t, fam, path, off)
		}
		l.valueChecks(cd, lk, fam, path, st.own)
		l.keyChecks(st, cd, lk, t, known, path, off)
		if lk == "aws:vpcsourceip" && !hasKey["aws:sourcevpc"] && !hasKey["aws:sourcevpce"] {
			l.add(MissingPairedConditionKeys, SecurityWarning, path, off, "aws:VpcSourceIp is safer with aws:SourceVpc (or aws:SourceVpce) in the same statement: the same private addresses exist in other VPCs")
		}
		if known && !st.own && st.actions != nil && st.listed.Catalog() != nil {
			if tagKey(lk) {
				l.tagSupport(st, key, path, off)
			} else if !strings.HasPrefix(lk, "aws:") && !st.not && catalog.Global(key) == nil && catalog.Extra(key) == nil {
				l.keySupport(st, key, path, off)
			}
		}
	}
}

// keyType returns the key's type, reporting unknown keys.
func (l *linter) keyType(key, path string, off int) (catalog.Type, bool) {
	if t, ok := l.cat.KeyType(key); ok {
		if g := catalog.Global(key); g != nil && g.Deprecated != "" {
			l.add(DeprecatedGlobalConditionKey, Warning, path, off, "%s is deprecated; use %s", key, g.Deprecated)
		}
		return t, true
	}
	// A tag key without its tag: aws:ResourceTag, aws:RequestTag/.
	if _, ok := l.cat.KeyType(strings.TrimSuffix(key, "/") + "/x"); ok {
		l.add(MissingTagKeyInCondition, Error, path, off, "%q needs a tag key: write %s/TAG-KEY", key, strings.TrimSuffix(key, "/"))
		return 0, false
	}
	if e := catalog.Extra(key); e != nil {
		l.add(UndocumentedConditionKey, Warning, path, off, "condition key %q is in no AWS documentation (AWS uses it in %s): it cannot be checked", key, e.Source)
		return 0, false
	}
	prefix, _, found := strings.Cut(key, ":")
	switch {
	case !found || prefix == "":
		l.add(InvalidConditionKeyFormat, Error, path, off, "condition key %q is not of the form service:name", key)
	case ascii.EqualFold(prefix, "aws"):
		l.add(InvalidGlobalConditionKey, Error, path, off, "global condition key %q does not exist", key)
	case strings.ContainsAny(prefix, "./"):
		// An identity provider's key (accounts.google.com:aud, oidc.eks...:sub): any provider may
		// be named, so the key cannot be checked.
	case l.cat.Service(prefix) == nil:
		l.add(InvalidService, Error, path, off, "service %q of condition key %q does not exist (catalog of %s)", prefix, key, l.cat.Date())
	default:
		msg := "condition key " + quote(key) + " does not exist in " + prefix
		if s := suggestKey(l.cat.Service(prefix), key); s != "" {
			msg += "; did you mean " + quote(s) + "?"
		}
		l.add(InvalidServiceConditionKey, Error, path, off, "%s (catalog of %s)", msg, l.cat.Date())
	}
	return 0, false
}

func suggestKey(s *catalog.Service, key string) string {
	lk := ascii.Lower(key)
	best, bestD := "", max(3, len(key)/5+1)
	for _, k := range s.Keys {
		if d := distance(lk, ascii.Lower(k.Name), bestD); d < bestD {
			best, bestD = k.Name, d
		}
	}
	return best
}

// compatible reports whether an operator family can read keys of type t.
func compatible(fam opFamily, t catalog.Type) bool {
	e := t.Elem()
	switch fam {
	case famString:
		return e == catalog.String || e == catalog.ARN
	case famNumeric:
		return e == catalog.Numeric
	case famDate:
		return e == catalog.Date || e == catalog.Numeric
	case famBool:
		return e == catalog.Bool
	case famIP:
		return e == catalog.IPAddress
	case famARN:
		return e == catalog.ARN || e == catalog.String
	case famBinary:
		return e == catalog.Binary || e == catalog.String
	}
	return true // Null reads any key
}

// operatorFor names the operator family for a key type.
func operatorFor(t catalog.Type) string {
	switch t.Elem() {
	case catalog.Numeric:
		return "Numeric"
	case catalog.Date:
		return "Date"
	case catalog.Bool:
		return "Bool"
	case catalog.IPAddress:
		return "IpAddress"
	case catalog.ARN:
		return "Arn"
	case catalog.Binary:
		return "BinaryEquals"
	}
	return "String"
}

// typeChecks compares the operator with the key's type.
func (l *linter) typeChecks(cd *policy.Condition, t catalog.Type, fam opFamily, path string, off int) {
	// aws:EpochTime is documented for both the Date and the Numeric operators.
	epoch := fam == famNumeric && ascii.EqualFold(cd.Key.Value, "aws:EpochTime")
	if !compatible(fam, t) && !epoch {
		l.add(TypeMismatch, Warning, path, off, "%s is of type %s: use a %s operator, not %s", cd.Key.Value, t, operatorFor(t), cd.Op.Operator)
	}
	if fam == famNull {
		return
	}
	switch {
	case cd.Op.Qualifier == condition.ForAllValues && !t.IsArray():
		l.add(ForAllValuesSingleValuedKey, SecurityWarning, path, off, "ForAllValues with the single-valued key %s is true when the key is absent; remove ForAllValues:", cd.Key.Value)
	case cd.Op.Qualifier == condition.NoQualifier && t.IsArray():
		l.add(MissingQualifier, Warning, path, off, "%s is multivalued (%s): use ForAllValues: or ForAnyValue: with %s", cd.Key.Value, t, cd.Op.Operator)
	}
}

// valueChecks looks at the condition's values.
// With own (the statement names one of Options.Services), aws:SourceIp may carry private
// addresses: the caller's own service sets it.
func (l *linter) valueChecks(cd *policy.Condition, lk string, fam opFamily, path string, own bool) {
	op := cd.Op.Operator
	switch fam {
	case famBool:
		if len(cd.Values) > 1 {
			l.add(InvalidConditionMultipleBool, Error, path, cd.Span.Offset, "%s takes a single Boolean value, got %d", cd.Key.Value, len(cd.Values))
		}
	case famString:
		if op == condition.StringLike || op == condition.StringNotLike {
			break
		}
		for _, v := range cd.Values {
			if strings.ContainsAny(stripVariables(v.Text), "*?") {
				l.add(WildcardWithoutLikeOperator, Warning, path, v.Span.Offset, "value %q holds a wildcard that %s compares literally; use %s if a wildcard is meant", v.Text, op, likeOf(op))
				break
			}
		}
	case famDate:
		for _, v := range cd.Values {
			if isDigits(v.Text) {
				l.add(InvalidDateValue, Warning, path, v.Span.Offset, "epoch time %q: prefer a W3C date such as 2026-01-31T00:00:00Z", v.Text)
				break
			}
		}
	case famNumeric:
		if len(cd.Values) > 1 && op != condition.NumericEquals && op != condition.NumericNotEquals {
			l.add(RedundantConditionValueNum, Suggestion, path, cd.Span.Offset, "%s with several values is the same as with the least or greatest of them", op)
		}
	case famIP:
		private, public := 0, 0
		for _, v := range cd.Values {
			pfx, err := netip.ParsePrefix(v.Text)
			if err != nil {
				a, err := netip.ParseAddr(v.Text)
				if err != nil {
					continue
				}
				pfx = netip.PrefixFrom(a, a.BitLen())
			}
			if pfx.Masked() != pfx {
				l.add(ImproveIPRange, Suggestion, path, v.Span.Offset, "the bits of %q after the mask are ignored; write %s", v.Text, pfx.Masked())
			}
			if a := pfx.Addr(); a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() {
				private++
			} else {
				public++
			}
		}
		if lk != "aws:sourceip" || private == 0 || own {
			break
		}
		switch {
		case public == 0 && op == condition.IpAddress:
			l.add(PrivateIPAddress, Error, path, cd.Span.Offset, "aws:SourceIp holds only public addresses, and these values are all private: the condition never matches; use aws:VpcSourceIp")
		case public == 0:
			l.add(PrivateNotIPAddress, Error, path, cd.Span.Offset, "aws:SourceIp holds only public addresses, and these values are all private: NotIpAddress always matches; use aws:VpcSourceIp")
		case op == condition.IpAddress:
			l.add(PrivateIPAddressSubset, Suggestion, path, cd.Span.Offset, "the private addresses among these values never match aws:SourceIp; use aws:VpcSourceIp for them")
		default:
			l.add(PrivateNotIPAddressSubset, Suggestion, path, cd.Span.Offset, "the private addresses among these values have no effect on aws:SourceIp; use aws:VpcSourceIp for them")
		}
	}
}

// hasSpaceInVariable reports a space in the key of a policy variable (${aws:user name}); the
// default after the comma may hold spaces.
func hasSpaceInVariable(s string) bool {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return false
		}
		s = s[i+2:]
		j := strings.IndexByte(s, '}')
		if j < 0 {
			return false
		}
		key, _, _ := strings.Cut(s[:j], ",")
		if strings.ContainsRune(key, ' ') {
			return true
		}
		s = s[j+1:]
	}
}

func likeOf(op condition.Operator) string {
	switch op {
	case condition.StringNotEquals, condition.StringNotEqualsIgnoreCase:
		return "StringNotLike"
	}
	return "StringLike"
}

// stripVariables removes policy variables (${...}) from a value, whose '*' and '?' escapes are
// not wildcards.
func stripVariables(s string) string {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// tagSupport reports the services among the statement's actions whose actions do not all
// support a tag condition key.
func (l *linter) tagSupport(st *stmt, key, path string, off int) {
	if st.not {
		code, sev := AllowNotActionUnsupportedTag, Suggestion
		if st.s.Effect == policy.Deny {
			code, sev = DenyNotActionUnsupportedTag, SecurityWarning
		}
		l.add(code, sev, path, off, "with NotAction, the statement covers actions that do not support %s, for which the condition never holds; list the actions with Action instead", key)
		return
	}
	var services []string
	seen := map[*catalog.Service]bool{}
	for a := range st.listed.Actions() {
		if seen[a.Service] {
			continue
		}
		if !a.SupportsKey(key) {
			seen[a.Service] = true
			services = append(services, a.Service.Prefix)
		}
	}
	if len(services) == 0 {
		return
	}
	list := strings.Join(services, ", ")
	if len(services) > 8 {
		list = strings.Join(services[:8], ", ") + " and " + itoa(len(services)-8) + " more"
	}
	if st.s.Effect == policy.Deny {
		l.add(DenyUnsupportedTagKey, SecurityWarning, path, off, "some actions of %s do not support %s: the condition is never true for them, so this Deny does not deny them; move them to a statement without this key", list, key)
		return
	}
	l.add(AllowUnsupportedTagKey, Suggestion, path, off, "some actions of %s do not support %s: the condition is never true for them, so this Allow does not allow them; move them to a statement without this key", list, key)
}

// keySupport reports a service condition key that none of the statement's actions supports.
func (l *linter) keySupport(st *stmt, key, path string, off int) {
	prefix, _, _ := strings.Cut(key, ":")
	// The key's own service first: its actions are the likely ones.
	if sv := l.cat.Service(prefix); sv != nil {
		acts := sv.Actions()
		for i := range acts {
			if st.listed.Has(&acts[i]) && acts[i].SupportsKey(key) {
				l.actionsWithoutKey(st, key, path, off)
				return
			}
		}
	}
	for a := range st.listed.Actions() {
		if a.SupportsKey(key) {
			l.actionsWithoutKey(st, key, path, off)
			return
		}
	}
	l.add(ConditionKeyNotSupported, Warning, path, off, "none of the statement's actions supports %s: it is absent from their requests", key)
}

// actionsWithoutKey reports the actions the statement names (without wildcards, as Access
// Analyzer does) that do not support a service condition key some other action supports.
func (l *linter) actionsWithoutKey(st *stmt, key, path string, off int) {
	var names []string
	for _, v := range st.actions.Values {
		if strings.ContainsAny(v.Value, "*?") {
			continue
		}
		if a := l.cat.Action(v.Value); a != nil && !a.SupportsKey(key) {
			names = append(names, a.FullName())
		}
	}
	if len(names) > 0 {
		l.add(UnsupportedActionForKey, Warning, path, off,
			"%s does not support %s: the condition is not evaluated for it; move it to a statement without this key", listOf(names), key)
	}
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
