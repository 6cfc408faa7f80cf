// Command who-can answers "who can do this?" over a folder of policies: every principal's
// identity policy is a file under principals/ (user-NAME.json, role-NAME.json), and one bucket
// policy applies to all of them. Each policy is compiled once, the shared bucket policy as one
// eval.Part, and each principal's evaluator is assembled from its own part and the shared one.
//
// Run it from the repository root:
//
//	go run ./examples/who-can -action s3:GetObject -resource arn:aws:s3:::example-bucket/reports/q1.csv
//	go run ./examples/who-can -action s3:DeleteObject -resource arn:aws:s3:::example-bucket/x -context aws:SourceIp=203.0.113.9
//
// It prints one line per principal with its decision and the statement that decided it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/examples/internal/exampledata"
	"github.com/iamgo/iam/policy"
)

const (
	name    = "who-can"
	account = "111122223333"
)

// principal is one caller of the folder with its assembled evaluator.
type principal struct {
	arn string
	ev  *eval.Evaluator
}

// load compiles the bucket policy once and assembles one evaluator per principal file.
func load(dir string) ([]principal, error) {
	dir, err := exampledata.Dir(name, dir)
	if err != nil {
		return nil, err
	}
	var o eval.Options
	bucket, err := exampledata.Load(dir, "bucket-policy.json", policy.KindResource)
	if err != nil {
		return nil, err
	}
	shared, err := o.CompilePart(eval.KindResource, bucket) // compiled once for everyone
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "principals", "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []principal
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		kind, who, ok := strings.Cut(base, "-")
		var caller string
		switch {
		case ok && kind == "user":
			caller = arn.User(account, "", who)
		case ok && kind == "role":
			// A role acts through its sessions; the request carries the role ARN as
			// aws:PrincipalArn (S9.2), so the session name is arbitrary.
			caller = arn.AssumedRole(account, who, "who-can")
		default:
			return nil, fmt.Errorf("%s: expected user-NAME.json or role-NAME.json", f)
		}
		p, err := exampledata.Load(filepath.Dir(f), filepath.Base(f), policy.KindIdentity)
		if err != nil {
			return nil, err
		}
		own, err := o.CompilePart(eval.KindIdentity, p)
		if err != nil {
			return nil, err
		}
		ev, err := o.Assemble(eval.Parts{Identity: []*eval.Part{own}, Resource: shared})
		if err != nil {
			return nil, err
		}
		out = append(out, principal{arn: caller, ev: ev})
	}
	return out, nil
}

// request is the question asked of principal p, with the role's ARN for sessions.
func request(p principal, action, resource string, ctx []condition.Entry) eval.Request {
	req := eval.Request{Principal: p.arn, Action: action, Resource: resource, ResourceAccount: account,
		Context: append([]condition.Entry(nil), ctx...)}
	if pp, err := arn.ParsePrincipal(p.arn); err == nil && pp.Kind == arn.PrincipalAssumedRole {
		req.Context = append(req.Context, condition.Entry{Key: "aws:PrincipalArn", Values: []string{arn.Role(account, "", pp.Name)}})
	}
	return req
}

// whoCan writes one line per principal: its decision and what decided it.
func whoCan(w io.Writer, ps []principal, action, resource string, ctx []condition.Entry) {
	for _, p := range ps {
		x := p.ev.Explain(request(p, action, resource, ctx))
		why := x.Reason
		if len(x.Matched) > 0 {
			m := x.Matched[0]
			why = fmt.Sprintf("%s %s %s", m.Effect, m.PolicyName, m.Path)
			if m.Sid != "" {
				why += " " + m.Sid
			}
		}
		fmt.Fprintf(w, "%-13s %-55s %s\n", x.Decision, p.arn, why)
	}
}

func main() {
	dir := exampledata.DirFlag(name)
	action := flag.String("action", "s3:GetObject", "the action")
	resource := flag.String("resource", "arn:aws:s3:::example-bucket/reports/q1.csv", "the resource ARN")
	var ctxFlags []string
	flag.Func("context", "KEY=VALUE context entry (repeatable; KEY=V1,V2 is multivalued)", func(s string) error {
		ctxFlags = append(ctxFlags, s)
		return nil
	})
	flag.Parse()
	ctx, err := condition.ParseEntries(ctxFlags)
	if err == nil {
		var ps []principal
		if ps, err = load(*dir); err == nil {
			whoCan(os.Stdout, ps, *action, *resource, ctx)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}
