package lint

import (
	"strings"
	"testing"

	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/policy"
)

// doc wraps statements in a policy document with Version 2012-10-17.
func doc(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",") + `]}`
}

// allow is an Allow statement with the given Action and Resource JSON values and an optional
// Condition object.
func allow(action, resource string, cond ...string) string {
	s := `{"Effect": "Allow", "Action": ` + action + `, "Resource": ` + resource
	if len(cond) > 0 {
		s += `, "Condition": ` + cond[0]
	}
	return s + `}`
}

func deny(action, resource string, cond ...string) string {
	return strings.Replace(allow(action, resource, cond...), `"Allow"`, `"Deny"`, 1)
}

type lintCase struct {
	check string      // the Access Analyzer check the case mirrors ("Error – Invalid action")
	kind  policy.Kind // policy.KindAny stands for policy.KindIdentity here
	doc   string
	code  Code
	sev   Severity
	path  string // "" to skip
	msg   string // a substring of the message, "" to skip
}

func runCases(t *testing.T, cases []lintCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.check+"/"+string(tc.code), func(t *testing.T) {
			kind := tc.kind
			if kind == policy.KindAny {
				kind = policy.KindIdentity
			}
			fs := Options{Kind: kind}.Lint([]byte(tc.doc))
			for _, f := range fs {
				if f.Code != tc.code || tc.path != "" && f.Path != tc.path {
					continue
				}
				if f.Severity != tc.sev {
					t.Errorf("%s: severity %v, want %v", f.Code, f.Severity, tc.sev)
				}
				if !strings.Contains(f.Message, tc.msg) {
					t.Errorf("%s: message %q lacks %q", f.Code, f.Message, tc.msg)
				}
				if f.Line < 1 || f.Col < 1 {
					t.Errorf("%s: position %d:%d", f.Code, f.Line, f.Col)
				}
				return
			}
			t.Errorf("no %s finding at %q; got:\n%s", tc.code, tc.path, dump(fs))
		})
	}
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

