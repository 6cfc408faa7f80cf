package eval

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/internal/ascii"
)

// The context checks of Request.Validate: the keys AWS always fills, duplicate keys, and the
// derived keys that must agree with the principal and the resource.

// alwaysFilled lists, lower-cased, the keys AWS never sends empty: an empty value for one of
// them is a malformed request (2026-12), so a policy variable never resolves to "".
var alwaysFilled = [...]string{
	"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username", "aws:userid",
	"aws:principalservicename", "aws:principalisawsservice", "aws:resourceaccount",
	"aws:principalservicenameslist", "aws:currenttime", "aws:epochtime", "aws:sourceaccount", "aws:sourcearn", "aws:sourceip",
	"aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:principalorgid", "aws:resourceorgid",
	"aws:federatedprovider", "aws:sourceidentity", "aws:tokenissuetime", "aws:securetransport",
	"aws:multifactorauthpresent", "aws:multifactorauthage", "aws:requestedregion", "aws:viaawsservice",
}

// emptyFilled returns the index of the first context entry that gives a key of alwaysFilled
// with no value at all, or -1. Such a request is doubtful (never allowed, C5.0), not malformed:
// an unqualified operator reads it as indeterminate, and a Deny on it still applies.
func emptyFilled(ctx []condition.Entry) int {
	for i := range ctx {
		if e := &ctx[i]; len(e.Values) == 0 && clean(e.Key) && filledIndex(e.Key) >= 0 {
			return i
		}
	}
	return -1
}

// filledByLen holds alwaysFilled by key length, so that a context key is compared with the one
// or two names of its length only.
var filledByLen = func() (t [32][]int) {
	for i, k := range alwaysFilled {
		t[len(k)] = append(t[len(k)], i)
	}
	return t
}()

// The derived keys, by their index in alwaysFilled.
const (
	kPrincipalArn = iota
	kPrincipalAccount
	kPrincipalType
	kUsername
	kUserid
	kPrincipalServiceName
	kPrincipalIsAWSService
	kResourceAccount
	kPrincipalServiceNamesList
	numDerived
)

// The two time keys, by their index in alwaysFilled (TestFilledIndexes).
const (
	kCurrentTime = numDerived + iota
	kEpochTime
)

// filledByLetter[c][n] is 1 + the index in alwaysFilled of the one name whose fifth byte is the
// letter 'a'+c and whose length is n, 0 for none, -1 when several share them (then filledByLen
// decides).
var filledByLetter = func() (t [26][32]int8) {
	for i, k := range alwaysFilled {
		c, n := k[4]-'a', len(k)
		if t[c][n] == 0 {
			t[c][n] = int8(i + 1)
		} else {
			t[c][n] = -1
		}
	}
	return t
}()

// filledIndex returns the index of key in alwaysFilled, or -1. key must be clean (no control
// byte, see filledAt).
func filledIndex(key string) int {
	if len(key) < 8 {
		return -1
	}
	return filledAt(key, ascii.Word(key, 0)|fold8, ascii.Word(key, len(key)-8)|fold8)
}

// filledAt is filledIndex for a clean key whose first and last eight bytes, folded (fold8), are
// fh and ft. The candidates come from the key's length and fifth byte; folded words compare
// exactly against names of letters and ':' when the key has no control byte, and names longer
// than 16 bytes are compared whole.
func filledAt(key string, fh, ft uint64) int {
	n := len(key)
	if n >= len(filledByLen) || uint32(fh) != awsPrefix {
		return -1
	}
	c := key[4] | 0x20
	if c < 'a' || c > 'z' {
		return -1
	}
	switch i := filledByLetter[c-'a'][n]; {
	case i == 0:
		return -1
	case i > 0:
		if isFilled(key, fh, ft, int(i-1)) {
			return int(i - 1)
		}
		return -1
	}
	for _, i := range filledByLen[n] {
		if isFilled(key, fh, ft, i) {
			return i
		}
	}
	return -1
}

