package eval

import (
	"testing"
	"time"
)

// TestDerivedKeysListed keeps derivedKeys in step with deriveContext: a statement skips the
// derivation when the request carries every derivable key it reads, so a key deriveContext adds
// but derivable does not know would silently be missing (and conditions on it would fail closed
// where AWS supplies the key).
func TestDerivedKeysListed(t *testing.T) {
	e := &Evaluator{now: func() time.Time { return time.Unix(1700000000, 0) }}
	for _, p := range []string{
		"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root",
		"arn:aws:sts::111122223333:assumed-role/r/s", "arn:aws:iam::111122223333:role/r",
		"arn:aws:sts::111122223333:federated-user/bob", "s3.amazonaws.com", "anonymous",
		"federated:cognito-identity.amazonaws.com",
	} {
		r := run{e: e, c: parseCaller(p)}
		var d derived
		r.deriveContext("444455556666", &d)
		if d.n == 0 || d.n >= maxDerived {
			t.Errorf("%s: %d derived keys (limit %d)", p, d.n, maxDerived)
		}
		for i := 0; i < d.n; i++ {
			if !derivable(d.keys[i], true) {
				t.Errorf("%s: derived key %s is not in derivedKeys", p, d.keys[i])
			}
		}
	}
}
