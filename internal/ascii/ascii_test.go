package ascii

import "testing"

func TestEqualFold(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"aws:SourceIp", "AWS:sourceip", true}, // C5.2 key names compare without case
		{"a", "b", false},
		{"a", "aa", false},
		{"@", "`", false},      // 0x40 and 0x60 differ by 0x20 but are not letters
		{"[", "{", false},      // likewise
		{"é", "É", false},      // non-ASCII bytes compare exactly (C5.5 DOC-GAP)
		{"K", "\u212a", false}, // the Kelvin sign is not 'k' here, unlike strings.EqualFold
		{"", "", true},
	} {
		if got := EqualFold(tc.a, tc.b); got != tc.want {
			t.Errorf("EqualFold(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if !HasPrefixFold("AWS:PrincipalArn", "aws:") || HasPrefixFold("aw", "aws:") || HasPrefixFold("awsx", "aws:") {
		t.Fatal("HasPrefixFold")
	}
}
