package catalog

import (
	"runtime"
	"testing"
)

// BenchmarkFirstUse decodes the embedded catalog, which is what the first call of Default costs.
func BenchmarkFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResident reports the heap a decoded catalog keeps alive (resident-bytes) once every
// service's actions are decoded, measured after a garbage collection; the embedded data itself
// stays in the binary's read-only data.
func BenchmarkResident(b *testing.B) {
	var keep []*Catalog
	var before, after runtime.MemStats
	for b.Loop() {
		keep = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		c, err := decode(embedded)
		if err != nil {
			b.Fatal(err)
		}
		for i := range c.Services() { // decode every service's actions too
			c.Services()[i].Actions()
		}
		keep = append(keep, c)
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	runtime.KeepAlive(keep)
	b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "resident-bytes")
}

func BenchmarkExpandS3Get(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		if s := c.Expand("s3:Get*"); s.IsEmpty() {
			b.Fatal("empty")
		}
	}
}

func BenchmarkExpandWildcardInside(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Expand("ec2:*Instance*")
	}
}

func BenchmarkContains(b *testing.B) {
	c := Default()
	s := c.Expand("s3:Get*", "ec2:Describe*")
	b.ReportAllocs()
	for b.Loop() {
		if !s.Contains("s3:GetObject") {
			b.Fatal("missing")
		}
	}
}

func BenchmarkKeyType(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.KeyType("s3:ExistingObjectTag/team")
	}
}

func BenchmarkResourceMatches(b *testing.B) {
	c := Default()
	obj := c.Action("s3:GetObject").Resources[1].Type
	b.ReportAllocs()
	for b.Loop() {
		obj.Matches("arn:aws:s3:::bucket/*")
	}
}
