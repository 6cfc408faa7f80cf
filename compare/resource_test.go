package compare_test

import (
	"strings"
	"testing"

	"github.com/iamgo/iam/compare"
)

func TestResourcePolicyChanges(t *testing.T) {
	bucket := `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}`
	tests := []struct {
		name      string
		old, new  string
		verdict   compare.Verdict
		principal string // substring of the witness principal
	}{
		{"P4.3 same policy", doc(bucket), doc(bucket), compare.Pass, ""},
		{"P4.1 role replaced by its account", doc(bucket),
			doc(`{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}`),
			compare.Fail, "444455556666"},
		{"P4.9 role replaced by *", doc(bucket),
			doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}`),
			compare.Fail, ""},
		{"X8.1 * narrowed by aws:PrincipalAccount to another account is no wider than naming it", doc(`{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}`),
			doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"444455556666"}}}`),
			compare.Pass, ""}, // cross-account, the caller's identity side must allow either way
		{"C5.1 dropping aws:SourceVpce", doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b"}}}`),
			doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}`),
			compare.Fail, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := compare.NoNewAccessResource(mustParse(t, tc.old), mustParse(t, tc.new))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range r.Witnesses {
				t.Logf("witness %+v all=%v old=%s", w.Request, w.IdentityAllowsAll, w.OldReason)
			}
			if r.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s (%s)", r.Verdict, tc.verdict, r.Reason)
			}
			if tc.principal != "" && !strings.Contains(r.Witnesses[0].Request.Principal, tc.principal) {
				t.Errorf("witness principal %s, want one of %s", r.Witnesses[0].Request.Principal, tc.principal)
			}
		})
	}
}

func TestNoPublicAccess(t *testing.T) {
	tests := []struct {
		name    string
		policy  string
		verdict compare.Verdict
	}{
		{"P4.9 Principal * is public", doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), compare.Fail},
		{"P4.1 a named account is not public", doc(`{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`), compare.Pass},
		{"C5.1 * restricted by aws:PrincipalOrgID", doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), compare.Pass},
		{"C5.1 * restricted by aws:SourceVpce", doc(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}`), compare.Pass},
		{"C5.4 * with a negated restriction stays public", doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), compare.Fail},
		{"C5.1 * restricted only by a tag is public", doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}`), compare.Fail},
		{"E7.4 public Allow cancelled by a Deny outside the org", doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), compare.Pass},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := compare.NoPublicAccess(mustParse(t, tc.policy), "AWS::S3::Bucket")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range r.Witnesses {
				t.Logf("witness %+v", w.Request)
			}
			if r.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s (%s)", r.Verdict, tc.verdict, r.Reason)
			}
		})
	}
	if _, err := compare.NoPublicAccess(mustParse(t, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}`)), "AWS::Nope::Thing"); err == nil {
		t.Error("unknown resource type accepted")
	}
}

func TestAccessNotGranted(t *testing.T) {
	p := mustParse(t, doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}`,
		`{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}`))
	tests := []struct {
		name               string
		actions, resources []string
		verdict            compare.Verdict
	}{
		{"A2.1 actions only: granted", []string{"s3:GetObject"}, nil, compare.Fail},
		{"A2.3 actions only: not granted", []string{"s3:PutObject", "iam:*"}, nil, compare.Pass},
		{"R3.3 resources only: granted", nil, []string{"arn:aws:s3:::reports/*"}, compare.Fail},
		{"R3.2 resources only: Resource * covers it (ec2:Describe*)", nil, []string{"arn:aws:s3:::other/*"}, compare.Fail},
		{"both: granted", []string{"s3:Get*"}, []string{"arn:aws:s3:::reports/2026/*"}, compare.Fail},
		{"both: action on another resource", []string{"s3:GetObject"}, []string{"arn:aws:s3:::other/*"}, compare.Pass},
		{"both: resource with another action", []string{"s3:PutObject"}, []string{"arn:aws:s3:::reports/*"}, compare.Pass},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := compare.AccessNotGranted(p, tc.actions, tc.resources)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range r.Witnesses {
				t.Logf("witness %+v", w.Request)
			}
			if r.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s (%s)", r.Verdict, tc.verdict, r.Reason)
			}
		})
	}
}

func TestEquivalent(t *testing.T) {
	a := mustParse(t, doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::b/*"}`))
	b := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`, `{"Effect":"Allow","Action":"s3:GetObjectVersion","Resource":"arn:aws:s3:::b/*"}`))
	c := mustParse(t, doc(`{"Effect":"Allow","Action":"s3:GetObject*","Resource":"arn:aws:s3:::b/*"}`))
	if r, err := compare.Equivalent(a, b); err != nil || r.Verdict != compare.Pass {
		t.Fatalf("a, b: %s %v %s", r.Verdict, err, r.Reason)
	}
	r, err := compare.Equivalent(a, c)
	if err != nil || r.Verdict != compare.Fail {
		t.Fatalf("a, c: %s %v", r.Verdict, err)
	}
	if r.Witnesses[0].Reverse {
		t.Errorf("the witness is allowed by c, not a: Reverse must be false")
	}
}
