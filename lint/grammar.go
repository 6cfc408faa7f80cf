package lint

import (
	"strings"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// grammarFinding gives a finding of the policy package Access Analyzer's code, keeping its
// severity (an error stays an ERROR; a warning becomes a WARNING, or a SUGGESTION where Access
// Analyzer calls the same thing a suggestion).
func grammarFinding(e *policy.Error, kind policy.Kind) Finding {
	f := Finding{Path: e.Path, Offset: e.Offset, Line: e.Line, Col: e.Col, Message: e.Msg, Severity: Error}
	if e.Severity == policy.SeverityWarning {
		f.Severity = Warning
	}
	last := lastElement(e.Path)
	switch e.Code {
	case policy.CodeTooLarge, policy.CodeTooDeep, policy.CodeInvalidUTF8, policy.CodeSyntax, policy.CodeNotObject:
		f.Code = JSONSyntaxError
	case policy.CodeUnknownElement:
		f.Code = InvalidPolicyElement
		if strings.Contains(e.Msg, "AWS, Service, Federated, CanonicalUser") || strings.Contains(e.Path, "Principal.") {
			f.Code = InvalidPrincipalKey
		}
	case policy.CodeDuplicateKey:
		f.Code = DuplicateKey
	case policy.CodeType:
		f.Code = DataTypeMismatch
	case policy.CodeMissing:
		switch {
		case strings.Contains(e.Msg, `"Statement"`):
			f.Code = MissingStatement
		case strings.Contains(e.Msg, `"Effect"`):
			f.Code = MissingEffect
		case strings.Contains(e.Msg, `"Action"`):
			f.Code = MissingAction
		case strings.Contains(e.Msg, `"Resource"`):
			f.Code = MissingResource
		case strings.Contains(e.Msg, `"Principal"`):
			f.Code = MissingPrincipal
		default:
			f.Code = InvalidPolicyElement
		}
	case policy.CodeVersion:
		f.Code = InvalidVersion
	case policy.CodeEffect:
		f.Code = InvalidEffect
	case policy.CodeActionConflict, policy.CodeResConflict, policy.CodePrinConflict:
		f.Code = UnsupportedElementCombination
	case policy.CodeAction:
		switch {
		case strings.Contains(e.Msg, "wildcard"):
			f.Code = WildcardInServiceName
		case strings.Contains(e.Msg, "${"):
			f.Code = VariableUnsupportedInElement
		default:
			f.Code = InvalidAction
		}
	case policy.CodeResource:
		switch {
		case strings.Contains(e.Msg, `expected "*" or an ARN`):
			f.Code = InvalidARNPrefix
		case strings.Contains(e.Msg, "wildcard in the service"):
			f.Code = WildcardInServiceName
		case strings.Contains(e.Msg, "must not contain a region"):
			f.Code = ARNRegionNotAllowed
		case strings.Contains(e.Msg, "policy variable"):
			f.Code = VariableUnsupportedInElement
		case strings.Contains(e.Msg, "fewer than six"), strings.Contains(e.Msg, "missing service"), strings.Contains(e.Msg, "empty partition"):
			f.Code = MissingARNField
		default:
			f.Code = InvalidARNResource
		}
	case policy.CodePrincipal:
		switch {
		case strings.Contains(e.Msg, "wildcard"), strings.Contains(e.Msg, `"*" is not a valid`):
			f.Code = UnsupportedWildcardPrincipal
		default:
			f.Code = InvalidPrincipalFormat
		}
	case policy.CodeOperator:
		switch {
		case strings.Contains(e.Msg, "NullIfExists"):
			f.Code = NullWithIfExists
		case strings.Contains(e.Msg, ":Null"):
			f.Code = NullWithQualifier
		default:
			f.Code = InvalidConditionOperator
		}
	case policy.CodeConditionValue:
		f.Code = conditionValueCode(e)
	case policy.CodeEmptyArray:
		f.Code = emptyArrayCode(e.Path)
		if f.Severity == Warning {
			f.Severity = Suggestion
		}
	case policy.CodeEmpty:
		switch {
		case strings.Contains(e.Path, "Principal"):
			f.Code = EmptyObjectPrincipal
		case strings.Contains(e.Path, "Condition"):
			f.Code = EmptyObjectCondition
		default:
			f.Code = MissingStatement
		}
		if f.Severity == Warning {
			f.Severity = Suggestion
		}
	case policy.CodeTooManyErrors:
		f.Code = TooManyFindings
	case policy.CodeSid:
		f.Code = UnsupportedSid
	case policy.CodeDuplicateSid:
		f.Code = UniqueSidsRequired
		if f.Severity == Warning {
			f.Code = UniqueSidsRecommended
		}
	case policy.CodePrincipalKind:
		switch {
		case kind == policy.KindSCP:
			f.Code = SCPSyntaxErrorPrincipal
		case kind == policy.KindTrust && last == "NotPrincipal":
			f.Code = TrustSyntaxErrorNotPrincipal
		case strings.HasPrefix(e.Msg, "missing"):
			f.Code = MissingPrincipal
		default:
			f.Code = UnsupportedPrincipal
		}
	case policy.CodeResourceRequired:
		f.Code = MissingResource
	case policy.CodeNotPrincipal:
		f.Code = AllowWithNotPrincipal
	case policy.CodeRCP:
		f.Code = rcpCode(e, last)
	case policy.CodeCharset:
		f.Code = InvalidCharacter
	case policy.CodeSize:
		switch kind {
		case policy.KindSCP:
			f.Code = PolicySizeSCP
		case policy.KindRCP:
			f.Code = PolicySizeRCP
		case policy.KindTrust:
			f.Code = PolicySizeRoleTrust
		case policy.KindResource:
			f.Code = PolicySizeResource
		default:
			f.Code = PolicySizeIdentity
		}
	case policy.CodePartition:
		f.Code = InvalidPartition
	case policy.CodeID:
		f.Code = IDInIdentityPolicy
	case policy.CodePublic:
		f.Code = AllowPublicPrincipal
	case policy.CodeNotElement:
		if last == "NotAction" {
			f.Code = AllowWithNotAction
		} else {
			f.Code = AllowWithNotResource
		}
	default:
		f.Code = Code(strings.ToUpper(strings.ReplaceAll(string(e.Code), "-", "_")))
	}
	return f
}

// rcpCode names a finding of the resource control policy grammar after the element it is about:
// the Principal or NotPrincipal (RCP_SYNTAX_ERROR_PRINCIPAL), an Allow other than the full-access
// statement (RCP_SYNTAX_ERROR_ALLOW), NotAction, and an Action value (RCP_SYNTAX_ERROR_ACTION).
// The Version rule has no Access Analyzer code and keeps ours, RCP_SYNTAX_ERROR.
func rcpCode(e *policy.Error, last string) Code {
	switch {
	case last == "Principal" || last == "NotPrincipal" || strings.Contains(e.Msg, `"Principal"`):
		return RCPSyntaxErrorPrincipal
	case last == "Effect":
		return RCPSyntaxErrorAllow
	case last == "NotAction":
		return RCPSyntaxErrorNotAction
	case last == "Action":
		return RCPSyntaxErrorAction
	}
	return RCPSyntaxError
}

// lastElement returns the last dotted element of a JSON path, without an index.
func lastElement(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}

// conditionOperator returns the operator of a path "Statement[0].Condition.OP.KEY...", or ok
// false.
func conditionOperator(path string) (condition.Op, bool) {
	_, rest, ok := strings.Cut(path, ".Condition.")
	if !ok {
		return condition.Op{}, false
	}
	name, _, _ := strings.Cut(rest, ".")
	op, err := condition.ParseOp(name)
	return op, err == nil
}

// conditionValueCode names a value its operator cannot read after the operator's family.
func conditionValueCode(e *policy.Error) Code {
	op, ok := conditionOperator(e.Path)
	switch {
	case strings.Contains(e.Msg, "expected at least one value"):
		return emptyArrayCode(e.Path)
	case strings.Contains(e.Msg, "invalid character ' '"):
		return UnsupportedSpaceInVariable
	case strings.Contains(e.Msg, "invalid character"):
		return UnsupportedSymbolInVariable
	case strings.Contains(e.Msg, "without a matching"), strings.Contains(e.Msg, "unterminated"), strings.Contains(e.Msg, "missing '}'"):
		return MissingBraceInVariable
	case strings.Contains(e.Msg, "default"):
		return MissingQuoteInVariable
	case strings.Contains(e.Msg, "empty variable"), strings.Contains(e.Msg, "empty key"):
		return EmptyVariable
	case strings.Contains(e.Msg, "variables are not allowed in condition keys"):
		return InvalidConditionKeyFormat
	case !ok:
		return TypeMismatchString
	}
	if !op.Operator.Variables() && strings.Contains(e.Msg, "${") {
		return InvalidVariableForOperator
	}
	switch family(op.Operator) {
	case famNumeric:
		return TypeMismatchNumber
	case famDate:
		return TypeMismatchDate
	case famBool:
		return TypeMismatchBoolean
	case famIP:
		return TypeMismatchIPRange
	}
	return TypeMismatchString
}

// emptyArrayCode names an empty array after its element.
func emptyArrayCode(path string) Code {
	switch {
	case strings.Contains(path, ".Condition."):
		op, _ := conditionOperator(path)
		switch {
		case op.Qualifier == condition.ForAllValues:
			return EmptyArrayConditionForAll
		case op.Qualifier == condition.ForAnyValue:
			return EmptyArrayConditionForAny
		case op.IfExists:
			return EmptyArrayConditionIfExists
		}
		return EmptyArrayCondition
	case strings.Contains(path, "Principal"):
		return EmptyArrayPrincipal
	case strings.Contains(path, "Resource"):
		return EmptyArrayResource
	case strings.Contains(path, "Action"):
		return EmptyArrayAction
	}
	return EmptyArrayCondition
}

// Operator families.
type opFamily uint8

const (
	famString opFamily = iota + 1
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famARN
	famNull
)

func family(o condition.Operator) opFamily {
	switch o {
	case condition.StringEquals, condition.StringNotEquals, condition.StringEqualsIgnoreCase,
		condition.StringNotEqualsIgnoreCase, condition.StringLike, condition.StringNotLike:
		return famString
	case condition.NumericEquals, condition.NumericNotEquals, condition.NumericLessThan,
		condition.NumericLessThanEquals, condition.NumericGreaterThan, condition.NumericGreaterThanEquals:
		return famNumeric
	case condition.DateEquals, condition.DateNotEquals, condition.DateLessThan,
		condition.DateLessThanEquals, condition.DateGreaterThan, condition.DateGreaterThanEquals:
		return famDate
	case condition.Bool:
		return famBool
	case condition.BinaryEquals:
		return famBinary
	case condition.IpAddress, condition.NotIpAddress:
		return famIP
	case condition.ArnEquals, condition.ArnLike, condition.ArnNotEquals, condition.ArnNotLike:
		return famARN
	case condition.Null:
		return famNull
	}
	return 0
}
