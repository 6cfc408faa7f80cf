package catalog

import (
	"iter"
	"math/bits"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/internal/ascii"
)

// Set is a set of actions over a whole catalog: the actions an Action or NotAction list grants.
//
// Besides one bit per catalog action, a Set has one bit per service standing for the service's
// actions that are not in the catalog (newer than the snapshot), and one bit for the actions of
// services the catalog does not know. A pattern covers a service's unknown actions only when it
// matches every action name of the service ("s3:*", "*"), and unknown services only when it is
// "*": so "s3:*" still grants an s3 action newer than the snapshot, while "s3:Get*" grants only
// the Get actions the catalog knows. With these atoms, Complement, Union and Intersect are exact
// set operations, and the Set of a NotAction list is the Complement of its Action list's.
//
// The zero Set is empty and belongs to no catalog; sets of different catalogs must not be mixed.
// A Set is a value: operations return new sets and never modify their operands (UnionWith
// excepted). It stores only the words between its first and last non-zero bits, so the set of a
// pattern of one service takes a few words, not one bit per catalog action.
type Set struct {
	c   *Catalog
	off int      // the index of w[0] among the set's words
	w   []uint64 // words off to off+len(w)-1; every other word is zero
}

// The bits of a set: each service's actions, in catalog order, followed by the bit of its
// unknown actions; after the last service, the bit of unknown services.

// universe is the number of bits of a set over c: actions, one per service, one for unknown
// services.
func (c *Catalog) universe() int { return c.nActions + len(c.services) + 1 }

// nwords is the number of words of a full set.
func (c *Catalog) nwords() int { return (c.universe() + 63) / 64 }

// actionBit returns the bit of action i (an action ID) of service sv.
func actionBit(sv *Service, i int) int { return i + sv.index }

// restBit returns the bit of the service's actions that are not in the catalog.
func restBit(sv *Service) int { return sv.hi + sv.index }

func (c *Catalog) unknownBit() int { return c.nActions + len(c.services) }

// word returns word i of the set.
func (s Set) word(i int) uint64 {
	if j := i - s.off; j >= 0 && j < len(s.w) {
		return s.w[j]
	}
	return 0
}

func (s Set) has(i int) bool { return s.word(i>>6)&(1<<(uint(i)&63)) != 0 }

// trim drops zero words at both ends.
func trim(c *Catalog, off int, w []uint64) Set {
	for len(w) > 0 && w[0] == 0 {
		w, off = w[1:], off+1
	}
	for len(w) > 0 && w[len(w)-1] == 0 {
		w = w[:len(w)-1]
	}
	if len(w) == 0 {
		return Set{c: c}
	}
	return Set{c: c, off: off, w: w}
}

// builder collects bits in a full-size scratch array, then copies out the words in use.
type builder struct {
	c      *Catalog
	bits   []uint64
	lo, hi int // words that may be non-zero
}

func (c *Catalog) builder() *builder {
	b, _ := c.scratch.Get().(*builder)
	if b == nil {
		b = &builder{c: c, bits: make([]uint64, c.nwords())}
	}
	b.lo, b.hi = len(b.bits), 0
	return b
}

func (b *builder) set(i int) {
	w := i >> 6
	b.bits[w] |= 1 << (uint(i) & 63)
	b.lo, b.hi = min(b.lo, w), max(b.hi, w+1)
}

// setRange sets bits [lo, hi).
func (b *builder) setRange(lo, hi int) {
	for lo < hi && lo&63 != 0 {
		b.set(lo)
		lo++
	}
	for ; lo+64 <= hi; lo += 64 {
		b.bits[lo>>6] = ^uint64(0)
		b.lo, b.hi = min(b.lo, lo>>6), max(b.hi, lo>>6+1)
	}
	for ; lo < hi; lo++ {
		b.set(lo)
	}
}

// finish returns the set built, clears the scratch words and gives them back.
func (b *builder) finish() Set {
	var s Set
	if b.lo < b.hi {
		w := make([]uint64, b.hi-b.lo)
		copy(w, b.bits[b.lo:b.hi])
		clear(b.bits[b.lo:b.hi])
		s = trim(b.c, b.lo, w)
	} else {
		s = Set{c: b.c}
	}
	b.c.scratch.Put(b)
	return s
}

// All returns the set of every action, known or not.
func (c *Catalog) All() Set {
	b := c.builder()
	b.setRange(0, c.universe())
	return b.finish()
}

