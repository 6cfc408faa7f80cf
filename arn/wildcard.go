package arn

import (
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tLit  tokKind = iota // literal text
	tHole                // literal text supplied at match time
	tOne                 // '?': one code point
	tStar                // '*': any run, possibly empty
)

type tok struct {
	text  string
	hole  int32 // tHole: the index into MatchHoles' holes (Compile bounds it)
	kind  tokKind
	flags uint8 // tStar, tOne: the readings under which the wildcard never matches ':' (bStrict, bOld)
}

// The readings of R3.3 under which a wildcard is bounded, that is, never matches ':'. Only
// RuleResource sets them; the wildcards of every other rule are free.
const (
	// bStrict: the corrected R3.3 (2026-12). Every '?', and every '*' that is not the last
	// character of its colon-separated segment, anywhere in the pattern.
	bStrict uint8 = 1 << iota
	// bOld: the older reading. As bStrict, but only before the pattern's fifth colon; after it
	// every wildcard matches anything.
	bOld
)

func appendLit(toks []tok, s string) []tok {
	if s == "" {
		return toks
	}
	if n := len(toks); n > 0 && toks[n-1].kind == tLit {
		toks[n-1].text += s
		return toks
	}
	return append(toks, tok{kind: tLit, text: s})
}

func appendWild(toks []tok, s string) []tok {
	for s != "" {
		i := indexWild(s)
		if i < 0 {
			return appendLit(toks, s)
		}
		toks = appendLit(toks, s[:i])
		if s[i] == '?' {
			toks = append(toks, tok{kind: tOne})
		} else if n := len(toks); n == 0 || toks[n-1].kind != tStar {
			toks = append(toks, tok{kind: tStar}) // "**" is the same as "*"
		}
		s = s[i+1:]
	}
	return toks
}

// indexWild returns the index of the first '*' or '?' in s, or -1 (strings.IndexAny, without
// building a character set on every call).
func indexWild(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return i
		}
	}
	return -1
}

// lowerToks lower-cases the literal text of toks in place and returns toks.
func lowerToks(toks []tok) []tok {
	for i := range toks {
		if toks[i].kind == tLit {
			toks[i].text = lowerASCII(toks[i].text)
		}
	}
	return toks
}

// splitToks splits toks at the colons of literal text, into at most n parts. The parts share
// one backing array.
func splitToks(toks []tok, n int) [][]tok {
	buf := make([]tok, 0, len(toks)+n)
	parts := make([][]tok, 0, n)
	start := 0
	for _, t := range toks {
		if t.kind != tLit {
			buf = append(buf, t)
			continue
		}
		text := t.text
		for len(parts) < n-1 {
			i := strings.IndexByte(text, ':')
			if i < 0 {
				break
			}
			buf = appendLitAt(buf, start, text[:i])
			parts = append(parts, buf[start:len(buf):len(buf)])
			start = len(buf)
			text = text[i+1:]
		}
		buf = appendLitAt(buf, start, text)
	}
	return append(parts, buf[start:len(buf):len(buf)])
}

// appendLitAt is appendLit for the part of buf that begins at start.
func appendLitAt(buf []tok, start int, s string) []tok {
	if s == "" {
		return buf
	}
	if n := len(buf); n > start && buf[n-1].kind == tLit {
		buf[n-1].text += s
		return buf
	}
	return append(buf, tok{kind: tLit, text: s})
}

type shape uint8

const (
	shapeExact shape = iota
	shapeAll
	shapePrefix
	shapeSuffix
	shapePrefixSuffix
	shapeContains
	shapeToks // the general case: matchGlob
)

// component is one independently matched piece of a pattern.
type component struct {
	shape  shape
	fold   bool
	cb     bool  // shapeSuffix, shapePrefixSuffix, shapeContains: the first '*' is bounded
	holes  bool  // the tokens include holes
	bmask  uint8 // the wildcards with flags&bmask != 0 are bounded (never match ':')
	minLen int   // shapeToks: the length of the shortest match, holes not counted
	a, b   string
	toks   []tok
}

