// Package escalate finds privilege-escalation paths in an account model: who can make
// themselves more powerful than intended, how, and proved step by step with the engine.
//
// # Techniques
//
// The catalog (Techniques) describes, in its own words, the 65 documented paths of the
// pathfinding.cloud data set (each Technique names its path id: iam-001, lambda-001, sts-001,
// ...) and one it lacks, iam:SetDefaultPolicyVersion (extra-001). They fall into four
// categories: self-escalation (a principal rewrites its own policies or groups), principal
// access (keys, passwords, role sessions of another principal, possibly after widening it),
// new PassRole (a service runs the attacker's code as a role passed to it) and existing
// PassRole (a resource already running as a role is changed or driven).
//
// # Deciding each step
//
// Every request of a technique is decided by the model on the real target: "may U call
// iam:CreatePolicyVersion on policy P attached to U", "may U pass role R with
// iam:PassedToService lambda.amazonaws.com, and does R's trust policy admit
// lambda.amazonaws.com", with the account's explicit denies, boundaries, SCPs and RCPs,
// resource constraints and conditions (E7.4). A step's status says how sure it is:
//
//   - Certain: allowed on the policies of the model.
//   - Assumed: allowed given values the attacker chooses itself; today the issue time of a
//     session it creates at Options.Now (aws:TokenIssueTime, S9.7), listed as an assumption.
//   - Conditional: the step depends on context keys nobody in the model controls (MFA, a
//     source IP, ...) or on something the export does not describe: an existing Lambda
//     function, instance, stack, notebook or endpoint running as the role, a non-default
//     policy version, the number of a user's access keys, whether it has a password, the
//     number of versions of a policy (five at most; see Options.PolicyVersions), or a
//     foothold on a principal the attacker cannot reach in the model. Edge.Requires says what.
//   - Uncertain: the model lacks some of the caller's policies (C5.0); never asserted.
//
// Widening a principal (a policy written, attached or versioned) counts only if the result is
// admin-equivalent within the principal's boundary, SCPs and remaining Deny statements.
// A principal is admin-equivalent when it is allowed a set of probe requests (an action and a
// resource no policy names except by "*", and sensitive IAM, EC2, Lambda, S3 and
// Organizations actions), or when it can grant itself that with certainty.
//
// # Result
//
// Analyze returns the escalation graph (Edge: technique, target, steps with the statements
// that allowed them), the admin-equivalent principals, and for every other principal the
// shortest path to an admin-equivalent one: certain paths first, then assumed, conditional
// and uncertain ones. A principal without one gets, when it has one, an edge to a principal
// with strictly more permissions (Path.Wider: allowed on "*" every action it is, and more,
// among the actions the model's policies name). Service-linked roles never start a path:
// only their service assumes them.
//
// # Limits
//
// "Strictly more permissions" is judged on "*" over the actions the policies name, and only
// for single edges other than the service techniques (which are followed only towards roles
// that lead to an admin-equivalent principal). For one caller and one service technique,
// edges are listed to the three roles nearest to an admin-equivalent principal; the roles
// not examined are counted in Result.Omitted. Cross-account techniques are decided by the model like any request (IAM actions on
// another account's principals are denied, X8.1), so cross-account paths are only those of
// sts:AssumeRole. Resource names the analysis invents for new resources (escalate-probe) stand
// for a name the attacker chooses; for an existing resource, for any resource the caller's
// policy names for the action.
package escalate
