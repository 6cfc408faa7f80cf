package lint

import (
	"strings"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/catalog"
)

// actions checks every value of the statement's Action or NotAction element against the
// catalog, and reports values another value of the element already covers.
func (l *linter) actions(st *stmt) {
	ss := st.actions
	base := st.path + "." + st.elem
	st.sets = make([]catalog.Set, len(ss.Values))
	listed := l.cat.Expand()
	for j, v := range ss.Values {
		path := elemPath(base, ss, j)
		if svc, _, _ := strings.Cut(v.Value, ":"); l.ownService(svc) {
			st.own = true
			continue
		}
		set, ok := l.action(v.Value, path, v.Span.Offset)
		if ok {
			st.sets[j] = set
			listed.UnionWith(set)
		}
	}
	st.listed = listed
	st.granted = listed
	if st.not {
		st.granted = listed.Complement()
	}
	l.redundantActions(st, base)
}

// action checks one action pattern and returns its set; ok is false when it is invalid.
func (l *linter) action(v, path string, off int) (catalog.Set, bool) {
	if v == "*" {
		return l.cat.All(), true
	}
	svc, name, found := strings.Cut(v, ":")
	if !found || svc == "" || name == "" {
		return catalog.Set{}, false // the parser reports malformed actions
	}
	sv := l.cat.Service(svc)
	if sv == nil {
		msg := "service " + quote(svc) + " does not exist"
		sug, ok := l.suggested[svc]
		if !ok {
			sug = suggestService(l.cat, svc)
			if l.suggested == nil {
				l.suggested = map[string]string{}
			}
			l.suggested[svc] = sug
		}
		if s := sug; s != "" {
			msg += "; did you mean " + quote(s) + "?"
		}
		l.add(InvalidServiceInAction, Error, path, off, "%s (catalog of %s)", msg, l.cat.Date())
		return catalog.Set{}, false
	}
	set := l.cat.Expand(v)
	if !set.IsEmpty() {
		return set, true
	}
	if strings.ContainsAny(name, "*?") {
		l.add(InvalidAction, Error, path, off, "%q matches no action of %s (catalog of %s)", v, svc, l.cat.Date())
		return catalog.Set{}, false
	}
	msg := "action " + quote(v) + " does not exist in " + sv.Prefix
	if s := suggestAction(sv, name); s != "" {
		msg += "; did you mean " + quote(sv.Prefix+":"+s) + "?"
	}
	l.add(InvalidAction, Error, path, off, "%s (catalog of %s)", msg, l.cat.Date())
	return catalog.Set{}, false
}

func quote(s string) string { return `"` + s + `"` }

// redundantActions reports a value whose actions another value of the element already grants
// (all of them, including those newer than the catalog: a wildcard value counts as redundant
// only when the other value's pattern covers every name it can match).
func (l *linter) redundantActions(st *stmt, base string) {
	ss := st.actions
	if len(ss.Values) < 2 {
		return
	}
	// Only values of the same service, or "*", can cover one another.
	bySvc := map[string][]int{}
	var stars []int
	for j, v := range ss.Values {
		if st.sets[j].Catalog() == nil {
			continue
		}
		if v.Value == "*" {
			stars = append(stars, j)
			continue
		}
		svc, _, _ := strings.Cut(v.Value, ":")
		svc = ascii.Lower(svc)
		bySvc[svc] = append(bySvc[svc], j)
	}
	for i, vi := range ss.Values {
		if st.sets[i].Catalog() == nil || st.sets[i].IsEmpty() {
			continue
		}
		svc, _, _ := strings.Cut(vi.Value, ":")
		cands := bySvc[ascii.Lower(svc)]
		if vi.Value == "*" {
			cands = nil
		}
		for _, group := range [2][]int{stars, cands} {
			if l.redundantAction(st, base, i, group) {
				break
			}
		}
	}
}

// redundantAction reports value i when one of the values js covers it, and says whether it did.
func (l *linter) redundantAction(st *stmt, base string, i int, js []int) bool {
	ss := st.actions
	vi := ss.Values[i]
	for _, j := range js {
		vj := ss.Values[j]
		if i == j || !st.sets[i].SubsetOf(st.sets[j]) {
			continue
		}
		if strings.ContainsAny(vi.Value, "*?") && !globIncludes(ascii.Lower(vj.Value), ascii.Lower(vi.Value), false) {
			continue
		}
		// Two values granting the same: report the later one only.
		if j > i && st.sets[j].SubsetOf(st.sets[i]) && (!strings.ContainsAny(vj.Value, "*?") || globIncludes(ascii.Lower(vi.Value), ascii.Lower(vj.Value), false)) {
			continue
		}
		l.add(RedundantAction, Suggestion, elemPath(base, ss, i), vi.Span.Offset, "%q is redundant: %q already grants it", vi.Value, vj.Value)
		return true
	}
	return false
}

// globIncludes reports, soundly but not completely, whether every string the pattern sub
// matches is matched by the pattern sup: sup's '*' takes any run of sub's characters and
// wildcards, sup's '?' one character or '?', and a literal only itself. With arnFields, sup's '*'
// does not take a ':' inside the first five fields of an ARN.
func globIncludes(sup, sub string, arnFields bool) bool {
	// Iterative matcher with one backtracking point per '*', as for ordinary globs.
	n, m := len(sup), len(sub)
	if n*m > 1<<20 {
		return false
	}
	memo := make([]int8, (n+1)*(m+1)) // 0 unknown, 1 true, 2 false
	var rec func(i, j, colons int) bool
	rec = func(i, j, colons int) bool {
		k := i*(m+1) + j
		if memo[k] != 0 {
			return memo[k] == 1
		}
		res := false
		switch {
		case i == n:
			res = j == m
		case sup[i] == '*':
			// '*' takes nothing, or one more character of sub.
			res = rec(i+1, j, colons)
			if !res && j < m && !(arnFields && sub[j] == ':' && colons < 5) {
				c := colons
				if sub[j] == ':' {
					c++
				}
				res = rec(i, j+1, c)
			}
		case j == m:
			res = false
		case sup[i] == '?':
			res = sub[j] != '*' && rec(i+1, j+1, colonsAfter(sub[j], colons))
		default:
			res = sup[i] == sub[j] && rec(i+1, j+1, colonsAfter(sub[j], colons))
		}
		if res {
			memo[k] = 1
		} else {
			memo[k] = 2
		}
		return res
	}
	return rec(0, 0, 0)
}

func colonsAfter(c byte, colons int) int {
	if c == ':' {
		return colons + 1
	}
	return colons
}

// suggestService returns the service prefix closest to svc, or "".
func suggestService(c *catalog.Catalog, svc string) string {
	best, bestD := "", 3
	lsvc := ascii.Lower(svc)
	for _, s := range c.Services() {
		if d := distance(lsvc, s.Prefix, bestD); d < bestD {
			best, bestD = s.Prefix, d
		}
	}
	return best
}

// suggestAction returns the name of the service's action closest to name, or "".
func suggestAction(s *catalog.Service, name string) string {
	lname := ascii.Lower(name)
	best, bestD := "", max(3, len(name)/4+1)
	for _, a := range s.Actions() {
		if d := distance(lname, ascii.Lower(a.Name), bestD); d < bestD {
			best, bestD = a.Name, d
		}
	}
	return best
}

// distance returns the Levenshtein distance of a and b, or limit when it is limit or more.
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
