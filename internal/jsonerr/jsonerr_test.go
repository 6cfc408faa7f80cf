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

// TestLoneSurrogate: an unpaired UTF-16 surrogate escape is found at its offset (gjson would read it
// as U+FFFD, L11.1); pairs, other escapes and escaped backslashes are not surrogates.
func TestLoneSurrogate(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want int
	}{
		{`"plain"`, -1},
		{`"\ud83d\ude00"`, -1},      // a pair: one character
		{`"\u00e9\n\t\""`, -1},      // other escapes
		{`"\\ud800"`, -1},           // an escaped backslash, then text
		{`"\ud800"`, 1},             // a high surrogate alone
		{`"x\udc00"`, 2},            // a low surrogate alone
		{`"\ud800\u0041"`, 1},       // a high surrogate followed by no low one
		{`"\ud800\ud800\udc00"`, 1}, // the first high surrogate is unpaired
		{`{"k":"\uD83D","v":1}`, 6}, // upper-case hex, in a document
		{`"\ud80`, -1},              // cut short: not an escape this reader judges
		{`"ok\`, -1},
	} {
		if got := LoneSurrogate(tt.raw); got != tt.want {
			t.Errorf("LoneSurrogate(%q) = %d, want %d", tt.raw, got, tt.want)
		}
	}
}
