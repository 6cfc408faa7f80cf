package slab

import "testing"

func TestCarve(t *testing.T) {
	s := make([]int, 0, 8)
	s = append(s, 1, 2)
	part := Carve(s, 1)
	s = append(s, 3)
	part = append(part, 9) // must not overwrite the 3 appended to s
	if len(part) != 2 || part[0] != 2 || part[1] != 9 || s[2] != 3 {
		t.Fatalf("part %v, s %v", part, s)
	}
}
