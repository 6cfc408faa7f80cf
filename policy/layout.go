package policy

import (
	"bytes"
	"errors"
	"slices"
)

// Writing with the document's own layout (MarshalOptions.KeepLayout) and writing single
// elements.

// edit replaces src[off:end] with text.
type edit struct {
	off, end int
	text     []byte
}

// layout splices the changes of p into p.Source. It returns nil when the changes are not ones
// it can splice (then Marshal writes the canonical layout).
type layout struct {
	src   []byte
	edits []edit
}

// marshalKeepLayout writes p as its Source with only the changed parts rewritten; ok is false
// when it cannot (no Source, Source does not parse, a change of the document's shape, or a
// result that would not read back as p).
func marshalKeepLayout(p *Policy) (out []byte, ok bool) {
	if p.Source == nil {
		return nil, false
	}
	orig, err := Options{Lenient: true, MaxBytes: -1, MaxDepth: -1}.Parse(p.Source)
	if err != nil {
		return nil, false
	}
	l := layout{src: p.Source}
	if !l.document(p, orig) {
		return nil, false
	}
	out, ok = l.apply(Span{Len: len(p.Source)})
	if !ok {
		return nil, false
	}
	// The spliced text must read back as p does.
	q, err := Options{Lenient: true, MaxBytes: -1, MaxDepth: -1}.Parse(out)
	if err != nil {
		return nil, false
	}
	a, _ := marshalUnchecked(p)
	b, _ := marshalUnchecked(q)
	if !bytes.Equal(a, b) {
		return nil, false
	}
	return out, true
}

func (l *layout) replace(sp Span, text []byte) {
	l.edits = append(l.edits, edit{off: sp.Offset, end: sp.End(), text: text})
}

// indent returns the leading white space of the line holding offset off.
func (l *layout) indent(off int) string {
	start := bytes.LastIndexByte(l.src[:off], '\n') + 1
	end := start
	for end < off && (l.src[end] == ' ' || l.src[end] == '\t') {
		end++
	}
	return string(l.src[start:end])
}

// chunk writes one value with write, as canonical JSON whose new lines start with the
// indentation of the line at off.
func (l *layout) chunk(off int, write func(m *marshaler)) []byte {
	m := marshaler{prefix: l.indent(off)}
	write(&m)
	return m.b
}

func (l *layout) document(p, orig *Policy) bool {
	if p.Version != orig.Version {
		if p.Version == VersionAbsent || orig.Version == VersionAbsent {
			return false // Version added or removed: the document's shape changes
		}
		l.replace(orig.VersionSpan, appendJSONString(nil, p.Version.String()))
	}
	if !l.optString(p.ID, orig.ID) {
		return false
	}
	if p.single() != orig.single() {
		return false
	}
	if p.single() {
		l.statement(&p.Statements[0], &orig.Statements[0])
		return true
	}
	// Statements are matched by the spans they were parsed with; a statement without one, or
	// one whose text was removed, changes the array.
	same := len(p.Statements) == len(orig.Statements)
	for i := range p.Statements {
		if same && p.Statements[i].Span != orig.Statements[i].Span {
			same = false
		}
	}
	if same {
		for i := range p.Statements {
			l.statement(&p.Statements[i], &orig.Statements[i])
		}
		return true
	}
	return l.statementArray(p, orig)
}

// statementArray rewrites the Statement array when statements were added, removed or moved:
// statements that kept their span keep their text (with their own edits), new ones are written
// canonically, separated as the first two statements of the source were.
func (l *layout) statementArray(p, orig *Policy) bool {
	if len(orig.Statements) == 0 {
		return false
	}
	byOff := map[int]*Statement{}
	for i := range orig.Statements {
		byOff[orig.Statements[i].Span.Offset] = &orig.Statements[i]
	}
	first, last := orig.Statements[0].Span, orig.Statements[len(orig.Statements)-1].Span
	sep := []byte(",\n" + l.indent(first.Offset))
	if len(orig.Statements) > 1 {
		sep = l.src[first.End():orig.Statements[1].Span.Offset]
	}
	var text []byte
	prev := -1
	for i := range p.Statements {
		s := &p.Statements[i]
		if i > 0 {
			text = append(text, sep...)
		}
		o, ok := byOff[s.Span.Offset]
		if s.Span.Len == 0 || !ok || o.Span != s.Span || s.Span.Offset <= prev {
			text = append(text, l.chunk(first.Offset, func(m *marshaler) { m.statement(s) })...)
			continue
		}
		prev = s.Span.Offset
		// The kept statement's own edits, spliced into its text.
		sub := layout{src: l.src}
		sub.statement(s, o)
		kept, ok := sub.apply(s.Span)
		if !ok {
			return false
		}
		text = append(text, kept...)
	}
	l.replace(Span{Offset: first.Offset, Len: last.End() - first.Offset}, text)
	return true
}

// apply returns the text of span sp of the source with l's edits (all inside sp) made; ok is
// false when two edits overlap (never made, but never trusted either).
func (l *layout) apply(sp Span) (out []byte, ok bool) {
	slices.SortFunc(l.edits, func(a, b edit) int { return a.off - b.off })
	out = make([]byte, 0, sp.Len+64)
	at := sp.Offset
	for _, e := range l.edits {
		if e.off < at {
			return nil, false
		}
		out = append(out, l.src[at:e.off]...)
		out = append(out, e.text...)
		at = e.end
	}
	return append(out, l.src[at:sp.End()]...), true
}

