package scenario_test

import (
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/eval/scenario"
)

const good = `{
  "name": "demo",
  "source": "E7.4",
  "notes": "one note",
  "policies": {"identity": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]},
  "requests": [
    {"name": "r1", "principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
     "resourceAccount": "111122223333", "context": {"aws:TagKeys": ["a"], "n": 5, "b": true}, "expect": "Allow"}
  ]
}`

func TestParse(t *testing.T) {
	f, err := scenario.Parse("demo.json", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "demo" || len(f.Notes) != 1 || len(f.Set.Identity) != 1 || len(f.Requests) != 1 {
		t.Fatalf("%+v", f)
	}
	r := f.Requests[0]
	if r.Line != 7 || r.Col != 5 || !r.HasExpect || r.Expect != eval.Allow || len(r.Req.Context) != 3 ||
		!r.Req.Context[0].Multi || r.Req.Context[1].Values[0] != "5" || r.Req.Context[2].Values[0] != "true" {
		t.Fatalf("request: %+v", r)
	}
	res, err := scenario.Run(f, eval.Options{})
	if err != nil || !res[0].Pass || res[0].Got != eval.Allow {
		t.Fatalf("Run: %+v %v", res, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"syntax", `{"name": "x",}`, "bad.json:1:14: invalid JSON: invalid character '}' looking for beginning of object key string"},
		{"trailing data", `{"name": "x"} x`, "bad.json:1:15: invalid JSON: unexpected data after the top-level object"},
		{"truncated", `{"name": "x"`, "bad.json:1:13: invalid JSON: unexpected end of JSON input"},
		// Deep nesting is refused by the non-recursive validator, never by a stack overflow.
		{"deep", strings.Repeat("[", 1<<20) + strings.Repeat("]", 1<<20), "invalid JSON: invalid character '[' exceeded max depth"},
		{"unknown field", `{"name":"x","source":"y","requests":[],"extra":1}`, `bad.json:1:40: extra: unknown field "extra"`},
		{"duplicate", `{"name":"x","name":"y","source":"y","requests":[]}`, `bad.json:1:13: name: duplicate key "name"`},
		{"missing source", `{"name":"x","requests":[]}`, "source: missing required field"},
		{"missing principal", `{"name":"x","source":"y","requests":[{"action":"s3:A","resource":"*"}]}`, "requests[0].principal: missing required field"},
		{"bad expect", `{"name":"x","source":"y","requests":[{"principal":"p","action":"s3:A","resource":"*","expect":"allow"}]}`, `requests[0].expect: expected Allow, ExplicitDeny or ImplicitDeny, got "allow"`},
		{"bad policy", `{"name":"x","source":"y","policies":{"identity":[{"Statement":{"Effect":"allow","Action":"s3:A","Resource":"*"}}]},"requests":[]}`, "policies.identity[0].Statement.Effect"},
		{"context twice", `{"name":"x","source":"y","requests":[{"principal":"p","action":"s3:A","resource":"*","context":{"a":"1","A":"2"}}]}`, "given twice"},
		{"not object", `[]`, "expected an object"},
		{"bad utf8", "{\"name\":\"\xff\"}", "not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := scenario.Parse("bad.json", []byte(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte(`{"name":"x","source":"y","requests":[{"principal":"p","action":"s3:A","resource":"*"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sf, err := scenario.Parse("fuzz.json", data)
		if err != nil {
			return
		}
		if _, err := scenario.Run(sf, eval.Options{}); err != nil && !strings.Contains(err.Error(), "eval:") {
			t.Fatalf("Run: %v", err)
		}
	})
}
