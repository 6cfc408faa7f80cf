package condition

import (
	"fmt"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/internal/ascii"
)

// Variable is a policy variable (V6.1): ${Key} or ${Key, 'Default'}.
type Variable struct {
	Key        string
	Default    string
	HasDefault bool
}

// MaxVariables is the most variables one value may hold.
const MaxVariables = 8

// LexVariables splits text into pattern segments: plain text (Wild when wildcards is true,
// Literal otherwise), Literal "*", "?" and "$" for the escapes ${*}, ${?} and ${$} (V6.2), and a
// Hole for each variable, numbered in order of appearance. It returns the variables in hole
// order. A "${" without a matching "}", an empty key, or a default not written as
// ", 'text'" is an error (V6.3, V6.7).
func LexVariables(text string, wildcards bool) ([]arn.Segment, []Variable, error) {
	plain := arn.Literal
	if wildcards {
		plain = arn.Wild
	}
	var segs []arn.Segment
	var vars []Variable
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			break
		}
		if i > 0 {
			segs = append(segs, arn.Segment{Kind: plain, Text: text[:i]})
		}
		body := text[i+2:]
		j := strings.IndexByte(body, '}')
		if j < 0 {
			return nil, nil, fmt.Errorf("unterminated policy variable %q: expected \"}\"", text[i:])
		}
		inner := body[:j]
		text = body[j+1:]
		switch inner {
		case "*", "?", "$":
			segs = append(segs, arn.Segment{Kind: arn.Literal, Text: inner})
			continue
		}
		v, err := parseVariable(inner)
		if err != nil {
			return nil, nil, err
		}
		if len(vars) == MaxVariables {
			return nil, nil, fmt.Errorf("more than %d policy variables in one value", MaxVariables)
		}
		segs = append(segs, arn.Segment{Kind: arn.Hole, Hole: len(vars)})
		vars = append(vars, v)
	}
	if text != "" || len(segs) == 0 {
		segs = append(segs, arn.Segment{Kind: plain, Text: text})
	}
	return segs, vars, nil
}

func parseVariable(inner string) (Variable, error) {
	key, def, hasDef := strings.Cut(inner, ",")
	if hasDef {
		if !strings.HasPrefix(def, " '") || !strings.HasSuffix(def, "'") || len(def) < 3 {
			return Variable{}, fmt.Errorf("policy variable ${%s}: a default value is written ${key, 'value'} (a comma, one space, single quotes)", inner)
		}
		def = def[2 : len(def)-1]
		if strings.ContainsRune(def, '\'') {
			return Variable{}, fmt.Errorf("policy variable ${%s}: the default value may not contain a single quote", inner)
		}
	}
	if key == "" {
		return Variable{}, fmt.Errorf("policy variable ${%s}: empty key", inner)
	}
	for _, r := range key {
		if r <= ' ' || r == '$' || r == '{' || r == '\'' || r == '"' {
			return Variable{}, fmt.Errorf("policy variable ${%s}: invalid character %q in the key", inner, r)
		}
	}
	return Variable{Key: key, Default: def, HasDefault: hasDef}, nil
}

// Resolution says whether a policy variable has a value in a request context.
type Resolution uint8

const (
	// Resolved: the key has exactly one value (or is absent and the variable has a default).
	Resolved Resolution = iota
	// Unresolved: the key is absent and the variable has no default. AWS documents the outcome:
	// the value holding the variable matches nothing (V6.5).
	Unresolved
	// Doubtful: the key is present but holds no single certain value (no values, several values,
	// an empty value, a key marked multivalued, or a key marked Unknown). AWS documents nothing for these, so
	// the value holding the variable is uncertain (C5.0): an Allow does not rely on it and a
	// Deny applies.
	Doubtful
)

// Lookup returns the variable's value in ctx and how it was found (see Resolution).
func (v Variable) Lookup(ctx *Context) (string, Resolution) {
	e := ctx.entry(v.Key)
	if e == nil {
		if !ascii.Is(v.Key) && ctx.entryUnicode(v.Key) {
			// C5.2 DOC-GAP: a request key equal to this one only under Unicode case folding
			// ("…/ÉQUIPE" for "…/équipe") may be it, or not: no certain value, and the
			// default does not stand in (2026-12).
			return "", Doubtful
		}
		if v.HasDefault {
			return v.Default, Resolved
		}
		return "", Unresolved
	}
	if len(e.Values) != 1 || e.Multi || e.Unknown || e.Values[0] == "" {
		// An empty value is no certain value either (issue 14: a variable resolving to a
		// doubtful value, absent, several values or empty, never resolves), nor an absent key
		// that would take the default.
		return "", Doubtful
	}
	return e.Values[0], Resolved
}

// Resolve returns the variable's value in ctx: the key's single value, or the default when the
// key is absent. A multivalued key (V6.1), an empty set, a key marked Unknown, or an absent key
// without a default has no value (V6.5); Lookup tells these cases apart.
func (v Variable) Resolve(ctx *Context) (string, bool) {
	s, r := v.Lookup(ctx)
	return s, r == Resolved
}

// String returns the variable as written: ${key} or ${key, 'default'}.
func (v Variable) String() string {
	if v.HasDefault {
		return "${" + v.Key + ", '" + v.Default + "'}"
	}
	return "${" + v.Key + "}"
}
