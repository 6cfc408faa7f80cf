package eval

import (
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
)

type callerKind uint8

const (
	cUnknown   callerKind = iota // unreadable principal: no identity side
	cAnonymous                   // "anonymous"
	cService                     // a service principal such as s3.amazonaws.com
	cIdP                         // "federated:NAME": an identity provider calling AssumeRoleWith*
	cRoot                        // arn:P:iam::A:root
	cUser                        // IAM user
	cSession                     // assumed-role session
	cRole                        // a role ARN given as the caller: treated as a session of that role
	cFedUser                     // GetFederationToken session
)

// caller is the request's principal, read without allocating.
type caller struct {
	kind      callerKind
	text      string // the principal as given
	name      string // service or IdP name; role name for sessions and roles
	partition string
	account   string
	roleARN   string // aws:PrincipalArn for sessions when the request carries it
	userID    string // aws:userid, read from the request only for unique-ID principals
	userRead  bool   // userID was looked up (once per decision: the lookup scans the context)
	ctx       []condition.Entry
	slr       bool // a service-linked role (E7.9, E7.10)
}

// loadUserID reads aws:userid from the request (P4.11) the first time a unique-ID principal
// needs it.
//
// Once per decision: a Principal listing tens of thousands of unique IDs for a request without
// aws:userid looked it up again for each (7 ms for 1 MiB of IDs and 256 context keys, now 0.7).
func (c *caller) loadUserID() {
	if !c.userRead {
		c.userRead = true
		// A value marked Unknown or Multi is no certain unique ID (P4.11, C5.0, 2026-12).
		if v, ok := certain(c.ctx, "aws:userid"); ok {
			c.userID = v
		}
	}
}

func (c *caller) iam() bool { return c.kind >= cRoot }

func (c *caller) roleSession() bool { return c.kind == cSession || c.kind == cRole }

func parseCaller(p string) caller {
	var c caller
	c.parse(p)
	return c
}

// parse classifies the principal p into c, which must be zero. It splits the ARN itself (the
// same rules as arn.Parse: six parts, a partition of lower-case letters, digits and '-', a
// service and a resource) because it runs on every request.
//
// Measured: BenchmarkParseCaller 34 -> 13 ns (c03aae6). Slow twins: parseARN and arn.Parse
// (TestFastCallerMatchesSlow).
func (c *caller) parse(p string) {
	c.text = p
	// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE. Most callers are IAM users and role
	// sessions of the aws partition: arn:aws:iam::ACCOUNT:... or arn:aws:sts::ACCOUNT:..., split
	// here with one search for the colon after the account.
	if len(p) > len("arn:aws:iam::") && p[:8] == "arn:aws:" && p[11:13] == "::" && (p[8:11] == "iam" || p[8:11] == "sts") {
		if j := strings.IndexByte(p[13:], ':'); j >= 0 {
			if res := p[14+j:]; res != "" {
				c.classify(p, "aws", p[8:11], p[13:13+j], res)
			}
			return
		}
	}
	switch {
	case p == "anonymous" || p == "*":
		c.kind = cAnonymous
		return
	case strings.HasPrefix(p, "federated:"):
		c.kind, c.name = cIdP, p[len("federated:"):]
		return
	case !strings.HasPrefix(p, "arn:"):
		if strings.Contains(p, ".") && !strings.ContainsAny(p, ":/ ") {
			c.kind, c.name = cService, p
		}
		return
	}
	c.parseARN(p)
}

// parseARN is parse for any ARN: one byte loop finds the four colons after "arn:" (cheaper
// than IndexByte calls on strings this short).
func (c *caller) parseARN(p string) {
	var cut [4]int
	k := 0
	for i := 4; i < len(p) && k < 4; i++ {
		if p[i] == ':' {
			cut[k] = i
			k++
		}
	}
	if k < 4 {
		return
	}
	partition, service, account, res := p[4:cut[0]], p[cut[0]+1:cut[1]], p[cut[2]+1:cut[3]], p[cut[3]+1:]
	if partition == "" || service == "" || res == "" {
		return
	}
	for i := 0; i < len(partition); i++ {
		if b := partition[i]; !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-') {
			return
		}
	}
	c.classify(p, partition, service, account, res)
}

