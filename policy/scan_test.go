package policy

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// scanCases are the edges of the JSON grammar (RFC 8259) the one-pass validator has to get right:
// numbers, literals, escapes, control characters, separators and nesting.
var scanCases = []string{
	``, ` `, `{}`, ` {} `, `[]`, `{} x`, `{}{}`, `[1 2]`, `[1,]`, `[,1]`, `{,}`, `{"a"}`, `{"a":}`, `{"a" 1}`,
	`{"a":1,}`, `{1:2}`, `{"a":1 "b":2}`, `{"a":[1,{"b":null}],"c":{}}`, `[[[]]]`, `[[[]]`, `[]]`, `{]`, `[}`,
	`0`, `-0`, `-`, `01`, `1.`, `1.5`, `.5`, `1e`, `1e+`, `1e+5`, `1E-5`, `1.5e3`, `-1.0e-0`, `+1`, `0x1`, `1e5.0`, `[-]`,
	`true`, `tru`, `truex`, `[true,false,null]`, `nul`, `nulll`, `[fals]`, `True`,
	`""`, `"`, `"abc`, `"a\"b"`, `"a\\"`, `"a\\\"`, `"\/\b\f\n\r\t"`, `"\u00e9"`, `"\u00G9"`, `"\u00e"`, `"\x"`, `"\'"`,
	"\"a\tb\"", "\"a\nb\"", "\"a\x00b\"", "\"a\x1fb\"", "\"a\x7fb\"", `"é"`, `"a\`, `"\u`,
	"{\"a\":1}\n", "\t[\r\n1\r\n]\t", "[1\v]", "\xef\xbb\xbf{}",
	`"` + strings.Repeat("0123456789abcdef", 5) + `"`, `"` + strings.Repeat("x", 7) + `\"` + strings.Repeat("y", 9) + `"`,
	`{"k":"` + strings.Repeat("\\u0041", 3) + `"}`,
}

// TestFastScanJSONMatchesSlow checks that scanJSON accepts exactly what encoding/json.Valid
// accepts (for valid UTF-8: Parse checks UTF-8 first) and that its bracket table is every
// container's extent, on the grammar's edge cases and on thousands of mutated policies.
func TestFastScanJSONMatchesSlow(t *testing.T) {
	inputs := append([]string(nil), scanCases...)
	rng := rand.New(rand.NewPCG(1, 2))
	var seeds []string
	if dir, err := findShared("policies/aws-managed"); err == nil {
		for _, name := range []string{"AmazonS3ReadOnlyAccess.json", "AmazonEC2FullAccess.json", "AWSLambda_FullAccess.json"} {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				seeds = append(seeds, string(data))
			}
		}
	}
	seeds = append(seeds, smallPolicy, `{"a":[1,-2.5e3,true,false,null,"x\"y\\z\u00e9"],"b":{"c":{}}}`)
	const alphabet = "{}[]\",:\\ 0123456789-+.eEtrufalsn\t\nu\x01"
	for _, s := range seeds {
		inputs = append(inputs, s)
		for range 400 {
			b := []byte(s)
			for range 1 + rng.IntN(3) {
				i := rng.IntN(len(b))
				switch rng.IntN(3) {
				case 0:
					b[i] = alphabet[rng.IntN(len(alphabet))]
				case 1:
					b = append(b[:i], b[i+1:]...)
				default:
					b = append(b[:i], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[i:]...)...)
				}
				if len(b) == 0 {
					break
				}
			}
			inputs = append(inputs, string(b))
		}
	}
	valid := 0
	for _, in := range inputs {
		if checkScan(t, []byte(in)) {
			valid++
		}
	}
	if valid < 50 || valid == len(inputs) {
		t.Errorf("%d of %d inputs valid: the mutations no longer test both sides", valid, len(inputs))
	}
}

// checkScan compares scanJSON with encoding/json on data and reports whether data is valid.
func checkScan(t *testing.T, data []byte) bool {
	t.Helper()
	if !utf8.Valid(data) {
		return false
	}
	tape, _, deep, bad := scanJSON(data, -1, nil)
	want := json.Valid(data)
	if deep {
		t.Fatalf("%q: too deep without a limit", data)
	}
	if !bad != want {
		t.Fatalf("%q: scanJSON valid=%v, encoding/json.Valid=%v", data, !bad, want)
	}
	if want {
		var ref refTape
		ref.value(data, skipWS(data, 0))
		if d := cmp.Diff(ref.tape, tape, cmp.AllowUnexported(entry{})); d != "" {
			t.Fatalf("%q: tape differs (-want +got):\n%s", data, d)
		}
	}
	return want
}

// refTape builds the reference tape of valid JSON by recursive descent, reading strings byte by
// byte and numbers and literals up to the next delimiter.
type refTape struct{ tape []entry }

func (r *refTape) value(data []byte, i int) int {
	at := len(r.tape)
	r.tape = append(r.tape, entry{start: uint32(i), kind: data[i]})
	switch c := data[i]; c {
	case '{', '[':
		i = skipWS(data, i+1)
		for data[i] != c+2 {
			if c == '{' {
				i = r.value(data, i) // the key
				i = skipWS(data, i) + 1
				i = skipWS(data, i)
			}
			i = skipWS(data, r.value(data, i))
			if data[i] == ',' {
				i = skipWS(data, i+1)
			}
		}
		i++
	case '"':
		for i++; data[i] != '"'; i++ {
			if data[i] == '\\' {
				r.tape[at].esc = true
				i++
			}
		}
		i++
	default:
		for i < len(data) && !strings.ContainsRune(",]} \t\n\r", rune(data[i])) {
			i++
		}
		if c == '-' || c >= '0' && c <= '9' {
			r.tape[at].kind = '0'
		}
	}
	r.tape[at].end, r.tape[at].next = uint32(i), uint32(len(r.tape))
	return i
}

// TestScanJSONDepth checks the nesting limit: the first container deeper than max is reported
// at its offset, brackets in strings do not count, and a syntax error before it wins.
func TestScanJSONDepth(t *testing.T) {
	for _, tc := range []struct {
		in       string
		max      int
		deep     bool
		bad      bool
		at       int
		comments string
	}{
		{`[[[]]]`, 3, false, false, 0, "exactly at the limit"},
		{`[[[[]]]]`, 3, true, false, 3, "one level more"},
		{`{"a":"[[[[[[","b":[[1]]}`, 3, false, false, 0, "brackets inside strings"},
		{`{"a":{"b":[{}]}}`, 3, true, false, 11, "mixed containers"},
		{`[1,x,[[[[]]]]]`, 3, false, true, 3, "the syntax error comes first"},
		{`[[[[]]]] x`, 3, true, false, 3, "the depth comes first"},
		{`[[[[]]]]`, -1, false, false, 0, "no limit"},
		{`[[[[]]]]`, 0, true, false, 0, "limit zero refuses any container"},
	} {
		_, at, deep, bad := scanJSON([]byte(tc.in), tc.max, nil)
		if deep != tc.deep || bad != tc.bad || (deep || bad) && at != tc.at {
			t.Errorf("%s: scanJSON(%q, %d) = at %d deep %v bad %v, want at %d deep %v bad %v", tc.comments, tc.in, tc.max, at, deep, bad, tc.at, tc.deep, tc.bad)
		}
	}
}

// FuzzScanJSON checks scanJSON against encoding/json.Valid and the reference bracket table.
func FuzzScanJSON(f *testing.F) {
	for _, s := range scanCases {
		f.Add([]byte(s))
	}
	f.Add([]byte(smallPolicy))
	f.Fuzz(func(t *testing.T, data []byte) { checkScan(t, data) })
}
