package eval

import (
	"encoding/binary"
	"sort"
	"strings"
	"unsafe"

	"github.com/iamgo/iam/arn"
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

// actionSet speeds up statements with many action patterns (ReadOnlyAccess has thousands).
type actionSet struct {
	exact map[string]bool           // lower-cased exact actions
	long  []string                  // those longer than the lower-casing buffer of match
	bySvc map[string][]*arn.Pattern // wildcard patterns by lower-cased service
	other []*arn.Pattern            // patterns that may match any service
}

// lowerBufSize is how long an action a decision lower-cases on the stack (longer ones are
// compared byte by byte).
const lowerBufSize = 64

const actionSetThreshold = 16

// newActionSet indexes the compiled patterns pats and the lower-cased plain actions exact.
func newActionSet(pats []*arn.Pattern, exact []string) *actionSet {
	as := &actionSet{exact: make(map[string]bool, len(exact)), bySvc: map[string][]*arn.Pattern{}}
	for _, a := range exact {
		as.exact[a] = true
		if len(a) > lowerBufSize {
			as.long = append(as.long, a)
		}
	}
	for _, p := range pats {
		pre := p.LiteralPrefix()
		svc, _, found := strings.Cut(pre, ":")
		switch {
		case p.IsExact():
			as.exact[pre] = true
		case found && !p.MatchesAll():
			as.bySvc[svc] = append(as.bySvc[svc], p)
		default:
			as.other = append(as.other, p)
		}
	}
	return as
}

// equalLower reports whether s equals lower without ASCII case; lower has no upper-case ASCII
// letter. It compares from the end, where actions of one service differ.
func equalLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := len(s) - 1; i >= 0; i-- {
		if b, l := s[i], lower[i]; b != l && (b|0x20 != l || l < 'a' || l > 'z') {
			return false
		}
	}
	return true
}

// lowerBuf lower-cases ASCII s into buf when it fits; ok=false otherwise. Eight bytes at a time
// (lowerWord), then byte by byte.
func lowerBuf(buf []byte, s string) ([]byte, bool) {
	n := len(s)
	if n > len(buf) {
		return nil, false
	}
	buf = buf[:n]
	i := 0
	for ; i+8 <= n; i += 8 {
		binary.LittleEndian.PutUint64(buf[i:], lowerWord(binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))))
	}
	for ; i < n; i++ {
		b := s[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf[i] = b
	}
	return buf, true
}

// lowerWord lower-cases the ASCII upper-case letters among the eight bytes of w. Per byte, with
// h its low seven bits (no sum carries into the next byte): h+0x3f has its top bit set when
// h >= 'A', h+0x25 when h > 'Z'; an ASCII byte in between gets 0x20, its top bit moved down.
// (condition has the same function for context keys; the packages share no helpers.)
func lowerWord(w uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	h := w &^ tops
	upper := (h + (0x80-'A')*ones) &^ (h + (0x7f-'Z')*ones) &^ w & tops
	return w | upper>>2
}

// match reports whether action matches the set; low is action lower-cased, or "" for an action
// too long to lower-case on the stack (scan lower-cases it for every group with an action set).
func (as *actionSet) match(action, low string) bool {
	if len(low) != len(action) {
		// A very long action can only equal one of the long exact actions.
		for _, a := range as.long {
			if equalLower(action, a) {
				return true
			}
		}
		for _, p := range as.other {
			if p.Match(action) {
				return true
			}
		}
		for _, l := range as.bySvc {
			for _, p := range l {
				if p.Match(action) {
					return true
				}
			}
		}
		return false
	}
	if as.exact[low] {
		return true
	}
	svc := low
	if i := strings.IndexByte(action, ':'); i >= 0 {
		svc = low[:i]
	}
	for _, p := range as.bySvc[svc] {
		if p.Match(action) {
			return true
		}
	}
	for _, p := range as.other {
		if p.Match(action) {
			return true
		}
	}
	return false
}

// actionBit hashes an action to one of 64 bits from its length, the byte after its first colon
// and its last byte, each letter folded to lower case (b|0x20; a non-letter keeps one value
// either way). Actions equal without ASCII case get the same bit, so a statement whose filter
// (the OR of its plain actions' bits) lacks the request's bit lists none of them.
func actionBit(a string) uint64 {
	n := len(a)
	if n == 0 {
		return 1
	}
	i := 0
	for i < n && a[i] != ':' {
		i++
	}
	var b1 byte
	if i+1 < n {
		b1 = a[i+1] | 0x20
	}
	x := uint32(n)<<16 | uint32(b1)<<8 | uint32(a[n-1]|0x20)
	return 1 << ((x * 0x9E3779B1) >> 26)
}

// actionFilter returns the statement's actionBit filter: every bit unless its actions are all
// plain (no pattern, no NotAction, no action set).
func (s *stmt) actionFilter() uint64 {
	if s.notAction || s.actSet != nil || len(s.actions) > 0 || len(s.exactActs) == 0 {
		return ^uint64(0)
	}
	var f uint64
	for _, a := range s.exactActs {
		f |= actionBit(a)
	}
	return f
}
