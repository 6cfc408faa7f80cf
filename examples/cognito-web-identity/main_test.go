package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
)

// without returns req with the context key k removed.
func without(req eval.Request, k string) eval.Request {
	var ctx []condition.Entry
	for _, e := range req.Context {
		if e.Key != k {
			ctx = append(ctx, e)
		}
	}
	req.Context = ctx
	return req
}

func TestTrust(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	google := ana.assume(authRole)
	google.Principal = "federated:accounts.google.com"
	noAMR := without(ana.assume(authRole), "cognito-identity.amazonaws.com:amr")
	tests := []struct {
		name string
		ev   *eval.Evaluator
		req  eval.Request
		want eval.Decision
	}{
		// S9.1, P4.7, S9.8: Federated cognito-identity.amazonaws.com, the pool as aud, and
		// "authenticated" among the amr values (ForAnyValue, C5.14).
		{"authenticated to auth role", w.trustAuth, ana.assume(authRole), eval.Allow},
		{"user-pool login to auth role", w.trustAuth, ben.assume(authRole), eval.Allow},
		// C5.5: StringLike "authenticated" has no wildcard, so "unauthenticated" does not match.
		{"guest to auth role", w.trustAuth, guest.assume(authRole), eval.ImplicitDeny},
		// S9.8: the guest role trusts only amr "unauthenticated".
		{"guest to guest role", w.trustGuest, guest.assume(guestRole), eval.Allow},
		{"authenticated to guest role", w.trustGuest, ana.assume(guestRole), eval.ImplicitDeny},
		// C5.5: aud must be this pool exactly.
		{"other pool", w.trustAuth, outside.assume(authRole), eval.ImplicitDeny},
		// C5.14: ForAnyValue is false when the key is absent.
		{"no amr", w.trustAuth, noAMR, eval.ImplicitDeny},
		// P4.7: another identity provider is not the Federated principal named.
		{"other provider", w.trustAuth, google, eval.ImplicitDeny},
		// S9.1, E7.7: an IAM user cannot use this trust policy (wrong principal and action).
		{"IAM user", w.trustAuth, eval.Request{Principal: "arn:aws:iam::111122223333:user/alice",
			Action: "sts:AssumeRole", Resource: authRole}, eval.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := tt.ev.Explain(tt.req); x.Decision != tt.want {
				t.Errorf("got %v, want %v\n%s", x.Decision, tt.want, x)
			}
		})
	}
}

func TestPerUserPrefix(t *testing.T) {
	w, err := setup("")
	if err != nil {
		t.Fatal(err)
	}
	prefix := func(p string) condition.Entry { return condition.Entry{Key: "s3:prefix", Values: []string{p}} }
	// An identity whose sub is "*" would read every folder if substituted text were a pattern.
	star := identity{pool, "*", []string{"authenticated"}}
	noSub := without(s3(w.auth, ana, "s3:GetObject", private(ana, "cat.jpg")), "cognito-identity.amazonaws.com:sub")
	tests := []struct {
		name string
		ev   *eval.Evaluator
		req  eval.Request
		want eval.Decision
	}{
		// V6.1: ${cognito-identity.amazonaws.com:sub} becomes ana's identity ID; the ID's own
		// colon is literal text of the variable's value, matched like any character (R3.3
		// limits wildcards only).
		{"own object", w.authEv, s3(w.auth, ana, "s3:GetObject", private(ana, "cat.jpg")), eval.Allow},
		{"own upload", w.authEv, s3(w.auth, ana, "s3:PutObject", private(ana, "dog.jpg")), eval.Allow},
		{"own delete", w.authEv, s3(w.auth, ana, "s3:DeleteObject", private(ana, "dog.jpg")), eval.Allow},
		// V6.1: ben's folder is not ana's.
		{"other user's object", w.authEv, s3(w.auth, ana, "s3:GetObject", private(ben, "cat.jpg")), eval.ImplicitDeny},
		{"ben reads his own", w.authEv, s3(w.auth, ben, "s3:GetObject", private(ben, "cat.jpg")), eval.Allow},
		// V6.5, R3.7: without the sub key the variable has no value and the entry matches nothing.
		{"no sub", w.authEv, noSub, eval.ImplicitDeny},
		// V6.6: substituted text is literal, "*" does not become a wildcard.
		{"sub is a star", w.authEv, s3(w.auth, star, "s3:GetObject", private(ben, "cat.jpg")), eval.ImplicitDeny},
		// C5.5, V6.1: StringLike on s3:prefix with the variable.
		{"list own folder", w.authEv, s3(w.auth, ana, "s3:ListBucket", bucket, prefix("private/"+ana.sub+"/2024/")), eval.Allow},
		{"list private/", w.authEv, s3(w.auth, ana, "s3:ListBucket", bucket, prefix("private/")), eval.ImplicitDeny},
		// E7.4 step 5: public/ is readable by authenticated users and guests alike.
		{"auth reads public", w.authEv, s3(w.auth, ana, "s3:GetObject", bucket+"/public/banner.jpg"), eval.Allow},
		{"guest reads public", w.guestEv, s3(w.guest, guest, "s3:GetObject", bucket+"/public/banner.jpg"), eval.Allow},
		// E7.3: the guest role allows nothing else.
		{"guest writes", w.guestEv, s3(w.guest, guest, "s3:PutObject", bucket+"/public/banner.jpg"), eval.ImplicitDeny},
		{"guest private", w.guestEv, s3(w.guest, guest, "s3:GetObject", private(guest, "x.jpg")), eval.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := tt.ev.Explain(tt.req); x.Decision != tt.want {
				t.Errorf("got %v, want %v\n%s", x.Decision, tt.want, x)
			}
		})
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, ""); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), `Sid "OwnObjects"`) {
		t.Errorf("output lacks the per-user statement:\n%s", out.String())
	}
}