// isFilled reports whether key (folded words fh, ft) is alwaysFilled[i].
func isFilled(key string, fh, ft uint64, i int) bool {
	return fh == filledHead[i] && ft == filledTail[i] && (len(key) <= 16 || ascii.EqualLower(key, alwaysFilled[i]))
}

func (l *Limits) checkContext(req *Request, c *caller) problem {
	ctx := req.Context
	if len(ctx) > l.MaxContextKeys {
		return problem{field: "Context", index: l.MaxContextKeys, reason: "more context keys than the request limit (Limits.MaxContextKeys)"}
	}
	// Each key's fingerprint under case folding, so that two keys are compared (C5.2) only
	// when they may be equal: comparing every pair cost 22 ms for 256 keys of 255 bytes that
	// agree under Unicode folding but for their last bytes (issue 14), 0.3 ms now. Keys past
	// the array (Limits.MaxContextKeys raised) are compared with every earlier key.
	if len(ctx) > 16 {
		if p := l.checkEntries(req, c); p.field != "" {
			return p
		}
	} else {
		for i := range ctx {
			if why := l.checkEntry(req, c, i, nil); why != "" {
				return problem{field: "Context", index: i, reason: why}
			}
		}
	}
	if i, several := timesDisagree(ctx); i >= 0 {
		if several {
			return problem{field: "Context", index: i, reason: "several values for the time of the request: the request time is contradictory (AWS sends one, S9.2)"}
		}
		return problem{field: "Context", index: i, reason: "names another instant than aws:CurrentTime: the request time is contradictory (both are the time of the request, S9.2)"}
	}
	return problem{}
}

// timesDisagree returns the index of the aws:EpochTime entry when the context gives it and
// aws:CurrentTime one readable value each, naming different seconds; -1 otherwise (a value the
// Date operators cannot read is unknown to them already, C5.0). AWS sets both from the time of
// the request. It also returns the index of a time key given more than one value (several
// true, 2026-12): AWS sends one time, and a set qualifier would read an expired one.
func timesDisagree(ctx []condition.Entry) (int, bool) {
	cur, epoch := -1, -1
	for i := range ctx {
		if k := ctx[i].Key; len(k) >= 8 && clean(k) {
			switch filledIndex(k) {
			case kCurrentTime:
				cur = i
			case kEpochTime:
				epoch = i
			default:
				continue
			}
			if len(ctx[i].Values) > 1 {
				return i, true
			}
		}
	}
	if cur < 0 || epoch < 0 || len(ctx[cur].Values) != 1 || len(ctx[epoch].Values) != 1 {
		return -1, false
	}
	a, ok1 := condition.ParseDate(ctx[cur].Values[0])
	b, ok2 := condition.ParseDate(ctx[epoch].Values[0])
	if ok1 && ok2 && a.Unix() != b.Unix() {
		return epoch, false
	}
	return -1, false
}

// checkEntries is checkContext's loop over many entries, with fingerprints (kept out of
// checkContext, so that its array is not in the frame of every request check).
//
//go:noinline
func (l *Limits) checkEntries(req *Request, c *caller) problem {
	var fps [256]uint64
	for i := range req.Context {
		if why := l.checkEntry(req, c, i, fps[:min(i, len(fps))]); why != "" {
			return problem{field: "Context", index: i, reason: why}
		}
		if i < len(fps) {
			fps[i] = foldPrint(req.Context[i].Key)
		}
	}
	return problem{}
}

// foldPrint hashes key so that keys equal under ASCII or Unicode case folding
// (strings.EqualFold, which ASCII folding implies) hash alike: each rune is replaced by the
// smallest rune of its simple folding orbit. The hash is seeded per process (hash/maphash):
// request keys may be chosen by an attacker, who must not be able to make 256 long keys
// collide and bring back the pairwise comparison checkEntries avoids.
func foldPrint(key string) uint64 {
	var h maphash.Hash
	h.SetSeed(foldSeed)
	var buf [256]byte // the folded runes, hashed a block at a time
	n := 0
	for i := 0; i < len(key); {
		r := rune(key[i])
		if r < utf8.RuneSelf {
			i++
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A' // the orbit of an ASCII letter starts with its upper case
			}
			// k and s share their orbits with U+212A and U+017F, which are larger.
		} else {
			var w int
			r, w = utf8.DecodeRuneInString(key[i:])
			i += w
			m := r
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				m = min(m, f)
			}
			r = m
		}
		if n+4 > len(buf) {
			h.Write(buf[:n])
			n = 0
		}
		binary.LittleEndian.PutUint32(buf[n:], uint32(r))
		n += 4
	}
	h.Write(buf[:n])
	return h.Sum64()
}

