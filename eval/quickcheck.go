package eval

import (
	"encoding/binary"
	"unsafe"

	"github.com/iamgo/iam/internal/ascii"
)

// The fast request check: what Decide runs on a request that would be allowed (or denied
// explicitly), accepting the usual shapes in one pass per field and handing anything else to
// the full checks (check, full), which also say what is wrong.

// Tables of the fast request check: the bytes an action name may hold, and the bytes of the IAM
// names and paths of a principal ARN's resource part.
var (
	actByte  [256]bool // A-Z a-z 0-9 - _
	svcByte  [256]bool // a-z 0-9 -
	nameByte [256]bool // A-Z a-z 0-9 + = , . @ _ - and '/'
)

func init() {
	for c := 0; c < 256; c++ {
		actByte[c] = classes[c]&clsActName != 0
		svcByte[c] = classes[c]&clsService != 0
		nameByte[c] = classes[c]&clsIAMName != 0 || c == '/'
	}
}

// sizes reports whether req is within the size limits (request limits, before any other check).
func (l *Limits) sizes(req *Request) bool {
	if len(req.Action) > l.MaxActionBytes || len(req.Resource) > l.MaxResourceBytes ||
		len(req.Principal) > l.MaxPrincipalBytes || len(req.Context) > l.MaxContextKeys {
		return false
	}
	for i := range req.Context {
		e := &req.Context[i]
		if len(e.Key) > l.MaxKeyBytes || len(e.Values) > l.MaxValuesPerKey {
			return false
		}
		for _, v := range e.Values {
			if len(v) > l.MaxValueBytes {
				return false
			}
		}
	}
	return true
}

// quick accepts the shapes nearly every request has, in one pass over each field without
// calls: an action of letters, digits, '-' and '_' with one colon; "*" or an aws-partition ARN
// with a lower-case service and region, an empty or 12-digit account and a clean resource part;
// an aws-partition IAM or STS caller (a user, role, root, session or federated user) whose
// names and path are made of IAM name characters; a 12-digit or empty resource account; a
// context that passes the context checks (quickContext). The request must be within the size
// limits (sizes). It returns false when it cannot tell, and check then runs the full checks (which
// also say what is wrong). TestFastQuickMatchesSlow holds it to them.
//
// Measured: BenchmarkDecideFixed 186 -> ~50 ns (the full checks ran on every decision); with
// the rules added since (2026-12-03), BenchmarkRequestCheck quick 41 ns against full 151.
func (l *Limits) quick(req *Request, c *caller) bool {
	return l.quickProven(req, c, false, 0)
}

// quickProven is quick for a request whose action (actOK) or resource head (resFrom > 0) the
// scan has already found well formed (run.actOK, run.resFrom): a proven resource only needs
// the control-byte check of its bytes from resFrom on (those before equal a clean literal).
//
// Measured: BenchmarkRequestCheck quick 39 -> proven 31 ns; BenchmarkWorkloads/W1_allow_5stmt
// 135 -> 125-130 ns (with quickContext: 162 -> 135). With the rules added since (2026-12-03):
// quick 41, proven 33 ns.
func (l *Limits) quickProven(req *Request, c *caller, actOK bool, resFrom int) bool {
	a, r := req.Action, req.Resource
	if !actOK && !quickAction(a) {
		return false
	}
	if resFrom > 0 && resFrom <= len(r) {
		if !clean(r[resFrom:]) {
			return false
		}
	} else if !quickResource(r) {
		return false
	}
	return l.quickRest(req, c)
}

// quickAction is quick's action check: service:Name, the service without '_'.
func quickAction(a string) bool {
	colon := -1
	for i := 0; i < len(a); i++ {
		b := a[i]
		if !actByte[b] {
			if b != ':' || colon >= 0 {
				return false
			}
			colon = i
		} else if b == '_' && colon < 0 {
			return false
		}
	}
	return colon > 0 && colon < len(a)-1
}

// quickResource is quick's resource check: "*" or arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE.
func quickResource(r string) bool {
	if r != "*" {
		if len(r) < len("arn:aws:s3:::x") || r[:8] != "arn:aws:" {
			return false
		}
		i := 8
		start := i
		for i < len(r) && svcByte[r[i]] {
			i++
		}
		if i == start || i == len(r) || r[i] != ':' {
			return false
		}
		global := i-start == 3 && globalService(r[start:i])
		i++
		start = i
		for i < len(r) && svcByte[r[i]] {
			i++
		}
		if i == len(r) || r[i] != ':' || global && i != start {
			return false
		}
		i++
		if i+12 < len(r) && r[i+12] == ':' && digits12(r[i:]) {
			i += 12
		} else if global {
			return false // no account: the full checks decide
		}
		if i >= len(r)-1 || r[i] != ':' || !clean(r[i+1:]) {
			return false
		}
	}
	return true
}

