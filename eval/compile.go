package eval

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/iamgo/iam/internal/sat"
	"github.com/iamgo/iam/internal/slab"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// PolicySet holds the policies in force for the requests an Evaluator decides, grouped as in the
// scenario format (../shared/SCENARIOS.md).
type PolicySet struct {
	Identity []*policy.Policy   // the user's own and its groups' policies, or the role's
	Resource *policy.Policy     // the resource's policy (bucket, key, trust, secret policy...); nil = none
	Boundary []*policy.Policy   // the principal's permissions boundary (normally one)
	Session  []*policy.Policy   // session policies passed when the session was created
	SCP      [][]*policy.Policy // service control policies, one list per organization level, root first
	RCP      [][]*policy.Policy // resource control policies, same shape, for the resource's account
}

// Options configures compilation.
type Options struct {
	// Now, when set, supplies aws:CurrentTime and aws:EpochTime for requests that carry neither.
	// The clock is never read otherwise.
	Now func() time.Time
	// Limits caps request sizes and the work of one decision (zero fields: DefaultLimits).
	Limits Limits
}

// Kind is the policy package's kind: one vocabulary for validating a policy (policy.Kind) and
// for naming the group a matched statement came from (Match.Kind).
type Kind = policy.Kind

// The kinds an Evaluator's groups have (trust policies are compiled as KindResource).
const (
	KindIdentity = policy.KindIdentity
	KindResource = policy.KindResource
	KindBoundary = policy.KindBoundary
	KindSession  = policy.KindSession
	KindSCP      = policy.KindSCP
	KindRCP      = policy.KindRCP
)

// Evaluator decides requests against a compiled PolicySet. It is immutable and safe for
// concurrent use.
type Evaluator struct {
	// Each kind is a list of compiled parts (Compile makes one per kind; Assemble takes any
	// number, shared with other evaluators). SCP and RCP hold one list per organization level.
	identity []*group
	resource []*group
	boundary []*group
	session  []*group
	scp      [][]*group
	rcp      [][]*group
	hasRes   bool // a resource policy is in force
	hasBnd   bool // a permissions boundary is in force
	hasSess  bool // session policies are in force
	now      func() time.Time
	// readsTime: a statement reads aws:CurrentTime or aws:EpochTime (group.readsTime), so
	// deriveContext derives them; the other decisions skip the time keys' lookups.
	readsTime bool
	limits    Limits // resolved: no zero field
	// slots backs the lists above while they fit (see assemble): an evaluator with a part or
	// two of each kind costs one allocation.
	slots [4]*group
}

// group is the flattened statements of one or more policies of one kind.
type group struct {
	kind     Kind
	level    int
	policies []*policy.Policy
	stmts    []stmt
	index    actionIndex
	// actBits[i] is the actionBit filter of statement i: the OR of its plain actions' bits, or
	// every bit when it has patterns, NotAction or an action set. A small group skips a
	// statement whose filter lacks the request's bit without looking at the statement.
	actBits []uint64
	// readsTime: a statement's condition or resource variable reads a time key (derivKeys).
	readsTime bool
}