// newComponent prepares toks for matching, ASCII case-insensitively when fold (toks' literal
// text must then be lower-case), with the wildcards whose flags meet bmask bounded.
func newComponent(toks []tok, fold bool, bmask uint8) (component, error) {
	c := component{fold: fold, toks: toks, bmask: bmask}
	for _, t := range toks {
		switch t.kind {
		case tHole:
			c.holes = true
		case tLit:
			c.minLen += len(t.text)
		case tOne:
			c.minLen++ // one code point is at least one byte
		}
	}
	lit := func(i int) bool { return toks[i].kind == tLit }
	star := func(i int) bool { return toks[i].kind == tStar }
	bounded := func(i int) bool { return toks[i].flags&bmask != 0 }
	switch {
	case c.holes:
		c.shape = shapeToks
	case len(toks) == 0:
		c.shape = shapeExact
	case len(toks) == 1 && lit(0):
		c.shape, c.a = shapeExact, toks[0].text
	case len(toks) == 1 && star(0):
		c.shape = shapeAll
	case len(toks) == 2 && lit(0) && star(1):
		c.shape, c.a = shapePrefix, toks[0].text
	case len(toks) == 2 && star(0) && lit(1):
		c.shape, c.b, c.cb = shapeSuffix, toks[1].text, bounded(0)
	case len(toks) == 3 && lit(0) && star(1) && lit(2):
		c.shape, c.a, c.b, c.cb = shapePrefixSuffix, toks[0].text, toks[2].text, bounded(1)
	case len(toks) == 3 && star(0) && lit(1) && star(2):
		c.shape, c.a, c.cb = shapeContains, toks[1].text, bounded(0)
	default:
		c.shape = shapeToks
	}
	return c, nil
}

// match reports whether s matches c. Cost: the shapes are O(len(s)+len(pattern)) (one or two
// comparisons, a colon scan for a bounded star, one substring search: strings.Index, or
// indexFold when folding); shapeToks is matchGlob's.
func (c *component) match(s string, holes []string) bool {
	switch c.shape {
	case shapeExact:
		return c.eq(s, c.a)
	case shapeAll:
		return true
	case shapePrefix:
		return len(s) >= len(c.a) && c.eq(s[:len(c.a)], c.a)
	case shapeSuffix:
		return len(s) >= len(c.b) && c.eq(s[len(s)-len(c.b):], c.b) &&
			(!c.cb || strings.IndexByte(s[:len(s)-len(c.b)], ':') < 0)
	case shapePrefixSuffix:
		return len(s) >= len(c.a)+len(c.b) && c.eq(s[:len(c.a)], c.a) && c.eq(s[len(s)-len(c.b):], c.b) &&
			(!c.cb || strings.IndexByte(s[len(c.a):len(s)-len(c.b)], ':') < 0)
	case shapeContains:
		// The earliest occurrence leaves the bounded star the least to cover.
		i := c.index(s, c.a)
		return i >= 0 && (!c.cb || strings.IndexByte(s[:i], ':') < 0)
	}
	// The shortest match is all literal text and one byte per '?' (holes at match time): a
	// shorter s is answered without searching.
	if len(s) < c.minLen {
		return false
	}
	if c.holes {
		n := c.minLen
		for i := range c.toks {
			if c.toks[i].kind == tHole {
				n += len(holes[c.toks[i].hole])
			}
		}
		if len(s) < n {
			return false
		}
	}
	return matchGlob(c.toks, s, holes, c.fold, c.bmask)
}

func (c *component) eq(s, t string) bool {
	if c.fold {
		return equalFold(s, t)
	}
	return s == t
}

func (c *component) index(s, sub string) int {
	if c.fold {
		return indexFold(s, sub)
	}
	return strings.Index(s, sub)
}

