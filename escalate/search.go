package escalate

import (
	"sort"

	"github.com/iamgo/iam/account"
)

// search computes, for every principal, the shortest path to an admin-equivalent principal:
// first over certain edges only, then admitting assumed, conditional and uncertain ones, so
// that a principal's path is the shortest among those of the best status it has.
func (a *analyzer) search(res *Result) {
	sortEdges(a.edges)
	kinds := map[string]string{}
	for _, p := range a.m.Principals() {
		kinds[p.ARN] = p.Kind.String()
	}
	// Admin-equivalent by a certain self-escalation.
	for i := range a.edges {
		e := &a.edges[i]
		if e.Admin && e.From == e.To && e.Status == Certain && len(e.Requires) == 0 && !a.admin[e.From] {
			a.admin[e.From] = true
			ec := *e
			res.Admins = append(res.Admins, Admin{Principal: e.From, Kind: kinds[e.From], Edge: &ec})
		}
	}
	done := map[string]bool{}
	for p := range a.admin {
		done[p] = true
	}
	var dist map[string]int
	for tier := Certain; tier <= Uncertain; tier++ {
		var next map[string]*Edge
		dist, next = a.distances(tier)
		for _, p := range a.m.Principals() {
			if done[p.ARN] {
				continue
			}
			if _, ok := dist[p.ARN]; !ok {
				continue
			}
			done[p.ARN] = true
			path := Path{Principal: p.ARN, Kind: p.Kind.String()}
			cur := p.ARN
			for !a.admin[cur] {
				e := next[cur]
				path.Edges = append(path.Edges, *e)
				path.Status = worst(path.Status, e.Status)
				if e.Admin {
					break
				}
				cur = e.To
			}
			path.Reaches = path.Edges[len(path.Edges)-1].To
			res.Paths = append(res.Paths, path)
		}
	}
	a.wider(res, done)
	// The graph: the edges that lead to an admin-equivalent principal (dist is the loosest tier).
	for _, e := range a.edges {
		if e.Admin && !a.admin[e.From] {
			res.Edges = append(res.Edges, e)
			continue
		}
		if _, ok := dist[e.To]; ok && !e.Admin && !a.admin[e.From] {
			res.Edges = append(res.Edges, e)
		}
	}
	for _, p := range res.Paths {
		if len(p.Wider) > 0 {
			res.Edges = append(res.Edges, p.Edges...)
		}
	}
	sort.Slice(res.Admins, func(i, j int) bool { return res.Admins[i].Principal < res.Admins[j].Principal })
	sort.SliceStable(res.Paths, func(i, j int) bool {
		if res.Paths[i].Status != res.Paths[j].Status {
			return res.Paths[i].Status < res.Paths[j].Status
		}
		return res.Paths[i].Principal < res.Paths[j].Principal
	})
}

// distances runs a breadth-first search backwards from the admin-equivalent principals over
// the edges of status tier or better: dist is the number of edges to admin, next the first.
func (a *analyzer) distances(tier Status) (map[string]int, map[string]*Edge) {
	dist := map[string]int{}
	next := map[string]*Edge{}
	into := map[string][]*Edge{}
	var level [][]string
	push := func(d int, p string) {
		for len(level) <= d {
			level = append(level, nil)
		}
		level[d] = append(level[d], p)
	}
	for p := range a.admin {
		dist[p] = 0
	}
	var admins []string
	for p := range a.admin {
		admins = append(admins, p)
	}
	sort.Strings(admins)
	for _, p := range admins {
		push(0, p)
	}
	for i := range a.edges {
		e := &a.edges[i]
		if e.Status > tier || a.admin[e.From] {
			continue
		}
		if e.Admin {
			if _, ok := dist[e.From]; !ok {
				dist[e.From] = 1
				next[e.From] = e
				push(1, e.From)
			}
			continue
		}
		into[e.To] = append(into[e.To], e)
	}
	for d := 0; d < len(level); d++ {
		for _, v := range level[d] {
			if dist[v] != d {
				continue
			}
			for _, e := range into[v] {
				if old, ok := dist[e.From]; ok && old <= d+1 {
					continue
				}
				dist[e.From] = d + 1
				next[e.From] = e
				push(d+1, e.From)
			}
		}
	}
	return dist, next
}

// wider finds, for every principal without a path to an admin-equivalent one, an edge to a
// principal with strictly more permissions: allowed on "*" every action the first is, and
// more (what-can over the actions the model's policies name). Edges of the best status first.
func (a *analyzer) wider(res *Result, done map[string]bool) {
	allowed := map[string]map[string]bool{}
	what := func(p string) map[string]bool {
		if s, ok := allowed[p]; ok {
			return s
		}
		var s map[string]bool
		if r, err := a.m.WhatCan(account.WhatCanRequest{Principal: p, Resource: "*", Context: a.ctx}); err == nil && !r.Uncertain {
			s = map[string]bool{}
			for _, x := range r.Allowed {
				s[x.Action] = true
			}
		}
		allowed[p] = s
		return s
	}
	best, extra := map[string]*Edge{}, map[string][]string{}
	for i := range a.edges {
		e := &a.edges[i]
		if done[e.From] || e.Admin || e.From == e.To {
			continue
		}
		if b, ok := best[e.From]; ok && b.Status <= e.Status {
			continue
		}
		from, to := what(e.From), what(e.To)
		if from == nil || to == nil {
			continue
		}
		subset := true
		for x := range from {
			if !to[x] {
				subset = false
				break
			}
		}
		if !subset {
			continue
		}
		var more []string
		for x := range to {
			if !from[x] {
				more = append(more, x)
			}
		}
		if len(more) == 0 {
			continue
		}
		sort.Strings(more)
		best[e.From], extra[e.From] = e, more
	}
	for _, p := range a.m.Principals() {
		if e, ok := best[p.ARN]; ok {
			done[p.ARN] = true
			res.Paths = append(res.Paths, Path{Principal: p.ARN, Kind: p.Kind.String(), Reaches: e.To, Edges: []Edge{*e}, Status: e.Status, Wider: extra[p.ARN]})
		}
	}
}
