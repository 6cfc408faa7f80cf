package scenario_test

import (
	"fmt"

	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/eval/scenario"
)

func ExampleRun() {
	f, err := scenario.Parse("inline.json", []byte(`{
  "name": "a Deny beats an Allow",
  "source": "SEMANTICS E7.4 step 1",
  "policies": {"identity": [{"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}]},
  "requests": [
    {"name": "read", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
     "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333", "expect": "Allow"},
    {"name": "delete", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:DeleteObject",
     "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333", "expect": "ExplicitDeny"}]
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	results, _ := scenario.Run(f, eval.Options{})
	for _, r := range results {
		fmt.Println(r.Request.Label(), r.Got, r.Pass)
	}
	// Output:
	// read Allow true
	// delete ExplicitDeny true
}
