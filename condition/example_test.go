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
