//go:build !race

package eval_test

// raceEnabled: see race_test.go.
const raceEnabled = false
