package policy_test

import (
	"errors"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// TestCompileValidates checks that eval.Compile refuses a built tree Parse would refuse (G1.11,
// G1.6), as Validate does, and accepts what a lenient Parse accepts (C5.0).
func TestCompileValidates(t *testing.T) {
	good := policy.NewPolicy(policy.NewStatement(policy.Allow, "s3:GetObject").WithResources("*"))
	if _, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{good}}); err != nil {
		t.Fatalf("valid tree: %v", err)
	}
	zeroOp := policy.NewPolicy(policy.NewStatement(policy.Allow, "s3:GetObject").WithResources("*").
		WithConditions(policy.Condition{Op: condition.Op{}, Key: policy.String{Value: "aws:username"}, Values: []policy.Literal{{Text: "a"}}}))
	noEffect := policy.NewPolicy(policy.NewStatement(policy.EffectInvalid, "s3:GetObject").WithResources("*"))
	for _, p := range []*policy.Policy{zeroOp, noEffect} {
		_, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{p}})
		var pe *policy.Error
		if !errors.As(err, &pe) || pe.Line != 0 {
			t.Errorf("Compile = %v, want a *policy.Error without a position", err)
		}
		if want := p.Validate(); want == nil {
			t.Errorf("Validate accepted what Compile refused")
		}
	}
	lenient, err := policy.Options{Lenient: true}.Parse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eval.Compile(eval.PolicySet{Identity: []*policy.Policy{lenient}}); err != nil {
		t.Errorf("leniently parsed tree: %v", err)
	}
}
