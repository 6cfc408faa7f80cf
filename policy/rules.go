package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
)

// Messages of the statement rules Parse and Validate share (one text per rule).
const (
	msgActionConflict = "a statement has either \"Action\" or \"NotAction\", not both (G1.7)"
	msgResConflict    = "a statement has either \"Resource\" or \"NotResource\", not both (G1.8)"
	msgPrinConflict   = "a statement has either \"Principal\" or \"NotPrincipal\", not both (G1.9)"
	msgMissingAction  = "missing required element \"Action\" or \"NotAction\" (G1.7)"
	msgEmptyPrincipal = "expected at least one of AWS, Service, Federated or CanonicalUser in %s (G1.9)"
)

// emptyNotMsg is the message of an empty Not* array (G1.16), an error.
func emptyNotMsg(l lpath) string {
	return fmt.Sprintf("empty %s array would match everything; list at least one value (G1.16)", strings.Join(l.names[:l.n], "."))
}

// elemAt is the path of value j of ss: the element path itself for a bare string (one value,
// Array false: the form Marshal writes).
func elemAt(l lpath, ss *Strings, j int) lpath {
	if !ss.Array && len(ss.Values) == 1 {
		return l
	}
	return l.at(j)
}

// elemPath is the string form of elemAt for a path given as a string. A Strings is written as a
// bare string when it holds one value and Array is false (Marshal), so only then is the path
// the element's own.
func elemPath(path string, ss *Strings, j int) string {
	if !ss.Array && len(ss.Values) == 1 {
		return path
	}
	return index(path, j)
}

func index(path string, i int) string { return path + "[" + itoa(i) + "]" }

// principalProblem returns what is wrong with value v of principal type typ (an index of
// principalNames), or "" (G1.9, P4.1, P4.10, P4.11): the rule of CodePrincipal for Parse and
// Validate alike.
func principalProblem(typ int, v string) string {
	switch {
	case v == "":
		return "empty principal (G1.9)"
	case v == "*":
		if typ != 0 {
			return fmt.Sprintf("\"*\" is not a valid %s principal; only \"AWS\": \"*\" or Principal \"*\" means everyone (G1.9)", principalNames[typ])
		}
	case strings.ContainsAny(v, "*?"):
		return fmt.Sprintf("partial wildcard in principal %q: only \"*\" alone is allowed; use a condition on aws:PrincipalArn instead (P4.10)", v)
	case typ == 0:
		return awsPrincipalProblem(v)
	}
	return ""
}