// stmt is one compiled statement. The flags come first and the indexes are 32-bit, with no
// padding between fields: BenchmarkCompile/compile-W1 216 -> 168 bytes a statement, its five
// statements 1,152 -> 896 bytes.
type stmt struct {
	deny      bool
	allow     bool // false for statements that can never allow (EffectInvalid, NotPrincipal+Allow)
	notAction bool
	// exactOK: every plain action (of exactActs or the action set) is a well-formed request
	// action, so a request action equal to one of them without case needs no action check.
	exactOK bool
	// resOK: the statement has Resource entries, each with a literal prefix holding a
	// well-formed ARN head (partition, service, region, account, a first byte of resource), so
	// a resource it matches needs only the control-byte check (provesHead), and only past the
	// first resHead bytes (the shortest of those prefixes, all clean).
	resOK     bool
	notRes    bool
	anyRes    bool // no Resource/NotResource element (trust policies): the statement covers the resource
	notPrinc  bool
	needPrinc bool // resource policies and RCPs: a statement without Principal/NotPrincipal never matches
	needCtx   bool // conditions or policy variables read a key the evaluator can derive
	resHead   int32
	actions   []*arn.Pattern
	exactActs []string   // the plain (wildcard-free) actions, lower-cased; the others are in actions
	actSet    *actionSet // for statements with many action patterns
	resources []resPattern
	principal *principalSet
	cond      condition.Block
	derivKeys []string // the keys of needCtx, as AWS spells them (derivedCanon): prepare is skipped when the request carries them all
	work      int      // the work units a check charges before matching resources (Limits.MaxWork)
	resQuad   int      // the resource patterns' backtracking factors (arn.Pattern.Work), summed
	actQuad   int      // likewise for the action patterns
	// resLookups is the work of looking up the policy variables of the resource entries, per
	// context key, in quarters of a unit (a unit per key, one more per 32 bytes of key name).
	resLookups int
	// for explanations
	policyIndex int32
	stmtIndex   int32
}

// resPattern is one Resource/NotResource entry.
type resPattern struct {
	p    *arn.Pattern
	vars []condition.Variable
	// short is set for ARNs with fewer than six parts and no trailing '*' (R3.9 DOC-GAP): they
	// match their own text and leave every other resource uncertain.
	short bool
	// doubt is set for entries AWS does not define at all (a wildcard in an IAM type word):
	// they are uncertain for every resource, so an Allow never relies on them and a Deny applies.
	doubt bool
	// head: neither short nor doubt, and the literal prefix proves a well-formed ARN head
	// (provesHead), as stmt.resOK needs of every entry.
	head bool
}

// Compile compiles set with the zero Options.
func Compile(set PolicySet) (*Evaluator, error) { return Options{}.Compile(set) }

// Compile compiles every policy of set. It fails when a policy cannot be evaluated faithfully
// (an invalid condition value, a malformed variable, an unsupported wildcard form): it never
// drops a statement silently.
func (o Options) Compile(set PolicySet) (*Evaluator, error) {
	// One allocation holds the evaluator and its first part, and the lists of group pointers
	// come from Evaluator.slots (assembler). BenchmarkCompile/compile-W1: 16 -> 13 allocs (the
	// part's Part, []*Part and []*group allocations).
	w := new(struct {
		e     Evaluator
		first Part
	})
	e := &w.e
	e.now, e.limits = o.Now, o.Limits.resolved()
	a := assembler{e: e, clock: o.Now != nil}
	next := &w.first
	// one compiles the policies ps of one place into a part and adds it to gs (nil ps: none).
	one := func(gs []*group, place string, kind Kind, level int, ps []*policy.Policy) ([]*group, error) {
		if len(ps) == 0 {
			return gs, nil
		}
		p := next
		if p == nil {
			p = new(Part)
		}
		next = nil
		if err := o.compileInto(p, kind, level, ps); err != nil {
			return nil, err
		}
		lv := -1 // the level, for a place that has levels (placeName)
		if kind == KindSCP || kind == KindRCP {
			lv = level
		}
		return a.add(gs, place, lv, kind, 0, 1, p), nil
	}
	var err error
	if e.identity, err = one(nil, "identity", KindIdentity, 0, set.Identity); err != nil {
		return nil, err
	}
	if set.Resource != nil {
		if e.resource, err = one(nil, "resource", KindResource, 0, []*policy.Policy{set.Resource}); err != nil {
			return nil, err
		}
	}
	if e.boundary, err = one(nil, "boundary", KindBoundary, 0, set.Boundary); err != nil {
		return nil, err
	}
	if e.session, err = one(nil, "session", KindSession, 0, set.Session); err != nil {
		return nil, err
	}
	if len(set.SCP) > 0 {
		e.scp = make([][]*group, len(set.SCP))
		for i, level := range set.SCP {
			if e.scp[i], err = one(nil, "SCP", KindSCP, i, level); err != nil {
				return nil, err
			}
		}
	}
	if len(set.RCP) > 0 {
		e.rcp = make([][]*group, len(set.RCP))
		for i, level := range set.RCP {
			if e.rcp[i], err = one(nil, "RCP", KindRCP, i, level); err != nil {
				return nil, err
			}
		}
	}
	return a.done()
}

