package eval

import "testing"

// referenceCombine is a second, naive transcription of the decision procedure (SEMANTICS E7.4,
// X8, S9), written as the oracle (oracle_test.go, oracleDecide) writes it: named facts first,
// then one rule at a time, each returning. It shares nothing with combine but the types.
func referenceCombine(v verdicts, f facts) (Decision, string) {
	explicitDeny := v.denied
	identitySide := f.kind == cRoot || f.kind == cUser || f.kind == cSession || f.kind == cRole || f.kind == cFedUser
	session := f.kind == cSession || f.kind == cRole || f.kind == cFedUser
	resourceAllows := v.res != sNone
	directGrant := v.res == sDirect
	entityGrant := v.res == sEntity
	root := f.kind == cRoot

	if explicitDeny { // E7.4 step 1
		return ExplicitDeny, "explicit-deny"
	}
	if f.rootAssumeRole { // S9.1
		return ImplicitDeny, "root-cannot-assume-role"
	}
	if f.serviceDenied != whyNone { // service rules
		return ImplicitDeny, whys[f.serviceDenied].reason
	}
	if v.rcpFail != -1 { // E7.4 step 2, E7.10
		return ImplicitDeny, "rcp-no-allow"
	}
	if v.scpFail != -1 { // E7.4 step 3, E7.9
		return ImplicitDeny, "scp-no-allow"
	}
	if f.crossPartition { // X8.2
		return ImplicitDeny, "cross-partition"
	}
	if !identitySide { // E7.11, X8.4
		if resourceAllows {
			return Allow, "allowed-by-resource-policy"
		}
		return ImplicitDeny, "no-allow"
	}
	limitsAllow := func() (Decision, string) { // E7.4 steps 6 and 7, S9.4
		if root {
			return Allow, "allowed"
		}
		if f.hasBnd && !v.bndAllow {
			return ImplicitDeny, "boundary-no-allow"
		}
		if f.kind == cFedUser && !f.hasSess {
			return ImplicitDeny, "federated-user-no-session-policy"
		}
		if session && f.hasSess && !v.sessAllow {
			return ImplicitDeny, "session-no-allow"
		}
		return Allow, "allowed"
	}
	if !f.sameAccount { // X8.1, X8.3
		if !resourceAllows {
			return ImplicitDeny, "cross-account-resource-side"
		}
		if !v.idAllow && !root {
			return ImplicitDeny, "cross-account-identity-side"
		}
		return limitsAllow()
	}
	if !resourceAllows && f.policyRequired { // E7.7
		return ImplicitDeny, "resource-policy-required"
	}
	if directGrant { // E7.4 step 4, E7.5
		return Allow, "allowed-by-resource-policy"
	}
	if !v.idAllow && !root && !entityGrant { // E7.4 step 5, E7.8
		return ImplicitDeny, "no-allow"
	}
	return limitsAllow()
}

// TestCombineMatchesOracle runs combine on every combination of verdicts and facts (663,552
// of them) and compares decision and reason with referenceCombine.
func TestCombineMatchesOracle(t *testing.T) {
	levels := []int{-1, 0, 1}
	n := 0
	for kind := cUnknown; kind <= cFedUser; kind++ {
		for mask := 0; mask < 1<<11; mask++ {
			bit := func(i int) bool { return mask>>i&1 == 1 }
			for res := sNone; res <= sDirect; res++ {
				for _, scp := range levels {
					for _, rcp := range levels {
						v := verdicts{denied: bit(0), idAllow: bit(1), bndAllow: bit(2), sessAllow: bit(3), res: res, scpFail: scp, rcpFail: rcp}
						f := facts{kind: kind, hasBnd: bit(4), hasSess: bit(5), sameAccount: bit(6), crossPartition: bit(7),
							rootAssumeRole: bit(8), policyRequired: bit(9)}
						if bit(10) {
							f.serviceDenied = whyManagedPolicy
						}
						got := combine(&v, &f)
						if d, ok := settled(&v, kind); ok && d != got.d {
							t.Fatalf("settled(%+v, %v) = %v, combine with %+v says %v", v, kind, d, f, got.d)
						}
						wantD, wantReason := referenceCombine(v, f)
						w := whys[got.why]
						if got.d != wantD || w.reason != wantReason {
							t.Fatalf("combine(%+v, %+v) = %v %s, reference %v %s", v, f, got.d, w.reason, wantD, wantReason)
						}
						if got.d == ImplicitDeny && w.layer == "" || got.d != ImplicitDeny && w.layer != "" {
							t.Fatalf("combine(%+v, %+v): layer %q with %v", v, f, w.layer, got.d)
						}
						if (got.level >= 0) != (w.layer == "scp" || w.layer == "rcp") {
							t.Fatalf("combine(%+v, %+v): level %d for layer %q", v, f, got.level, w.layer)
						}
						n++
					}
				}
			}
		}
	}
	t.Logf("%d combinations", n)
}
