package catalog

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"strings"
	"testing"
)

func compress(t testing.TB, raw []byte) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	w.Write(raw)
	w.Close()
	return b.Bytes()
}

func rawEmbedded(t testing.TB) []byte { return []byte(embedded) }

func TestLoadForms(t *testing.T) {
	plain, err := Load([]byte(embedded))
	if err != nil {
		t.Fatal(err)
	}
	packed, err := Load(compress(t, []byte(embedded)))
	if err != nil {
		t.Fatal(err)
	}
	if plain.NumActions() != Default().NumActions() || packed.NumActions() != plain.NumActions() || packed.Date() != plain.Date() {
		t.Error("the plain and compressed forms differ")
	}
	if plain == Default() {
		t.Error("Load returned the default catalog")
	}
}

// tiny builds a one-service catalog by hand in the compact form.
func tiny(mut func(b []byte) []byte) []byte {
	var b []byte
	u := func(v int) { b = binary.AppendUvarint(b, uint64(v)) }
	b = append(b, magic...)
	u(4)
	b = append(b, "2026"...)
	strs := []string{"s3", "Amazon S3", "s3:prefix", "bucket", "arn:${Partition}:s3:::${BucketName}", "ListBucket", "GetObject"}
	u(len(strs))
	for _, s := range strs {
		u(len(s))
	}
	for _, s := range strs {
		b = append(b, s...)
	}
	u(1) // services
	u(0)
	u(1)
	u(1) // keys
	u(2)
	b = append(b, byte(String))
	u(1) // resource types
	u(3)
	u(4)
	u(0)
	u(2) // actions, sorted by lower-cased name, in a block of their own
	body := b
	b = nil
	u(6) // GetObject
	b = append(b, byte(Read))
	u(0)
	u(1)
	u(2)
	u(0)
	u(5) // ListBucket
	b = append(b, byte(List))
	u(1)
	u(0)
	b = append(b, 1)
	u(0)
	u(0)
	u(1)
	u(2)
	u(0)
	block := b
	b = binary.AppendUvarint(body, uint64(len(block)))
	b = append(b, block...)
	if mut != nil {
		b = mut(b)
	}
	return b
}

func TestLoadTiny(t *testing.T) {
	c, err := Load(compress(t, tiny(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Date() != "2026" || len(c.Services()) != 1 || c.NumActions() != 2 {
		t.Fatalf("tiny catalog: %q, %d services, %d actions", c.Date(), len(c.Services()), c.NumActions())
	}
	a := c.Action("s3:listbucket")
	if a == nil || a.Level != List || len(a.Resources) != 1 || !a.Resources[0].Required || a.Resources[0].Type.Name != "bucket" {
		t.Fatalf("ListBucket = %+v", a)
	}
	if got := c.Action("s3:GetObject").ConditionKeys; len(got) != 1 || got[0] != "s3:prefix" {
		t.Errorf("GetObject keys %v", got)
	}
	if tp, ok := c.KeyType("s3:PREFIX"); !ok || tp != String {
		t.Errorf("KeyType(s3:PREFIX) = %v %v", tp, ok)
	}
	if !c.Expand("s3:*").Contains("s3:Anything") || c.Expand("s3:*").Len() != 2 {
		t.Error("s3:* is wrong on the tiny catalog")
	}
}

func TestLoadErrors(t *testing.T) {
	good := tiny(nil)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "decompress"},
		{"not deflate", []byte("hello, world"), "decompress"},
		{"bad magic", compress(t, []byte("NOTACATALOG")), "bad magic"},
		{"truncated", compress(t, good[:len(good)-3]), "action block out of range"},
		{"truncated in the header", compress(t, good[:20]), "malformed data"},
		{"trailing data", compress(t, append(append([]byte{}, good...), 0)), "trailing data"},
		{"huge count", compress(t, append([]byte(magic), 0xff, 0xff, 0xff, 0xff, 0x0f)), "count larger"},
		{"varint overflow", compress(t, append([]byte(magic), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)), "overflows"},
		{"bad level", compress(t, tiny(func(b []byte) []byte {
			i := bytes.LastIndex(b, []byte{5, byte(List)})
			b[i+1] = 9
			return b
		})), "access level"},
		{"unsorted actions", compress(t, tiny(func(b []byte) []byte {
			i := bytes.Index(b[len(b)-20:], []byte{6, byte(Read)}) + len(b) - 20
			b[i] = 5 // GetObject -> ListBucket, so ListBucket appears twice
			return b
		})), "not sorted"},
	}
	for _, tt := range tests {
		c, err := Load(tt.data)
		if err == nil || c != nil {
			t.Errorf("%s: Load succeeded", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "catalog: ") {
			t.Errorf("%s: error %q, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

func TestLoadRejectsEveryTruncation(t *testing.T) {
	good := tiny(nil)
	for n := range len(good) {
		if _, err := decode(string(good[:n])); err == nil {
			t.Errorf("decode of the first %d bytes succeeded", n)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(tiny(nil))
	raw := rawEmbedded(f)
	f.Add(raw[:4096])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, raw []byte) {
		c, err := decode(string(raw))
		if err != nil {
			return
		}
		// Whatever decodes must be usable without panics.
		for _, s := range c.Services() {
			for _, a := range s.Actions() {
				c.Action(a.FullName())
				a.SupportsKey("aws:RequestTag/x")
				for _, r := range a.Resources {
					r.Type.Matches("arn:aws:s3:::b/*")
					r.Type.Matches("arn:aws:s3:::b/k")
				}
			}
		}
		s := c.Expand("*", "s3:*", "s3:Get*")
		s.Complement().Len()
		c.KeyType("s3:prefix")
	})
}

func FuzzKeyType(f *testing.F) {
	for _, k := range []string{"aws:SourceIp", "aws:RequestTag/x", "s3:ExistingObjectTag/a", "codebuild:environment.environmentVariables/X.value", "${", "<", "a:${b}"} {
		f.Add(k)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, key string) {
		tp, ok := c.KeyType(key)
		if ok && !tp.valid() {
			t.Fatalf("KeyType(%q) = invalid type %d", key, tp)
		}
	})
}

func FuzzResourceMatches(f *testing.F) {
	for _, r := range []string{"*", "arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:*:s3:::*/?", "arn:aws:s3:::${aws:username}/*", "${"} {
		f.Add(r)
	}
	c := Default()
	obj := c.Action("s3:GetObject").Resources[1].Type
	f.Fuzz(func(t *testing.T, res string) {
		got := obj.Matches(res)
		// A concrete resource that matches must look like an object ARN.
		if got && !strings.ContainsAny(res, "*?$") && (!strings.HasPrefix(res, "arn:") || !strings.Contains(res, ":s3:::") || !strings.Contains(res, "/")) {
			t.Fatalf("object type matches %q", res)
		}
	})
}
