package eval_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// TestLargeActionLists drives the action set (statements with many actions) and the statement
// index (policies with many statements) through every kind of action pattern, with actions of
// ordinary length and longer than the evaluator's lower-casing buffer. Each expectation follows
// A2.1 (case-insensitive, whole-name), A2.3 (wildcards) and A2.4 (a wildcard in the service
// prefix is literal).
func TestLargeActionLists(t *testing.T) {
	long := "s3:Get" + strings.Repeat("Object", 30) // 186 bytes
	acts := []string{`"ec2:Describe*"`, `"s3:Get` + strings.Repeat("Object", 30) + `"`, `"iam:Get?ser"`, `"s3*:PutObject"`}
	for i := 0; i < 20; i++ {
		acts = append(acts, fmt.Sprintf(`"sqs:Action%d"`, i))
	}
	big := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [` + strings.Join(acts, ", ") + `], "Resource": "*"}]}`
	// The same actions spread over many one-action statements, so that the statement index is used.
	var stmts []string
	for _, a := range acts {
		stmts = append(stmts, `{"Effect": "Allow", "Action": `+a+`, "Resource": "*"}`)
	}
	spread := `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ", ") + `]}`
	everything := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [` + strings.Join(acts, ", ") + `, "*"], "Resource": "*"}]}`

	cases := []struct {
		action string
		want   eval.Decision
		why    string
	}{
		{"sqs:Action7", eval.Allow, "A2.1 exact"},
		{"SQS:action7", eval.Allow, "A2.1 case-insensitive"},
		{"sqs:Action77", eval.ImplicitDeny, "A2.1 whole name"},
		{"ec2:DescribeInstances", eval.Allow, "A2.3 prefix wildcard"},
		{"EC2:describeinstances", eval.Allow, "A2.3 prefix wildcard, case-insensitive"},
		{"iam:GetUser", eval.Allow, "A2.3 '?'"},
		{"iam:GetUsers", eval.ImplicitDeny, "A2.3 '?' is one character"},
		{"s3:PutObject", eval.ImplicitDeny, "A2.4 s3* in the service prefix is literal"},
		{"s3*:PutObject", eval.ImplicitDeny, "C5.0 (2026-12) a request action with a wildcard is malformed and never allowed"},
		{long, eval.Allow, "A2.1 exact, longer than the lower-casing buffer"},
		{strings.ToUpper(long), eval.Allow, "A2.1 case-insensitive, long"},
		{long + "X", eval.ImplicitDeny, "A2.1 whole name, long"},
		{"ec2:Describe" + strings.Repeat("X", 200), eval.Allow, "A2.3 prefix wildcard, long"},
	}
	for _, doc := range []struct{ name, text string }{{"one statement", big}, {"many statements", spread}} {
		// Lenient: IAM rejects "s3*:PutObject" (A2.4); evaluation compares it literally.
		p, err := policy.Options{Lenient: true}.Parse([]byte(doc.text))
		if err != nil {
			t.Fatal(err)
		}
		ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			req := eval.Request{Principal: alice, Action: c.action, Resource: "*", ResourceAccount: "111122223333"}
			if got := ev.Decide(req); got != c.want {
				t.Errorf("%s: %s %q = %v, want %v", doc.name, c.why, c.action, got, c.want)
			}
			if x := ev.Explain(req); x.Decision != c.want {
				t.Errorf("%s: Explain %s %q = %v, want %v", doc.name, c.why, c.action, x.Decision, c.want)
			}
		}
	}
	// With "*" among them every action is allowed, long or not (A2.2).
	p, _ := policy.Options{Lenient: true}.Parse([]byte(everything))
	ev, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	for _, a := range []string{"kms:Decrypt", long + "Z", "x:" + strings.Repeat("y", 250)} {
		if got := ev.Decide(eval.Request{Principal: alice, Action: a, Resource: "*", ResourceAccount: "111122223333"}); got != eval.Allow {
			t.Errorf("A2.2 %q = %v, want Allow", a, got)
		}
	}
	// An action over Limits.MaxActionBytes is a malformed request (2026-12), unless the limit
	// is lifted.
	huge := eval.Request{Principal: alice, Action: "x:" + strings.Repeat("y", 300), Resource: "*", ResourceAccount: "111122223333"}
	if got := ev.Decide(huge); got != eval.ImplicitDeny {
		t.Errorf("over the action limit: %v, want ImplicitDeny", got)
	}
	unlimited, _ := eval.Options{Limits: eval.Limits{MaxActionBytes: -1}}.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	if got := unlimited.Decide(huge); got != eval.Allow {
		t.Errorf("A2.2 without an action limit: %v, want Allow", got)
	}
}