// quickRest is quick for the resource account, the context and the caller.
func (l *Limits) quickRest(req *Request, c *caller) bool {
	// Caller: c.parse's fast split read arn:aws:iam:: or arn:aws:sts:: (no region) and the
	// account; its names and path remain (below).
	if c.partition != "aws" || len(c.account) != 12 || !digits12(c.account) {
		return false
	}
	// The resource account: usually the caller's, checked just above.
	if acct := req.ResourceAccount; acct != "" && (acct != c.account && !(len(acct) == 12 && digits12(acct)) || !resourceAccountAgrees(req)) {
		return false
	}
	if len(req.Context) != 0 && !quickContext(req, c) {
		return false
	}
	p := c.text
	if len(p) < 13 || p[:8] != "arn:aws:" || p[11:13] != "::" {
		return false
	}
	res := p[len("arn:aws:iam::")+12+1:]
	switch c.kind {
	case cRoot:
		return true
	case cUser, cRole, cSession, cFedUser:
	default:
		return false
	}
	prev, slashes := byte(0), 0
	for i := 0; i < len(res); i++ {
		b := res[i]
		if !nameByte[b] {
			return false
		}
		if b == '/' {
			if prev == '/' {
				return false // an empty path segment
			}
			slashes++
		}
		prev = b
	}
	// Shapes and lengths: a session is assumed-role/ROLE/SESSION and a federated user
	// federated-user/NAME (no further '/'); names of at most 64 bytes (32 for federated users).
	switch c.kind {
	case cSession:
		return slashes == 2 && len(c.name) <= 64 && len(res)-len("assumed-role/")-len(c.name)-1 <= 64 && prev != '/'
	case cFedUser:
		return slashes == 1 && len(res)-len("federated-user/") <= 32
	}
	return len(c.name) <= 64
}

// Folded words of the always-filled keys, for quickContext: the first and last eight bytes of
// each name (all of it for names of at most 16 bytes).
var filledHead, filledTail = func() (h, t [len(alwaysFilled)]uint64) {
	for i, k := range alwaysFilled {
		h[i], t[i] = ascii.Word(k, 0), ascii.Word(k, len(k)-8)
	}
	return h, t
}()

// fold8 is eight bytes with bit 0x20 set in each: the lower case of every ASCII letter, and
// some other bytes mapped together (callers compare folded words only to find candidates, or
// against names made of letters and ':' in clean text, where folding is exact).
const fold8 = 0x2020202020202020

// awsPrefix is "aws:" as the low four bytes of a folded word.
const awsPrefix = 'a' | 'w'<<8 | 's'<<16 | ':'<<24

// quickContext accepts a context the context checks accept, in one pass of word loads per key:
// keys of at least 8 bytes without control bytes (clean text, checked by words), no two keys
// whose folded first and last words agree (a duplicate without case, or a rare look-alike
// left to checkContext), no empty value, and derived keys that agree with the caller. It
// returns false when it cannot tell; checkContext then decides (and says why). Sizes are
// checked before (Limits.sizes).
//
// Measured: BenchmarkRequestCheck/context 15 ns, context-full (checkContext, which ran on every
// decision before) 30 ns; with the rules added since (2026-12-03) 16 and 66 ns.
func quickContext(req *Request, c *caller) bool {
	ctx := req.Context
	for i := range ctx {
		e := &ctx[i]
		k := e.Key
		n := len(k)
		if n < 8 {
			return false
		}
		head, tail := ascii.Word(k, 0), ascii.Word(k, n-8)
		if dirtyKey(head) || dirtyKey(tail) {
			return false
		}
		for j := 8; j < n-8; j += 8 {
			if dirtyKey(ascii.Word(k, j)) {
				return false
			}
		}
		fh, ft := head|fold8, tail|fold8
		for j := 0; j < i; j++ {
			if o := ctx[j].Key; len(o) == n && ascii.Word(o, 0)|fold8 == fh && ascii.Word(o, n-8)|fold8 == ft {
				return false
			}
		}
		if len(e.Values) == 0 {
			return false // perhaps a key AWS always fills, given no value: doubtful (emptyFilled)
		}
		for _, v := range e.Values {
			if v == "" {
				return false
			}
		}
		if uint32(fh) != awsPrefix {
			continue
		}
		// Derived keys: aws:Principal*, aws:user*, aws:ResourceAccount.
		k4 := k[4] | 0x20
		if k4 == 'e' && filledAt(k, fh, ft) == kEpochTime {
			return false // checkContext compares it with aws:CurrentTime (timesDisagree)
		}
		if k4 == 'c' && len(e.Values) > 1 && filledAt(k, fh, ft) == kCurrentTime {
			return false // several times: checkContext refuses them (timesDisagree)
		}
		if k4 != 'p' && k4 != 'u' && k4 != 'r' {
			continue
		}
		if f := filledAt(k, fh, ft); f >= 0 && f < numDerived && c.checkDerived(req, e, f) != "" {
			return false
		}
	}
	return true
}

// dirtyKey is dirty for the words of a context key, flagging spaces too (subtracting 0x21
// borrows from a byte of at most 0x20): a key with a space is left to checkContext
// (spaceInName).
func dirtyKey(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (w|(w+ones)|(w-0x21*ones))&highs != 0
}

// digits12 reports whether the first 12 bytes of s (len(s) >= 12) are ASCII digits, as two
// overlapping words.
func digits12(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	w1 := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8))
	w2 := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[4:]), 8))
	ok := func(w uint64) bool {
		// Each byte: high bit clear, at least '0' (adding 0x50 sets the high bit), at most '9'
		// (adding 0x46 leaves it clear).
		return w&highs == 0 && (w+0x50*ones)&highs == highs && (w+0x46*ones)&highs == 0
	}
	return ok(w1) && ok(w2)
}
