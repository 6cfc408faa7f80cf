package escalate

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/iamgo/iam/account"
)

// syntheticExport builds an account of n principals (half users, half roles) with 200 managed
// policies of typical shapes, 20 groups, trust policies naming the account, other roles and
// services, and a few escalation paths of each kind.
func syntheticExport(t testing.TB, n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := []func(i int) obj{
		func(i int) obj {
			return pdoc(allow([]string{"s3:GetObject", "s3:PutObject"}, fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i)))
		},
		func(i int) obj { return pdoc(allow("ec2:Describe*", "*"), allow("ec2:StartInstances", "*")) },
		func(i int) obj {
			return pdoc(allow("sts:AssumeRole", fmt.Sprintf("arn:aws:iam::%s:role/role-%d", acct, i%(n/2))))
		},
		func(i int) obj {
			return pdoc(allow("lambda:*", fmt.Sprintf("arn:aws:lambda:*:%s:function:app-%d-*", acct, i)))
		},
		func(i int) obj { return pdoc(allow("dynamodb:*", "*"), deny("dynamodb:DeleteTable", "*")) },
		func(i int) obj {
			return pdoc(allow([]string{"iam:PassRole"}, fmt.Sprintf("arn:aws:iam::%s:role/role-%d", acct, i%(n/2))), allow("lambda:CreateFunction", "*"))
		},
		func(i int) obj {
			return pdoc(allow("iam:CreateAccessKey", fmt.Sprintf("arn:aws:iam::%s:user/user-%d", acct, i%(n/2))))
		},
		func(i int) obj { return pdoc(allow("sqs:*", "*"), allow("sns:Publish", "*")) },
	}
	var e export
	for i := range 200 {
		e.policies = append(e.policies, managedPolicy(acct, fmt.Sprintf("pol-%d", i), shapes[i%len(shapes)](i)))
	}
	pick := func() arr {
		var out []string
		for range 1 + rng.IntN(3) {
			out = append(out, arnOf("policy", fmt.Sprintf("pol-%d", rng.IntN(200))))
		}
		return attached(out...)
	}
	for i := range 20 {
		e.groups = append(e.groups, groupObj(fmt.Sprintf("group-%d", i), pick(), nil))
	}
	for i := range n / 2 {
		var groups []string
		if i%3 == 0 {
			groups = []string{fmt.Sprintf("group-%d", rng.IntN(20))}
		}
		att := pick()
		if i%997 == 0 {
			att = attached(adminARN)
		}
		e.users = append(e.users, userObj(fmt.Sprintf("user-%d", i), groups, att, arr{inlinePolicy("own", pdoc(allow("s3:ListBucket", "*")))}))
	}
	for i := range n / 2 {
		var trust obj
		switch i % 4 {
		case 0:
			trust = trustAWS("arn:aws:iam::" + acct + ":root")
		case 1:
			trust = trustService("lambda.amazonaws.com")
		case 2:
			trust = trustAWS(arnOf("role", fmt.Sprintf("role-%d", rng.IntN(n/2))))
		default:
			trust = trustService("ec2.amazonaws.com")
		}
		att := pick()
		if i%501 == 0 {
			att = attached(adminARN)
		}
		e.roles = append(e.roles, roleObj(fmt.Sprintf("role-%d", i), trust, att, nil, i%4 == 3))
	}
	return e.bytes(t)
}

// BenchmarkSynthetic10k: load excluded, the analysis of 10,000 principals.
func BenchmarkSynthetic10k(b *testing.B) {
	data := syntheticExport(b, 10000)
	m, err := account.Load(account.Input{Exports: []account.File{{Name: "synthetic.json", Data: data}}})
	if err != nil {
		b.Fatal(err)
	}
	prof := map[string]bool{}
	if err := InstanceProfiles(data, prof); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := Analyze(m, Options{Now: testNow, InstanceProfiles: prof})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Paths)), "paths")
	}
}

// BenchmarkSynthetic2k: the same shapes with 2,000 principals; logs the load and the
// assumption graph (account package) apart.
func BenchmarkSynthetic2k(b *testing.B) {
	data := syntheticExport(b, 2000)
	start := time.Now()
	m, err := account.Load(account.Input{Exports: []account.File{{Name: "synthetic.json", Data: data}}})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("load %v", time.Since(start))
	start = time.Now()
	m.AssumeGraph(nil)
	b.Logf("graph %v", time.Since(start))
	b.ResetTimer()
	for b.Loop() {
		res, err := Analyze(m, Options{Now: testNow})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Edges)), "edges")
		b.ReportMetric(float64(len(res.Paths)), "paths")
	}
}
