package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
)

func TestAssumeRole(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ev   *eval.Evaluator
		req  eval.Request
		want eval.Decision
	}{
		// S9.1, E7.7, X8.1: the trust policy delegates to carol's account and her identity
		// policy allows sts:AssumeRole on the role; both conditions hold.
		{"external ID and MFA", w.trustCarol, assume(carol, withExternalID, withMFA), eval.Allow},
		// C5.5: StringEquals on sts:ExternalId is exact.
		{"wrong external ID", w.trustCarol, assume(carol, key("sts:ExternalId", "partner-7731 "), withMFA), eval.ImplicitDeny},
		// C5.4: no sts:ExternalId, the positive StringEquals is false.
		{"no external ID", w.trustCarol, assume(carol, withMFA), eval.ImplicitDeny},
		// S9.7, C5.4: long-term keys carry no aws:MultiFactorAuthPresent; Bool is false.
		{"long-term keys", w.trustCarol, assume(carol, withExternalID), eval.ImplicitDeny},
		// S9.7, C5.8: temporary credentials without MFA say false.
		{"MFA false", w.trustCarol, assume(carol, withExternalID, key("aws:MultiFactorAuthPresent", "false")), eval.ImplicitDeny},
		// C5.8: Bool compares true/false without ASCII case.
		{"MFA TRUE", w.trustCarol, assume(carol, withExternalID, key("aws:MultiFactorAuthPresent", "TRUE")), eval.Allow},
		// P4.1, X8.1: naming the account delegates; dave also needs his own identity Allow.
		{"no identity Allow", w.trustDave, assume(dave, withExternalID, withMFA), eval.ImplicitDeny},
		// P4.1: the trust policy names account 444455556666, not any other account.
		{"other account", w.trustCarol, assume("arn:aws:iam::777788889999:user/carol", withExternalID, withMFA), eval.ImplicitDeny},

		// E7.4 step 7: a role session without session policies has the role's permissions.
		{"full session write", w.fullEv, w.full.Request("s3:PutObject", artifacts+"/build-42.zip", roleAccount), eval.Allow},
		// R3.3: function:app-* matches app-api in the same account (account from the ARN).
		{"full session lambda", w.fullEv, w.full.Request("lambda:UpdateFunctionCode", function, ""), eval.Allow},
		// S9.4: role permissions ∩ session policy: both allow GetObject.
		{"narrow read", w.narrowEv, w.narrow.Request("s3:GetObject", artifacts+"/build-42.zip", roleAccount), eval.Allow},
		// S9.4, E7.4 step 7: the session policy does not allow PutObject.
		{"narrow write", w.narrowEv, w.narrow.Request("s3:PutObject", artifacts+"/build-42.zip", roleAccount), eval.ImplicitDeny},
		// S9.4: session policies never add permissions; the role has no DeleteObject.
		{"session cannot add", w.narrowEv, w.narrow.Request("s3:DeleteObject", artifacts+"/build-42.zip", roleAccount), eval.ImplicitDeny},
		// S9.4: the session policy says nothing about Lambda.
		{"narrow lambda", w.narrowEv, w.narrow.Request("lambda:UpdateFunctionCode", function, ""), eval.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := tt.ev.Explain(tt.req); x.Decision != tt.want {
				t.Errorf("got %v, want %v\n%s", x.Decision, tt.want, x)
			}
		})
	}
}

func TestSessionIdentity(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	// S9.3: the session ARN has the role's account and no role path.
	if want := "arn:aws:sts::111122223333:assumed-role/DeployRole/carol-readonly"; w.narrow.Principal != want {
		t.Errorf("session principal %q, want %q", w.narrow.Principal, want)
	}
	// S9.2, P4.3: requests made with the session carry aws:PrincipalArn, the role ARN with path.
	req := w.narrow.Request("s3:GetObject", artifacts+"/x", roleAccount)
	if len(req.Context) == 0 || req.Context[0].Key != "aws:PrincipalArn" || req.Context[0].Values[0] != roleARN {
		t.Errorf("session request context %v lacks aws:PrincipalArn %s", req.Context, roleARN)
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, ""); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "session-no-allow") {
		t.Errorf("output lacks the session-policy explanation:\n%s", out.String())
	}
}
