package arn

import "strings"

// IsRoot reports whether a names an account's root user: arn:PARTITION:iam::ACCOUNT:root.
func (a ARN) IsRoot() bool { return a.Service == "iam" && a.Resource == "root" && a.Account != "" }

// IsUser reports whether a names an IAM user: arn:PARTITION:iam::ACCOUNT:user/[PATH/]NAME.
func (a ARN) IsUser() bool {
	return a.Service == "iam" && strings.HasPrefix(a.Resource, "user/") && lastElem(a.Resource) != ""
}

// IsRole reports whether a names an IAM role: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME.
func (a ARN) IsRole() bool {
	return a.Service == "iam" && strings.HasPrefix(a.Resource, "role/") && lastElem(a.Resource) != ""
}

// IsAssumedRole reports whether a names a role session:
// arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION. The role path is never part of it.
func (a ARN) IsAssumedRole() bool {
	if a.Service != "sts" || !strings.HasPrefix(a.Resource, "assumed-role/") {
		return false
	}
	rest := a.Resource[len("assumed-role/"):]
	i := strings.IndexByte(rest, '/')
	return i > 0 && i < len(rest)-1
}

// IsFederatedUser reports whether a names a federated-user session created with
// GetFederationToken: arn:PARTITION:sts::ACCOUNT:federated-user/NAME.
func (a ARN) IsFederatedUser() bool {
	return a.Service == "sts" && strings.HasPrefix(a.Resource, "federated-user/") && len(a.Resource) > len("federated-user/")
}

// Name returns the name an ARN gives its principal: the user or role name without its path for
// users and roles, the role name for an assumed-role session, the federated user's name, and ""
// for anything else (including the root user).
func (a ARN) Name() string {
	switch {
	case a.IsUser(), a.IsRole():
		return lastElem(a.Resource)
	case a.IsAssumedRole():
		rest := a.Resource[len("assumed-role/"):]
		return rest[:strings.IndexByte(rest, '/')]
	case a.IsFederatedUser():
		return a.Resource[len("federated-user/"):]
	}
	return ""
}

// SessionName returns the session part of an assumed-role ARN, or "" for other ARNs.
func (a ARN) SessionName() string {
	if !a.IsAssumedRole() {
		return ""
	}
	rest := a.Resource[len("assumed-role/"):]
	return rest[strings.IndexByte(rest, '/')+1:]
}

// SessionRole returns the ARN of the role behind an assumed-role session ARN,
// arn:PARTITION:iam::ACCOUNT:role/ROLE. The session ARN carries no role path, so the result has
// none either: callers that know the role's real ARN (aws:PrincipalArn) should prefer it.
func (a ARN) SessionRole() (ARN, bool) {
	if !a.IsAssumedRole() {
		return ARN{}, false
	}
	return ARN{Partition: a.Partition, Service: "iam", Account: a.Account, Resource: "role/" + a.Name()}, true
}

func lastElem(s string) string {
	return s[strings.LastIndexByte(s, '/')+1:]
}
