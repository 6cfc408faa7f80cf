//go:build race

package eval_test

// Under the race detector (5–10x slower) the properties run half their default cases, so that
// CI's race run stays short; without -race the default stays at 2000 (properties_test.go).
func init() { propDefaultCount = 1000 }

// raceEnabled: the race detector makes sync.Pool drop items at random, so allocation counts of
// paths that use pooled scratch space are only meaningful without it.
const raceEnabled = true
