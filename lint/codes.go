package lint

// Code is a finding's issue code. Codes that IAM Access Analyzer's ValidatePolicy also uses are
// spelled as Access Analyzer spells them (INVALID_ACTION, PASS_ROLE_WITH_STAR_IN_RESOURCE, ...);
// the few this package adds for rules of its own parser are listed under "Codes of our own".
type Code string

// Severity is a finding's finding type, as Access Analyzer names them. The zero value is not a
// severity.
type Severity uint8

// Severities, from the most to the least serious.
const (
	Error           Severity = 1 + iota // ERROR: AWS rejects the policy, or part of it does nothing
	SecurityWarning                     // SECURITY_WARNING: the policy grants more than it seems to
	Warning                             // WARNING: the policy does not follow the grammar's advice or best practice
	Suggestion                          // SUGGESTION: the policy can be simplified
)

var severityNames = [...]string{"", "ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"}

// String returns "ERROR", "SECURITY_WARNING", "WARNING" or "SUGGESTION".
func (s Severity) String() string {
	if s >= Error && s <= Suggestion {
		return severityNames[s]
	}
	return "INVALID"
}

// ParseSeverity is the inverse of Severity.String; ok is false for an unknown name.
func ParseSeverity(name string) (s Severity, ok bool) {
	for i, n := range severityNames {
		if i > 0 && n == name {
			return Severity(i), true
		}
	}
	return 0, false
}

