package account

import (
	"time"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// Kind says what a principal of the model is.
type Kind uint8

// Principal kinds. The zero value is invalid.
const (
	KindInvalid Kind = iota
	KindUser         // an IAM user
	KindRole         // an IAM role (questions about it are about its sessions)
)

// String returns "user", "role" or "invalid".
func (k Kind) String() string {
	switch k {
	case KindUser:
		return "user"
	case KindRole:
		return "role"
	}
	return "invalid"
}

// Tag is a user's or role's tag, a session's tag, or an aws:PrincipalTag/KEY value.
type Tag struct{ Key, Value string }

// ManagedPolicy is a managed policy: customer managed (from an export) or AWS managed (from an
// export or the managed-policy directory). Only its default version is kept (E7.1). It is
// parsed once and shared by every principal it is attached to.
type ManagedPolicy struct {
	ARN            string
	Name           string
	Path           string
	DefaultVersion string // "v3"; "" when the policy came from the managed-policy directory
	AWSManaged     bool   // arn:PARTITION:iam::aws:policy/...
	// Source says where the document was read: FILE:LINE:COL of the default version in an
	// export, or the file of the managed-policy directory.
	Source string
	// Policy is the parsed default version; its Name is the ARN.
	Policy *policy.Policy
}

// InlinePolicy is a policy embedded in a user, group or role. Its Policy.Name is the owner's
// ARN, a slash and the policy name: arn:aws:iam::1:user/alice/ReadReports.
type InlinePolicy struct {
	Owner  string // ARN of the user, group or role
	Name   string
	Policy *policy.Policy
}

// Group is an IAM group: its members get its inline and attached policies (E7.1). Groups are
// never principals (P4.13).
type Group struct {
	ARN, Name, Path, ID, Account string
	Inline                       []*InlinePolicy
	Attached                     []*ManagedPolicy
	// Missing lists the managed policies attached to the group that no input holds.
	Missing []string
}

// Principal is an IAM user or role of the model, with every policy AWS combines for it
// (E7.1): for a user its inline and attached policies and those of each of its groups, for a
// role its inline and attached policies; the permissions boundary; the role's trust policy;
// and the SCPs of its account's organization path (E7.9).
type Principal struct {
	Kind    Kind
	ARN     string
	Name    string
	Path    string
	ID      string // unique ID: AIDA... for users, AROA... for roles
	Account string
	Created time.Time
	Tags    []Tag
	Groups  []*Group // users only
	Inline  []*InlinePolicy
	// Attached are the managed policies attached to the principal itself (not via groups).
	Attached []*ManagedPolicy
	Boundary *ManagedPolicy // nil when none
	// BoundaryARN is the boundary's ARN even when the policy is missing.
	BoundaryARN string
	// Trust is a role's trust policy, its resource policy for sts:AssumeRole* (S9.1).
	Trust *policy.Policy
	// Missing lists what the model lacks to answer for this principal with certainty: managed
	// policies (or a boundary) attached but found in no input, groups not in the export. A
	// principal with anything missing is uncertain: its answers never say Allow (C5.0).
	Missing []string

	idx      int32
	identity []*policy.Policy // assembled identity policies, in E7.1 order
	acct     *Account
	ev       *eval.Evaluator // identity + boundary + SCPs + RCPs of its own account
	baseCtx  []condition.Entry
	trustRP  *ResourcePolicy // the trust policy as a resource policy (roles)
	hasCond  bool            // some identity, boundary or SCP statement has a condition
}

// Uncertain reports whether the model lacks some of the principal's policies.
func (p *Principal) Uncertain() bool { return len(p.Missing) > 0 }

// Identity returns the principal's identity policies as AWS combines them: inline, attached,
// then each group's inline and attached (E7.1). The slice must not be modified.
func (p *Principal) Identity() []*policy.Policy { return p.identity }

// IsServiceLinked reports whether the principal is a service-linked role (path
// /aws-service-role/), which SCPs and RCPs do not restrict (E7.9, E7.10).
func (p *Principal) IsServiceLinked() bool {
	return p.Kind == KindRole && len(p.Path) >= len("/aws-service-role/") && p.Path[:len("/aws-service-role/")] == "/aws-service-role/"
}

// Account is one AWS account of the model.
type Account struct {
	ID     string
	Users  []*Principal
	Roles  []*Principal
	Groups []*Group
	// Files are the export files the account was read from.
	Files []string
	// InOrganization is true when the organization input lists the account.
	InOrganization bool
	// Management is true for the organization's management account, whose principals SCPs do
	// not restrict and whose resources RCPs do not restrict (E7.9, E7.10).
	Management bool
	// OrgPath is the account's aws:PrincipalOrgPaths value, o-ID/r-ID/ou-ID/.../ ("" outside
	// an organization).
	OrgPath string
	// SCP and RCP hold the organization's policies of each level from the root to the account,
	// root first (nil when the type does not apply).
	SCP, RCP [][]*policy.Policy

	groups map[string]*Group // by name
}

// ResourcePolicy is a resource-based policy read from the resource-policy inputs (a role's
// trust policy comes from the export instead).
type ResourcePolicy struct {
	ARN     string
	Account string // owning account: the ARN's, or the file's ResourceAccount (S3)
	Source  string // FILE
	Policy  *policy.Policy
}
