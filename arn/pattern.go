package arn

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iamgo/iam/internal/ascii"
	"github.com/iamgo/iam/internal/sat"
)

// PatternError says why a pattern could not be compiled; every error of Compile and its
// shorthands is one (reach it with errors.As).
type PatternError struct {
	Pattern string // the pattern's source text (holes written ${0}, ${1}, ...), as far as it was built
	Reason  string // what was expected
}

// Error implements error.
func (e *PatternError) Error() string {
	return fmt.Sprintf("arn: pattern %q: %s", e.Pattern, e.Reason)
}

// Rule selects one of the documented wildcard-matching rules.
type Rule uint8

const (
	// RuleAction matches action names (Action and NotAction): ASCII case-insensitive; the service
	// prefix before the colon is compared literally; in the action name '*' is any run of
	// characters and '?' exactly one code point. SEMANTICS A2.1, A2.3, A2.4.
	RuleAction Rule = iota + 1
	// RuleResource matches the Resource and NotResource elements (SEMANTICS R3.3 as corrected
	// 2026-12, R3.4): case-sensitive; '*' and '?' may appear anywhere. The pattern's segments are
	// its parts separated by colons, everywhere, the resource part included. A '*' that is the
	// last character of its segment (followed by ':' or the end of the pattern) may run across
	// colons; every other '*', and every '?', never matches ':'. So "arn:aws:ec2:*" covers every
	// EC2 ARN and "arn:aws:s3:::b/*" matches "arn:aws:s3:::b/a:b/c", while
	// "arn:aws:s3:::b/*/x" does not match "arn:aws:s3:::b/a:b/x". Runs of '*' count as one. A
	// '*' followed by a policy variable is not segment-final.
	//
	// An older reading let every wildcard after the fifth colon match anything. Match and
	// MatchHoles answer the corrected reading; MatchResource also reports a match under the
	// older reading only (uncertain, C5.0).
	RuleResource
	// RuleARN matches ArnEquals and ArnLike values: the six colon-separated parts are matched
	// separately, each with its own wildcards, so no wildcard ever crosses a colon inside the
	// first five parts. SEMANTICS C5.11.
	RuleARN
	// RuleString matches StringLike values: case-sensitive, '*' and '?' over the whole value.
	// SEMANTICS C5.5.
	RuleString
	// RuleStringFold is RuleString with ASCII case folding (StringEqualsIgnoreCase, with literal
	// segments only). Non-ASCII characters compare exactly. SEMANTICS C5.5.
	RuleStringFold
)

// String returns the rule's name.
func (r Rule) String() string {
	switch r {
	case RuleAction:
		return "action"
	case RuleResource:
		return "resource"
	case RuleARN:
		return "arn"
	case RuleString:
		return "string"
	case RuleStringFold:
		return "string-fold"
	}
	return "Rule(" + strconv.Itoa(int(r)) + ")"
}

// SegmentKind says how a Segment's text takes part in a pattern.
type SegmentKind uint8

const (
	// Wild text: '*' and '?' are wildcards; every other character is literal.
	Wild SegmentKind = iota + 1
	// Literal text: every character, '*' and '?' included, is literal (the escapes ${*} ${?}
	// ${$}, or the values of operators without wildcards).
	Literal
	// Hole is a value supplied at match time (a policy variable), always matched literally.
	Hole
)

// Segment is one piece of a pattern's source.
type Segment struct {
	Kind SegmentKind
	Text string // for Wild and Literal
	Hole int    // for Hole: the index into the holes given to MatchHoles
}

// Pattern is a compiled wildcard pattern. It is immutable and safe for concurrent use.
type Pattern struct {
	src     string
	prefix  string
	service string      // RuleAction: lower-cased service prefix, compared case-insensitively
	whole   component   // the pattern when it is matched as one piece
	comps   []component // RuleARN: the six parts
	tokBuf  [3]tok      // backing store for the tokens of short patterns (one allocation less)
	nholes  int32
	rule    Rule
	exact   bool
	all     bool
	split   bool // RuleARN: matched part by part (comps)
	doubt   bool // RuleResource: a wildcard bounded now was free under R3.3's older reading
	fast    fastKind
}

// maxHoleIndex bounds Segment.Hole: a pattern takes at most this many holes plus one (policy
// values hold a handful of variables).
const maxHoleIndex = 1 << 16

// fastKind marks case-sensitive whole-text patterns that Match answers with one comparison.
type fastKind uint8

const (
	fastNone   fastKind = iota
	fastExact           // no wildcard: s == whole.a
	fastPrefix          // literal text then one trailing '*': strings.HasPrefix(s, whole.a)
)

// Compile compiles the pattern made of segs under rule r.
func Compile(r Rule, segs ...Segment) (*Pattern, error) {
	p := new(Pattern)
	if err := p.compile(r, segs, nil); err != nil {
		return nil, err
	}
	return p, nil
}

