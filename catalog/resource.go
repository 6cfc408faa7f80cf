package catalog

import (
	"strings"

	"github.com/iamgo/iam/arn"
)

// formatPattern is a resource type's ARN format compiled once: for concrete ARNs an arn.Pattern
// (each ${Variable} a '*' under arn.RuleResource), and for ARN patterns a token list that
// intersectsFormat compares with the pattern.
type formatPattern struct {
	exact *arn.Pattern // nil if the format could not be compiled
	toks  []ftok
	// service is the format's service field (between its second and third colons) when it is
	// literal text, as "s3" in arn:${Partition}:s3:::${BucketName}; hasService says it is.
	service    string
	hasService bool
}

// ftok is one token of an ARN format: a literal byte, or part of a variable (lit == 0), which
// stands for one or more bytes, without ':' when it fills one of the first five ARN fields: a
// variable is written as two tokens, one byte (more false) and then any further bytes (more
// true).
type ftok struct {
	lit     byte
	noColon bool
	more    bool
}

func (rt *ResourceType) compiled() *formatPattern {
	if rt.lazy == nil { // a ResourceType not made by a Catalog: compile it every time
		rt = &ResourceType{ARN: rt.ARN, lazy: new(lazyFormat)}
	}
	rt.lazy.once.Do(func() {
		fp := &formatPattern{}
		var segs []arn.Segment
		field := 0
		s := rt.ARN
		for s != "" {
			lit, rest, hasVar := nextLiteral(s)
			if lit != "" {
				segs = append(segs, arn.Segment{Kind: arn.Literal, Text: lit})
				for i := 0; i < len(lit); i++ {
					fp.toks = append(fp.toks, ftok{lit: lit[i]})
					if lit[i] == ':' {
						field++
					}
				}
			}
			if hasVar {
				segs = append(segs, arn.Segment{Kind: arn.Wild, Text: "?*"})
				fp.toks = append(fp.toks, ftok{noColon: field < 5}, ftok{noColon: field < 5, more: true})
			}
			s = rest
			if !hasVar {
				break
			}
		}
		if len(segs) > 0 {
			fp.exact, _ = arn.Compile(arn.RuleResource, segs...)
		}
		fp.service, fp.hasService = literalService(fp.toks)
		rt.lazy.p = fp
	})
	return rt.lazy.p
}

// Matches reports whether resource, a Resource element value, can name a resource of this type:
// a concrete ARN must match the type's ARN format (each ${Variable} of the format matching one or
// more characters, as "?*" does under the arn package's Resource rules); an ARN pattern with the wildcards '*' and '?' or
// policy variables (${aws:username}, which may stand for anything) matches when some ARN matches
// both it and the format. "*" matches every type.
func (rt *ResourceType) Matches(resource string) bool {
	if resource == "*" {
		return true
	}
	fp := rt.compiled()
	if !strings.ContainsAny(resource, "*?$") && fp.exact != nil {
		return fp.exact.Match(resource)
	}
	return intersectsFormat(resource, fp)
}

// literalService returns the text of the format tokens between their second and third colons,
// and true when it is all literal. The format's variables in the first five fields hold no ':',
// so every ARN of the format has that service field.
func literalService(toks []ftok) (string, bool) {
	colons, start := 0, 0
	for i, t := range toks {
		if t.lit != ':' {
			continue
		}
		colons++
		if colons == 2 {
			start = i + 1
		}
		if colons == 3 {
			b := make([]byte, 0, i-start)
			for _, t := range toks[start:i] {
				if t.lit == 0 {
					return "", false
				}
				b = append(b, t.lit)
			}
			return string(b), true
		}
	}
	return "", false
}

// otherService reports whether the policy resource's text through its third colon is literal
// (no '*', '?' or policy variable) and its service field is not svc: then no ARN matches both
// the resource and a format whose service field is svc.
func otherService(resource, svc string) bool {
	f, n := arn.Split(resource)
	if n < 4 {
		return false
	}
	k := len(f[0]) + len(f[1]) + len(f[2]) + 3
	return !strings.ContainsAny(resource[:k], "*?$") && f[2] != svc
}

// ResourceTypesFor returns the action's resource types that resource matches (see
// ResourceType.Matches), in the reference's order. An action without resource types (one that
// supports only "*") yields none.
func (a *Action) ResourceTypesFor(resource string) []*ResourceType {
	var out []*ResourceType
	for i := range a.Resources {
		if a.Resources[i].Type != nil && a.Resources[i].Type.Matches(resource) {
			out = append(out, a.Resources[i].Type)
		}
	}
	return out
}

// ptok is one token of a policy resource: a literal byte, '*' (any text), '?' (one character),
// or a policy variable (any text).
type ptok struct {
	lit  byte
	kind uint8 // 0 literal, 1 any, 2 one
}

func policyTokens(s string) []ptok {
	toks := make([]ptok, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '*':
			toks = append(toks, ptok{kind: 1})
		case c == '?':
			toks = append(toks, ptok{kind: 2})
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				toks = append(toks, ptok{kind: 1})
				i += j
				continue
			}
			toks = append(toks, ptok{lit: c})
		default:
			toks = append(toks, ptok{lit: c})
		}
	}
	return toks
}

// maxIntersect bounds the work of intersectsFormat; a longer resource is assumed to match.
const maxIntersect = 1 << 20

// intersectsFormat reports whether some string matches both the policy resource pattern and the
// format: a search over pairs of positions of the two patterns, linear in the product of their
// lengths, made only when the resource does not name another service than the format.
func intersectsFormat(resource string, fp *formatPattern) bool {
	// A resource has no more tokens than bytes: within this bound, so is the search below.
	if fp.hasService && (len(resource)+1)*(len(fp.toks)+1) <= maxIntersect && otherService(resource, fp.service) {
		return false
	}
	p, f := policyTokens(resource), fp.toks
	n, m := len(p), len(f)
	if (n+1)*(m+1) > maxIntersect {
		return true
	}
	w := m + 1
	seen := make([]bool, (n+1)*w)
	stack := []int{0}
	seen[0] = true
	push := func(i, j int) {
		k := i*w + j
		if !seen[k] {
			seen[k] = true
			stack = append(stack, k)
		}
	}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		i, j := k/w, k%w
		if i == n && j == m {
			return true
		}
		if i < n && p[i].kind == 1 {
			push(i+1, j) // '*' matches nothing more
		}
		if j < m && f[j].more {
			push(i, j+1) // the variable matches nothing more
		}
		if i == n || j == m {
			continue
		}
		pt, ft := p[i], f[j]
		switch {
		case ft.lit != 0: // the format needs byte ft.lit
			switch pt.kind {
			case 0:
				if pt.lit == ft.lit {
					push(i+1, j+1)
				}
			case 1:
				push(i, j+1)
			case 2:
				push(i+1, j+1)
			}
		default: // a variable takes one byte: its first (then move on), or one more (stay)
			next := j + 1
			if ft.more {
				next = j
			}
			switch pt.kind {
			case 0:
				if !(ft.noColon && pt.lit == ':') {
					push(i+1, next)
				}
			case 1:
				if !ft.more {
					push(i, next) // '*' takes the variable's first byte and stays
				}
			case 2:
				push(i+1, next)
			}
		}
	}
	return false
}
