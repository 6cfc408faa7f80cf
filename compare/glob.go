package compare

import (
	"encoding/binary"
	"math/bits"
	"time"
)

// Glob languages: a pattern is a sequence of tokens (a literal rune, '?' or '*'); a wildcard
// may or may not match ':' depending on the rule the pattern was written under (R3.3, C5.11,
// C5.5). signatures explores the subset automaton of several globs at once, breadth first, and
// returns one shortest string for every combination of globs (matched / not matched) that some
// string realizes: every string of the universe falls in exactly one of these classes, and
// strings of one class are matched by exactly the same globs.

type tokKind uint8

const (
	tLit tokKind = iota
	tOne
	tStar
	tFold // an ASCII letter, either case (r is the lower case)
)

type gtok struct {
	kind  tokKind
	r     rune
	colon bool // a wildcard that may match ':'
}

type glob []gtok

type globRule uint8

const (
	ruleLiteral     globRule = iota // StringEquals: no wildcard
	ruleString                      // StringLike: wildcards over the whole value (C5.5)
	ruleResource                    // Resource/NotResource (R3.3 corrected 2026-12), as package arn reads it
	ruleResourceOld                 // the older reading arn reports as doubt: every wildcard after the fifth colon crosses ':'
	ruleARN                         // ArnLike/ArnEquals (C5.11)
	ruleFold                        // StringEqualsIgnoreCase: no wildcard, ASCII letters in either case (C5.5)
)

// compileGlob reads text under rule. It mirrors arn.Compile's classification of wildcards; the
// package's tests check the two agree on random strings.
func compileGlob(text string, rule globRule) glob {
	var g glob
	colons := 0
	for _, r := range text {
		switch {
		case rule == ruleFold:
			if lr := r | 0x20; lr >= 'a' && lr <= 'z' {
				g = append(g, gtok{kind: tFold, r: lr})
			} else {
				g = append(g, gtok{kind: tLit, r: r})
			}
			continue
		case rule != ruleLiteral && r == '*':
			if n := len(g); n > 0 && g[n-1].kind == tStar {
				continue // "**" is "*"
			}
			g = append(g, gtok{kind: tStar, r: rune(colons)})
		case rule != ruleLiteral && r == '?':
			g = append(g, gtok{kind: tOne, r: rune(colons)})
		default:
			if r == ':' {
				colons++
			}
			g = append(g, gtok{kind: tLit, r: r})
		}
	}
	total := colons
	// r holds, for wildcards, the number of colons before them; turn it into the colon flag.
	for i := range g {
		t := &g[i]
		if t.kind == tLit || t.kind == tFold {
			continue
		}
		before := int(t.r)
		switch rule {
		case ruleString:
			t.colon = true
		case ruleResource:
			// Only a '*' that ends its colon-separated segment crosses ':' (R3.3).
			t.colon = t.kind == tStar && (i == len(g)-1 || g[i+1].kind == tLit && g[i+1].r == ':')
		case ruleResourceOld:
			t.colon = before >= 5 || t.kind == tStar && (i == len(g)-1 || g[i+1].kind == tLit && g[i+1].r == ':')
		case ruleARN:
			t.colon = before >= 5 || total < 5 && before == total
		}
		t.r = 0
	}
	return g
}

// match reports whether s is in g's language (the reference the automaton is tested against).
func (g glob) match(s string) bool {
	cur := make([]bool, len(g)+1)
	next := make([]bool, len(g)+1)
	cur[0] = true
	closeStars(g, cur)
	for _, c := range s {
		clear(next)
		for i, on := range cur {
			if !on || i == len(g) {
				continue
			}
			step(g, i, c, next)
		}
		closeStars(g, next)
		cur, next = next, cur
	}
	return cur[len(g)]
}

func step(g glob, i int, c rune, next []bool) {
	t := g[i]
	switch t.kind {
	case tLit:
		if t.r == c {
			next[i+1] = true
		}
	case tFold:
		if t.r == c || t.r-0x20 == c {
			next[i+1] = true
		}
	case tOne:
		if c != ':' || t.colon {
			next[i+1] = true
		}
	case tStar:
		if c != ':' || t.colon {
			next[i] = true
		}
	}
}

func closeStars(g glob, set []bool) {
	for i := 0; i < len(g); i++ {
		if set[i] && g[i].kind == tStar {
			set[i+1] = true
		}
	}
}

// class is one class of strings: the globs its strings match (bit i for glob i) and a shortest
// member.
type class struct {
	sig  []uint64
	repr string
}

