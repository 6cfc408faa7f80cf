// Package sat does the arithmetic of the work charges (condition.Context.Budget) without
// wrapping: a product of sizes that overflows int (32 bits on GOARCH=386) would charge a
// hostile input less than nothing, and the budget would no longer bound its cost.
package sat

import (
	"math"
	"math/bits"
)

// Mul returns a·b for a, b >= 0, or math.MaxInt when the product does not fit in an int.
func Mul(a, b int) int {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt {
		return math.MaxInt
	}
	return int(lo)
}

// Add returns a+b for a, b >= 0, or math.MaxInt when the sum does not fit in an int.
func Add(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}
