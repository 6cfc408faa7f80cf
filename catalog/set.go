package catalog

import (
	"iter"
	"math/bits"
	"strings"

	"github.com/iamgo/iam/arn"
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
// A Set is a value: operations return new sets and never modify their operands.
type Set struct {
	c    *Catalog
	bits []uint64
	// Every word outside bits[lo:hi] is zero: the operations on sets of one or a few services
	// look at those services' words only.
	lo, hi int
}

// The bits of a set: each service's actions, in catalog order, followed by the bit of its
// unknown actions; after the last service, the bit of unknown services.

// universe is the number of bits of a set over c: actions, one per service, one for unknown
// services.
func (c *Catalog) universe() int { return c.nActions + len(c.services) + 1 }

// actionBit returns the bit of action i (an index into c.actions) of service sv.
func actionBit(sv *Service, i int) int { return i + sv.index }

// restBit returns the bit of the service's actions that are not in the catalog.
func restBit(sv *Service) int { return sv.hi + sv.index }

func (c *Catalog) unknownBit() int { return c.nActions + len(c.services) }

func (c *Catalog) newSet() Set {
	n := (c.universe() + 63) / 64
	return Set{c: c, bits: make([]uint64, n), lo: n, hi: 0}
}

// words returns the words that may be non-zero.
func (s *Set) words() []uint64 {
	if s.lo >= s.hi {
		return nil
	}
	return s.bits[s.lo:s.hi]
}

// bound shrinks [lo, hi) to the non-zero words.
func (s *Set) bound() {
	lo, hi := 0, len(s.bits)
	for lo < hi && s.bits[lo] == 0 {
		lo++
	}
	for hi > lo && s.bits[hi-1] == 0 {
		hi--
	}
	s.lo, s.hi = lo, hi
}

func (s *Set) set(i int) {
	w := i >> 6
	s.bits[w] |= 1 << (uint(i) & 63)
	s.lo, s.hi = min(s.lo, w), max(s.hi, w+1)
}

func (s Set) has(i int) bool { return i>>6 < len(s.bits) && s.bits[i>>6]&(1<<(uint(i)&63)) != 0 }

// setRange sets bits [lo, hi).
func (s *Set) setRange(lo, hi int) {
	for lo < hi && lo&63 != 0 {
		s.set(lo)
		lo++
	}
	for ; lo+64 <= hi; lo += 64 {
		s.bits[lo>>6] = ^uint64(0)
		s.lo, s.hi = min(s.lo, lo>>6), max(s.hi, lo>>6+1)
	}
	for ; lo < hi; lo++ {
		s.set(lo)
	}
}

// All returns the set of every action, known or not.
func (c *Catalog) All() Set {
	s := c.newSet()
	s.setRange(0, c.universe())
	return s
}

// Expand returns the set of actions that an Action element with these patterns grants: each
// pattern is "*" or "service:name" where the name may hold the wildcards '*' and '?', matched
// without case exactly as the arn package's RuleAction does. A pattern naming an unknown service
// or action adds nothing (lint reports it). For a NotAction element, take the Complement.
func (c *Catalog) Expand(patterns ...string) Set {
	s := c.newSet()
	for _, p := range patterns {
		c.expandInto(&s, p)
	}
	return s
}

func (c *Catalog) expandInto(s *Set, pat string) {
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
		if !hasPrefixFold(a.lower, lit) {
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

func hasPrefixFold(lower, prefix string) bool {
	if len(lower) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lower[i] != lowerByte(prefix[i]) {
			return false
		}
	}
	return true
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
	for i := s.lo; i < s.hi; i++ {
		total += bits.OnesCount64(s.bits[i] &^ mask[i])
	}
	return total
}

// unknownMask returns, once per catalog, the words of a set with only the bits of unknown
// actions set.
func (c *Catalog) unknownMask() []uint64 {
	c.maskOnce.Do(func() {
		m := make([]uint64, (c.universe()+63)/64)
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
	for _, w := range s.words() {
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
		if s.c == nil {
			return
		}
		for si := range s.c.services {
			sv := &s.c.services[si]
			first, last := actionBit(sv, sv.lo), restBit(sv) // the service's action bits
			if last>>6 < s.lo || first>>6 >= s.hi {
				continue
			}
			for b := first; b < last; b++ {
				w := s.bits[b>>6]
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

func (s Set) binary(o Set, op func(a, b uint64) uint64) Set {
	c := s.c
	if c == nil {
		c = o.c
	}
	if c == nil {
		return Set{}
	}
	r := c.newSet()
	lo, hi := len(r.bits), 0
	if s.lo < s.hi {
		lo, hi = s.lo, s.hi
	}
	if o.lo < o.hi {
		lo, hi = min(lo, o.lo), max(hi, o.hi)
	}
	for i := lo; i < hi; i++ {
		var a, b uint64
		if i < len(s.bits) {
			a = s.bits[i]
		}
		if i < len(o.bits) {
			b = o.bits[i]
		}
		r.bits[i] = op(a, b)
	}
	r.bound()
	return r
}

// Union returns the actions in s or o.
func (s Set) Union(o Set) Set { return s.binary(o, func(a, b uint64) uint64 { return a | b }) }

// UnionWith adds the actions of o to s, in place: the cheap way to build the union of many
// sets. A zero s becomes a set of o's catalog. It is the only operation that modifies a Set.
func (s *Set) UnionWith(o Set) {
	if o.c == nil || o.lo >= o.hi {
		return
	}
	if s.c == nil {
		*s = o.c.newSet()
	}
	for i := o.lo; i < o.hi; i++ {
		s.bits[i] |= o.bits[i]
	}
	s.lo, s.hi = min(s.lo, o.lo), max(s.hi, o.hi)
}

// Intersect returns the actions in both s and o.
func (s Set) Intersect(o Set) Set { return s.binary(o, func(a, b uint64) uint64 { return a & b }) }

// Difference returns the actions in s and not in o.
func (s Set) Difference(o Set) Set { return s.binary(o, func(a, b uint64) uint64 { return a &^ b }) }

// Complement returns every action of the catalog, known or unknown, that is not in s: the set a
// NotAction element with s's patterns grants. The zero Set's complement is the zero Set.
func (s Set) Complement() Set {
	if s.c == nil {
		return Set{}
	}
	r := s.c.newSet()
	u := s.c.universe()
	for i := range r.bits {
		r.bits[i] = ^s.bits[i]
	}
	if rem := u & 63; rem != 0 {
		r.bits[len(r.bits)-1] &= 1<<uint(rem) - 1
	}
	r.bound()
	return r
}

// SubsetOf reports whether every action of s, known or unknown, is in o.
func (s Set) SubsetOf(o Set) bool {
	for i := s.lo; i < s.hi; i++ {
		w := s.bits[i]
		var b uint64
		if i < len(o.bits) {
			b = o.bits[i]
		}
		if w&^b != 0 {
			return false
		}
	}
	return true
}

// Equal reports whether s and o hold the same actions, known and unknown.
func (s Set) Equal(o Set) bool { return s.SubsetOf(o) && o.SubsetOf(s) }
