package eval_test

// Decisions worked out by hand, and generated from the documents, over the AWS managed policies in
// ../shared/policies/aws-managed (read in place, never copied into the repository). Every
// request comes from an IAM user of the account that owns the resource and has the managed policy
// as its only identity policy, so by E7.4 the decision is: ExplicitDeny if a Deny statement
// applies, else Allow if an Allow statement applies (step 5; no resource policy, boundary, session
// policy or SCP is involved), else ImplicitDeny (E7.3).

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

const (
	managedCaller  = "arn:aws:iam::111122223333:user/alice"
	managedAccount = "111122223333"
)

// loadManaged parses and compiles every managed policy as an identity policy.
func loadManaged(t *testing.T) (map[string]*policy.Policy, map[string]*eval.Evaluator) {
	t.Helper()
	dir := sharedDir(t, "policies/aws-managed")
	if dir == "" {
		t.Skip("../shared/policies/aws-managed not present")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no managed policies in " + dir)
	}
	pols := map[string]*policy.Policy{}
	evs := map[string]*eval.Evaluator{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := policy.Options{Name: name}.Parse(data)
		if err != nil {
			t.Errorf("%s: parse: %v", name, err)
			continue
		}
		ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
		if err != nil {
			t.Errorf("%s: compile as an identity policy: %v", name, err)
			continue
		}
		pols[name], evs[name] = p, ev
	}
	return pols, evs
}

// managedRequest is a same-account request by the user. The resource "*" (R3.5) carries its
// account explicitly, so the request is never cross-account by X8.3.
func managedRequest(action, resource string) eval.Request {
	return eval.Request{Principal: managedCaller, Action: action, Resource: resource, ResourceAccount: managedAccount}
}

