package compare_test

import (
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/iamgo/iam/compare"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// The differential test: small random policies over a small universe, every request of the
// universe enumerated and decided by eval; compare's PASS must mean that no enumerated request
// is allowed by the new policy and not by the old, and every FAIL witness must be genuine.

var (
	uActions   = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucketTagging", "ec2:RunInstances"}
	uResources = []string{"*", "arn:aws:s3:::a", "arn:aws:s3:::a/x", "arn:aws:s3:::a/y", "arn:aws:s3:::b", "arn:aws:s3:::bz/x", "arn:aws:s3:::c/x", "arn:aws:s3:::a:b/x"}
	uK1        = []string{"", "a", "b", "ab", "c", "a*"}
	uN         = []string{"", "0", "1", "3", "5", "7", "x"}
	uIP        = []string{"", "10.1.2.3", "10.2.0.0", "11.0.0.1"}
	uTags      = [][]string{nil, {}, {"a"}, {"b"}, {"a", "b"}, {"c"}, {"a", "c"}}

	pActions   = []string{"s3:GetObject", "s3:Get*", "s3:*", "s3:*Object", "s3:List*", "*", "ec2:*", "s3:PutObject"}
	pResources = []string{"*", "arn:aws:s3:::a/*", "arn:aws:s3:::a/x", "arn:aws:s3:::b*", "arn:aws:s3:::?/x", "arn:aws:s3:::a", "arn:aws:s3:::*/x", "arn:aws:s3:::a*"}
	pConds     = []string{
		`"StringEquals":{"k1":"a"}`, `"StringLike":{"k1":"a*"}`, `"StringNotEquals":{"k1":["a","b"]}`,
		`"StringNotLike":{"k1":"*b"}`, `"StringEqualsIfExists":{"k1":"c"}`, `"Null":{"k1":"true"}`,
		`"NumericLessThan":{"n":"5"}`, `"NumericGreaterThanEquals":{"n":"1"}`, `"NumericNotEquals":{"n":["3","7"]}`,
		`"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}`, `"NotIpAddress":{"aws:SourceIp":"10.1.0.0/16"}`,
		`"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}`, `"ForAllValues:StringLike":{"aws:TagKeys":["a*"]}`,
	}
)

func randPolicy(r *rand.Rand) string {
	n := 1 + r.Intn(3)
	var stmts []string
	for i := 0; i < n; i++ {
		eff := "Allow"
		if r.Intn(4) == 0 {
			eff = "Deny"
		}
		actKey := "Action"
		if r.Intn(6) == 0 {
			actKey = "NotAction"
		}
		resKey := "Resource"
		if r.Intn(6) == 0 {
			resKey = "NotResource"
		}
		s := fmt.Sprintf(`{"Effect":%q,%q:%s,%q:%s`, eff, actKey, pick(r, pActions, 1+r.Intn(2)), resKey, pick(r, pResources, 1+r.Intn(2)))
		if k := r.Intn(3); k > 0 {
			var cs []string
			used := map[string]bool{}
			for c := 0; c < k; c++ {
				x := pConds[r.Intn(len(pConds))]
				op := x[:strings.IndexByte(x[1:], '"')+2]
				if !used[op] {
					used[op] = true
					cs = append(cs, x)
				}
			}
			s += `,"Condition":{` + strings.Join(cs, ",") + `}`
		}
		stmts = append(stmts, s+"}")
	}
	return doc(stmts...)
}

func pick(r *rand.Rand, from []string, n int) string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, strconv.Quote(from[r.Intn(len(from))]))
	}
	return "[" + strings.Join(out, ",") + "]"
}

// bruteForce returns a request of the universe that n allows and o does not, if any.
func bruteForce(o, n *eval.Evaluator) (eval.Request, bool) {
	for _, a := range uActions {
		for _, res := range uResources {
			for _, k1 := range uK1 {
				for _, nn := range uN {
					for _, ip := range uIP {
						for _, tags := range uTags {
							req := eval.Request{Principal: "arn:aws:iam::111122223333:user/u", Action: a, Resource: res, ResourceAccount: "111122223333"}
							if k1 != "" {
								req.Context = append(req.Context, condition.Entry{Key: "k1", Values: []string{k1}})
							}
							if nn != "" {
								req.Context = append(req.Context, condition.Entry{Key: "n", Values: []string{nn}})
							}
							if ip != "" {
								req.Context = append(req.Context, condition.Entry{Key: "aws:SourceIp", Values: []string{ip}})
							}
							if tags != nil {
								req.Context = append(req.Context, condition.Entry{Key: "aws:TagKeys", Values: tags, Multi: true})
							}
							if n.Decide(req) == eval.Allow && o.Decide(req) != eval.Allow {
								return req, true
							}
						}
					}
				}
			}
		}
	}
	return eval.Request{}, false
}

// maxShrinks caps gopter's shrinking of a failing case: each step reruns a brute force, and a
// thousand of them under the race detector outlast the test timeout before the failure is
// reported.
const maxShrinks = 20

func propCount() int {
	switch os.Getenv("IAM_PROP") {
	case "quick":
		return 100
	case "long":
		return 20000
	}
	if raceEnabled {
		return 40
	}
	return 400
}

func TestDifferentialBruteForce(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MaxShrinkCount = maxShrinks
	seed := time.Now().UnixNano()
	if s := os.Getenv("IAM_PROP_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	params.SetSeed(seed)
	params.MinSuccessfulTests = propCount()
	t.Logf("gopter seed %d (replay with IAM_PROP_SEED=%d)", seed, seed)
	props := gopter.NewProperties(params)
	var passes, fails int
	props.Property("PASS iff brute force finds nothing; witnesses are genuine", prop.ForAll(func(s1, s2 int64) string {
		oldText, newText := randPolicy(rand.New(rand.NewSource(s1))), randPolicy(rand.New(rand.NewSource(s2)))
		op, err := policy.Parse([]byte(oldText))
		if err != nil {
			return "old: " + err.Error()
		}
		np, err := policy.Parse([]byte(newText))
		if err != nil {
			return "new: " + err.Error()
		}
		oe, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{op}})
		ne, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{np}})
		r, err := compare.NoNewAccess(op, np)
		if err != nil {
			return err.Error()
		}
		bf, found := bruteForce(oe, ne)
		ctx := fmt.Sprintf("\nold %s\nnew %s\nverdict %s %s", oldText, newText, r.Verdict, r.Reason)
		switch r.Verdict {
		case compare.Pass:
			passes++
			if found {
				return fmt.Sprintf("PASS but brute force found %+v%s", bf, ctx)
			}
		case compare.Fail:
			fails++
			for _, w := range r.Witnesses {
				if ne.Decide(w.Request) != eval.Allow || oe.Decide(w.Request) == eval.Allow {
					return fmt.Sprintf("bogus witness %+v%s", w.Request, ctx)
				}
			}
		default:
			return "UNKNOWN on a fully modelled universe" + ctx
		}
		if found && r.Verdict != compare.Fail {
			return "brute force found a witness" + ctx
		}
		return ""
	}, gen.Int64(), gen.Int64()))
	props.TestingRun(t)
	t.Logf("%d PASS, %d FAIL", passes, fails)
}
