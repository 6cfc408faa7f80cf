package eval_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// fuzzEvaluators are compiled once: one that allows everything to everyone (so that any Allow
// of a malformed request would show), and one whose Allows and Denies read context keys with
// every operator family.
var fuzzEvaluators = sync.OnceValues(func() ([]*eval.Evaluator, error) {
	docs := [][2]string{
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`},
		{`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualsIgnoreCase":{"aws:SourceVpce":"vpce-good"}}},
  {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::*","Condition":{"IpAddress":{"aws:SourceIp":["0.0.0.0/0","::/0"]}}},
  {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"1000"}}},
  {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2100-01-01T00:00:00Z"}}},
  {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":"*"}}},
  {"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:username":"nobody"}}},
  {"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}},
  {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BinaryEquals":{"test:Blob":"cXVhcmFudGluZQ=="}}},
  {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:lambda:*:444455556666:function:*"}}},
  {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
			`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/ops/reader","AROADBQP57FF2AEXAMPLE","111122223333"]},"Action":"*","Resource":"*"},
  {"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:user/alice"]},"Action":"s3:DeleteObject","Resource":"*"}]}`},
		// Plain actions and literal ARN heads: the scan proves the action and the resource head
		// on the way (run.actOK, run.resFrom), and the checks skip what is proven.
		{`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":["s3:GetObject","iam:PassRole","ec2:RunInstances"],"Resource":["arn:aws:s3:::bucket/*","arn:aws:iam::111122223333:role/*","arn:aws:ec2:us-east-1:111122223333:instance/*"]},
  {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::bucket/private/*"}]}`,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::bucket/*"}]}`},
	}
	var out []*eval.Evaluator
	for _, d := range docs {
		id, err := policy.Parse([]byte(d[0]))
		if err != nil {
			return nil, err
		}
		res, err := policy.Parse([]byte(d[1]))
		if err != nil {
			return nil, err
		}
		ev, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{id}, Resource: res})
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
})

// FuzzRequestValidate: for any principal, action, resource, resource account and two context
// entries, Validate never panics; Decide never panics and never allows when Validate fails
// (C5.0, 2026-12); Explain reports the same decision, and the request error exactly when
// Validate fails.
func FuzzRequestValidate(f *testing.F) {
	for _, c := range fcInvalidRequests() {
		k, v := "", ""
		if len(c.req.Context) > 0 && len(c.req.Context[0].Values) > 0 {
			k, v = c.req.Context[0].Key, c.req.Context[0].Values[0]
		}
		f.Add(c.req.Principal, c.req.Action, c.req.Resource, c.req.ResourceAccount, k, v, "", "", false)
	}
	for _, c := range fcValidRequests() {
		k, v := "", ""
		if len(c.req.Context) > 0 {
			k, v = c.req.Context[0].Key, c.req.Context[0].Values[0]
		}
		f.Add(c.req.Principal, c.req.Action, c.req.Resource, c.req.ResourceAccount, k, v, "aws:SourceIp", "203.0.113.7", false)
	}
	f.Add(fcAlice, "s3:GetObject", fcObject, fcAccount, "aws:ResourceTag/Env", "dev", "aws:ResourceTag/env", "prod", false)
	f.Add(fcAlice, "s3:GetObject", fcObject, fcAccount, "aws:SourceVpce", "vpce-bad", "aws:SourceVpce", "vpce-good", true)
	f.Add(fcAlice, "s3:GetObject*", fcObject, fcAccount, "", "", "", "", false)
	f.Add(fcSession, "s3:GetObject", fcObject, fcAccount, "aws:PrincipalArn", fcRole, "aws:userid", "AROADBQP57FF2AEXAMPLE:s1", false)
	f.Add("arn:aws:iam::111122223333:root", "sts:AssumeRole", "arn:aws:iam::111122223333:role/x", "", "", "", "", "", false)
	f.Add(fcAlice, "s3:GetObject", "arn:aws:s3:::bucket/a\x00b", fcAccount, "", "", "", "", false)
	f.Add(fcAlice, "S3:GETOBJECT", "arn:aws:s3:::bucket/private/x", fcAccount, "aws:username", "alice", "", "", false)
	evs, err := fuzzEvaluators()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, principal, action, resource, account, k1, v1, k2, v2 string, multi bool) {
		req := eval.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: account}
		if k1 != "" || v1 != "" {
			req.Context = append(req.Context, condition.Entry{Key: k1, Values: []string{v1}, Multi: multi})
		}
		if k2 != "" || v2 != "" {
			if multi && len(req.Context) == 1 && k2 == k1 {
				// The same key twice as one multivalued entry (C5.15) rather than two entries.
				req.Context[0].Values = append(req.Context[0].Values, v2)
			} else {
				req.Context = append(req.Context, condition.Entry{Key: k2, Values: []string{v2}})
			}
		}
		verr := req.Validate()
		var re *eval.RequestError
		if verr != nil && !errors.As(verr, &re) {
			t.Fatalf("Validate returned %T %v, want a *eval.RequestError", verr, verr)
		}
		if verr != nil {
			switch re.Field {
			case "Principal", "Action", "Resource", "ResourceAccount", "Context":
			default:
				t.Fatalf("Validate: unknown field %q (%v)", re.Field, verr)
			}
			_ = verr.Error()
		}
		for i, ev := range evs {
			d := ev.Decide(req)
			x := ev.Explain(req)
			if x.Decision != d {
				t.Fatalf("evaluator %d: Decide %v, Explain %v for %+v\n%s", i, d, x.Decision, req, x)
			}
			if verr != nil && d != eval.ImplicitDeny {
				t.Fatalf("evaluator %d: malformed request (%v) decided %v, want ImplicitDeny", i, verr, d)
			}
			if (verr != nil) != (x.Request != nil) {
				t.Fatalf("evaluator %d: Validate says %v, Explain's request error %v", i, verr, x.Request)
			}
			_ = x.String()
		}
	})
}
