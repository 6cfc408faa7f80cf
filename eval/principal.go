package eval

import (
	"strings"

	"github.com/iamgo/iam/arn"
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

func (ps *principalSet) addAWS(v string) {
	switch {
	case v == "*":
		ps.awsStar = true
		return
	case arn.IsAccountID(v):
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
			// P4.2, E7.5: a user ARN also names the federated-user sessions that user created
			// with GetFederationToken. The request does not say who created a session, so a
			// user of the session's account may be its creator: uncertain (C5.0), a Deny
			// applies and an Allow does not.
			if e.kind == eUser && c.kind == cFedUser && e.account == c.account && e.partition == c.partition {
				doubt = true
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
	if hasLimits && (c.kind == cUser || c.roleSession() || c.kind == cFedUser) {
		// NEWER: NotPrincipal+Deny always denies principals with a boundary, whatever it lists,
		// "*" included (P4.15); 2026-12: with a boundary or a session policy in play, a session
		// or federated user is never read as listed.
		return false
	}
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
