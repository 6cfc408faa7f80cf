package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/eval/scenario"
)

// zeros is an endless input of zero bytes that counts what was read from it.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

// within runs fn and fails the test if it has not returned after d: an input read to its end
// would never return.
func within(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v: the input is read past its limit", d)
	}
}

// padded returns doc followed by spaces up to exactly n bytes.
func padded(doc string, n int) string {
	return doc + strings.Repeat(" ", n-len(doc))
}

func TestEndlessStdinIsRefused(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		limit int64
		code  int
	}{
		{"validate", []string{"validate", "-"}, maxPolicyBytes, 2},
		{"validate --kind", []string{"validate", "--kind", "scp", "-"}, maxPolicyBytes, 2},
		{"eval --identity", []string{"eval", "--identity", "-", "--principal", alice, "--action", "s3:GetObject", "--resource", "*"}, maxPolicyBytes, 2},
		{"eval --resource-policy", []string{"eval", "--resource-policy", "-", "--principal", alice, "--action", "s3:GetObject", "--resource", "*"}, maxPolicyBytes, 2},
		{"test", []string{"test", "-"}, scenario.MaxFileBytes, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var in zeros
			var out, errb bytes.Buffer
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			var code int
			within(t, time.Minute, func() { code = run(tc.args, &in, &out, &errb) })
			runtime.ReadMemStats(&after)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out.String(), errb.String())
			}
			if in.n > tc.limit+1 {
				t.Errorf("read %d bytes, more than the limit %d plus one", in.n, tc.limit)
			}
			want := fmt.Sprintf("<stdin>: larger than the limit of %d bytes (%d MiB); not read further\n", tc.limit, tc.limit>>20)
			if errb.String() != want {
				t.Errorf("stderr = %q, want %q", errb.String(), want)
			}
			// Reading limit+1 bytes with io.ReadAll allocates about twice that; reading all
			// of a large input would allocate without bound.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(8*tc.limit) {
				t.Errorf("allocated %d bytes for a limit of %d", alloc, tc.limit)
			}
		})
	}

	// With --json the refusal is an ERROR object on stdout and stderr stays empty.
	var in zeros
	var out, errb bytes.Buffer
	if code := run([]string{"validate", "--json", "-"}, &in, &out, &errb); code != 2 || errb.Len() != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	var got struct{ Errors []finding }
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if len(got.Errors) != 1 || got.Errors[0].File != "<stdin>" || got.Errors[0].Code != "too-large" ||
		!strings.Contains(got.Errors[0].Message, "1048576 bytes") {
		t.Errorf("errors = %+v", got.Errors)
	}
}

func TestDevZeroIsRefused(t *testing.T) {
	const dev = "/dev/zero"
	if _, err := os.Stat(dev); err != nil {
		t.Skipf("%s: %v", dev, err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring of stdout, or of stderr when empty
		stderr string
	}{
		{"validate", []string{"validate", dev}, 2, "", dev + ": larger than the limit of 1048576 bytes (1 MiB); not read further\n"},
		{"eval --identity", []string{"eval", "--identity", dev, "--principal", alice, "--action", "s3:GetObject", "--resource", "*"},
			2, "", dev + ": larger than the limit of 1048576 bytes (1 MiB); not read further\n"},
		{"eval --scp, two files of one level", []string{"eval", "--identity", dev, "--scp", dev + "," + dev, "--principal", alice, "--action", "s3:GetObject", "--resource", "*"},
			2, "", strings.Repeat(dev+": larger than the limit of 1048576 bytes (1 MiB); not read further\n", 3)},
		// A scenario file found on disk that does not load is one failure (exit 1), as before.
		{"test", []string{"test", dev}, 1, dev + ": larger than the limit of 16777216 bytes (16 MiB); not read further\n0 passed, 1 failed\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r result
			within(t, time.Minute, func() { r = runCLI("", tc.args...) })
			if r.code != tc.code || r.stdout != tc.stdout || r.stderr != tc.stderr {
				t.Errorf("exit %d, want %d\nstdout: %q\nwant:   %q\nstderr: %q\nwant:   %q", r.code, tc.code, r.stdout, tc.stdout, r.stderr, tc.stderr)
			}
		})
	}
}