func TestManagedPolicies(t *testing.T) {
	pols, evs := loadManaged(t)
	t.Logf("%d managed policies parsed and compiled", len(pols))

	type expect struct {
		action, resource string
		want             eval.Decision
	}
	documented := map[string][]expect{
		// AdministratorAccess is one statement, Allow Action "*" Resource "*" with no condition:
		// A2.2 and R3.2 make it apply to every request, and it holds no Deny, so E7.4 step 5
		// allows everything.
		"AdministratorAccess": {
			{"iam:CreateUser", "arn:aws:iam::111122223333:user/new-user", eval.Allow},
			{"s3:PutObject", "arn:aws:s3:::example-bucket/key", eval.Allow},
			{"ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", eval.Allow},
			{"ec2:TerminateInstances", "*", eval.Allow},
			{"DynamoDB:deleteTABLE", "arn:aws:dynamodb:us-east-1:111122223333:table/t", eval.Allow}, // A2.1
		},
		// ReadOnlyAccess allows "s3:Get*" and "s3:List*" on "*" (A2.3) and no s3 write action;
		// it has no Deny. s3:PutObject matches none of its patterns: E7.3 default deny.
		"ReadOnlyAccess": {
			{"s3:GetObject", "arn:aws:s3:::example-bucket/key", eval.Allow},
			{"s3:ListBucket", "arn:aws:s3:::example-bucket", eval.Allow},
			{"s3:PutObject", "arn:aws:s3:::example-bucket/key", eval.ImplicitDeny},
			{"iam:CreateUser", "*", eval.ImplicitDeny},
		},
		// AmazonS3ReadOnlyAccess: Allow s3:Get*, s3:List*, s3:Describe*, s3-object-lambda:Get*,
		// s3-object-lambda:List* on "*". GetObject and ListBucket match (A2.3); DeleteObject
		// matches none (E7.3); the prefix s3 does not match s3-object-lambda (A2.4).
		"AmazonS3ReadOnlyAccess": {
			{"s3:GetObject", "arn:aws:s3:::example-bucket/key", eval.Allow},
			{"s3:ListBucket", "arn:aws:s3:::example-bucket", eval.Allow},
			{"S3:listbucket", "arn:aws:s3:::example-bucket", eval.Allow}, // A2.1
			{"s3:DeleteObject", "arn:aws:s3:::example-bucket/key", eval.ImplicitDeny},
			{"s3-object-lambda:GetObject", "*", eval.Allow},
			{"s3-object-lambda:PutObject", "*", eval.ImplicitDeny},
			{"ec2:DescribeInstances", "*", eval.ImplicitDeny},
		},
	}
	for name, cases := range documented {
		ev := evs[name]
		if ev == nil {
			t.Errorf("%s: missing or not compiled", name)
			continue
		}
		for _, c := range cases {
			if got := ev.Decide(managedRequest(c.action, c.resource)); got != c.want {
				t.Errorf("%s: %s on %s: got %v, want %v", name, c.action, c.resource, got, c.want)
			}
		}
	}

	// Generated from the documents. In a policy without Deny statements (so E7.4 step 1 cannot
	// fire), an Allow statement with a literal action, Resource "*" and no Condition applies to
	// that action on any resource (A2.1, R3.2, E7.2), so the user is allowed (step 5). An action of
	// a service that no Action element of the policy names, in a policy without NotAction and
	// without Action "*", matches no statement, so the user is implicitly denied (E7.3).
	services := []string{"ec2", "s3", "iam", "dynamodb", "lambda", "sqs", "sns", "rds", "cloudwatch", "logs", "glacier", "zzzunknown"}
	var names []string
	for name := range pols {
		names = append(names, name)
	}
	sort.Strings(names)
	allowChecks, denyChecks := 0, 0
	for _, name := range names {
		p, ev := pols[name], evs[name]
		hasDeny, hasNotAction, hasStar := false, false, false
		mentioned := map[string]bool{}
		for _, s := range p.Statements {
			hasDeny = hasDeny || s.Effect == policy.Deny
			hasNotAction = hasNotAction || s.NotAction != nil
			if s.Action != nil {
				for _, a := range s.Action.Values {
					svc, _, _ := strings.Cut(a.Value, ":")
					mentioned[strings.ToLower(svc)] = true
					hasStar = hasStar || a.Value == "*"
				}
			}
		}
		if hasDeny {
			continue
		}
		for _, s := range p.Statements {
			if s.Effect != policy.Allow || s.Action == nil || s.Resource == nil || s.HasCondition || !resourceStar(s.Resource) {
				continue
			}
			for _, a := range s.Action.Values {
				act := a.Value
				if act == "*" || strings.ContainsAny(act, "*?") {
					continue
				}
				for _, res := range []string{"*", "arn:aws:s3:::some-bucket/some-key"} {
					allowChecks++
					if got := ev.Decide(managedRequest(act, res)); got != eval.Allow {
						t.Errorf("%s: %s on %s: got %v, want Allow (%s allows it on \"*\" without condition)", name, act, res, got, s.Path(p))
					}
				}
			}
		}
		if hasNotAction || hasStar {
			continue
		}
		for _, svc := range services {
			if mentioned[svc] {
				continue
			}
			denyChecks++
			act := svc + ":SomeAction"
			if got := ev.Decide(managedRequest(act, "*")); got != eval.ImplicitDeny {
				t.Errorf("%s: %s: got %v, want ImplicitDeny (the policy never names service %s)", name, act, got, svc)
			}
			break
		}
	}
	t.Logf("generated checks: %d Allow, %d ImplicitDeny", allowChecks, denyChecks)
	if len(pols) > 100 && (allowChecks < 100 || denyChecks < 100) {
		t.Errorf("generated checks look vacuous: %d Allow, %d ImplicitDeny", allowChecks, denyChecks)
	}
}

// resourceStar reports whether a Resource element lists the whole-value "*" (R3.2).
func resourceStar(r *policy.Strings) bool {
	for _, v := range r.Values {
		if v.Value == "*" {
			return true
		}
	}
	return false
}
