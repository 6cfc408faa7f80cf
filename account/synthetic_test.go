package account

import (
	"bytes"
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamgo/iam/eval"
)

// A synthetic account for benchmarks: 8,000 users and 2,000 roles (10,000 principals), 2,000
// customer managed policies of 3 to 8 statements (1 to 6 actions each, a fifth of them with
// conditions, a few administrators), 200 groups, boundaries on a tenth of the users, and trust
// policies naming services, the account (with ExternalId or MFA conditions), or a principal.

const synthAccount = "123456789012"

type synthSize struct{ users, roles, policies, groups int }

var fullSize = synthSize{users: 8000, roles: 2000, policies: 2000, groups: 200}

var synthServices = func() []string {
	var out []string
	for _, s := range []string{"s3", "ec2", "iam", "lambda", "dynamodb", "sqs", "sns", "kms", "secretsmanager", "logs",
		"cloudwatch", "rds", "ecs", "eks", "glue", "athena", "kinesis", "ssm", "sts", "cloudformation",
		"elasticloadbalancing", "autoscaling", "route53", "apigateway", "events", "states", "codebuild", "codepipeline", "ecr", "elasticache"} {
		out = append(out, s)
	}
	return out
}()

var synthVerbs = []string{"Get", "List", "Describe", "Put", "Create", "Delete", "Update", "Tag", "Untag", "Start"}
var synthNouns = []string{"Object", "Bucket", "Instance", "Function", "Table", "Queue", "Topic", "Key", "Secret", "Stream"}

// synthAction draws an action of any service but sts: permission to assume roles is given by
// the explicit statements of synthDoc, as real accounts do.
func synthAction(r *rand.Rand) string {
	svc := synthServices[r.Intn(len(synthServices))]
	for svc == "sts" {
		svc = synthServices[r.Intn(len(synthServices))]
	}
	switch r.Intn(12) {
	case 0:
		return svc + ":*"
	case 1:
		return svc + ":" + synthVerbs[r.Intn(len(synthVerbs))] + "*"
	}
	return svc + ":" + synthVerbs[r.Intn(len(synthVerbs))] + synthNouns[r.Intn(len(synthNouns))]
}

func synthResource(r *rand.Rand, action string) string {
	svc, _, _ := strings.Cut(action, ":")
	if svc == "iam" || svc == "sts" || svc == "route53" {
		if r.Intn(2) == 0 {
			return "*"
		}
		return fmt.Sprintf("arn:aws:%s::%s:*", svc, synthAccount)
	}
	switch r.Intn(4) {
	case 0, 1:
		return "*"
	case 2:
		if svc == "s3" {
			return fmt.Sprintf("arn:aws:s3:::bucket-%d/*", r.Intn(200))
		}
		return fmt.Sprintf("arn:aws:%s:us-east-1:%s:*", svc, synthAccount)
	}
	return fmt.Sprintf("arn:aws:%s:*:%s:team-%d-*", svc, synthAccount, r.Intn(50))
}

func synthStatement(b *bytes.Buffer, r *rand.Rand) {
	effect := "Allow"
	if r.Intn(10) == 0 {
		effect = "Deny"
	}
	n := 1 + r.Intn(6)
	fmt.Fprintf(b, `{"Effect":%q,"Action":[`, effect)
	first := ""
	for i := 0; i < n; i++ {
		a := synthAction(r)
		if i == 0 {
			first = a
		} else {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, "%q", a)
	}
	fmt.Fprintf(b, `],"Resource":%q`, synthResource(r, first))
	switch r.Intn(10) {
	case 0:
		fmt.Fprintf(b, `,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"team-%d"}}`, r.Intn(50))
	case 1:
		b.WriteString(`,"Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.0/24"]}}`)
	}
	b.WriteByte('}')
}