// CompileError says which policy and statement could not be compiled.
type CompileError struct {
	Code        policy.ErrorCode // what is wrong, in the policy package's vocabulary (policy.CodeAction, ...)
	Kind        Kind
	Level       int
	PolicyIndex int
	PolicyName  string
	Path        string // JSON path inside the policy
	Position    policy.Position
	Err         error
}

// Error implements error.
func (e *CompileError) Error() string {
	name := e.PolicyName
	if name == "" {
		name = fmt.Sprintf("%s policy %d", e.Kind, e.PolicyIndex)
	}
	var msg any = e.Err
	if l, ok := e.Err.(policy.ErrorList); ok && len(l) > 0 {
		// A finding of policy validation: its own text repeats the file, position and path.
		msg = l[0].Msg
		if len(l) > 1 {
			msg = fmt.Sprintf("%s (and %d more)", l[0].Msg, len(l)-1)
		}
	}
	if e.Position.Line == 0 {
		return fmt.Sprintf("eval: %s: %s: %v", name, e.Path, msg)
	}
	return fmt.Sprintf("eval: %s:%d:%d: %s: %v", name, e.Position.Line, e.Position.Col, e.Path, msg)
}

// Unwrap returns the underlying error.
func (e *CompileError) Unwrap() error { return e.Err }

// validate checks a policy as policy.Options{Lenient: true}.Validate does: every grammar rule
// of Parse, with the findings Lenient turns into warnings (condition values their operator
// cannot read, wildcards in an action's service prefix) accepted, since they are evaluated
// fail-closed (C5.0, A2.4). So Compile accepts exactly the trees a lenient Parse can produce,
// however they were made; kind rules are not applied (see policy.Options.Kind).
func validate(p *policy.Policy) error { return policy.Options{Lenient: true}.Validate(p) }

// compileGroup compiles the policies of one kind (and organization level). What it compiles
// does not depend on Options.Now (the time keys are derivable either way, derivable).
func compileGroup(g *group, kind Kind, level int, ps []*policy.Policy) error {
	g.kind, g.level, g.policies = kind, level, ps
	n := 0
	for _, p := range ps {
		if p != nil {
			n += len(p.Statements)
		}
	}
	// The statements are compiled in place. BenchmarkCompile/compile-W1: two copies of each
	// 216-byte stmt less (compileStmt returned one, append copied it).
	g.stmts = make([]stmt, n)
	var sl slabs
	sl.init(ps)
	k := 0
	for pi, p := range ps {
		if p == nil {
			return &CompileError{Code: policy.CodeMissing, Kind: kind, Level: level, PolicyIndex: pi, Err: fmt.Errorf("nil policy")}
		}
		if err := validate(p); err != nil {
			ce := &CompileError{Kind: kind, Level: level, PolicyIndex: pi, PolicyName: p.Name, Err: err}
			var e *policy.Error
			if errors.As(err, &e) {
				ce.Code, ce.Path, ce.Position = e.Code, e.Path, policy.Position{Line: e.Line, Col: e.Col}
			}
			return ce
		}
		for si := range p.Statements {
			s := &p.Statements[si]
			cs := &g.stmts[k]
			k++
			if err := compileStmt(cs, kind, p, s, &sl); err != nil {
				if ce, ok := err.(*CompileError); ok {
					ce.Level, ce.PolicyIndex = level, pi
				}
				return err
			}
			cs.policyIndex, cs.stmtIndex = int32(pi), int32(si)
			for _, dk := range cs.derivKeys {
				if dk == "aws:CurrentTime" || dk == "aws:EpochTime" { // as derivedCanon spells them
					g.readsTime = true
				}
			}
		}
	}
	g.index = buildIndex(g.stmts)
	g.actBits = sl.bits
	if len(g.actBits) != len(g.stmts) {
		g.actBits = make([]uint64, len(g.stmts))
	}
	for i := range g.stmts {
		g.actBits[i] = g.stmts[i].actionFilter()
	}
	return nil
}