// optString splices a changed Version or Id value; false when one was added or removed.
func (l *layout) optString(s, o *String) bool {
	switch {
	case s == nil && o == nil:
		return true
	case s == nil || o == nil:
		return false
	}
	if s.Value != o.Value {
		l.replace(o.Span, appendJSONString(nil, s.Value))
	}
	return true
}

// statement splices the changes of s into the text of orig: values changed in place become
// one-line edits; elements added, removed or reshaped rewrite their value or, failing that, the
// statement.
func (l *layout) statement(s, orig *Statement) {
	whole := func() {
		l.replace(orig.Span, l.chunk(orig.Span.Offset, func(m *marshaler) { m.statement(s) }))
	}
	mark := len(l.edits)
	ok := l.optString(s.Sid, orig.Sid)
	if ok && s.Effect != orig.Effect {
		if s.Effect != Allow && s.Effect != Deny {
			ok = false
		} else {
			l.replace(orig.EffectSpan, appendJSONString(nil, s.Effect.String()))
		}
	}
	ok = ok && l.principal(s.Principal, orig.Principal) && l.principal(s.NotPrincipal, orig.NotPrincipal)
	for _, pair := range [...][2]*Strings{{s.Action, orig.Action}, {s.NotAction, orig.NotAction}, {s.Resource, orig.Resource}, {s.NotResource, orig.NotResource}} {
		ok = ok && l.strings(pair[0], pair[1])
	}
	ok = ok && l.conditions(s, orig)
	if !ok {
		l.edits = l.edits[:mark]
		whole()
	}
}

// strings splices a changed string list: value by value when the shape is the same, the whole
// value otherwise; false when the element was added or removed.
func (l *layout) strings(ss, o *Strings) bool {
	switch {
	case ss == nil && o == nil:
		return true
	case ss == nil || o == nil:
		return false
	}
	arr := func(x *Strings) bool { return x.Array || len(x.Values) != 1 }
	if arr(ss) != arr(o) || len(ss.Values) != len(o.Values) {
		l.replace(o.Span, l.chunk(o.Span.Offset, func(m *marshaler) { m.stringsValue(ss) }))
		return true
	}
	for j := range ss.Values {
		if ss.Values[j].Value != o.Values[j].Value {
			l.replace(o.Values[j].Span, appendJSONString(nil, ss.Values[j].Value))
		}
	}
	return true
}

func (l *layout) principal(p, o *Principal) bool {
	switch {
	case p == nil && o == nil:
		return true
	case p == nil || o == nil:
		return false
	}
	if samePrincipal(p, o) {
		return true
	}
	if !p.Wildcard && !o.Wildcard && (p.AWS == nil) == (o.AWS == nil) && (p.Service == nil) == (o.Service == nil) &&
		(p.Federated == nil) == (o.Federated == nil) && (p.CanonicalUser == nil) == (o.CanonicalUser == nil) {
		return l.strings(p.AWS, o.AWS) && l.strings(p.Service, o.Service) && l.strings(p.Federated, o.Federated) && l.strings(p.CanonicalUser, o.CanonicalUser)
	}
	l.replace(o.Span, l.chunk(o.Span.Offset, func(m *marshaler) { m.principalValue(p) }))
	return true
}

func samePrincipal(p, o *Principal) bool {
	var a, b marshaler
	a.principalValue(p)
	b.principalValue(o)
	return bytes.Equal(a.b, b.b)
}

// conditions splices changed condition values when the operators, keys and shapes are the same,
// and rewrites the Condition object otherwise; false when it was added or removed.
func (l *layout) conditions(s, o *Statement) bool {
	has := func(x *Statement) bool { return x.HasCondition || len(x.Conditions) > 0 }
	switch {
	case !has(s) && !has(o):
		return true
	case !has(s) || !has(o):
		return false
	}
	same := len(s.Conditions) == len(o.Conditions)
	for k := 0; same && k < len(s.Conditions); k++ {
		c, d := &s.Conditions[k], &o.Conditions[k]
		arr := func(x *Condition) bool { return x.Array || len(x.Values) != 1 }
		same = c.Op == d.Op && c.Key.Value == d.Key.Value && len(c.Values) == len(d.Values) && arr(c) == arr(d)
	}
	if !same {
		l.replace(o.ConditionSpan, l.chunk(o.ConditionSpan.Offset, func(m *marshaler) { m.conditions(s.Conditions) }))
		return true
	}
	for k := range s.Conditions {
		for j, v := range s.Conditions[k].Values {
			if w := o.Conditions[k].Values[j]; v.Kind != w.Kind || v.Text != w.Text {
				var m marshaler
				m.literal(v)
				l.replace(w.Span, m.b)
			}
		}
	}
	return true
}

// MarshalStatement writes one statement as indented JSON in Marshal's canonical form, after
// validating it as the only statement of a policy with Version 2012-10-17 (paths read
// "Statement.Action"). A tool that edits one statement can splice the text at the statement's
// Span in Policy.Source.
func MarshalStatement(s *Statement) ([]byte, error) {
	if s == nil {
		return nil, errors.New("policy: MarshalStatement of a nil statement")
	}
	p := &Policy{Version: Version2012, Statements: []Statement{*s}, SingleStatement: true}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var m marshaler
	m.statement(s)
	return m.b, m.err
}

// MarshalConditions writes conditions as the value of a Condition element (an object of
// operators, regrouped as Marshal does), after validating them as the conditions of a
// statement of a policy with Version 2012-10-17.
func MarshalConditions(conds ...Condition) ([]byte, error) {
	s := NewStatement(Allow, "*").WithConditions(conds...)
	p := &Policy{Version: Version2012, Statements: []Statement{s}, SingleStatement: true}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var m marshaler
	m.conditions(s.Conditions)
	return m.b, m.err
}
