package scenario

import (
	"encoding/json"
	"errors"
	"strings"
)

// syntaxError locates and describes a syntax error in data, which encoding/json.Valid rejected.
// encoding/json's scanner does not recurse and refuses nesting deeper than 10,000 levels, so a
// hostile file cannot exhaust the stack (gjson's validator recurses, and is not used here).
func syntaxError(data []byte) (off int, msg string) {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, including the offending one.
		msg = se.Error()
		switch {
		case strings.Contains(msg, "after top-level value"):
			msg = "unexpected data after the top-level object"
		case strings.Contains(msg, "end of JSON input"):
			return len(data), msg // truncated: the problem is at the end
		}
		return max(int(se.Offset)-1, 0), msg
	}
	if err != nil {
		return len(data), err.Error()
	}
	return 0, "malformed"
}
