package eval_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

func mustParse(t testing.TB, name, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.Options{Name: name}.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

const (
	alice   = "arn:aws:iam::111122223333:user/alice"
	bucket  = "arn:aws:s3:::example-bucket/reports/q1.csv"
	account = "111122223333"
)

func TestExplain(t *testing.T) {
	id := mustParse(t, "alice.json", `{"Version":"2012-10-17","Statement":[
  {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"},
  {"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::example-bucket/secret/*"},
  {"Sid":"Office","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`)
	ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{id}})
	if err != nil {
		t.Fatal(err)
	}
	// E7.4 step 5: an identity Allow suffices in the same account.
	x := ev.Explain(eval.Request{Principal: alice, Action: "s3:GetObject", Resource: bucket, ResourceAccount: account})
	if x.Decision != eval.Allow || x.Reason != "allowed" || len(x.Matched) != 1 || x.Matched[0].Sid != "Read" ||
		x.Matched[0].Position != (policy.Position{Line: 2, Col: 3}) || x.Matched[0].Path != "Statement[0]" || x.Matched[0].PolicyName != "alice.json" {
		t.Errorf("allow explanation: %+v", x)
	}
	// E7.4 step 1: the Deny wins, and only Deny statements are listed (M10.2).
	x = ev.Explain(eval.Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::example-bucket/secret/k", ResourceAccount: account})
	if x.Decision != eval.ExplicitDeny || x.Reason != "explicit-deny" || len(x.Matched) != 1 || x.Matched[0].Sid != "NoSecrets" {
		t.Errorf("deny explanation: %+v", x)
	}
	// M10.3: the missing key is reported; C5.4 the positive operator fails without it.
	x = ev.Explain(eval.Request{Principal: alice, Action: "s3:PutObject", Resource: bucket, ResourceAccount: account})
	if x.Decision != eval.ImplicitDeny || x.FailedLayer != "identity" || strings.Join(x.MissingKeys, ",") != "aws:SourceIp" {
		t.Errorf("missing key explanation: %+v", x)
	}
	if s := x.String(); !strings.Contains(s, "ImplicitDeny (no-allow)") || !strings.Contains(s, "missing context keys: aws:SourceIp") {
		t.Errorf("String():\n%s", s)
	}
	// X8.3: unknown resource account is cross-account, and the explanation says so.
	x = ev.Explain(eval.Request{Principal: alice, Action: "s3:GetObject", Resource: bucket})
	if x.Decision != eval.ImplicitDeny || x.Reason != "cross-account-resource-side" || !strings.Contains(strings.Join(x.Notes, "\n"), "X8.3") {
		t.Errorf("unknown account: %+v", x)
	}
}