// classify sets the caller's kind from the parts of its ARN p.
func (c *caller) classify(p, partition, service, account, res string) {
	c.partition, c.account = partition, account
	switch service {
	case "iam":
		switch {
		case res == "root":
			c.kind = cRoot
		case strings.HasPrefix(res, "user/"):
			if name := res[strings.LastIndexByte(res, '/')+1:]; name != "" {
				c.kind, c.name = cUser, name
			}
		case strings.HasPrefix(res, "role/"):
			if name := res[strings.LastIndexByte(res, '/')+1:]; name != "" {
				c.kind, c.name, c.roleARN = cRole, name, p
			}
		}
	case "sts":
		switch {
		case strings.HasPrefix(res, "assumed-role/"):
			rest := res[len("assumed-role/"):]
			if i := strings.IndexByte(rest, '/'); i > 0 && i < len(rest)-1 {
				c.kind, c.name = cSession, rest[:i]
			}
		case strings.HasPrefix(res, "federated-user/") && len(res) > len("federated-user/"):
			c.kind = cFedUser
		}
	}
}

// principalARN is aws:PrincipalArn for IAM callers (S9.2): the role ARN for sessions.
func (c *caller) principalARN() string {
	switch c.kind {
	case cSession, cRole:
		return c.roleARN
	case cRoot, cUser, cFedUser:
		return c.text
	}
	return ""
}

// matchRole reports whether role entry e names the caller's role, and whether that is
// uncertain: without aws:PrincipalArn the role's path is unknown, and an entry with the session's
// account and role name may or may not be its ARN (P4.3; 2026-12: the role ARN is never rebuilt
// without its path).
func (c *caller) matchRole(e *principalEntry) (match, doubt bool) {
	if !c.roleSession() {
		return false, false
	}
	if c.roleARN != "" {
		return e.text == c.roleARN, false
	}
	return false, e.account == c.account && e.partition == c.partition && e.name == c.name
}

// wellFormed returns why the caller is not a principal of a known kind, or "".
func (c *caller) wellFormed() string {
	p := c.text
	switch c.kind {
	case cUnknown:
		return `expected an IAM user, role or root ARN, an assumed-role or federated-user session ARN, a service principal, "anonymous" or federated:PROVIDER`
	case cAnonymous:
		if p != "anonymous" {
			return `expected "anonymous"`
		}
		return ""
	case cService:
		// Lower-case DNS labels: AWS spells service principals this way, and compares them so.
		if hostProblem(p) {
			return "expected a service principal such as s3.amazonaws.com (lower case)"
		}
		return ""
	case cIdP:
		if !all(c.name, clsPrintable) {
			return "expected federated:PROVIDER with a provider name or ARN without whitespace"
		}
		return idpProblem(c.name)
	}
	// An IAM or STS ARN: arn:PARTITION:SERVICE::ACCOUNT:RESOURCE.
	if !arn.KnownPartition(c.partition) {
		return "unknown partition (expected aws, aws-cn, aws-us-gov, ... in lower case)"
	}
	if !arn.IsAccountID(c.account) {
		return "expected the account as 12 digits"
	}
	// The region must be empty: the parts before the account are "arn:P:S:" then ":".
	if n := len("arn:") + len(c.partition) + len(":iam:"); len(p) <= n || p[n] != ':' {
		return "IAM and STS principals have no region"
	}
	res := p[len("arn:")+len(c.partition)+len(":iam::")+len(c.account)+1:]
	switch c.kind {
	case cRoot:
		return ""
	case cUser, cRole:
		// user/[path/]name or role/[path/]name: the path in letters, digits, IAM name
		// characters and '/', the name at most 64 of the IAM name characters.
		_, rest, _ := strings.Cut(res, "/")
		i := strings.LastIndexByte(rest, '/')
		path, name := rest[:i+1], rest[i+1:]
		if len(name) > 64 || !all(name, clsIAMName) {
			return "expected a user or role name of at most 64 letters, digits and + = , . @ _ -"
		}
		for j := 0; j < len(path); j++ {
			if b := path[j]; b != '/' && classes[b]&clsIAMName == 0 {
				return "expected a path of letters, digits, + = , . @ _ - and '/'"
			}
		}
		// The path is "/" + path: user//alice has the path "//", an empty segment too.
		if strings.HasPrefix(path, "/") || strings.Contains(path, "//") {
			return "empty path segment"
		}
		return ""
	case cSession:
		rest := res[len("assumed-role/"):]
		role, session, _ := strings.Cut(rest, "/")
		if len(role) > 64 || !all(role, clsIAMName) {
			return "expected assumed-role/ROLE/SESSION with the role name in letters, digits and + = , . @ _ -"
		}
		// AWS sets session names of 2 to 64 characters; a shorter one is no ambiguity, so only
		// the characters and the upper bound are enforced.
		if len(session) > 64 || !all(session, clsIAMName) {
			return "expected a session name of at most 64 letters, digits and + = , . @ _ -"
		}
		return ""
	case cFedUser:
		name := res[len("federated-user/"):]
		if len(name) > 32 || !all(name, clsIAMName) {
			return "expected a federated user name of at most 32 letters, digits and + = , . @ _ -"
		}
		return ""
	}
	return "unknown principal kind"
}

