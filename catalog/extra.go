package catalog

import "github.com/iamgo/iam/internal/ascii"

// ExtraKey is a condition key that neither the Service Authorization Reference snapshot of this
// catalog nor the global key table lists, but that AWS's own policies use.
type ExtraKey struct {
	Name string
	Type Type // the type AWS documents; for an undocumented key, the type its use implies
	// Documented is true when an AWS page gives the key and its type; Source names the page. When
	// it is false, Source names the AWS managed policies that use the key, and no AWS page
	// describes it: KeyType does not return such a key.
	Documented bool
	Source     string
}

// extraKeys supplements the catalog with the condition keys that AWS managed policies use and
// the catalog lacks. Each entry says where the key comes from.
var extraKeys = []ExtraKey{
	// AWS DeepRacer has left the Service Authorization Reference, and its keys with it. Its page
	// "Actions, resources, and condition keys for AWS DeepRacer" (list_awsdeepracer.html) gave
	// both keys, with the DeepRacer developer guide's "reference_policies_iam-condition-keys"
	// anchors condition-keys-usertoken and condition-keys-multiuser: deepracer:UserToken is a
	// String (the user token of the request), deepracer:MultiUser a Bool (the multi-user flag).
	// The managed policies AWSDeepRacerAccountAdminAccess and AWSDeepRacerDefaultMultiUserAccess
	// use them.
	{Name: "deepracer:UserToken", Type: String, Documented: true, Source: "Service Authorization Reference, AWS DeepRacer (list_awsdeepracer.html)"},
	{Name: "deepracer:MultiUser", Type: Bool, Documented: true, Source: "Service Authorization Reference, AWS DeepRacer (list_awsdeepracer.html)"},

	// Neither key is on any AWS page: not among the global condition keys of the IAM user guide,
	// not among Lake Formation's keys in the Service Authorization Reference, nor in the service
	// guides. AWS uses each in one policy of its own services' roles; the type is the one its
	// operators imply.
	{Name: "aws:PrincipalOrgMasterAccountId", Type: String, Source: "AWSSSOServiceRolePolicy (the IAM Identity Center service-linked role)"},
	{Name: "lakeformation:GlueARN", Type: ARN, Source: "AmazonDataZoneGlueManageAccessRolePolicy (an Amazon DataZone service role)"},
}

// ExtraKeys returns the supplementary condition keys. The slice must not be modified.
func ExtraKeys() []ExtraKey { return extraKeys }

// Extra returns the supplementary key matching key, compared without case, or nil.
func Extra(key string) *ExtraKey {
	for i := range extraKeys {
		if ascii.EqualFold(extraKeys[i].Name, key) {
			return &extraKeys[i]
		}
	}
	return nil
}