// foldSeed seeds foldPrint.
var foldSeed = maphash.MakeSeed()

// checkEntry checks context entry i (see checkContext); fps holds the foldPrint of the
// entries before it (all of them, or the first len(fps): the others are compared anyway).
func (l *Limits) checkEntry(req *Request, c *caller, i int, fps []uint64) string {
	e := &req.Context[i]
	k := e.Key
	switch {
	case k == "":
		return "empty context key"
	case len(k) > l.MaxKeyBytes:
		return "context key longer than the request limit (Limits.MaxKeyBytes)"
	case !clean(k):
		return "control byte or invalid UTF-8 in the context key"
	case spaceInName(k):
		return "a space in the key name (only a tag key, after '/', may hold one): no key AWS sends (C5.2)"
	case len(e.Values) > l.MaxValuesPerKey:
		return "more values than the request limit (Limits.MaxValuesPerKey)"
	}
	for _, v := range e.Values {
		if len(v) > l.MaxValueBytes {
			return "a value longer than the request limit (Limits.MaxValueBytes)"
		}
	}
	wide := !ascii.Is(k)
	if wide && strings.ContainsAny(k, "\u017f\u212a") {
		// U+017F (long s) and U+212A (Kelvin sign) fold to 's' and 'k' under Unicode case
		// folding: "aws:\u017fourceIp" is a look-alike of a key AWS sends.
		return "a Unicode look-alike of an ASCII letter (U+017F or U+212A) in the key (C5.2): the request is ambiguous"
	}
	fp := uint64(0)
	if len(fps) > 0 {
		fp = foldPrint(k)
	}
	for j := 0; j < i; j++ {
		if j < len(fps) && fps[j] != fp {
			continue // not equal under either folding
		}
		o := req.Context[j].Key
		if len(o) == len(k) && ascii.EqualFold(o, k) {
			return "the key appears twice (compared without case, C5.2): the request is ambiguous"
		}
		if (wide || !ascii.Is(o)) && strings.EqualFold(o, k) {
			// C5.2 compares keys without ASCII case; whether AWS folds other letters too
			// ("ÉQUIPE", "équipe") is not documented: two such keys are ambiguous.
			return "the key appears twice under Unicode case folding (C5.2): the request is ambiguous"
		}
	}
	if len(k) > 4 && k[3] == ':' && k[0]|0x20 == 'a' && k[1]|0x20 == 'w' && k[2]|0x20 == 's' {
		return c.checkGlobal(req, e)
	}
	return ""
}

// spaceInName reports whether key holds a space before its first '/': in the service:name part,
// where AWS keys have none (aws:SecureTransport , " aws:SourceIp"). A tag key after '/' may hold
// spaces (aws:ResourceTag/cost center).
func spaceInName(key string) bool {
	for i := 0; i < len(key); i++ {
		switch key[i] {
		case '/':
			return false
		case ' ':
			return true
		}
	}
	return false
}

// checkGlobal checks one aws: key of the request: no empty value where AWS always fills one,
// and no derived key that contradicts the principal or the resource (2026-12: derived keys
// are not overridable).
func (c *caller) checkGlobal(req *Request, e *condition.Entry) string {
	// Most context keys are neither derived (aws:Principal*, aws:user*, aws:ResourceAccount)
	// nor empty: a look at the fifth byte and at the values settles them.
	empty := false
	for _, v := range e.Values {
		if v == "" {
			empty = true
		}
	}
	if len(e.Key) <= 4 {
		return ""
	}
	if k4 := e.Key[4] | 0x20; !empty && k4 != 'p' && k4 != 'u' && k4 != 'r' {
		return ""
	}
	k := filledIndex(e.Key)
	if k < 0 {
		return ""
	}
	if empty {
		return "an empty value for a key AWS always fills"
	}
	return c.checkDerived(req, e, k)
}