// Expand returns the set of actions that an Action element with these patterns grants: each
// pattern is "*" or "service:name" where the name may hold the wildcards '*' and '?', matched
// without case exactly as the arn package's RuleAction does. A pattern naming an unknown service
// or action adds nothing (lint reports it). For a NotAction element, take the Complement.
func (c *Catalog) Expand(patterns ...string) Set {
	b := c.builder()
	for _, p := range patterns {
		c.expandInto(b, p)
	}
	return b.finish()
}

func (c *Catalog) expandInto(s *builder, pat string) {
	if pat == "*" {
		s.setRange(0, c.universe())
		return
	}
	svc, name, ok := strings.Cut(pat, ":")
	if !ok {
		return
	}
	sv := c.Service(svc)
	if sv == nil {
		return
	}
	if name == "*" {
		s.setRange(actionBit(sv, sv.lo), restBit(sv)+1)
		return
	}
	// The literal prefix of the name (before any wildcard) narrows the candidates: actions are
	// sorted by lower-cased name.
	lit := name
	wild := false
	if i := strings.IndexAny(name, "*?"); i >= 0 {
		lit, wild = name[:i], true
	}
	acts := sv.actions()
	lo := searchLower(acts, lit)
	if !wild {
		if lo < len(acts) && cmpLower(acts[lo].lower, name) == 0 {
			s.set(actionBit(sv, sv.lo+lo))
		}
		return
	}
	var p *arn.Pattern
	simple := !strings.ContainsAny(name[len(lit):len(name)-1], "*?") && name[len(name)-1] == '*'
	if !simple {
		var err error
		if p, err = arn.CompileAction(pat); err != nil {
			return
		}
	}
	first, last := -1, -1
	for i := lo; i < len(acts); i++ {
		a := &acts[i]
		if !ascii.HasPrefixFold(a.lower, lit) {
			break
		}
		if simple || p.MatchAction(svc, a.Name) {
			b := actionBit(sv, sv.lo+i)
			s.bits[b>>6] |= 1 << (uint(b) & 63)
			if first < 0 {
				first = b
			}
			last = b
		}
	}
	if first >= 0 {
		s.lo, s.hi = min(s.lo, first>>6), max(s.hi, last>>6+1)
	}
}