// Access Analyzer's issue codes that this package reports. Grammar codes come from the
// policy package's findings (see Options.Lint), the others from the checks of this package.
const (
	// Grammar, from the policy package's parser and Policy.Check.
	JSONSyntaxError               Code = "JSON_SYNTAX_ERROR"
	InvalidPolicyElement          Code = "INVALID_POLICY_ELEMENT"
	DataTypeMismatch              Code = "DATA_TYPE_MISMATCH"
	InvalidVersion                Code = "INVALID_VERSION"
	InvalidEffect                 Code = "INVALID_EFFECT"
	MissingStatement              Code = "MISSING_STATEMENT"
	MissingEffect                 Code = "MISSING_EFFECT"
	MissingAction                 Code = "MISSING_ACTION"
	MissingResource               Code = "MISSING_RESOURCE"
	MissingPrincipal              Code = "MISSING_PRINCIPAL"
	UnsupportedElementCombination Code = "UNSUPPORTED_ELEMENT_COMBINATION"
	UnsupportedPrincipal          Code = "UNSUPPORTED_PRINCIPAL"
	InvalidPrincipalFormat        Code = "INVALID_PRINCIPAL_FORMAT"
	InvalidPrincipalKey           Code = "INVALID_PRINCIPAL_KEY"
	UnsupportedWildcardPrincipal  Code = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	InvalidConditionOperator      Code = "INVALID_CONDITION_OPERATOR"
	NullWithIfExists              Code = "NULL_WITH_IF_EXISTS"
	NullWithQualifier             Code = "NULL_WITH_QUALIFIER"
	InvalidConditionKeyFormat     Code = "INVALID_CONDITION_KEY_FORMAT"
	InvalidVariableForOperator    Code = "INVALID_VARIABLE_FOR_OPERATOR"
	MissingBraceInVariable        Code = "MISSING_BRACE_IN_VARIABLE"
	MissingQuoteInVariable        Code = "MISSING_QUOTE_IN_VARIABLE"
	EmptyVariable                 Code = "EMPTY_VARIABLE"
	VariableUnsupportedInElement  Code = "VARIABLE_UNSUPPORTED_IN_ELEMENT"
	VariableUnsupportedInVersion  Code = "VARIABLE_UNSUPPORTED_IN_VERSION"
	TypeMismatchBoolean           Code = "TYPE_MISMATCH_BOOLEAN"
	TypeMismatchDate              Code = "TYPE_MISMATCH_DATE"
	TypeMismatchIPRange           Code = "TYPE_MISMATCH_IP_RANGE"
	TypeMismatchNumber            Code = "TYPE_MISMATCH_NUMBER"
	TypeMismatchString            Code = "TYPE_MISMATCH_STRING"
	InvalidARNPrefix              Code = "INVALID_ARN_PREFIX"
	MissingARNField               Code = "MISSING_ARN_FIELD"
	InvalidARNResource            Code = "INVALID_ARN_RESOURCE"
	InvalidPartition              Code = "INVALID_PARTITION"
	WildcardInServiceName         Code = "WILDCARD_IN_SERVICE_NAME"
	UnsupportedSid                Code = "UNSUPPORTED_SID"
	UniqueSidsRequired            Code = "UNIQUE_SIDS_REQUIRED"
	UniqueSidsRecommended         Code = "UNIQUE_SIDS_RECOMMENDED"
	AllowWithNotPrincipal         Code = "ALLOW_WITH_NOT_PRINCIPAL"
	EmptyArrayAction              Code = "EMPTY_ARRAY_ACTION"
	EmptyArrayResource            Code = "EMPTY_ARRAY_RESOURCE"
	EmptyArrayPrincipal           Code = "EMPTY_ARRAY_PRINCIPAL"
	EmptyArrayCondition           Code = "EMPTY_ARRAY_CONDITION"
	EmptyArrayConditionForAll     Code = "EMPTY_ARRAY_CONDITION_FORALLVALUES"
	EmptyArrayConditionForAny     Code = "EMPTY_ARRAY_CONDITION_FORANYVALUE"
	EmptyArrayConditionIfExists   Code = "EMPTY_ARRAY_CONDITION_IFEXISTS"
	EmptyObjectCondition          Code = "EMPTY_OBJECT_CONDITION"
	EmptyObjectPrincipal          Code = "EMPTY_OBJECT_PRINCIPAL"
	PolicySizeIdentity            Code = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"
	PolicySizeResource            Code = "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"
	PolicySizeSCP                 Code = "POLICY_SIZE_EXCEEDS_SCP_QUOTA"
	SCPSyntaxErrorPrincipal       Code = "SCP_SYNTAX_ERROR_PRINCIPAL"

	// Document-level advice computed here.
	MissingVersion     Code = "MISSING_VERSION"
	EmptySidValue      Code = "EMPTY_SID_VALUE"
	InvalidRoleRef     Code = "INVALID_ROLE_REFERENCE"
	InvalidUserRef     Code = "INVALID_USER_REFERENCE"
	RedundantStatement Code = "REDUNDANT_STATEMENT"

	// Actions, from the catalog.
	InvalidService                          Code = "INVALID_SERVICE"
	InvalidServiceInAction                  Code = "INVALID_SERVICE_IN_ACTION"
	InvalidAction                           Code = "INVALID_ACTION"
	RedundantAction                         Code = "REDUNDANT_ACTION"
	InvalidARNAccount                       Code = "INVALID_ARN_ACCOUNT"
	InvalidARNServiceCase                   Code = "INVALID_ARN_SERVICE_CASE"
	ARNRegionNotAllowed                     Code = "ARN_REGION_NOT_ALLOWED"
	ARNAccountNotAllowed                    Code = "ARN_ACCOUNT_NOT_ALLOWED"
	MissingARNRegion                        Code = "MISSING_ARN_REGION"
	RedundantResource                       Code = "REDUNDANT_RESOURCE"
	PassRoleWithNotResource                 Code = "PASS_ROLE_WITH_NOT_RESOURCE"
	PassRoleWithStarInActionAndNotResource  Code = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
	PassRoleWithNotActionAndNotResource     Code = "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"
	PassRoleWithStarInResource              Code = "PASS_ROLE_WITH_STAR_IN_RESOURCE"
	PassRoleWithStarInActionAndResource     Code = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"
	PassRoleWithStarInResourceAndNotAction  Code = "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
	CreateSLRWithNotResource                Code = "CREATE_SLR_WITH_NOT_RESOURCE"
	CreateSLRWithStarInActionAndNotResource Code = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
	CreateSLRWithNotActionAndNotResource    Code = "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE"
	CreateSLRWithStarInResource             Code = "CREATE_SLR_WITH_STAR_IN_RESOURCE"
	CreateSLRWithStarInActionAndResource    Code = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"
	CreateSLRWithStarInResourceAndNotAction Code = "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"

	// Conditions, from the catalog and the global key table.
	InvalidConditionDataType      Code = "INVALID_CONDITION_DATA_TYPE"
	UnsupportedSpaceInVariable    Code = "UNSUPPORTED_SPACE_IN_VARIABLE"
	UnsupportedSymbolInVariable   Code = "UNSUPPORTED_SYMBOL_IN_VARIABLE"
	InvalidGlobalConditionKey     Code = "INVALID_GLOBAL_CONDITION_KEY"
	InvalidServiceConditionKey    Code = "INVALID_SERVICE_CONDITION_KEY"
	MissingTagKeyInCondition      Code = "MISSING_TAG_KEY_IN_CONDITION"
	DeprecatedGlobalConditionKey  Code = "DEPRECATED_GLOBAL_CONDITION_KEY"
	DuplicateKeysDifferentCase    Code = "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"
	TypeMismatch                  Code = "TYPE_MISMATCH"
	ForAllValuesSingleValuedKey   Code = "FORALLVALUES_WITH_SINGLE_VALUED_KEY"
	MissingQualifier              Code = "MISSING_QUALIFIER"
	InvalidConditionMultipleBool  Code = "INVALID_CONDITION_MULTIPLE_BOOLEAN"
	WildcardWithoutLikeOperator   Code = "WILDCARD_WITHOUT_LIKE_OPERATOR"
	InvalidDateValue              Code = "INVALID_DATE_VALUE"
	PrivateIPAddress              Code = "PRIVATE_IP_ADDRESS"
	PrivateNotIPAddress           Code = "PRIVATE_NOT_IP_ADDRESS"
	PrivateIPAddressSubset        Code = "PRIVATE_IP_ADDRESS_SUBSET"
	PrivateNotIPAddressSubset     Code = "PRIVATE_NOT_IP_ADDRESS_SUBSET"
	ImproveIPRange                Code = "IMPROVE_IP_RANGE"
	RedundantConditionValueNum    Code = "REDUNDANT_CONDITION_VALUE_NUM"
	MissingPairedConditionKeys    Code = "MISSING_PAIRED_CONDITION_KEYS"
	AllowUnsupportedTagKey        Code = "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	AllowNotActionUnsupportedTag  Code = "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	DenyUnsupportedTagKey         Code = "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	DenyNotActionUnsupportedTag   Code = "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	UnsupportedGlobalConditionKey Code = "UNSUPPORTED_GLOBAL_CONDITION_KEY"
	InvalidVPCFormat              Code = "INVALID_VPC_FORMAT"
	InvalidVPCEFormat             Code = "INVALID_VPCE_FORMAT"
	StringLikeWithARNKey          Code = "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS"
	UntrustworthyConditionKey     Code = "UNTRUSTWORTHY_CONDITION_KEY"
	DynamoDBAttributesNoSelect    Code = "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT"
	S3PrefixInNegativeContext     Code = "S3_PREFIX_IN_NEGATIVE_CONTEXT"
	EquivalentToNullFalse         Code = "EQUIVALENT_TO_NULL_FALSE"
	EquivalentToNullTrue          Code = "EQUIVALENT_TO_NULL_TRUE"
	RedundantKeyWildcard          Code = "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION"
	RedundantStatementWildcard    Code = "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION"
	MissingARNAccount             Code = "MISSING_ARN_ACCOUNT"
	UnsupportedActionForKey       Code = "UNSUPPORTED_ACTION_FOR_CONDITION_KEY"
	WildcardUsageTooPermissive    Code = "WILDCARD_USAGE_TOO_PERMISSIVE"
	SCPSyntaxErrorActionWildcard  Code = "SCP_SYNTAX_ERROR_ACTION_WILDCARD"

	// Policy kinds: role trust policies, resource control policies, resource-based policies.
	PolicySizeRCP                    Code = "POLICY_SIZE_EXCEEDS_RCP_QUOTA"
	PolicySizeRoleTrust              Code = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA"
	RCPSyntaxErrorPrincipal          Code = "RCP_SYNTAX_ERROR_PRINCIPAL"
	RCPSyntaxErrorAllow              Code = "RCP_SYNTAX_ERROR_ALLOW"
	RCPSyntaxErrorNotAction          Code = "RCP_SYNTAX_ERROR_NOTACTION"
	RCPSyntaxErrorAction             Code = "RCP_SYNTAX_ERROR_ACTION"
	RCPMissingPrincipalKey           Code = "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY"
	RCPMissingServicePrincipalKey    Code = "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY"
	RCPMissingNullCheck              Code = "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK"
	TrustSyntaxErrorNotPrincipal     Code = "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"
	TrustUnsupportedWildcard         Code = "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	TrustSyntaxErrorResource         Code = "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"
	InvalidFederatedPrincipalSyntax  Code = "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"
	MismatchedActionForPrincipal     Code = "MISMATCHED_ACTION_FOR_PRINCIPAL"
	MissingActionRolesAnywhere       Code = "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"
	MissingActionForConditionKey     Code = "MISSING_ACTION_FOR_CONDITION_KEY"
	MissingConditionKeyOIDCPrincipal Code = "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL"
	MissingGitHubRepoConditionKey    Code = "MISSING_GITHUB_REPO_CONDITION_KEY"
	SpecificGitHubRepoRecommended    Code = "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED"
	RedundantPrincipalInTrustPolicy  Code = "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY"
	FederatedPrincipalNotSupported   Code = "FEDERATED_PRINCIPAL_NOT_SUPPORTED"
	RestrictAccessToServicePrincipal Code = "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"
	RecommendedKeyForServicePrin     Code = "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"
)