func TestGrammarCodes(t *testing.T) {
	runCases(t, []lintCase{
		{check: "Error – Json syntax error", doc: `{"Version": "2012-10-17", "Statement": [}`, code: JSONSyntaxError, sev: Error},
		{check: "Error – Invalid policy element", doc: `{"Version": "2012-10-17", "Statment": []}`, code: InvalidPolicyElement, sev: Error},
		{check: "Error – Data type mismatch", doc: doc(`{"Effect": 1, "Action": "s3:GetObject", "Resource": "*"}`), code: DataTypeMismatch, sev: Error},
		{check: "Error – Invalid version", doc: `{"Version": "2020-01-01", "Statement": [` + allow(`"s3:GetObject"`, `"*"`) + `]}`, code: InvalidVersion, sev: Error},
		{check: "Error – Invalid effect", doc: doc(`{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}`), code: InvalidEffect, sev: Error, path: "Statement[0].Effect"},
		{check: "Error – Missing statement", doc: `{"Version": "2012-10-17"}`, code: MissingStatement, sev: Error},
		{check: "Error – Missing effect", doc: doc(`{"Action": "s3:GetObject", "Resource": "*"}`), code: MissingEffect, sev: Error},
		{check: "Error – Missing action", doc: doc(`{"Effect": "Allow", "Resource": "*"}`), code: MissingAction, sev: Error},
		{check: "Error – Missing resource", kind: policy.KindIdentity, doc: doc(`{"Effect": "Allow", "Action": "s3:GetObject"}`), code: MissingResource, sev: Error},
		{check: "Error – Missing principal", kind: policy.KindResource, doc: doc(allow(`"s3:GetObject"`, `"*"`)), code: MissingPrincipal, sev: Error},
		{check: "Error – Unsupported principal", kind: policy.KindIdentity, doc: doc(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`), code: UnsupportedPrincipal, sev: Error},
		{check: "Error – Invalid principal key", kind: policy.KindResource, doc: doc(`{"Effect": "Allow", "Principal": {"Aws": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"}`), code: InvalidPrincipalKey, sev: Error},
		{check: "Error – Unsupported element combination", doc: doc(`{"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"}`), code: UnsupportedElementCombination, sev: Error},
		{check: "Error – Invalid condition operator", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEqualz": {"aws:username": "a"}}`)), code: InvalidConditionOperator, sev: Error},
		{check: "Error – Null with if exists", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"NullIfExists": {"aws:username": "true"}}`)), code: NullWithIfExists, sev: Error},
		{check: "Suggestion – Null with qualifier", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"ForAnyValue:Null": {"aws:TagKeys": "true"}}`)), code: NullWithQualifier, sev: Error},
		{check: "General Warning – Type mismatch IP range", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"IpAddress": {"aws:SourceIp": "not-an-ip"}}`)), code: TypeMismatchIPRange, sev: Error},
		{check: "General Warning – Type mismatch number", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"NumericLessThan": {"aws:MultiFactorAuthAge": "soon"}}`)), code: TypeMismatchNumber, sev: Error},
		{check: "General Warning – Type mismatch date", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"DateLessThan": {"aws:CurrentTime": "yesterday"}}`)), code: TypeMismatchDate, sev: Error},
		{check: "General Warning – Type mismatch Boolean", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"Bool": {"aws:SecureTransport": "yes"}}`)), code: TypeMismatchBoolean, sev: Error},
		{check: "General Warning – Type mismatch string", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"BinaryEquals": {"s3:x": "!!!"}}`)), code: TypeMismatchString, sev: Error},
		{check: "Error – Missing brace in variable", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:username": "${aws:userid"}}`)), code: MissingBraceInVariable, sev: Error},
		{check: "Error – Invalid ARN prefix", doc: doc(allow(`"s3:GetObject"`, `"s3:::bucket/*"`)), code: InvalidARNPrefix, sev: Error},
		{check: "Suggestion – Wildcard in service name", doc: doc(allow(`"s3:GetObject"`, `"arn:aws:s*:::bucket/*"`)), code: WildcardInServiceName, sev: Error},
		{check: "Error – Unsupported wildcard in principal", kind: policy.KindResource, doc: doc(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/*"}, "Action": "s3:GetObject", "Resource": "*"}`), code: UnsupportedWildcardPrincipal, sev: Error},
		{check: "Error – Unsupported Sid", doc: doc(`{"Sid": "no spaces", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), code: UnsupportedSid, sev: Error},
		{check: "Error – Unique Sids required", doc: doc(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}`), code: UniqueSidsRequired, sev: Error},
		{check: "Security Warning – Allow with NotPrincipal", kind: policy.KindResource, doc: doc(`{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"}`), code: AllowWithNotPrincipal, sev: Error},
		{check: "Suggestion – Empty array condition", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:username": []}}`)), code: EmptyArrayCondition, sev: Error},
		{check: "Suggestion – Empty array condition ForAllValues", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"ForAllValues:StringEquals": {"aws:TagKeys": []}}`)), code: EmptyArrayConditionForAll, sev: Error},
		{check: "Suggestion – Empty array condition ForAnyValue", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"ForAnyValue:StringEquals": {"aws:TagKeys": []}}`)), code: EmptyArrayConditionForAny, sev: Error},
		{check: "Suggestion – Empty array condition IfExists", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEqualsIfExists": {"aws:username": []}}`)), code: EmptyArrayConditionIfExists, sev: Error},
		{check: "Suggestion – Empty array condition (kind-agnostic parse)", kind: policy.KindTrust, doc: doc(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": []}}}`), code: EmptyArrayCondition, sev: Error},
		{check: "Suggestion – Empty array action", doc: doc(allow(`[]`, `"*"`)), code: EmptyArrayAction, sev: Suggestion},
		{check: "Suggestion – Empty array resource", doc: doc(allow(`"s3:GetObject"`, `[]`)), code: EmptyArrayResource, sev: Suggestion},
		{check: "General Warning – Policy size exceeds identity policy quota", kind: policy.KindIdentity, doc: doc(allow(`["s3:GetObject"`+strings.Repeat(`, "s3:GetObject"`, 700)+`]`, `"*"`)), code: PolicySizeIdentity, sev: Warning},
		{check: "Error – SCP syntax error principal", kind: policy.KindSCP, doc: doc(`{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`), code: SCPSyntaxErrorPrincipal, sev: Error},
	})
}

func TestDocumentChecks(t *testing.T) {
	runCases(t, []lintCase{
		{check: "General Warning – Missing version", doc: `{"Statement": [` + allow(`"s3:GetObject"`, `"*"`) + `]}`, code: MissingVersion, sev: Warning},
		{check: "Suggestion – Empty Sid value", doc: doc(`{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), code: EmptySidValue, sev: Suggestion, path: "Statement[0].Sid"},
		{check: "Error – Variable unsupported in version", doc: `{"Version": "2008-10-17", "Statement": [` + allow(`"s3:GetObject"`, `"arn:aws:s3:::b/${aws:username}/*"`) + `]}`, code: VariableUnsupportedInVersion, sev: Error},
		{check: "General Warning – Invalid role reference", kind: policy.KindResource, doc: doc(`{"Effect": "Allow", "Principal": {"AWS": "AROAEXAMPLEID1234567"}, "Action": "s3:GetObject", "Resource": "*"}`), code: InvalidRoleRef, sev: Warning},
		{check: "General Warning – Invalid user reference", kind: policy.KindResource, doc: doc(`{"Effect": "Allow", "Principal": {"AWS": "AIDAEXAMPLEID1234567"}, "Action": "s3:GetObject", "Resource": "*"}`), code: InvalidUserRef, sev: Warning},
		{check: "Suggestion – Redundant statement", doc: doc(`{"Sid": "A", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}`, `{"Sid": "B", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "*"}`), code: RedundantStatement, sev: Suggestion, path: "Statement[1]"},
	})
}

func TestActionChecks(t *testing.T) {
	runCases(t, []lintCase{
		{check: "Error – Invalid service in action", doc: doc(allow(`"s4:GetObject"`, `"*"`)), code: InvalidServiceInAction, sev: Error, path: "Statement[0].Action", msg: `did you mean "s3"?`},
		{check: "Error – Invalid action", doc: doc(allow(`["s3:GetObject", "s3:GetObjct"]`, `"*"`)), code: InvalidAction, sev: Error, path: "Statement[0].Action[1]", msg: `did you mean "s3:GetObject"?`},
		{check: "Error – Invalid action (pattern matching nothing)", doc: doc(allow(`"s3:Fly*"`, `"*"`)), code: InvalidAction, sev: Error, msg: "matches no action"},
		{check: "Error – Invalid action (NotAction)", doc: doc(`{"Effect": "Deny", "NotAction": "iam:GetUsr", "Resource": "*"}`), code: InvalidAction, sev: Error, path: "Statement[0].NotAction"},
		{check: "Suggestion – Redundant action", doc: doc(allow(`["iam:Get*", "iam:List*", "iam:GetCredentialReport"]`, `"*"`)), code: RedundantAction, sev: Suggestion, path: "Statement[0].Action[2]", msg: `"iam:Get*" already grants it`},
		{check: "Suggestion – Redundant action (duplicate)", doc: doc(allow(`["s3:GetObject", "S3:getobject"]`, `"*"`)), code: RedundantAction, sev: Suggestion, path: "Statement[0].Action[1]"},
		{check: "Suggestion – Redundant action (star)", doc: doc(allow(`["*", "s3:Get*"]`, `"*"`)), code: RedundantAction, sev: Suggestion, path: "Statement[0].Action[1]"},
	})
	// Not redundant: iam:*CredentialReport grants iam:GenerateCredentialReport, which iam:Get* does not.
	noCode(t, doc(allow(`["iam:Get*", "iam:*CredentialReport"]`, `"*"`)), RedundantAction)
	noCode(t, doc(allow(`["s3:GetObject", "s3:PutObject", "ec2:*"]`, `"*"`)), RedundantAction, InvalidAction, InvalidServiceInAction)
	// Action names are case-insensitive.
	noCode(t, doc(allow(`"S3:GETOBJECT"`, `"*"`)), InvalidAction)
}

func TestResourceChecks(t *testing.T) {
	runCases(t, []lintCase{
		{check: "Resource type mismatch (a bucket ARN for an object action)", doc: doc(allow(`"s3:GetObject"`, `"arn:aws:s3:::bucket"`)), code: ResourceTypeMismatch, sev: Warning, path: "Statement[0].Resource", msg: "object (arn:${Partition}:s3:::${BucketName}/${ObjectName})"},
		{check: "Specific resource on actions that support only *", doc: doc(allow(`"s3:ListAllMyBuckets"`, `"arn:aws:s3:::bucket"`)), code: ResourceNotSupportedByAction, sev: Warning, path: "Statement[0].Resource"},
		{check: "Action supporting only * without * in Resource", doc: doc(allow(`["s3:ListAllMyBuckets", "s3:GetObject"]`, `"arn:aws:s3:::bucket/*"`)), code: ResourceNotSupportedByAction, sev: Warning, path: "Statement[0].Action[0]"},
		{check: "Error – Invalid ARN service case", doc: doc(allow(`"s3:GetObject"`, `"arn:aws:S3:::bucket/*"`)), code: InvalidARNServiceCase, sev: Error},
		{check: "Error – Invalid ARN account", doc: doc(allow(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east-1:1234:queue"`)), code: InvalidARNAccount, sev: Error},
		{check: "Error – ARN Region not allowed", doc: doc(allow(`"route53:GetHostedZone"`, `"arn:aws:route53:us-east-1::hostedzone/Z1"`)), code: ARNRegionNotAllowed, sev: Error},
		{check: "Error – ARN Region not allowed (IAM, from the parser)", doc: doc(allow(`"iam:GetRole"`, `"arn:aws:iam:us-east-1:111122223333:role/r"`)), code: ARNRegionNotAllowed, sev: Error},
		{check: "Error – ARN account not allowed", doc: doc(allow(`"route53:GetHostedZone"`, `"arn:aws:route53::111122223333:hostedzone/Z1"`)), code: ARNAccountNotAllowed, sev: Error},
		{check: "Error – Missing ARN Region", doc: doc(allow(`"sqs:SendMessage"`, `"arn:aws:sqs::111122223333:queue"`)), code: MissingARNRegion, sev: Error},
		{check: "Suggestion – Redundant resource", doc: doc(allow(`"iam:PassRole"`, `["arn:aws:iam::111122223333:role/jane-admin", "arn:aws:iam::111122223333:role/jane*"]`, `{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}`)), code: RedundantResource, sev: Suggestion, path: "Statement[0].Resource[0]"},
		{check: "Suggestion – Redundant resource (star)", doc: doc(allow(`"s3:GetObject"`, `["*", "arn:aws:s3:::b/*"]`)), code: RedundantResource, sev: Suggestion, path: "Statement[0].Resource[1]"},
	})
	// The right ARNs for the actions: nothing to report.
	noCode(t, doc(allow(`["s3:GetObject", "s3:ListBucket"]`, `["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]`)),
		ResourceTypeMismatch, ResourceNotSupportedByAction, RedundantResource, ARNRegionNotAllowed, MissingARNRegion)
	noCode(t, doc(allow(`"s3:GetObject"`, `"arn:aws:s3:::${aws:username}/*"`)), ResourceTypeMismatch, VariableUnsupportedInVersion)
	noCode(t, doc(allow(`"iam:GetRole"`, `"arn:aws:iam::aws:policy/ReadOnlyAccess"`)), InvalidARNAccount)
	// Different keys are not redundant, and the resource part's '*' does not cross ARN fields.
	noCode(t, doc(allow(`"sqs:SendMessage"`, `["arn:aws:sqs:us-east-1:111122223333:q", "arn:aws:sqs:*:111122223333:*"]`)), ResourceTypeMismatch)
	noCode(t, doc(allow(`"s3:GetObject"`, `["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]`)), RedundantResource)
}

func TestPassRoleAndSLR(t *testing.T) {
	runCases(t, []lintCase{
		{check: "Security Warning – Pass role with star in resource", doc: doc(allow(`"iam:PassRole"`, `"*"`)), code: PassRoleWithStarInResource, sev: SecurityWarning, path: "Statement[0].Action"},
		{check: "Security Warning – Pass role with star in action and resource", doc: doc(allow(`"iam:*"`, `"*"`)), code: PassRoleWithStarInActionAndResource, sev: SecurityWarning},
		{check: "Security Warning – Pass role with star in resource and NotAction", doc: doc(`{"Effect": "Allow", "NotAction": "s3:*", "Resource": "arn:aws:iam::111122223333:role/*"}`), code: PassRoleWithStarInResourceAndNotAction, sev: SecurityWarning},
		{check: "Security Warning – Pass role with NotResource", doc: doc(`{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/admin"}`), code: PassRoleWithNotResource, sev: SecurityWarning},
		{check: "Security Warning – Pass role with star in action and NotResource", doc: doc(`{"Effect": "Allow", "Action": "iam:Pass*", "NotResource": "arn:aws:iam::111122223333:role/admin"}`), code: PassRoleWithStarInActionAndNotResource, sev: SecurityWarning},
		{check: "Security Warning – Pass role with NotAction and NotResource", doc: doc(`{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b"}`), code: PassRoleWithNotActionAndNotResource, sev: SecurityWarning},
		{check: "General Warning – Create SLR with star in resource", doc: doc(allow(`"iam:CreateServiceLinkedRole"`, `"*"`)), code: CreateSLRWithStarInResource, sev: Warning},
		{check: "General Warning – Create SLR with star in action and resource", doc: doc(allow(`"*"`, `"*"`)), code: CreateSLRWithStarInActionAndResource, sev: Warning},
		{check: "General Warning – Create SLR with star in resource and NotAction", doc: doc(`{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}`), code: CreateSLRWithStarInResourceAndNotAction, sev: Warning},
		{check: "General Warning – Create SLR with NotResource", doc: doc(`{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:iam::1:role/x"}`), code: CreateSLRWithNotResource, sev: Warning},
		{check: "General Warning – Create SLR with star in action and NotResource", doc: doc(`{"Effect": "Allow", "Action": "iam:Create*", "NotResource": "arn:aws:iam::1:role/x"}`), code: CreateSLRWithStarInActionAndNotResource, sev: Warning},
		{check: "General Warning – Create SLR with NotAction and NotResource", doc: doc(`{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b"}`), code: CreateSLRWithNotActionAndNotResource, sev: Warning},
	})
	// A named role, a role-name prefix, iam:PassedToService, and Deny statements are fine.
	noCode(t, doc(allow(`"iam:PassRole"`, `"arn:aws:iam::111122223333:role/app"`)), PassRoleWithStarInResource)
	noCode(t, doc(allow(`"iam:PassRole"`, `"arn:aws:iam::111122223333:role/service-role/*"`)), PassRoleWithStarInResource)
	noCode(t, doc(allow(`"iam:PassRole"`, `"*"`, `{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}`)), PassRoleWithStarInResource)
	noCode(t, doc(deny(`"iam:PassRole"`, `"*"`)), PassRoleWithStarInResource)
	noCode(t, doc(allow(`"s3:*"`, `"*"`)), PassRoleWithStarInActionAndResource, CreateSLRWithStarInActionAndResource)
}

func TestConditionChecks(t *testing.T) {
	runCases(t, []lintCase{
		{check: "Error – Invalid global condition key", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:SourceIPs": "1.2.3.4"}}`)), code: InvalidGlobalConditionKey, sev: Error, path: "Statement[0].Condition.StringEquals.aws:SourceIPs"},
		{check: "Error – Invalid service condition key", doc: doc(allow(`"s3:ListBucket"`, `"*"`, `{"StringLike": {"s3:prefx": "home/"}}`)), code: InvalidServiceConditionKey, sev: Error, msg: `did you mean "s3:prefix"?`},
		{check: "Error – Invalid service", doc: doc(allow(`"s3:ListBucket"`, `"*"`, `{"StringLike": {"s4:prefix": "home/"}}`)), code: InvalidService, sev: Error},
		{check: "Error – Invalid condition key format", doc: doc(allow(`"s3:ListBucket"`, `"*"`, `{"StringLike": {"prefix": "home/"}}`)), code: InvalidConditionKeyFormat, sev: Error},
		{check: "Error – Missing tag key in condition", doc: doc(allow(`"ec2:StartInstances"`, `"*"`, `{"StringEquals": {"aws:ResourceTag": "x"}}`)), code: MissingTagKeyInCondition, sev: Error},
		{check: "Error – Missing tag key in condition (slash)", doc: doc(allow(`"ec2:StartInstances"`, `"*"`, `{"StringEquals": {"aws:ResourceTag/": "x"}}`)), code: MissingTagKeyInCondition, sev: Error},
		{check: "General Warning – Deprecated global condition key", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"ArnLike": {"aws:ARN": "arn:aws:iam::1:user/*"}}`)), code: DeprecatedGlobalConditionKey, sev: Warning},
		{check: "Error – Duplicate keys with different case", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}}`)), code: DuplicateKeysDifferentCase, sev: Error},
		{check: "General Warning – Type mismatch", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"NumericLessThan": {"aws:SourceIp": "10"}}`)), code: TypeMismatch, sev: Warning, msg: "use a IpAddress operator"},
		{check: "General Warning – Type mismatch (Bool key, String operator)", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:SecureTransport": "true"}}`)), code: TypeMismatch, sev: Warning},
		{check: "Error – Invalid condition data type", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:username": ["a", 1]}}`)), code: InvalidConditionDataType, sev: Error},
		{check: "Error – Unsupported space in variable", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:username": "${aws:user name}"}}`)), code: UnsupportedSpaceInVariable, sev: Error},
		{check: "Error – Unsupported symbol in variable", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:username": "${aws:user'name}"}}`)), code: UnsupportedSymbolInVariable, sev: Error},
		{check: "Security Warning – ForAllValues with single valued key", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"ForAllValues:StringEquals": {"aws:username": ["a", "b"]}}`)), code: ForAllValuesSingleValuedKey, sev: SecurityWarning},
		{check: "Error – Missing qualifier", doc: doc(allow(`"ec2:CreateTags"`, `"*"`, `{"StringEquals": {"aws:TagKeys": "team"}}`)), code: MissingQualifier, sev: Warning},
		{check: "Error – Invalid condition multiple Boolean", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"Bool": {"aws:SecureTransport": ["true", "false"]}}`)), code: InvalidConditionMultipleBool, sev: Error},
		{check: "General Warning – Wildcard without like operator", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringEquals": {"aws:PrincipalTag/job": "admin-*"}}`)), code: WildcardWithoutLikeOperator, sev: Warning},
		{check: "General Warning – Invalid date value", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"DateLessThan": {"aws:CurrentTime": "1700000000"}}`)), code: InvalidDateValue, sev: Warning},
		{check: "Error – Private IP address", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.1.0/24"]}}`)), code: PrivateIPAddress, sev: Error},
		{check: "Error – Private NotIpAddress", doc: doc(deny(`"s3:GetObject"`, `"*"`, `{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}`)), code: PrivateNotIPAddress, sev: Error},
		{check: "Suggestion – Private IP address subset", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]}}`)), code: PrivateIPAddressSubset, sev: Suggestion},
		{check: "Suggestion – Private NotIpAddress subset", doc: doc(deny(`"s3:GetObject"`, `"*"`, `{"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]}}`)), code: PrivateNotIPAddressSubset, sev: Suggestion},
		{check: "Suggestion – Improve IP range", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"IpAddress": {"aws:SourceIp": "203.0.113.7/24"}}`)), code: ImproveIPRange, sev: Suggestion, msg: "203.0.113.0/24"},
		{check: "Suggestion – Redundant condition value num", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"NumericLessThan": {"aws:MultiFactorAuthAge": ["2700", "3600"]}}`)), code: RedundantConditionValueNum, sev: Suggestion},
		{check: "Security Warning – Missing paired condition keys", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}`)), code: MissingPairedConditionKeys, sev: SecurityWarning},
		{check: "Suggestion – Allow with unsupported tag condition key for service", doc: doc(allow(`["ec2:StartInstances", "s3:ListAllMyBuckets"]`, `"*"`, `{"StringEquals": {"aws:ResourceTag/team": "a"}}`)), code: AllowUnsupportedTagKey, sev: Suggestion, msg: "some actions of s3"},
		{check: "Security Warning – Deny with unsupported tag condition key for service", doc: doc(deny(`["ec2:StartInstances", "s3:ListAllMyBuckets"]`, `"*"`, `{"StringEquals": {"aws:ResourceTag/team": "a"}}`)), code: DenyUnsupportedTagKey, sev: SecurityWarning},
		{check: "Suggestion – Allow NotAction with unsupported tag condition key for service", doc: doc(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}}`), code: AllowNotActionUnsupportedTag, sev: Suggestion},
		{check: "Security Warning – Deny NotAction with unsupported tag condition key for service", doc: doc(`{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}}`), code: DenyNotActionUnsupportedTag, sev: SecurityWarning},
		{check: "Condition key not supported by the statement's actions", doc: doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"s3:prefix": "home/"}}`)), code: ConditionKeyNotSupported, sev: Warning},
	})
	// Well-typed conditions the statement's actions support: nothing to report.
	noCode(t, doc(allow(`"s3:ListBucket"`, `"arn:aws:s3:::b"`, `{"StringLike": {"s3:prefix": "home/${aws:username}/*"}, "Bool": {"aws:SecureTransport": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "ForAnyValue:StringEquals": {"aws:TagKeys": "a"}}`)),
		TypeMismatch, ForAllValuesSingleValuedKey, MissingQualifier, InvalidServiceConditionKey, ConditionKeyNotSupported, ImproveIPRange, WildcardWithoutLikeOperator)
	noCode(t, doc(allow(`"ec2:StartInstances"`, `"*"`, `{"StringEquals": {"aws:ResourceTag/team": "a", "ec2:ResourceTag/env": "prod"}}`)), AllowUnsupportedTagKey, ConditionKeyNotSupported, InvalidServiceConditionKey)
	// aws:EpochTime takes Date and Numeric operators.
	noCode(t, doc(allow(`"s3:GetObject"`, `"*"`, `{"NumericLessThan": {"aws:EpochTime": "1700000000"}, "DateLessThan": {"aws:EpochTime": "2026-01-01T00:00:00Z"}}`)), TypeMismatch)
	// Identity providers' keys are not in the catalog, and cannot be.
	noCode(t, doc(`{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"accounts.google.com:aud": "x", "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "y"}}}`), InvalidService, InvalidServiceConditionKey)
	// StringLike on an ARN key, and templates of service keys.
	noCode(t, doc(allow(`"s3:GetObject"`, `"*"`, `{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"}, "StringEquals": {"s3:ExistingObjectTag/classification": "public"}}`)), TypeMismatch, InvalidServiceConditionKey)
}

// noCode checks that linting data yields none of the codes.
func noCode(t *testing.T, data string, codes ...Code) {
	t.Helper()
	for _, f := range Lint([]byte(data)) {
		for _, c := range codes {
			if f.Code == c {
				t.Errorf("unexpected %s in %s", f, data)
			}
		}
	}
}

// TestOwnServices: the actions and keys of the caller's own services are not checked.
func TestOwnServices(t *testing.T) {
	data := []byte(doc(allow(`["myapp:ReadDocument", "MyApp:Write*"]`, `"arn:aws:myapp:::doc/*"`,
		`{"StringEquals": {"myapp:Team": "a"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}`)))
	if fs := (Options{Services: []string{"myapp"}}).Lint(data); len(fs) != 0 {
		t.Errorf("findings on a policy of an own service:\n%s", dump(fs))
	}
	fs := Lint(data)
	for _, want := range []Code{InvalidServiceInAction, InvalidService, PrivateIPAddress} {
		found := false
		for _, f := range fs {
			found = found || f.Code == want
		}
		if !found {
			t.Errorf("without Services: no %s in\n%s", want, dump(fs))
		}
	}
}

func TestSeverity(t *testing.T) {
	for s, want := range map[Severity]string{Error: "ERROR", SecurityWarning: "SECURITY_WARNING", Warning: "WARNING", Suggestion: "SUGGESTION", 0: "INVALID", 9: "INVALID"} {
		if got := s.String(); got != want {
			t.Errorf("Severity(%d) = %q, want %q", s, got, want)
		}
		if got, ok := ParseSeverity(want); ok != (want != "INVALID") || (ok && got != s) {
			t.Errorf("ParseSeverity(%q) = %v, %v", want, got, ok)
		}
	}
	fs := []Finding{{Severity: Suggestion}, {Severity: SecurityWarning}}
	if Worst(fs) != SecurityWarning || HasErrors(fs) || Worst(nil) != 0 {
		t.Error("Worst/HasErrors are wrong")
	}
	if !HasErrors(append(fs, Finding{Severity: Error})) {
		t.Error("HasErrors misses an error")
	}
}

func TestFindingString(t *testing.T) {
	f := Finding{Code: InvalidAction, Severity: Error, Path: "Statement[0].Action", Line: 3, Col: 17, Message: "m"}
	if got, want := f.String(), "3:17: Statement[0].Action: ERROR INVALID_ACTION: m"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	f.Path = ""
	if got, want := f.String(), "3:17: ERROR INVALID_ACTION: m"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestCleanPolicy(t *testing.T) {
	data := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example-bucket",
     "Condition": {"StringLike": {"s3:prefix": "home/${aws:username}/*"}}},
    {"Sid": "Objects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
     "Resource": "arn:aws:s3:::example-bucket/home/${aws:username}/*"}
  ]
}`
	if fs := Lint([]byte(data)); len(fs) != 0 {
		t.Errorf("findings on a clean policy:\n%s", dump(fs))
	}
}

func TestSortedAndPositioned(t *testing.T) {
	data := doc(allow(`["s3:GetObjct", "s4:X"]`, `"arn:aws:s3:::b"`, `{"NumericLessThan": {"aws:SourceIp": "1"}}`))
	fs := Lint([]byte(data))
	if len(fs) < 3 {
		t.Fatalf("want at least 3 findings, got:\n%s", dump(fs))
	}
	for i := 1; i < len(fs); i++ {
		if fs[i-1].Offset > fs[i].Offset {
			t.Errorf("findings not sorted by offset:\n%s", dump(fs))
		}
	}
	for _, f := range fs {
		if f.Offset <= 0 || f.Offset >= len(data) || f.Line != 1 || f.Col != f.Offset+1 {
			t.Errorf("bad position for %s (offset %d)", f, f.Offset)
		}
	}
}

// TestEveryCatalogAction lints, per service, a policy that lists every action of the service:
// no action of the catalog is invalid or redundant, and "service:*" covers them all.
func TestEveryCatalogAction(t *testing.T) {
	c := catalog.Default()
	for _, s := range c.Services() {
		var names []string
		for _, a := range s.Actions() {
			names = append(names, `"`+a.FullName()+`"`)
		}
		data := doc(allow(`[`+strings.Join(names, ",")+`]`, `"*"`))
		for _, f := range Lint([]byte(data)) {
			if f.Code == InvalidAction || f.Code == InvalidServiceInAction || f.Code == RedundantAction {
				t.Errorf("%s: %s", s.Prefix, f)
			}
		}
		star := doc(allow(`["`+s.Prefix+`:*", `+names[0]+`]`, `"*"`))
		found := false
		for _, f := range Lint([]byte(star)) {
			found = found || f.Code == RedundantAction && f.Path == "Statement[0].Action[1]"
		}
		if !found {
			t.Errorf("%s: %s is not reported redundant next to %s:*", s.Prefix, names[0], s.Prefix)
		}
	}
}
