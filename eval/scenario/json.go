package scenario

import (
	"github.com/iamgo/iam/internal/jsonerr"
)

// syntaxError locates and describes a syntax error in data, which encoding/json.Valid rejected.
// encoding/json's scanner does not recurse and refuses nesting deeper than 10,000 levels, so a
// hostile file cannot exhaust the stack (gjson's validator recurses, and is not used here).
func syntaxError(data []byte) (off int, msg string) {
	off, msg, _ = jsonerr.Describe(data)
	return off, msg
}