// matchGlob reports whether s matches toks: '*' is any run of characters and '?' one code
// point, except that a wildcard with flags&bmask != 0 ("bounded") never matches ':'; literal and
// hole text compare exactly, or ASCII case-insensitively when fold (literal text is then
// lower-case). It never allocates.
//
// It replaces github.com/gobwas/glob on the matching path: measured on this project's 2-core
// machine, gobwas v1.1.0 took 134 ns for a typical bucket/key pattern (this matcher: about 40 ns)
// and 3.1 ms for *a*a*a*a*a*a*a*b* against 10 KB of 'a' (this matcher: under 2 µs), and it cannot
// fold case, bound wildcards at colons, or take policy-variable values without recompiling.
// gobwas stays as an independent oracle in the tests (FuzzMatch).
//
// The method. Free stars (bounded ones are never adjacent to them: "**" is one star) cut the
// tokens into chunks; inside a chunk every star is bounded. A free star matches anything, so
// placing each chunk where its match ends earliest is never worse than any other placement; the
// first chunk is anchored at the start, and the last at the end (its tail after its last bounded
// star has one possible place there, found backwards). Inside a chunk every star matches
// [^:]*, the same language, so the classic backtracking that only ever returns to the most
// recent star is complete: giving an earlier star more characters moves the rest to a later
// start whose reachable text, up to the same colon, is a subset. (With two kinds of star mixed in
// one backtracking loop that argument fails, which is why free stars split chunks.) For the same
// reason, once a chunk fails from one start, a later start whose first star begins before the
// colon that stopped it fails too, so the search skips past that colon (search's barrier).
//
// Cost, n = len(s), m = the pattern's length (text and holes): the minimum-length precheck
// (component.match) answers inputs too short at once. After a free or bounded star, the next
// fixed run of literal and hole text is found by searching for its longest piece
// (strings.Index, or indexFold: linear) within the text the star can reach, so typical inputs
// take one pass. The worst case is a piece that occurs everywhere and then fails to extend:
//   - with free stars only (every rule but RuleResource, and Resource patterns without bounded
//     wildcards): each chunk tries each start in its own stretch of s once, at O(m) per try:
//     O(n·m);
//   - with bounded stars: a chunk's tries that reach its first star are at most one per
//     colon-free window of s (search's barrier), each O(m) per character it spans, and a try
//     spans at most 1+k windows, k the colons in the chunk's own text: O(n·m·(1+k)), k = 0 in
//     almost every real pattern.
//
// Never exponential in the number of stars; the stack and heap use are constant.
func matchGlob(toks []tok, s string, holes []string, fold bool, bmask uint8) bool {
	g := globber{s: s, holes: holes, fold: fold, bmask: bmask}
	pos, anchored := 0, true
	for ti := 0; ; {
		// The chunk toks[ti:cj] runs to the next free star; lastB is its last (bounded) star.
		cj, lastB := ti, -1
		for ; cj < len(toks); cj++ {
			if toks[cj].kind == tStar {
				if toks[cj].flags&bmask == 0 {
					break
				}
				lastB = cj
			}
		}
		if cj == len(toks) {
			// The last chunk ends where s ends, and its tail (after its last bounded star) has
			// exactly one place there.
			tail := toks[ti:]
			if lastB >= 0 {
				tail = toks[lastB+1:]
			}
			ts, ok := g.back(tail, pos)
			if !ok {
				return false
			}
			if lastB < 0 {
				return ts == pos || !anchored
			}
			// The head, ending with a bounded star, must end exactly where the tail starts.
			g.s = s[:ts]
			head := toks[ti : lastB+1]
			if anchored {
				_, ok, _, _ = g.chunk(head, pos, true, 0, -1)
			} else {
				_, ok = g.search(head, pos, true)
			}
			return ok
		}
		if cj > ti {
			var ok bool
			if anchored {
				pos, ok, _, _ = g.chunk(toks[ti:cj], pos, false, 0, -1)
			} else {
				pos, ok = g.search(toks[ti:cj], pos, false)
			}
			if !ok {
				return false
			}
		}
		ti = cj + 1 // past the free star
		if ti == len(toks) {
			return true // a final free star takes the rest
		}
		anchored = false
	}
}

// globber holds what matchGlob's steps share.
type globber struct {
	s     string
	holes []string
	fold  bool
	bmask uint8
}

