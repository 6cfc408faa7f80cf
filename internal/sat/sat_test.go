package sat

import (
	"math"
	"testing"
)

// TestMulAdd: products and sums that do not fit in an int (on any GOARCH) saturate.
func TestMulAdd(t *testing.T) {
	for _, c := range []struct{ a, b, mul, add int }{
		{0, 0, 0, 0},
		{3, 4, 12, 7},
		{math.MaxInt, 1, math.MaxInt, math.MaxInt},
		{math.MaxInt, 0, 0, math.MaxInt},
		{math.MaxInt / 2, 3, math.MaxInt, math.MaxInt/2 + 3},
		{math.MaxInt/2 + 1, math.MaxInt/2 + 1, math.MaxInt, math.MaxInt},
		{1 << 15, 1 << 15, 1 << 30, 1 << 16},
	} {
		if got := Mul(c.a, c.b); got != c.mul {
			t.Errorf("Mul(%d, %d) = %d, want %d", c.a, c.b, got, c.mul)
		}
		if got := Add(c.a, c.b); got != c.add {
			t.Errorf("Add(%d, %d) = %d, want %d", c.a, c.b, got, c.add)
		}
	}
}
