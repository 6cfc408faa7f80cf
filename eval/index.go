package eval

import "strings"

// actionIndex narrows the statements that can match an action: statements whose action
// patterns all have a literal service prefix are filed under that service; the rest (NotAction,
// "*", wildcard services) are checked for every request.
type actionIndex struct {
	all      []int            // every statement, in order (used when the group is small)
	always   []int            // statements that can match any service
	byPrefix map[string][]int // lower-cased service prefix -> statements (merged with always, in order)
}

const indexThreshold = 16

func buildIndex(stmts []stmt) actionIndex {
	ix := actionIndex{all: make([]int, len(stmts))}
	for i := range stmts {
		ix.all[i] = i
	}
	if len(stmts) < indexThreshold {
		return ix
	}
	services := map[string][]int{}
	for i := range stmts {
		s := &stmts[i]
		svcs, ok := s.services()
		if !ok {
			ix.always = append(ix.always, i)
			for k := range services {
				services[k] = append(services[k], i)
			}
			continue
		}
		for _, svc := range svcs {
			if _, seen := services[svc]; !seen {
				services[svc] = append([]int(nil), ix.always...)
			}
			if l := services[svc]; len(l) == 0 || l[len(l)-1] != i {
				services[svc] = append(l, i)
			}
		}
	}
	ix.byPrefix = services
	return ix
}

// services returns the lower-cased services a statement's actions can match, or ok=false when
// it may match any service.
func (s *stmt) services() ([]string, bool) {
	if s.notAction {
		return nil, false
	}
	var out []string
	for _, p := range s.actions {
		if p.MatchesAll() {
			return nil, false
		}
		svc, _, found := strings.Cut(p.LiteralPrefix(), ":")
		if !found {
			return nil, false
		}
		out = append(out, svc)
	}
	return out, true
}

// candidates returns the statements to check for action, in statement order. It does not
// allocate for service prefixes up to 64 bytes.
func (ix *actionIndex) candidates(action string) []int {
	if ix.byPrefix == nil {
		return ix.all
	}
	svc, _, _ := strings.Cut(action, ":")
	var buf [64]byte
	if len(svc) <= len(buf) {
		n := copy(buf[:], svc)
		for i := 0; i < n; i++ {
			if 'A' <= buf[i] && buf[i] <= 'Z' {
				buf[i] += 'a' - 'A'
			}
		}
		if l, ok := ix.byPrefix[string(buf[:n])]; ok {
			return l
		}
		return ix.always
	}
	return ix.all
}
