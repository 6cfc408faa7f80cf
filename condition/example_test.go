package condition_test

import (
	"fmt"

	"github.com/iamgo/iam/condition"
)

func ExampleCompile() {
	op, _ := condition.ParseOp("ForAnyValue:StringLike")
	c, err := condition.Compile(op, "aws:TagKeys", []string{"team-*"}, true)
	if err != nil {
		panic(err)
	}
	ctx := &condition.Context{Keys: []condition.Entry{{Key: "aws:TagKeys", Values: []string{"cost", "team-blue"}}}}
	fmt.Println(c.Eval(ctx))
	fmt.Println(c.Eval(&condition.Context{})) // ForAnyValue on a missing key (C5.14)
	// Output:
	// true
	// false
}

func ExampleBlock_MissingKeys() {
	ip, _ := condition.ParseOp("IpAddress")
	c, _ := condition.Compile(ip, "aws:SourceIp", []string{"203.0.113.0/24"}, true)
	b := condition.NewBlock(c)
	fmt.Println(b.Eval(&condition.Context{}), b.MissingKeys(&condition.Context{}, nil))
	// Output: false [aws:SourceIp]
}

// A linter or parser validates values with Check, which reports what Compile would reject
// without building the condition.
func ExampleCheck() {
	op, _ := condition.ParseOp("DateLessThan")
	fmt.Println(condition.Check(op, "aws:CurrentTime", []string{"2026-02-30T00:00:00Z"}, true))
	fmt.Println(condition.Check(op, "aws:CurrentTime", []string{"2026-02-28T00:00:00Z"}, true))
	// Output:
	// condition: value 0: "2026-02-30T00:00:00Z" is not a date: expected ISO 8601 such as 2026-01-31T12:00:00Z (with a time zone) or epoch seconds
	// <nil>
}
