package policy

import (
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/internal/slab"
)

// The walker's readers of the policy's elements, top down: the document, its statements, and
// each statement's Principal, Action, Resource and Condition elements.

var topNames = []string{"Version", "Id", "Statement"}

const (
	topVersion = iota
	topID
	topStatement
)

func (w *walker) document() *Policy {
	root := w.node(0)
	if !isObject(root) {
		w.add(CodeNotObject, lpath{stmt: -1, idx: -1}, root.off, "expected a JSON object at the top level, got %s", typeName(root))
		return nil
	}
	p := &Policy{Name: w.opts.Name, Span: span(root), Source: w.src}
	var m [3]member
	w.fields(root, lpath{stmt: -1, idx: -1}, topNames, m[:])
	if v := &m[topVersion]; v.ok {
		if s, ok := w.str(w.node(v.val), top("Version")); ok {
			switch s.Value {
			case "2012-10-17":
				p.Version, p.VersionSpan = Version2012, s.Span
			case "2008-10-17":
				p.Version, p.VersionSpan = Version2008, s.Span
			default:
				w.add(CodeVersion, top("Version"), w.offset(v.val), "expected \"2012-10-17\" or \"2008-10-17\", got %q (G1.2)", s.Value)
			}
		}
	}
	w.version = p.Version
	if v := &m[topID]; v.ok {
		if s, ok := w.str(w.node(v.val), top("Id")); ok {
			p.ID = &s
		}
	}
	stm := m[topStatement]
	if !stm.ok {
		w.add(CodeMissing, lpath{stmt: -1, idx: -1}, root.off, "missing required element \"Statement\" (G1.1)")
		return p
	}
	st := w.node(stm.val)
	switch {
	case isObject(st):
		p.SingleStatement = true
		w.single = true
		p.Statements = make([]Statement, 1)
		w.statement(st, 0, &p.Statements[0])
	case isArray(st):
		// Counted first (the tape makes skipping values cheap): one allocation
		// instead of a growing slice of large structs.
		n := 0
		end := w.tape[st.at].next
		for at := st.at + 1; at < end; at = w.tape[at].next {
			n++
		}
		p.Statements = make([]Statement, 0, n)
		w.holders = make([]Strings, 0, 2*n+2) // an Action and a Resource each, usually
		i := 0
		for at := st.at + 1; at < end && !w.full(); at = w.tape[at].next {
			v := w.node(at)
			if !isObject(v) {
				w.add(CodeType, top("Statement").at(i), v.off, "expected a statement object, got %s", typeName(v))
			} else {
				p.Statements = append(p.Statements, Statement{})
				s := &p.Statements[len(p.Statements)-1]
				s.Index = i
				w.statement(v, i, s)
			}
			i++
		}
	default:
		w.add(CodeType, top("Statement"), st.off, "expected a statement object or an array of statement objects, got %s", typeName(st))
	}
	return p
}

// str reads a JSON string element.
func (w *walker) str(v node, l lpath) (String, bool) {
	if v.kind != kindString {
		w.add(CodeType, l, v.off, "expected a string, got %s", typeName(v))
		return String{}, false
	}
	if bad := surrogate(v); bad >= 0 {
		w.add(CodeInvalidUTF8, l, v.off+bad, "lone surrogate escape in string")
	}
	return String{Value: v.str(), Span: span(v)}, true
}

