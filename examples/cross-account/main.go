// Command cross-account shows the cross-account rule: a role in account A (111122223333) reads
// a bucket owned by account B (444455556666), and the request is allowed only when the role's
// identity policy (account A's side) and the bucket policy (account B's side) both allow it
// (SEMANTICS X8.1).
//
//	go run ./examples/cross-account
//
// The same requests are decided three times: with both policies, with only the role's identity
// policy, and with only the bucket policy. The program exits with status 1 if a decision differs
// from the expected one.
package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/examples/internal/exampledata"
	"github.com/iamgo/iam/policy"
)

const (
	name        = "cross-account"
	accountA    = "111122223333" // the role's account (trusted)
	accountB    = "444455556666" // the bucket's account (trusting)
	roleARN     = "arn:aws:iam::111122223333:role/DataReader"
	bucket      = "arn:aws:s3:::partner-data"
	setBoth     = "both sides"
	setIdentity = "identity side only"
	setResource = "resource side only"
	sessionName = "nightly-etl"
)

func main() { exampledata.Main(name, run) }

// world holds the role's session and one evaluator per combination of policies.
type world struct {
	session eval.Session
	ev      map[string]*eval.Evaluator
}

func setup(dir string) (*world, error) {
	dir, err := exampledata.Dir(name, dir)
	if err != nil {
		return nil, err
	}
	reader, err := exampledata.Load(dir, "reader-role.json", policy.KindIdentity)
	if err != nil {
		return nil, err
	}
	bucketPolicy, err := exampledata.Load(dir, "bucket-policy.json", policy.KindResource)
	if err != nil {
		return nil, err
	}
	role := eval.Role{ARN: roleARN, Identity: []*policy.Policy{reader}}
	s, err := role.AssumeRole(sessionName)
	if err != nil {
		return nil, err
	}
	both := s.Set
	both.Resource = bucketPolicy
	sets := map[string]eval.PolicySet{
		setBoth:     both,
		setIdentity: s.Set,                    // no bucket policy at all
		setResource: {Resource: bucketPolicy}, // the role has no identity policy
	}
	w := &world{session: s, ev: map[string]*eval.Evaluator{}}
	for k, set := range sets {
		if w.ev[k], err = eval.Compile(set); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// get is a request made with the role's session on an object of the bucket. The bucket's account
// must be given: S3 ARNs carry none (X8.3).
func (w *world) get(key string) eval.Request {
	return w.session.Request("s3:GetObject", bucket+"/"+key, accountB)
}

type check struct {
	what string
	set  string
	req  func(*world) eval.Request
	want eval.Decision
}

var checks = []check{
	{"both sides allow", setBoth, func(w *world) eval.Request { return w.get("exports/2024-06.csv") }, eval.Allow},
	{"bucket policy does not cover internal/", setBoth, func(w *world) eval.Request { return w.get("internal/plan.docx") }, eval.ImplicitDeny},
	{"account delegation plus identity Allow", setBoth, func(w *world) eval.Request {
		return w.session.Request("s3:ListBucket", bucket, accountB)
	}, eval.Allow},
	{"identity Allow without a bucket policy", setIdentity, func(w *world) eval.Request { return w.get("exports/2024-06.csv") }, eval.ImplicitDeny},
	{"bucket policy Allow without an identity Allow", setResource, func(w *world) eval.Request { return w.get("exports/2024-06.csv") }, eval.ImplicitDeny},
}

func run(w io.Writer, dir string) error {
	wd, err := setup(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "session %s (role %s) reading from account %s\n\n", wd.session.Principal, wd.session.RoleARN, accountB)
	failed := 0
	for _, c := range checks {
		req := c.req(wd)
		x := wd.ev[c.set].Explain(req)
		mark := "ok"
		if x.Decision != c.want {
			mark = "UNEXPECTED (want " + c.want.String() + ")"
			failed++
		}
		fmt.Fprintf(w, "%s: %s [%s]\n  %s %s\n", mark, c.what, c.set, req.Action, req.Resource)
		fmt.Fprintf(w, "  %s\n\n", strings.ReplaceAll(strings.TrimRight(x.String(), "\n"), "\n", "\n  "))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d decisions differ from the expected ones", failed, len(checks))
	}
	return nil
}
