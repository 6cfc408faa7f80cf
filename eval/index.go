package eval

import (
	"sort"
	"strings"
)

// The indexes below only skip statements that cannot match; decisions never depend on the
// order statements are checked in (E7.12), and explanations scan every statement in order.

// indexThreshold is the group size from which statements are indexed.
const indexThreshold = 16

// actionIndex narrows the statements of a group that can match a request.
type actionIndex struct {
	small    bool
	needLow  bool              // the index or a statement's action set reads the lower-cased action
	always   bucket            // NotAction, "*", or an unreadable service prefix
	bySvc    map[string]bucket // lower-cased service -> statements with a wildcard action in it
	byAction map[string]bucket // lower-cased action -> statements whose actions are all exact
}

// bucket further narrows by the literal prefix of resource patterns.
type bucket struct {
	rest     []int
	byPrefix map[string][]int
	lengths  []int // distinct prefix lengths, ascending
}

// minPrefix is the shortest literal resource prefix worth indexing ("arn:aws:" alone is not).
const minPrefix = 14

func buildIndex(stmts []stmt) actionIndex {
	if len(stmts) < indexThreshold {
		ix := actionIndex{small: true}
		for i := range stmts {
			ix.needLow = ix.needLow || stmts[i].actSet != nil
		}
		return ix
	}
	var always []int
	bySvc := map[string][]int{}
	byAction := map[string][]int{}
	for i := range stmts {
		s := &stmts[i]
		svcs, exact, ok := s.actionKeys()
		switch {
		case !ok:
			always = append(always, i)
		case exact:
			for _, a := range svcs {
				if l := byAction[a]; len(l) == 0 || l[len(l)-1] != i {
					byAction[a] = append(l, i)
				}
			}
		default:
			for _, svc := range svcs {
				if l := bySvc[svc]; len(l) == 0 || l[len(l)-1] != i {
					bySvc[svc] = append(l, i)
				}
			}
		}
	}
	ix := actionIndex{needLow: true, always: newBucket(stmts, always), bySvc: map[string]bucket{}, byAction: map[string]bucket{}}
	for k, l := range bySvc {
		ix.bySvc[k] = newBucket(stmts, l)
	}
	for k, l := range byAction {
		ix.byAction[k] = newBucket(stmts, l)
	}
	return ix
}

func newBucket(stmts []stmt, list []int) bucket {
	b := bucket{}
	if len(list) < indexThreshold {
		b.rest = list
		return b
	}
	b.byPrefix = map[string][]int{}
	lengths := map[int]bool{}
	for _, i := range list {
		prefixes, ok := stmts[i].resourcePrefixes()
		if !ok {
			b.rest = append(b.rest, i)
			continue
		}
		for _, p := range prefixes {
			if l := b.byPrefix[p]; len(l) == 0 || l[len(l)-1] != i {
				b.byPrefix[p] = append(l, i)
			}
			lengths[len(p)] = true
		}
	}
	for l := range lengths {
		b.lengths = append(b.lengths, l)
	}
	sort.Ints(b.lengths)
	return b
}

// actionKeys returns the lower-cased exact actions of a statement (exact=true) when all its
// action patterns are exact, else the lower-cased services of its patterns; ok=false when it
// may match any service.
func (s *stmt) actionKeys() (keys []string, exact, ok bool) {
	if s.notAction {
		return nil, false, false
	}
	exact = true
	for _, p := range s.actions {
		if p.MatchesAll() {
			return nil, false, false
		}
		if !p.IsExact() {
			exact = false
		}
	}
	prefixes := make([]string, 0, len(s.actions)+len(s.exactActs))
	for _, p := range s.actions {
		prefixes = append(prefixes, p.LiteralPrefix())
	}
	prefixes = append(prefixes, s.exactActs...) // already lower-cased
	for _, pre := range prefixes {
		if exact {
			keys = append(keys, pre)
			continue
		}
		svc, _, found := strings.Cut(pre, ":")
		if !found {
			return nil, false, false
		}
		keys = append(keys, svc)
	}
	return keys, exact, true
}

// resourcePrefixes returns the literal prefixes every resource the statement matches starts
// with, or ok=false when it can match without one.
func (s *stmt) resourcePrefixes() ([]string, bool) {
	if s.anyRes || s.notRes || len(s.resources) == 0 {
		return nil, false
	}
	var out []string
	for i := range s.resources {
		rp := &s.resources[i]
		pre := rp.p.LiteralPrefix()
		if rp.short || rp.doubt || len(pre) < minPrefix {
			return nil, false
		}
		if len(pre) > 64 {
			pre = pre[:64]
		}
		out = append(out, pre)
	}
	return out, true
}
