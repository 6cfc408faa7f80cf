package scenario

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// zeros is an endless input of zero bytes that counts what was read from it.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

func TestReadAtMost(t *testing.T) {
	// An endless input: refused after MaxFileBytes+1 bytes.
	var z zeros
	data, err := readAtMost("endless", &z)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Path != "endless" || tl.Limit != MaxFileBytes || data != nil {
		t.Fatalf("endless input: %d bytes, %v", len(data), err)
	}
	if z.n > MaxFileBytes+1 {
		t.Errorf("read %d bytes, more than MaxFileBytes+1", z.n)
	}

	// Exactly MaxFileBytes: accepted whole.
	data, err = readAtMost("at", io.LimitReader(&zeros{}, MaxFileBytes))
	if err != nil || len(data) != MaxFileBytes {
		t.Fatalf("input of MaxFileBytes: %d bytes, %v", len(data), err)
	}

	// Short inputs and read errors are returned as they are.
	if data, err := readAtMost("short", strings.NewReader("{}")); err != nil || string(data) != "{}" {
		t.Errorf("short input: %q, %v", data, err)
	}
	broken := errors.New("broken")
	if _, err := readAtMost("broken", io.MultiReader(strings.NewReader("{"), errorReader{broken})); !errors.Is(err, broken) {
		t.Errorf("read error: %v", err)
	}
}

type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) { return 0, e.err }