// signatures returns one class per realizable combination of the globs, exploring at most
// maxStates states of the subset automaton (and stopping at deadline, unless zero); complete
// is false when a bound cut it short.
// prefer lists strings tried first, so that a class they fall in is represented by them
// (readable witnesses such as "*" or the policies' own literal ARNs).
func signatures(globs []glob, maxStates int, prefer []string, deadline time.Time) (classes []class, complete bool) {
	// Flat layout: glob k occupies positions off[k] .. off[k]+len(globs[k]); the last one is
	// its accepting position.
	var kinds []tokKind
	var runes []rune
	var colon []bool
	var end []bool
	var accept []int
	for _, g := range globs {
		for _, t := range g {
			kinds = append(kinds, t.kind)
			runes = append(runes, t.r)
			colon = append(colon, t.colon)
			end = append(end, false)
		}
		accept = append(accept, len(kinds))
		kinds = append(kinds, tLit)
		runes = append(runes, -1)
		colon = append(colon, false)
		end = append(end, true)
	}
	npos := len(kinds)
	words := (npos + 63) / 64
	sigWords := (len(globs) + 63) / 64
	// Alphabet: every literal rune, ':' and one rune no glob names (all such runes behave alike).
	seen := map[rune]bool{':': true}
	alpha := []rune{':'}
	for _, g := range globs {
		for _, t := range g {
			rs := []rune{t.r}
			switch t.kind {
			case tFold:
				rs = append(rs, t.r-0x20)
			case tOne, tStar:
				continue
			}
			for _, r := range rs {
				if !seen[r] {
					seen[r] = true
					alpha = append(alpha, r)
				}
			}
		}
	}
	for _, f := range "x0zqjXZ9-_" {
		if !seen[f] {
			// First, so that the shortest strings read "x" rather than ":".
			alpha = append([]rune{f}, alpha...)
			break
		}
	}
	// set adds position p and, past stars (which may match nothing), the positions after it.
	set := func(st []uint64, p int) {
		for {
			st[p/64] |= 1 << (p % 64)
			if end[p] || kinds[p] != tStar {
				return
			}
			p++
		}
	}
	has := func(st []uint64, p int) bool { return st[p/64]&(1<<(p%64)) != 0 }
	advance := func(st []uint64, c rune) []uint64 {
		nx := make([]uint64, words)
		for w, bitsw := range st {
			for bitsw != 0 {
				b := bits.TrailingZeros64(bitsw)
				bitsw &= bitsw - 1
				p := w*64 + b
				if end[p] {
					continue
				}
				switch kinds[p] {
				case tLit:
					if runes[p] == c {
						set(nx, p+1)
					}
				case tFold:
					if runes[p] == c || runes[p]-0x20 == c {
						set(nx, p+1)
					}
				case tOne:
					if c != ':' || colon[p] {
						set(nx, p+1)
					}
				case tStar:
					if c != ':' || colon[p] {
						set(nx, p)
					}
				}
			}
		}
		return nx
	}
	sigOf := func(st []uint64) []uint64 {
		sig := make([]uint64, sigWords)
		for k, a := range accept {
			if has(st, a) {
				sig[k/64] |= 1 << (k % 64)
			}
		}
		return sig
	}
	key := func(st []uint64) string {
		b := make([]byte, 8*len(st))
		for i, w := range st {
			binary.LittleEndian.PutUint64(b[8*i:], w)
		}
		return string(b)
	}
	start := make([]uint64, words)
	for k := range globs {
		if len(globs[k]) == 0 {
			set(start, accept[k])
			continue
		}
		set(start, accept[k]-len(globs[k]))
	}
	found := map[string]int{}
	addClass := func(st []uint64, s string) {
		sig := sigOf(st)
		k := key(sig)
		if _, ok := found[k]; !ok {
			found[k] = len(classes)
			classes = append(classes, class{sig: sig, repr: s})
		}
	}
	for _, s := range prefer {
		st := start
		for _, c := range s {
			st = advance(st, c)
		}
		addClass(st, s)
	}
	type item struct {
		st []uint64
		s  string
	}
	visited := map[string]bool{key(start): true}
	queue := []item{{start, ""}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		addClass(it.st, it.s)
		for _, c := range alpha {
			nx := advance(it.st, c)
			k := key(nx)
			if visited[k] {
				continue
			}
			if len(visited) >= maxStates || len(visited)&255 == 0 && !deadline.IsZero() && time.Now().After(deadline) {
				return classes, false
			}
			visited[k] = true
			queue = append(queue, item{nx, it.s + string(c)})
		}
	}
	return classes, true
}

// hasBit reports whether bit k is set in sig.
func hasBit(sig []uint64, k int) bool { return sig[k/64]&(1<<(k%64)) != 0 }
