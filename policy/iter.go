package policy

import "iter"

// All returns an iterator over the statements of p with their places in p.Statements, in
// order. A nil policy has none. The statements are yielded as pointers into p.Statements: an
// edit made through one is an edit of p.
func (p *Policy) All() iter.Seq2[int, *Statement] {
	return func(yield func(int, *Statement) bool) {
		if p == nil {
			return
		}
		for i := range p.Statements {
			if !yield(i, &p.Statements[i]) {
				return
			}
		}
	}
}

// All returns an iterator over the values of ss with their indexes, in order. A nil Strings (an
// absent element) has none.
func (ss *Strings) All() iter.Seq2[int, String] {
	return func(yield func(int, String) bool) {
		if ss == nil {
			return
		}
		for i, v := range ss.Values {
			if !yield(i, v) {
				return
			}
		}
	}
}

// All returns an iterator over the principals of p as (type, value) pairs: the AWS values, then
// Service, Federated and CanonicalUser (the order Marshal writes). The bare "*" principal
// yields (PrincipalAWS, "*"), which it is equivalent to (P4.9). A nil Principal has none.
func (p *Principal) All() iter.Seq2[PrincipalType, String] {
	return func(yield func(PrincipalType, String) bool) {
		if p == nil {
			return
		}
		if p.Wildcard {
			yield(PrincipalAWS, String{Value: "*", Span: p.Span})
			return
		}
		for typ, ss := range [...]*Strings{p.AWS, p.Service, p.Federated, p.CanonicalUser} {
			for _, v := range ss.All() {
				if !yield(PrincipalType(typ), v) {
					return
				}
			}
		}
	}
}

// Node is an element of a policy tree as [Inspect] visits it: *Policy, *Statement, *Principal,
// *Strings, *String, *Condition or *Literal. Location returns its span in Policy.Source (zero
// for a built element); [Policy.Position] turns the offset into a line and column.
type Node interface {
	Location() Span
}

// Location returns the span of the whole document.
func (p *Policy) Location() Span { return p.Span }

// Location returns the span of the statement object.
func (s *Statement) Location() Span { return s.Span }

// Location returns the span of the Principal or NotPrincipal value.
func (p *Principal) Location() Span { return p.Span }

// Location returns the span of the string or array.
func (ss *Strings) Location() Span { return ss.Span }

// Location returns the span of the JSON string, quotes included.
func (s *String) Location() Span { return s.Span }

// Location returns the span of the condition's value (or array of values); the operator and
// key have their own spans (OpSpan, Key.Span).
func (c *Condition) Location() Span { return c.Span }

// Location returns the span of the value.
func (l *Literal) Location() Span { return l.Span }

// Inspect walks p in document order (the order Marshal writes), in the manner of go/ast.Inspect:
// it calls f with each element and its JSON path, the path findings use ("Statement[2].Action[0]",
// "Statement.Condition.StringLike.s3:prefix"); when f returns false, the children of that
// element are skipped. The policy itself has the path "". Version and Id are *String nodes when
// written. The Version node is made for the visit from Policy.Version and Policy.VersionSpan, so
// changing it does not change p (set Policy.Version instead). A statement's children are its Sid,
// Principal, NotPrincipal (then each principal type as a *Strings), Action, NotAction, Resource,
// NotResource and conditions, whose children are their values (*Literal). A bare string's value
// has the path of its element. Effect, an enumeration, is not a node: read Statement.Effect and
// Statement.EffectSpan.
func Inspect(p *Policy, f func(path string, n Node) bool) {
	if p == nil || !f("", p) {
		return
	}
	if p.Version != VersionAbsent {
		f("Version", &String{Value: p.Version.String(), Span: p.VersionSpan})
	}
	if p.ID != nil {
		f("Id", p.ID)
	}
	single := p.single()
	for i := range p.Statements {
		s := &p.Statements[i]
		sl := lpath{stmt: i, idx: -1}
		if !f(sl.String(single), s) {
			continue
		}
		el := func(k int) lpath { return sl.child(stmtNames[k]) }
		if s.Sid != nil {
			f(el(sSid).String(single), s.Sid)
		}
		for k, pr := range [...]*Principal{sPrincipal: s.Principal, sNotPrincipal: s.NotPrincipal} {
			if pr == nil || !f(el(k).String(single), pr) {
				continue
			}
			for typ, ss := range [...]*Strings{pr.AWS, pr.Service, pr.Federated, pr.CanonicalUser} {
				if ss != nil {
					inspectStrings(ss, el(k).child(principalNames[typ]), single, f)
				}
			}
		}
		for k, ss := range [...]*Strings{sAction: s.Action, sNotAction: s.NotAction, sResource: s.Resource, sNotResource: s.NotResource} {
			if ss != nil {
				inspectStrings(ss, el(k), single, f)
			}
		}
		for ci := range s.Conditions {
			c := &s.Conditions[ci]
			kl := el(sCondition).child(c.Op.String()).child(c.Key.Value)
			if !f(kl.String(single), c) {
				continue
			}
			arr := c.Array || len(c.Values) != 1
			for j := range c.Values {
				l := kl
				if arr {
					l = kl.at(j)
				}
				f(l.String(single), &c.Values[j])
			}
		}
	}
}

func inspectStrings(ss *Strings, l lpath, single bool, f func(string, Node) bool) {
	if !f(l.String(single), ss) {
		return
	}
	for j := range ss.Values {
		f(elemAt(l, ss, j).String(single), &ss.Values[j])
	}
}