// stmtActions returns the Action or NotAction element of s, the one compileStmt compiles.
func stmtActions(s *policy.Statement) *policy.Strings {
	if s.NotAction != nil {
		return s.NotAction
	}
	return s.Action
}

// stmtResources returns the Resource or NotResource element of s, the one compileStmt compiles.
// elemPath is the JSON path of value i of an Action/NotAction or Resource/NotResource element,
// relative to its statement: ".Action[2]", or ".Action" for the bare-string form.
func elemPath(not bool, name string, list *policy.Strings, i int) string {
	if not {
		name = "Not" + name
	}
	if !list.Array {
		return "." + name
	}
	return "." + name + "[" + strconv.Itoa(i) + "]"
}

func stmtResources(s *policy.Statement) *policy.Strings {
	if s.NotResource != nil {
		return s.NotResource
	}
	return s.Resource
}

// compileStmt compiles s into the zero stmt cs.
func compileStmt(cs *stmt, kind Kind, p *policy.Policy, s *policy.Statement, sl *slabs) error {
	// The statement's JSON path is built only for an error.
	fail := func(code policy.ErrorCode, elem string, off int, err error) error {
		return &CompileError{Code: code, Kind: kind, PolicyName: p.Name, Path: s.Path(p) + elem, Position: p.Position(off), Err: err}
	}
	cs.deny, cs.allow = s.Effect == policy.Deny, s.Effect == policy.Allow
	if err := cs.compileActions(s, sl, fail); err != nil {
		return err
	}
	if err := cs.compileResources(p, s, sl, fail); err != nil {
		return err
	}
	// Principals.
	cs.needPrinc = kind == KindResource || kind == KindRCP
	if s.Principal != nil {
		cs.principal = compilePrincipal(s.Principal)
	} else if s.NotPrincipal != nil {
		cs.principal, cs.notPrinc = compilePrincipal(s.NotPrincipal), true
		cs.allow = false // NotPrincipal with Allow is unsupported (G1.9): it never grants
	}
	cs.compileConditions(p, s, sl)
	cs.needCtx = len(cs.derivKeys) > 0
	cs.work = 1 + len(cs.resources)
	for _, rp := range cs.resources {
		cs.resQuad = sat.Add(cs.resQuad, rp.p.Work())
	}
	for _, p := range cs.actions {
		cs.actQuad = sat.Add(cs.actQuad, p.Work())
	}
	return nil
}

// compileFail builds a statement's compile error (compileStmt's fail).
type compileFail func(code policy.ErrorCode, elem string, off int, err error) error