// Codes of our own, for rules of this repository's parser that Access Analyzer has no code for,
// and for one catalog check Access Analyzer does not make.
const (
	DuplicateKey                 Code = "DUPLICATE_KEY"                          // a JSON key repeated in one object (policy: duplicate-key)
	InvalidCharacter             Code = "INVALID_CHARACTER"                      // character outside IAM's charset (policy: charset)
	IDInIdentityPolicy           Code = "ID_IN_IDENTITY_POLICY"                  // "Id" in an identity-type policy (policy: id)
	AllowPublicPrincipal         Code = "ALLOW_WITH_PUBLIC_PRINCIPAL"            // Allow with Principal "*" (policy: public)
	AllowWithNotAction           Code = "ALLOW_WITH_NOT_ACTION"                  // Allow with NotAction (policy: not-element)
	AllowWithNotResource         Code = "ALLOW_WITH_NOT_RESOURCE"                // Allow with NotResource (policy: not-element)
	RCPSyntaxError               Code = "RCP_SYNTAX_ERROR"                       // an RCP without "Version": "2012-10-17" (policy: rcp)
	TooManyFindings              Code = "TOO_MANY_FINDINGS"                      // the parser's list was truncated
	ConditionKeyNotSupported     Code = "CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS" // a service key none of the statement's actions supports
	ResourceTypeMismatch         Code = "RESOURCE_TYPE_MISMATCH"                 // an ARN that matches none of the resource types of the statement's actions
	ResourceNotSupportedByAction Code = "RESOURCE_NOT_SUPPORTED_BY_ACTION"       // an action that supports only "*" in a statement without "*"
	UndocumentedConditionKey     Code = "UNDOCUMENTED_CONDITION_KEY"             // a key AWS's own policies use but no AWS page describes (catalog.ExtraKeys)
)
