package catalog

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/iamgo/iam/internal/ascii"
)

// The compact form (written by internal/gen; optionally compressed with DEFLATE as a whole):
//
//	magic "IAMCAT\x01\n"
//	uvarint len, date
//	uvarint nStrings; nStrings × uvarint len; then the strings' bytes, concatenated
//	uvarint nServices; per service (sorted by prefix):
//	    str prefix, str name
//	    uvarint nKeys; per key (sorted by lower-cased name): str name, byte type (Type)
//	    uvarint nTypes; per resource type: str name, str ARN format, list condition keys
//	    uvarint nActions, uvarint block length, then the block: per action (sorted by lower-cased name):
//	        str name, byte access level,
//	        uvarint nResources; per resource: uvarint type index, byte required, list keys, list dependent actions
//	        list condition keys, list dependent actions
//
// where str is a uvarint index into the string table and list is a uvarint count followed by
// that many str.
const magic = "IAMCAT\x01\n"

// maxDecoded bounds the decompressed size, so that a hostile input cannot exhaust memory.
const maxDecoded = 64 << 20

// decodeError is the error Load returns for malformed data.
type decodeError struct {
	off int
	msg string
}

// Error implements error.
func (e *decodeError) Error() string {
	return fmt.Sprintf("catalog: malformed data at byte %d: %s", e.off, e.msg)
}

type decoder struct {
	data  string
	off   int
	strs  []string
	err   error
	bound int // every count and index is at most this (the whole data's size)
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = &decodeError{d.off, msg}
	}
}

func (d *decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for i := 0; ; i++ {
		if d.off >= len(d.data) {
			d.fail("unexpected end of data")
			return 0
		}
		b := d.data[d.off]
		d.off++
		if i == 9 && b > 1 {
			d.fail("varint overflows")
			return 0
		}
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			break
		}
		shift += 7
	}
	if v > uint64(max(len(d.data), d.bound)) {
		// Every count, length and index in the format is bounded by the data's size.
		d.fail("count larger than the data")
		return 0
	}
	return int(v)
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.data) {
		d.fail("unexpected end of data")
		return 0
	}
	b := d.data[d.off]
	d.off++
	return b
}

func (d *decoder) str() string {
	i := d.uvarint()
	if d.err != nil {
		return ""
	}
	if i >= len(d.strs) {
		d.fail("string index out of range")
		return ""
	}
	return d.strs[i]
}

// list reads a string list into pool (one shared backing array) and returns its slice.
func (d *decoder) list(pool *[]string) []string {
	n := d.uvarint()
	if n == 0 || d.err != nil {
		return nil
	}
	start := len(*pool)
	for range n {
		s := d.str()
		if d.err != nil {
			return nil
		}
		*pool = append(*pool, s)
	}
	return (*pool)[start:len(*pool):len(*pool)]
}

// Load decodes a catalog in the compact form written by the generator (see go generate in this
// package), plain or compressed with DEFLATE (the generator's -deflate flag). The result is
// independent of data, immutable and safe for concurrent use. Malformed data yields an error,
// never a panic.
func Load(data []byte) (*Catalog, error) {
	if bytes.HasPrefix(data, []byte(magic)) {
		return decode(string(data))
	}
	r := flate.NewReader(bytes.NewReader(data))
	var buf bytes.Buffer
	buf.Grow(len(data) * 4)
	n, err := io.Copy(&buf, io.LimitReader(r, maxDecoded+1))
	if err != nil {
		return nil, fmt.Errorf("catalog: cannot decompress data: %w", err)
	}
	if n > maxDecoded {
		return nil, errors.New("catalog: data larger than 64 MiB once decompressed")
	}
	return decode(buf.String())
}

