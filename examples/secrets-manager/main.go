// Command secrets-manager decides requests on an AWS Secrets Manager secret that has a resource
// policy of its own, made by three roles with identity policies: the application's role and an
// administrator role in the secret's account, and a reporting role in another account.
//
//	go run ./examples/secrets-manager
//
// It shows the random six-character suffix Secrets Manager appends to every secret ARN (policies
// match it with -??????), the secretsmanager:VersionStage condition key, and the cross-account
// rule. The program exits with status 1 if a decision differs from the expected one.
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
	name = "secrets-manager"
	// secret is the ARN of the secret named prod/db: Secrets Manager adds a hyphen and six random
	// characters to the name.
	secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf"
	// replica is another secret whose name merely starts like it (prod/db-replica). It has no
	// resource policy.
	replica = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-replica-Xy12Ab"
)

// The three roles. The role ARNs carry no path, so the session ARNs below are easy to read.
const (
	app       = "app"
	admin     = "admin"
	reporting = "reporting"
)

var roles = map[string]struct{ arn, policy, session string }{
	app:       {"arn:aws:iam::111122223333:role/App", "app-role.json", "web-1"},
	admin:     {"arn:aws:iam::111122223333:role/SecretsAdmin", "admin-role.json", "oncall"},
	reporting: {"arn:aws:iam::444455556666:role/Reporting", "reporting-role.json", "nightly"},
}

func main() { exampledata.Main(name, run) }

// world holds one session per role, and for each role two evaluators: one for requests on the
// secret (its resource policy applies) and one for requests on the replica (no resource policy).
type world struct {
	session   map[string]eval.Session
	onSecret  map[string]*eval.Evaluator
	onReplica map[string]*eval.Evaluator
}

func setup(dir string) (*world, error) {
	dir, err := exampledata.Dir(name, dir)
	if err != nil {
		return nil, err
	}
	secretPolicy, err := exampledata.Load(dir, "secret-policy.json", policy.KindResource)
	if err != nil {
		return nil, err
	}
	w := &world{session: map[string]eval.Session{}, onSecret: map[string]*eval.Evaluator{}, onReplica: map[string]*eval.Evaluator{}}
	for k, r := range roles {
		p, err := exampledata.Load(dir, r.policy, policy.KindIdentity)
		if err != nil {
			return nil, err
		}
		s, err := eval.Role{ARN: r.arn, Identity: []*policy.Policy{p}}.AssumeRole(r.session)
		if err != nil {
			return nil, err
		}
		w.session[k] = s
		if w.onReplica[k], err = eval.Compile(s.Set); err != nil {
			return nil, err
		}
		set := s.Set
		set.Resource = secretPolicy
		if w.onSecret[k], err = eval.Compile(set); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// stage is the secretsmanager:VersionStage key, sent when the caller asks for a version stage.
func stage(s string) condition.Entry {
	return condition.Entry{Key: "secretsmanager:VersionStage", Values: []string{s}}
}

// decide makes the request by role's session on resource, with the evaluator that holds
// resource's policies. Secret ARNs name their account, so no resource account is needed.
func (w *world) decide(role, action, resource string, ctx ...condition.Entry) (eval.Request, *eval.Explanation) {
	ev := w.onSecret[role]
	if resource != secret {
		ev = w.onReplica[role]
	}
	req := w.session[role].Request(action, resource, "", ctx...)
	return req, ev.Explain(req)
}

type check struct {
	what     string
	role     string
	action   string
	resource string
	ctx      []condition.Entry
	want     eval.Decision
}

const get = "secretsmanager:GetSecretValue"

var checks = []check{
	{"app reads the secret (no stage: the current version)", app, get, secret, nil, eval.Allow},
	{"app reads the AWSCURRENT stage", app, get, secret, []condition.Entry{stage("AWSCURRENT")}, eval.Allow},
	{"app reads the AWSPREVIOUS stage", app, get, secret, []condition.Entry{stage("AWSPREVIOUS")}, eval.ExplicitDeny},
	{"-?????? does not reach prod/db-replica-Xy12Ab", app, get, replica, nil, eval.ImplicitDeny},
	{"app may not delete the secret", app, "secretsmanager:DeleteSecret", secret, nil, eval.ExplicitDeny},
	{"the admin role deletes the secret", admin, "secretsmanager:DeleteSecret", secret, nil, eval.Allow},
	{"the admin role reads the replica", admin, get, replica, nil, eval.Allow},
	{"the admin role is bound by the stage rule too", admin, get, secret, []condition.Entry{stage("AWSPREVIOUS")}, eval.ExplicitDeny},
	{"reporting (other account) reads AWSCURRENT", reporting, get, secret, []condition.Entry{stage("AWSCURRENT")}, eval.Allow},
	{"reporting without a stage: the secret policy does not allow", reporting, get, secret, nil, eval.ImplicitDeny},
	{"reporting may not describe the secret", reporting, "secretsmanager:DescribeSecret", secret, nil, eval.ImplicitDeny},
}

func run(w io.Writer, dir string) error {
	wd, err := setup(dir)
	if err != nil {
		return err
	}
	failed := 0
	for _, c := range checks {
		req, x := wd.decide(c.role, c.action, c.resource, c.ctx...)
		mark := "ok"
		if x.Decision != c.want {
			mark = "UNEXPECTED (want " + c.want.String() + ")"
			failed++
		}
		fmt.Fprintf(w, "%s: %s\n  %s calls %s on %s", mark, c.what, req.Principal, req.Action, req.Resource)
		for _, e := range c.ctx {
			fmt.Fprintf(w, " %s=%s", e.Key, strings.Join(e.Values, ","))
		}
		fmt.Fprintf(w, "\n  %s\n\n", strings.ReplaceAll(strings.TrimRight(x.String(), "\n"), "\n", "\n  "))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d decisions differ from the expected ones", failed, len(checks))
	}
	return nil
}
