package eval

// verdicts is what gathering finds in the policies that apply to one request: whether a Deny
// applies anywhere, which kinds allow, how strongly the resource policy names the caller, and
// the first organization level that does not allow.
type verdicts struct {
	denied    bool     // a Deny applies in some policy (condition true or unknown, C5.0)
	idAllow   bool     // an identity policy allows
	bndAllow  bool     // a permissions boundary allows
	sessAllow bool     // a session policy allows
	res       strength // the strongest resource-policy Allow naming the caller (E7.5)
	scpFail   int      // the first SCP level without an Allow, or -1 (also -1 when SCPs do not apply)
	rcpFail   int      // the first RCP level without an Allow, or -1 (also -1 when RCPs do not apply)
}

// facts are the request's facts combine needs besides the verdicts.
type facts struct {
	kind           callerKind
	hasBnd         bool // the caller has a permissions boundary
	hasSess        bool // session policies were passed
	sameAccount    bool // the resource account is known and is the caller's (X8.3)
	crossPartition bool // the resource is in another partition than the caller (X8.2)
	rootAssumeRole bool // the root user calls sts:AssumeRole (S9.1)
	serviceDenied  why  // a service rule that refuses the request whatever the policies say, or 0
	policyRequired bool // the resource policy must allow on its own: a trust or key policy (E7.7)
}

// outcome is a decision with why it was taken and the organization level for SCP and RCP layers
// (else -1). It is a few bytes, returned in registers: the texts of why are looked up only for
// an explanation.
type outcome struct {
	d     Decision
	why   why
	level int32
}

// why names the reason of a decision (Explanation.Reason) and the layer that failed to allow
// (Explanation.FailedLayer), through whys.
type why uint8

const (
	whyNone why = iota
	whyExplicitDeny
	whyRootAssumeRole
	whyManagedPolicy
	whyReservedRole
	whyManagedKMSAlias
	whyRCP
	whySCP
	whyCrossPartition
	whyResourceAllows
	whyNoAllowResource
	whyCrossAccountResource
	whyCrossAccountIdentity
	whyPolicyRequired
	whyNoAllowIdentity
	whyBoundary
	whyFederatedNoSession
	whySession
	whyAllowed
)

// whys holds each why's reason and layer.
var whys = [...]struct{ reason, layer string }{
	whyExplicitDeny:         {"explicit-deny", ""},
	whyRootAssumeRole:       {"root-cannot-assume-role", "service"},
	whyManagedPolicy:        {"aws-managed-policy", "service"},
	whyReservedRole:         {"aws-reserved-role", "service"},
	whyManagedKMSAlias:      {"aws-managed-kms-alias", "service"},
	whyRCP:                  {"rcp-no-allow", "rcp"},
	whySCP:                  {"scp-no-allow", "scp"},
	whyCrossPartition:       {"cross-partition", "resource"},
	whyResourceAllows:       {"allowed-by-resource-policy", ""},
	whyNoAllowResource:      {"no-allow", "resource"},
	whyCrossAccountResource: {"cross-account-resource-side", "resource"},
	whyCrossAccountIdentity: {"cross-account-identity-side", "identity"},
	whyPolicyRequired:       {"resource-policy-required", "resource"},
	whyNoAllowIdentity:      {"no-allow", "identity"},
	whyBoundary:             {"boundary-no-allow", "boundary"},
	whyFederatedNoSession:   {"federated-user-no-session-policy", "session"},
	whySession:              {"session-no-allow", "session"},
	whyAllowed:              {"allowed", ""},
}

