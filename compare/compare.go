package compare

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// Verdict is the answer of a comparison. The zero value is Unknown, so a Result nobody filled
// in never reads as a pass.
type Verdict uint8

const (
	// Unknown: no witness was found, but the search was not exhaustive (see Result.Reason).
	Unknown Verdict = iota
	// Pass: no request exists that the new side allows and the old side does not.
	Pass
	// Fail: at least one witness request exists (Result.Witnesses).
	Fail
)

// String returns "UNKNOWN", "PASS" or "FAIL".
func (v Verdict) String() string {
	switch v {
	case Pass:
		return "PASS"
	case Fail:
		return "FAIL"
	}
	return "UNKNOWN"
}

// Witness is one request the new side allows and the old side does not, both decided by
// eval.Decide before the witness is returned.
type Witness struct {
	Request eval.Request
	// New and Old are the two decisions (New is always eval.Allow).
	New, Old eval.Decision
	// OldReason is eval's reason for the old side's decision (no-allow, explicit-deny, ...).
	OldReason string
	// Statements are the new side's statements that applied (eval.Explanation.Matched).
	Statements []eval.Match
	// OldStatements are the old side's statements that applied (a Deny, for instance).
	OldStatements []eval.Match
	// IdentityAllowsAll is set for resource-policy comparisons when the witness assumes that
	// the caller's own identity policies allow everything (which a cross-account grant needs,
	// X8.1).
	IdentityAllowsAll bool
	// Reverse is set by Equivalent for a request the first policy allows and the second not.
	Reverse bool
}

// Result is the outcome of a comparison.
type Result struct {
	Verdict Verdict
	// Witnesses holds up to Options.MaxWitnesses requests when Verdict is Fail.
	Witnesses []Witness
	// Reason says why the verdict is Unknown: the first construct the procedure does not
	// decide exactly, or the bound that was reached. Empty otherwise.
	Reason string
	// Incomplete lists every such reason (Reason is its first entry).
	Incomplete []string
	// Requests is the number of candidate requests decided.
	Requests int
	// Elapsed is the time the comparison took.
	Elapsed time.Duration
}

// Options bounds and configures a comparison. The zero value is the default.
type Options struct {
	// Catalog is the action universe; nil means catalog.Default().
	Catalog *catalog.Catalog
	// MaxWitnesses is the most witnesses returned; 0 means 3.
	MaxWitnesses int
	// MaxRequests bounds the candidate requests decided; 0 means 2,000,000. Past it: Unknown.
	MaxRequests int
	// MaxStates bounds the states explored by each glob automaton; 0 means 20,000.
	MaxStates int
	// Timeout bounds the wall-clock time; 0 means 10 s. Past it: Unknown.
	Timeout time.Duration
	// Account is the account of the identity (identity policies) or of the resource (resource
	// policies); empty means 111122223333.
	Account string
}

