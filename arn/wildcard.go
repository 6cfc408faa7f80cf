package arn

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/iamgo/iam/internal/ascii"
	"github.com/iamgo/iam/internal/sat"
	"github.com/iamgo/iam/internal/slab"
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
	// fDyn, on a star: the fixed run after it holds a hole, so the piece to search for is chosen
	// at match time; otherwise the star's text and hole fields hold that piece and its offset.
	fDyn
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

// lowerToks lower-cases the literal text of toks in place (lowerIn, with text) and returns toks.
func lowerToks(toks []tok, text *[]byte) []tok {
	for i := range toks {
		if toks[i].kind == tLit {
			toks[i].text = lowerIn(toks[i].text, text)
		}
	}
	return toks
}

// lowerIn is ascii.Lower (its slow twin, TestFastLowerInMatchesSlow), with the lower-cased copy
// of a text that has upper-case letters cut from the block *text when text is not nil: a block
// that runs out is replaced, never grown, so the texts cut from it stay as they are.
func lowerIn(s string, text *[]byte) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	if text == nil {
		return ascii.Lower(s)
	}
	b := *text
	if cap(b)-len(b) < len(s) {
		// A first block of 32 bytes (most groups lower a pattern or two), doubling to 4 KiB.
		b = make([]byte, 0, max(len(s), min(2*cap(b), 4096), 32))
	}
	off := len(b)
	b = append(b, s...)
	for j := off + i; j < len(b); j++ {
		if c := b[j]; 'A' <= c && c <= 'Z' {
			b[j] = c + 'a' - 'A'
		}
	}
	*text = b
	return unsafe.String(&b[off], len(s))
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
			parts = append(parts, slab.Carve(buf, start))
			start = len(buf)
			text = text[i+1:]
		}
		buf = appendLitAt(buf, start, text)
	}
	return append(parts, slab.Carve(buf, start))
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
	shapePrefixInfix // a*b*: a prefix, then b somewhere after it; the final star takes the rest
	shapeToks        // the general case: matchToks
)

// component is one independently matched piece of a pattern.
type component struct {
	shape  shape
	fold   bool
	cb     uint8 // shapeSuffix, shapePrefixSuffix, shapeContains: the flags of the first '*'
	holes  bool  // the tokens include holes
	bmask  uint8 // match: the wildcards with flags&bmask != 0 are bounded (never match ':')
	minLen int   // shapeToks: the length of the shortest match, holes not counted
	simple uint8 // the readings under which no bounded star follows a free one (matchToks)
	work   int   // shapeToks: the backtracking factor (see Pattern.Work)
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
	c.simple = bStrict | bOld
	var free uint8 // the readings under which a free star came before
	for i := range toks {
		if toks[i].kind == tStar {
			setPiece(toks, i)
			c.simple &^= free & toks[i].flags
			free |= ^toks[i].flags
		}
	}
	lit := func(i int) bool { return toks[i].kind == tLit }
	star := func(i int) bool { return toks[i].kind == tStar }
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
		c.shape, c.b, c.cb = shapeSuffix, toks[1].text, toks[0].flags
	case len(toks) == 3 && lit(0) && star(1) && lit(2):
		c.shape, c.a, c.b, c.cb = shapePrefixSuffix, toks[0].text, toks[2].text, toks[1].flags
	case len(toks) == 3 && star(0) && lit(1) && star(2):
		c.shape, c.a, c.cb = shapeContains, toks[1].text, toks[0].flags
	case len(toks) == 4 && lit(0) && star(1) && lit(2) && star(3):
		c.shape, c.a, c.b, c.cb = shapePrefixInfix, toks[0].text, toks[2].text, toks[1].flags
	default:
		c.shape = shapeToks
	}
	if c.shape == shapeToks {
		c.work = backtrackWork(toks)
	}
	return c, nil
}

