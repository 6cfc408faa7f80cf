// Package lint checks IAM policies the way IAM Access Analyzer's ValidatePolicy does, offline:
// the grammar (from package policy) and every check that can be computed from the grammar and
// the AWS service catalog (package catalog), with Access Analyzer's issue codes and severities.
//
// A Finding says what (Code, Severity, Message) and where (Path, Line, Col). Lint parses a
// document and returns all its findings; Options.Policy checks an already parsed policy.
//
//	findings := lint.Lint(data)                    // rules of every kind, default catalog
//	findings = lint.Options{Kind: policy.KindResource}.Lint(data)
//	for _, f := range findings {
//		fmt.Println(f) // 3:17: Statement[0].Action[1]: ERROR INVALID_ACTION: ...
//	}
//
// # Checks
//
// Grammar findings of the policy package keep their severity (a policy the parser rejects
// yields only them) and gain Access Analyzer's code: JSON_SYNTAX_ERROR, INVALID_POLICY_ELEMENT,
// DATA_TYPE_MISMATCH, INVALID_VERSION, INVALID_EFFECT, MISSING_STATEMENT, MISSING_EFFECT,
// MISSING_ACTION, MISSING_RESOURCE, MISSING_PRINCIPAL, UNSUPPORTED_ELEMENT_COMBINATION,
// UNSUPPORTED_PRINCIPAL, INVALID_PRINCIPAL_FORMAT, UNSUPPORTED_WILDCARD_IN_PRINCIPAL,
// INVALID_CONDITION_OPERATOR, NULL_WITH_IF_EXISTS, NULL_WITH_QUALIFIER,
// INVALID_VARIABLE_FOR_OPERATOR, MISSING_BRACE_IN_VARIABLE, MISSING_QUOTE_IN_VARIABLE,
// EMPTY_VARIABLE, TYPE_MISMATCH_BOOLEAN/DATE/IP_RANGE/NUMBER/STRING (a value the operator
// cannot read), INVALID_ARN_PREFIX, MISSING_ARN_FIELD, INVALID_ARN_RESOURCE, INVALID_PARTITION,
// WILDCARD_IN_SERVICE_NAME, UNSUPPORTED_SID, UNIQUE_SIDS_REQUIRED, ALLOW_WITH_NOT_PRINCIPAL,
// EMPTY_ARRAY_ACTION/RESOURCE/PRINCIPAL/CONDITION(_FORALLVALUES, _FORANYVALUE, _IFEXISTS),
// EMPTY_OBJECT_CONDITION, EMPTY_OBJECT_PRINCIPAL, POLICY_SIZE_EXCEEDS_*_QUOTA,
// SCP_SYNTAX_ERROR_PRINCIPAL, ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL,
// POLICY_SIZE_EXCEEDS_RCP_QUOTA, POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA, the RCP_SYNTAX_ERROR_*
// codes (PRINCIPAL, ALLOW, NOTACTION, ACTION); and a few codes of our own for rules Access
// Analyzer has no code for (DUPLICATE_KEY, INVALID_CHARACTER, ID_IN_IDENTITY_POLICY,
// ALLOW_WITH_PUBLIC_PRINCIPAL, ALLOW_WITH_NOT_ACTION, ALLOW_WITH_NOT_RESOURCE, RCP_SYNTAX_ERROR for
// an RCP's Version, TOO_MANY_FINDINGS).
//
// On a policy that parses, this package adds:
//   - document: MISSING_VERSION, EMPTY_SID_VALUE, VARIABLE_UNSUPPORTED_IN_VERSION,
//     VARIABLE_UNSUPPORTED_IN_ELEMENT, INVALID_ROLE_REFERENCE, INVALID_USER_REFERENCE,
//     REDUNDANT_STATEMENT;
//   - actions (catalog): INVALID_SERVICE_IN_ACTION and INVALID_ACTION, with a "did you mean",
//     for unknown services and actions and for patterns that match no action; REDUNDANT_ACTION;
//   - resources (catalog ARN formats): INVALID_ARN_SERVICE_CASE, INVALID_ARN_ACCOUNT,
//     ARN_REGION_NOT_ALLOWED, ARN_ACCOUNT_NOT_ALLOWED, MISSING_ARN_REGION, MISSING_ARN_ACCOUNT (a
//     WARNING: AWS-owned resources have ARNs without an account); REDUNDANT_RESOURCE;
//     and two WARNINGs of our own: RESOURCE_TYPE_MISMATCH for an ARN that matches none of the
//     resource types of the statement's actions (s3:GetObject on a bucket ARN), and
//     RESOURCE_NOT_SUPPORTED_BY_ACTION for a specific resource on actions that support only "*"
//     (or a named such action in a statement whose resources do not include "*"). They are not
//     ERRORs because the reference's resource types are incomplete for some services;
//   - iam:PassRole and iam:CreateServiceLinkedRole: the six PASS_ROLE_* and six CREATE_SLR_*
//     checks;
//   - conditions (catalog and global key table): INVALID_GLOBAL_CONDITION_KEY,
//     INVALID_SERVICE (unknown prefix), INVALID_SERVICE_CONDITION_KEY, MISSING_TAG_KEY_IN_CONDITION,
//     DEPRECATED_GLOBAL_CONDITION_KEY, DUPLICATE_KEYS_WITH_DIFFERENT_CASE, TYPE_MISMATCH (the
//     operator's family against the key's type: NumericLessThan on aws:SourceIp),
//     FORALLVALUES_WITH_SINGLE_VALUED_KEY, MISSING_QUALIFIER (a WARNING: some keys the reference
//     types ArrayOf... are single-valued in practice), INVALID_CONDITION_MULTIPLE_BOOLEAN,
//     WILDCARD_WITHOUT_LIKE_OPERATOR, INVALID_DATE_VALUE, PRIVATE_IP_ADDRESS,
//     PRIVATE_NOT_IP_ADDRESS, PRIVATE_IP_ADDRESS_SUBSET, PRIVATE_NOT_IP_ADDRESS_SUBSET,
//     IMPROVE_IP_RANGE, REDUNDANT_CONDITION_VALUE_NUM, MISSING_PAIRED_CONDITION_KEYS, the four
//     *_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE checks, INVALID_CONDITION_DATA_TYPE, and
//     CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS (our code) for a service key that none of the
//     statement's actions supports, UNSUPPORTED_ACTION_FOR_CONDITION_KEY (a WARNING) for the named
//     actions that do not support a key another action supports, INVALID_VPC_FORMAT,
//     INVALID_VPCE_FORMAT, WILDCARD_USAGE_TOO_PERMISSIVE (the sensitive keys, aws:userid),
//     UNTRUSTWORTHY_CONDITION_KEY, STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS,
//     DYNAMODB_ATTRIBUTES_WITHOUT_SELECT, S3_PREFIX_IN_NEGATIVE_CONTEXT, EQUIVALENT_TO_NULL_FALSE
//     and _TRUE, REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION,
//     REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION, and UNDOCUMENTED_CONDITION_KEY (our code, a
//     WARNING) for a key AWS's own policies use but no AWS page describes;
//   - with Options.Kind set to KindTrust: ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL,
//     ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE, INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY,
//     MISMATCHED_ACTION_FOR_PRINCIPAL, MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY,
//     MISSING_ACTION_FOR_CONDITION_KEY, MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL,
//     MISSING_GITHUB_REPO_CONDITION_KEY, SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED,
//     REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY; with KindRCP: RCP_SYNTAX_ERROR_ACTION for the
//     services RCPs do not support (catalog.RCPServices) and the three RCP_MISSING_* warnings; with
//     KindResource: FEDERATED_PRINCIPAL_NOT_SUPPORTED, RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL,
//     RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL; with KindSCP:
//     SCP_SYNTAX_ERROR_ACTION_WILDCARD.
//
// Checks not made, because they need data only AWS has or a rule the reference does not state:
// INVALID_REGION and INVALID_ARN_REGION (the regions each service runs in),
// INVALID_SERVICE_PRINCIPAL_FORMAT and UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL (each
// service principal's names and keys), UNSUPPORTED_ACTION_IN_POLICY,
// UNSUPPORTED_RESOURCE_ARN_IN_POLICY and IRRELEVANT_CONDITION_KEY_IN_POLICY (the resource type a
// resource policy is attached to), USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES,
// FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE, CONFIRM_AUDIENCE_CLAIM_TYPE, INVALID_KMS_KEY_VALUE and
// VARIABLE_USAGE_TOO_PERMISSIVE; in part, INVALID_PARTITION and UNIQUE_SIDS_REQUIRED per service.
// CHECKS.md in this folder lists every check of Access Analyzer's reference, made or not, and why.
package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/policy"
)

