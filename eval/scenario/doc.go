// Package scenario reads scenario files and runs them through the evaluator. A scenario file
// states "these policies, these requests, and this is what AWS decides": the project's
// reference corpus (testdata/scenarios), the shared conformance corpus and the iamcheck test
// command all use this one format.
//
// The rule ids cited below (C5.15, X8.3, ...) are defined in SEMANTICS.md at the root of the
// module.
//
// # A file
//
// A scenario file is one JSON object, in UTF-8, with these members:
//
//   - "name" (string, required): what the scenario shows.
//   - "source" (string, required): where the expected decisions come from: a page of the AWS
//     documentation, another project's test, or a reasoning note naming the documented rule it
//     follows.
//   - "notes" (a string or an array of strings, optional): remarks for people; never read by the
//     evaluator.
//   - "policies" (object, optional): the policies in force, below. Absent means none at all.
//   - "requests" (array, required, may be empty): the requests to decide, below.
//
// # Policies
//
// Every policy is written inline, as the JSON object AWS would store. The members of
// "policies" are all optional; each fills one field of [eval.PolicySet]:
//
//   - "identity": an array of policies: the identity-based policies of the caller (for an IAM
//     user, its own and its groups'; for a role session, the role's).
//   - "resource": one policy, or null: the resource-based policy of the resource (a bucket
//     policy, a KMS key policy, a role's trust policy, a secret's policy, ...).
//   - "boundary": an array of policies: the caller's permissions boundary (normally one).
//   - "session": an array of policies: the session policies passed when the session was
//     created.
//   - "scp": an array of levels, each an array of policies: the service control policies from
//     the organization root down to the caller's account. Every level must allow.
//   - "rcp": the same shape, for the resource control policies of the resource's account.
//
// A kind that is absent, or an empty array, does not apply: no "scp" means the account is not
// in an organization, not that SCPs deny everything. An empty level inside "scp" or "rcp" ([])
// is different: that level has no Allow, so it denies every request it applies to.
//
// Policies are parsed as the evaluator reads them, with [policy.Options] Lenient: syntax,
// grammar and values are checked, and the few things AWS would refuse on save but an
// evaluator can still decide fail-closed (an unreadable condition value, a bare ARN string as
// Principal, a short ARN, a wildcard in an action's service prefix) are accepted. The rules of
// each policy kind (no Principal in an identity policy, ...) are not checked here: use
// "iamcheck validate --kind" for that. Errors inside a policy are reported at their line and
// column in the scenario file, with a path such as
// policies.identity[0].Statement[1].Effect.
//
// # Requests
//
// Each element of "requests" is an object with these members:
//
//   - "name" (string, optional): shown in results; requests[i] when absent. In the corpus it
//     starts with the id of the rule that decides it, as in "X8.1 bucket in B needs both sides".
//   - "principal" (string, required): the caller. An IAM user ARN
//     (arn:aws:iam::A:user/NAME), a role session (arn:aws:sts::A:assumed-role/ROLE/SESSION), a
//     role ARN (standing for a session of that role), the account root
//     (arn:aws:iam::A:root), a federated user (arn:aws:sts::A:federated-user/NAME), a service
//     principal in lower case (s3.amazonaws.com), an identity provider calling
//     sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML written federated:PROVIDER
//     (federated:cognito-identity.amazonaws.com,
//     federated:arn:aws:iam::A:saml-provider/Okta), or anonymous.
//   - "action" (string, required): service:Action.
//   - "resource" (string, required): the resource ARN, or * for actions without resource-level
//     permissions.
//   - "resourceAccount" (string, optional): the 12-digit account that owns the resource. When
//     absent, the ARN's account field is used; when that is empty too (S3 ARNs carry none), the
//     request is decided as cross-account, where both sides must allow, and the explanation says
//     so (X8.3).
//   - "context" (object, optional): the request context. Each member is a key and its value: a
//     string, or an array of strings for a multivalued key. JSON numbers and booleans are
//     accepted and stand for their text (true is "true", 10.0 is "10.0"). An array makes the
//     key multivalued even with one element or none ([condition.Entry] Multi), so an operator
//     without ForAnyValue:/ForAllValues: on it is false only where both readings are false, and
//     unknown otherwise (C5.15). Key names compare without case. A value compared with
//     BinaryEquals is written base64-encoded, as the IAM policy simulator takes binary values.
//     A role session's request should carry aws:PrincipalArn, the role's ARN with its path;
//     without it that key is unknown, never rebuilt from the session ARN (S9.2).
//   - "expect" (string): the expected decision, spelled exactly Allow, ExplicitDeny or
//     ImplicitDeny ([eval.ParseDecision]). Corpus files give one for every request. A request
//     without one, or with "", has no expectation: it is decided and reported, and always
//     passes.
//
// The loader checks the shape of a request, not its meaning: a principal, action, resource,
// resourceAccount or context that the evaluator finds malformed ([eval.Request.Validate]: an
// action with a wildcard, a resource account that is not 12 digits, a derived key that
// contradicts the principal, ...) loads, and is decided ImplicitDeny with the reason
// invalid-request (C5.0). Fail-closed scenarios rely on this.
//
// # What the loader refuses
//
// [Parse] reports every problem it finds, each as an [*Error] printed
// FILE:LINE:COL: PATH: message, joined with [errors.Join]:
//
//   - bytes that are not valid UTF-8, text that is not JSON, or an unpaired surrogate escape
//     such as \ud800, which JSON readers turn into U+FFFD (one error, at the offending byte);
//   - a member not listed above (context keys aside) ("unknown field"), and a key repeated in
//     one object ("duplicate key");
//   - a member of the wrong JSON type ("expected a string, got a number", ...);
//   - a missing name, source or requests, and a request without principal, action or
//     resource;
//   - an expect other than the three spellings;
//   - a context value that is null or an object, or an array holding anything but strings,
//     numbers and booleans;
//   - two context keys that are equal without case (C5.2);
//   - every error of a policy that does not parse (warnings are dropped).
//
// A file that does not load is a failure, never a skipped case. [Run] compiles the policies
// ([eval.Options.Compile]) and can fail there too, for the few patterns the compiler refuses.
//
// # Size
//
// [Load] and [LoadAll] read at most [MaxFileBytes] (16 MiB) plus one byte of a file, whatever
// it is (a device or a pipe included), and return a [*TooLargeError] for a longer one. [Parse]
// takes bytes already read and has no limit.
//
// # Running scenarios
//
// [Load] reads one file; [LoadAll] takes files and directories (searched recursively for *.json
// files, in sorted order) and returns every file that loaded with the errors of the others.
// [Run] compiles a file's policies once and decides each request with both
// [eval.Evaluator.Decide] and [eval.Evaluator.Explain], reporting an error if they disagree. A
// [Result] holds the decision, the explanation and whether it matched the expectation.
//
// From the shell:
//
//	iamcheck test [--json] [-v] FILE|DIR...
//
// runs the files (- reads one scenario from standard input) with the zero [eval.Options]: the
// default request limits, and no clock, so a policy reading aws:CurrentTime needs it in the
// request's context. It prints one line per failing request, FILE:LINE:COL with the scenario
// and request names and the expected and actual decisions, followed by the explanation; -v also
// prints passing requests; every file that does not load counts as one failure. The last line
// is exactly "N passed, M failed". The exit status is 0 when everything passed, 1 when a request
// failed, a file did not load or no file was found, and 2 for a usage error, a path that does
// not exist or unreadable standard input. --json writes the results as JSON (schema in go doc
// github.com/iamgo/iam/cmd/iamcheck).
//
// In the repository, go test ./eval/scenario runs the corpus (TestCorpus).
//
// # Example
//
// A team reads only its own prefix of a shared bucket, and the bucket refuses plain HTTP:
//
//	{
//	  "name": "a team reads its own prefix of a shared bucket",
//	  "source": "IAM user guide: policy variables, Bool; SEMANTICS V6.1, C5.8, X8.3",
//	  "notes": "The bucket policy denies every request made without TLS.",
//	  "policies": {
//	    "identity": [{
//	      "Version": "2012-10-17",
//	      "Statement": [{
//	        "Effect": "Allow",
//	        "Action": "s3:GetObject",
//	        "Resource": "arn:aws:s3:::shared-bucket/${aws:PrincipalTag/team}/*"
//	      }]
//	    }],
//	    "resource": {
//	      "Version": "2012-10-17",
//	      "Statement": [{
//	        "Effect": "Deny",
//	        "Principal": "*",
//	        "Action": "s3:*",
//	        "Resource": "arn:aws:s3:::shared-bucket/*",
//	        "Condition": {"Bool": {"aws:SecureTransport": false}}
//	      }]
//	    }
//	  },
//	  "requests": [
//	    {
//	      "name": "V6.1 blue reads a blue report",
//	      "principal": "arn:aws:iam::111122223333:user/alice",
//	      "action": "s3:GetObject",
//	      "resource": "arn:aws:s3:::shared-bucket/blue/report.csv",
//	      "resourceAccount": "111122223333",
//	      "context": {"aws:PrincipalTag/team": "blue", "aws:SecureTransport": true},
//	      "expect": "Allow"
//	    },
//	    {
//	      "name": "V6.1 blue cannot read a red report",
//	      "principal": "arn:aws:iam::111122223333:user/alice",
//	      "action": "s3:GetObject",
//	      "resource": "arn:aws:s3:::shared-bucket/red/report.csv",
//	      "resourceAccount": "111122223333",
//	      "context": {"aws:PrincipalTag/team": "blue", "aws:SecureTransport": true},
//	      "expect": "ImplicitDeny"
//	    },
//	    {
//	      "name": "V6.1 a tag given as a list has no single value: the Allow does not apply",
//	      "principal": "arn:aws:iam::111122223333:user/alice",
//	      "action": "s3:GetObject",
//	      "resource": "arn:aws:s3:::shared-bucket/blue/report.csv",
//	      "resourceAccount": "111122223333",
//	      "context": {"aws:PrincipalTag/team": ["blue"], "aws:SecureTransport": true},
//	      "expect": "ImplicitDeny"
//	    },
//	    {
//	      "name": "C5.8 without TLS the bucket policy denies",
//	      "principal": "arn:aws:iam::111122223333:user/alice",
//	      "action": "s3:GetObject",
//	      "resource": "arn:aws:s3:::shared-bucket/blue/report.csv",
//	      "resourceAccount": "111122223333",
//	      "context": {"aws:PrincipalTag/team": "blue", "aws:SecureTransport": "false"},
//	      "expect": "ExplicitDeny"
//	    },
//	    {
//	      "name": "X8.3 no resource account: decided cross-account, and the bucket policy grants nothing",
//	      "principal": "arn:aws:iam::111122223333:user/alice",
//	      "action": "s3:GetObject",
//	      "resource": "arn:aws:s3:::shared-bucket/blue/report.csv",
//	      "context": {"aws:PrincipalTag/team": "blue", "aws:SecureTransport": true},
//	      "expect": "ImplicitDeny"
//	    }
//	  ]
//	}
//
// Saved as team-prefix.json, "iamcheck test team-prefix.json" prints "5 passed, 0 failed".
package scenario