func (g *globber) text(t *tok) string {
	if t.kind == tHole {
		return g.holes[t.hole]
	}
	return t.text
}

func (g *globber) eq(a, b string) bool {
	if g.fold {
		return equalFold(a, b)
	}
	return a == b
}

func (g *globber) index(s, sub string) int {
	if g.fold {
		return indexFold(s, sub)
	}
	return strings.Index(s, sub)
}

// back matches toks, which hold no star, so that they end where g.s ends and start at or after
// lo, and returns where they start. O(len of toks' text).
func (g *globber) back(toks []tok, lo int) (int, bool) {
	s := g.s
	e := len(s)
	for k := len(toks) - 1; k >= 0; k-- {
		t := &toks[k]
		if t.kind == tOne {
			if e <= lo {
				return 0, false
			}
			r, w := utf8.DecodeLastRuneInString(s[lo:e])
			if r == ':' && t.flags&g.bmask != 0 {
				return 0, false
			}
			e -= w
			continue
		}
		text := g.text(t)
		if e-lo < len(text) || !g.eq(s[e-len(text):e], text) {
			return 0, false
		}
		e -= len(text)
	}
	return e, true
}

// run picks, from the fixed run of literal and hole text that begins toks, the longest piece to
// search for, and its offset from the run's start ("" when the run is empty or all empty).
func (g *globber) run(toks []tok) (piece string, off int) {
	at := 0
	for k := range toks {
		t := &toks[k]
		if t.kind != tLit && t.kind != tHole {
			break
		}
		text := g.text(t)
		if len(text) > len(piece) {
			piece, off = text, at
		}
		at += len(text)
	}
	return piece, off
}

// seek returns the least y >= from at which piece occurs at y+off (any y when piece is ""),
// with no ':' in s[from:y] when bounded. Cost O(len(s)-from) at most, and when bounded only the
// text up to the first colon (plus the piece) is searched once s[from:] is long.
func (g *globber) seek(from int, piece string, off int, bounded bool) (int, bool) {
	s := g.s
	if piece == "" {
		return from, true
	}
	if len(s)-from < off+len(piece) {
		return 0, false
	}
	hay := s[from+off:]
	if bounded && len(hay) > 64 {
		if c := strings.IndexByte(s[from:], ':'); c >= 0 && c+len(piece) < len(hay) {
			hay = hay[:c+len(piece)]
		}
	}
	j := g.index(hay, piece)
	if j < 0 {
		return 0, false
	}
	if bounded && strings.IndexByte(s[from:from+j], ':') >= 0 {
		return 0, false
	}
	return from + j, true
}

// chunk matches toks, in which every star is bounded, at g.s[i:], and returns where the match
// ends (the earliest end); when mustEnd, only a match that ends where g.s ends counts. On
// failure it returns a barrier lo, hi: no later start whose first star begins in [lo, hi] can
// match (bar is the barrier so far, returned unchanged when this try says nothing new). Cost:
// O(w·len(toks' text)) for the w characters the first star can reach, O(len(toks' text)) when
// the chunk has no star.
func (g *globber) chunk(toks []tok, i int, mustEnd bool, barLo, barHi int) (end int, ok bool, lo, hi int) {
	s := g.s
	ti, si := 0, i
	starT, starS := -1, 0
	first := -1 // where the chunk's first star began
	piece, off := "", 0
	for {
		if ti < len(toks) {
			t := &toks[ti]
			switch t.kind {
			case tStar:
				if first < 0 {
					first = si
					if barLo <= si && si <= barHi {
						return 0, false, barLo, barHi
					}
				}
				ti++
				if ti == len(toks) {
					// A final bounded star (only the head of the last chunk has one) takes the
					// rest, which must hold no colon.
					if !mustEnd {
						return si, true, 0, -1
					}
					if strings.IndexByte(s[si:], ':') < 0 {
						return len(s), true, 0, -1
					}
					return g.chunkFail(first)
				}
				starT = ti - 1
				piece, off = g.run(toks[ti:])
				y, found := g.seek(si, piece, off, true)
				if !found {
					return g.chunkFail(first)
				}
				si, starS = y, y
				continue
			case tOne:
				if si < len(s) {
					r, w := utf8.DecodeRuneInString(s[si:])
					if r != ':' || t.flags&g.bmask == 0 {
						si += w
						ti++
						continue
					}
				}
			default:
				text := g.text(t)
				if len(s)-si >= len(text) && g.eq(s[si:si+len(text)], text) {
					si += len(text)
					ti++
					continue
				}
			}
		} else if !mustEnd || si == len(s) {
			return si, true, 0, -1
		}
		// Backtrack: the most recent star takes one more character, never a colon.
		if starT < 0 || starS >= len(s) || s[starS] == ':' {
			if first < 0 {
				return 0, false, barLo, barHi
			}
			return g.chunkFail(first)
		}
		_, w := utf8.DecodeRuneInString(s[starS:])
		y, found := g.seek(starS+w, piece, off, true)
		if !found {
			return g.chunkFail(first)
		}
		si, starS, ti = y, y, starT+1
	}
}