// Finding is one issue in a policy.
type Finding struct {
	Code     Code
	Severity Severity
	Path     string // JSON path, e.g. "Statement[1].Action[0]"; "" for the document
	Offset   int    // byte offset in the document
	Line     int    // 1-based line of Offset
	Col      int    // 1-based byte column of Offset
	Message  string // one line, lower case, no final period
}

// String formats the finding as "LINE:COL: PATH: SEVERITY CODE: message".
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d: ", f.Line, f.Col)
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s %s: %s", f.Severity, f.Code, f.Message)
	return b.String()
}

// Options configures the checks. The zero value applies the rules common to every kind of
// policy, with the default catalog.
type Options struct {
	// Kind selects the policy kind's grammar rules (policy.Policy.Check): a Principal in an
	// identity policy, a missing Principal in a resource policy, size limits, ... The zero value,
	// policy.KindAny, applies none of them.
	Kind policy.Kind
	// Catalog is the service catalog; nil means catalog.Default().
	Catalog *catalog.Catalog
	// Services are prefixes of services of your own (the actions of an application that
	// authorizes its requests with IAM-style policies): their actions, condition keys and
	// resources are not checked against the catalog, and statements naming them skip the
	// checks that need every action known.
	Services []string
}

// Lint parses data and returns every finding, sorted by position, with the zero Options (no
// kind-specific rules, the default catalog).
func Lint(data []byte) []Finding { return Options{}.Lint(data) }

