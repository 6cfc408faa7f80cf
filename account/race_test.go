//go:build race

package account

const raceEnabled = true