// chunkFail is chunk's answer after a failure that began its first star at first: the barrier
// runs from there to the next colon, the end of what that star could reach.
func (g *globber) chunkFail(first int) (int, bool, int, int) {
	c := strings.IndexByte(g.s[first:], ':')
	if c < 0 {
		c = len(g.s) - first
	}
	return 0, false, first, first + c
}

// search places the chunk toks (which begins with no star) at the earliest-ending start at or
// after pos and returns where it ends; when mustEnd, it must end where g.s ends. Candidate starts
// come from a search for the longest piece of the chunk's leading fixed run; a start whose first
// star would begin inside a failed start's barrier is rejected when it reaches that star.
func (g *globber) search(toks []tok, pos int, mustEnd bool) (int, bool) {
	piece, off := g.run(toks)
	lo, hi := 0, -1
	for i := pos; ; {
		var ok bool
		if i, ok = g.seek(i, piece, off, false); !ok {
			return 0, false // the piece occurs nowhere later: no later start can match
		}
		end, ok, l, h := g.chunk(toks, i, mustEnd, lo, hi)
		if ok {
			return end, true
		}
		if lo, hi = l, h; hi >= len(g.s) {
			// The failed star could reach the end of s: every later start's first star begins
			// inside that window (chunk starts and their first stars move forward together).
			return 0, false
		}
		if i >= len(g.s) {
			return 0, false
		}
		_, w := utf8.DecodeRuneInString(g.s[i:])
		i += w
	}
}

// indexFold is strings.Index comparing ASCII letters without case (equalFold). Short pieces are
// found by checking each start (O(len(s)·16) at most); longer ones by Rabin-Karp over the
// lower-cased bytes, O(len(s)+len(sub)) expected.
func indexFold(s, sub string) int {
	n := len(sub)
	switch {
	case n == 0:
		return 0
	case n > len(s):
		return -1
	case n <= 16:
		c := lowerByte(sub[0])
		for i := 0; i <= len(s)-n; i++ {
			if lowerByte(s[i]) == c && equalFold(s[i:i+n], sub) {
				return i
			}
		}
		return -1
	}
	const prime = 16777619
	var h, hs, pow uint32 = 0, 0, 1
	for i := 0; i < n; i++ {
		h = h*prime + uint32(lowerByte(sub[i]))
		hs = hs*prime + uint32(lowerByte(s[i]))
		pow *= prime
	}
	for i := 0; ; i++ {
		if hs == h && equalFold(s[i:i+n], sub) {
			return i
		}
		if i+n == len(s) {
			return -1
		}
		hs = hs*prime + uint32(lowerByte(s[i+n])) - pow*uint32(lowerByte(s[i]))
	}
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFold compares ASCII letters without case and every other byte exactly.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		// Different bytes are equal only as the two cases of one ASCII letter.
		if x |= 0x20; x != y|0x20 || x < 'a' || x > 'z' {
			return false
		}
	}
	return true
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
