package jsonerr

import (
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		in   string
		off  int
		msg  string
		deep bool
	}{
		{`{"a": x}`, 6, "invalid character 'x' looking for beginning of value", false},
		{`{"a": 1} x`, 9, "unexpected data after the top-level object", false},
		{`{"a": 1`, 7, "unexpected end of JSON input", false},
		{``, 0, "unexpected end of JSON input", false},
		{strings.Repeat("[", 10001), 10000, "invalid character '[' exceeded max depth", true},
		{`{}`, 0, "malformed", false},
	} {
		off, msg, deep := Describe([]byte(tc.in))
		if off != tc.off || msg != tc.msg || deep != tc.deep {
			t.Errorf("Describe(%.20q) = %d %q %v, want %d %q %v", tc.in, off, msg, deep, tc.off, tc.msg, tc.deep)
		}
	}
}