func (o Options) withDefaults() Options {
	if o.Catalog == nil {
		o.Catalog = catalog.Default()
	}
	if o.MaxWitnesses <= 0 {
		o.MaxWitnesses = 3
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = 2_000_000
	}
	if o.MaxStates <= 0 {
		o.MaxStates = 20_000
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Account == "" {
		o.Account = "111122223333"
	}
	return o
}

// NoNewAccess compares two identity-based policies with the zero Options: see
// Options.NoNewAccess.
func NoNewAccess(old, new *policy.Policy) (Result, error) {
	return Options{}.NoNewAccess(old, new)
}

// NoNewAccess reports whether the identity-based policy new allows a request that old does not
// allow, for an IAM user or role of Options.Account on its own account's resources (a
// cross-account request also needs the resource's policy, X8.1, so it is never allowed by an
// identity policy alone). A nil policy allows nothing.
func (o Options) NoNewAccess(old, new *policy.Policy) (Result, error) {
	return o.NoNewAccessSet(eval.PolicySet{Identity: nonNil(old)}, eval.PolicySet{Identity: nonNil(new)})
}

// NoNewAccessResource compares two resource-based policies with the zero Options: see
// Options.NoNewAccessResource.
func NoNewAccessResource(old, new *policy.Policy) (Result, error) {
	return Options{}.NoNewAccessResource(old, new)
}

// NoNewAccessResource reports whether the resource-based policy new (of a resource in
// Options.Account) allows a request that old does not, for any caller: principals of the
// account and of other accounts, services and anonymous callers. For each caller the
// comparison is made twice: with no identity policy, and with identity policies that allow
// everything (the most a cross-account caller's own account can delegate, X8.1).
func (o Options) NoNewAccessResource(old, new *policy.Policy) (Result, error) {
	return o.compare(eval.PolicySet{Resource: old}, eval.PolicySet{Resource: new}, true, nil)
}

// NoNewAccessSet compares two whole policy sets with the zero Options: see
// Options.NoNewAccessSet.
func NoNewAccessSet(old, new eval.PolicySet) (Result, error) {
	return Options{}.NoNewAccessSet(old, new)
}

// NoNewAccessSet reports whether the policy set new allows a request that old does not: a
// change to an identity policy, a permissions boundary, a session policy, an SCP or RCP level,
// or the resource policy. When either set has a resource policy, callers of other accounts,
// services and anonymous callers are considered too (as in NoNewAccessResource, without the
// allow-everything identity variant: the sets' own identity policies are used).
func (o Options) NoNewAccessSet(old, new eval.PolicySet) (Result, error) {
	return o.compare(old, new, false, nil)
}

// Equivalent reports with the zero Options whether two identity-based policies allow exactly
// the same requests: see Options.Equivalent.
func Equivalent(a, b *policy.Policy) (Result, error) { return Options{}.Equivalent(a, b) }

// Equivalent reports whether two identity-based policies allow exactly the same requests:
// NoNewAccess in both directions. Witnesses allowed by a and not by b have Reverse set.
func (o Options) Equivalent(a, b *policy.Policy) (Result, error) {
	return o.EquivalentSet(eval.PolicySet{Identity: nonNil(a)}, eval.PolicySet{Identity: nonNil(b)})
}

// EquivalentSet is Equivalent for whole policy sets.
func (o Options) EquivalentSet(a, b eval.PolicySet) (Result, error) {
	start := time.Now()
	ab, err := o.NoNewAccessSet(a, b)
	if err != nil {
		return Result{}, err
	}
	ba, err := o.NoNewAccessSet(b, a)
	if err != nil {
		return Result{}, err
	}
	for i := range ba.Witnesses {
		ba.Witnesses[i].Reverse = true
	}
	r := Result{Requests: ab.Requests + ba.Requests, Elapsed: time.Since(start)}
	r.Witnesses = append(ab.Witnesses, ba.Witnesses...)
	r.Incomplete = append(ab.Incomplete, ba.Incomplete...)
	switch {
	case len(r.Witnesses) > 0:
		r.Verdict = Fail
	case ab.Verdict == Pass && ba.Verdict == Pass:
		r.Verdict = Pass
	default:
		r.Reason = ab.Reason
		if r.Reason == "" {
			r.Reason = ba.Reason
		}
	}
	return r, nil
}

func nonNil(p *policy.Policy) []*policy.Policy {
	if p == nil {
		return nil
	}
	return []*policy.Policy{p}
}

// ErrBadArgument reports arguments the comparison cannot use (an unknown resource type, an
// empty action and resource list).
var ErrBadArgument = errors.New("compare: bad argument")

// AccessNotGranted reports with the zero Options whether p allows any of the actions on any of
// the resources: see Options.AccessNotGranted.
func AccessNotGranted(p *policy.Policy, actions, resources []string) (Result, error) {
	return Options{}.AccessNotGranted(p, actions, resources)
}

// AccessNotGranted reports whether p allows at least one of the actions (patterns) on at least
// one of the resources (patterns), with IAM Access Analyzer's reading: actions only means on
// any resource, resources only means any action. Pass means p grants none of it; Fail comes
// with a request p allows. p is read as a resource-based policy when a statement names a
// Principal, else as an identity-based policy.
func (o Options) AccessNotGranted(p *policy.Policy, actions, resources []string) (Result, error) {
	if len(actions) == 0 && len(resources) == 0 {
		return Result{}, fmt.Errorf("%w: AccessNotGranted needs actions or resources", ErrBadArgument)
	}
	resourcePolicy := hasPrincipal(p)
	prin := ""
	if resourcePolicy {
		prin = `"Principal":"*",`
	}
	// The old side allows everything outside actions × resources: the new side's extra access
	// is exactly what it grants inside.
	var stmts []string
	if len(actions) > 0 {
		stmts = append(stmts, fmt.Sprintf(`{"Effect":"Allow",%s"NotAction":%s,"Resource":"*"}`, prin, jsonList(actions)))
	}
	if len(resources) > 0 {
		stmts = append(stmts, fmt.Sprintf(`{"Effect":"Allow",%s"Action":"*","NotResource":%s}`, prin, jsonList(resources)))
	}
	doc := `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	outside, err := policy.Options{Name: "<everything outside the actions and resources>"}.Parse([]byte(doc))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBadArgument, err)
	}
	if resourcePolicy {
		return o.compare(eval.PolicySet{Resource: outside}, eval.PolicySet{Resource: p}, true, nil)
	}
	return o.compare(eval.PolicySet{Identity: []*policy.Policy{outside}}, eval.PolicySet{Identity: []*policy.Policy{p}}, false, nil)
}

func jsonList(xs []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q", x)
	}
	b.WriteByte(']')
	return b.String()
}

func hasPrincipal(p *policy.Policy) bool {
	if p == nil {
		return false
	}
	for i := range p.Statements {
		if p.Statements[i].Principal != nil || p.Statements[i].NotPrincipal != nil {
			return true
		}
	}
	return false
}

// restrictingKeys are the context keys that tie a request to the resource owner's organization,
// network or account; NoPublicAccess gives callers outside the account none of the values the
// policy names for them.
var restrictingKeys = []string{
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:vpcsourceip", "aws:userid",
}

// NoPublicAccess reports with the zero Options whether a resource policy makes the resource
// public: see Options.NoPublicAccess.
func NoPublicAccess(resourcePolicy *policy.Policy, resourceType string) (Result, error) {
	return Options{}.NoPublicAccess(resourcePolicy, resourceType)
}

// NoPublicAccess reports whether the resource policy of a resource of resourceType (in
// Options.Account) allows any caller outside every account the policy names, or an anonymous
// caller, to do anything on it. resourceType is a CloudFormation type such as AWS::S3::Bucket,
// a "service:type" pair such as s3:bucket, or a service prefix. Such a caller carries none of
// the values the policy names for the keys that restrict callers (aws:PrincipalOrgID,
// aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceOwner,
// aws:SourceVpc, aws:SourceVpce, aws:SourceIp, aws:VpcSourceIp, aws:userid); every other key may
// take any value. Fail comes with a witness request by such a caller that the policy allows.
func (o Options) NoPublicAccess(resourcePolicy *policy.Policy, resourceType string) (Result, error) {
	o = o.withDefaults()
	svc := serviceOf(resourceType)
	if svc == "" || o.Catalog.Service(svc) == nil {
		return Result{}, fmt.Errorf("%w: unknown resource type %q", ErrBadArgument, resourceType)
	}
	scope := o.Catalog.Expand(svc + ":*")
	return o.compare(eval.PolicySet{}, eval.PolicySet{Resource: resourcePolicy}, true, &publicScope{actions: scope})
}

// serviceOf reads a resource type: AWS::S3::Bucket, s3:bucket or s3.
func serviceOf(t string) string {
	if strings.HasPrefix(t, "AWS::") {
		parts := strings.Split(t, "::")
		if len(parts) == 3 {
			return strings.ToLower(parts[1])
		}
		return ""
	}
	svc, _, _ := strings.Cut(t, ":")
	return strings.ToLower(svc)
}

type publicScope struct {
	actions catalog.Set
}

// sortMatches orders statements for stable output.
func sortMatches(ms []eval.Match) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Kind != ms[j].Kind {
			return ms[i].Kind < ms[j].Kind
		}
		return ms[i].StatementIndex < ms[j].StatementIndex
	})
}
