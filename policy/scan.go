package policy

import (
	"bytes"
	"encoding/binary"
)

// entry is one JSON value or member key of a document, in document order: the tape scanJSON
// writes and the walker reads, so that no byte is scanned twice.
type entry struct {
	start, end uint32 // the value's bytes, quotes and brackets included
	next       uint32 // the index of the entry after this value and everything inside it
	kind       byte   // '{', '[', '"', 't', 'f', 'n' (null) or '0' (a number)
	esc        bool   // a string with a backslash escape
}

// maxScan is the largest document scanJSON reads (its tape holds 32-bit offsets); Parse rejects
// larger ones as too large whatever Options.MaxBytes says.
const maxScan uint64 = 1<<32 - 1

// scanJSON checks that data is one JSON value (RFC 8259; the same documents encoding/json.Valid
// accepts, given valid UTF-8) in a single pass without recursion, and returns its tape: every
// value and key as an entry, in document order.
//
// It stops at the first problem in document order: deep reports a '[' or '{' nested deeper than
// max (max < 0: no limit) at offset at; bad reports a syntax error near at (syntaxError then
// describes it). The tape is only meaningful when both are false.
//
// The tape is written into buf when it fits (Parse reuses tapes).
//
// Measured: replacing gjson.ValidBytes and a bracket scan, ParseReadOnlyAccess ~16% faster
// (3649b34); the walker reading the tape instead of bytes, ParseW1 ~10% and ParseReadOnlyAccess
// ~9% faster (1fb8939). Slow twins: encoding/json.Valid and a recursive reference tape
// (TestFastScanJSONMatchesSlow, FuzzScanJSON).
func scanJSON(data []byte, max int, buf []entry) (tape []entry, at int, deep, bad bool) {
	// Sized once for policies: a string per two quotes and the containers (brackets inside
	// strings only make the estimate generous; numbers and literals may make it grow).
	if n := bytes.Count(data, []byte{'"'})/2 + bytes.Count(data, []byte{'{'}) + bytes.Count(data, []byte{'['}) + 2; n <= cap(buf) {
		tape = buf[:0]
	} else {
		tape = make([]entry, 0, n)
	}
	var stackBuf [32]uint32
	stack := stackBuf[:0] // tape indexes of the open containers
	n := len(data)
	i := skipWS(data, 0)
	for {
		// A value starts at i.
		if i >= n {
			return nil, i, false, true
		}
		cur := uint32(len(tape)) // the tape index of this value
		switch c := data[i]; c {
		case '{', '[':
			if max >= 0 && len(stack) >= max {
				return nil, i, true, false
			}
			tape = append(tape, entry{start: uint32(i), kind: c})
			i = skipWS(data, i+1)
			if i < n && data[i] == c+2 { // '}' or ']': empty container
				i++
				tape[cur].end, tape[cur].next = uint32(i), uint32(len(tape))
				break
			}
			stack = append(stack, cur)
			if c == '{' {
				if tape, i = objectKey(tape, data, i); i < 0 {
					return nil, -i - 1, false, true
				}
			}
			continue
		case '"':
			j, esc := validStringEnd(data, i)
			if j < 0 {
				return nil, -j - 1, false, true
			}
			tape = append(tape, entry{start: uint32(i), end: uint32(j), next: cur + 1, kind: '"', esc: esc})
			i = j
		case 't', 'f', 'n':
			word := "null"
			switch c {
			case 't':
				word = "true"
			case 'f':
				word = "false"
			}
			if !bytes.HasPrefix(data[i:], []byte(word)) {
				return nil, i, false, true
			}
			tape = append(tape, entry{start: uint32(i), end: uint32(i + len(word)), next: cur + 1, kind: c})
			i += len(word)
		default:
			j := numberEnd(data, i)
			if j < 0 {
				return nil, -j - 1, false, true
			}
			tape = append(tape, entry{start: uint32(i), end: uint32(j), next: cur + 1, kind: '0'})
			i = j
		}
		// After a value: a comma, the end of its container, or the end of the document.
		for {
			i = skipWS(data, i)
			if len(stack) == 0 {
				if i != n {
					return nil, i, false, true
				}
				return tape, 0, false, false
			}
			if i >= n {
				return nil, i, false, true
			}
			top := stack[len(stack)-1]
			open := tape[top].kind
			switch data[i] {
			case ',':
				i = skipWS(data, i+1)
				if open == '{' {
					if tape, i = objectKey(tape, data, i); i < 0 {
						return nil, -i - 1, false, true
					}
				}
			case open + 2: // '}' or ']'
				i++
				tape[top].end, tape[top].next = uint32(i), uint32(len(tape))
				stack = stack[:len(stack)-1]
				continue
			default:
				return nil, i, false, true
			}
			break
		}
	}
}