// idpProblem returns why name is not an identity provider of a Federated principal (P4.7), or
// "": a host name in lower case, as AWS spells web identity providers (cognito-identity.amazonaws.com,
// accounts.google.com, ...), or an IAM ARN arn:PARTITION:iam::ACCOUNT:saml-provider/NAME or
// ...:oidc-provider/HOST[/PATH] with a lower-case host. A provider in another case, or an ARN
// with an unknown partition, a region or a malformed account, names no provider for certain: a
// Deny naming the provider would lapse (C5.0).
func idpProblem(name string) string {
	if !strings.HasPrefix(name, "arn:") {
		if hostProblem(name) {
			return "expected federated:PROVIDER with the provider's host name in lower case (accounts.google.com) or its IAM ARN"
		}
		return ""
	}
	f, n := arn.Split(name)
	switch {
	case n < 6 || !arn.KnownPartition(f[1]) || f[2] != "iam" || f[3] != "" || !arn.IsAccountID(f[4]):
		return "expected federated:arn:PARTITION:iam::ACCOUNT:saml-provider/NAME or ...:oidc-provider/HOST"
	case strings.HasPrefix(f[5], "saml-provider/"):
		if p := f[5][len("saml-provider/"):]; p == "" || strings.ContainsAny(p, "/:*?") {
			return "expected federated:arn:PARTITION:iam::ACCOUNT:saml-provider/NAME"
		}
		return ""
	case strings.HasPrefix(f[5], "oidc-provider/"):
		host, _, _ := strings.Cut(f[5][len("oidc-provider/"):], "/")
		if hostProblem(host) {
			return "expected federated:arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST with the host in lower case"
		}
		return ""
	}
	return "expected federated:arn:PARTITION:iam::ACCOUNT:saml-provider/NAME or ...:oidc-provider/HOST"
}

// hostProblem reports whether s is not a host name of lower-case DNS labels (letters, digits,
// '-') joined by single dots.
func hostProblem(s string) bool {
	label := 0
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '.':
			if label == 0 {
				return true
			}
			label = 0
		case classes[b]&clsService != 0:
			label++
		default:
			return true
		}
	}
	return label == 0
}

// sessionName returns the session part of an assumed-role ARN ("" for other callers).
func (c *caller) sessionName() string {
	if c.kind != cSession {
		return ""
	}
	return c.text[strings.LastIndexByte(c.text, '/')+1:]
}
