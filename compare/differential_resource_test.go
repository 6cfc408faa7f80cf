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

// The differential test for resource policies: principal classes (P4.x, E7.5, X8.1) against
// an enumeration of callers the policies do and do not name.

var (
	rpPrincipals = []string{`"*"`, `{"AWS":"444455556666"}`, `{"AWS":"arn:aws:iam::444455556666:role/r"}`,
		`{"AWS":"arn:aws:iam::111122223333:user/u"}`, `{"Service":"s3.amazonaws.com"}`, `{"AWS":"111122223333"}`,
		`{"AWS":["arn:aws:iam::444455556666:root","arn:aws:sts::444455556666:assumed-role/r/s"]}`}
	rpConds = []string{`"StringEquals":{"aws:PrincipalAccount":"444455556666"}`, `"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}`,
		`"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::444455556666:role/r"}`, `"Bool":{"aws:SecureTransport":"true"}`,
		`"StringEquals":{"aws:PrincipalType":"AssumedRole"}`, `"StringEquals":{"aws:PrincipalOrgID":"o-1"}`}
	rpActions   = []string{"s3:GetObject", "s3:PutObject", "s3:*"}
	rpResources = []string{"*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/x", "arn:aws:s3:::c/*"}

	bfActions   = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket"}
	bfResources = []string{"arn:aws:s3:::b/x", "arn:aws:s3:::b/y", "arn:aws:s3:::c/x", "*"}
	bfOrg       = []string{"", "o-1", "o-2"}
	bfTLS       = []string{"", "true", "false"}
)

type bfCaller struct{ principal, roleARN string }

func bfCallers() []bfCaller {
	var out []bfCaller
	for _, a := range []string{"111122223333", "444455556666", "777766665555"} {
		out = append(out,
			bfCaller{"arn:aws:iam::" + a + ":root", ""},
			bfCaller{"arn:aws:iam::" + a + ":user/u", ""},
			bfCaller{"arn:aws:iam::" + a + ":user/bob", ""},
			bfCaller{"arn:aws:sts::" + a + ":assumed-role/r/s", "arn:aws:iam::" + a + ":role/r"},
			bfCaller{"arn:aws:sts::" + a + ":assumed-role/r/t", "arn:aws:iam::" + a + ":role/r"},
			bfCaller{"arn:aws:sts::" + a + ":assumed-role/q/s", "arn:aws:iam::" + a + ":role/q"},
			bfCaller{"arn:aws:sts::" + a + ":federated-user/f", ""})
	}
	return append(out, bfCaller{"s3.amazonaws.com", ""}, bfCaller{"sqs.amazonaws.com", ""}, bfCaller{"anonymous", ""})
}

func randResourcePolicy(r *rand.Rand) string {
	n := 1 + r.Intn(3)
	var stmts []string
	for i := 0; i < n; i++ {
		eff := "Allow"
		if r.Intn(4) == 0 {
			eff = "Deny"
		}
		s := fmt.Sprintf(`{"Effect":%q,"Principal":%s,"Action":%s,"Resource":%s`, eff, rpPrincipals[r.Intn(len(rpPrincipals))],
			pick(r, rpActions, 1+r.Intn(2)), pick(r, rpResources, 1))
		if r.Intn(2) == 0 {
			s += `,"Condition":{` + rpConds[r.Intn(len(rpConds))] + `}`
		}
		stmts = append(stmts, s+"}")
	}
	return doc(stmts...)
}

func TestDifferentialResourcePolicies(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MaxShrinkCount = maxShrinks
	seed := time.Now().UnixNano()
	if s := os.Getenv("IAM_PROP_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	params.SetSeed(seed)
	params.MinSuccessfulTests = propCount() / 2
	t.Logf("gopter seed %d (replay with IAM_PROP_SEED=%d)", seed, seed)
	all := mustParse(t, doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`))
	callers := bfCallers()
	var passes, fails int
	props := gopter.NewProperties(params)
	props.Property("resource policies: PASS iff brute force finds nothing", prop.ForAll(func(s1, s2 int64) string {
		oldText, newText := randResourcePolicy(rand.New(rand.NewSource(s1))), randResourcePolicy(rand.New(rand.NewSource(s2)))
		op, err := policy.Parse([]byte(oldText))
		if err != nil {
			return err.Error()
		}
		np, err := policy.Parse([]byte(newText))
		if err != nil {
			return err.Error()
		}
		r, err := compare.NoNewAccessResource(op, np)
		if err != nil {
			return err.Error()
		}
		ctx := fmt.Sprintf("\nold %s\nnew %s\nverdict %s %s", oldText, newText, r.Verdict, r.Reason)
		var found *eval.Request
		for _, ids := range [][]*policy.Policy{nil, {all}} {
			oe, _ := eval.Compile(eval.PolicySet{Identity: ids, Resource: op})
			ne, _ := eval.Compile(eval.PolicySet{Identity: ids, Resource: np})
			for _, w := range r.Witnesses {
				if w.IdentityAllowsAll == (ids != nil) && (ne.Decide(w.Request) != eval.Allow || oe.Decide(w.Request) == eval.Allow) {
					return fmt.Sprintf("bogus witness %+v%s", w.Request, ctx)
				}
			}
			for _, c := range callers {
				for _, a := range bfActions {
					for _, res := range bfResources {
						for _, org := range bfOrg {
							for _, tls := range bfTLS {
								req := eval.Request{Principal: c.principal, Action: a, Resource: res, ResourceAccount: "111122223333"}
								if c.roleARN != "" {
									req.Context = append(req.Context, condition.Entry{Key: "aws:PrincipalArn", Values: []string{c.roleARN}})
								}
								if org != "" {
									req.Context = append(req.Context, condition.Entry{Key: "aws:PrincipalOrgID", Values: []string{org}})
								}
								if tls != "" {
									req.Context = append(req.Context, condition.Entry{Key: "aws:SecureTransport", Values: []string{tls}})
								}
								if found == nil && ne.Decide(req) == eval.Allow && oe.Decide(req) != eval.Allow {
									rq := req
									found = &rq
								}
							}
						}
					}
				}
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
			if !strings.Contains(r.Reason, "not modelled") {
				return "UNKNOWN" + ctx
			}
		}
		return ""
	}, gen.Int64(), gen.Int64()))
	props.TestingRun(t)
	t.Logf("%d PASS, %d FAIL", passes, fails)
}