func TestAssumeRole(t *testing.T) {
	trust := mustParse(t, "trust.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole",
  "Condition":{"StringEquals":{"sts:ExternalId":"s3cr3t"}}}]}`)
	rolePolicy := mustParse(t, "role.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	sessionPolicy := mustParse(t, "session.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	callerPolicy := mustParse(t, "caller.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)
	role := eval.Role{ARN: "arn:aws:iam::111122223333:role/ops/reader", Trust: trust, Identity: []*policy.Policy{rolePolicy}}

	// S9.1, X8.1: the trust policy (delegating to account 444455556666) and the caller's own
	// identity policy must both allow the cross-account AssumeRole.
	ev, err := eval.Compile(role.TrustSet(callerPolicy))
	if err != nil {
		t.Fatal(err)
	}
	req := eval.Request{Principal: "arn:aws:iam::444455556666:user/bob", Action: "sts:AssumeRole", Resource: role.ARN,
		Context: []condition.Entry{{Key: "sts:ExternalId", Values: []string{"s3cr3t"}}}}
	if d := ev.Decide(req); d != eval.Allow {
		t.Errorf("AssumeRole with the external id: %v", d)
	}
	req.Context = nil
	if d := ev.Decide(req); d != eval.ImplicitDeny { // C5.4: the key is missing
		t.Errorf("AssumeRole without the external id: %v", d)
	}

	s, err := role.AssumeRole("bob-session", sessionPolicy)
	if err != nil {
		t.Fatal(err)
	}
	// S9.3: the session ARN carries the role's account and no path.
	if s.Principal != "arn:aws:sts::111122223333:assumed-role/reader/bob-session" || s.RoleARN != role.ARN {
		t.Fatalf("session: %+v", s)
	}
	sev, err := eval.Compile(s.Set)
	if err != nil {
		t.Fatal(err)
	}
	// S9.4: the session policy narrows the role's permissions.
	if d := sev.Decide(s.Request("s3:GetObject", "arn:aws:s3:::b/k", account)); d != eval.Allow {
		t.Errorf("GetObject in session: %v", d)
	}
	if d := sev.Decide(s.Request("s3:PutObject", "arn:aws:s3:::b/k", account)); d != eval.ImplicitDeny {
		t.Errorf("PutObject in session: %v", d)
	}
	if _, err := (eval.Role{ARN: "arn:aws:iam::1:user/x"}).AssumeRole("s"); err == nil {
		t.Error("AssumeRole on a user ARN")
	}
}

// TestConcurrentDecide runs Decide and Explain from many goroutines (go test -race).
func TestConcurrentDecide(t *testing.T) {
	id := mustParse(t, "p.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}`)
	ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{id}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				user := fmt.Sprintf("u%d", (g+i)%5)
				req := eval.Request{Principal: "arn:aws:iam::111122223333:user/" + user, Action: "s3:GetObject",
					Resource: "arn:aws:s3:::b/u1/x", ResourceAccount: account}
				want := eval.ImplicitDeny
				if user == "u1" { // V6.1: ${aws:username} derived from the user ARN (S9.2)
					want = eval.Allow
				}
				if d := ev.Decide(req); d != want {
					errs <- fmt.Sprintf("%s: %v", user, d)
					return
				}
				if i%50 == 0 && ev.Explain(req).Decision != want {
					errs <- "explain " + user
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestCompileErrors(t *testing.T) {
	// R3.7: a variable before the resource part cannot be evaluated.
	p := mustParse(t, "v.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	p.Statements[0].Resource.Values[0].Value = "arn:aws:s3:${aws:username}::b"
	_, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	var ce *eval.CompileError
	if err == nil || !strings.Contains(err.Error(), "R3.7") || !asCompileError(err, &ce) || ce.Path != "Statement[0].Resource" {
		t.Errorf("Compile: %v", err)
	}
	if _, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{nil}}); err == nil {
		t.Error("nil policy accepted")
	}
}

func asCompileError(err error, target **eval.CompileError) bool {
	ce, ok := err.(*eval.CompileError)
	if ok {
		*target = ce
	}
	return ok
}

func TestDecisionStrings(t *testing.T) {
	for _, d := range []eval.Decision{eval.ImplicitDeny, eval.Allow, eval.ExplicitDeny} {
		if got, ok := eval.ParseDecision(d.String()); !ok || got != d {
			t.Errorf("ParseDecision(%q)", d)
		}
	}
	if _, ok := eval.ParseDecision("allow"); ok {
		t.Error("ParseDecision is case-sensitive like the scenario format")
	}
}

func ExampleEvaluator_Decide() {
	p, err := policy.Parse([]byte(`{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}]
}`))
	if err != nil {
		panic(err)
	}
	ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	if err != nil {
		panic(err)
	}
	req := eval.Request{
		Principal:       "arn:aws:iam::111122223333:user/alice",
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::example-bucket/reports/q1.csv",
		ResourceAccount: "111122223333",
	}
	fmt.Println(ev.Decide(req))
	req.Action = "s3:PutObject"
	fmt.Println(ev.Decide(req))
	// Output:
	// Allow
	// ImplicitDeny
}

func ExampleEvaluator_Explain() {
	p, _ := policy.Options{Name: "deny.json"}.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
  {"Sid": "All", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
  {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}`))
	ev, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	x := ev.Explain(eval.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:DeleteObject",
		Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333"})
	fmt.Print(x)
	// Output:
	// ExplicitDeny (explicit-deny)
	//   Deny deny.json:3:3 Statement[1] Sid "NoDelete" [identity]
}

// TestNowDoesNotAllocate checks that time keys derived from Options.Now cost no allocation, and
// that two evaluators with different clocks, deciding concurrently, never see each other's time
// (the derived text lives in pooled scratch space).
func TestNowDoesNotAllocate(t *testing.T) {
	p := mustParse(t, "time.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"},
  "NumericLessThan": {"aws:EpochTime": "1798761600"}}}]}`)
	at := func(s string) func() time.Time {
		tm, _ := time.Parse(time.RFC3339, s)
		return func() time.Time { return tm }
	}
	early, err := eval.Options{Now: at("2026-12-01T10:00:00Z")}.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	if err != nil {
		t.Fatal(err)
	}
	late, _ := eval.Options{Now: at("2027-06-01T10:00:00Z")}.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
	req := eval.Request{Principal: alice, Action: "s3:GetObject", Resource: bucket, ResourceAccount: "111122223333"}
	// C5.6/C5.7: both keys come from the clock; before 2027 both conditions hold, after they fail.
	if early.Decide(req) != eval.Allow || late.Decide(req) != eval.ImplicitDeny {
		t.Fatalf("early %v, late %v", early.Decide(req), late.Decide(req))
	}
	if n := testing.AllocsPerRun(200, func() { early.Decide(req) }); n != 0 && !raceEnabled {
		t.Errorf("Decide with Options.Now: %v allocs/op, want 0", n)
	}
	decideConcurrently(t, 2000,
		decideCase{early, req, eval.Allow},
		decideCase{late, req, eval.ImplicitDeny})
}