// compileActions compiles the statement's Action or NotAction into cs.
func (cs *stmt) compileActions(s *policy.Statement, sl *slabs, fail compileFail) error {
	acts := stmtActions(s)
	cs.notAction = s.NotAction != nil
	if acts == nil {
		return fail(policy.CodeMissing, "", s.Span.Offset, fmt.Errorf("statement has neither Action nor NotAction"))
	}
	if cs.notAction && len(acts.Values) == 0 {
		return fail(policy.CodeEmptyArray, ".NotAction", acts.Span.Offset, fmt.Errorf("an empty NotAction would match every action (G1.16)"))
	}
	// Plain actions are compared as lower-cased text (A2.1), in an action set for statements with
	// many actions (ReadOnlyAccess has thousands); the others are compiled to patterns.
	exact, pats := len(sl.exact), len(sl.acts)
	exactOK := true
	for ai, a := range acts.Values {
		if plain, valid := plainAction(a.Value); plain {
			sl.exact = append(sl.exact, sl.lower(a.Value))
			exactOK = exactOK && valid
			continue
		}
		pat, err := sl.pats.CompileAction(a.Value)
		if svc, name, ok := strings.Cut(a.Value, ":"); err != nil && ok && svc != "" && strings.IndexByte(name, ':') < 0 {
			// A wildcard in the service prefix, which only a lenient parse lets through (A2.4):
			// the prefix is compared literally, so the pattern can never widen a match.
			pat, err = sl.pats.Compile(arn.RuleAction, arn.Segment{Kind: arn.Literal, Text: svc + ":"}, arn.Segment{Kind: arn.Wild, Text: name})
		}
		if err != nil {
			return fail(policy.CodeAction, elemPath(s.NotAction != nil, "Action", acts, ai), a.Span.Offset, err)
		}
		sl.acts = append(sl.acts, pat)
	}
	if n := len(sl.exact); n > exact {
		cs.exactActs = sl.exact[exact:n:n]
	}
	if n := len(sl.acts); n > pats {
		cs.actions = sl.acts[pats:n:n]
	}
	if len(acts.Values) >= actionSetThreshold {
		cs.actSet = newActionSet(cs.actions, cs.exactActs)
	}
	cs.exactOK = exactOK
	if cs.actSet != nil {
		for _, p := range cs.actions {
			// An exact pattern is an action plainAction refused (non-ASCII, a second colon):
			// never a well-formed request action.
			cs.exactOK = cs.exactOK && !p.IsExact()
		}
	}
	return nil
}

// compileResources compiles the statement's Resource or NotResource into cs (anyRes when it has
// neither).
func (cs *stmt) compileResources(p *policy.Policy, s *policy.Statement, sl *slabs, fail compileFail) error {
	res := stmtResources(s)
	cs.notRes = s.NotResource != nil
	if res == nil {
		cs.anyRes = true
	} else {
		if cs.notRes && len(res.Values) == 0 {
			return fail(policy.CodeEmptyArray, ".NotResource", res.Span.Offset, fmt.Errorf("an empty NotResource would match every resource (G1.16)"))
		}
		start := len(sl.res)
		for ri, r := range res.Values {
			rp, err := sl.resource(r.Value, p.Version.Variables())
			if err != nil {
				return fail(policy.CodeResource, elemPath(cs.notRes, "Resource", res, ri), r.Span.Offset, err)
			}
			sl.res = append(sl.res, rp)
		}
		cs.resources = slab.Carve(sl.res, start)
		cs.resOK = !cs.notRes && len(cs.resources) > 0
		for i, rp := range cs.resources {
			pre := rp.p.LiteralPrefix()
			cs.resOK = cs.resOK && rp.head && len(pre) <= math.MaxInt32 // resHead is 32-bit
			if i == 0 || len(pre) < int(cs.resHead) {
				cs.resHead = int32(len(pre))
			}
		}
	}
	return nil
}

// compileConditions compiles the statement's Condition block into cs, with the keys the
// evaluator can derive that it or the resources' policy variables read (derivKeys).
func (cs *stmt) compileConditions(p *policy.Policy, s *policy.Statement, sl *slabs) {
	start := len(sl.conds)
	for ci := range s.Conditions {
		c := &s.Conditions[ci]
		var buf [4]string
		vals := buf[:0]
		for _, v := range c.Values {
			vals = append(vals, v.Text)
		}
		cc, err := condition.Compile(c.Op, c.Key.Value, vals, p.Version.Variables())
		if err != nil {
			// Only a leniently parsed policy gets here (policy.Options.Lenient): the condition
			// fails closed (C5.0).
			cc = condition.Invalid(c.Op, c.Key.Value, err)
		}
		sl.conds = append(sl.conds, cc)
	}
	conds := slab.Carve(sl.conds, start)
	cs.cond = condition.NewBlock(conds...)
	// The derivable keys are carved from the string slab. BenchmarkCompile/compile-W1: one
	// allocation less (13 -> 12) for its aws:username condition.
	start = len(sl.exact)
	for _, c := range conds {
		for _, k := range c.Keys() {
			sl.addDerivable(start, k)
		}
	}
	for _, rp := range cs.resources {
		for _, v := range rp.vars {
			sl.addDerivable(start, v.Key)
			cs.resLookups += 1 + len(v.Key)>>5
		}
	}
	if n := len(sl.exact); n > start {
		cs.derivKeys = sl.exact[start:n:n]
	}
}