func TestPolicyAtTheLimit(t *testing.T) {
	at := padded(allowAll, maxPolicyBytes)
	over := at + " "
	dir := files(t, map[string]string{"at.json": at, "over.json": over})
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		output string // substring of stdout (exit 0, 1) or stderr (exit 2)
	}{
		{"file at the limit", []string{"validate", p("at.json")}, "", 0, "1 valid, 0 invalid"},
		{"stdin at the limit", []string{"validate", "-"}, at, 0, "1 valid, 0 invalid"},
		{"eval, file at the limit", []string{"eval", "--identity", p("at.json"), "--principal", alice, "--action", "s3:GetObject", "--resource", "*"}, "", 0, "Allow"},
		{"file one byte over", []string{"validate", p("over.json")}, "", 2, p("over.json") + ": larger than the limit of 1048576 bytes (1 MiB)"},
		{"stdin one byte over", []string{"validate", "-"}, over, 2, "<stdin>: larger than the limit of 1048576 bytes (1 MiB)"},
		{"eval, stdin one byte over", []string{"eval", "--identity", "-", "--principal", alice, "--action", "s3:GetObject", "--resource", "*"}, over, 2, "<stdin>: larger than the limit"},
		// Every file is reported, the readable ones as usual.
		{"one of two files over", []string{"validate", p("at.json"), p("over.json")}, "", 2, p("over.json") + ": larger than the limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			text := r.stdout
			if tc.code == 2 {
				text = r.stderr
			}
			if !strings.Contains(text, tc.output) {
				t.Errorf("output lacks %q:\n%s", tc.output, text)
			}
		})
	}
}

