package escalate

import (
	"encoding/json"
	"fmt"
)

// InstanceProfiles reads the roles that have an instance profile from one
// get-account-authorization-details export (RoleDetailList[].InstanceProfileList), and adds
// them to into (role ARN → true). The account model does not keep instance profiles; the
// EC2 techniques need them. A document that is not such an export is an error.
func InstanceProfiles(export []byte, into map[string]bool) error {
	var doc struct {
		RoleDetailList []struct {
			Arn                 string
			InstanceProfileList []json.RawMessage
		}
	}
	if err := json.Unmarshal(export, &doc); err != nil {
		return fmt.Errorf("escalate: reading instance profiles: %w", err)
	}
	for _, r := range doc.RoleDetailList {
		if len(r.InstanceProfileList) > 0 && r.Arn != "" {
			into[r.Arn] = true
		}
	}
	return nil
}

// PolicyVersions reads how many versions each customer managed policy has from one
// get-account-authorization-details export (Policies[].PolicyVersionList), and adds them to
// into (policy ARN → count). The account model keeps only default versions; a policy has at
// most five, and iam:CreatePolicyVersion on a policy with five needs iam:DeletePolicyVersion
// first.
func PolicyVersions(export []byte, into map[string]int) error {
	var doc struct {
		Policies []struct {
			Arn               string
			PolicyVersionList []json.RawMessage
		}
	}
	if err := json.Unmarshal(export, &doc); err != nil {
		return fmt.Errorf("escalate: reading policy versions: %w", err)
	}
	for _, p := range doc.Policies {
		if p.Arn != "" {
			into[p.Arn] = len(p.PolicyVersionList)
		}
	}
	return nil
}
