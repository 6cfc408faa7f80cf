package policy

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Marshal writes p as indented JSON in the canonical key order: Version, Id, Statement; and in
// each statement Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource,
// Condition. It keeps the single-object-vs-array form of Statement, the bare-string-vs-array form
// of every string list and condition value, and the exact text of numbers and booleans, so that
// Parse(Marshal(p)) equals p apart from spans and Source. Conditions are regrouped by their
// operator (Condition.Op, written as Op.String()) in order of first appearance.
//
// Marshal refuses a tree that Parse would not read back: it returns the error of
// [Policy.Validate] (an [ErrorList]) for an invalid tree, built or edited in code, and writes
// nothing. [MarshalOptions] relaxes this for leniently parsed policies.
func Marshal(p *Policy) ([]byte, error) { return MarshalOptions{}.Marshal(p) }

// MarshalOptions configures [MarshalOptions.Marshal]. The zero value is [Marshal].
type MarshalOptions struct {
	// Lenient validates the tree as Options{Lenient: true}.Validate does, so that a policy
	// parsed with Options.Lenient can be written back (its warnings stay warnings).
	Lenient bool
	// KeepLayout writes a parsed policy as its Source with only what changed rewritten: the
	// document keeps its key order, indentation and spacing, a value changed in place (an
	// Effect, a Sid, one action, one condition value) is a one-line change, an element whose
	// shape changed is rewritten canonically at the indentation of its line, and statements
	// added to or removed from the Statement array leave the others' text alone. When that is
	// not possible (a policy built in code, one without Source, Version or Id added or removed,
	// the Statement shape changed) or the spliced text would not read back as p, Marshal
	// writes the canonical layout.
	KeepLayout bool
}

// Marshal validates p (Options.Validate with o.Lenient) and writes it as [Marshal] does.
func (o MarshalOptions) Marshal(p *Policy) ([]byte, error) {
	if p == nil {
		return nil, errors.New("policy: Marshal of a nil policy")
	}
	if err := (Options{Lenient: o.Lenient}).Validate(p); err != nil {
		return nil, err
	}
	if o.KeepLayout {
		if out, ok := marshalKeepLayout(p); ok {
			return out, nil
		}
	}
	return marshalUnchecked(p)
}

// marshalUnchecked writes p without validating it first; it fails only on what cannot be
// written as JSON at all.
func marshalUnchecked(p *Policy) ([]byte, error) {
	m := marshaler{b: make([]byte, 0, 256+len(p.Source))}
	m.policy(p)
	if m.err != nil {
		return m.b, m.err
	}
	return m.b, nil
}

// MarshalJSON implements json.Marshaler with [Marshal].
func (p *Policy) MarshalJSON() ([]byte, error) { return Marshal(p) }

type marshaler struct {
	b      []byte
	err    error
	depth  int
	first  bool
	prefix string // written after every newline, before the indentation of the depth
}

func (m *marshaler) fail(format string, args ...any) {
	if m.err == nil {
		m.err = fmt.Errorf("policy: Marshal: "+format, args...)
	}
}

func (m *marshaler) nl() {
	m.b = append(m.b, '\n')
	m.b = append(m.b, m.prefix...)
	for i := 0; i < m.depth; i++ {
		m.b = append(m.b, ' ', ' ')
	}
}

// open starts an object or array.
func (m *marshaler) open(c byte) {
	m.b = append(m.b, c)
	m.depth++
	m.first = true
}

func (m *marshaler) close(c byte) {
	m.depth--
	if !m.first {
		m.nl()
	}
	m.b = append(m.b, c)
	m.first = false
}

// item starts the next element of the current object or array.
func (m *marshaler) item() {
	if !m.first {
		m.b = append(m.b, ',')
	}
	m.first = false
	m.nl()
}

func (m *marshaler) key(k string) {
	m.item()
	m.str(k)
	m.b = append(m.b, ':', ' ')
}

