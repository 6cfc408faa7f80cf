package main

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"strings"
)

// magic starts every encoded catalog; catalog/format.go reads the same layout.
const magic = "IAMCAT\x01\n"

// typeCode encodes a condition key type name: 1 String, 2 ARN, 3 Bool, 4 Numeric, 5 Date,
// 6 IPAddress, 7 Binary, with 0x80 set for the ArrayOf forms.
func typeCode(name string) (byte, error) {
	var arr byte
	base := name
	if b, ok := strings.CutPrefix(name, "ArrayOf"); ok {
		arr, base = 0x80, b
	}
	var c byte
	switch base {
	case "String":
		c = 1
	case "ARN", "Arn":
		c = 2
	case "Bool", "Boolean":
		c = 3
	case "Numeric", "Number", "Long", "Integer":
		c = 4
	case "Date":
		c = 5
	case "IPAddress":
		c = 6
	case "Binary":
		c = 7
	default:
		return 0, fmt.Errorf("unknown condition key type %q", name)
	}
	return c | arr, nil
}

type encoder struct {
	buf     []byte
	strings []string
	index   map[string]int
}

func (e *encoder) uvarint(v int) { e.buf = binary.AppendUvarint(e.buf, uint64(v)) }

func (e *encoder) str(s string) {
	i, ok := e.index[s]
	if !ok {
		i = len(e.strings)
		e.index[s] = i
		e.strings = append(e.strings, s)
	}
	e.uvarint(i)
}

func (e *encoder) list(ss []string) {
	e.uvarint(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

// Encode writes cat in the compact form, compressed with DEFLATE when deflate is set.
func Encode(cat *Catalog, deflate bool) ([]byte, error) {
	e := &encoder{index: map[string]int{}}
	e.uvarint(len(cat.Services))
	for _, s := range cat.Services {
		e.str(s.Prefix)
		e.str(s.Name)
		e.uvarint(len(s.Keys))
		for _, k := range s.Keys {
			t, err := typeCode(k.Type)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", s.Prefix, k.Name, err)
			}
			e.str(k.Name)
			e.buf = append(e.buf, t)
		}
		rtIndex := map[string]int{}
		e.uvarint(len(s.ResourceTypes))
		for i, rt := range s.ResourceTypes {
			rtIndex[strings.ToLower(rt.Name)] = i
			e.str(rt.Name)
			e.str(rt.ARN)
			e.list(rt.ConditionKeys)
		}
		e.uvarint(len(s.Actions))
		// The actions go in a block of their own, preceded by its length, so that a reader can
		// skip them until they are needed.
		body := e.buf
		e.buf = nil
		for _, a := range s.Actions {
			e.str(a.Name)
			e.buf = append(e.buf, a.Level)
			e.uvarint(len(a.Resources))
			for _, r := range a.Resources {
				i, ok := rtIndex[strings.ToLower(r.Type)]
				if !ok {
					return nil, fmt.Errorf("%s:%s: unknown resource type %q", s.Prefix, a.Name, r.Type)
				}
				e.uvarint(i)
				if r.Required {
					e.buf = append(e.buf, 1)
				} else {
					e.buf = append(e.buf, 0)
				}
				e.list(r.ConditionKeys)
				e.list(r.DependentActions)
			}
			e.list(a.ConditionKeys)
			e.list(a.DependentActions)
		}
		block := e.buf
		e.buf = binary.AppendUvarint(body, uint64(len(block)))
		e.buf = append(e.buf, block...)
	}
	// Header: magic, date, string table; then the body written above.
	var head []byte
	head = append(head, magic...)
	head = binary.AppendUvarint(head, uint64(len(cat.Date)))
	head = append(head, cat.Date...)
	head = binary.AppendUvarint(head, uint64(len(e.strings)))
	for _, s := range e.strings {
		head = binary.AppendUvarint(head, uint64(len(s)))
	}
	for _, s := range e.strings {
		head = append(head, s...)
	}
	raw := append(head, e.buf...)
	if !deflate {
		return raw, nil
	}
	return deflateBytes(raw)
}

// EncodeDescriptions writes the actions' descriptions, in catalog order (services by prefix,
// actions by lower-cased name), as a uvarint count and then each description as a uvarint
// length and its bytes, compressed with DEFLATE.
func EncodeDescriptions(cat *Catalog) ([]byte, error) {
	var raw []byte
	n := 0
	for _, s := range cat.Services {
		n += len(s.Actions)
	}
	raw = binary.AppendUvarint(raw, uint64(n))
	for _, s := range cat.Services {
		for _, a := range s.Actions {
			raw = binary.AppendUvarint(raw, uint64(len(a.Description)))
			raw = append(raw, a.Description...)
		}
	}
	return deflateBytes(raw)
}

// deflateBytes compresses raw with DEFLATE at the best compression.
func deflateBytes(raw []byte) ([]byte, error) {
	var out bytes.Buffer
	w, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
