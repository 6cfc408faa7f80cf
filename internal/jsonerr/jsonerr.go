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