// backtrackWork bounds what matchToks and matchChunks may redo per byte of the text: after the
// first star that is not the last token, every later token may be tried again from each
// position of the text (one unit per token, and per 64 bytes of literal text), and a bounded
// star multiplies that by one plus the colons of the literal text after it; at most maxWork. 0
// when the only star ends the pattern (one anchored pass).
func backtrackWork(toks []tok) int {
	first := -1
	for i, t := range toks {
		if t.kind == tStar && i < len(toks)-1 {
			first = i
			break
		}
	}
	if first < 0 {
		return 0
	}
	work, colons, bounded := 0, 0, false
	for _, t := range toks[first+1:] {
		work++
		switch t.kind {
		case tLit:
			work += len(t.text) >> 6
			colons += strings.Count(t.text, ":")
		case tStar, tOne:
			bounded = bounded || t.flags&(bStrict|bOld) != 0
		}
	}
	if bounded || toks[first].flags&(bStrict|bOld) != 0 {
		work = sat.Mul(work, 1+colons)
	}
	return min(work, maxWork)
}

// maxWork bounds backtrackWork and Pattern.Work: tokens times colons reach some 10¹¹ within the
// policy size limit, past a 32-bit int. A factor this large makes any text's charge exceed every
// practical budget (n·2³⁰ steps), and a caller's n·Work() saturates (internal/sat) instead of
// wrapping.
const maxWork = 1 << 30

// setPiece stores in the star toks[k] the longest literal of the fixed run of literal and hole
// text after it, and that literal's offset in the run (matchToks searches for it), or marks the
// star fDyn when the run holds a hole.
func setPiece(toks []tok, k int) {
	best, off, at := "", 0, 0
	toks[k].flags &^= fDyn
	for _, t := range toks[k+1:] {
		if t.kind == tHole {
			toks[k].flags |= fDyn
			best, off = "", 0
			break
		}
		if t.kind != tLit {
			break
		}
		if len(t.text) > len(best) {
			best, off = t.text, at
		}
		at += len(t.text)
	}
	toks[k].text, toks[k].hole = best, int32(off)
}

// match reports whether s matches c. Cost: the shapes are O(len(s)+len(pattern)) (one or two
// comparisons, a colon scan for a bounded star, one substring search: strings.Index, or
// indexFold when folding); shapeToks is matchToks'.
func (c *component) match(s string, holes []string) bool {
	return c.matchWith(s, holes, c.bmask)
}

