// Package compare answers, offline, the question a reviewer asks of every policy change:
// does the new version allow a request the old one did not? It offers IAM Access Analyzer's
// three custom checks — NoNewAccess (CheckNoNewAccess), AccessNotGranted
// (CheckAccessNotGranted) and NoPublicAccess (CheckNoPublicAccess) — plus Equivalent, and
// unlike Access Analyzer every FAIL comes with concrete witness requests, each decided Allow
// on the new side and not Allow on the old side by eval.Evaluator.Decide before it is
// returned, with the statements involved.
//
// # Verdicts
//
// A Result is Pass, Fail or Unknown. Pass means that no request of the model below is allowed
// by the new side and not by the old. Fail carries witnesses. Unknown says why the search could
// not decide (Result.Reason): it is never a pass in disguise. The zero Verdict is Unknown.
//
// # How
//
// There is no SMT solver: the request space is cut into finitely many classes such that every
// statement of either side (its action, resource, principal and each condition) gives the same
// answer for all requests of a class, and one representative request of each class is decided
// by eval on both sides. Every class is decided exactly as its representative (eval is a
// function of those answers), so when every dimension is cut exactly the search is complete.
// The dimensions:
//
//   - Actions: the catalog's universe, every known action plus one atom per service for
//     actions newer than the snapshot and one for unknown services (catalog.Set), refined by
//     every statement's Action/NotAction set and by the actions eval's service rules single out
//     (sts:GetCallerIdentity, the IAM and KMS reserved-resource actions, sts:* and kms:* for
//     E7.7, kms:RetireGrant for E7.10). One action represents each class (A2.1–A2.6), and
//     classes covered by the same statements and rules are searched once.
//   - Resources and string-like condition values (StringEquals/Like, StringEqualsIgnoreCase
//     with ASCII letters in either case, ArnEquals/Like, and their negations): glob languages read exactly as package arn reads them (R3.3,
//     C5.5, C5.11; a test checks the two agree). The subset automaton of all the globs a class
//     of actions meets is explored breadth first over the literal characters, ':' and one
//     other character (all others behave alike); every reachable state gives the set of globs
//     it accepts, and the first string reaching it is a shortest member. A bound on the states
//     explored (Options.MaxStates) turns the answer into Unknown when reached.
//   - Numbers, dates and IP addresses: intervals cut at the policies' literals (each literal,
//     a value between two neighbours, one below, one above, and a value the operator cannot
//     read, C5.0).
//   - Bool: true, false and an unreadable value. Null: absent or present.
//   - Every key may be absent (C5.4). A key read with a set qualifier, or multivalued by
//     definition (C5.15, the catalog's ArrayOf types), takes the empty set and every non-empty
//     subset of its value classes (exact up to five classes; beyond, single values and pairs
//     only, and Unknown).
//   - Callers: an IAM user (and a role session, when a condition reads a key eval derives from
//     the caller) of Options.Account for identity policies, with the callers named by
//     conditions on those keys (aws:userid values become the user, session, federated user or
//     root user they name, since eval refuses an aws:userid that contradicts the caller, S9.2); for resource policies, the root
//     user, an IAM user, a role session and a federated user of every account the policies
//     name and of one account they do not, every user, role, session, service and identity
//     provider they name (in Principal and in conditions on aws:PrincipalArn,
//     aws:PrincipalAccount, aws:username, aws:PrincipalServiceName), and the anonymous caller
//     (P4.1–P4.9). Resource policies are compared twice: with no identity policy for the
//     caller, and with one allowing everything (what cross-account access needs, X8.1).
//
// # Where it is complete, and where not
//
// Pass is exact (no request exists in the model) when none of the following occurs; each
// makes the result Unknown (unless a witness was found anyway, which is always genuine):
//
//   - a policy variable in a Resource or a condition value (V6.x): it ties two dimensions;
//   - a key read by operators of two families (a string and a number), or by BinaryEquals;
//   - wildcard or case-insensitive patterns on keys derived from the caller (aws:PrincipalArn
//     with ArnLike "...:role/*"), or unique principal IDs (AIDA...) in Principal;
//   - a multivalued key with more than five classes of values;
//   - the automaton bound, the request bound (Options.MaxRequests) or the time bound
//     (Options.Timeout, 10 s by default).
//
// The model itself has limits that no Unknown reports:
//
//   - Actions newer than the catalog snapshot are one atom per service, granted only by
//     patterns that cover the whole service (s3:*, *). A partial wildcard (s3:Get*) also
//     matches future names: for each such pattern one unknown name is probed (s3:GetZq,
//     matched as eval matches it), which finds the usual differences (s3:Get* replacing a list
//     of today's Get actions) but is not exhaustive over all future names.
//   - Single-valued keys carry one value, as AWS sends them; context keys are independent of
//     each other and of the caller (a witness may pair aws:CurrentTime and aws:EpochTime
//     values no clock gives, or an aws:PrincipalOrgID with an account outside that
//     organization).
//   - Identity policies are judged for callers in the resource's account (an identity policy
//     alone never allows cross-account, X8.1), not for service-linked roles (which SCPs do not
//     limit, E7.9) nor for federated users.
//   - NoPublicAccess considers callers outside every named account and the anonymous caller,
//     carrying none of the values the policy names for the restricting keys (see
//     Options.NoPublicAccess).
//
// # Cost
//
// A typical change (one statement added, narrowed or widened in a 20-statement policy) takes
// 5–20 ms; ReadOnlyAccess against itself minus one action 15–60 ms; the README's benchmark
// table has the measured numbers. Comparisons share nothing but the catalog and may run
// concurrently.
package compare