// combine is AWS's decision procedure on gathered verdicts, as the IAM user guide states it
// (SEMANTICS E7.4 with the cross-account rules of X8 and the service rules of S9):
//
//  1. An explicit Deny in any applicable policy wins (E7.4 step 1).
//  2. Service rules refuse what AWS refuses whatever the policies say: the root user calling
//     sts:AssumeRole (S9.1), changes to AWS managed policies, reserved roles and AWS managed
//     KMS aliases.
//  3. Every RCP level of the resource's account, then every SCP level of the caller's account,
//     must allow (E7.4 steps 2 and 3, E7.9, E7.10).
//  4. No access across partitions (X8.2).
//  5. Callers without identity policies (services, identity providers, anonymous) rely on the
//     resource policy alone (E7.11, X8.4).
//  6. Across accounts, or when the resource account is unknown (X8.3), the resource policy must
//     allow and the identity side must allow on its own (X8.1); then step 9.
//  7. In the same account, a trust policy or KMS key policy must allow on its own (E7.7); a
//     resource policy naming the caller directly allows (E7.4 step 4, E7.5).
//  8. Otherwise the identity side must allow, or the resource policy must name the caller's
//     role or user entity (E7.4 step 5, E7.5); the root user holds every permission of its
//     account (E7.8).
//  9. The permissions boundary, then the session policies, must allow (E7.4 steps 6 and 7); a
//     federated-user session without session policies has no permissions (S9.4).
//
// It is a pure function of its arguments: TestCombineMatchesOracle checks it on every
// combination against a naive transcription of the same steps.
func combine(v *verdicts, f *facts) outcome {
	switch {
	case v.denied:
		return outcome{ExplicitDeny, whyExplicitDeny, -1}
	case f.rootAssumeRole:
		return outcome{ImplicitDeny, whyRootAssumeRole, -1}
	case f.serviceDenied != whyNone:
		return outcome{ImplicitDeny, f.serviceDenied, -1}
	case v.rcpFail >= 0:
		return outcome{ImplicitDeny, whyRCP, int32(v.rcpFail)}
	case v.scpFail >= 0:
		return outcome{ImplicitDeny, whySCP, int32(v.scpFail)}
	case f.crossPartition:
		return outcome{ImplicitDeny, whyCrossPartition, -1}
	case f.kind < cRoot: // no identity side
		if v.res > sNone {
			return outcome{Allow, whyResourceAllows, -1}
		}
		return outcome{ImplicitDeny, whyNoAllowResource, -1}
	case !f.sameAccount:
		if v.res == sNone {
			return outcome{ImplicitDeny, whyCrossAccountResource, -1}
		}
		if !v.idAllow && f.kind != cRoot {
			return outcome{ImplicitDeny, whyCrossAccountIdentity, -1}
		}
		return limits(v, f)
	case v.res == sNone && f.policyRequired:
		return outcome{ImplicitDeny, whyPolicyRequired, -1}
	case v.res == sDirect:
		return outcome{Allow, whyResourceAllows, -1}
	case !v.idAllow && f.kind != cRoot && v.res != sEntity:
		return outcome{ImplicitDeny, whyNoAllowIdentity, -1}
	}
	return limits(v, f)
}

// settled returns the decision combine would take whatever the facts, when the verdicts alone
// settle it: a Deny applies (step 1), or nothing allows and the caller is not the root user (who
// holds every permission of its account, E7.8): then every step of combine ends in an
// ImplicitDeny. Decide uses it to skip working out the facts; TestCombineMatchesOracle holds
// it to combine.
func settled(v *verdicts, kind callerKind) (Decision, bool) {
	switch {
	case v.denied:
		return ExplicitDeny, true
	case !v.idAllow && v.res == sNone && kind != cRoot:
		return ImplicitDeny, true
	}
	return 0, false
}

// limits is step 9 of combine: the permissions boundary and the session policies.
func limits(v *verdicts, f *facts) outcome {
	switch {
	case f.kind == cRoot:
	case f.hasBnd && !v.bndAllow:
		return outcome{ImplicitDeny, whyBoundary, -1}
	case f.kind == cFedUser && !f.hasSess:
		return outcome{ImplicitDeny, whyFederatedNoSession, -1}
	case (f.kind == cSession || f.kind == cRole || f.kind == cFedUser) && f.hasSess && !v.sessAllow:
		return outcome{ImplicitDeny, whySession, -1}
	}
	return outcome{Allow, whyAllowed, -1}
}
