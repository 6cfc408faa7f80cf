package eval

import (
	"strings"
	"unsafe"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// The slabs a group compiles into: one allocation for many statements' actions, resources,
// conditions and strings, and a memo of repeated resource texts.

// slabs holds backing arrays shared by the statements of one group, sized before they are
// compiled, so that a group costs a few allocations instead of a few per statement. A slab that
// runs out is simply replaced, since every part handed out keeps its own array.
type slabs struct {
	lowered []byte // the plain actions of every statement, lower-cased, one after another
	exact   []string
	acts    []*arn.Pattern
	res     []resPattern
	conds   []*condition.Condition
	bits    []uint64  // group.actBits, when a small group's slabs provide it (nil: allocated)
	pats    arn.Batch // the action and resource patterns
	// memo holds the first resMemoSize distinct resource entries compiled for the group (see
	// resource); nmemo of them are set.
	memo  [resMemoSize]resMemo
	nmemo int
}

// resMemoSize is the number of distinct resource entries a group's compilation remembers.
const resMemoSize = 8

// resMemo is one remembered resource entry: its text, whether policy variables were read in it,
// and what it compiled to.
type resMemo struct {
	text string
	vars bool
	rp   resPattern
}

// resource compiles one Resource/NotResource entry (compileResource, its slow twin:
// TestFastResourceMemoMatchesSlow), or returns the one an earlier statement of the group compiled from the same text: a policy
// names its bucket in statement after statement, and a pattern is immutable once compiled.
// BenchmarkCompile/compile-W1 (three of its five resources are one text): 4,000 -> 3,500 ns.
func (sl *slabs) resource(text string, variables bool) (resPattern, error) {
	for i := range sl.memo[:sl.nmemo] {
		if m := &sl.memo[i]; m.text == text && m.vars == variables {
			return m.rp, nil
		}
	}
	rp, err := compileResource(&sl.pats, text, variables)
	if err == nil && sl.nmemo < len(sl.memo) {
		sl.memo[sl.nmemo] = resMemo{text: text, vars: variables, rp: rp}
		sl.nmemo++
	}
	return rp, err
}

// init sizes the slabs for the statements of ps.
func (sl *slabs) init(ps []*policy.Policy) {
	var size, nExact, nPat, nRes, nResPat, nCond, nStmt int
	var seen [resMemoSize]string
	nSeen := 0
	for _, p := range ps {
		if p == nil {
			continue
		}
		nStmt += len(p.Statements)
		for si := range p.Statements {
			s := &p.Statements[si]
			if acts := stmtActions(s); acts != nil {
				// A count, not a verdict: an action without wildcards is nearly always plain
				// (plainAction, in compileStmt, decides; a slab that was sized short grows).
				for _, a := range acts.Values {
					if strings.IndexByte(a.Value, '*') < 0 && strings.IndexByte(a.Value, '?') < 0 {
						size += len(a.Value)
						nExact++
					} else {
						nPat++
					}
				}
			}
			if res := stmtResources(s); res != nil {
				nRes += len(res.Values)
				// A resource repeated within the first resMemoSize distinct ones is compiled once
				// (slabs.resource), so it takes no pattern.
				for _, r := range res.Values {
					dup := false
					for _, t := range seen[:nSeen] {
						if t == r.Value {
							dup = true
							break
						}
					}
					if dup {
						continue
					}
					if nSeen < len(seen) {
						seen[nSeen] = r.Value
						nSeen++
					}
					nResPat++
				}
			}
			nCond += len(s.Conditions)
		}
	}
	if nExact > 0 {
		sl.lowered = make([]byte, 0, size)
	}
	sl.pats.Reserve(nPat + nResPat)
	// The plain actions share the string slab with the derivable keys of the conditions
	// (addDerivable).
	nStr := nExact + nCond
	if nStr <= len(smallSlabs{}.exact) && nPat <= len(smallSlabs{}.acts) && nRes <= len(smallSlabs{}.res) &&
		nCond <= len(smallSlabs{}.conds) && nStmt <= len(smallSlabs{}.bits) {
		// A small group: one allocation for the five slabs. BenchmarkCompile/compile-W1:
		// 12 -> 8 allocs.
		small := new(smallSlabs)
		sl.exact, sl.acts, sl.res, sl.conds = small.exact[:0:nStr], small.acts[:0:nPat], small.res[:0:nRes], small.conds[:0:nCond]
		sl.bits = small.bits[:nStmt:nStmt]
		return
	}
	if nStr > 0 {
		sl.exact = make([]string, 0, nStr)
	}
	if nPat > 0 {
		sl.acts = make([]*arn.Pattern, 0, nPat)
	}
	if nRes > 0 {
		sl.res = make([]resPattern, 0, nRes)
	}
	if nCond > 0 {
		sl.conds = make([]*condition.Condition, 0, nCond)
	}
}

// smallSlabs backs the string, action, resource and condition slabs and the action filters of
// a small group (a policy or two of a few statements) in one allocation.
type smallSlabs struct {
	exact [8]string
	acts  [4]*arn.Pattern
	res   [8]resPattern
	conds [4]*condition.Condition
	bits  [8]uint64
}

// lower returns s lower-cased (ASCII), as a view of the group's lowered text (one allocation
// for every plain action of the group).
func (sl *slabs) lower(s string) string {
	off := len(sl.lowered)
	sl.lowered = append(sl.lowered, s...)
	b := sl.lowered[off:]
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	// The bytes are never written again: later appends go past them (or to a new array).
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// addDerivable appends key, lower-cased, to sl.exact when it is one the evaluator derives from
// the request (see derivedKeys) and not among the keys appended since start.
func (sl *slabs) addDerivable(start int, key string) {
	lk, ok := derivedKey(key)
	if !ok {
		return
	}
	for _, k := range sl.exact[start:] {
		if strings.EqualFold(k, key) {
			return
		}
	}
	if len(key) != len(lk) {
		// Unicode folding matched (a Kelvin sign for a k, two or three bytes for one): keep
		// what strings.ToLower makes of it.
		lk = strings.ToLower(key)
	}
	// lk is the key as AWS spells it (derivedCanon, no allocation), which hasSingle compares
	// first.
	sl.exact = append(sl.exact, lk)
}