// checkDerived checks the values of derived key k (an index of alwaysFilled) against the
// principal and the resource.
func (c *caller) checkDerived(req *Request, e *condition.Entry, k int) string {
	one := ""
	if len(e.Values) == 1 {
		one = e.Values[0]
	}
	switch {
	case k == kPrincipalServiceNamesList:
		// S9.2, C5.15: only a service principal has it, and it names that service.
		if c.kind != cService || !slices.Contains(e.Values, c.name) {
			return "contradicts the request's principal (derived keys are not overridable)"
		}
	case k == kResourceAccount:
		acct := req.ResourceAccount
		if acct == "" {
			acct = arn.AccountOf(req.Resource)
		}
		if acct != "" && one != acct {
			return "contradicts the request's resource account (derived keys are not overridable)"
		}
	case k < numDerived && !c.agrees(k, one):
		return "contradicts the request's principal (derived keys are not overridable)"
	}
	return ""
}

// agrees reports whether the value one of derived key k (an index of alwaysFilled) agrees with the caller
// (S9.2): the key AWS would set, with this value, for this principal; "" stands for "no single
// value".
func (c *caller) agrees(key int, one string) bool {
	switch key {
	case kPrincipalArn:
		switch c.kind {
		case cUser, cRoot, cFedUser, cRole:
			return one == c.text
		case cSession:
			// The role's ARN, with its path: same partition, account and role name.
			rc := parseCaller(one)
			return rc.kind == cRole && rc.partition == c.partition && rc.account == c.account && rc.name == c.name && rc.wellFormed() == ""
		}
		return false // no principal ARN for anonymous, service and IdP callers
	case kPrincipalAccount:
		switch {
		case c.iam():
			return one == c.account
		case c.kind == cAnonymous:
			return one == "anonymous"
		}
		return false // service principals and identity providers have none AWS documents
	case kUsername:
		return c.kind == cUser && one == c.name
	case kUserid:
		return c.agreesUserID(one)
	case kPrincipalType:
		// Service principals and identity providers have no value AWS documents: none agrees.
		return int(c.kind) < len(principalTypes) && principalTypes[c.kind] != "" && one == principalTypes[c.kind]
	case kPrincipalServiceName:
		return c.kind == cService && one == c.name
	case kPrincipalIsAWSService:
		// Unknown for a service principal outside AWS's domains (deriveContext): no value agrees.
		return (c.kind != cService || awsServiceHost(c.name)) && ascii.EqualFold(one, strconv.FormatBool(c.kind == cService))
	}
	return true
}

// agreesUserID is agrees for aws:userid (S9.2): the account for the root user, "anonymous",
// a unique ID for users, ACCOUNT:NAME for federated users, ROLE-ID:SESSION for role sessions.
func (c *caller) agreesUserID(one string) bool {
	switch c.kind {
	case cRoot:
		return one == c.account
	case cAnonymous:
		return one == "anonymous"
	case cUser:
		// A unique ID (AIDA...), never another caller's form of aws:userid: the account id
		// (root), "anonymous", or a role ID (AROA...).
		return all(one, clsActName) && !digitsOnly(one) && one != "anonymous" && !ascii.HasPrefixFold(one, "AROA")
	case cFedUser:
		acct, name, _ := strings.Cut(one, ":")
		return acct == c.account && name == c.text[strings.LastIndexByte(c.text, '/')+1:]
	case cSession, cRole:
		id, sess, ok := strings.Cut(one, ":")
		// The role's unique ID (AROA...), never a user's (AIDA...) nor the account id.
		return ok && all(id, clsActName) && !digitsOnly(id) && !ascii.HasPrefixFold(id, "AIDA") && sess != "" && (c.kind != cSession || sess == c.sessionName())
	}
	return false
}

// digitsOnly reports whether s is made of ASCII digits only (an account id is).
func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