// Batch compiles many patterns into storage allocated for several at once: a compiler that
// builds hundreds of patterns pays one allocation per block instead of one per pattern. The zero
// value is ready to use; a Batch must not be copied once used, nor used concurrently. The
// patterns it returns are ordinary patterns, immutable and independent of the Batch.
type Batch struct {
	store []Pattern
	// text is a block the lower-cased texts of the patterns are cut from (lowerIn): a batch of
	// AWS actions lower-cases hundreds of "service:Name*" (BenchmarkCompile/ReadOnlyAccess:
	// 800 -> 441 allocs).
	text []byte
}

// Reserve makes room for n more patterns in one allocation (when there is not room already).
func (b *Batch) Reserve(n int) {
	if cap(b.store)-len(b.store) < n {
		b.store = make([]Pattern, 0, n)
	}
}

// Compile is [Compile], with the pattern stored in b.
func (b *Batch) Compile(r Rule, segs ...Segment) (*Pattern, error) {
	if len(b.store) == cap(b.store) {
		// A new block, never a grown one: the patterns handed out stay where they are.
		b.store = make([]Pattern, 0, min(max(2*cap(b.store), 4), 256))
	}
	n := len(b.store)
	p := &b.store[:n+1][n]
	if err := p.compile(r, segs, &b.text); err != nil {
		*p = Pattern{}
		return nil, err
	}
	b.store = b.store[:n+1]
	return p, nil
}

// CompileAction is [CompileAction], with the pattern stored in b.
func (b *Batch) CompileAction(s string) (*Pattern, error) {
	if err := checkAction(s); err != nil {
		return nil, err
	}
	return b.Compile(RuleAction, Segment{Kind: Wild, Text: s})
}

// CompileResource is [CompileResource], with the pattern stored in b.
func (b *Batch) CompileResource(s string) (*Pattern, error) {
	return b.Compile(RuleResource, Segment{Kind: Wild, Text: s})
}

// compile fills the zero pattern p; text, when not nil, is the block lower-cased texts are cut
// from (lowerIn).
func (p *Pattern) compile(r Rule, segs []Segment, text *[]byte) error {
	if r < RuleAction || r > RuleStringFold {
		return &PatternError{Pattern: p.src, Reason: fmt.Sprintf("unknown rule %d", r)}
	}
	p.rule = r
	toks := p.tokBuf[:0]
	var src strings.Builder
	maxHole := -1
	if len(segs) == 1 && segs[0].Kind == Wild {
		// The common case (no policy variables): the source is the text itself, no copy.
		p.src = segs[0].Text
		toks = appendWild(toks, segs[0].Text)
		segs = nil
	}
	for _, s := range segs {
		switch s.Kind {
		case Wild:
			src.WriteString(s.Text)
			toks = appendWild(toks, s.Text)
		case Literal:
			src.WriteString(s.Text)
			toks = appendLit(toks, s.Text)
		case Hole:
			if s.Hole < 0 {
				return &PatternError{Pattern: src.String(), Reason: "negative hole index"}
			}
			if s.Hole > maxHoleIndex {
				return &PatternError{Pattern: src.String(), Reason: fmt.Sprintf("hole index %d above %d", s.Hole, maxHoleIndex)}
			}
			if r == RuleAction {
				return &PatternError{Pattern: src.String(), Reason: "action patterns cannot contain policy variables"}
			}
			src.WriteString("${" + strconv.Itoa(s.Hole) + "}")
			toks = append(toks, tok{kind: tHole, hole: int32(s.Hole)})
			maxHole = max(maxHole, s.Hole)
		default:
			return &PatternError{Pattern: src.String(), Reason: fmt.Sprintf("unknown segment kind %d", s.Kind)}
		}
	}
	if p.src == "" {
		p.src = src.String()
	}
	p.nholes = int32(maxHole + 1)
	p.exact = true
	for _, t := range toks {
		if t.kind != tLit {
			p.exact = false
		}
	}
	p.all = len(toks) == 1 && toks[0].kind == tStar
	for _, t := range toks {
		if t.kind != tLit {
			break
		}
		p.prefix += t.text
	}
	var err error
	switch r {
	case RuleAction:
		err = p.compileAction(toks, text)
	case RuleString:
		p.whole, err = newComponent(toks, false, 0)
	case RuleStringFold:
		p.whole, err = newComponent(lowerToks(toks, text), true, 0)
	case RuleARN:
		err = p.compileSplit(toks)
	case RuleResource:
		err = p.compileResource(toks)
	}
	if err != nil {
		return err
	}
	if r != RuleAction && !p.split && p.nholes == 0 && !p.whole.fold {
		switch p.whole.shape {
		case shapeExact:
			p.fast = fastExact
		case shapePrefix:
			p.fast = fastPrefix
		}
	}
	return nil
}

