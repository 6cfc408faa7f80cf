package scenario_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/eval/scenario"
)

// writeFile writes content to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadSizeLimit(t *testing.T) {
	dir := t.TempDir()
	at := good + strings.Repeat(" ", scenario.MaxFileBytes-len(good))
	atPath := writeFile(t, dir, "at.json", at)
	overPath := writeFile(t, dir, "over.json", at+"\n")

	f, err := scenario.Load(atPath)
	if err != nil || f.Name != "demo" || len(f.Requests) != 1 {
		t.Fatalf("file of exactly MaxFileBytes: %v", err)
	}

	_, err = scenario.Load(overPath)
	var tl *scenario.TooLargeError
	if !errors.As(err, &tl) || tl.Path != overPath || tl.Limit != scenario.MaxFileBytes {
		t.Fatalf("file of MaxFileBytes+1: %v", err)
	}
	if want := overPath + ": larger than the limit of 16777216 bytes (16 MiB); not read further"; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}

	// LoadAll keeps the file that fits and reports the other.
	files, err := scenario.LoadAll(dir)
	if len(files) != 1 || files[0].Path != atPath || !errors.As(err, &tl) || tl.Path != overPath {
		t.Errorf("LoadAll: %d files, %v", len(files), err)
	}
}

func TestLoadDevZero(t *testing.T) {
	const dev = "/dev/zero"
	if _, err := os.Stat(dev); err != nil {
		t.Skipf("%s: %v", dev, err)
	}
	for _, load := range []func() error{
		func() error { _, err := scenario.Load(dev); return err },
		func() error { _, err := scenario.LoadAll(dev); return err },
	} {
		done := make(chan error, 1)
		go func() { done <- load() }()
		select {
		case err := <-done:
			var tl *scenario.TooLargeError
			if !errors.As(err, &tl) || tl.Path != dev {
				t.Errorf("err = %v, want a TooLargeError for %s", err, dev)
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s is still being read after a minute", dev)
		}
	}
}
