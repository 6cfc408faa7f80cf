package eval

import (
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/policy"
)

// strength is how directly a resource-policy Principal names the caller (E7.5).
type strength uint8

const (
	sNone       strength = iota
	sDelegation          // the caller's account: the account's own policies must also allow
	sEntity              // the caller's role (or user behind a federated session): limited by boundary and session policies
	sDirect              // the caller itself, or "*": a grant on its own
)

var strengthNames = [...]string{"", "delegation", "entity", "direct"}

type entryKind uint8

const (
	eAccount entryKind = iota
	eUser
	eRole
	eSession
	eFedUser
	eOtherARN
	eUniqueUser
	eUniqueRole
	eUnknown
)

type principalEntry struct {
	kind      entryKind
	text      string
	partition string // "" for a bare account id
	account   string
	name      string // role name (eRole)
}

// principalSet is a compiled Principal or NotPrincipal element.
type principalSet struct {
	wildcard  bool // bare "*": everyone, services included
	awsStar   bool // {"AWS":"*"}: every AWS principal and anonymous callers (P4.9)
	aws       []principalEntry
	services  []string
	federated []string
}

func compilePrincipal(p *policy.Principal) *principalSet {
	ps := &principalSet{wildcard: p.Wildcard}
	if p.AWS != nil {
		for _, v := range p.AWS.Values {
			ps.addAWS(v.Value)
		}
	}
	if p.Service != nil {
		for _, v := range p.Service.Values {
			ps.services = append(ps.services, v.Value)
		}
	}
	if p.Federated != nil {
		for _, v := range p.Federated.Values {
			ps.federated = append(ps.federated, v.Value)
		}
	}
	// CanonicalUser (P4.8) identifies an S3 account by an ID requests never carry: it matches
	// no caller here. In a NotPrincipal that means the caller is not listed (fail closed).
	return ps
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (ps *principalSet) addAWS(v string) {
	switch {
	case v == "*":
		ps.awsStar = true
		return
	case isAccountID(v):
		ps.aws = append(ps.aws, principalEntry{kind: eAccount, text: v, account: v})
		return
	}
	a, err := arn.Parse(v)
	if err != nil {
		kind := eUnknown
		switch {
		case strings.HasPrefix(v, "AIDA"):
			kind = eUniqueUser
		case strings.HasPrefix(v, "AROA"):
			kind = eUniqueRole
		}
		ps.aws = append(ps.aws, principalEntry{kind: kind, text: v})
		return
	}
	e := principalEntry{kind: eOtherARN, text: v, partition: a.Partition, account: a.Account}
	switch {
	case a.IsRoot():
		e.kind = eAccount
	case a.IsUser():
		e.kind = eUser
	case a.IsRole():
		e.kind, e.name = eRole, a.Name()
	case a.IsAssumedRole():
		e.kind = eSession
	case a.IsFederatedUser():
		e.kind = eFedUser
	}
	ps.aws = append(ps.aws, e)
}

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
	ctx       []condition.Entry
	slr       bool // a service-linked role (E7.9, E7.10)
}

// loadUserID reads aws:userid from the request (P4.11) the first time a unique-ID principal
// needs it.
func (c *caller) loadUserID() {
	if c.userID == "" {
		cx := condition.Context{Keys: c.ctx}
		if v, ok := cx.Lookup("aws:userid"); ok && len(v) == 1 {
			c.userID = v[0]
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

// match returns how strongly ps names the caller; forDeny widens {"AWS":"*"} to service
// principals (P4.9 DOC-GAP, fail closed both ways).
func (ps *principalSet) match(c *caller, forDeny bool) strength {
	if ps.wildcard {
		return sDirect
	}
	best := sNone
	switch c.kind {
	case cService:
		if ps.awsStar && forDeny {
			return sDirect
		}
		for _, s := range ps.services {
			if s == c.name {
				return sDirect
			}
		}
		return sNone
	case cIdP:
		for _, f := range ps.federated {
			if f == c.name {
				return sDirect
			}
		}
		return sNone
	case cAnonymous, cUnknown:
		if ps.awsStar {
			return sDirect
		}
		return sNone
	}
	if ps.awsStar {
		return sDirect
	}
	doubt := false
	for i := range ps.aws {
		e := &ps.aws[i]
		s := sNone
		switch e.kind {
		case eAccount:
			if e.account == c.account && (e.partition == "" || e.partition == c.partition) {
				s = sDelegation
				if c.kind == cRoot {
					s = sDirect // the root user holds every permission of its account (E7.5)
				}
			}
		case eUser, eSession, eFedUser:
			if e.text == c.text {
				s = sDirect
			}
		case eRole:
			m, d := c.matchRole(e)
			if m {
				s = sEntity
			}
			doubt = doubt || d
		case eUniqueUser, eUniqueRole:
			// P4.11: a unique ID matches the caller's aws:userid; without one in the request it
			// is uncertain whether the caller is the principal the ID names (2026-12).
			c.loadUserID()
			switch {
			case e.kind == eUniqueUser && c.kind == cUser, e.kind == eUniqueRole && c.roleSession():
				if c.userID == "" {
					doubt = true
				}
			}
		}
		switch e.kind {
		case eUniqueUser:
			if c.kind == cUser && c.userID == e.text {
				s = sDirect
			}
		case eUniqueRole:
			if c.roleSession() && c.userID != "" && strings.HasPrefix(c.userID, e.text) && (len(c.userID) == len(e.text) || c.userID[len(e.text)] == ':') {
				s = sEntity
			}
		}
		if s > best {
			best = s
		}
	}
	if best == sNone && doubt && forDeny {
		return sDirect // C5.0: a Deny applies when it may name the caller
	}
	return best
}

// listedForNotPrincipal reports whether the caller escapes a NotPrincipal+Deny statement: every
// level of its chain (account, role, session or user) must be listed (P4.15).
func (ps *principalSet) listedForNotPrincipal(c *caller, hasLimits bool) bool {
	if ps.wildcard {
		return true
	}
	switch c.kind {
	case cService:
		for _, s := range ps.services {
			if s == c.name {
				return true
			}
		}
		return false
	case cIdP:
		for _, f := range ps.federated {
			if f == c.name {
				return true
			}
		}
		return false
	case cAnonymous, cUnknown:
		return ps.awsStar
	}
	if ps.awsStar {
		return true
	}
	if hasLimits && (c.kind == cUser || c.roleSession() || c.kind == cFedUser) {
		// NEWER: NotPrincipal+Deny always denies principals with a boundary (P4.15); 2026-12:
		// with a boundary or a session policy in play, a session or federated user is never
		// read as listed.
		return false
	}
	account, role, self := false, false, false
	for i := range ps.aws {
		e := &ps.aws[i]
		switch e.kind {
		case eAccount:
			if e.account == c.account && (e.partition == "" || e.partition == c.partition) {
				account = true
			}
		case eRole:
			if m, _ := c.matchRole(e); m {
				role = true // an uncertain match leaves the caller unlisted (C5.0)
			}
		case eUser, eSession, eFedUser:
			if e.text == c.text {
				self = true
			}
		}
	}
	switch c.kind {
	case cRoot:
		return account
	case cUser, cFedUser:
		return account && self
	case cSession:
		return account && role && self
	case cRole:
		return account && role
	}
	return false
}
