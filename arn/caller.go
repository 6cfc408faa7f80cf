package arn

import (
	"fmt"
	"strings"
)

// PrincipalKind says what kind of caller a principal string names.
type PrincipalKind uint8

// The kinds of callers a request can come from (SEMANTICS S9.2).
const (
	PrincipalUnknown       PrincipalKind = iota // not a principal ParsePrincipal knows
	PrincipalRoot                               // arn:P:iam::ACCOUNT:root, the account's root user
	PrincipalUser                               // arn:P:iam::ACCOUNT:user/[PATH/]NAME
	PrincipalRole                               // arn:P:iam::ACCOUNT:role/[PATH/]NAME
	PrincipalAssumedRole                        // arn:P:sts::ACCOUNT:assumed-role/ROLE/SESSION
	PrincipalFederatedUser                      // arn:P:sts::ACCOUNT:federated-user/NAME
	PrincipalService                            // a service principal such as s3.amazonaws.com
	PrincipalFederated                          // federated:PROVIDER, an identity provider (web identity, SAML)
	PrincipalAnonymous                          // "anonymous", an unauthenticated caller
)

var principalKindNames = [...]string{"unknown", "root", "user", "role", "assumed-role", "federated-user", "service", "federated", "anonymous"}

// String returns the kind's name: root, user, role, assumed-role, federated-user, service,
// federated, anonymous or unknown.
func (k PrincipalKind) String() string {
	if int(k) < len(principalKindNames) {
		return principalKindNames[k]
	}
	return fmt.Sprintf("PrincipalKind(%d)", uint8(k))
}

// Anonymous is the principal of unauthenticated requests.
const Anonymous = "anonymous"

// Principal is a caller classified by ParsePrincipal. Fields that do not apply to its kind are
// empty.
type Principal struct {
	Kind      PrincipalKind
	ARN       ARN    // the parsed ARN, for the ARN kinds
	Partition string // aws, aws-cn, ...
	Account   string // the 12-digit account
	Path      string // users and roles: "/" or "/division/team/"
	Name      string // user, role (of a session too), federated-user name, service or provider name
	Session   string // assumed-role sessions: the session name
}

// ParsePrincipal classifies a caller: an IAM user, role or root ARN, an assumed-role or
// federated-user session ARN, a service principal (name.amazonaws.com), federated:PROVIDER for
// an identity provider, or "anonymous". It does not judge names beyond their shape; the
// evaluator's request checks (eval.Request.Validate) are stricter.
func ParsePrincipal(s string) (Principal, error) {
	switch {
	case s == Anonymous:
		return Principal{Kind: PrincipalAnonymous}, nil
	case strings.HasPrefix(s, "federated:"):
		if len(s) == len("federated:") {
			return Principal{}, &ParseError{Input: s, Offset: len(s), Reason: "expected federated:PROVIDER"}
		}
		return Principal{Kind: PrincipalFederated, Name: s[len("federated:"):]}, nil
	case !strings.HasPrefix(s, "arn:"):
		if i := strings.IndexByte(s, '.'); i > 0 && i < len(s)-1 && !strings.ContainsAny(s, ":/ ") {
			return Principal{Kind: PrincipalService, Name: s}, nil
		}
		return Principal{}, &ParseError{Input: s, Reason: "expected an IAM or STS ARN, a service principal, federated:PROVIDER or anonymous"}
	}
	a, err := Parse(s)
	if err != nil {
		return Principal{}, err
	}
	p := Principal{ARN: a, Partition: a.Partition, Account: a.Account}
	switch {
	case a.IsRoot():
		p.Kind = PrincipalRoot
	case a.IsUser(), a.IsRole():
		p.Kind = PrincipalUser
		if a.IsRole() {
			p.Kind = PrincipalRole
		}
		rest := a.Resource[strings.IndexByte(a.Resource, '/'):]
		p.Path, p.Name = rest[:strings.LastIndexByte(rest, '/')+1], a.Name()
	case a.IsAssumedRole():
		p.Kind, p.Name, p.Session = PrincipalAssumedRole, a.Name(), a.SessionName()
	case a.IsFederatedUser():
		p.Kind, p.Name = PrincipalFederatedUser, a.Name()
	default:
		return Principal{}, &ParseError{Input: s, Offset: len(s) - len(a.Resource), Reason: "expected root, user/NAME, role/NAME (iam) or assumed-role/ROLE/SESSION, federated-user/NAME (sts)"}
	}
	if a.Region != "" {
		return Principal{}, &ParseError{Input: s, Reason: "IAM and STS principals have no region"}
	}
	return p, nil
}

// String returns the principal as ParsePrincipal reads it.
func (p Principal) String() string {
	switch p.Kind {
	case PrincipalAnonymous:
		return Anonymous
	case PrincipalFederated:
		return "federated:" + p.Name
	case PrincipalService:
		return p.Name
	case PrincipalUnknown:
		return ""
	}
	return p.ARN.String()
}

// Root returns the ARN of account's root user in the aws partition.
func Root(account string) string { return "arn:aws:iam::" + account + ":root" }

// User returns the ARN of an IAM user in the aws partition. path is "" or "/" for none, or
// "/division/team/".
func User(account, path, name string) string {
	return "arn:aws:iam::" + account + ":user" + cleanPath(path) + name
}

// Role returns the ARN of an IAM role in the aws partition (path as for User).
func Role(account, path, name string) string {
	return "arn:aws:iam::" + account + ":role" + cleanPath(path) + name
}

// AssumedRole returns the ARN of a session of role (its name, without path) in the aws
// partition, as STS writes it (S9.3).
func AssumedRole(account, role, session string) string {
	return "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session
}

// FederatedUser returns the ARN of a GetFederationToken session in the aws partition.
func FederatedUser(account, name string) string {
	return "arn:aws:sts::" + account + ":federated-user/" + name
}

// Federated returns the principal of an identity provider calling sts:AssumeRoleWithWebIdentity
// or sts:AssumeRoleWithSAML, as requests name it: federated:PROVIDER (cognito-identity.amazonaws.com,
// accounts.google.com, or an IdP ARN).
func Federated(provider string) string { return "federated:" + provider }

func cleanPath(path string) string {
	if path == "" {
		return "/"
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	if !strings.HasSuffix(path, "/") {
		path += "/"
	}
	return path
}