// searchLower returns the index of the first action whose lower-cased name is not below
// prefix (compared without case).
func searchLower(acts []Action, prefix string) int {
	lo, hi := 0, len(acts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmpLower(acts[m].lower, prefix) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Catalog returns the catalog the set belongs to (nil for the zero Set).
func (s Set) Catalog() *Catalog { return s.c }

// Has reports whether a, an action of the set's catalog, is in the set.
func (s Set) Has(a *Action) bool {
	return a != nil && s.c != nil && a.Service != nil && a.Service.cat == s.c && s.has(actionBit(a.Service, int(a.id)))
}

// Contains reports whether the action named "service:Name" is in the set. An action the catalog
// does not know is in the set when its service's unknown actions are (or, for an unknown
// service, when unknown services are).
func (s Set) Contains(action string) bool {
	if s.c == nil {
		return false
	}
	if a := s.c.Action(action); a != nil {
		return s.Has(a)
	}
	svc, _, _ := strings.Cut(action, ":")
	if sv := s.c.Service(svc); sv != nil {
		return s.has(restBit(sv))
	}
	return s.has(s.c.unknownBit())
}

// HasUnknown reports whether the set holds the actions of service prefix that are not in the
// catalog (or, for a prefix the catalog does not know, the actions of unknown services).
func (s Set) HasUnknown(prefix string) bool {
	if s.c == nil {
		return false
	}
	if sv := s.c.Service(prefix); sv != nil {
		return s.has(restBit(sv))
	}
	return s.has(s.c.unknownBit())
}

// Len returns the number of catalog actions in the set (unknown actions are not counted).
func (s Set) Len() int {
	if s.c == nil {
		return 0
	}
	mask := s.c.unknownMask()
	total := 0
	for j, w := range s.w {
		total += bits.OnesCount64(w &^ mask[s.off+j])
	}
	return total
}

// unknownMask returns, once per catalog, the words of a set with only the bits of unknown
// actions set.
func (c *Catalog) unknownMask() []uint64 {
	c.maskOnce.Do(func() {
		m := make([]uint64, c.nwords())
		set := func(b int) { m[b>>6] |= 1 << (uint(b) & 63) }
		for i := range c.services {
			set(restBit(&c.services[i]))
		}
		set(c.unknownBit())
		c.mask = m
	})
	return c.mask
}

// IsEmpty reports whether the set holds nothing, known or unknown.
func (s Set) IsEmpty() bool {
	for _, w := range s.w {
		if w != 0 {
			return false
		}
	}
	return true
}

// Actions iterates over the catalog actions in the set, by service prefix and then by
// lower-cased name.
func (s Set) Actions() iter.Seq[*Action] {
	return func(yield func(*Action) bool) {
		if s.c == nil || len(s.w) == 0 {
			return
		}
		lo, hi := s.off*64, (s.off+len(s.w))*64 // the bits stored
		for si := range s.c.services {
			sv := &s.c.services[si]
			first, last := actionBit(sv, sv.lo), restBit(sv) // the service's action bits
			if last <= lo || first >= hi {
				continue
			}
			for b := max(first, lo); b < min(last, hi); b++ {
				w := s.w[b>>6-s.off]
				if w == 0 {
					b |= 63 // skip the rest of an empty word
					continue
				}
				if w&(1<<(uint(b)&63)) != 0 && !yield(&sv.actions()[b-sv.index-sv.lo]) {
					return
				}
			}
		}
	}
}

func (s Set) binary(o Set, lo, hi int, op func(a, b uint64) uint64) Set {
	c := s.c
	if c == nil {
		c = o.c
	}
	if c == nil || lo >= hi {
		return Set{c: c}
	}
	w := make([]uint64, hi-lo)
	for i := range w {
		w[i] = op(s.word(lo+i), o.word(lo+i))
	}
	return trim(c, lo, w)
}

// span returns the words a set stores, as [lo, hi); an empty set's span is empty.
func (s Set) span() (lo, hi int) { return s.off, s.off + len(s.w) }

// Union returns the actions in s or o.
func (s Set) Union(o Set) Set {
	lo, hi := s.span()
	olo, ohi := o.span()
	switch {
	case len(s.w) == 0:
		lo, hi = olo, ohi
	case len(o.w) > 0:
		lo, hi = min(lo, olo), max(hi, ohi)
	}
	return s.binary(o, lo, hi, func(a, b uint64) uint64 { return a | b })
}

// UnionWith adds the actions of o to s, in place: the cheap way to build the union of many
// sets. A zero s becomes a set of o's catalog. It is the only operation that modifies a Set, and
// copies of s made before may see the change.
func (s *Set) UnionWith(o Set) {
	if o.c == nil || len(o.w) == 0 {
		return
	}
	if s.c == nil {
		s.c = o.c
	}
	lo, hi := s.span()
	olo, ohi := o.span()
	if len(s.w) == 0 {
		lo, hi = olo, ohi
	}
	if olo < lo || ohi > hi || len(s.w) == 0 {
		// Grow the window; leave room on both sides for the next unions.
		nlo, nhi := min(lo, olo), max(hi, ohi)
		n := nhi - nlo
		nlo, nhi = max(0, nlo-n/2), min(s.c.nwords(), nhi+n/2)
		w := make([]uint64, nhi-nlo)
		if len(s.w) > 0 {
			copy(w[s.off-nlo:], s.w)
		}
		s.off, s.w = nlo, w
	}
	for j, x := range o.w {
		s.w[o.off+j-s.off] |= x
	}
}

// Intersect returns the actions in both s and o.
func (s Set) Intersect(o Set) Set {
	lo, hi := s.span()
	olo, ohi := o.span()
	return s.binary(o, max(lo, olo), min(hi, ohi), func(a, b uint64) uint64 { return a & b })
}

// Difference returns the actions in s and not in o.
func (s Set) Difference(o Set) Set {
	lo, hi := s.span()
	return s.binary(o, lo, hi, func(a, b uint64) uint64 { return a &^ b })
}

// Complement returns every action of the catalog, known or unknown, that is not in s: the set a
// NotAction element with s's patterns grants. The zero Set's complement is the zero Set.
func (s Set) Complement() Set {
	if s.c == nil {
		return Set{}
	}
	n := s.c.nwords()
	w := make([]uint64, n)
	for i := range w {
		w[i] = ^s.word(i)
	}
	if rem := s.c.universe() & 63; rem != 0 {
		w[n-1] &= 1<<uint(rem) - 1
	}
	return trim(s.c, 0, w)
}

// SubsetOf reports whether every action of s, known or unknown, is in o.
func (s Set) SubsetOf(o Set) bool {
	for j, w := range s.w {
		if w&^o.word(s.off+j) != 0 {
			return false
		}
	}
	return true
}

// Equal reports whether s and o hold the same actions, known and unknown.
func (s Set) Equal(o Set) bool { return s.SubsetOf(o) && o.SubsetOf(s) }
