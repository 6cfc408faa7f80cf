package eval

import (
	"fmt"

	"github.com/iamgo/iam/policy"
)

// Compiled parts and their assembly into evaluators: a policy compiled once, shared by many.

// Part is a list of policies of one kind compiled once: immutable, safe for concurrent use, and
// shareable by any number of evaluators (Options.Assemble). A managed policy attached to 5,000
// principals, or a bucket policy every principal's requests meet, is compiled once.
type Part struct {
	g     group
	clock bool // compiled with Options.Now (Assemble pairs parts with Options alike)
}

// Kind returns the kind the part was compiled as.
func (p *Part) Kind() Kind { return p.g.kind }

// Policies returns the part's policies, in order (do not modify).
func (p *Part) Policies() []*policy.Policy { return p.g.policies }

// CompilePart compiles policies of one kind into a Part. kind is KindIdentity, KindResource (or
// KindTrust, compiled as KindResource), KindBoundary, KindSession, KindSCP or KindRCP. A part
// compiled with Options.Now set only assembles with such Options, and one compiled without only
// with Options without Now. (The compiled statements no longer differ since the time keys became
// derivable without a clock, 2026-12; the rule stands so that assembling stays as documented.)
func (o Options) CompilePart(kind Kind, policies ...*policy.Policy) (*Part, error) {
	if kind == policy.KindTrust {
		kind = KindResource
	}
	switch kind {
	case KindIdentity, KindResource, KindBoundary, KindSession, KindSCP, KindRCP:
	default:
		return nil, fmt.Errorf("eval: CompilePart: no policies of kind %v are evaluated", kind)
	}
	return o.compilePart(kind, 0, policies)
}

func (o Options) compilePart(kind Kind, level int, policies []*policy.Policy) (*Part, error) {
	p := new(Part)
	if err := o.compileInto(p, kind, level, policies); err != nil {
		return nil, err
	}
	return p, nil
}

// compileInto compiles policies into the zero part p.
func (o Options) compileInto(p *Part, kind Kind, level int, policies []*policy.Policy) error {
	p.clock = o.Now != nil
	return compileGroup(&p.g, kind, level, policies)
}

// Parts are compiled parts in the places of a PolicySet: several parts of one kind act as one
// list of policies of that kind.
type Parts struct {
	Identity []*Part
	Resource *Part // nil: no resource policy
	Boundary []*Part
	Session  []*Part
	SCP      [][]*Part // one list per organization level, root first
	RCP      [][]*Part // likewise, for the resource's account
}

// Assemble builds an Evaluator from compiled parts without compiling anything again: it costs a
// few small allocations whatever the parts hold (BenchmarkAssemble). It fails when a part is of
// the wrong kind for its place or was compiled with other Options.Now.
func (o Options) Assemble(parts Parts) (*Evaluator, error) {
	e := &Evaluator{now: o.Now, limits: o.Limits.resolved()}
	a := assembler{e: e, clock: o.Now != nil}
	e.identity = a.take("identity", -1, KindIdentity, parts.Identity)
	if parts.Resource != nil {
		e.resource = a.add(nil, "resource", -1, KindResource, 0, 1, parts.Resource)
	}
	e.boundary = a.take("boundary", -1, KindBoundary, parts.Boundary)
	e.session = a.take("session", -1, KindSession, parts.Session)
	if len(parts.SCP) > 0 {
		e.scp = make([][]*group, len(parts.SCP))
		for i, level := range parts.SCP {
			e.scp[i] = a.take("SCP", i, KindSCP, level)
		}
	}
	if len(parts.RCP) > 0 {
		e.rcp = make([][]*group, len(parts.RCP))
		for i, level := range parts.RCP {
			e.rcp[i] = a.take("RCP", i, KindRCP, level)
		}
	}
	return a.done()
}

// assembler builds the group lists of an evaluator e from parts (Compile and Assemble), checking
// each part's kind and clock and keeping the first error. The lists are carved from e.slots
// while they fit (a part or two of each kind, the usual case), so that they cost no allocation.
type assembler struct {
	e     *Evaluator
	used  int // slots of e.slots handed out
	clock bool
	err   error
}

// done returns the evaluator, or the first error; the flags the decision reads instead of the
// lists' lengths follow from the lists.
func (a *assembler) done() (*Evaluator, error) {
	if a.err != nil {
		return nil, a.err
	}
	e := a.e
	e.hasRes, e.hasBnd, e.hasSess = e.resource != nil, len(e.boundary) > 0, len(e.session) > 0
	return e, nil
}

// take returns the groups of the parts ps for a place (named place, at organization level
// level, or -1 for a place without levels).
func (a *assembler) take(place string, level int, want Kind, ps []*Part) []*group {
	var gs []*group
	for i, p := range ps {
		gs = a.add(gs, place, level, want, i, len(ps), p)
	}
	return gs
}

// add appends the group of p, part i of the n parts of a place, to gs (nil when i is 0); the
// place is formatted only for an error.
func (a *assembler) add(gs []*group, place string, level int, want Kind, i, n int, p *Part) []*group {
	switch {
	case a.err != nil:
		return gs
	case p == nil:
		a.err = fmt.Errorf("eval: Assemble: %s part %d is nil", placeName(place, level), i)
		return gs
	case p.g.kind != want:
		a.err = fmt.Errorf("eval: Assemble: %s part %d was compiled as %v, want %v", placeName(place, level), i, p.g.kind, want)
		return gs
	case p.clock != a.clock:
		a.err = fmt.Errorf("eval: Assemble: %s part %d was compiled with other Options.Now (with a clock: %v)", placeName(place, level), i, p.clock)
		return gs
	}
	if p.g.readsTime {
		a.e.readsTime = true
	}
	if gs == nil {
		if a.used+n <= len(a.e.slots) {
			gs = a.e.slots[a.used : a.used : a.used+n]
			a.used += n
		} else {
			gs = make([]*group, 0, n)
		}
	}
	return append(gs, &p.g)
}

// placeName is place, or "SCP level 2" for a place with organization levels (level >= 0).
func placeName(place string, level int) string {
	if level < 0 {
		return place
	}
	return fmt.Sprintf("%s level %d", place, level)
}
