package scenario

import (
	"encoding/json"
	"errors"
)

type jsonSyntaxError struct{ off int }

func (e *jsonSyntaxError) Error() string { return "invalid JSON" }

// checkJSON finds the offset of a syntax error (only called when gjson says the input is invalid).
func checkJSON(data []byte) error {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, including the offending one.
		return &jsonSyntaxError{off: max(int(se.Offset)-1, 0)}
	}
	return &jsonSyntaxError{}
}
