package condition

import "github.com/iamgo/iam/internal/ascii"

// Block is a Condition element: all its conditions must hold (C5.1). The zero Block is empty and
// evaluates to True. A Block is immutable once built.
type Block struct {
	conds []*Condition
}

// NewBlock returns the block of the given conditions.
func NewBlock(conds ...*Condition) Block { return Block{conds: conds} }

// Len returns the number of conditions.
func (b *Block) Len() int { return len(b.conds) }

// Conditions returns the block's conditions (do not modify).
func (b *Block) Conditions() []*Condition { return b.conds }

// Eval returns False if any condition is false, else Unknown if any is unknown, else True. It
// stops at the first false condition and does not allocate.
func (b *Block) Eval(ctx *Context) Result {
	res := True
	for _, c := range b.conds {
		switch c.Eval(ctx) {
		case False:
			return False
		case Unknown:
			res = Unknown
		}
	}
	return res
}

// MissingKeys appends to dst every key the block reads that ctx lacks (variables with defaults
// excepted), without duplicates: the IAM policy simulator's "missing context values" (M10.3).
// To collect over many blocks, use a MissingSet: it stays linear in the keys read.
func (b *Block) MissingKeys(ctx *Context, dst []string) []string {
	m := MissingSet{Keys: dst}
	for _, k := range dst {
		m.mark(k)
	}
	m.Add(b, ctx)
	return m.Keys
}

// MaxMissing is the most keys a MissingSet collects: past it, Add does nothing and Truncated
// reports true.
const MaxMissing = 1000

// MissingSet collects the context keys that conditions read but a context lacks (M10.3), each
// once (compared without case), over any number of blocks, in time linear in the keys read.
// The zero MissingSet is ready to use; use one per context.
type MissingSet struct {
	// Keys are the missing keys, in the order found.
	Keys []string
	// Truncated is set once MaxMissing keys were collected and more were missing.
	Truncated bool
	seen      map[string]bool // lower-cased Keys
	have      map[string]bool // lower-cased keys of the context, built on first use
}

func (m *MissingSet) mark(k string) {
	if m.seen == nil {
		m.seen = make(map[string]bool)
	}
	m.seen[ascii.Lower(k)] = true
}

// Add collects the keys of b's conditions that ctx lacks.
func (m *MissingSet) Add(b *Block, ctx *Context) {
	if b == nil || m.Truncated {
		return
	}
	if m.have == nil {
		m.have = make(map[string]bool)
		if ctx != nil {
			for _, list := range [2][]Entry{ctx.Keys, ctx.Fallback} {
				for i := range list {
					m.have[ascii.Lower(list[i].Key)] = true
				}
			}
		}
	}
	var buf [256]byte
	for _, c := range b.conds {
		for i, k := range c.keys {
			if i > 0 && c.keyDefault[i] {
				continue // every variable naming the key has a default
			}
			lk := ascii.AppendLower(buf[:0], k)
			if m.have[string(lk)] || m.seen[string(lk)] {
				continue
			}
			if len(m.Keys) == MaxMissing {
				m.Truncated = true
				return
			}
			m.mark(k)
			m.Keys = append(m.Keys, k)
		}
	}
}
