package arn_test

import (
	"fmt"

	"github.com/iamgo/iam/arn"
)

func ExampleParse() {
	a, err := arn.Parse("arn:aws:sts::111122223333:assumed-role/reader/alice")
	if err != nil {
		panic(err)
	}
	role, _ := a.SessionRole()
	fmt.Println(a.Account, a.IsAssumedRole(), a.Name(), a.SessionName(), role)
	// Output: 111122223333 true reader alice arn:aws:iam::111122223333:role/reader
}

func ExampleCompileResource() {
	p, _ := arn.CompileResource("arn:aws:s3:::example-bucket/*/reports/*")
	fmt.Println(p.Match("arn:aws:s3:::example-bucket/alice/reports/q1.csv"))
	fmt.Println(p.Match("arn:aws:s3:::example-bucket/reports/q1.csv"))
	// Output:
	// true
	// false
}

func ExampleCompileAction() {
	p, _ := arn.CompileAction("s3:Get*")
	fmt.Println(p.Match("S3:GetObject"), p.Match("s3:PutObject"))
	// Output: true false
}

func ExamplePattern_MatchHoles() {
	// arn:aws:s3:::home/${aws:username}/* with the variable as hole 0.
	p, _ := arn.Compile(arn.RuleResource,
		arn.Segment{Kind: arn.Wild, Text: "arn:aws:s3:::home/"},
		arn.Segment{Kind: arn.Hole, Hole: 0},
		arn.Segment{Kind: arn.Wild, Text: "/*"})
	fmt.Println(p.MatchHoles("arn:aws:s3:::home/alice/notes.txt", []string{"alice"}))
	fmt.Println(p.MatchHoles("arn:aws:s3:::home/bob/notes.txt", []string{"alice"}))
	// Output:
	// true
	// false
}

func ExampleBatch() {
	// A compiler that builds many patterns reserves room for them once.
	resources := []string{"arn:aws:s3:::logs", "arn:aws:s3:::logs/*", "arn:aws:s3:::reports/2026-*"}
	var b arn.Batch
	b.Reserve(len(resources))
	for _, r := range resources {
		p, err := b.CompileResource(r)
		if err != nil {
			panic(err)
		}
		fmt.Println(r, p.Match("arn:aws:s3:::logs/app.log"))
	}
	// Output:
	// arn:aws:s3:::logs false
	// arn:aws:s3:::logs/* true
	// arn:aws:s3:::reports/2026-* false
}

func ExamplePattern_MatchResource() {
	// R3.3: a '*' that does not end its colon-separated segment never matches ':'. An older
	// reading let it after the fifth colon; a match under that reading alone is uncertain.
	p, _ := arn.CompileResource("arn:aws:s3:::bucket/*/report.csv")
	fmt.Println(p.MatchResource("arn:aws:s3:::bucket/2026/report.csv", nil))
	fmt.Println(p.MatchResource("arn:aws:s3:::bucket/2026:q1/report.csv", nil))
	fmt.Println(p.MatchResource("arn:aws:s3:::bucket/report.csv", nil))
	// Output:
	// true false
	// false true
	// false false
}