func (m *marshaler) str(s string) {
	if !utf8.ValidString(s) {
		m.fail("invalid UTF-8 in %q", s)
	}
	m.b = appendJSONString(m.b, s)
}

func (m *marshaler) policy(p *Policy) {
	m.open('{')
	if p.Version != VersionAbsent {
		m.key("Version")
		m.str(p.Version.String())
	}
	if p.ID != nil {
		m.key("Id")
		m.str(p.ID.Value)
	}
	m.key("Statement")
	if p.single() {
		m.statement(&p.Statements[0])
	} else {
		m.open('[')
		for i := range p.Statements {
			m.item()
			m.statement(&p.Statements[i])
		}
		m.close(']')
	}
	m.close('}')
	m.b = append(m.b, '\n')
}

func (m *marshaler) statement(s *Statement) {
	m.open('{')
	if s.Sid != nil {
		m.key("Sid")
		m.str(s.Sid.Value)
	}
	m.key("Effect")
	switch s.Effect {
	case Allow, Deny:
		m.str(s.Effect.String())
	default:
		m.fail("statement %d has an invalid Effect", s.Index)
		m.str("")
	}
	m.principal("Principal", s.Principal)
	m.principal("NotPrincipal", s.NotPrincipal)
	m.strings("Action", s.Action)
	m.strings("NotAction", s.NotAction)
	m.strings("Resource", s.Resource)
	m.strings("NotResource", s.NotResource)
	if s.HasCondition || len(s.Conditions) > 0 {
		m.key("Condition")
		m.conditions(s.Conditions)
	}
	m.close('}')
}

func (m *marshaler) principal(name string, p *Principal) {
	if p == nil {
		return
	}
	m.key(name)
	m.principalValue(p)
}

func (m *marshaler) principalValue(p *Principal) {
	if p.Wildcard {
		m.str("*")
		return
	}
	m.open('{')
	m.strings("AWS", p.AWS)
	m.strings("Service", p.Service)
	m.strings("Federated", p.Federated)
	m.strings("CanonicalUser", p.CanonicalUser)
	m.close('}')
}

func (m *marshaler) strings(name string, ss *Strings) {
	if ss == nil {
		return
	}
	m.key(name)
	m.stringsValue(ss)
}

func (m *marshaler) stringsValue(ss *Strings) {
	if !ss.Array && len(ss.Values) == 1 {
		m.str(ss.Values[0].Value)
		return
	}
	m.open('[')
	for _, v := range ss.Values {
		m.item()
		m.str(v.Value)
	}
	m.close(']')
}

func (m *marshaler) conditions(cs []Condition) {
	m.open('{')
	done := make([]bool, len(cs))
	for i := range cs {
		if done[i] {
			continue
		}
		op := cs[i].Op
		m.key(op.String())
		m.open('{')
		for j := i; j < len(cs); j++ {
			if done[j] || cs[j].Op != op {
				continue
			}
			done[j] = true
			m.condition(&cs[j])
		}
		m.close('}')
	}
	m.close('}')
}

func (m *marshaler) condition(c *Condition) {
	m.key(c.Key.Value)
	if !c.Array && len(c.Values) == 1 {
		m.literal(c.Values[0])
		return
	}
	m.open('[')
	for _, l := range c.Values {
		m.item()
		m.literal(l)
	}
	m.close(']')
}

func (m *marshaler) literal(l Literal) {
	switch l.Kind {
	case LiteralNumber:
		if !validNumber(l.Text) {
			m.fail("invalid JSON number %q", l.Text)
		}
		m.b = append(m.b, l.Text...)
	case LiteralBool:
		if l.Text != "true" && l.Text != "false" {
			m.fail("invalid JSON boolean %q", l.Text)
		}
		m.b = append(m.b, l.Text...)
	default:
		m.str(l.Text)
	}
}

// validNumber reports whether s is a JSON number (RFC 8259 grammar).
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// appendJSONString appends s as a JSON string: quotes, backslashes and control characters are
// escaped, everything else is written as UTF-8.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
