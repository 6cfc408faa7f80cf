package policy

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/internal/ascii"
)

// Validate runs on p, however it was made (parsed, built with the constructors, edited), every
// grammar rule [Parse] runs, and nothing else: see [Options.Validate]. It returns nil or an
// [ErrorList].
func (p *Policy) Validate() error { return Options{}.Validate(p) }

// Validate runs on p every rule o.Parse would run on its text, with the same codes and JSON
// paths: the Version, an Effect of exactly Allow or Deny, exactly one of Action and NotAction,
// not both Resource and NotResource nor Principal and NotPrincipal, malformed actions and
// resources (the rules of [ValidAction] and of Parse), principal values (P4.10), principals
// with no type, known condition operators (G1.11) with values their operator can read
// (condition.Check, L11.2), no key twice under one operator (G1.14), and no empty NotAction,
// NotResource or NotPrincipal array (G1.16); with o.Kind set, the findings of [Policy.Check]
// for that kind; with o.Lenient, the same findings as warnings as Parse. o.MaxBytes and
// o.MaxDepth do not apply to a tree.
//
// A built tree can also be wrong in ways a document cannot, and Validate reports those too:
// invalid UTF-8 in a string (CodeInvalidUTF8), a condition value marked as a number or boolean
// whose text is not one (CodeType), a wildcard Principal that also lists principal types
// (CodePrincipal), and a Version outside VersionAbsent, Version2008 and Version2012
// (CodeVersion).
//
// So for every tree t, Parse(Marshal(t)) fails exactly when t.Validate() does, with the same
// codes and paths (TestValidateAgreesWithParse). Paths follow the form Marshal writes; findings
// about elements without a span (built in code) have no line:column. The result is nil, or an
// ErrorList holding every finding (warnings included) when at least one is an error, like the
// error of Parse.
func (o Options) Validate(p *Policy) error {
	if o.Lenient && p != nil {
		// What Lenient turns into warnings cannot fail the tree: skip it unless something else
		// does (eval.Compile validates this way, so a valid tree costs only the hard rules).
		if !o.findings(p, true).HasErrors() {
			return nil
		}
	}
	if l := o.validate(p); l.HasErrors() {
		return l
	}
	return nil
}

// validate returns every finding of Validate, sorted (ErrorList.finish).
func (o Options) validate(p *Policy) ErrorList {
	if p == nil {
		return ErrorList{{Code: CodeMissing, Offset: -1, Msg: "no policy (nil)"}}.finish(nil, o.Name)
	}
	v := o.findings(p, false)
	if len(v) == 0 {
		return nil
	}
	name := o.Name
	if name == "" {
		name = p.Name
	}
	return v.finish(p.Source, name)
}

// findings walks p and returns the findings unsorted; hardOnly skips the rules Lenient makes
// warnings when o.Lenient is set.
func (o Options) findings(p *Policy, hardOnly bool) ErrorList {
	v := validator{p: p, o: o, single: p.single(), vars: p.Version.Variables(), hardOnly: hardOnly && o.Lenient}
	v.document()
	if o.Kind != KindAny {
		v.errs = append(v.errs, p.check(o.Kind)...)
	}
	return v.errs
}

// validator walks a tree with the rule functions the walker uses (actionProblem,
// resourceProblem, principalProblem, conditionProblem, emptyNotMsg), building paths only for
// findings.
type validator struct {
	p      *Policy
	o      Options
	single bool
	vars   bool
	errs   ErrorList
	// hardOnly skips the checks whose findings are warnings under Options.Lenient.
	hardOnly bool
	stmt     int // the statement being validated
}

