// Package jsonerr describes JSON syntax errors the way every reader of this module reports them:
// the byte offset of the offending byte and encoding/json's description of it.
package jsonerr

import (
	"encoding/json"
	"errors"
	"strings"
)

// Describe returns where data stops being JSON and what was found there: the offset of the
// offending byte (len(data) for a truncated document) and a message. deep reports that
// encoding/json gave up at its nesting limit (10,000 levels) before finding the problem, so the
// offset only says where it gave up. Describe is for invalid data: on valid JSON it returns
// (0, "malformed", false).
func Describe(data []byte) (off int, msg string, deep bool) {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off, msg = int(se.Offset), se.Error()
		// Offset counts the bytes read, the offending one included.
		if off > 0 && off <= len(data) && strings.HasPrefix(msg, "invalid character") {
			off--
		}
		switch {
		case strings.Contains(msg, "exceeded max depth"):
			deep = true
		case strings.Contains(msg, "after top-level value"):
			msg = "unexpected data after the top-level object"
		case strings.Contains(msg, "end of JSON input"):
			off = len(data) // truncated: the problem is at the end
		}
		return min(off, len(data)), msg, deep
	}
	if err != nil {
		return len(data), err.Error(), false
	}
	return 0, "malformed", false
}

// LoneSurrogate returns the offset within raw (JSON text: one string with its quotes, or a whole
// document that encoding/json accepts, where backslashes occur only inside strings) of the first
// \u escape that is an unpaired UTF-16 surrogate, or -1. gjson silently turns those into U+FFFD,
// so a reader built on it must refuse them itself.
func LoneSurrogate(raw string) int {
	if strings.IndexByte(raw, '\\') < 0 {
		return -1
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		if i+1 >= len(raw) {
			break
		}
		if raw[i+1] != 'u' {
			i++
			continue
		}
		if i+6 > len(raw) {
			break
		}
		r := hex4(raw[i+2 : i+6])
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				if r2 := hex4(raw[i+8 : i+12]); r2 >= 0xDC00 && r2 < 0xE000 {
					i += 11
					continue
				}
			}
			return i
		case r >= 0xDC00 && r < 0xE000:
			return i
		}
		i += 5
	}
	return -1
}

func hex4(s string) rune {
	var r rune
	for i := 0; i < 4; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return -1
		}
	}
	return r
}