func (p *Pattern) compileAction(toks []tok, text *[]byte) error {
	toks = lowerToks(toks, text)
	// The literal prefix, lower-cased as the tokens are (ASCII, A2.1): the first token, since
	// adjacent literals are merged.
	p.prefix = ""
	if len(toks) > 0 && toks[0].kind == tLit {
		p.prefix = toks[0].text
	}
	if p.all {
		p.whole, _ = newComponent(toks, true, 0)
		return nil
	}
	// The usual "service:Name*": a literal service in the first token, split without allocating.
	if len(toks) > 0 && toks[0].kind == tLit {
		if i := strings.IndexByte(toks[0].text, ':'); i >= 0 {
			p.service = toks[0].text[:i]
			name := toks
			if rest := toks[0].text[i+1:]; rest == "" {
				name = toks[1:]
			} else {
				toks[0].text = rest
			}
			var err error
			p.whole, err = newComponent(name, true, 0)
			return err
		}
	}
	parts := splitToks(toks, 2)
	if len(parts) != 2 {
		return &PatternError{Pattern: p.src, Reason: `expected "*" or service:action`}
	}
	// The service prefix is compared literally, wildcards included (A2.4): it can never widen a
	// grant.
	var svc strings.Builder
	for _, t := range parts[0] {
		switch t.kind {
		case tLit:
			svc.WriteString(t.text)
		case tStar:
			svc.WriteByte('*')
		case tOne:
			svc.WriteByte('?')
		}
	}
	p.service = svc.String()
	var err error
	p.whole, err = newComponent(parts[1], true, 0)
	return err
}

// compileSplit prepares part-by-part matching: up to six parts, the last one taking the rest.
func (p *Pattern) compileSplit(toks []tok) error {
	parts := splitToks(toks, 6)
	p.split = true
	p.comps = make([]component, len(parts))
	for i, part := range parts {
		c, err := newComponent(part, false, 0)
		if err != nil {
			return err
		}
		p.comps[i] = c
	}
	return nil
}

func (p *Pattern) compileResource(toks []tok) error {
	// Mark the bounded wildcards (R3.3): under the corrected reading every '?' and every '*' not
	// followed by ':' or the end of the pattern, anywhere; under the old one only those before
	// the pattern's fifth colon. A '*' followed by a hole is not segment-final (the source has
	// "${" there). Fields are counted by the literal colons of the pattern.
	field := 0
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tLit:
			field += strings.Count(t.text, ":")
			continue
		case tHole:
			continue
		case tStar:
			if i == len(toks)-1 || toks[i+1].kind == tLit && toks[i+1].text[0] == ':' {
				continue // segment-final: free under both readings
			}
		}
		t.flags = bStrict
		if field < 5 {
			t.flags |= bOld
		} else {
			p.doubt = true // bounded now, free under the old reading
		}
	}
	var err error
	p.whole, err = newComponent(toks, false, bStrict)
	return err
}

// CompileAction compiles an Action/NotAction pattern (RuleAction): "*", or service:name with
// exactly one colon, a non-empty service prefix without wildcards (A2.4; wildcards are allowed
// in the name only), as policy.ValidAction has it. Compile(RuleAction, ...) takes any text and
// compares the service prefix literally, wildcards included, so that a pattern IAM would reject
// can still be evaluated without ever widening a match.
func CompileAction(s string) (*Pattern, error) {
	if err := checkAction(s); err != nil {
		return nil, err
	}
	return Compile(RuleAction, Segment{Kind: Wild, Text: s})
}

// checkAction is CompileAction's rule for action patterns (G1.7, A2.4).
func checkAction(s string) error {
	if s == "*" {
		return nil
	}
	svc, name, ok := strings.Cut(s, ":")
	switch {
	case !ok || strings.IndexByte(name, ':') >= 0:
		return &PatternError{Pattern: s, Reason: `expected "*" or service:action with exactly one colon (G1.7)`}
	case svc == "":
		return &PatternError{Pattern: s, Reason: "empty service prefix (G1.7)"}
	case indexWild(svc) >= 0:
		return &PatternError{Pattern: s, Reason: "wildcard in the service prefix; only the action name may contain wildcards (A2.4)"}
	}
	return nil
}

// CompileResource compiles a Resource/NotResource pattern without policy variables (RuleResource).
func CompileResource(s string) (*Pattern, error) {
	return Compile(RuleResource, Segment{Kind: Wild, Text: s})
}

// CompileARN compiles an ArnLike/ArnEquals value without policy variables (RuleARN).
func CompileARN(s string) (*Pattern, error) { return Compile(RuleARN, Segment{Kind: Wild, Text: s}) }

