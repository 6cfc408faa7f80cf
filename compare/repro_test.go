package compare_test

import (
	"testing"

	"github.com/iamgo/iam/compare"
)

// Regressions found by the differential tests, one row each.
func TestRegressions(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     compare.Verdict
	}{
		{"C5.13 an empty value is null: the empty string is a class of its own",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*Object"],"Resource":["arn:aws:s3:::a*","arn:aws:s3:::a"],"Condition":{"NumericNotEquals":{"n":["3","7"]}}},{"Effect":"Allow","Action":["s3:*","*"],"Resource":["arn:aws:s3:::*/x"],"Condition":{"NumericNotEquals":{"n":["3","7"]}}},{"Effect":"Allow","Action":["*"],"Resource":["arn:aws:s3:::?/x","arn:aws:s3:::a/*"],"Condition":{"StringEquals":{"k1":"a"}}}]}`,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","ec2:*"],"Resource":["arn:aws:s3:::a/x"]},{"Effect":"Deny","Action":["s3:GetObject","*"],"Resource":["arn:aws:s3:::a/*","arn:aws:s3:::a"],"Condition":{"Null":{"k1":"true"}}}]}`,
			compare.Fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := compare.NoNewAccess(mustParse(t, tc.old), mustParse(t, tc.new))
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tc.want {
				t.Fatalf("%s, want %s (%s)", r.Verdict, tc.want, r.Reason)
			}
		})
	}
}