// plainAction reports whether a is an ASCII service:Name with no wildcard: it matches exactly
// itself, compared without case (A2.1); and whether it is also a well-formed request action
// (validAction), found in the same loop.
func plainAction(a string) (plain, valid bool) {
	c := strings.IndexByte(a, ':')
	if c <= 0 || c == len(a)-1 || strings.IndexByte(a[c+1:], ':') >= 0 {
		return false, false
	}
	var svc, acc uint8
	for i := 0; i < c; i++ {
		svc |= plainClass[a[i]]
	}
	for i := c + 1; i < len(a); i++ {
		acc |= plainClass[a[i]]
	}
	acc |= svc
	return acc&pcNotPlain == 0, acc&pcNotName == 0 && svc&pcUnderscore == 0
}

// plainClass classifies bytes for plainAction: not in a plain action (non-ASCII, a wildcard),
// not in a request action's name (validAction), and '_' (not in its service).
var plainClass = func() (t [256]uint8) {
	for b := 0; b < 256; b++ {
		if b >= 0x80 || b == '*' || b == '?' {
			t[b] |= pcNotPlain
		}
		if classes[b]&clsActName == 0 {
			t[b] |= pcNotName
		}
		if b == '_' {
			t[b] |= pcUnderscore
		}
	}
	return t
}()

const (
	pcNotPlain = 1 << iota
	pcNotName
	pcUnderscore
)

// compileResource compiles one Resource/NotResource entry. Policy variables are expanded only in
// the resource part, after the fifth colon (R3.7).
func compileResource(b *arn.Batch, text string, variables bool) (resPattern, error) {
	if !variables || !strings.Contains(text, "${") {
		p, err := b.CompileResource(text)
		rp := resPattern{p: p}
		f, n := arn.Split(text)
		if err == nil && f[0] == "arn" && n < 6 && !strings.HasSuffix(text, "*") {
			rp.short = true
		}
		// f[2] == "iam": a cheap filter before WildcardInIAMResourceType's own split.
		if err == nil && f[2] == "iam" && arn.WildcardInIAMResourceType(text) {
			// R3.3: IAM rejects wildcards in the type word of IAM ARNs; how AWS would match one
			// is undocumented, so the entry is uncertain whether or not its text matches (C5.0).
			rp.doubt = true
		}
		rp.head = err == nil && !rp.short && !rp.doubt && headProven(text, f, n, p.LiteralPrefix())
		return rp, err
	}
	head, tail := text, ""
	if f, n := arn.Split(text); n == 6 {
		// The resource part is the sixth field, a suffix of text; head keeps its colon.
		tail = f[5]
		head = text[:len(text)-len(tail)]
	}
	if strings.Contains(head, "${") {
		return resPattern{}, fmt.Errorf("resource %q: policy variables are allowed only in the resource part of an ARN, after the fifth colon (R3.7)", text)
	}
	segs, vars, err := condition.LexVariables(tail, true)
	if err != nil {
		return resPattern{}, fmt.Errorf("resource %q: %v", text, err)
	}
	segs = append([]arn.Segment{{Kind: arn.Wild, Text: head}}, segs...)
	p, err := b.Compile(arn.RuleResource, segs...)
	rp := resPattern{p: p, vars: vars}
	rp.head = err == nil && provesHead(p.LiteralPrefix())
	return rp, err
}
