package catalog

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The compact form, after DEFLATE decompression (written by internal/gen):
//
//	magic "IAMCAT\x01\n"
//	uvarint len, date
//	uvarint nStrings; nStrings × uvarint len; then the strings' bytes, concatenated
//	uvarint nActions, uvarint nListEntries, uvarint nActionResources (allocation hints)
//	uvarint nServices; per service (sorted by prefix):
//	    str prefix, str name
//	    uvarint nKeys; per key (sorted by lower-cased name): str name, byte type
//	    uvarint nTypes; per resource type: str name, str ARN format, list condition keys
//	    uvarint nActions; per action (sorted by lower-cased name):
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

func (e *decodeError) Error() string {
	return fmt.Sprintf("catalog: malformed data at byte %d: %s", e.off, e.msg)
}

type decoder struct {
	data    string
	off     int
	strs    []string
	err     error
	maxList int
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
	if v > uint64(len(d.data)) {
		// Every count and length in the format is bounded by the data's size.
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
// package). The result is independent of data, immutable and safe for concurrent use.
// Malformed data yields an error, never a panic.
func Load(data []byte) (*Catalog, error) {
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

	hintActions, hintEntries, hintResources := d.uvarint(), d.uvarint(), d.uvarint()
	// The hints only size allocations; a wrong hint costs time, never correctness. Each entry
	// takes at least one byte of data, which bounds them.
	c.actions = make([]Action, 0, min(hintActions, len(raw)-d.off))
	nsvc := d.uvarint()
	c.services = make([]Service, 0, min(nsvc, 4096))
	pool := make([]string, 0, min(hintEntries, len(raw)-d.off))
	arPool := make([]ActionResource, 0, min(hintResources, len(raw)-d.off))
	lowers := make([]byte, 0, len(raw)/2)
	lowerEnds := make([]int, 0, cap(c.actions))
	for si := range nsvc {
		if d.err != nil {
			break
		}
		c.services = append(c.services, Service{})
		s := &c.services[si]
		s.index = si
		s.Prefix = d.str()
		s.Name = d.str()
		if d.err == nil && (s.Prefix == "" || s.Prefix != strings.ToLower(s.Prefix) || (si > 0 && c.services[si-1].Prefix >= s.Prefix)) {
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
			s.Keys = append(s.Keys, ConditionKey{Name: name, Type: t})
		}
		nrt := d.uvarint()
		s.ResourceTypes = make([]ResourceType, 0, min(nrt, 4096))
		for range nrt {
			rt := ResourceType{Name: d.str(), ARN: d.str()}
			rt.ConditionKeys = d.list(&pool)
			s.ResourceTypes = append(s.ResourceTypes, rt)
		}
		na := d.uvarint()
		s.lo = len(c.actions)
		for range na {
			if d.err != nil {
				break
			}
			a := Action{Name: d.str(), Level: AccessLevel(d.byte())}
			if d.err == nil && (a.Level < List || a.Level > Tagging) {
				d.fail(fmt.Sprintf("bad access level %d", a.Level))
			}
			if d.err == nil && (a.Name == "" || strings.ContainsAny(a.Name, ":*?")) {
				d.fail(fmt.Sprintf("bad action name %q", a.Name))
			}
			nr := d.uvarint()
			arStart := len(arPool)
			for range nr {
				ti := d.uvarint()
				req := d.byte()
				if d.err == nil && (ti >= len(s.ResourceTypes) || req > 1) {
					d.fail("bad resource type reference")
				}
				if d.err != nil {
					break
				}
				ar := ActionResource{Type: &s.ResourceTypes[ti], Required: req == 1}
				ar.ConditionKeys = d.list(&pool)
				ar.DependentActions = d.list(&pool)
				arPool = append(arPool, ar)
			}
			if len(arPool) > arStart {
				a.Resources = arPool[arStart:len(arPool):len(arPool)]
			}
			a.ConditionKeys = d.list(&pool)
			a.DependentActions = d.list(&pool)
			for i := 0; i < len(a.Name); i++ {
				lowers = append(lowers, lowerByte(a.Name[i]))
			}
			lowerEnds = append(lowerEnds, len(lowers))
			c.actions = append(c.actions, a)
		}
		s.hi = len(c.actions)
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(raw) {
		return nil, &decodeError{d.off, "trailing data"}
	}
	all := string(lowers)
	start := 0
	for i := range c.actions {
		c.actions[i].lower = all[start:lowerEnds[i]]
		start = lowerEnds[i]
		c.actions[i].id = int32(i)
	}
	nrt := 0
	for si := range c.services {
		nrt += len(c.services[si].ResourceTypes)
	}
	lazies := make([]lazyFormat, nrt)
	for si := range c.services {
		s := &c.services[si]
		s.cat = c
		for i := range s.ResourceTypes {
			s.ResourceTypes[i].Service = s
			s.ResourceTypes[i].lazy = &lazies[0]
			lazies = lazies[1:]
		}
		for i := s.lo; i < s.hi; i++ {
			c.actions[i].Service = s
			if i > s.lo && c.actions[i-1].lower >= c.actions[i].lower {
				return nil, fmt.Errorf("catalog: malformed data: actions of %q not sorted or repeated at %q", s.Prefix, c.actions[i].Name)
			}
		}
		for i := 1; i < len(s.Keys); i++ {
			if cmpFold(s.Keys[i-1].Name, s.Keys[i].Name) > 0 {
				return nil, fmt.Errorf("catalog: malformed data: condition keys of %q not sorted", s.Prefix)
			}
		}
	}
	c.indexKeys()
	return c, nil
}
