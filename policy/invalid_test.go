package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// invalidFiles lists, for every file of ../testdata/invalid, the first finding Parse must report:
// its code, JSON path and line:column, and a piece of its message (empty for messages written by
// the condition package). Each row names the rule it enforces.
var invalidFiles = map[string]struct {
	code      ErrorCode
	path      string
	line, col int
	msg       string
}{
	"syntax-truncated":           {CodeSyntax, "", 4, 66, "unexpected end of JSON input"},                                                     // L11.1
	"syntax-trailing-comma":      {CodeSyntax, "", 4, 67, "invalid JSON"},                                                                     // L11.1
	"syntax-trailing-data":       {CodeSyntax, "", 4, 3, "unexpected data after the top-level object"},                                        // L11.1
	"invalid-utf8":               {CodeInvalidUTF8, "", 3, 25, "invalid UTF-8"},                                                               // L11.1
	"lone-surrogate":             {CodeInvalidUTF8, "Statement.Resource", 3, 79, "lone surrogate"},                                            // L11.1
	"not-object":                 {CodeNotObject, "", 1, 1, "expected a JSON object at the top level"},                                        // G1.1
	"unknown-element":            {CodeUnknownElement, "Statement.Comment", 3, 68, `unknown element "Comment"`},                               // G1.12
	"miscased-element":           {CodeMissing, "", 1, 1, `missing required element "Statement"`},                                             // G1.1 (and G1.12 at 3:3)
	"duplicate-effect":           {CodeDuplicateKey, "Statement.Effect", 7, 5, `duplicate key "Effect" (first at 4:5)`},                       // G1.14
	"duplicate-operator":         {CodeDuplicateKey, "Statement.Condition.StringLike", 9, 7, `duplicate key "StringLike" (first at 8:7)`},     // G1.14
	"duplicate-condition-key":    {CodeDuplicateKey, "Statement.Condition.StringLike.s3:prefix", 10, 9, `(first at 9:9)`},                     // G1.14
	"missing-statement":          {CodeMissing, "", 1, 1, `missing required element "Statement"`},                                             // G1.1
	"missing-effect":             {CodeMissing, "Statement[0]", 4, 5, `missing required element "Effect"`},                                    // G1.6
	"bad-effect":                 {CodeEffect, "Statement[0].Effect", 4, 16, `got "allow"`},                                                   // G1.6
	"action-and-notaction":       {CodeActionConflict, "Statement[0].NotAction", 4, 42, "not both"},                                           // G1.7
	"no-action":                  {CodeMissing, "Statement[0]", 4, 5, `"Action" or "NotAction"`},                                              // G1.7
	"resource-and-notresource":   {CodeResConflict, "Statement[0].NotResource", 4, 59, "not both"},                                            // G1.8
	"wrong-type":                 {CodeType, "Statement[0].Action[1]", 4, 52, "expected a string, got number"},                                // G1.7
	"null-action":                {CodeType, "Statement[0].Action", 4, 35, "got null"},                                                        // G1.7, STYLE §7
	"action-no-colon":            {CodeAction, "Statement[0].Action[1]", 4, 52, "exactly one colon"},                                          // G1.7
	"action-two-colons":          {CodeAction, "Statement[0].Action", 4, 35, "exactly one colon"},                                             // G1.7
	"action-wildcard-prefix":     {CodeAction, "Statement[0].Action", 4, 35, "wildcard in the service prefix"},                                // A2.4
	"resource-not-arn":           {CodeResource, "Statement[0].Resource[1]", 4, 84, `got "my-bucket/*"`},                                      // G1.8
	"resource-empty":             {CodeResource, "Statement[0].Resource", 4, 63, `got ""`},                                                    // G1.8
	"resource-service-wildcard":  {CodeResource, "Statement[0].Resource", 4, 63, "wildcard in the service segment"},                           // R3.3
	"resource-variable-early":    {CodeResource, "Statement[0].Resource", 4, 63, "before the resource part"},                                  // R3.7
	"resource-iam-region":        {CodeResource, "Statement[0].Resource", 4, 62, "must not contain a region"},                                 // R3.9
	"unknown-version":            {CodeVersion, "Version", 2, 14, `got "2012-10-18"`},                                                         // G1.2
	"unknown-operator":           {CodeOperator, "Statement[0].Condition.StringEqualz", 8, 21, `unknown condition operator "StringEqualz"`},   // G1.11
	"unknown-operator-qualified": {CodeOperator, "Statement[0].Condition.ForAnyValue:StringLikeIfExist", 8, 21, "unknown condition operator"}, // G1.11
	"null-if-exists":             {CodeOperator, "Statement[0].Condition.NullIfExists", 8, 21, "unknown condition operator"},                  // L11.1
	"bad-number":                 {CodeConditionValue, "Statement[0].Condition.NumericLessThan.s3:max-keys[1]", 8, 63, ""},                    // L11.2
	"bad-bool":                   {CodeConditionValue, "Statement[0].Condition.Bool.aws:SecureTransport", 8, 53, ""},                          // L11.2
	"condition-value-object":     {CodeType, "Statement[0].Condition.StringEquals.aws:username", 8, 54, "got object"},                         // G1.10
	"empty-notaction":            {CodeEmptyArray, "Statement[0].NotAction", 4, 37, "would match everything"},                                 // G1.16
	"empty-notresource":          {CodeEmptyArray, "Statement[0].NotResource", 4, 54, "would match everything"},                               // G1.16
	"principal-partial-wildcard": {CodePrincipal, "Statement[0].Principal.AWS[1]", 6, 63, "partial wildcard"},                                 // P4.10
	"principal-service-star":     {CodePrincipal, "Statement[0].Principal.Service", 6, 32, `"*" is not a valid Service principal`},            // G1.9
	"principal-bad-string":       {CodePrincipal, "Statement[0].Principal", 4, 38, `expected "*" or an object`},                               // G1.9
	"principal-and-notprincipal": {CodePrinConflict, "Statement[0].NotPrincipal", 4, 42, "not both"},                                          // G1.9
	"too-deep":                   {CodeTooDeep, "", 1, 156, "nesting deeper than 32 levels"},                                                  // R19
}

