//go:build !race

package catalog

// raceEnabled lowers the property tests' case counts under the race detector.
const raceEnabled = false
