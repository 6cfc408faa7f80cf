package lint

import (
	"testing"

	"github.com/iamgo/iam/policy"
)

// FuzzLint checks that linting never panics, and that every finding has a code, a severity and
// a position inside the document.
func FuzzLint(f *testing.F) {
	f.Add(doc(allow(`["s3:GetObjct", "s3:Get*", "iam:PassRole"]`, `["arn:aws:s3:::b", "*"]`, `{"NumericLessThan": {"aws:SourceIp": "1"}, "ForAllValues:StringLike": {"aws:username": "a*"}}`)))
	f.Add(doc(`{"Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:iam::1:role/x", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.1/8"]}}}`))
	f.Add(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:S3:us-east-1:12:x"}}`)
	f.Add(`{`)
	f.Fuzz(func(t *testing.T, data string) {
		for _, kind := range []policy.Kind{policy.KindIdentity, policy.KindResource} {
			for _, fd := range (Options{Kind: kind}).Lint([]byte(data)) {
				if fd.Code == "" || fd.Severity < Error || fd.Severity > Suggestion || fd.Message == "" {
					t.Fatalf("bad finding %+v", fd)
				}
				if fd.Offset < 0 || fd.Offset > len(data) || fd.Line < 1 || fd.Col < 1 {
					t.Fatalf("bad position %+v in %d bytes", fd, len(data))
				}
			}
		}
	})
}
