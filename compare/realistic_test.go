package compare_test

import (
	"strings"
	"testing"

	"github.com/iamgo/iam/compare"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

func mustParse(t testing.TB, s string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(s))
	if err != nil {
		t.Fatalf("parse %s: %v", s, err)
	}
	return p
}

func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

// Realistic changes, each with the witness expected (rule ids cite the semantics digest).
func TestRealisticChanges(t *testing.T) {
	base := `{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}`
	tests := []struct {
		name       string
		old, new   string
		set        bool // old/new are SCPs over an allow-all identity policy
		verdict    compare.Verdict
		action     string // expected witness action ("" = any)
		resource   string // expected witness resource ("" = any)
		contextKey string // expected key in the witness context
	}{
		{name: "A2.3 adding s3:* grants s3:DeleteObject", old: doc(base),
			new:     doc(base, `{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::reports/*"}`),
			verdict: compare.Fail, resource: "arn:aws:s3:::reports/"},
		{name: "R3.2 bucket ARN replaced by *", old: doc(base),
			new:     doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}`),
			verdict: compare.Fail},
		{name: "E7.12 reordering changes nothing", old: doc(base, `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
			new:     doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`, base),
			verdict: compare.Pass},
		{name: "C5.1 dropping a condition", old: doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"StringEquals":{"s3:ExistingObjectTag/team":"blue"}}}`),
			new:     doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}`),
			verdict: compare.Fail, action: "s3:GetObject"},
		{name: "C5.10 loosening aws:SourceIp", old: doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`),
			new:     doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.112.0/23"}}}`),
			verdict: compare.Fail, contextKey: "aws:SourceIp"},
		{name: "C5.10 tightening aws:SourceIp", old: doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.112.0/23"}}}`),
			new:     doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`),
			verdict: compare.Pass},
		{name: "E7.9 an SCP that stops denying a region", set: true,
			old:     doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}`),
			new:     doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1","us-east-1"]}}}`),
			verdict: compare.Fail, contextKey: "aws:RequestedRegion"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, new := mustParse(t, tc.old), mustParse(t, tc.new)
			var r compare.Result
			var err error
			if tc.set {
				id := []*policy.Policy{mustParse(t, doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`))}
				r, err = compare.NoNewAccessSet(eval.PolicySet{Identity: id, SCP: [][]*policy.Policy{{old}}}, eval.PolicySet{Identity: id, SCP: [][]*policy.Policy{{new}}})
			} else {
				r, err = compare.NoNewAccess(old, new)
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s %s %d requests %v", r.Verdict, r.Reason, r.Requests, r.Elapsed)
			for _, w := range r.Witnesses {
				t.Logf("  %+v old=%s", w.Request, w.OldReason)
			}
			if r.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s (%s)", r.Verdict, tc.verdict, r.Reason)
			}
			if tc.verdict != compare.Fail {
				return
			}
			w := r.Witnesses[0]
			if tc.action != "" && !strings.EqualFold(w.Request.Action, tc.action) {
				t.Errorf("witness action %s, want %s", w.Request.Action, tc.action)
			}
			if tc.resource != "" && !strings.HasPrefix(w.Request.Resource, tc.resource) {
				t.Errorf("witness resource %s, want %s...", w.Request.Resource, tc.resource)
			}
			if tc.contextKey != "" {
				found := false
				for _, e := range w.Request.Context {
					found = found || strings.EqualFold(e.Key, tc.contextKey)
				}
				if !found {
					t.Errorf("witness context %v lacks %s", w.Request.Context, tc.contextKey)
				}
			}
		})
	}
}

// Comparisons share nothing but the catalog: many may run at once (run with -race).
func TestConcurrentComparisons(t *testing.T) {
	old := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}`))
	new := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*"}`))
	done := make(chan compare.Verdict)
	for i := 0; i < 8; i++ {
		go func() {
			r, err := compare.NoNewAccess(old, new)
			if err != nil {
				t.Error(err)
			}
			done <- r.Verdict
		}()
	}
	for i := 0; i < 8; i++ {
		if v := <-done; v != compare.Fail {
			t.Errorf("verdict %s", v)
		}
	}
}
