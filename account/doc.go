// Package account loads whole AWS accounts and answers questions about them: can a principal
// make a request ([Model.Can]), who can make it ([Model.WhoCan]), what can a principal do
// ([Model.WhatCan]), and who can end up as a role ([Model.WhoCanBecome]).
//
// # Inputs
//
// Exports: the output of aws iam get-account-authorization-details, exactly as AWS writes it
// (UserDetailList, GroupDetailList, RoleDetailList, Policies). Policy documents may be JSON
// objects (the AWS CLI, boto3), JSON strings, or URL-encoded JSON strings (the raw API, the Go
// and JavaScript SDKs); dates may be "2023-03-09 10:41:45+00:00" or RFC 3339. Several files
// load into one model: the pages of a paginated export (IsTruncated/Marker; every account
// needs its last page, else the load fails) and the exports of several accounts. Only the
// default version of each managed policy is used. An AWS managed policy that an export
// references without including is read from [Options.ManagedPolicyDir] (NAME.json); one that
// no input holds, like a group missing from the export, makes the principals that use it
// uncertain (see below).
//
// Organization (optional), close to what aws organizations describe-organization,
// describe-policy and list-roots / list-organizational-units-for-parent / list-accounts-for-parent
// print:
//
//	{
//	  "Organization": {"Id": "o-abc", "MasterAccountId": "999999999999"},
//	  "Policies": [
//	    {"PolicySummary": {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess",
//	                       "Type": "SERVICE_CONTROL_POLICY"},
//	     "Content": "{\"Version\": \"2012-10-17\", \"Statement\": [...]}"}
//	  ],
//	  "Root": {
//	    "Id": "r-root",
//	    "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}],
//	    "PolicyIds": ["p-FullAWSAccess"],
//	    "OrganizationalUnits": [
//	      {"Id": "ou-prod", "Name": "prod", "PolicyIds": ["p-FullAWSAccess", "p-..."],
//	       "OrganizationalUnits": [...],
//	       "Accounts": [{"Id": "111111111111", "Name": "a", "PolicyIds": ["p-FullAWSAccess"]}]}
//	    ],
//	    "Accounts": [{"Id": "999999999999", "PolicyIds": ["p-FullAWSAccess"]}]
//	  }
//	}
//
// Content is a policy document in any of the three forms. Policies of other types (tag,
// backup) are ignored. A type is in force when Root.PolicyTypes lists it ENABLED, or, without
// PolicyTypes, when the file holds a policy of that type; then every level from the root to an
// account needs an Allow (E7.9, E7.10), and a level listing none of its policies allows nothing
// (AWS never leaves one empty). SCPs do not restrict the management account's principals nor
// service-linked roles; RCPs do not restrict the management account's resources.
//
// Resource policies (optional): one file per resource, or several in one file,
//
//	{"ResourceArn": "arn:aws:s3:::bucket", "ResourceAccount": "111111111111", "Policy": DOC}
//	{"ResourcePolicies": [ {...}, {...} ]}
//
// where "ARN" and "ResourcePolicy" may stand for "ResourceArn" and "Policy" (as
// secretsmanager get-resource-policy prints them) and ResourceAccount is needed only when the
// ARN has no account (S3). An S3 object is governed by its bucket's policy. Role trust
// policies come from the export, never from these files.
//
// # The model
//
// Every principal's policies are assembled as AWS combines them (E7.1): a user's inline
// policies, attached managed policies and each group's inline and attached policies; a role's
// inline and attached policies; the permissions boundary; the SCP levels of its account. Each
// managed policy is parsed once and shared by every principal it is attached to, and each
// principal's set is compiled once into an [eval.Evaluator] (principals with exactly the same
// policies share one). A role's trust policy is the resource policy of sts actions on the role
// (S9.1). The model adds what it knows about the caller to every request: aws:PrincipalArn,
// aws:userid, aws:PrincipalTag/KEY (role tags replaced by session tags, S9.6),
// aws:PrincipalOrgID and aws:PrincipalOrgPaths.
//
// Requests on a resource of the principal's own account without a resource policy, without
// session policies, are decided by the principal's compiled evaluator. Other requests (a
// resource policy, a trust policy, another account's resource and its RCPs, session policies)
// are decided by an evaluator compiled for the request from the statements that can match its
// action (a statement whose Action does not match never applies, E7.2). eval has no way yet to
// compose separately compiled parts (a principal's side and a resource's side), which would
// remove that per-request compilation.
//
// # Certainty
//
// The model never answers more than it knows (C5.0). A principal whose policies are missing in
// part is uncertain: its answers are never Allow; an explicit deny stays certain (a missing
// policy cannot lift it), and an implicit deny stays certain when the request would be denied
// even if the missing identity policies allowed everything. Who-can and who-can-become list
// uncertain principals apart. Answers that depend on context keys the request lacks (an
// ExternalId, MFA, a source IP) are listed as conditional, with the keys, only when some values
// of those keys could allow the request.
//
// # Errors
//
// A malformed input fails the load with an [ErrorList] naming file, JSON path and line:column
// of every problem (a policy document written as a string also gives the position inside the
// decoded document). A principal that is not in the model is an error wrapping
// [ErrUnknownPrincipal], never a deny. Loading never panics, whatever the input.
//
// A Model is immutable once loaded and safe for concurrent use.
package account