// CompileString compiles a StringLike value without policy variables (RuleString).
func CompileString(s string) (*Pattern, error) {
	return Compile(RuleString, Segment{Kind: Wild, Text: s})
}

// Match reports whether s matches the pattern. A pattern with holes never matches through Match.
// It does not allocate.
func (p *Pattern) Match(s string) bool {
	switch p.fast {
	case fastExact:
		return s == p.whole.a
	case fastPrefix:
		return len(s) >= len(p.whole.a) && s[:len(p.whole.a)] == p.whole.a
	}
	if p.nholes > 0 {
		return false
	}
	return p.MatchHoles(s, nil)
}

// MatchAction reports whether the action service:name matches an action pattern (RuleAction),
// exactly as Match(service+":"+name) would, for callers that split the action once and match
// it against many patterns. It returns false for patterns of other rules. It does not allocate.
func (p *Pattern) MatchAction(service, name string) bool {
	if p.rule != RuleAction {
		return false
	}
	if p.all {
		return true
	}
	return ascii.EqualFold(service, p.service) && p.whole.match(name, nil)
}

// MatchHoles reports whether s matches the pattern when Hole i stands for the literal text
// holes[i]. It returns false when holes has fewer entries than NumHoles. It does not allocate.
func (p *Pattern) MatchHoles(s string, holes []string) bool {
	if len(holes) < int(p.nholes) {
		return false
	}
	switch {
	case p.rule == RuleAction:
		if p.all {
			return true
		}
		i := strings.IndexByte(s, ':')
		if i < 0 || !ascii.EqualFold(s[:i], p.service) {
			return false
		}
		return p.whole.match(s[i+1:], holes)
	case p.split:
		rest := s
		for i := range p.comps {
			var part string
			if i == len(p.comps)-1 {
				part = rest // the last part takes the rest, colons included
			} else {
				j := strings.IndexByte(rest, ':')
				if j < 0 {
					return false
				}
				part, rest = rest[:j], rest[j+1:]
			}
			if !p.comps[i].match(part, holes) {
				return false
			}
		}
		return true
	}
	return p.whole.match(s, holes)
}

// MatchResource matches s under RuleResource's two readings of R3.3 (see [RuleResource]), with
// Hole i standing for holes[i] as in MatchHoles: match reports a match under the corrected reading
// (what MatchHoles reports); doubt reports that s does not match under it but does under the
// older reading, in which every wildcard after the pattern's fifth colon matches anything. Such
// an entry is uncertain (SEMANTICS R3.3, C5.0): a Deny applies, an Allow does not. For patterns
// of other rules it returns (p.MatchHoles(s, holes), false). It does not allocate.
func (p *Pattern) MatchResource(s string, holes []string) (match, doubt bool) {
	switch p.fast {
	case fastExact:
		return s == p.whole.a, false
	case fastPrefix:
		return len(s) >= len(p.whole.a) && s[:len(p.whole.a)] == p.whole.a, false
	}
	if p.MatchHoles(s, holes) {
		return true, false
	}
	if !p.doubt || len(holes) < int(p.nholes) {
		return false, false
	}
	return false, p.whole.matchWith(s, holes, bOld)
}

// Work returns the pattern's backtracking factor: matching a text of n bytes may take, beyond
// a linear pass, about n·Work() steps (tokens tried again after a star). It is 0 for the
// patterns matched in one pass (no wildcard, a single trailing '*', '*literal*', ...), so that
// a caller bounding the work of a decision can charge n·Work() up front. It is at most 1<<30
// on every GOARCH (a caller's product with n must still saturate, internal/sat).
func (p *Pattern) Work() int {
	w := p.whole.work
	for i := range p.comps {
		w = sat.Add(w, p.comps[i].work)
	}
	if p.doubt {
		w = sat.Mul(w, 2) // MatchResource may match twice
	}
	return min(w, maxWork)
}

// NumHoles returns how many hole values MatchHoles needs (the highest hole index plus one).
func (p *Pattern) NumHoles() int { return int(p.nholes) }

// Rule returns the rule the pattern was compiled with.
func (p *Pattern) Rule() Rule { return p.rule }

// String returns the pattern's source text, with holes written ${0}, ${1}, ...
func (p *Pattern) String() string { return p.src }

// LiteralPrefix returns the literal text every match must start with (lower-cased for
// RuleAction, whose matches compare without case), or "" if there is none.
func (p *Pattern) LiteralPrefix() string { return p.prefix }

// IsExact reports whether the pattern has no wildcards and no holes, so that it matches exactly
// its own text (compared without case under RuleAction and RuleStringFold).
func (p *Pattern) IsExact() bool { return p.exact }

// MatchesAll reports whether the pattern is exactly "*".
func (p *Pattern) MatchesAll() bool { return p.all }