func (v *validator) add(sev Severity, code ErrorCode, l lpath, sp Span, format string, args ...any) {
	if len(v.errs) >= collectLimit {
		return
	}
	v.errs = append(v.errs, &Error{Code: code, Severity: sev, Path: l.String(v.single), Offset: at(sp), Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) err(code ErrorCode, l lpath, sp Span, format string, args ...any) {
	v.add(SeverityError, code, l, sp, format, args...)
}

// soft is walker.soft: a warning under Options.Lenient, an error otherwise.
func (v *validator) soft(code ErrorCode, l lpath, sp Span, format string, args ...any) {
	sev := SeverityError
	if v.o.Lenient {
		sev = SeverityWarning
	}
	v.add(sev, code, l, sp, format, args...)
}

// text checks that a string of the tree is valid UTF-8 (a parsed string always is).
func (v *validator) text(s string, l lpath, sp Span) {
	if !utf8.ValidString(s) {
		v.err(CodeInvalidUTF8, l, sp, "invalid UTF-8 in %q", s)
	}
}

func (v *validator) document() {
	p := v.p
	switch p.Version {
	case VersionAbsent, Version2008, Version2012:
	default:
		v.err(CodeVersion, top("Version"), p.VersionSpan, "Version(%d) is not a policy version: expected Version2012, Version2008 or VersionAbsent (G1.2)", p.Version)
	}
	if p.ID != nil {
		v.text(p.ID.Value, top("Id"), p.ID.Span)
	}
	for i := range p.Statements {
		v.statement(i, &p.Statements[i])
	}
}

// where names an element of the statement being validated without building its JSON path,
// which only a finding needs: element k of stmtNames and, inside a principal, type sub of
// principalNames (-1: none). BenchmarkValidateW1: the paths built for every element took ~40%
// of a valid policy's validation (and 5% of BenchmarkCompile/compile-W1).
type where struct{ k, sub int }

// path returns the JSON path of w in statement v.stmt.
func (v *validator) path(w where) lpath {
	l := lpath{stmt: v.stmt, idx: -1}.child(stmtNames[w.k])
	if w.sub >= 0 {
		l = l.child(principalNames[w.sub])
	}
	return l
}

func (v *validator) statement(i int, s *Statement) {
	v.stmt = i
	el := func(k int) lpath { return v.path(where{k, -1}) }
	if s.Sid != nil && !utf8.ValidString(s.Sid.Value) {
		v.text(s.Sid.Value, el(sSid), s.Sid.Span)
	}
	if s.Effect != Allow && s.Effect != Deny {
		v.err(CodeEffect, el(sEffect), s.EffectSpan, "expected Effect Allow or Deny, got %v (G1.6)", s.Effect)
	}
	if s.Principal != nil {
		v.principal(s.Principal, sPrincipal, false)
	}
	if s.NotPrincipal != nil {
		v.principal(s.NotPrincipal, sNotPrincipal, true)
		if s.Principal != nil {
			v.err(CodePrinConflict, el(sNotPrincipal), s.NotPrincipal.Span, "%s", msgPrinConflict)
		}
	}
	if s.Action != nil {
		v.actions(s.Action, sAction, false)
	}
	if s.NotAction != nil {
		v.actions(s.NotAction, sNotAction, true)
	}
	switch {
	case s.Action != nil && s.NotAction != nil:
		v.err(CodeActionConflict, el(sNotAction), s.NotAction.Span, "%s", msgActionConflict)
	case s.Action == nil && s.NotAction == nil:
		v.err(CodeMissing, lpath{stmt: i, idx: -1}, s.Span, "%s", msgMissingAction)
	}
	if s.Resource != nil {
		v.resources(s.Resource, sResource, false)
	}
	if s.NotResource != nil {
		v.resources(s.NotResource, sNotResource, true)
		if s.Resource != nil {
			v.err(CodeResConflict, el(sNotResource), s.NotResource.Span, "%s", msgResConflict)
		}
	}
	if len(s.Conditions) > 0 {
		v.conditions(s)
	}
}

// strs checks the values of a Strings element at w: their UTF-8, and that a Not* element is not
// an empty array (G1.16).
func (v *validator) strs(ss *Strings, w where, not bool) {
	for j := range ss.Values {
		if s := &ss.Values[j]; !utf8.ValidString(s.Value) {
			v.text(s.Value, elemAt(v.path(w), ss, j), s.Span)
		}
	}
	if not && len(ss.Values) == 0 {
		l := v.path(w)
		v.err(CodeEmptyArray, l, ss.Span, "%s", emptyNotMsg(l))
	}
}

func (v *validator) actions(ss *Strings, k int, not bool) {
	if not && len(ss.Values) == 0 {
		l := v.path(where{k, -1})
		v.err(CodeEmptyArray, l, ss.Span, "%s", emptyNotMsg(l))
	}
	for j := range ss.Values {
		s := &ss.Values[j]
		if plainActionText(s.Value) {
			continue // the usual case, in one pass: ASCII and a valid action
		}
		if !utf8.ValidString(s.Value) {
			v.text(s.Value, elemAt(v.path(where{k, -1}), ss, j), s.Span)
		}
		if v.hardOnly && s.Value != "" && s.Value[0] != ':' && strings.Count(s.Value, ":") == 1 {
			continue // only the soft rule (A2.4) is left
		}
		switch msg, soft := actionProblem(s.Value); {
		case msg == "":
		case soft:
			v.soft(CodeAction, elemAt(v.path(where{k, -1}), ss, j), s.Span, "%s", msg)
		default:
			v.err(CodeAction, elemAt(v.path(where{k, -1}), ss, j), s.Span, "%s", msg)
		}
	}
}

func (v *validator) resources(ss *Strings, k int, not bool) {
	plain := true
	for j := range ss.Values {
		if !plainResourceText(ss.Values[j].Value, v.vars) {
			plain = false
			break
		}
	}
	if plain {
		// Every value is ASCII and passes resourceProblem: only an empty Not* array is left to
		// report. BenchmarkCompile/compile-W1: ~4% of Compile went to the two passes below.
		if not && len(ss.Values) == 0 {
			l := v.path(where{k, -1})
			v.err(CodeEmptyArray, l, ss.Span, "%s", emptyNotMsg(l))
		}
		return
	}
	v.strs(ss, where{k, -1}, not)
	for j := range ss.Values {
		s := &ss.Values[j]
		if msg := resourceProblem(s.Value, v.vars); msg != "" {
			v.err(CodeResource, elemAt(v.path(where{k, -1}), ss, j), s.Span, "%s", msg)
		}
	}
}

func (v *validator) principal(pr *Principal, k int, not bool) {
	types := [...]*Strings{pr.AWS, pr.Service, pr.Federated, pr.CanonicalUser}
	n := 0
	for _, ss := range types {
		if ss != nil {
			n++
		}
	}
	if pr.Wildcard {
		if n > 0 {
			v.err(CodePrincipal, v.path(where{k, -1}), pr.Span, "a wildcard principal (\"*\") lists no principal types; clear Wildcard or the types (G1.9)")
		}
		return
	}
	if n == 0 {
		l := v.path(where{k, -1})
		v.err(CodeEmpty, l, pr.Span, msgEmptyPrincipal, l.names[0])
		return
	}
	for typ, ss := range types {
		if ss == nil {
			continue
		}
		w := where{k, typ}
		v.strs(ss, w, not)
		for j, s := range ss.Values {
			if msg := principalProblem(typ, s.Value); msg != "" {
				v.err(CodePrincipal, elemAt(v.path(w), ss, j), s.Span, "%s", msg)
			}
		}
	}
}

// plainActionText reports, in one pass, whether a is ASCII and an action actionProblem accepts:
// "*", or one colon after a non-empty prefix without wildcards. It reads eight bytes at a time
// (plainActionTextSlow is its byte-by-byte twin, TestFastPlainActionTextMatchesSlow).
// BenchmarkValidateReadOnlyAccess: ~100 -> ~60 us; BenchmarkCompile/ReadOnlyAccess validates the
// same 1,600 actions.
func plainActionText(a string) bool {
	if a == "*" {
		return true
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// zero is non-zero exactly when a byte of x is zero.
	zero := func(x uint64) uint64 { return (x - ones) &^ x & highs }
	n, i := len(a), 0
	// The service prefix: no wildcard, no byte >= 0x80, up to the colon.
	for {
		if i+8 <= n {
			w := ascii.Word(a, i)
			if w&highs|zero(w^(':'*ones))|zero(w^('*'*ones))|zero(w^('?'*ones)) == 0 {
				i += 8
				continue
			}
		}
		if i >= n {
			return false // no colon
		}
		c := a[i]
		if c == ':' {
			break
		}
		if c >= 0x80 || c == '*' || c == '?' {
			return false
		}
		i++
	}
	if i == 0 {
		return false
	}
	// The rest: no second colon, no byte >= 0x80.
	for i++; i+8 <= n; i += 8 {
		if w := ascii.Word(a, i); w&highs|zero(w^(':'*ones)) != 0 {
			return false
		}
	}
	for ; i < n; i++ {
		if c := a[i]; c >= 0x80 || c == ':' {
			return false
		}
	}
	return true
}

// plainResourceText reports, in one pass, whether r is ASCII (so valid UTF-8) and passes
// resourceProblem with vars (TestFastPlainResourceTextMatchesSlow): "*", or an ARN whose first
// four colons come after a non-empty partition and around a service without wildcards, with no
// region for IAM, and no '$' when policy variables are read.
func plainResourceText(r string, vars bool) bool {
	if r == "*" {
		return true
	}
	if len(r) <= 4 || r[:4] != "arn:" {
		return false
	}
	var cut [4]int
	k, i := 0, 4
	for ; i < len(r) && k < 4; i++ {
		switch c := r[i]; {
		case c >= 0x80 || vars && c == '$':
			return false
		case c == ':':
			cut[k] = i
			k++
		}
	}
	if k < 4 {
		return false
	}
	svc, region := r[cut[0]+1:cut[1]], r[cut[1]+1:cut[2]]
	if cut[0] == 4 || svc == "" || strings.IndexByte(svc, '*') >= 0 || strings.IndexByte(svc, '?') >= 0 ||
		svc == "iam" && region != "" && region != "*" {
		return false
	}
	// The rest, eight bytes at a time: no byte >= 0x80, and no '$' when variables are read.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(r); i += 8 {
		w := ascii.Word(r, i)
		bad := w & highs
		if vars {
			x := w ^ ('$' * ones)
			bad |= (x - ones) &^ x & highs
		}
		if bad != 0 {
			return false
		}
	}
	for ; i < len(r); i++ {
		if c := r[i]; c >= 0x80 || vars && c == '$' {
			return false
		}
	}
	return true
}

// plainActionTextSlow is plainActionText byte by byte.
func plainActionTextSlow(a string) bool {
	if a == "*" {
		return true
	}
	colon := -1
	for i := 0; i < len(a); i++ {
		switch c := a[i]; {
		case c >= 0x80:
			return false
		case c == ':':
			if colon >= 0 {
				return false
			}
			colon = i
		case (c == '*' || c == '?') && colon < 0:
			return false
		}
	}
	return colon > 0
}

// validOp reports whether op is an operator ParseOp reads (its canonical spelling reads back as
// itself): the zero Op, NullIfExists and qualified Null or BinaryEquals are not.
func validOp(op condition.Op) bool {
	if int(op.Qualifier) >= len(validOps()[0]) {
		return false
	}
	ie := 0
	if op.IfExists {
		ie = 1
	}
	return validOps()[op.Operator][op.Qualifier][ie]
}

// validOps tabulates validOp's rule (the ParseOp round trip) for every operator, qualifier and
// IfExists, once.
var validOps = sync.OnceValue(func() *[256][3][2]bool {
	var t [256][3][2]bool
	for o := range 256 {
		for q := range 3 {
			for ie := range 2 {
				op := condition.Op{Operator: condition.Operator(o), Qualifier: condition.Qualifier(q), IfExists: ie == 1}
				back, err := condition.ParseOp(op.String())
				t[o][q][ie] = err == nil && back == op
			}
		}
	}
	return &t
})

// condSeen tells, for the conditions of one statement in order, whether an earlier one has the
// same operator and whether one has the same operator and key: by scanning a short list, with
// maps for a long one (a 1 MiB document holds some 80,000 conditions, and a scan of the earlier
// ones for each took 18 s).
type condSeen struct {
	cs   []Condition
	ops  map[condition.Op]struct{}
	keys map[opKey]struct{}
}

type opKey struct {
	op  condition.Op
	key string
}

// condScanMax is the number of conditions up to which condSeen scans.
const condScanMax = 16

// next reports on condition ci; it must be called for every ci in order.
func (cs *condSeen) next(ci int) (opSeen, keySeen bool) {
	c := &cs.cs[ci]
	if len(cs.cs) <= condScanMax {
		for k := 0; k < ci; k++ {
			if cs.cs[k].Op == c.Op {
				opSeen = true
				if cs.cs[k].Key.Value == c.Key.Value {
					return true, true
				}
			}
		}
		return opSeen, false
	}
	if cs.ops == nil {
		cs.ops = make(map[condition.Op]struct{})
		cs.keys = make(map[opKey]struct{}, len(cs.cs))
	}
	k := opKey{c.Op, c.Key.Value}
	_, opSeen = cs.ops[c.Op]
	_, keySeen = cs.keys[k]
	cs.ops[c.Op] = struct{}{}
	cs.keys[k] = struct{}{}
	return opSeen, keySeen
}

func (v *validator) conditions(s *Statement) {
	cs := s.Conditions
	seen := condSeen{cs: cs}
	// The paths of an operator and of its key, built only for a finding.
	opPath := func(c *Condition) lpath { return v.path(where{sCondition, -1}).child(c.Op.String()) }
	keyPath := func(c *Condition) lpath { return opPath(c).child(c.Key.Value) }
	for ci := range cs {
		c := &cs[ci]
		// An operator is one key of the Condition object: report it once.
		opSeen, dup := seen.next(ci)
		opOK := validOp(c.Op)
		if !opSeen && !opOK {
			v.err(CodeOperator, opPath(c), c.OpSpan, "unknown condition operator %q (G1.11)", c.Op.String())
		}
		if dup {
			v.err(CodeDuplicateKey, keyPath(c), c.Key.Span, "duplicate key %q under %s: ambiguous input is rejected (G1.14)", c.Key.Value, c.Op)
			continue
		}
		if !utf8.ValidString(c.Key.Value) {
			v.text(c.Key.Value, keyPath(c), c.Key.Span)
		}
		good := true
		arr := c.Array || len(c.Values) != 1
		valPath := func(j int) lpath {
			if arr {
				return keyPath(c).at(j)
			}
			return keyPath(c)
		}
		for j, lit := range c.Values {
			switch lit.Kind {
			case LiteralString:
				if !utf8.ValidString(lit.Text) {
					v.err(CodeInvalidUTF8, valPath(j), lit.Span, "invalid UTF-8 in %q", lit.Text)
					good = false
				}
			case LiteralNumber:
				if !validNumber(lit.Text) {
					v.err(CodeType, valPath(j), lit.Span, "condition value %q is marked as a number but is not a JSON number (G1.10)", lit.Text)
					good = false
				}
			case LiteralBool:
				if lit.Text != "true" && lit.Text != "false" {
					v.err(CodeType, valPath(j), lit.Span, "condition value %q is marked as a boolean but is neither true nor false (G1.10)", lit.Text)
					good = false
				}
			default:
				v.err(CodeType, valPath(j), lit.Span, "condition value %q has an unknown LiteralKind(%d) (G1.10)", lit.Text, lit.Kind)
				good = false
			}
		}
		if !good || !opOK || v.hardOnly {
			continue
		}
		if msg, vi := conditionProblem(c, v.vars); msg != "" {
			ll, sp := keyPath(c), c.Key.Span
			if vi >= 0 {
				sp = c.Values[vi].Span
				ll = valPath(vi)
			}
			v.soft(CodeConditionValue, ll, sp, "%s", msg)
		}
	}
}
