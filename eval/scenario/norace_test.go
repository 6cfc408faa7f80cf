//go:build !race

package scenario_test

// raceEnabled: see race_test.go.
const raceEnabled = false