// strs reads a string-or-array-of-strings element (G1.15). not marks Not* elements, where an
// empty array is an error (G1.16).
func (w *walker) strs(v node, l lpath, not bool) *Strings {
	switch {
	case v.kind == kindString:
		s, _ := w.str(v, l)
		start := len(w.vals)
		w.vals = append(w.vals, s)
		out := w.newStrings()
		*out = Strings{Values: slab.Carve(w.vals, start), Span: span(v)}
		return out
	case isArray(v):
		out := w.newStrings()
		*out = Strings{Array: true, Span: span(v)}
		start := len(w.vals)
		i := 0
		for at, end := v.at+1, w.tape[v.at].next; at < end && !w.full(); at = w.tape[at].next {
			e := w.node(at)
			if e.kind != kindString {
				w.add(CodeType, l.at(i), e.off, "expected a string, got %s", typeName(e))
			} else {
				if bad := surrogate(e); bad >= 0 {
					w.add(CodeInvalidUTF8, l.at(i), e.off+bad, "lone surrogate escape in string")
				}
				w.vals = append(w.vals, String{Value: e.str(), Span: span(e)})
			}
			i++
		}
		if len(w.vals) > start {
			out.Values = slab.Carve(w.vals, start)
		} else {
			out.Values = []String{} // an empty array stays an array of nothing (Marshal writes [])
		}
		if i == 0 && not {
			w.add(CodeEmptyArray, l, v.off, "%s", emptyNotMsg(l))
		}
		return out
	}
	w.add(CodeType, l, v.off, "expected a string or an array of strings, got %s", typeName(v))
	return nil
}

var stmtNames = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

const (
	sSid = iota
	sEffect
	sPrincipal
	sNotPrincipal
	sAction
	sNotAction
	sResource
	sNotResource
	sCondition
)

func (w *walker) statement(obj node, idx int, s *Statement) {
	s.Span = span(obj)
	sl := lpath{stmt: idx, idx: -1}
	el := func(i int) lpath { return sl.child(stmtNames[i]) }
	var m [9]member
	w.fields(obj, sl, stmtNames, m[:])
	if v := &m[sSid]; v.ok {
		if str, ok := w.str(w.node(v.val), el(sSid)); ok {
			s.Sid = &str
		}
	}
	if v := &m[sEffect]; v.ok {
		if str, ok := w.str(w.node(v.val), el(sEffect)); ok {
			s.EffectSpan = str.Span
			switch str.Value {
			case "Allow":
				s.Effect = Allow
			case "Deny":
				s.Effect = Deny
			default:
				w.add(CodeEffect, el(sEffect), w.offset(v.val), "expected \"Allow\" or \"Deny\" (case-sensitive), got %q (G1.6)", str.Value)
			}
		}
	} else {
		w.add(CodeMissing, sl, obj.off, "missing required element \"Effect\" (G1.6)")
	}
	if v := &m[sPrincipal]; v.ok {
		s.Principal = w.principal(w.node(v.val), el(sPrincipal), false)
	}
	if v := &m[sNotPrincipal]; v.ok {
		s.NotPrincipal = w.principal(w.node(v.val), el(sNotPrincipal), true)
		if m[sPrincipal].ok {
			w.add(CodePrinConflict, el(sNotPrincipal), w.offset(v.key), "%s", msgPrinConflict)
		}
	}
	if v := &m[sAction]; v.ok {
		s.Action = w.actions(w.node(v.val), el(sAction), false)
	}
	if v := &m[sNotAction]; v.ok {
		s.NotAction = w.actions(w.node(v.val), el(sNotAction), true)
	}
	switch {
	case m[sAction].ok && m[sNotAction].ok:
		second := sNotAction
		if w.offset(m[sNotAction].key) < w.offset(m[sAction].key) {
			second = sAction
		}
		w.add(CodeActionConflict, el(second), w.offset(m[second].key), "%s", msgActionConflict)
	case !m[sAction].ok && !m[sNotAction].ok:
		w.add(CodeMissing, sl, obj.off, "%s", msgMissingAction)
	}
	if v := &m[sResource]; v.ok {
		s.Resource = w.resources(w.node(v.val), el(sResource), false)
	}
	if v := &m[sNotResource]; v.ok {
		s.NotResource = w.resources(w.node(v.val), el(sNotResource), true)
	}
	if m[sResource].ok && m[sNotResource].ok {
		second := sNotResource
		if w.offset(m[sNotResource].key) < w.offset(m[sResource].key) {
			second = sResource
		}
		w.add(CodeResConflict, el(second), w.offset(m[second].key), "%s", msgResConflict)
	}
	if v := &m[sCondition]; v.ok {
		s.HasCondition = true
		s.ConditionSpan = span(w.node(v.val))
		w.conditions(w.node(v.val), el(sCondition), s)
	}
}