func decode(raw string) (*Catalog, error) {
	if !strings.HasPrefix(raw, magic) {
		return nil, errors.New("catalog: not a catalog (bad magic)")
	}
	d := &decoder{data: raw, off: len(magic)}
	c := &Catalog{}
	nd := d.uvarint()
	if d.err == nil && d.off+nd <= len(raw) {
		c.date = raw[d.off : d.off+nd]
		d.off += nd
	} else {
		d.fail("date out of range")
	}
	ns := d.uvarint()
	lens := make([]int, 0, min(ns, 1<<16))
	for range ns {
		lens = append(lens, d.uvarint())
		if d.err != nil {
			return nil, d.err
		}
	}
	d.strs = make([]string, len(lens))
	for i, l := range lens {
		if d.off+l > len(raw) {
			d.fail("string out of range")
			return nil, d.err
		}
		d.strs[i] = raw[d.off : d.off+l]
		d.off += l
	}

	nsvc := d.uvarint()
	c.services = make([]Service, 0, min(nsvc, 4096))
	for si := range nsvc {
		if d.err != nil {
			break
		}
		c.services = append(c.services, Service{})
		s := &c.services[si]
		s.index = si
		s.Prefix = d.str()
		s.Name = d.str()
		if d.err == nil && (s.Prefix == "" || s.Prefix != ascii.Lower(s.Prefix) || (si > 0 && c.services[si-1].Prefix >= s.Prefix)) {
			d.fail(fmt.Sprintf("service prefix %q empty, not lower case or out of order", s.Prefix))
		}
		nk := d.uvarint()
		s.Keys = make([]ConditionKey, 0, min(nk, 4096))
		for range nk {
			name := d.str()
			t := Type(d.byte())
			if d.err == nil && !t.valid() {
				d.fail(fmt.Sprintf("bad type code %d", t))
			}
			if d.err == nil && len(s.Keys) > 0 && cmpFold(s.Keys[len(s.Keys)-1].Name, name) > 0 {
				d.fail(fmt.Sprintf("condition keys of %q not sorted", s.Prefix))
			}
			s.Keys = append(s.Keys, ConditionKey{Name: name, Type: t})
		}
		nrt := d.uvarint()
		s.ResourceTypes = make([]ResourceType, 0, min(nrt, 4096))
		var pool []string
		for range nrt {
			rt := ResourceType{Name: d.str(), ARN: d.str()}
			rt.ConditionKeys = d.list(&pool)
			s.ResourceTypes = append(s.ResourceTypes, rt)
		}
		na := d.uvarint()
		nb := d.uvarint()
		if d.err != nil {
			break
		}
		if d.off+nb > len(raw) {
			d.fail("action block out of range")
			break
		}
		s.block = raw[d.off : d.off+nb]
		s.lo = c.nActions
		s.hi = c.nActions + na
		c.nActions += na
		// Check the block now, so that decoding it on first use cannot fail.
		if err := d.checkBlock(s, na); err != nil {
			return nil, err
		}
		d.off += nb
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(raw) {
		return nil, &decodeError{d.off, "trailing data"}
	}
	nrt := 0
	for si := range c.services {
		nrt += len(c.services[si].ResourceTypes)
	}
	lazies := make([]lazyFormat, nrt)
	for si := range c.services {
		s := &c.services[si]
		s.cat = c
		s.load = new(lazyActions)
		for i := range s.ResourceTypes {
			s.ResourceTypes[i].Service = s
			s.ResourceTypes[i].lazy = &lazies[0]
			lazies = lazies[1:]
		}
	}
	c.strs = d.strs
	c.size = len(raw)
	c.indexKeys()
	return c, nil
}

// checkBlock walks a service's action block without building anything: every field in range,
// access levels known, names sorted without case and unique, the block used up exactly.
func (d *decoder) checkBlock(s *Service, n int) error {
	b := &decoder{data: s.block, strs: d.strs, bound: len(d.data)}
	prev := ""
	for range n {
		name := b.str()
		lv := AccessLevel(b.byte())
		if b.err != nil {
			break
		}
		if lv < List || lv > Tagging {
			b.fail(fmt.Sprintf("bad access level %d", lv))
			break
		}
		if name == "" || strings.ContainsAny(name, ":*?") {
			b.fail(fmt.Sprintf("bad action name %q", name))
			break
		}
		if prev != "" && cmpFold(prev, name) >= 0 {
			b.fail(fmt.Sprintf("actions of %q not sorted or repeated at %q", s.Prefix, name))
			break
		}
		prev = name
		nr := b.uvarint()
		for range nr {
			ti := b.uvarint()
			req := b.byte()
			if b.err == nil && (ti >= len(s.ResourceTypes) || req > 1) {
				b.fail("bad resource type reference")
			}
			s.nEntries += b.skipList() + b.skipList()
		}
		s.nResources += nr
		s.nEntries += b.skipList() + b.skipList()
		if b.err != nil {
			break
		}
	}
	if b.err == nil && b.off != len(b.data) {
		b.fail("action block longer than its actions")
	}
	if b.err != nil {
		e := b.err.(*decodeError)
		return &decodeError{d.off + e.off, e.msg}
	}
	return nil
}

// skipList reads a string list without keeping it and returns its length.
func (d *decoder) skipList() int {
	n := d.uvarint()
	for range n {
		d.str()
		if d.err != nil {
			return 0
		}
	}
	return n
}

// lazyActions holds a service's actions, decoded from its block on first use.
type lazyActions struct {
	once sync.Once
	acts []Action
}

// actions returns the service's actions, decoding them on first use. The block was checked by
// Load, so decoding cannot fail.
func (s *Service) actions() []Action {
	s.load.once.Do(func() {
		d := &decoder{data: s.block, strs: s.cat.strs, bound: s.cat.size}
		n := s.hi - s.lo
		acts := make([]Action, n)
		lowers := make([]byte, 0, len(s.block)) // names take less than the block
		ends := make([]int, n)
		// Exact sizes (counted by checkBlock): the lists' backing arrays are never reallocated,
		// so no half-used copy stays alive behind the slices that point into it.
		pool := make([]string, 0, s.nEntries)
		arPool := make([]ActionResource, 0, s.nResources)
		for i := range acts {
			a := &acts[i]
			a.Name = d.str()
			a.Level = AccessLevel(d.byte())
			a.Service = s
			a.id = int32(s.lo + i)
			nr := d.uvarint()
			start := len(arPool)
			for range nr {
				ti := d.uvarint()
				req := d.byte()
				ar := ActionResource{Type: &s.ResourceTypes[ti], Required: req == 1}
				ar.ConditionKeys = d.list(&pool)
				ar.DependentActions = d.list(&pool)
				arPool = append(arPool, ar)
			}
			if len(arPool) > start {
				a.Resources = arPool[start:len(arPool):len(arPool)]
			}
			a.ConditionKeys = d.list(&pool)
			a.DependentActions = d.list(&pool)
			for j := 0; j < len(a.Name); j++ {
				lowers = append(lowers, lowerByte(a.Name[j]))
			}
			ends[i] = len(lowers)
		}
		all := string(lowers)
		start := 0
		for i := range acts {
			acts[i].lower = all[start:ends[i]]
			start = ends[i]
		}
		s.load.acts = acts
	})
	return s.load.acts
}
