package policy

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tidwall/gjson"
)

const smallPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadHome",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::corp-bucket/home/${aws:username}/*",
      "Condition": {"Bool": {"aws:SecureTransport": "true"}, "IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}
    },
    {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": false}}}
  ]
}`

func benchParse(b *testing.B, data []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSmall(b *testing.B) { benchParse(b, []byte(smallPolicy)) }

// BenchmarkParseW1 parses the identity policy of the W1 benchmark workload as its file writes it
// (five statements, two with a condition): the parse half of eval's parse+compile-W1.
func BenchmarkParseW1(b *testing.B) {
	dir := sharedDir(b, "bench/workloads")
	file, err := os.ReadFile(filepath.Join(dir, "W1-five-statements.json"))
	if err != nil {
		b.Skip(err)
	}
	doc := gjson.GetBytes(file, "policies.identity.0")
	if !doc.IsObject() {
		b.Fatal("W1-five-statements.json: no identity policy")
	}
	benchParse(b, []byte(doc.Raw))
}

// BenchmarkParseReadOnlyAccess parses the largest common AWS managed policy (about 107 KB).
func BenchmarkParseReadOnlyAccess(b *testing.B) {
	dir := sharedDir(b, "policies/aws-managed")
	data, err := os.ReadFile(filepath.Join(dir, "ReadOnlyAccess.json"))
	if err != nil {
		b.Skip(err)
	}
	benchParse(b, data)
}

// benchReadOnlyAccess parses ReadOnlyAccess.json for a benchmark of what is done with the tree,
// counting its bytes and allocations.
func benchReadOnlyAccess(b *testing.B) *Policy {
	dir := sharedDir(b, "policies/aws-managed")
	data, err := os.ReadFile(filepath.Join(dir, "ReadOnlyAccess.json"))
	if err != nil {
		b.Skip(err)
	}
	p, err := Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	return p
}

func BenchmarkMarshalReadOnlyAccess(b *testing.B) {
	p := benchReadOnlyAccess(b)
	for b.Loop() {
		if _, err := Marshal(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckReadOnlyAccess(b *testing.B) {
	p := benchReadOnlyAccess(b)
	for b.Loop() {
		p.Check(KindIdentity)
	}
}

// BenchmarkValidateW1 runs Validate on the parsed W1 identity policy: what eval.Compile would
// pay to check a tree it is given.
func BenchmarkValidateW1(b *testing.B) {
	dir := sharedDir(b, "bench/workloads")
	file, err := os.ReadFile(filepath.Join(dir, "W1-five-statements.json"))
	if err != nil {
		b.Skip(err)
	}
	p, err := Options{Lenient: true}.Parse([]byte(gjson.GetBytes(file, "policies.identity.0").Raw))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := (Options{Lenient: true}).Validate(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateReadOnlyAccess(b *testing.B) {
	p := benchReadOnlyAccess(b)
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