// objectKey reads a member's key (onto the tape) and its colon at i and returns the offset of
// the value after them, or -(offset of the problem)-1.
func objectKey(tape []entry, data []byte, i int) ([]entry, int) {
	if i >= len(data) || data[i] != '"' {
		return tape, -i - 1
	}
	j, esc := validStringEnd(data, i)
	if j < 0 {
		return tape, j
	}
	tape = append(tape, entry{start: uint32(i), end: uint32(j), next: uint32(len(tape) + 1), kind: '"', esc: esc})
	j = skipWS(data, j)
	if j >= len(data) || data[j] != ':' {
		return tape, -j - 1
	}
	return tape, skipWS(data, j+1)
}

func skipWS(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		}
		break
	}
	return i
}

// Bit tricks over eight bytes at once: a word's bytes that are below 0x20, '"' or '\\' (the
// bytes a JSON string has to look at) set the high bit of their byte in special (and possibly a
// few higher bytes after a true hit, which the byte loop then sorts out).
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Measured as part of the tape pass (1fb8939); checked through TestFastScanJSONMatchesSlow.
func special(w uint64) uint64 {
	quote := w ^ (ones * '"')
	slash := w ^ (ones * '\\')
	return ((w - ones*0x20) | (quote - ones) | (slash - ones)) &^ w & highs
}

// validStringEnd returns the offset just past the JSON string whose opening quote is at data[i]
// and whether it holds an escape, or -(offset of the problem)-1: a control character, a bad
// escape, or no closing quote.
func validStringEnd(data []byte, i int) (int, bool) {
	j := i + 1
	esc := false
	for {
		for j+8 <= len(data) && special(binary.LittleEndian.Uint64(data[j:])) == 0 {
			j += 8
		}
		if j >= len(data) {
			return -len(data) - 1, esc
		}
		switch c := data[j]; {
		case c == '"':
			return j + 1, esc
		case c == '\\':
			esc = true
			if j+1 >= len(data) {
				return -len(data) - 1, esc
			}
			switch data[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(data) {
					return -len(data) - 1, esc
				}
				for k := j + 2; k < j+6; k++ {
					if !isHex(data[k]) {
						return -k - 1, esc
					}
				}
				j += 6
			default:
				return -(j + 1) - 1, esc
			}
		case c < 0x20:
			return -j - 1, esc
		default:
			j++
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// numberEnd returns the offset just past the JSON number at data[i], or -(offset of the
// problem)-1: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func numberEnd(data []byte, i int) int {
	n := len(data)
	if i < n && data[i] == '-' {
		i++
	}
	switch {
	case i < n && data[i] == '0':
		i++
	case i < n && '1' <= data[i] && data[i] <= '9':
		i = digits(data, i)
	default:
		return -i - 1
	}
	if i < n && data[i] == '.' {
		i++
		if i >= n || !isDigit(data[i]) {
			return -i - 1
		}
		i = digits(data, i)
	}
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < n && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= n || !isDigit(data[i]) {
			return -i - 1
		}
		i = digits(data, i)
	}
	return i
}

func digits(data []byte, i int) int {
	for i < len(data) && isDigit(data[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