var principalNames = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (w *walker) principal(v node, l lpath, not bool) *Principal {
	elem := l.names[0]
	if v.kind == kindString {
		if text := v.str(); text != "*" {
			w.soft(CodePrincipal, l, v.off, "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser, got %q (G1.9)", text)
			if !w.opts.Lenient {
				return nil
			}
			str := String{Value: text, Span: span(v)}
			return &Principal{AWS: &Strings{Values: []String{str}, Span: span(v)}, Span: span(v)}
		}
		return &Principal{Wildcard: true, Span: span(v)}
	}
	if !isObject(v) {
		w.add(CodeType, l, v.off, "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser, got %s (G1.9)", typeName(v))
		return nil
	}
	p := &Principal{Span: span(v)}
	var m [4]member
	w.fields(v, l, principalNames, m[:])
	n := 0
	for i, f := range m {
		if !f.ok {
			continue
		}
		n++
		fl := l.child(principalNames[i])
		ss := w.strs(w.node(f.val), fl, not)
		switch i {
		case 0:
			p.AWS = ss
		case 1:
			p.Service = ss
		case 2:
			p.Federated = ss
		case 3:
			p.CanonicalUser = ss
		}
		if ss == nil {
			continue
		}
		for j, s := range ss.Values {
			w.principalValue(i, s, elemAt(fl, ss, j))
		}
	}
	if n == 0 && !w.full() {
		w.add(CodeEmpty, l, v.off, msgEmptyPrincipal, elem)
	}
	return p
}

func (w *walker) principalValue(typ int, s String, l lpath) {
	if msg := principalProblem(typ, s.Value); msg != "" {
		w.add(CodePrincipal, l, s.Span.Offset, "%s", msg)
	}
}

func (w *walker) actions(v node, l lpath, not bool) *Strings {
	ss := w.strs(v, l, not)
	if ss == nil {
		return nil
	}
	for j, s := range ss.Values {
		switch msg, soft := actionProblem(s.Value); {
		case msg == "":
		case soft:
			w.soft(CodeAction, elemAt(l, ss, j), s.Span.Offset, "%s", msg)
		default:
			w.add(CodeAction, elemAt(l, ss, j), s.Span.Offset, "%s", msg)
		}
	}
	return ss
}

func (w *walker) resources(v node, l lpath, not bool) *Strings {
	ss := w.strs(v, l, not)
	if ss == nil {
		return nil
	}
	for j, s := range ss.Values {
		// Every resource problem is an error: short ARNs are accepted as they are (R3.9).
		if msg := resourceProblem(s.Value, w.version.Variables()); msg != "" {
			w.add(CodeResource, elemAt(l, ss, j), s.Span.Offset, "%s", msg)
		}
	}
	return ss
}

