// Command cognito-web-identity models an Amazon Cognito identity pool with two roles: one for
// authenticated identities and one for guests. Their trust policies decide which identities may
// call sts:AssumeRoleWithWebIdentity; the authenticated role's identity policy then confines
// every user to a private S3 prefix named after its Cognito identity ID, using the policy
// variable ${cognito-identity.amazonaws.com:sub}.
//
//	go run ./examples/cognito-web-identity
//
// The program exits with status 1 if a decision differs from the expected one.
package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/examples/internal/exampledata"
	"github.com/iamgo/iam/policy"
)

const (
	name      = "cognito-web-identity"
	account   = "111122223333"
	pool      = "us-east-1:12345678-1234-1234-1234-123456789012"
	otherPool = "us-east-1:00000000-0000-0000-0000-000000000000"
	authRole  = "arn:aws:iam::111122223333:role/Cognito_PhotoAppAuth_Role"
	guestRole = "arn:aws:iam::111122223333:role/Cognito_PhotoAppUnauth_Role"
	// cognito is the caller of AssumeRoleWithWebIdentity for identities of a Cognito pool: the
	// identity provider, written federated:NAME (P4.7).
	cognito = "federated:cognito-identity.amazonaws.com"
	bucket  = "arn:aws:s3:::photo-app-data"
)

func main() { exampledata.Main(name, run) }

// identity is a Cognito identity as the pool reports it to STS.
type identity struct {
	pool string   // the identity pool: cognito-identity.amazonaws.com:aud
	sub  string   // the identity ID: cognito-identity.amazonaws.com:sub
	amr  []string // authentication methods: cognito-identity.amazonaws.com:amr
}

var (
	ana = identity{pool, "us-east-1:aaaaaaaa-1111-2222-3333-444444444444",
		[]string{"authenticated", "accounts.google.com", "accounts.google.com:us-east-1:aaaaaaaa-1111-2222-3333-444444444444"}}
	ben = identity{pool, "us-east-1:bbbbbbbb-1111-2222-3333-444444444444",
		[]string{"authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"}}
	guest   = identity{pool, "us-east-1:cccccccc-1111-2222-3333-444444444444", []string{"unauthenticated"}}
	outside = identity{otherPool, "us-east-1:dddddddd-1111-2222-3333-444444444444", []string{"authenticated"}}
)

// context returns the web-identity keys of id. They are present in the AssumeRoleWithWebIdentity
// call and stay in the context of requests made with the session (S9.8). amr is multivalued
// (C5.15), so it is marked Multi even when it holds one value.
func (id identity) context() []condition.Entry {
	return []condition.Entry{
		{Key: "cognito-identity.amazonaws.com:aud", Values: []string{id.pool}},
		{Key: "cognito-identity.amazonaws.com:sub", Values: []string{id.sub}},
		{Key: "cognito-identity.amazonaws.com:amr", Values: id.amr, Multi: true},
	}
}

// assume is the sts:AssumeRoleWithWebIdentity call for id on role.
func (id identity) assume(role string) eval.Request {
	return eval.Request{Principal: cognito, Action: "sts:AssumeRoleWithWebIdentity", Resource: role, Context: id.context()}
}

// world holds the two roles' trust evaluators and one session of each role.
type world struct {
	trustAuth, trustGuest *eval.Evaluator
	auth, guest           eval.Session
	authEv, guestEv       *eval.Evaluator
}

func setup(dir string) (*world, error) {
	p, err := exampledata.LoadAll(name, dir,
		exampledata.File{Name: "trust-authenticated.json", Kind: policy.KindTrust},
		exampledata.File{Name: "trust-unauthenticated.json", Kind: policy.KindTrust},
		exampledata.File{Name: "authenticated.json", Kind: policy.KindIdentity},
		exampledata.File{Name: "unauthenticated.json", Kind: policy.KindIdentity},
	)
	if err != nil {
		return nil, err
	}
	roles := []eval.Role{
		{ARN: authRole, Trust: p[0], Identity: []*policy.Policy{p[2]}},
		{ARN: guestRole, Trust: p[1], Identity: []*policy.Policy{p[3]}},
	}
	w := &world{}
	// An identity provider has no identity policies of its own: the trust policy alone decides
	// (E7.11, S9.1).
	if w.trustAuth, err = eval.Compile(roles[0].TrustSet()); err != nil {
		return nil, err
	}
	if w.trustGuest, err = eval.Compile(roles[1].TrustSet()); err != nil {
		return nil, err
	}
	// Cognito names every session CognitoIdentityCredentials.
	if w.auth, err = roles[0].AssumeRole("CognitoIdentityCredentials"); err != nil {
		return nil, err
	}
	if w.guest, err = roles[1].AssumeRole("CognitoIdentityCredentials"); err != nil {
		return nil, err
	}
	if w.authEv, err = eval.Compile(w.auth.Set); err != nil {
		return nil, err
	}
	if w.guestEv, err = eval.Compile(w.guest.Set); err != nil {
		return nil, err
	}
	return w, nil
}