// awsPrincipalProblem checks an "AWS" principal: a 12-digit account ID (P4.1), an ARN (P4.1–P4.5)
// or a unique principal ID such as AIDA... or AROA... (P4.11).
func awsPrincipalProblem(v string) string {
	switch {
	case strings.HasPrefix(v, "arn:"):
		if _, err := arn.Parse(v); err != nil {
			return fmt.Sprintf("invalid ARN in AWS principal: %v (P4.1)", err)
		}
		return ""
	case len(v) == 12 && allDigits(v):
		return ""
	case len(v) >= 16 && v[0] == 'A' && upperAlnum(v):
		return ""
	}
	return fmt.Sprintf("expected \"*\", a 12-digit account ID, an ARN or a unique principal ID in AWS principal, got %q (P4.1)", v)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func upperAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// actionProblem returns what is wrong with an action pattern, or "" (G1.7, A2.4), and whether
// it is soft: a wildcard in the service prefix, which IAM rejects but an evaluator can read
// literally (Options.Lenient).
func actionProblem(a string) (msg string, soft bool) {
	if a == "*" {
		return "", false
	}
	// Fast path for the usual "service:Name": one colon, no wildcard before it.
	if c := strings.IndexByte(a, ':'); c > 0 && strings.IndexByte(a[c+1:], ':') < 0 {
		wild := false
		for i := 0; i < c; i++ {
			if a[i] == '*' || a[i] == '?' {
				wild = true
				break
			}
		}
		if !wild {
			return "", false
		}
	}
	colon, colons, wild := -1, 0, false
	for i := 0; i < len(a); i++ {
		switch a[i] {
		case ':':
			colons++
			if colon < 0 {
				colon = i
			}
		case '*', '?':
			if colon < 0 {
				wild = true
			}
		}
	}
	switch {
	case colons != 1:
		return fmt.Sprintf("expected \"*\" or \"service:action\" with exactly one colon, got %q (G1.7)", a), false
	case colon == 0:
		return fmt.Sprintf("empty service prefix in action %q (G1.7)", a), false
	case wild:
		return fmt.Sprintf("wildcard in the service prefix of action %q; only the action name may contain wildcards (A2.4)", a), true
	}
	return "", false
}

// resourceProblem returns what is wrong with a Resource/NotResource value, or "" (G1.8, R3.3,
// R3.7, R3.9); vars says whether the policy's version expands policy variables.
func resourceProblem(r string, vars bool) string {
	if r == "*" {
		return ""
	}
	// Fast path for the usual full ARN: one loop finds the colons; anything unusual (fewer
	// parts, a wildcard in the service, a region in an IAM ARN, a variable) takes the slow path,
	// which says what is wrong.
	if len(r) > 4 && r[:4] == "arn:" {
		var cut [4]int
		k := 0
		for i := 4; i < len(r) && k < 4; i++ {
			if r[i] == ':' {
				cut[k] = i
				k++
			}
		}
		if k == 4 {
			svc, region := r[cut[0]+1:cut[1]], r[cut[1]+1:cut[2]]
			if cut[0] > 4 && svc != "" && strings.IndexByte(svc, '*') < 0 && strings.IndexByte(svc, '?') < 0 &&
				(svc != "iam" || region == "" || region == "*") && (!vars || strings.IndexByte(r, '$') < 0) {
				return ""
			}
		}
	}
	if !strings.HasPrefix(r, "arn:") {
		return fmt.Sprintf("expected \"*\" or an ARN (arn:partition:service:region:account:resource), got %q (G1.8)", r)
	}
	parts, n := arn.Split(r)
	switch {
	case parts[1] == "":
		return fmt.Sprintf("empty partition in ARN %q (R3.1)", r)
	case n < 3 || parts[2] == "":
		return fmt.Sprintf("missing service in ARN %q (R3.1)", r)
	case strings.ContainsAny(parts[2], "*?"):
		return fmt.Sprintf("wildcard in the service segment of ARN %q (R3.3)", r)
	case n == 6 && parts[2] == "iam" && parts[3] != "" && parts[3] != "*":
		return fmt.Sprintf("IAM ARN %q must not contain a region (R3.9)", r)
	}
	if vars {
		if i := strings.Index(r, "${"); i >= 0 {
			if strings.Count(r[:i], ":") < 5 {
				return fmt.Sprintf("policy variable in ARN %q before the resource part (only allowed after the fifth colon, R3.7)", r)
			}
			if _, _, err := condition.LexVariables(r, true); err != nil {
				return fmt.Sprintf("malformed policy variable in ARN %q: %v (V6.7)", r, err)
			}
		}
	}
	return ""
}

// conditionProblem checks the values of c against its operator with condition.Check (the rule
// of CodeConditionValue for Parse and Validate alike): it returns what is wrong, or "", and the
// index of the value at fault, or -1 when the key as a whole is.
func conditionProblem(c *Condition, vars bool) (msg string, value int) {
	var buf [8]string
	texts := buf[:0]
	for _, l := range c.Values {
		texts = append(texts, l.Text)
	}
	err := condition.Check(c.Op, c.Key.Value, texts, vars)
	if err == nil {
		return "", -1
	}
	var ce *condition.Error
	if errors.As(err, &ce) {
		if ce.ValueIndex >= 0 && ce.ValueIndex < len(c.Values) {
			return ce.Msg, ce.ValueIndex
		}
		return ce.Msg, -1
	}
	return err.Error(), -1
}