// TestSessionWithoutPrincipalArn checks a session request without aws:PrincipalArn: the role's
// path is unknown, so the role ARN is never rebuilt (S9.2, 2026-12): a condition on
// aws:PrincipalArn is uncertain (an Allow does not apply, a Deny does), at no allocation, and
// concurrent decisions never see each other's context.
func TestSessionWithoutPrincipalArn(t *testing.T) {
	allow := mustParse(t, "role.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "*", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/reader"}}}]}`)
	deny := mustParse(t, "deny.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
  {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/reader"}}}]}`)
	ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{allow}})
	if err != nil {
		t.Fatal(err)
	}
	evDeny, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{deny}})
	if err != nil {
		t.Fatal(err)
	}
	reader := eval.Request{Principal: "arn:aws:sts::111122223333:assumed-role/reader/s1", Action: "s3:GetObject", Resource: bucket, ResourceAccount: "111122223333"}
	withARN := reader
	withARN.Context = []condition.Entry{{Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::111122223333:role/reader"}}}
	withPath := reader
	withPath.Context = []condition.Entry{{Key: "aws:PrincipalArn", Values: []string{"arn:aws:iam::111122223333:role/team/reader"}}}
	for _, tc := range []struct {
		name string
		ev   *eval.Evaluator
		req  eval.Request
		want eval.Decision
	}{
		{"C5.0 S9.2 (2026-12) without aws:PrincipalArn the Allow is uncertain", ev, reader, eval.ImplicitDeny},
		{"C5.0 S9.2 (2026-12) without aws:PrincipalArn the Deny applies", evDeny, reader, eval.ExplicitDeny},
		{"S9.2 C5.11 aws:PrincipalArn names the role: Allow", ev, withARN, eval.Allow},
		{"S9.2 C5.11 aws:PrincipalArn names the role: Deny", evDeny, withARN, eval.ExplicitDeny},
		{"S9.2 P4.3 the role has a path: the condition does not match", ev, withPath, eval.ImplicitDeny},
		{"S9.2 P4.3 the role has a path: the Deny does not match", evDeny, withPath, eval.Allow},
	} {
		if got := tc.ev.Decide(tc.req); got != tc.want {
			t.Errorf("%s: Decide %v, want %v", tc.name, got, tc.want)
		}
		if got := tc.ev.Explain(tc.req).Decision; got != tc.want {
			t.Errorf("%s: Explain %v, want %v", tc.name, got, tc.want)
		}
	}
	if n := testing.AllocsPerRun(200, func() { evDeny.Decide(reader) }); n != 0 && !raceEnabled {
		t.Errorf("Decide without aws:PrincipalArn: %v allocs/op, want 0", n)
	}
	decideConcurrently(t, 2000,
		decideCase{ev, reader, eval.ImplicitDeny},
		decideCase{ev, withARN, eval.Allow},
		decideCase{evDeny, reader, eval.ExplicitDeny},
		decideCase{evDeny, withPath, eval.Allow})
}

// decideCase is one evaluator, request and expected decision for decideConcurrently.
type decideCase struct {
	ev   *eval.Evaluator
	req  eval.Request
	want eval.Decision
}

// decideConcurrently decides the cases from 8 goroutines at once (the cases in turn, n times
// each) and reports any decision that differs from its case's: a sign that decisions share state.
func decideConcurrently(t *testing.T, n int, cases ...decideCase) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			c := cases[g%len(cases)]
			for i := 0; i < n; i++ {
				if got := c.ev.Decide(c.req); got != c.want {
					errs <- fmt.Sprintf("goroutine %d: %v, want %v", g, got, c.want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