// matchWith is match with the wildcards whose flags meet bmask bounded (c.bmask is the
// component's own reading; MatchResource also asks for R3.3's older one).
func (c *component) matchWith(s string, holes []string, bmask uint8) bool {
	switch c.shape {
	case shapeExact:
		return c.eq(s, c.a)
	case shapeAll:
		return true
	case shapePrefix:
		return len(s) >= len(c.a) && c.eq(s[:len(c.a)], c.a)
	case shapeSuffix:
		return len(s) >= len(c.b) && c.eq(s[len(s)-len(c.b):], c.b) &&
			(c.cb&bmask == 0 || strings.IndexByte(s[:len(s)-len(c.b)], ':') < 0)
	case shapePrefixSuffix:
		return len(s) >= len(c.a)+len(c.b) && c.eq(s[:len(c.a)], c.a) && c.eq(s[len(s)-len(c.b):], c.b) &&
			(c.cb&bmask == 0 || strings.IndexByte(s[len(c.a):len(s)-len(c.b)], ':') < 0)
	case shapeContains:
		// The earliest occurrence leaves the bounded star the least to cover.
		i := c.index(s, c.a)
		return i >= 0 && (c.cb&bmask == 0 || strings.IndexByte(s[:i], ':') < 0)
	case shapePrefixInfix:
		// "arn:aws:s3:::bucket/*/reports/*": the earliest b after the prefix, likewise.
		if len(s) < len(c.a) || !c.eq(s[:len(c.a)], c.a) {
			return false
		}
		rest := s[len(c.a):]
		i := c.index(rest, c.b)
		return i >= 0 && (c.cb&bmask == 0 || !hasColon(rest[:i]))
	}
	// The shortest match is all literal text and one byte per '?' (holes at match time): a
	// shorter s is answered without searching. The holes' lengths are added for long inputs
	// only, where a search could cost something; on short ones the sum would cost more than it
	// saves.
	if len(s) < c.minLen {
		return false
	}
	if c.holes && len(s) >= 256 {
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
	if c.simple&bmask == bmask {
		return matchToks(c.toks, s, holes, c.fold, bmask)
	}
	return matchChunks(c.toks, s, holes, c.fold, bmask)
}

func (c *component) eq(s, t string) bool {
	if c.fold {
		return ascii.EqualFold(s, t)
	}
	return s == t
}

func (c *component) index(s, sub string) int {
	if c.fold {
		return indexFold(s, sub)
	}
	return strings.Index(s, sub)
}

// matchToks is matchChunks for the usual patterns, where no bounded star follows a free one:
// then the tokens up to the first free star form one anchored chunk, and after it every star is
// free, so the classic loop that only ever returns to the most recent star is complete (see
// matchChunks), with bounded stars refusing ':'. When a bounded star cannot place what follows
// it, no earlier star can help: the match fails. Cost as matchChunks' free-star case,
// O(len(s)·len(pattern)) at worst, near-linear on typical inputs thanks to the jump searches.
//
// These loops replace github.com/gobwas/glob on the matching path: measured on this project's
// 2-core machine, gobwas v1.1.0 took 134 ns for a typical bucket/key pattern (this package: about
// 15-25 ns) and 3.1 ms for *a*a*a*a*a*a*a*b* against 10 KB of 'a' (this loop: under 1 µs), and it
// cannot fold case, bound wildcards at colons, or take policy-variable values without
// recompiling. gobwas stays as an independent oracle in the tests (FuzzMatch).
func matchToks(toks []tok, s string, holes []string, fold bool, bmask uint8) bool {
	ti, si := 0, 0
	starT, starS := -1, 0
	for {
		if ti < len(toks) {
			t := &toks[ti]
			switch t.kind {
			case tStar:
				starT, starS = ti, si
				ti++
				if ti == len(toks) {
					// A final star takes the rest (a bounded one, which Compile's rules never
					// produce, only without colons).
					if t.flags&bmask == 0 {
						return true
					}
					return !hasColon(s[si:])
				}
				if t.flags&fDyn == 0 && !fold {
					// The usual cases inline: a literal piece, at offset 0 (a run without holes
					// is one literal, adjacent literals being merged). A bounded star that
					// cannot reach it without crossing ':' fails the match.
					if p := t.text; p != "" {
						j := strings.Index(s[si:], p)
						if j < 0 {
							return false
						}
						if t.flags&bmask != 0 && hasColon(s[si:si+j]) {
							return false
						}
						si += j
						starS = si
					}
					continue
				}
				y, ok := starJump(toks, starT, s, si, holes, fold, bmask)
				if !ok {
					return false
				}
				si, starS = y, y
				continue
			case tOne:
				if si < len(s) {
					r, w := utf8.DecodeRuneInString(s[si:])
					if r != ':' || t.flags&bmask == 0 {
						si += w
						ti++
						continue
					}
				}
			default:
				text := t.text
				if t.kind == tHole {
					text = holes[t.hole]
				}
				if len(s)-si >= len(text) && (s[si:si+len(text)] == text || fold && ascii.EqualFold(s[si:si+len(text)], text)) {
					si += len(text)
					ti++
					continue
				}
			}
		} else if si == len(s) {
			return true
		}
		// Backtrack: the most recent star takes one more character (a bounded one never ':').
		if starT < 0 || starS >= len(s) {
			return false
		}
		t := &toks[starT]
		if t.flags&bmask != 0 && s[starS] == ':' {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[starS:])
		starS += w
		if t.flags&(fDyn|bmask) == 0 && !fold {
			// A free star and a literal piece, inline.
			if p := t.text; p != "" {
				j := strings.Index(s[starS:], p)
				if j < 0 {
					return false
				}
				starS += j
			}
		} else {
			y, ok := starJump(toks, starT, s, starS, holes, fold, bmask)
			if !ok {
				return false
			}
			starS = y
		}
		si, ti = starS, starT+1
	}
}

// matchChunks reports whether s matches toks: '*' is any run of characters and '?' one code
// point, except that a wildcard with flags&bmask != 0 ("bounded") never matches ':'; literal and
// hole text compare exactly, or ASCII case-insensitively when fold (literal text is then
// lower-case). It never allocates.
//
// The method. Free stars cut the tokens into chunks (a bounded star is never next to a free one:
// "**" is one star); inside a chunk every star is bounded. A free star matches anything, so
// placing each chunk where its match ends earliest is never worse than any other placement: the
// loop never returns to a free star before the most recent one, and when the current chunk
// cannot match from where that star leaves it, the star takes one more character. Inside a
// chunk every star matches [^:]*, one language, so returning only to the most recent bounded
// star is complete: giving an earlier star more characters moves the rest to a later start
// whose reachable text, up to the same colon, is a subset. (With two kinds of star mixed, the
// classic "most recent star" loop is wrong: a bounded star stopped by a colon may need an
// earlier free star to take more; hence the two levels.) By the same subset argument, once a
// chunk fails from one start, a later start whose first bounded star begins before the colon
// that stopped it fails too (the barrier), so those starts fail as soon as they reach it.
//
// Cost, n = len(s), m = the pattern's length (text and holes). After a star, the fixed run of
// literal and hole text that follows is found by searching for its longest piece
// (strings.Index, or indexFold when folding: linear; for a bounded star only within the text
// before the next colon), so typical inputs take one pass. The worst case is a piece that occurs
// everywhere and then fails to extend:
//   - free stars only (every rule but RuleResource, and Resource patterns without bounded
//     wildcards): each chunk tries each start in its own stretch of s once, at O(m) per try:
//     O(n·m);
//   - with bounded stars: a chunk's tries that reach its first bounded star are at most one per
//     colon-free window of s (the barrier), each O(m) per character it spans, and a try spans
//     at most 1+k windows, k the colons in the chunk's own text: O(n·m·(1+k)); k = 0 in almost
//     every real pattern.
//
// Never exponential in the number of stars; constant stack, no heap. The arguments assume valid
// UTF-8 (JSON text is); on invalid UTF-8, where '?' takes one byte per invalid byte, the loops
// still end within the same bounds.
func matchChunks(toks []tok, s string, holes []string, fold bool, bmask uint8) bool {
	ti, si := 0, 0
	fT, fS := -1, 0 // the most recent free star: its token, and where the text after it starts
	bT, bS := -1, 0 // the most recent bounded star of the current chunk try: token, end so far
	first := -1     // where the current try's first bounded star began
	barLo, barHi := 0, -1
	for {
		stuck := false // the current try of the chunk cannot match: the free star must take more
		if ti < len(toks) {
			t := &toks[ti]
			switch t.kind {
			case tStar:
				ti++
				if t.flags&bmask == 0 {
					if ti == len(toks) {
						return true // a final free star takes the rest
					}
					// A new chunk: the free star takes as little as the next piece allows.
					y := jump(toks, ti-1, s, si, holes, fold)
					if y < 0 {
						return false
					}
					si, fT, fS = y, ti-1, y
					bT, first, barLo, barHi = -1, -1, 0, -1
					continue
				}
				if first < 0 {
					first = si
					if barLo <= si && si <= barHi {
						stuck = true
						break
					}
				}
				if ti == len(toks) {
					// A final bounded star (not produced by Compile's rules) takes the rest.
					if strings.IndexByte(s[si:], ':') < 0 {
						return true
					}
					stuck = true
					break
				}
				var y int
				var ok bool
				if p := t.text; t.flags&fDyn == 0 && !fold && len(s)-si <= 64 {
					// The usual case inline: a short rest, a literal piece (at offset 0: a run
					// without holes is one literal, adjacent literals being merged).
					if j := strings.Index(s[si:], p); j >= 0 {
						y, ok = si+j, !hasColon(s[si:si+j])
					}
				} else {
					y, ok = jumpBounded(toks, ti-1, s, si, holes, fold)
				}
				if !ok {
					stuck = true
					break
				}
				si, bT, bS = y, ti-1, y
				continue
			case tOne:
				if si < len(s) {
					r, w := utf8.DecodeRuneInString(s[si:])
					if r != ':' || t.flags&bmask == 0 {
						si += w
						ti++
						continue
					}
				}
			default:
				text := t.text
				if t.kind == tHole {
					text = holes[t.hole]
				}
				if len(s)-si >= len(text) && (s[si:si+len(text)] == text || fold && ascii.EqualFold(s[si:si+len(text)], text)) {
					si += len(text)
					ti++
					continue
				}
			}
		} else if si == len(s) {
			return true
		}
		// Backtrack. First the chunk's most recent bounded star takes one more character (never
		// a colon).
		if !stuck && bT >= 0 && bS < len(s) && s[bS] != ':' {
			_, w := utf8.DecodeRuneInString(s[bS:])
			if y, ok := jumpBounded(toks, bT, s, bS+w, holes, fold); ok {
				si, bS, ti = y, y, bT+1
				continue
			}
		}
		// The chunk cannot match from here: the free star before it takes one more character.
		if fT < 0 || fS >= len(s) {
			return false
		}
		if first >= 0 {
			c := strings.IndexByte(s[first:], ':')
			if c < 0 {
				return false // every later try's first bounded star would begin in this window
			}
			barLo, barHi = first, first+c
		}
		_, w := utf8.DecodeRuneInString(s[fS:])
		y := jump(toks, fT, s, fS+w, holes, fold)
		if y < 0 {
			return false
		}
		si, fS, ti = y, y, fT+1
		bT, first = -1, -1
	}
}

// piece returns the text to search for after the star toks[k]: the longest piece of the fixed
// run of literal and hole text that follows it, and its offset in the run ("" for none).
// Compile stores it in the star's token unless the run holds a hole.
func piece(toks []tok, k int, holes []string) (string, int) {
	if toks[k].flags&fDyn == 0 {
		return toks[k].text, int(toks[k].hole)
	}
	best, off, at := "", 0, 0
	for _, t := range toks[k+1:] {
		if t.kind != tLit && t.kind != tHole {
			break
		}
		text := t.text
		if t.kind == tHole {
			text = holes[t.hole]
		}
		if len(text) > len(best) {
			best, off = text, at
		}
		at += len(text)
	}
	return best, off
}

// jump returns the least y >= from at which the run after the star toks[k] may begin (its
// longest piece occurs at y plus the piece's offset), or -1 when there is none. O(len(s)-from).
func jump(toks []tok, k int, s string, from int, holes []string, fold bool) int {
	p, off := piece(toks, k, holes)
	if p == "" {
		return from
	}
	if len(s)-from < off+len(p) {
		return -1
	}
	var j int
	if fold {
		j = indexFold(s[from+off:], p)
	} else {
		j = strings.Index(s[from+off:], p)
	}
	if j < 0 {
		return -1
	}
	return from + j
}

// starJump is jump or jumpBounded, as the star toks[k] is free or bounded under bmask.
func starJump(toks []tok, k int, s string, from int, holes []string, fold bool, bmask uint8) (int, bool) {
	if toks[k].flags&bmask != 0 {
		return jumpBounded(toks, k, s, from, holes, fold)
	}
	y := jump(toks, k, s, from, holes, fold)
	return y, y >= 0
}

// jumpBounded is jump for a bounded star at from: y, true when the run may begin at y with no
// colon in s[from:y]; false when there is no such y. (Unlike jump's -1, false does not end the
// whole match: a later try of the chunk may reach this star earlier than this search began.)
// Once s[from:] is long, only the text before the next colon (plus the piece) is searched, so
// the cost is O(that text).
func jumpBounded(toks []tok, k int, s string, from int, holes []string, fold bool) (int, bool) {
	p, off := piece(toks, k, holes)
	if p == "" {
		return from, true
	}
	if len(s)-from < off+len(p) {
		return 0, false
	}
	hay := s[from+off:]
	if len(hay) > 64 {
		if c := strings.IndexByte(s[from:], ':'); c >= 0 && c+len(p) < len(hay) {
			hay = hay[:c+len(p)]
		}
	}
	var j int
	if fold {
		j = indexFold(hay, p)
	} else {
		j = strings.Index(hay, p)
	}
	if j < 0 || strings.IndexByte(s[from:from+j], ':') >= 0 {
		return 0, false
	}
	return from + j, true
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
			if lowerByte(s[i]) == c && ascii.EqualFold(s[i:i+n], sub) {
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
		if hs == h && ascii.EqualFold(s[i:i+n], sub) {
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

// hasColon reports whether s holds a ':' (a loop the compiler inlines: cheaper than
// strings.IndexByte's call for the short gaps a bounded star usually covers).
func hasColon(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return true
		}
	}
	return false
}
