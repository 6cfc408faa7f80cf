package policy

import (
	"bytes"
	"encoding/binary"
)

// scanJSON checks that data is one JSON value (RFC 8259; the same documents encoding/json.Valid
// accepts, given valid UTF-8) in a single pass without recursion, and returns every container's
// start and end offsets in order of their starts, so that the walk never rescans a container to
// find its end.
//
// It stops at the first problem in document order: deep reports a '[' or '{' nested deeper than
// max (max < 0: no limit) at offset at; bad reports a syntax error near at (syntaxError then
// describes it). The table is only meaningful when both are false.
func scanJSON(data []byte, max int) (table []bracket, at int, deep, bad bool) {
	// Sized once: brackets inside strings only make the estimate generous.
	table = make([]bracket, 0, bytes.Count(data, []byte{'{'})+bytes.Count(data, []byte{'['}))
	var stackBuf [32]int
	stack := stackBuf[:0] // indexes into table of the open containers
	n := len(data)
	i := skipWS(data, 0)
	for {
		// A value starts at i.
		if i >= n {
			return nil, i, false, true
		}
		switch c := data[i]; c {
		case '{', '[':
			if max >= 0 && len(stack) >= max {
				return nil, i, true, false
			}
			stack = append(stack, len(table))
			table = append(table, bracket{start: i, end: -1})
			i = skipWS(data, i+1)
			if i < n && data[i] == c+2 { // '}' or ']': empty container
				table[stack[len(stack)-1]].end = i + 1
				stack = stack[:len(stack)-1]
				i++
				break
			}
			if c == '{' {
				if i = objectKey(data, i); i < 0 {
					return nil, -i - 1, false, true
				}
			}
			continue
		case '"':
			j := validStringEnd(data, i)
			if j < 0 {
				return nil, -j - 1, false, true
			}
			i = j
		case 't':
			if !bytes.HasPrefix(data[i:], []byte("true")) {
				return nil, i, false, true
			}
			i += 4
		case 'f':
			if !bytes.HasPrefix(data[i:], []byte("false")) {
				return nil, i, false, true
			}
			i += 5
		case 'n':
			if !bytes.HasPrefix(data[i:], []byte("null")) {
				return nil, i, false, true
			}
			i += 4
		default:
			j := numberEnd(data, i)
			if j < 0 {
				return nil, -j - 1, false, true
			}
			i = j
		}
		// After a value: a comma, the end of its container, or the end of the document.
		for {
			i = skipWS(data, i)
			if len(stack) == 0 {
				if i != n {
					return nil, i, false, true
				}
				return table, 0, false, false
			}
			if i >= n {
				return nil, i, false, true
			}
			top := &table[stack[len(stack)-1]]
			open := data[top.start]
			switch data[i] {
			case ',':
				i = skipWS(data, i+1)
				if open == '{' {
					if i = objectKey(data, i); i < 0 {
						return nil, -i - 1, false, true
					}
				}
			case open + 2: // '}' or ']'
				top.end = i + 1
				stack = stack[:len(stack)-1]
				i++
				continue
			default:
				return nil, i, false, true
			}
			break
		}
	}
}

// objectKey reads a member's key and its colon at i and returns the offset of the value after
// them, or -(offset of the problem)-1.
func objectKey(data []byte, i int) int {
	if i >= len(data) || data[i] != '"' {
		return -i - 1
	}
	j := validStringEnd(data, i)
	if j < 0 {
		return j
	}
	j = skipWS(data, j)
	if j >= len(data) || data[j] != ':' {
		return -j - 1
	}
	return skipWS(data, j+1)
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

func special(w uint64) uint64 {
	quote := w ^ (ones * '"')
	slash := w ^ (ones * '\\')
	return ((w - ones*0x20) | (quote - ones) | (slash - ones)) &^ w & highs
}

// validStringEnd returns the offset just past the JSON string whose opening quote is at data[i], or
// -(offset of the problem)-1: a control character, a bad escape, or no closing quote.
func validStringEnd(data []byte, i int) int {
	j := i + 1
	for {
		for j+8 <= len(data) && special(binary.LittleEndian.Uint64(data[j:])) == 0 {
			j += 8
		}
		if j >= len(data) {
			return -len(data) - 1
		}
		switch c := data[j]; {
		case c == '"':
			return j + 1
		case c == '\\':
			if j+1 >= len(data) {
				return -len(data) - 1
			}
			switch data[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(data) {
					return -len(data) - 1
				}
				for k := j + 2; k < j+6; k++ {
					if !isHex(data[k]) {
						return -k - 1
					}
				}
				j += 6
			default:
				return -(j + 1) - 1
			}
		case c < 0x20:
			return -j - 1
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
