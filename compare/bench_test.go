package compare_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/compare"
	"github.com/iamgo/iam/policy"
)

// twenty returns a realistic 20-statement identity policy; extra statements are appended.
func twenty(extra ...string) string {
	var s []string
	svcs := []string{"s3", "dynamodb", "sqs", "sns", "lambda", "logs", "kms", "ec2", "ecr", "secretsmanager"}
	for i := 0; i < 20; i++ {
		svc := svcs[i%len(svcs)]
		switch i % 4 {
		case 0:
			s = append(s, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Action":["%s:Get*","%s:List*","%s:Describe*"],"Resource":"arn:aws:%s:us-east-1:111122223333:app-%d/*"}`, i, svc, svc, svc, svc, i))
		case 1:
			s = append(s, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Action":"%s:Put*","Resource":["arn:aws:%s:*:111122223333:team-%d-*","arn:aws:%s:*:111122223333:shared/%d"],"Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}`, i, svc, svc, i, svc, i))
		case 2:
			s = append(s, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Action":"%s:*","Resource":"arn:aws:%s:us-east-1:111122223333:sandbox-%d","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.0/24"]},"Bool":{"aws:SecureTransport":"true"}}}`, i, svc, svc, i))
		case 3:
			s = append(s, fmt.Sprintf(`{"Sid":"S%d","Effect":"Deny","Action":"%s:Delete*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/role":"admin"}}}`, i, svc))
		}
	}
	s = append(s, extra...)
	return doc(s...)
}

func typicalChanges(t testing.TB) map[string][2]*policy.Policy {
	base := twenty()
	widened := strings.Replace(base, `"Resource":"arn:aws:s3:us-east-1:111122223333:app-0/*"`, `"Resource":"arn:aws:s3:us-east-1:111122223333:*"`, 1)
	narrowed := strings.Replace(base, `"Action":"sqs:*"`, `"Action":"sqs:SendMessage"`, 1)
	if widened == base || narrowed == base {
		t.Fatal("the changes did not apply")
	}
	added := twenty(`{"Sid":"New","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}`)
	return map[string][2]*policy.Policy{
		"added":    {mustParse(t, base), mustParse(t, added)},
		"widened":  {mustParse(t, base), mustParse(t, widened)},
		"narrowed": {mustParse(t, base), mustParse(t, narrowed)},
	}
}

// The expected verdicts of the benchmark's changes.
func TestTypicalChanges(t *testing.T) {
	want := map[string]compare.Verdict{"added": compare.Fail, "widened": compare.Fail, "narrowed": compare.Pass}
	for name, pr := range typicalChanges(t) {
		r, err := compare.NoNewAccess(pr[0], pr[1])
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s %s in %v (%d requests)", name, r.Verdict, r.Reason, r.Elapsed, r.Requests)
		if r.Verdict != want[name] {
			t.Errorf("%s: %s, want %s (%s)", name, r.Verdict, want[name], r.Reason)
		}
	}
}

func BenchmarkTypicalChange(b *testing.B) {
	for _, name := range []string{"added", "widened", "narrowed"} {
		pr := typicalChanges(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := compare.NoNewAccess(pr[0], pr[1]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadOnlyMinusOne(b *testing.B) {
	full := managed(b, "ReadOnlyAccess")
	less := withoutAction(b, "ReadOnlyAccess", "access-analyzer:GetAccessPreview")
	for _, dir := range []struct {
		name     string
		old, new *policy.Policy
	}{{"fail", less, full}, {"pass", full, less}} {
		b.Run(dir.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := compare.NoNewAccess(dir.old, dir.new); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkManagedPairs(b *testing.B) {
	for _, pr := range [][2]string{{"AmazonS3ReadOnlyAccess", "ReadOnlyAccess"}, {"PowerUserAccess", "AdministratorAccess"}, {"ViewOnlyAccess", "ReadOnlyAccess"}} {
		inner, outer := managed(b, pr[0]), managed(b, pr[1])
		b.Run(pr[0]+"_in_"+pr[1], func(b *testing.B) {
			for b.Loop() {
				if _, err := compare.NoNewAccess(outer, inner); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Inputs past the bounds answer UNKNOWN, never PASS.
func TestBoundsGiveUnknown(t *testing.T) {
	// Many keys with many values: the product of the classes passes the request bound.
	var conds []string
	for k := 0; k < 12; k++ {
		conds = append(conds, fmt.Sprintf(`"k%d":["a","b","c","d"]`, k))
	}
	p1 := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{`+strings.Join(conds, ",")+`}}}`))
	p2 := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{`+strings.Join(conds, ",")+`}}}`,
		`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"k0":"a"}}}`))
	r, err := compare.NoNewAccess(p2, p1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != compare.Unknown || !strings.Contains(r.Reason, "request bound") {
		t.Fatalf("%s %q", r.Verdict, r.Reason)
	}
	// Star-heavy resource patterns: the automaton bound.
	var res []string
	for i := 0; i < 24; i++ {
		res = append(res, fmt.Sprintf(`"arn:aws:s3:::*%c*%c*%c*"`, 'a'+i%26, 'b'+i%25, 'c'+i%24))
	}
	q1 := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":[`+strings.Join(res, ",")+`]}`))
	q2 := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":[`+strings.Join(res[1:], ",")+`]}`))
	r, err = compare.Options{MaxStates: 2000}.NoNewAccess(q2, q1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict == compare.Pass {
		t.Fatalf("PASS past the automaton bound")
	}
	r, err = compare.Options{MaxStates: 2000}.NoNewAccess(q1, q1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != compare.Unknown || !strings.Contains(r.Reason, "automaton bound") {
		t.Fatalf("%s %q", r.Verdict, r.Reason)
	}
}

// The time bound answers UNKNOWN.
func TestTimeBound(t *testing.T) {
	p := mustParse(t, twenty())
	q := mustParse(t, strings.Replace(twenty(), `"sqs:*"`, `"sqs:SendMessage"`, 1))
	r, err := compare.Options{Timeout: time.Nanosecond}.NoNewAccess(p, q)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != compare.Unknown || !strings.Contains(r.Reason, "time bound") {
		t.Fatalf("%s %q", r.Verdict, r.Reason)
	}
}
