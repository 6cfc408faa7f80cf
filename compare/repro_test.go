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
		{"S9.2 aws:userid of a role session (ROLE-ID:SESSION) is derived from the caller: a new role ID is new access",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"AROAEXAMPLEID:*"}}}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"AROAOTHERID:*"}}}}`,
			compare.Fail},
		{"S9.2 aws:userid of a role session, one session name",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"AROAEXAMPLEID:alice"}}}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"AROAOTHERID:alice"}}}}`,
			compare.Fail},
		{"S9.2 aws:userid of an IAM user (its unique ID)",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"AIDAEXAMPLEID"}}}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"AIDAOTHERID"}}}}`,
			compare.Fail},
		{"S9.2 aws:userid narrowed to one session of the same role: nothing new",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":["AROAEXAMPLEID:alice","AROAEXAMPLEID:bob"]}}}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"AROAEXAMPLEID:alice"}}}}`,
			compare.Pass},
		{"S9.4 aws:userid of a federated user (ACCOUNT:NAME): without a session policy it is never allowed, on either side",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"111122223333:bob"}}}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"111122223333:carol"}}}}`,
			compare.Pass},
		{"R3.8 X8.3 a queue of another account: the identity policy's new grant (eval refuses a ResourceAccount other than the ARN's, so compare's caller moves to that account)",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:q"}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:444455556666:q"}}`,
			compare.Fail},
		{"R3.1 any region and account: the filled account is 12 digits, so the class is searched",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:q"}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:*:*:q"}}`,
			compare.Fail},
		{"R3.1 an account pattern 1*: filled to 12 digits",
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:q"}}`,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:*:1*:q"}}`,
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