func TestScenarioAtTheLimit(t *testing.T) {
	at := padded(scenarioFile("Allow"), scenario.MaxFileBytes)
	dir := files(t, map[string]string{"at.json": at, "over.json": at + "\n"})
	r := runCLI("", "test", filepath.Join(dir, "at.json"))
	if r.code != 0 || r.stdout != "1 passed, 0 failed\n" {
		t.Errorf("at the limit: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(at, "test", "-")
	if r.code != 0 || r.stdout != "1 passed, 0 failed\n" {
		t.Errorf("stdin at the limit: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The directory: the file at the limit passes, the one over it is one failure.
	r = runCLI("", "test", dir)
	want := filepath.Join(dir, "over.json") + ": larger than the limit of 16777216 bytes (16 MiB); not read further\n1 passed, 1 failed\n"
	if r.code != 1 || r.stdout != want {
		t.Errorf("directory: exit %d\nstdout: %q\nwant:   %q\nstderr: %q", r.code, r.stdout, want, r.stderr)
	}
	r = runCLI(at+"\n", "test", "-")
	if r.code != 2 || r.stderr != "<stdin>: larger than the limit of 16777216 bytes (16 MiB); not read further\n" {
		t.Errorf("stdin over the limit: exit %d\nstdout: %q\nstderr: %q", r.code, r.stdout, r.stderr)
	}
}

func TestNoScenarioFiles(t *testing.T) {
	empty := t.TempDir()
	other := t.TempDir()
	readme := files(t, map[string]string{"README.md": "not a scenario", "notes.txt": "{}"})
	nested := t.TempDir()
	if err := os.MkdirAll(filepath.Join(nested, "a", "b.json.d"), 0o755); err != nil {
		t.Fatal(err)
	}
	withOne := files(t, map[string]string{"pass.json": scenarioFile("Allow")})
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{"empty directory", []string{"test", empty}, "", 1, "", "iamcheck test: no scenario files in " + empty + "\n"},
		{"only other files", []string{"test", "-v", readme}, "", 1, "", "iamcheck test: no scenario files in " + readme + "\n"},
		{"only subdirectories", []string{"test", nested}, "", 1, "", "iamcheck test: no scenario files in " + nested + "\n"},
		{"two empty directories", []string{"test", empty, other}, "", 1, "", "iamcheck test: no scenario files in " + empty + ", " + other + "\n"},
		{"an empty directory beside one with a file", []string{"test", empty, withOne}, "", 0, "1 passed, 0 failed\n", ""},
		{"an empty directory and stdin", []string{"test", empty, "-"}, scenarioFile("Allow"), 0, "1 passed, 0 failed\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(tc.stdin, tc.args...)
			if r.code != tc.code || r.stdout != tc.stdout || r.stderr != tc.stderr {
				t.Errorf("exit %d, want %d\nstdout: %q\nwant:   %q\nstderr: %q\nwant:   %q", r.code, tc.code, r.stdout, tc.stdout, r.stderr, tc.stderr)
			}
		})
	}

	r := runCLI("", "test", "--json", empty)
	var got testOut
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 1 || r.stderr != "" {
		t.Fatalf("exit %d, err %v, stderr %q\n%s", r.code, err, r.stderr, r.stdout)
	}
	if len(got.Errors) != 1 || got.Errors[0].Code != "no-scenarios" || got.Errors[0].Message != "no scenario files in "+empty ||
		len(got.Results) != 0 || got.Passed != 0 || got.Failed != 0 {
		t.Errorf("got %+v", got)
	}
}

// errReader fails after giving n bytes.
type errReader struct{ n int }

var errBroken = errors.New("broken pipe")

func (e *errReader) Read(p []byte) (int, error) {
	if e.n == 0 {
		return 0, errBroken
	}
	k := min(len(p), e.n)
	clear(p[:k])
	e.n -= k
	return k, nil
}

func TestReadInput(t *testing.T) {
	tests := []struct {
		name    string
		in      io.Reader
		limit   int64
		want    int // bytes returned
		tooBig  bool
		readErr error
	}{
		{"empty", strings.NewReader(""), 10, 0, false, nil},
		{"under", strings.NewReader("12345"), 10, 5, false, nil},
		{"at", strings.NewReader("1234567890"), 10, 10, false, nil},
		{"one over", strings.NewReader("12345678901"), 10, 0, true, nil},
		{"endless", &zeros{}, 10, 0, true, nil},
		{"zero limit", strings.NewReader("x"), 0, 0, true, nil},
		{"zero limit, empty", strings.NewReader(""), 0, 0, false, nil},
		{"read error under the limit", &errReader{n: 3}, 10, 0, false, errBroken},
		// The error after limit+1 bytes is never seen: reading stops before it.
		{"read error past the limit", &errReader{n: 11}, 10, 0, true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := readInput("-", tc.in, tc.limit)
			var tl *tooLargeError
			switch {
			case tc.tooBig:
				if !errors.As(err, &tl) || tl.limit != tc.limit || data != nil {
					t.Fatalf("got %d bytes, %v; want a tooLargeError", len(data), err)
				}
			case tc.readErr != nil:
				if !errors.Is(err, tc.readErr) {
					t.Fatalf("err = %v, want %v", err, tc.readErr)
				}
			default:
				if err != nil || len(data) != tc.want {
					t.Fatalf("got %d bytes, %v; want %d", len(data), err, tc.want)
				}
			}
			if z, ok := tc.in.(*zeros); ok && z.n > tc.limit+1 {
				t.Errorf("read %d bytes for a limit of %d", z.n, tc.limit)
			}
		})
	}
	// Files go through the same path; a missing one is a read error as before.
	if _, err := readInput(filepath.Join(t.TempDir(), "nope.json"), nil, 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	// A directory opens but cannot be read.
	if _, err := readInput(t.TempDir(), nil, 10); err == nil {
		t.Errorf("directory: no error")
	}
}

// FuzzReadInput: for any input and limit, readInput never panics, returns the input exactly
// when it fits, and reads at most limit+1 bytes of it.
func FuzzReadInput(f *testing.F) {
	f.Add([]byte(""), uint16(0))
	f.Add([]byte("x"), uint16(0))
	f.Add([]byte(allowAll), uint16(len(allowAll)))
	f.Add([]byte(allowAll), uint16(len(allowAll)-1))
	f.Fuzz(func(t *testing.T, in []byte, limit uint16) {
		r := &countingReader{r: bytes.NewReader(in)}
		data, err := readInput("-", r, int64(limit))
		if r.n > int64(limit)+1 {
			t.Fatalf("read %d bytes for a limit of %d", r.n, limit)
		}
		if len(in) <= int(limit) {
			if err != nil || !bytes.Equal(data, in) {
				t.Fatalf("input of %d bytes, limit %d: %d bytes, %v", len(in), limit, len(data), err)
			}
			return
		}
		var tl *tooLargeError
		if !errors.As(err, &tl) || data != nil || !strings.Contains(err.Error(), fmt.Sprint(limit)) {
			t.Fatalf("input of %d bytes, limit %d: %d bytes, %v", len(in), limit, len(data), err)
		}
	})
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}
