package eval

import (
	"fmt"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// Role describes an IAM role: its ARN (with its path), its trust policy, its identity-based
// policies and its permissions boundary.
type Role struct {
	ARN      string
	Trust    *policy.Policy
	Identity []*policy.Policy
	Boundary []*policy.Policy
}

// Session is a role session created by sts:AssumeRole, AssumeRoleWithWebIdentity or
// AssumeRoleWithSAML.
type Session struct {
	// Principal is the session's ARN, arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION: the
	// role's account, no role path (S9.3).
	Principal string
	// RoleARN is the role's full ARN, the session's aws:PrincipalArn (S9.2).
	RoleARN string
	// Set holds the policies in force for requests made with the session: the role's identity
	// policies and boundary, and the session policies passed when it was created (S9.4).
	Set PolicySet
}

// TrustSet returns the policy set that decides whether callerIdentity's owner may assume the
// role: the trust policy as the resource policy and the caller's own identity policies (S9.1,
// E7.7). Decide it with a Request whose Action is sts:AssumeRole (or ...WithWebIdentity,
// ...WithSAML) and whose Resource is r.ARN.
func (r Role) TrustSet(callerIdentity ...*policy.Policy) PolicySet {
	return PolicySet{Identity: callerIdentity, Resource: r.Trust}
}

// AssumeRole returns the session named sessionName of the role, narrowed by the session
// policies passed at creation (which never add permissions, S9.4).
func (r Role) AssumeRole(sessionName string, sessionPolicies ...*policy.Policy) (Session, error) {
	a, err := arn.Parse(r.ARN)
	if err != nil {
		return Session{}, err
	}
	if !a.IsRole() {
		return Session{}, fmt.Errorf("eval: %q is not a role ARN", r.ARN)
	}
	if sessionName == "" {
		return Session{}, fmt.Errorf("eval: empty session name")
	}
	s := Session{
		Principal: "arn:" + a.Partition + ":sts::" + a.Account + ":assumed-role/" + a.Name() + "/" + sessionName,
		RoleARN:   r.ARN,
		Set:       PolicySet{Identity: r.Identity, Boundary: r.Boundary, Session: sessionPolicies},
	}
	return s, nil
}

// Request builds a request made with the session, carrying aws:PrincipalArn so that Principal
// elements naming the role match (P4.3).
func (s Session) Request(action, resource, resourceAccount string, ctx ...condition.Entry) Request {
	keys := append([]condition.Entry{{Key: "aws:PrincipalArn", Values: []string{s.RoleARN}}}, ctx...)
	return Request{Principal: s.Principal, Action: action, Resource: resource, ResourceAccount: resourceAccount, Context: keys}
}
