package lint

import (
	"os"
	"path/filepath"
	"testing"
)

func readManaged(b *testing.B, name string) []byte {
	files := sharedPolicies(b)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(files[0]), name+".json"))
	if err != nil {
		b.Skip(err)
	}
	return data
}

// BenchmarkReadOnlyAccess lints the largest AWS managed policy (2,677 action patterns).
func BenchmarkReadOnlyAccess(b *testing.B) {
	data := readManaged(b, "ReadOnlyAccess")
	Lint(data) // the catalog's first use is not part of the measure
	b.ReportAllocs()
	for b.Loop() {
		Lint(data)
	}
}

// BenchmarkAllManaged lints all 1,523 AWS managed policies once per iteration.
func BenchmarkAllManaged(b *testing.B) {
	files := sharedPolicies(b)
	docs := make([][]byte, len(files))
	for i, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	Lint(docs[0])
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Lint(d)
		}
	}
}

func BenchmarkSmallPolicy(b *testing.B) {
	data := []byte(doc(allow(`["s3:GetObject", "s3:PutObject"]`, `"arn:aws:s3:::bucket/*"`, `{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`)))
	Lint(data)
	b.ReportAllocs()
	for b.Loop() {
		Lint(data)
	}
}
