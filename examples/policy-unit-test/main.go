// Command policy-unit-test validates the identity policy of a CI deployment role and decides a
// few requests with it. Its real subject is main_test.go, which shows how to unit-test your own
// policies with go test: a table of requests and the decisions you expect, one subtest per row,
// and the explanation printed when a row fails.
//
//	go run ./examples/policy-unit-test
//	go test ./examples/policy-unit-test
//
// The program exits with status 1 if a policy has errors or a decision differs from the expected
// one.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/examples/internal/exampledata"
	"github.com/iamgo/iam/policy"
)

const (
	name    = "policy-unit-test"
	account = "111122223333"
	roleARN = "arn:aws:iam::111122223333:role/ci/deploy-bot"
)

func main() { exampledata.Main(name, run) }

// validate parses data as an identity-based policy with the checks IAM applies when the policy
// is saved (SEMANTICS §11). It returns the policy, or nil, and every finding, warnings included.
func validate(file string, data []byte) (*policy.Policy, policy.ErrorList) {
	p, err := policy.Options{Name: file, Kind: policy.KindIdentity}.Parse(data)
	if err != nil {
		var list policy.ErrorList
		if !errors.As(err, &list) {
			list = policy.ErrorList{{Code: policy.CodeSyntax, Msg: err.Error()}}
		}
		return nil, list
	}
	return p, p.Check(policy.KindIdentity)
}

// loadAll validates every *.json file of dir, reports the findings to w and returns the
// policies; it fails if any file has an error.
func loadAll(w io.Writer, dir string) ([]*policy.Policy, error) {
	dir, err := exampledata.Dir(name, dir)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no policy files in %s", dir)
	}
	sort.Strings(files)
	var (
		policies []*policy.Policy
		bad      int
	)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		p, findings := validate(filepath.Base(f), data)
		if len(findings) == 0 {
			fmt.Fprintf(w, "%s: valid identity policy\n", f)
		}
		for _, e := range findings {
			fmt.Fprintf(w, "%s: %v\n", f, e)
		}
		if p == nil || findings.HasErrors() {
			bad++
			continue
		}
		policies = append(policies, p)
	}
	if bad > 0 {
		return nil, fmt.Errorf("%d of %d policy files have errors", bad, len(files))
	}
	return policies, nil
}

// bot is the deploy role's session, as a CI run gets it, with the evaluator of its policies.
type bot struct {
	session eval.Session
	ev      *eval.Evaluator
}

func newBot(w io.Writer, dir string) (*bot, error) {
	policies, err := loadAll(w, dir)
	if err != nil {
		return nil, err
	}
	s, err := eval.Role{ARN: roleARN, Identity: policies}.AssumeRole("ci-run-42")
	if err != nil {
		return nil, err
	}
	ev, err := eval.Compile(s.Set)
	if err != nil {
		return nil, err
	}
	return &bot{session: s, ev: ev}, nil
}

// s3 is an S3 request on the artifacts bucket (S3 ARNs need the account given, X8.3).
func (b *bot) s3(action, key string) eval.Request {
	return b.session.Request(action, "arn:aws:s3:::ci-artifacts/"+key, account)
}

// lambda is a Lambda request on function fn of region, sent to that region's endpoint. Extra
// context entries, such as session tags, follow.
func (b *bot) lambda(action, fn, region string, ctx ...condition.Entry) eval.Request {
	ctx = append([]condition.Entry{{Key: "aws:RequestedRegion", Values: []string{region}}}, ctx...)
	return b.session.Request(action, "arn:aws:lambda:"+region+":"+account+":function:"+fn, "", ctx...)
}

// ticket is the session tag the pipeline sets when a change ticket approves the deployment.
func ticket(id string) condition.Entry {
	return condition.Entry{Key: "aws:PrincipalTag/change-ticket", Values: []string{id}}
}

func run(w io.Writer, dir string) error {
	b, err := newBot(w, dir)
	if err != nil {
		return err
	}
	samples := []struct {
		req  eval.Request
		want eval.Decision
	}{
		{b.s3("s3:PutObject", "builds/42/app.zip"), eval.Allow},
		{b.lambda("lambda:UpdateFunctionCode", "app-api", "us-east-1"), eval.Allow},
		{b.lambda("lambda:UpdateFunctionCode", "app-prod-api", "us-east-1"), eval.ExplicitDeny},
		{b.lambda("lambda:UpdateFunctionCode", "app-prod-api", "us-east-1", ticket("CHG-1234")), eval.Allow},
		{b.session.Request("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/admin", ""), eval.ExplicitDeny},
	}
	fmt.Fprintln(w)
	failed := 0
	for _, s := range samples {
		x := b.ev.Explain(s.req)
		mark := "ok"
		if x.Decision != s.want {
			mark = "UNEXPECTED (want " + s.want.String() + ")"
			failed++
		}
		fmt.Fprintf(w, "%s: %s on %s\n", mark, s.req.Action, s.req.Resource)
		fmt.Fprintf(w, "  %s\n\n", strings.ReplaceAll(strings.TrimRight(x.String(), "\n"), "\n", "\n  "))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d decisions differ from the expected ones", failed, len(samples))
	}
	return nil
}
