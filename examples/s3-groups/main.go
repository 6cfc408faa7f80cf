// Command s3-groups shows how an IAM user's own policy, the policies of the groups the user
// belongs to and an S3 bucket policy combine into one decision, all in account 111122223333.
//
// Run it from the repository root:
//
//	go run ./examples/s3-groups
//
// It prints every request with its decision and the explanation, and exits with status 1 if a
// decision differs from the one written next to the request.
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
	name    = "s3-groups"
	account = "111122223333"
	alice   = "arn:aws:iam::111122223333:user/alice"
	bucket  = "arn:aws:s3:::example-bucket"
)

func main() { exampledata.Main(name, run) }

// compile builds the evaluator for alice: her own policy and her two groups' policies are all
// identity-based policies (E7.1); the bucket policy is the resource-based policy.
func compile(dir string) (*eval.Evaluator, error) {
	dir, err := exampledata.Dir(name, dir)
	if err != nil {
		return nil, err
	}
	var set eval.PolicySet
	for _, f := range []string{"alice.json", "group-analysts.json", "group-readonly-deny.json"} {
		p, err := exampledata.Load(dir, f, policy.KindIdentity)
		if err != nil {
			return nil, err
		}
		set.Identity = append(set.Identity, p)
	}
	if set.Resource, err = exampledata.Load(dir, "bucket-policy.json", policy.KindResource); err != nil {
		return nil, err
	}
	return eval.Compile(set)
}

// request builds a request by alice on the bucket, made over HTTPS as every SDK call is
// (aws:SecureTransport is always present, S9.7). S3 ARNs carry no account, so the bucket's owner
// is given explicitly; without it the request would be judged cross-account (X8.3).
func request(action, resource string, ctx ...condition.Entry) eval.Request {
	return eval.Request{
		Principal:       alice,
		Action:          action,
		Resource:        resource,
		ResourceAccount: account,
		Context:         append([]condition.Entry{key("aws:SecureTransport", "true")}, ctx...),
	}
}

// overHTTP returns req made over plain HTTP instead.
func overHTTP(req eval.Request) eval.Request {
	req.Context = append([]condition.Entry{key("aws:SecureTransport", "false")}, req.Context[1:]...)
	return req
}

func key(k string, v ...string) condition.Entry { return condition.Entry{Key: k, Values: v} }

// check is one request and the decision this program expects for it.
type check struct {
	what string
	req  eval.Request
	want eval.Decision
}

var checks = []check{
	{"own policy allows reports/*", request("s3:GetObject", bucket+"/reports/q1.csv"), eval.Allow},
	{"analysts group allows analytics/*", request("s3:GetObject", bucket+"/analytics/2024/summary.parquet"), eval.Allow},
	{"analysts group allows listing analytics/", request("s3:ListBucket", bucket, key("s3:prefix", "analytics/2024/")), eval.Allow},
	{"listing the whole bucket is not allowed", request("s3:ListBucket", bucket, key("s3:prefix", "")), eval.ImplicitDeny},
	{"only the bucket policy allows shared/*", request("s3:GetObject", bucket+"/shared/handbook.pdf"), eval.Allow},
	{"nothing allows private/*", request("s3:GetObject", bucket+"/private/salaries.csv"), eval.ImplicitDeny},
	{"group Deny beats the bucket policy Allow", request("s3:PutObject", bucket+"/uploads/alice/notes.txt"), eval.ExplicitDeny},
	{"bucket policy denies plain HTTP", overHTTP(request("s3:GetObject", bucket+"/reports/q1.csv")), eval.ExplicitDeny},
}

func run(w io.Writer, dir string) error {
	ev, err := compile(dir)
	if err != nil {
		return err
	}
	failed := 0
	for _, c := range checks {
		x := ev.Explain(c.req)
		mark := "ok"
		if x.Decision != c.want {
			mark = "UNEXPECTED (want " + c.want.String() + ")"
			failed++
		}
		fmt.Fprintf(w, "%s: %s\n  %s %s\n", mark, c.what, c.req.Action, c.req.Resource)
		fmt.Fprintf(w, "  %s\n\n", strings.ReplaceAll(strings.TrimRight(x.String(), "\n"), "\n", "\n  "))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d decisions differ from the expected ones", failed, len(checks))
	}
	return nil
}
