//go:build race

package scenario_test

// raceEnabled: the race detector makes sync.Pool drop items at random, so allocation counts of
// paths that use pooled scratch space are only meaningful without it.
const raceEnabled = true
