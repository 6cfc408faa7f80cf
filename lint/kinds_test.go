package lint

import (
	"strings"
	"testing"

	"github.com/iamgo/iam/policy"
)

// noCodeKind fails on a finding with one of codes when data is linted as a policy of kind.
func noCodeKind(t *testing.T, kind policy.Kind, data string, codes ...Code) {
	t.Helper()
	for _, f := range (Options{Kind: kind}).Lint([]byte(data)) {
		for _, c := range codes {
			if f.Code == c {
				t.Errorf("unexpected %s in %s", f, data)
			}
		}
	}
}

// trustStmt is an Allow statement of a role trust policy with the given Principal, Action and
// optional Condition JSON values.
func trustStmt(principal, action string, cond ...string) string {
	s := `{"Effect": "Allow", "Principal": ` + principal + `, "Action": ` + action
	if len(cond) > 0 {
		s += `, "Condition": ` + cond[0]
	}
	return s + `}`
}

const (
	samlARN   = `"arn:aws:iam::111122223333:saml-provider/Okta"`
	githubARN = `"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"`
	eksARN    = `"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF"`
)

func TestTrustPolicyChecks(t *testing.T) {
	tr := policy.KindTrust
	runCases(t, []lintCase{
		{check: "Error – Role trust policy syntax error notprincipal", kind: tr,
			doc:  doc(`{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}`),
			code: TrustSyntaxErrorNotPrincipal, sev: Error, path: "Statement[0].NotPrincipal"},
		{check: "Error – Role trust policy unsupported wildcard in principal", kind: tr,
			doc:  doc(trustStmt(`"*"`, `"sts:AssumeRole"`, `{"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}`)),
			code: TrustUnsupportedWildcard, sev: Error, path: "Statement[0].Principal"},
		{check: "Error – Role trust policy syntax error resource", kind: tr,
			doc:  doc(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}`),
			code: TrustSyntaxErrorResource, sev: Error, path: "Statement[0].Resource", msg: "remove Resource"},
		{check: "Error – Invalid federated principal syntax in role trust policy", kind: tr,
			doc:  doc(trustStmt(`{"Federated": "arn:aws:iam::111122223333:role/not-a-provider"}`, `"sts:AssumeRoleWithSAML"`)),
			code: InvalidFederatedPrincipalSyntax, sev: Error, path: "Statement[0].Principal.Federated"},
		{check: "Error – Invalid federated principal syntax in role trust policy (not a domain)", kind: tr,
			doc:  doc(trustStmt(`{"Federated": ["accounts.google.com", "my provider"]}`, `"sts:AssumeRoleWithWebIdentity"`, `{"StringEquals": {"accounts.google.com:aud": "x"}}`)),
			code: InvalidFederatedPrincipalSyntax, sev: Error, path: "Statement[0].Principal.Federated[1]", msg: `"my provider"`},
		{check: "Error – Mismatched action for principal (SAML provider, web identity)", kind: tr,
			doc:  doc(trustStmt(`{"Federated": `+samlARN+`}`, `"sts:AssumeRoleWithWebIdentity"`)),
			code: MismatchedActionForPrincipal, sev: Error, path: "Statement[0].Action", msg: "saml-provider/Okta"},
		{check: "Error – Mismatched action for principal (account, SAML)", kind: tr,
			doc:  doc(trustStmt(`{"AWS": "arn:aws:iam::111122223333:root"}`, `["sts:AssumeRole", "sts:AssumeRoleWithSAML"]`)),
			code: MismatchedActionForPrincipal, sev: Error, path: "Statement[0].Action[1]"},
		{check: "Error – Mismatched action for principal (OIDC provider, AssumeRole)", kind: tr,
			doc:  doc(trustStmt(`{"Federated": "cognito-identity.amazonaws.com"}`, `"sts:AssumeRole"`, `{"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:id"}}`)),
			code: MismatchedActionForPrincipal, sev: Error, path: "Statement[0].Action"},
		{check: "Error – Missing action for roles anywhere trust policy", kind: tr,
			doc:  doc(trustStmt(`{"Service": "rolesanywhere.amazonaws.com"}`, `["sts:AssumeRole", "sts:TagSession"]`)),
			code: MissingActionRolesAnywhere, sev: Error, path: "Statement[0].Principal.Service", msg: "add sts:SetSourceIdentity"},
		{check: "Error – Missing action for condition key (source identity)", kind: tr,
			doc:  doc(trustStmt(`{"AWS": "arn:aws:iam::111122223333:root"}`, `"sts:AssumeRole"`, `{"StringLike": {"sts:SourceIdentity": "admin-*"}}`)),
			code: MissingActionForConditionKey, sev: Error, path: "Statement[0].Condition.StringLike.sts:SourceIdentity", msg: "add sts:SetSourceIdentity"},
		{check: "Error – Missing action for condition key (session tags)", kind: tr,
			doc:  doc(trustStmt(`{"AWS": "arn:aws:iam::111122223333:root"}`, `"sts:AssumeRole"`, `{"StringEquals": {"aws:RequestTag/team": "blue"}}`)),
			code: MissingActionForConditionKey, sev: Error, msg: "add sts:TagSession"},
		{check: "Security Warning – Missing condition key for oidc principal", kind: tr,
			doc:  doc(trustStmt(`{"Federated": `+eksARN+`}`, `"sts:AssumeRoleWithWebIdentity"`)),
			code: MissingConditionKeyOIDCPrincipal, sev: SecurityWarning, path: "Statement[0].Principal.Federated", msg: "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF"},
		{check: "Security Warning – Missing github repo condition key", kind: tr,
			doc:  doc(trustStmt(`{"Federated": `+githubARN+`}`, `"sts:AssumeRoleWithWebIdentity"`, `{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}`)),
			code: MissingGitHubRepoConditionKey, sev: SecurityWarning, path: "Statement[0].Principal.Federated"},
		{check: "General Warning – Specific github repo and branch recommended", kind: tr,
			doc:  doc(trustStmt(`{"Federated": `+githubARN+`}`, `"sts:AssumeRoleWithWebIdentity"`, `{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/*"}}`)),
			code: SpecificGitHubRepoRecommended, sev: Warning, path: "Statement[0].Condition.StringLike.token.actions.githubusercontent.com:sub"},
		{check: "Suggestion – Redundant principal in role trust policy", kind: tr,
			doc:  doc(trustStmt(`{"AWS": ["arn:aws:iam::111122223333:role/path/Admin", "arn:aws:sts::111122223333:assumed-role/Admin/jane"]}`, `"sts:AssumeRole"`)),
			code: RedundantPrincipalInTrustPolicy, sev: Suggestion, path: "Statement[0].Principal.AWS[1]", msg: "role/path/Admin"},
		{check: "General Warning – Policy size exceeds role trust policy quota", kind: tr,
			doc:  doc(trustStmt(`{"AWS": [`+strings.Repeat(`"arn:aws:iam::111122223333:root",`, 80)+`"arn:aws:iam::111122223333:root"]}`, `"sts:AssumeRole"`)),
			code: PolicySizeRoleTrust, sev: Warning},
	})
	// Well-formed trust policies: nothing of the above.
	all := []Code{TrustSyntaxErrorNotPrincipal, TrustUnsupportedWildcard, TrustSyntaxErrorResource, InvalidFederatedPrincipalSyntax,
		MismatchedActionForPrincipal, MissingActionRolesAnywhere, MissingActionForConditionKey, MissingConditionKeyOIDCPrincipal,
		MissingGitHubRepoConditionKey, SpecificGitHubRepoRecommended, RedundantPrincipalInTrustPolicy}
	for _, d := range []string{
		doc(trustStmt(`{"Service": "ec2.amazonaws.com"}`, `"sts:AssumeRole"`)),
		doc(trustStmt(`{"AWS": "*"}`, `"sts:AssumeRole"`, `{"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}`)),
		doc(trustStmt(`{"Federated": `+samlARN+`}`, `"sts:AssumeRoleWithSAML"`, `{"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}`)),
		doc(trustStmt(`{"Federated": `+githubARN+`}`, `"sts:AssumeRoleWithWebIdentity"`, `{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main"}}`)),
		doc(trustStmt(`{"Federated": `+githubARN+`}`, `"sts:AssumeRoleWithWebIdentity"`, `{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/app:environment:*"}, "StringEquals": {"token.actions.githubusercontent.com:ref": "refs/heads/main"}}`)),
		doc(trustStmt(`{"Federated": `+eksARN+`}`, `"sts:AssumeRoleWithWebIdentity"`, `{"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/ABCDEF:sub": "system:serviceaccount:ns:sa"}}`)),
		doc(trustStmt(`{"Service": "rolesanywhere.amazonaws.com"}`, `["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]`)),
		doc(trustStmt(`{"Service": "rolesanywhere.amazonaws.com"}`, `"sts:*"`)),
		doc(trustStmt(`{"AWS": "arn:aws:iam::111122223333:root"}`, `["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]`, `{"StringEquals": {"aws:RequestTag/team": "blue", "sts:SourceIdentity": "jane"}}`)),
		doc(trustStmt(`{"AWS": ["arn:aws:iam::111122223333:role/Admin", "arn:aws:sts::444455556666:assumed-role/Admin/jane"]}`, `"sts:AssumeRole"`)),
	} {
		noCodeKind(t, tr, d, all...)
	}
	// The trust checks are for trust policies only.
	noCodeKind(t, policy.KindResource, doc(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}}`), all...)
}

// rcpDeny is a Deny statement of a resource control policy with the given Action and optional
// Condition JSON values.
func rcpDeny(action string, cond ...string) string {
	s := `{"Effect": "Deny", "Principal": "*", "Action": ` + action + `, "Resource": "*"`
	if len(cond) > 0 {
		s += `, "Condition": ` + cond[0]
	}
	return s + `}`
}

func TestRCPChecks(t *testing.T) {
	rc := policy.KindRCP
	runCases(t, []lintCase{
		{check: "Error – RCP syntax error principal", kind: rc,
			doc:  doc(`{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*", "Resource": "*"}`),
			code: RCPSyntaxErrorPrincipal, sev: Error, path: "Statement[0].Principal"},
		{check: "Error – RCP syntax error principal (NotPrincipal)", kind: rc,
			doc:  doc(`{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*", "Resource": "*"}`),
			code: RCPSyntaxErrorPrincipal, sev: Error, path: "Statement[0].NotPrincipal"},
		{check: "Error – RCP syntax error allow", kind: rc,
			doc:  doc(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`),
			code: RCPSyntaxErrorAllow, sev: Error, path: "Statement[0].Effect"},
		{check: "Error – RCP syntax error NotAction", kind: rc,
			doc:  doc(`{"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}`),
			code: RCPSyntaxErrorNotAction, sev: Error, path: "Statement[0].NotAction"},
		{check: "Error – RCP syntax error action (a service RCPs do not support)", kind: rc,
			doc:  doc(rcpDeny(`["s3:GetObject", "ec2:RunInstances"]`)),
			code: RCPSyntaxErrorAction, sev: Error, path: "Statement[0].Action[1]", msg: "ec2 is not one of them"},
		{check: "Error – RCP syntax error action (\"*\" alone)", kind: rc,
			doc:  doc(rcpDeny(`"*"`)),
			code: RCPSyntaxErrorAction, sev: Error, path: "Statement[0].Action"},
		{check: "Error – Policy size exceeds RCP quota", kind: rc,
			doc:  doc(rcpDeny(`[` + strings.Repeat(`"s3:GetObject", `, 400) + `"s3:PutObject"]`)),
			code: PolicySizeRCP, sev: Error},
		{check: "General Warning – RCP missing related principal condition key", kind: rc,
			doc:  doc(rcpDeny(`"s3:*"`, `{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcdefghij"}}`)),
			code: RCPMissingPrincipalKey, sev: Warning, path: "Statement[0].Condition.StringNotEqualsIfExists.aws:PrincipalOrgID"},
		{check: "General Warning – RCP missing related service principal condition key", kind: rc,
			doc:  doc(rcpDeny(`"s3:*"`, `{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcdefghij"}, "Null": {"aws:SourceAccount": "false"}}`)),
			code: RCPMissingServicePrincipalKey, sev: Warning, path: "Statement[0].Condition.StringNotEqualsIfExists.aws:SourceOrgID"},
		{check: "General Warning – RCP missing service condition key null check", kind: rc,
			doc:  doc(rcpDeny(`"s3:*"`, `{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcdefghij"}, "Bool": {"aws:PrincipalIsAWSService": "true"}}`)),
			code: RCPMissingNullCheck, sev: Warning, path: "Statement[0].Condition.StringNotEqualsIfExists.aws:SourceOrgID"},
	})
	// AWS's own examples of the data perimeter: nothing to report.
	all := []Code{RCPSyntaxErrorPrincipal, RCPSyntaxErrorAllow, RCPSyntaxErrorNotAction, RCPSyntaxErrorAction, RCPSyntaxError,
		RCPMissingPrincipalKey, RCPMissingServicePrincipalKey, RCPMissingNullCheck, PolicySizeRCP}
	for _, d := range []string{
		doc(`{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`), // RCPFullAWSAccess
		doc(rcpDeny(`["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole"]`,
			`{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcdefghij"}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}`)),
		doc(rcpDeny(`"s3:*"`, `{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcdefghij"}, "Null": {"aws:SourceAccount": "false"}, "Bool": {"aws:PrincipalIsAWSService": "true"}}`)),
		doc(rcpDeny(`"s3:*"`, `{"BoolIfExists": {"aws:SecureTransport": "false"}}`)),
	} {
		noCodeKind(t, rc, d, all...)
	}
	// The service list applies to resource control policies only.
	noCodeKind(t, policy.KindSCP, doc(deny(`"ec2:RunInstances"`, `"*"`)), RCPSyntaxErrorAction)
}

func TestResourcePolicyChecks(t *testing.T) {
	rs := policy.KindResource
	runCases(t, []lintCase{
		{check: "Error – Federated principal not supported", kind: rs,
			doc:  doc(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`),
			code: FederatedPrincipalNotSupported, sev: Error, path: "Statement[0].Principal.Federated"},
		{check: "Security Warning – Restrict access to service principal", kind: rs,
			doc:  doc(`{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}`),
			code: RestrictAccessToServicePrincipal, sev: SecurityWarning, path: "Statement[0].Principal.Service"},
		{check: "Suggestion – Recommended condition key for service principal", kind: rs,
			doc:  doc(`{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringLike": {"aws:Referer": "https://example.com/*"}}}`),
			code: RecommendedKeyForServicePrin, sev: Suggestion, path: "Statement[0].Condition.StringLike.aws:Referer"},
	})
	noCodeKind(t, rs, doc(`{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}`),
		RestrictAccessToServicePrincipal, RecommendedKeyForServicePrin, FederatedPrincipalNotSupported)
	noCodeKind(t, rs, doc(`{"Effect": "Deny", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}`), RestrictAccessToServicePrincipal)
	// A trust policy may name federated providers and services without a source.
	noCodeKind(t, policy.KindTrust, doc(trustStmt(`{"Service": "ec2.amazonaws.com"}`, `"sts:AssumeRole"`)), RestrictAccessToServicePrincipal, FederatedPrincipalNotSupported)
}

func TestNewConditionChecks(t *testing.T) {
	runCases(t, []lintCase{
		{check: "Error – Invalid vpc format", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:SourceVpc": ["vpc-1a2b3c4d", "vpc-123"]}}`)),
			code: InvalidVPCFormat, sev: Error, path: "Statement[0].Condition.StringEquals.aws:SourceVpc", msg: `"vpc-123"`},
		{check: "Error – Invalid vpce format", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:SourceVpce": "vpc-1a2b3c4d"}}`)),
			code: InvalidVPCEFormat, sev: Error, path: "Statement[0].Condition.StringEquals.aws:SourceVpce"},
		{check: "Error – Missing ARN account (a WARNING here)", doc: doc(allow(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1::queue"`)),
			code: MissingARNAccount, sev: Warning, path: "Statement[0].Resource"},
		{check: "Security Warning – Untrustworthy condition key", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:UserAgent": "my-app"}}`)),
			code: UntrustworthyConditionKey, sev: SecurityWarning, path: "Statement[0].Condition.StringEquals.aws:UserAgent"},
		{check: "Security Warning – String like operator with ARN condition keys", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app-*"}}`)),
			code: StringLikeWithARNKey, sev: SecurityWarning, msg: "use ArnLike"},
		{check: "Security Warning – DynamoDB attributes without select", doc: doc(allow(`"dynamodb:GetItem"`, `"*"`, `{"ForAllValues:StringEquals": {"dynamodb:Attributes": ["id", "name"]}}`)),
			code: DynamoDBAttributesNoSelect, sev: SecurityWarning},
		{check: "Security Warning – S3 prefix in negative context (Deny with StringLike)", doc: doc(deny(`"s3:ListBucket"`, `"arn:aws:s3:::b"`, `{"StringLike": {"s3:prefix": "private/*"}}`)),
			code: S3PrefixInNegativeContext, sev: SecurityWarning},
		{check: "Security Warning – S3 prefix in negative context (Allow with StringNotLike)", doc: doc(allow(`"s3:ListBucket"`, `"arn:aws:s3:::b"`, `{"StringNotLike": {"s3:prefix": "private/*"}}`)),
			code: S3PrefixInNegativeContext, sev: SecurityWarning},
		{check: "Suggestion – Equivalent to null false", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:PrincipalTag/team": "*"}}`)),
			code: EquivalentToNullFalse, sev: Suggestion, msg: `"aws:PrincipalTag/team": "false"`},
		{check: "Suggestion – Equivalent to null true", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringNotLike": {"aws:PrincipalTag/team": "*"}}`)),
			code: EquivalentToNullTrue, sev: Suggestion},
		{check: "Suggestion – Equivalent to null true (ForAllValues:StringNotLike)", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"ForAllValues:StringNotLike": {"aws:TagKeys": "*"}}`)),
			code: EquivalentToNullTrue, sev: Suggestion},
		{check: "Suggestion – Redundant key due to wildcard in condition", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLikeIfExists": {"aws:PrincipalTag/team": ["blue", "*"]}}`)),
			code: RedundantKeyWildcard, sev: Suggestion},
		{check: "Suggestion – Redundant statement due to wildcard in condition", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"ForAnyValue:StringNotLike": {"aws:TagKeys": "*"}}`)),
			code: RedundantStatementWildcard, sev: Suggestion},
		{check: "Undocumented condition key (ours)", doc: doc(allow(`"lakeformation:GetDataAccess"`, `"*"`, `{"Null": {"lakeformation:GlueARN": "true"}}`)),
			code: UndocumentedConditionKey, sev: Warning, msg: "AmazonDataZoneGlueManageAccessRolePolicy"},
	})
	for _, d := range []string{
		doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:SourceVpc": ["vpc-1a2b3c4d", "vpc-0123456789abcdef0"], "aws:SourceVpce": "vpce-1a2b3c4d"}}`)),
		doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:SourceVpc": "vpc-*"}}`)),
		doc(allow(`"s3:GetObject"`, `"*"`, `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app-*"}}`)),
		doc(allow(`"dynamodb:GetItem"`, `"*"`, `{"ForAllValues:StringEquals": {"dynamodb:Attributes": ["id"]}, "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}`)),
		doc(allow(`"s3:ListBucket"`, `"arn:aws:s3:::b"`, `{"StringLike": {"s3:prefix": "home/*"}}`)),
		doc(deny(`"s3:ListBucket"`, `"arn:aws:s3:::b"`, `{"StringNotLike": {"s3:prefix": "home/*"}}`)),
		doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:PrincipalTag/team": "blue-*"}}`)),
		doc(allow(`"sqs:SendMessage"`, `["arn:aws:sqs:us-east-1:111122223333:q", "arn:aws:sqs:*:*:q"]`)),
		doc(allow(`"deepracer:ListModels"`, `"*"`, `{"Bool": {"deepracer:MultiUser": "true"}, "Null": {"deepracer:UserToken": "false"}}`)),
	} {
		noCode(t, d, InvalidVPCFormat, InvalidVPCEFormat, StringLikeWithARNKey, DynamoDBAttributesNoSelect, S3PrefixInNegativeContext,
			EquivalentToNullFalse, EquivalentToNullTrue, RedundantKeyWildcard, RedundantStatementWildcard, MissingARNAccount,
			UntrustworthyConditionKey, UndocumentedConditionKey, InvalidService, InvalidServiceConditionKey, ConditionKeyNotSupported)
	}
}

func TestMoreChecks(t *testing.T) {
	runCases(t, []lintCase{
		{check: "Error – SCP syntax error action wildcard", kind: policy.KindSCP, doc: doc(deny(`["iam:Get*", "iam:*Role"]`, `"*"`)),
			code: SCPSyntaxErrorActionWildcard, sev: Error, path: "Statement[0].Action[1]", msg: `"iam:*Role"`},
		{check: "Error – Unsupported action for condition key (a WARNING here)", doc: doc(allow(`["s3:ListBucket", "s3:GetObject"]`, `"*"`, `{"StringLike": {"s3:prefix": "home/*"}}`)),
			code: UnsupportedActionForKey, sev: Warning, path: "Statement[0].Condition.StringLike.s3:prefix", msg: "s3:GetObject does not support s3:prefix"},
		{check: "Error – Wildcard usage too permissive (sensitive key)", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:PrincipalAccount": "1111*"}}`)),
			code: WildcardUsageTooPermissive, sev: Error, msg: "sensitive key"},
		{check: "Error – Wildcard usage too permissive (aws:userid)", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:userid": "AROA*"}}`)),
			code: WildcardUsageTooPermissive, sev: Error, msg: "right of the colon"},
	})
	noCodeKind(t, policy.KindSCP, doc(deny(`["iam:Get*", "*", "s3:Put*"]`, `"*"`)), SCPSyntaxErrorActionWildcard)
	noCodeKind(t, policy.KindIdentity, doc(allow(`"iam:*Role"`, `"*"`)), SCPSyntaxErrorActionWildcard)
	for _, d := range []string{
		doc(allow(`["s3:ListBucket", "s3:ListBucketVersions"]`, `"*"`, `{"StringLike": {"s3:prefix": "home/*"}}`)),
		doc(allow(`["s3:ListBucket", "s3:Get*"]`, `"*"`, `{"StringLike": {"s3:prefix": "home/*"}}`)), // wildcards are not judged
		doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}`)),
		doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:userid": ["AROAEXAMPLEID:*", "*:jane"]}}`)),
		doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}`)),
	} {
		noCode(t, d, UnsupportedActionForKey, WildcardUsageTooPermissive)
	}
}
