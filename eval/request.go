package eval

import (
	"github.com/iamgo/iam/condition"
)

// Request is one authorization question.
type Request struct {
	// Principal is the caller: an ARN (user, role session, federated user, account root, or a
	// role ARN standing for a session of that role), a service principal such as
	// "s3.amazonaws.com", "federated:NAME" for an identity provider calling
	// sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML, or "anonymous".
	Principal string
	// Action is service:Action, compared without case.
	Action string
	// Resource is the resource ARN, or "*" for actions without resource-level permissions.
	Resource string
	// ResourceAccount is the account that owns the resource. When empty, the ARN's account field
	// is used; when that is empty too (S3), the request is evaluated as cross-account (X8.3).
	ResourceAccount string
	// Context holds the request context keys (names compare without case). A role session's
	// request should carry aws:PrincipalArn (the role ARN, with its path).
	Context []condition.Entry
}

// Decision is the answer to a request.
type Decision uint8

const (
	// ImplicitDeny: nothing allowed the request (the default).
	ImplicitDeny Decision = iota
	// Allow: the request is allowed.
	Allow
	// ExplicitDeny: a Deny statement applies.
	ExplicitDeny
)

// String returns "ImplicitDeny", "Allow" or "ExplicitDeny", the spelling of the scenario format.
func (d Decision) String() string {
	switch d {
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "ImplicitDeny"
}

// ParseDecision reads the spelling String returns.
func ParseDecision(s string) (Decision, bool) {
	switch s {
	case "Allow":
		return Allow, true
	case "ExplicitDeny":
		return ExplicitDeny, true
	case "ImplicitDeny":
		return ImplicitDeny, true
	}
	return ImplicitDeny, false
}
