package escalate

import (
	"fmt"

	"github.com/iamgo/iam/account"
)

// InstanceProfiles reads the roles that have an instance profile from one
// get-account-authorization-details export (RoleDetailList[].InstanceProfileList), and adds
// them to into (role ARN → true). The account model does not keep instance profiles; the
// EC2 techniques need them. A document that is not such an export, or that account.Load
// would reject for its JSON (a key given twice, invalid UTF-8, ...), is an error.
func InstanceProfiles(export []byte, into map[string]bool) error {
	facts, err := account.ReadExportFacts(account.File{Name: "export", Data: export})
	if err != nil {
		return fmt.Errorf("escalate: reading instance profiles: %w", err)
	}
	for role, n := range facts.InstanceProfiles {
		if n > 0 {
			into[role] = true
		}
	}
	return nil
}

// PolicyVersions reads how many versions each customer managed policy has from one
// get-account-authorization-details export (Policies[].PolicyVersionList), and adds them to
// into (policy ARN → count). The account model keeps only default versions; a policy has at
// most five, and iam:CreatePolicyVersion on a policy with five needs iam:DeletePolicyVersion
// first. A policy counted twice (in this export or an earlier one) keeps the larger count,
// the one that asks more of iam:CreatePolicyVersion. The export is checked as by
// InstanceProfiles.
func PolicyVersions(export []byte, into map[string]int) error {
	facts, err := account.ReadExportFacts(account.File{Name: "export", Data: export})
	if err != nil {
		return fmt.Errorf("escalate: reading policy versions: %w", err)
	}
	for p, n := range facts.PolicyVersions {
		if prev, ok := into[p]; !ok || n > prev {
			into[p] = n
		}
	}
	return nil
}
