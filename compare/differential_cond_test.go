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

// A differential test of the other condition families: dates (C5.7), Bool (C5.8), Arn (C5.11),
// StringLike with the empty pattern (C5.5), IfExists (C5.12), Null (C5.13).

var (
	cdConds = []string{
		`"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}`, `"DateGreaterThanEquals":{"aws:CurrentTime":"2025-06-01"}`,
		`"DateNotEquals":{"aws:CurrentTime":"2025-09-01T12:00:00Z"}`,
		`"Bool":{"aws:SecureTransport":"true"}`, `"BoolIfExists":{"aws:SecureTransport":"false"}`,
		`"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:topic-*"}`, `"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic-a"}`,
		`"StringLike":{"s3:prefix":["","home/*"]}`, `"StringNotLike":{"s3:prefix":"home/secret*"}`, `"Null":{"s3:prefix":"false"}`,
		`"StringEqualsIfExists":{"s3:prefix":"home/x"}`, `"StringEqualsIgnoreCase":{"s3:prefix":"Home/X"}`,
		`"StringNotEqualsIgnoreCase":{"s3:prefix":["other","HOME/SECRET/1"]}`,
	}
	cdKeys = []struct {
		key    string
		values []string // "<absent>" = no entry
	}{
		{"aws:CurrentTime", []string{"<absent>", "2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z", "2025-09-01T12:00:00Z", "2025-10-01T00:00:00Z", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "bogus", "1767225600"}},
		{"aws:SecureTransport", []string{"<absent>", "true", "false", "TRUE", "yes", ""}},
		{"aws:SourceArn", []string{"<absent>", "arn:aws:sns:us-east-1:111122223333:topic-a", "arn:aws:sns:eu-west-1:111122223333:topic-b", "arn:aws:sns:us-east-1:444455556666:topic-a", "arn:aws:sns:us-east-1:111122223333:other", "not-an-arn", ""}},
		{"s3:prefix", []string{"<absent>", "", "home/", "home/x", "home/secret/1", "other", "HOME/x", "Home/X", "OTHER", "Home/Secret/1"}},
	}
)

func randCondPolicy(r *rand.Rand) string {
	n := 1 + r.Intn(3)
	var stmts []string
	for i := 0; i < n; i++ {
		eff := "Allow"
		if r.Intn(4) == 0 {
			eff = "Deny"
		}
		var cs []string
		used := map[string]bool{}
		for c := 0; c < 1+r.Intn(2); c++ {
			x := cdConds[r.Intn(len(cdConds))]
			op := x[:strings.IndexByte(x[1:], '"')+2]
			if !used[op] {
				used[op] = true
				cs = append(cs, x)
			}
		}
		stmts = append(stmts, fmt.Sprintf(`{"Effect":%q,"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{%s}}`, eff, strings.Join(cs, ",")))
	}
	return doc(stmts...)
}

func TestDifferentialConditionFamilies(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MaxShrinkCount = maxShrinks
	seed := time.Now().UnixNano()
	if s := os.Getenv("IAM_PROP_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	params.SetSeed(seed)
	params.MinSuccessfulTests = propCount() / 2
	t.Logf("gopter seed %d (replay with IAM_PROP_SEED=%d)", seed, seed)
	var passes, fails int
	props := gopter.NewProperties(params)
	props.Property("condition families: PASS iff brute force finds nothing", prop.ForAll(func(s1, s2 int64) string {
		oldText, newText := randCondPolicy(rand.New(rand.NewSource(s1))), randCondPolicy(rand.New(rand.NewSource(s2)))
		op, err := policy.Parse([]byte(oldText))
		if err != nil {
			return err.Error()
		}
		np, err := policy.Parse([]byte(newText))
		if err != nil {
			return err.Error()
		}
		r, err := compare.NoNewAccess(op, np)
		if err != nil {
			return err.Error()
		}
		oe, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{op}})
		ne, _ := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{np}})
		ctx := fmt.Sprintf("\nold %s\nnew %s\nverdict %s %s", oldText, newText, r.Verdict, r.Reason)
		for _, w := range r.Witnesses {
			if ne.Decide(w.Request) != eval.Allow || oe.Decide(w.Request) == eval.Allow {
				return fmt.Sprintf("bogus witness %+v%s", w.Request, ctx)
			}
		}
		idx := make([]int, len(cdKeys))
		var found *eval.Request
		for found == nil {
			req := eval.Request{Principal: "arn:aws:iam::111122223333:user/u", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", ResourceAccount: "111122223333"}
			for i, k := range cdKeys {
				if v := k.values[idx[i]]; v != "<absent>" {
					req.Context = append(req.Context, condition.Entry{Key: k.key, Values: []string{v}})
				}
			}
			if ne.Decide(req) == eval.Allow && oe.Decide(req) != eval.Allow {
				found = &req
			}
			i := 0
			for ; i < len(idx); i++ {
				idx[i]++
				if idx[i] < len(cdKeys[i].values) {
					break
				}
				idx[i] = 0
			}
			if i == len(idx) {
				break
			}
		}
		switch r.Verdict {
		case compare.Pass:
			passes++
			if found != nil {
				return fmt.Sprintf("PASS but brute force found %+v%s", *found, ctx)
			}
		case compare.Fail:
			fails++
		default:
			return "UNKNOWN" + ctx
		}
		return ""
	}, gen.Int64(), gen.Int64()))
	props.TestingRun(t)
	t.Logf("%d PASS, %d FAIL", passes, fails)
}
