// Command sts-assume-role walks through sts:AssumeRole across accounts: user carol of account
// 444455556666 assumes the role ops/DeployRole of account 111122223333, whose trust policy
// demands an external ID and MFA; the session she gets is then narrowed by a session policy.
//
//	go run ./examples/sts-assume-role
//
// Part one decides the AssumeRole call against the role's trust policy (eval.Role.TrustSet);
// part two decides requests made with the resulting sessions (eval.Role.AssumeRole and
// eval.Session.Request). The program exits with status 1 if a decision differs from the expected
// one.
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
	name        = "sts-assume-role"
	roleAccount = "111122223333"
	roleARN     = "arn:aws:iam::111122223333:role/ops/DeployRole"
	carol       = "arn:aws:iam::444455556666:user/carol"
	dave        = "arn:aws:iam::444455556666:user/dave" // same account as carol, no identity policy
	externalID  = "partner-7731"
	artifacts   = "arn:aws:s3:::deploy-artifacts"
	function    = "arn:aws:lambda:us-east-1:111122223333:function:app-api"
)

func main() { exampledata.Main(name, run) }

// world holds the role, two sessions of it and their evaluators.
type world struct {
	role eval.Role
	// trustCarol decides AssumeRole calls by carol, whose identity policy allows the call;
	// trustDave those by dave, who has no identity policy.
	trustCarol, trustDave *eval.Evaluator
	// full is a session created without session policies; narrow one created with
	// session-read-artifacts.json.
	full, narrow     eval.Session
	fullEv, narrowEv *eval.Evaluator
}

func setup(dir string) (*world, error) {
	p, err := exampledata.LoadAll(name, dir,
		exampledata.File{Name: "trust.json", Kind: policy.KindTrust},
		exampledata.File{Name: "caller-carol.json", Kind: policy.KindIdentity},
		exampledata.File{Name: "role-deploy.json", Kind: policy.KindIdentity},
		exampledata.File{Name: "session-read-artifacts.json", Kind: policy.KindSession},
	)
	if err != nil {
		return nil, err
	}
	trust, callerCarol, deploy, readOnly := p[0], p[1], p[2], p[3]

	w := &world{role: eval.Role{ARN: roleARN, Trust: trust, Identity: []*policy.Policy{deploy}}}
	if w.trustCarol, err = eval.Compile(w.role.TrustSet(callerCarol)); err != nil {
		return nil, err
	}
	if w.trustDave, err = eval.Compile(w.role.TrustSet()); err != nil {
		return nil, err
	}
	if w.full, err = w.role.AssumeRole("carol-full"); err != nil {
		return nil, err
	}
	if w.narrow, err = w.role.AssumeRole("carol-readonly", readOnly); err != nil {
		return nil, err
	}
	if w.fullEv, err = eval.Compile(w.full.Set); err != nil {
		return nil, err
	}
	if w.narrowEv, err = eval.Compile(w.narrow.Set); err != nil {
		return nil, err
	}
	return w, nil
}

// assume is an sts:AssumeRole call on the role by caller with the given request context.
func assume(caller string, ctx ...condition.Entry) eval.Request {
	return eval.Request{Principal: caller, Action: "sts:AssumeRole", Resource: roleARN, Context: ctx}
}

func key(k string, v ...string) condition.Entry { return condition.Entry{Key: k, Values: v} }

var (
	withExternalID = key("sts:ExternalId", externalID)
	withMFA        = key("aws:MultiFactorAuthPresent", "true")
)

type check struct {
	what string
	ev   func(*world) *eval.Evaluator
	req  func(*world) eval.Request
	want eval.Decision
}

func trustCarol(w *world) *eval.Evaluator { return w.trustCarol }
func trustDave(w *world) *eval.Evaluator  { return w.trustDave }
func fullEv(w *world) *eval.Evaluator     { return w.fullEv }
func narrowEv(w *world) *eval.Evaluator   { return w.narrowEv }

func fixed(req eval.Request) func(*world) eval.Request {
	return func(*world) eval.Request { return req }
}

var checks = []check{
	{"carol assumes the role with the external ID and MFA", trustCarol,
		fixed(assume(carol, withExternalID, withMFA)), eval.Allow},
	{"wrong external ID", trustCarol,
		fixed(assume(carol, key("sts:ExternalId", "guess"), withMFA)), eval.ImplicitDeny},
	{"long-term keys: no MFA key at all", trustCarol,
		fixed(assume(carol, withExternalID)), eval.ImplicitDeny},
	{"temporary credentials without MFA", trustCarol,
		fixed(assume(carol, withExternalID, key("aws:MultiFactorAuthPresent", "false"))), eval.ImplicitDeny},
	{"dave's own account never allowed him to call AssumeRole", trustDave,
		fixed(assume(dave, withExternalID, withMFA)), eval.ImplicitDeny},

	{"session without session policy writes artifacts", fullEv, func(w *world) eval.Request {
		return w.full.Request("s3:PutObject", artifacts+"/build-42.zip", roleAccount)
	}, eval.Allow},
	{"session without session policy updates the function", fullEv, func(w *world) eval.Request {
		return w.full.Request("lambda:UpdateFunctionCode", function, "")
	}, eval.Allow},
	{"narrowed session reads artifacts", narrowEv, func(w *world) eval.Request {
		return w.narrow.Request("s3:GetObject", artifacts+"/build-42.zip", roleAccount)
	}, eval.Allow},
	{"narrowed session cannot write", narrowEv, func(w *world) eval.Request {
		return w.narrow.Request("s3:PutObject", artifacts+"/build-42.zip", roleAccount)
	}, eval.ImplicitDeny},
	{"session policy cannot add DeleteObject", narrowEv, func(w *world) eval.Request {
		return w.narrow.Request("s3:DeleteObject", artifacts+"/build-42.zip", roleAccount)
	}, eval.ImplicitDeny},
	{"narrowed session cannot update the function", narrowEv, func(w *world) eval.Request {
		return w.narrow.Request("lambda:UpdateFunctionCode", function, "")
	}, eval.ImplicitDeny},
}

func run(w io.Writer, dir string) error {
	wd, err := setup(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "role %s\nsessions: %s, %s\n\n", roleARN, wd.full.Principal, wd.narrow.Principal)
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