func synthDoc(b *bytes.Buffer, r *rand.Rand, admin bool) {
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	if admin {
		b.WriteString(`{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
		return
	}
	n := 3 + r.Intn(6)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		synthStatement(b, r)
	}
	if r.Intn(20) == 0 {
		fmt.Fprintf(b, `,{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::%s:role/role%d"}`, synthAccount, r.Intn(fullSize.roles))
	}
	b.WriteString(`]}`)
}

func pick(r *rand.Rand, n, max int) []int {
	k := r.Intn(max + 1)
	out := make([]int, 0, k)
	for i := 0; i < k; i++ {
		out = append(out, r.Intn(n))
	}
	return out
}

// synthetic writes the export.
func synthetic(seed int64, sz synthSize) []byte {
	r := rand.New(rand.NewSource(seed))
	var b bytes.Buffer
	b.Grow(sz.policies*1500 + (sz.users+sz.roles)*600)
	pol := func(i int) string { return fmt.Sprintf("arn:aws:iam::%s:policy/p%d", synthAccount, i) }
	attach := func(idx []int) {
		b.WriteString(`"AttachedManagedPolicies":[`)
		for j, i := range idx {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"PolicyName":"p%d","PolicyArn":%q}`, i, pol(i))
		}
		b.WriteString(`]`)
	}
	inline := func(key string, admin bool) {
		fmt.Fprintf(&b, `%q:[`, key)
		if r.Intn(10) < 3 {
			b.WriteString(`{"PolicyName":"inline","PolicyDocument":`)
			synthDoc(&b, r, admin)
			b.WriteString(`}`)
		}
		b.WriteString(`]`)
	}
	b.WriteString(`{"UserDetailList":[`)
	for u := 0; u < sz.users; u++ {
		if u > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Path":"/","UserName":"user%d","UserId":"AIDA%d","Arn":"arn:aws:iam::%s:user/user%d","CreateDate":"2024-01-01T00:00:00Z","GroupList":[`, u, u, synthAccount, u)
		for j, g := range pick(r, sz.groups, 3) {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"group%d"`, g)
		}
		b.WriteString(`],`)
		attach(pick(r, sz.policies, 3))
		b.WriteByte(',')
		inline("UserPolicyList", false)
		if r.Intn(10) == 0 {
			fmt.Fprintf(&b, `,"PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":%q}`, pol(r.Intn(sz.policies)))
		}
		fmt.Fprintf(&b, `,"Tags":[{"Key":"team","Value":"team-%d"}]}`, r.Intn(50))
	}
	b.WriteString(`],"GroupDetailList":[`)
	for g := 0; g < sz.groups; g++ {
		if g > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Path":"/","GroupName":"group%d","GroupId":"AGPA%d","Arn":"arn:aws:iam::%s:group/group%d","CreateDate":"2024-01-01T00:00:00Z",`, g, g, synthAccount, g)
		inline("GroupPolicyList", false)
		b.WriteByte(',')
		idx := pick(r, sz.policies, 4)
		if g%50 == 0 {
			idx = append(idx, 0) // p0 is an administrator policy
		}
		attach(idx)
		b.WriteString(`}`)
	}
	b.WriteString(`],"RoleDetailList":[`)
	for i := 0; i < sz.roles; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		var trust string
		switch k := r.Intn(10); {
		case k < 4:
			trust = fmt.Sprintf(`{"Effect":"Allow","Principal":{"Service":"%s.amazonaws.com"},"Action":"sts:AssumeRole"}`, synthServices[r.Intn(len(synthServices))])
		case k < 6:
			trust = fmt.Sprintf(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-%d"}}}`, synthAccount, i)
		case k < 7:
			trust = fmt.Sprintf(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`, synthAccount)
		case k < 9:
			trust = fmt.Sprintf(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:role/role%d"},"Action":"sts:AssumeRole"}`, synthAccount, r.Intn(sz.roles))
		default:
			trust = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}`
		}
		fmt.Fprintf(&b, `{"Path":"/","RoleName":"role%d","RoleId":"AROA%d","Arn":"arn:aws:iam::%s:role/role%d","CreateDate":"2024-01-01 00:00:00+00:00","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[%s]},"InstanceProfileList":[],`, i, i, synthAccount, i, trust)
		inline("RolePolicyList", i%100 == 0)
		b.WriteByte(',')
		attach(append(pick(r, sz.policies, 3), r.Intn(sz.policies)))
		b.WriteString(`,"Tags":[],"RoleLastUsed":{}}`)
	}
	b.WriteString(`],"Policies":[`)
	for i := 0; i < sz.policies; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"PolicyName":"p%d","PolicyId":"ANPA%d","Arn":%q,"Path":"/","DefaultVersionId":"v2","AttachmentCount":1,"IsAttachable":true,"CreateDate":"2024-01-01T00:00:00Z","UpdateDate":"2024-01-01T00:00:00Z","PolicyVersionList":[{"Document":`, i, i, pol(i))
		synthDoc(&b, r, i == 0 || i%400 == 7)
		b.WriteString(`,"VersionId":"v2","IsDefaultVersion":true,"CreateDate":"2024-01-01T00:00:00Z"},{"VersionId":"v1","IsDefaultVersion":false,"CreateDate":"2023-01-01T00:00:00Z"}]}`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

var (
	synthOnce  sync.Once
	synthData  []byte
	synthModel *Model
)

func synthLoaded(tb testing.TB) *Model {
	synthOnce.Do(func() {
		synthData = synthetic(1, fullSize)
		m, err := Load(Input{Exports: []File{{Name: "synthetic.json", Data: synthData}}})
		if err != nil {
			tb.Fatal(err)
		}
		synthModel = m
	})
	if synthModel == nil {
		tb.Fatal("synthetic model did not load")
	}
	return synthModel
}

// TestSyntheticSmall loads a small synthetic account (the benchmarks load the full size) and
// checks who-can against can on it.
func TestSyntheticSmall(t *testing.T) {
	data := synthetic(2, synthSize{users: 200, roles: 60, policies: 80, groups: 10})
	m, err := Load(Input{Exports: []File{{Name: "s.json", Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Principals()) != 260 {
		t.Fatalf("%d principals", len(m.Principals()))
	}
	for _, action := range []string{"s3:GetObject", "iam:CreateUser", "kms:DescribeKey"} {
		res, err := m.WhoCan(WhoCanRequest{Action: action, Resource: "*"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range m.Principals() {
			a, _ := m.Decide(Request{Principal: p.ARN, Action: action, Resource: "*"})
			if a.Decision == eval.Allow {
				n++
			}
		}
		if n != len(res.Allowed) {
			t.Errorf("%s: who-can %d, can %d", action, len(res.Allowed), n)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	data := synthetic(1, fullSize)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var heap uint64
	var cpu time.Duration
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		c0 := cpuTime()
		m, err := Load(Input{Exports: []File{{Name: "synthetic.json", Data: data}}})
		cpu += cpuTime() - c0
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(m)
	}
	b.ReportMetric(float64(heap)/(1<<20), "MB-live")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

func BenchmarkCan(b *testing.B) {
	m := synthLoaded(b)
	req := Request{Principal: "arn:aws:iam::" + synthAccount + ":user/user17", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-3/x", ResourceAccount: synthAccount}
	b.Run("decide", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Decide(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("explain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Can(req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWhoCan(b *testing.B) {
	m := synthLoaded(b)
	for _, tc := range []struct{ name, action, resource string }{
		{"s3-GetObject-star", "s3:GetObject", "*"},
		{"iam-CreateUser", "iam:CreateUser", "arn:aws:iam::" + synthAccount + ":user/x"},
		{"kms-Decrypt-key", "kms:Decrypt", "arn:aws:kms:us-east-1:" + synthAccount + ":key/1"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			c0 := cpuTime()
			for b.Loop() {
				res, err := m.WhoCan(WhoCanRequest{Action: tc.action, Resource: tc.resource})
				if err != nil {
					b.Fatal(err)
				}
				n = len(res.Allowed) + len(res.Conditional)
			}
			b.ReportMetric(float64(n), "principals")
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

func BenchmarkWhoCanBecome(b *testing.B) {
	m := synthLoaded(b)
	b.Run("graph", func(b *testing.B) {
		b.ReportAllocs()
		var edges int
		c0 := cpuTime()
		for b.Loop() {
			g := m.AssumeGraph(nil)
			edges = 0
			for _, es := range g.into {
				edges += len(es)
			}
		}
		b.ReportMetric(float64(edges), "edges")
		b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
}

// benchCatalog stands for the action catalog: every synthetic action name, about 15,000.
type benchCatalog []string

func (c benchCatalog) Actions(yield func(string, string) bool) {
	for _, a := range c {
		if !yield(a, "Read") {
			return
		}
	}
}

func BenchmarkWhatCan(b *testing.B) {
	m := synthLoaded(b)
	req := WhatCanRequest{Principal: "arn:aws:iam::" + synthAccount + ":user/user17"}
	b.Run("named", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.WhatCan(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	var cat benchCatalog
	for _, s := range synthServices {
		for i := 0; i < 500; i++ {
			cat = append(cat, fmt.Sprintf("%s:%s%s%d", s, synthVerbs[i%len(synthVerbs)], synthNouns[(i/10)%len(synthNouns)], i/100))
		}
	}
	mc := *m
	mc.catalog = cat
	b.Run("catalog-15000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := mc.WhatCan(req); err != nil {
				b.Fatal(err)
			}
		}
	})
}
