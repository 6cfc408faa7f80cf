package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
)

func TestWhoCan(t *testing.T) {
	ps, err := load("")
	if err != nil {
		t.Fatal(err)
	}
	office := []condition.Entry{{Key: "aws:SourceIp", Values: []string{"203.0.113.9"}}}
	for _, tc := range []struct {
		action, resource string
		ctx              []condition.Entry
		want             map[string]eval.Decision // by principal ARN suffix
	}{
		{"s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv", nil, map[string]eval.Decision{
			"user/alice":  eval.Allow,        // E7.4 step 5: her identity policy allows
			"user/bob":    eval.ExplicitDeny, // E7.4 step 1: his own Deny on reports/
			"user/erin":   eval.Allow,        // E7.5: the bucket policy names her directly
			"role-deploy": eval.ImplicitDeny, // C5.4: no aws:SourceIp, the IpAddress condition fails
		}},
		{"s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv", office, map[string]eval.Decision{
			"user/alice": eval.Allow, "user/bob": eval.ExplicitDeny, "user/erin": eval.Allow,
			"role-deploy": eval.Allow, // C5.10: 203.0.113.9 is inside 203.0.113.0/24
		}},
		{"s3:DeleteObject", "arn:aws:s3:::example-bucket/tmp/x", office, map[string]eval.Decision{
			"user/alice": eval.ExplicitDeny, "user/bob": eval.ExplicitDeny, "user/erin": eval.ExplicitDeny,
			"role-deploy": eval.ExplicitDeny, // E7.4 step 1: the bucket policy's NoDeletes (Principal "*")
		}},
	} {
		for _, p := range ps {
			key := p.arn[strings.LastIndexByte(p.arn, ':')+1:]
			if strings.Contains(p.arn, "assumed-role/deploy/") {
				key = "role-deploy"
			}
			want, ok := tc.want[key]
			if !ok {
				t.Fatalf("unexpected principal %s", p.arn)
			}
			if got := p.ev.Decide(request(p, tc.action, tc.resource, tc.ctx)); got != want {
				t.Errorf("%s %s by %s: %v, want %v", tc.action, tc.resource, p.arn, got, want)
			}
		}
	}
	var out bytes.Buffer
	whoCan(&out, ps, "s3:GetObject", "arn:aws:s3:::example-bucket/reports/q1.csv", nil)
	if !strings.Contains(out.String(), "Allow") || !strings.Contains(out.String(), "AuditorsReadReports") {
		t.Errorf("output:\n%s", out.String())
	}
}