func (o Options) kind() policy.Kind { return o.Kind }

func (o Options) cat() *catalog.Catalog {
	if o.Catalog != nil {
		return o.Catalog
	}
	return catalog.Default()
}

// Lint parses data and returns its findings, sorted by position: the grammar findings of a
// document the parser rejects, or, for one it accepts, the grammar warnings and every check of
// this package. It never panics.
func (o Options) Lint(data []byte) []Finding {
	p, err := policy.Options{Kind: o.kind()}.Parse(data)
	if err != nil {
		var fs []Finding
		if list, ok := err.(policy.ErrorList); ok {
			for _, e := range list {
				fs = append(fs, grammarFinding(e, o.kind()))
			}
		} else {
			fs = append(fs, Finding{Code: JSONSyntaxError, Severity: Error, Line: 1, Col: 1, Message: err.Error()})
		}
		return sortFindings(fs)
	}
	return o.Policy(p)
}

// Policy returns the findings of a parsed policy: its grammar findings for the options' kind
// (policy.Policy.Check) and every check of this package, sorted by position.
func (o Options) Policy(p *policy.Policy) []Finding {
	var fs []Finding
	for _, e := range p.Check(o.kind()) {
		fs = append(fs, grammarFinding(e, o.kind()))
	}
	l := &linter{p: p, cat: o.cat(), kind: o.kind(), own: o.Services}
	l.run()
	fs = append(fs, l.out...)
	return sortFindings(fs)
}

// sortFindings sorts by position and then severity, and drops a finding that repeats the code
// and path of a more severe one at the same place (the parser can report an empty condition
// value list both as a warning and as an error).
func sortFindings(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Offset != fs[j].Offset {
			return fs[i].Offset < fs[j].Offset
		}
		return fs[i].Severity < fs[j].Severity
	})
	out := fs[:0]
	for i, f := range fs {
		if i > 0 {
			p := out[len(out)-1]
			if p.Offset == f.Offset && p.Code == f.Code && p.Path == f.Path {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// HasErrors reports whether fs holds an ERROR finding.
func HasErrors(fs []Finding) bool { return Worst(fs) == Error }

// Worst returns the most serious severity in fs, or 0 when fs is empty.
func Worst(fs []Finding) Severity {
	var w Severity
	for _, f := range fs {
		if w == 0 || f.Severity < w {
			w = f.Severity
		}
	}
	return w
}
