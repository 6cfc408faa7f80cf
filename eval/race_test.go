//go:build race

package eval_test

// Under the race detector (5–10x slower) the properties run half their default cases, so that
// CI's race run stays short; without -race the default stays at 2000 (properties_test.go).
func init() { propDefaultCount = 1000 }