// TestInvalidFiles parses every file of ../testdata/invalid and checks the first finding, and that
// every file has a row and every row a file.
func TestInvalidFiles(t *testing.T) {
	files, err := filepath.Glob("../testdata/invalid/*.json")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			want, ok := invalidFiles[name]
			if !ok {
				t.Fatalf("no expectation for %s", f)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(data)
			if err == nil {
				t.Fatalf("accepted: %+v", p)
			}
			if p != nil {
				t.Errorf("Parse returned a policy with an error")
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is %T, want a non-empty ErrorList", err)
			}
			e := list[0]
			if e.Code != want.code || e.Path != want.path || e.Line != want.line || e.Col != want.col || !strings.Contains(e.Msg, want.msg) {
				t.Errorf("got  %s %q %d:%d %q\nwant %s %q %d:%d containing %q", e.Code, e.Path, e.Line, e.Col, e.Msg, want.code, want.path, want.line, want.col, want.msg)
			}
			checkErrorList(t, data, list)
		})
	}
	for name := range invalidFiles {
		if !seen[name] {
			t.Errorf("row %s has no file ../testdata/invalid/%s.json", name, name)
		}
	}
}

// checkErrorList checks the invariants of every ErrorList (R16): sorted, capped, offsets inside
// the input, line:col consistent with the offset, Error() in the documented format.
func checkErrorList(t testing.TB, data []byte, list ErrorList) {
	t.Helper()
	if len(list) > maxErrors {
		t.Errorf("%d errors, more than the cap %d", len(list), maxErrors)
	}
	for i, e := range list {
		if e.Offset < 0 || e.Offset > len(data) {
			t.Errorf("offset %d outside [0,%d]: %v", e.Offset, len(data), e)
		}
		if i > 0 && list[i-1].Offset > e.Offset {
			t.Errorf("not sorted by offset: %v before %v", list[i-1], e)
		}
		if pos := position(data, e.Offset); pos.Line != e.Line || pos.Col != e.Col {
			t.Errorf("line:col %d:%d, want %d:%d for offset %d", e.Line, e.Col, pos.Line, pos.Col, e.Offset)
		}
		if e.Code == "" || e.Msg == "" {
			t.Errorf("empty code or message: %#v", e)
		}
		if !strings.HasPrefix(e.Error(), "policy: ") {
			t.Errorf("Error() = %q, want the policy: prefix", e.Error())
		}
	}
}