// s3 is a request by id, made with session s, on the app's bucket.
func s3(s eval.Session, id identity, action, resource string, extra ...condition.Entry) eval.Request {
	ctx := append(id.context(), condition.Entry{Key: "aws:FederatedProvider", Values: []string{"cognito-identity.amazonaws.com"}})
	return s.Request(action, resource, account, append(ctx, extra...)...)
}

func private(id identity, file string) string { return bucket + "/private/" + id.sub + "/" + file }

type check struct {
	what string
	ev   func(*world) *eval.Evaluator
	req  func(*world) eval.Request
	want eval.Decision
}

func fixed(req eval.Request) func(*world) eval.Request {
	return func(*world) eval.Request { return req }
}

var checks = []check{
	{"authenticated identity gets the authenticated role", trustAuth, fixed(ana.assume(authRole)), eval.Allow},
	{"guest cannot get the authenticated role", trustAuth, fixed(guest.assume(authRole)), eval.ImplicitDeny},
	{"guest gets the guest role", trustGuest, fixed(guest.assume(guestRole)), eval.Allow},
	{"authenticated identity does not match the guest role", trustGuest, fixed(ana.assume(guestRole)), eval.ImplicitDeny},
	{"identity of another pool", trustAuth, fixed(outside.assume(authRole)), eval.ImplicitDeny},

	{"ana reads her own photo", authEv, func(w *world) eval.Request {
		return s3(w.auth, ana, "s3:GetObject", private(ana, "cat.jpg"))
	}, eval.Allow},
	{"ana uploads to her own folder", authEv, func(w *world) eval.Request {
		return s3(w.auth, ana, "s3:PutObject", private(ana, "dog.jpg"))
	}, eval.Allow},
	{"ana cannot read ben's photo", authEv, func(w *world) eval.Request {
		return s3(w.auth, ana, "s3:GetObject", private(ben, "cat.jpg"))
	}, eval.ImplicitDeny},
	{"ana lists her own folder", authEv, func(w *world) eval.Request {
		return s3(w.auth, ana, "s3:ListBucket", bucket, condition.Entry{Key: "s3:prefix", Values: []string{"private/" + ana.sub + "/"}})
	}, eval.Allow},
	{"ana cannot list every private folder", authEv, func(w *world) eval.Request {
		return s3(w.auth, ana, "s3:ListBucket", bucket, condition.Entry{Key: "s3:prefix", Values: []string{"private/"}})
	}, eval.ImplicitDeny},
	{"guest reads a public photo", guestEv, func(w *world) eval.Request {
		return s3(w.guest, guest, "s3:GetObject", bucket+"/public/banner.jpg")
	}, eval.Allow},
	{"guest cannot upload", guestEv, func(w *world) eval.Request {
		return s3(w.guest, guest, "s3:PutObject", bucket+"/public/banner.jpg")
	}, eval.ImplicitDeny},
}

func trustAuth(w *world) *eval.Evaluator  { return w.trustAuth }
func trustGuest(w *world) *eval.Evaluator { return w.trustGuest }
func authEv(w *world) *eval.Evaluator     { return w.authEv }
func guestEv(w *world) *eval.Evaluator    { return w.guestEv }

func run(w io.Writer, dir string) error {
	wd, err := setup(dir)
	if err != nil {
		return err
	}
	failed := 0
	for _, c := range checks {
		req := c.req(wd)
		x := c.ev(wd).Explain(req)
		mark := "ok"
		if x.Decision != c.want {
			mark = "UNEXPECTED (want " + c.want.String() + ")"
			failed++
		}
		fmt.Fprintf(w, "%s: %s\n  %s calls %s on %s\n", mark, c.what, req.Principal, req.Action, req.Resource)
		fmt.Fprintf(w, "  %s\n\n", strings.ReplaceAll(strings.TrimRight(x.String(), "\n"), "\n", "\n  "))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d decisions differ from the expected ones", failed, len(checks))
	}
	return nil
}