func (w *walker) conditions(v node, l lpath, s *Statement) {
	if !isObject(v) {
		w.add(CodeType, l, v.off, "expected an object of condition operators, got %s (G1.10)", typeName(v))
		return
	}
	var ops keySet
	vars := w.version.Variables()
	if w.conds == nil {
		w.conds, w.lits = make([]Condition, 0, 4), make([]Literal, 0, 4)
	}
	start := len(w.conds)
	for oat, oend := v.at+1, w.tape[v.at].next; oat < oend && !w.full(); oat = w.tape[oat+1].next {
		ok, ov := w.node(oat), w.node(oat+1)
		opName, ol, first := w.key(ok, l, &ops)
		if !first {
			continue
		}
		op, err := condition.ParseOp(opName)
		opOK := err == nil
		if !opOK {
			w.add(CodeOperator, ol, ok.off, "unknown condition operator %q: %v (G1.11)", opName, err)
		}
		if !isObject(ov) {
			w.add(CodeType, ol, ov.off, "expected an object of condition keys, got %s (G1.10)", typeName(ov))
			continue
		}
		var keys keySet
		opSpan := Span{Offset: ok.off, Len: len(ok.text)}
		for kat, kend := ov.at+1, w.tape[ov.at].next; kat < kend && !w.full(); kat = w.tape[kat+1].next {
			kk, kv := w.node(kat), w.node(kat+1)
			key, kl, first := w.key(kk, ol, &keys)
			if !first {
				continue
			}
			c := Condition{Op: op, OpSpan: opSpan, Key: String{Value: key, Span: Span{Offset: kk.off, Len: len(kk.text)}}, Span: span(kv), Array: isArray(kv)}
			var good bool
			c.Values, good = w.literals(kv, kl)
			if good && opOK {
				w.compile(&c, kl, vars)
			}
			w.conds = append(w.conds, c)
		}
	}
	if len(w.conds) > start {
		s.Conditions = slab.Carve(w.conds, start)
	}
}

// key reads the key k of a member of the object at path l: its text and its path, and whether
// it is the first of that name in the object (set holds the names seen). It reports a
// duplicate (G1.14) and a lone surrogate escape.
func (w *walker) key(k node, l lpath, set *keySet) (name string, kl lpath, first bool) {
	name = k.str()
	kl = l.child(name)
	if at, dup := set.add(name, k.off); dup {
		w.dup(kl, k.off, at, name)
		return name, kl, false
	}
	if bad := surrogate(k); bad >= 0 {
		w.add(CodeInvalidUTF8, kl, k.off+bad, "lone surrogate escape in key")
	}
	return name, kl, true
}

// literals reads the values of a condition key: one value, or an array of them (an empty array
// gives no values, never nil). good is false when one of them is not a string, number or
// boolean.
func (w *walker) literals(v node, l lpath) (vals []Literal, good bool) {
	start := len(w.lits)
	good = true
	if isArray(v) {
		i := 0
		for at, end := v.at+1, w.tape[v.at].next; at < end; at = w.tape[at].next {
			if lit, ok := w.literal(w.node(at), l.at(i)); ok {
				w.lits = append(w.lits, lit)
			} else {
				good = false
			}
			i++
		}
		if len(w.lits) == start {
			return []Literal{}, good
		}
	} else if lit, ok := w.literal(v, l); ok {
		w.lits = append(w.lits, lit)
	} else {
		return nil, false
	}
	return slab.Carve(w.lits, start), good
}

// literal reads one condition value: a string, number or boolean (G1.10).
func (w *walker) literal(v node, l lpath) (Literal, bool) {
	switch v.kind {
	case kindString:
		if bad := surrogate(v); bad >= 0 {
			w.add(CodeInvalidUTF8, l, v.off+bad, "lone surrogate escape in string")
		}
		return Literal{Kind: LiteralString, Text: v.str(), Span: span(v)}, true
	case kindNumber:
		return Literal{Kind: LiteralNumber, Text: v.text, Span: span(v)}, true
	case kindTrue, kindFalse:
		return Literal{Kind: LiteralBool, Text: v.text, Span: span(v)}, true
	}
	w.add(CodeType, l, v.off, "expected a string, number or boolean condition value, got %s (G1.10)", typeName(v))
	return Literal{}, false
}

// compile validates the values of c against its operator with condition.Check.
func (w *walker) compile(c *Condition, kl lpath, vars bool) {
	msg, vi := conditionProblem(c, vars)
	if msg == "" {
		return
	}
	l, off := kl, c.Key.Span.Offset
	if vi >= 0 {
		off = c.Values[vi].Span.Offset
		if c.Array {
			l = kl.at(vi)
		}
	}
	w.soft(CodeConditionValue, l, off, "%s", msg)
}
