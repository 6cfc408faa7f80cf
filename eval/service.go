package eval

import (
	"strings"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/arn"
)

// Service rules: documented behaviours of individual AWS services that no policy can change.

// alwaysAllowed reports the actions every authenticated IAM principal may call whatever its
// policies say: sts:GetCallerIdentity ("No permissions are required to perform this operation",
// even with an explicit deny; AWS STS API reference).
func alwaysAllowed(c *caller, action string) bool {
	return len(action) == len("sts:GetCallerIdentity") && c.iam() && strings.EqualFold(action, "sts:GetCallerIdentity")
}

var reservedRoleActions = []string{
	"iam:AttachRolePolicy", "iam:CreateRole", "iam:CreateServiceLinkedRole", "iam:DeleteRole",
	"iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy", "iam:DeleteServiceLinkedRole",
	"iam:DetachRolePolicy", "iam:PassRole", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy",
	"iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription",
}

var managedPolicyActions = []string{
	"iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion",
	"iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
}

var kmsAliasActions = []string{"kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"}

func hasFold(list []string, s string) bool {
	for _, x := range list {
		if ascii.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// serviceDenied returns why (whyNone if not) when a service forbids the request whatever the policies say:
//   - AWS managed policies (arn:PARTITION:iam::aws:policy/...) cannot be created, changed,
//     tagged or deleted by customers (IAM user guide, "AWS managed policies");
//   - roles under the /aws-reserved/ path (IAM Identity Center permission-set roles) can only be
//     changed by the service (IAM Identity Center user guide);
//   - KMS aliases beginning with alias/aws/ are reserved for AWS managed keys and cannot be
//     created, updated or deleted (AWS KMS developer guide, "Aliases").
func serviceDenied(action, resource string) why {
	if !strings.HasPrefix(resource, "arn:") || !(strings.Contains(resource, ":iam::") || strings.Contains(resource, ":kms:")) {
		return whyNone
	}
	a, err := arn.Parse(resource)
	if err != nil {
		return whyNone
	}
	switch {
	case a.Service == "iam" && a.Account == "aws" && strings.HasPrefix(a.Resource, "policy/") && hasFold(managedPolicyActions, action):
		return whyManagedPolicy
	case a.Service == "iam" && strings.HasPrefix(a.Resource, "role/aws-reserved/") && hasFold(reservedRoleActions, action):
		return whyReservedRole
	case a.Service == "kms" && strings.HasPrefix(a.Resource, "alias/aws/") && hasFold(kmsAliasActions, action):
		return whyManagedKMSAlias
	}
	return whyNone
}

// resourcePolicyRequired reports the requests whose resource policy must itself allow the
// caller even in the same account: sts:AssumeRole* on a role (trust policy) and kms:* on a key
// (key policy) (E7.7).
func resourcePolicyRequired(action, resource string) bool {
	svc, _, _ := strings.Cut(action, ":")
	if len(svc) != 3 {
		return false
	}
	if strings.EqualFold(svc, "sts") {
		a, err := arn.Parse(resource)
		return err == nil && a.IsRole()
	}
	if strings.EqualFold(svc, "kms") {
		a, err := arn.Parse(resource)
		return err == nil && a.Service == "kms" && strings.HasPrefix(a.Resource, "key/")
	}
	return false
}
