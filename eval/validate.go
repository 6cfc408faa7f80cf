package eval

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/iamgo/iam/arn"
)

// Limits caps the size of the requests an Evaluator decides and the work one decision may do.
// A request over a size limit is malformed: Decide answers ImplicitDeny and Explain says which
// limit. The work cap bounds the cost of hostile policy and request sizes together: once a
// decision has spent it, every further statement or condition is uncertain (a Deny applies, an
// Allow does not, C5.0). A zero field takes its default (DefaultLimits); a negative one
// removes that limit.
type Limits struct {
	MaxActionBytes    int // Request.Action; AWS's longest action is under 100 bytes
	MaxResourceBytes  int // Request.Resource; AWS ARNs are at most 2,048 characters
	MaxPrincipalBytes int // Request.Principal
	MaxContextKeys    int // entries in Request.Context
	MaxKeyBytes       int // a context key name (the IAM simulator takes 5 to 256 characters, M10.5)
	MaxValuesPerKey   int // values of one context key
	MaxValueBytes     int // one context value
	// MaxWork is the work one decision may do, in units of about one comparison (a statement's
	// resource entry against the request's resource, a policy value against a request value,
	// a context key compared during a lookup). See condition.Context.Budget.
	MaxWork int
}

// DefaultLimits are the limits of the zero Options: above what AWS itself sends, far below
// what would make a decision slow.
var DefaultLimits = Limits{
	MaxActionBytes:    256,
	MaxResourceBytes:  4096,
	MaxPrincipalBytes: 2048,
	MaxContextKeys:    256,
	MaxKeyBytes:       256,
	MaxValuesPerKey:   256,
	MaxValueBytes:     4096,
	MaxWork:           1 << 17,
}

// resolved returns l with zero fields set to their defaults and negative ones to "no limit".
// The zero Limits, which nearly every Options has, resolves to DefaultLimits as it stands (each
// zero field takes its default unchanged). BenchmarkCompile/compile-W1: ~2% of Compile went to
// resolving it.
func (l Limits) resolved() Limits {
	if l == (Limits{}) {
		return DefaultLimits
	}
	return l.resolvedSlow()
}

// resolvedSlow is resolved field by field (TestFastResolvedMatchesSlow).
func (l Limits) resolvedSlow() Limits {
	fix := func(v *int, def int) {
		switch {
		case *v == 0:
			*v = def
		case *v < 0:
			*v = int(^uint(0) >> 1)
		}
	}
	d := DefaultLimits
	fix(&l.MaxActionBytes, d.MaxActionBytes)
	fix(&l.MaxResourceBytes, d.MaxResourceBytes)
	fix(&l.MaxPrincipalBytes, d.MaxPrincipalBytes)
	fix(&l.MaxContextKeys, d.MaxContextKeys)
	fix(&l.MaxKeyBytes, d.MaxKeyBytes)
	fix(&l.MaxValuesPerKey, d.MaxValuesPerKey)
	fix(&l.MaxValueBytes, d.MaxValueBytes)
	fix(&l.MaxWork, d.MaxWork)
	return l
}

// RequestError says why a request is malformed. Decide answers ImplicitDeny for such a request
// and Explain reports the error (C5.0, 2026-12: a request the engine cannot be sure of never
// allows).
type RequestError struct {
	// Field is the request field at fault: Principal, Action, Resource, ResourceAccount or
	// Context.
	Field string
	// Index is the position of the context entry at fault (Field Context), else -1.
	Index int
	// Key is the context key at fault (Field Context), else "".
	Key string
	// Reason says what is wrong and what was expected.
	Reason string
	// Value is the offending value, cut to 64 bytes.
	Value string
}

// Error implements error.
func (e *RequestError) Error() string {
	where := e.Field
	if e.Field == "Context" {
		where = fmt.Sprintf("Context[%d] (%s)", e.Index, strconv.Quote(e.Key))
	}
	if e.Value != "" {
		return fmt.Sprintf("eval: invalid request: %s %s: %s", where, strconv.Quote(e.Value), e.Reason)
	}
	return fmt.Sprintf("eval: invalid request: %s: %s", where, e.Reason)
}

// problem is a malformed request as the decision path finds it, without allocating: the field,
// the context index, and a reason that is a constant.
type problem struct {
	field  string // "" when the request is well formed
	index  int
	reason string
}

func (p problem) err(req *Request) *RequestError {
	e := &RequestError{Field: p.field, Index: -1, Reason: p.reason}
	var v string
	switch p.field {
	case "Principal":
		v = req.Principal
	case "Action":
		v = req.Action
	case "Resource":
		v = req.Resource
	case "ResourceAccount":
		v = req.ResourceAccount
	case "Context":
		e.Index = p.index
		if p.index >= 0 && p.index < len(req.Context) {
			e.Key = req.Context[p.index].Key
			if len(req.Context[p.index].Values) > 0 {
				v = req.Context[p.index].Values[0]
			}
		}
	}
	if len(v) > 64 {
		v = v[:64]
	}
	e.Value = v
	return e
}

// Validate reports whether req is a well-formed request under DefaultLimits: nil, or a
// *RequestError naming the field. Decide and Explain run the same checks (with the Evaluator's
// limits) and never allow a malformed request.
//
// A well-formed request has: an Action service:Name of ASCII letters, digits, '-' and '_'
// (no wildcard, whitespace, control or non-ASCII byte); a Resource that is "*" or an ARN with a
// known partition and a service spelled as AWS does (lower case), without control bytes (an
// IAM or STS ARN without a region and with an account); a Principal of a known kind (an IAM
// user, role or root ARN without an empty path segment, an assumed-role or federated-user
// session ARN, a lower-case service principal, "anonymous", or federated:PROVIDER with a
// lower-case host or a saml-provider/oidc-provider ARN); a ResourceAccount of 12 digits (or
// "aws") when given, equal to the resource ARN's account when it has one; context keys that
// are not empty, without control bytes or a space before any '/', and appear once each
// compared without case; no empty value for a key that AWS
// always fills (aws:username, aws:userid, aws:PrincipalArn, ...); and derived keys
// (aws:PrincipalArn, aws:PrincipalAccount, aws:username, aws:userid, aws:PrincipalType,
// aws:PrincipalServiceName, aws:PrincipalServiceNamesList, aws:PrincipalIsAWSService,
// aws:ResourceAccount) that agree with the principal and the resource (a derived key given with
// no value agrees with no caller: malformed). Any other key AWS always fills, given with no
// value at all, is not malformed but doubtful: Decide never allows such a request (Explain:
// doubtful-request).
func (req Request) Validate() error {
	return DefaultLimits.Validate(req)
}

// Validate is Request.Validate under the limits l (zero fields take their defaults).
func (l Limits) Validate(req Request) error {
	l = l.resolved()
	c := parseCaller(req.Principal)
	if p := l.check(&req, &c); p.field != "" {
		return p.err(&req)
	}
	return nil
}

// byte classes for the request checks.
const (
	clsActName   = 1 << iota // letters, digits, '-', '_': action names
	clsService               // lower-case letters, digits, '-': ARN partitions and services, action services (any case)
	clsIAMName               // letters, digits and + = , . @ _ - : IAM user, role and session names
	clsControl               // bytes below 0x20 and 0x7f
	clsPrintable             // 0x21-0x7e
)

var classes = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		lower, upper, digit := b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9'
		if lower || upper || digit || b == '-' || b == '_' {
			t[c] |= clsActName
		}
		if lower || digit || b == '-' {
			t[c] |= clsService
		}
		if lower || upper || digit || strings.IndexByte("+=,.@_-", b) >= 0 {
			t[c] |= clsIAMName
		}
		if b < 0x20 || b == 0x7f {
			t[c] |= clsControl
		}
		if b > 0x20 && b < 0x7f {
			t[c] |= clsPrintable
		}
	}
	return t
}()

// all reports whether every byte of s is in class cls (and s is not empty).
func all(s string, cls uint8) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if classes[s[i]]&cls == 0 {
			return false
		}
	}
	return true
}

// none reports whether no byte of s is in class cls.
func none(s string, cls uint8) bool {
	for i := 0; i < len(s); i++ {
		if classes[s[i]]&cls != 0 {
			return false
		}
	}
	return true
}

// clean reports whether s holds no control byte (below 0x20, or 0x7f) and is valid UTF-8. Pure
// ASCII text, the usual case, is checked eight bytes at a time.
func clean(s string) bool {
	n := len(s)
	if n >= 8 {
		b := unsafe.Slice(unsafe.StringData(s), n)
		for i := 0; i+8 <= n; i += 8 {
			if dirty(binary.LittleEndian.Uint64(b[i : i+8])) {
				return none(s, clsControl) && utf8.ValidString(s)
			}
		}
		// The last eight bytes, overlapping the loop's last word: no byte-by-byte tail.
		if dirty(binary.LittleEndian.Uint64(b[n-8:])) {
			return none(s, clsControl) && utf8.ValidString(s)
		}
		return true
	}
	for i := 0; i < n; i++ {
		if b := s[i]; b < 0x20 || b >= 0x7f {
			return none(s, clsControl) && utf8.ValidString(s)
		}
	}
	return true
}

// dirty reports whether a word of text may hold a byte that is not printable ASCII: one with
// its high bit set, 0x7f (adding one would set it) or one below 0x20 (subtracting 0x20 would
// borrow into it). A borrow or carry only ever starts at such a byte, so a clean word is never
// flagged; a flagged one is checked byte by byte.
func dirty(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (w|(w+ones)|(w-0x20*ones))&highs != 0
}

// check validates req (c is its parsed caller) and returns the first problem found. It does not
// allocate.
func (l *Limits) check(req *Request, c *caller) problem {
	if l.sizes(req) && l.quick(req, c) {
		return problem{}
	}
	return l.full(req, c)
}

// full is check without the fast acceptance of quick: every rule, with what is wrong.
func (l *Limits) full(req *Request, c *caller) problem {
	if p := l.checkAction(req.Action); p != "" {
		return problem{field: "Action", reason: p}
	}
	if p := l.checkResource(req.Resource); p != "" {
		return problem{field: "Resource", reason: p}
	}
	if len(req.Principal) > l.MaxPrincipalBytes {
		return problem{field: "Principal", reason: "longer than the request limit (Limits.MaxPrincipalBytes)"}
	}
	if p := c.wellFormed(); p != "" {
		return problem{field: "Principal", reason: p}
	}
	if a := req.ResourceAccount; a != "" && a != "aws" && !arn.IsAccountID(a) {
		return problem{field: "ResourceAccount", reason: "expected a 12-digit account id"}
	}
	if !resourceAccountAgrees(req) {
		return problem{field: "ResourceAccount", reason: "contradicts the account of the resource ARN, which owns the resource (R3.8, X8.3)"}
	}
	return l.checkContext(req, c)
}

// resourceAccountAgrees reports whether req.ResourceAccount, when given, is the account of the
// resource ARN, when it has one (R3.8: the ARN's account owns the resource; another account
// would turn a cross-account request into a same-account one, X8.3).
func resourceAccountAgrees(req *Request) bool {
	if req.ResourceAccount == "" {
		return true
	}
	acct := arnAccount(req.Resource)
	// "aws" (AWS managed policies) names no account that owns the resource.
	return acct == "" || acct == "aws" || acct == req.ResourceAccount
}

// arnAccount is arn.AccountOf in one byte loop over the ARN's head (it runs on every Allow:
// Split's five searches and six-field result cost ~45 ns on BenchmarkRequestCheck/quick, this
// loop a few). TestFastARNAccountMatchesSlow holds it to arn.AccountOf.
func arnAccount(r string) string {
	if len(r) < 4 || r[:4] != "arn:" {
		return ""
	}
	colons, start := 1, 0
	for i := 4; i < len(r); i++ {
		if r[i] != ':' {
			continue
		}
		colons++
		switch colons {
		case 4:
			start = i + 1
		case 5:
			return r[start:i]
		}
	}
	return ""
}

// validAction reports whether a passes checkAction's rules (the size limit aside). A request
// action equal to such an action without case passes them too: case does not change a byte's
// class.
func validAction(a string) bool {
	svc, name, ok := strings.Cut(a, ":")
	return ok && all(svc, clsActName) && strings.IndexByte(svc, '_') < 0 && all(name, clsActName)
}

// provesHead reports whether every resource starting with prefix (a literal prefix of a
// Resource entry) passes checkResource once it is clean and within the size limit: prefix is a
// well-formed ARN itself (arnProblem), so it holds the five colons, valid fields before them and
// a first byte of the resource part, all of which a resource that extends it shares.
func provesHead(prefix string) bool {
	return arnProblem(prefix) == ""
}

func (l *Limits) checkAction(a string) string {
	if len(a) > l.MaxActionBytes {
		return "longer than the request limit (Limits.MaxActionBytes)"
	}
	svc, name, ok := strings.Cut(a, ":")
	switch {
	case !ok:
		return "expected service:Action (no colon)"
	case !all(svc, clsActName) || strings.IndexByte(svc, '_') >= 0:
		return "expected service:Action: the service prefix is letters, digits and '-'"
	case !all(name, clsActName):
		return "expected service:Action: the action name is ASCII letters, digits, '-' and '_' (no wildcard, whitespace, second colon or other byte)"
	}
	return ""
}

func (l *Limits) checkResource(r string) string {
	if len(r) > l.MaxResourceBytes {
		return "longer than the request limit (Limits.MaxResourceBytes)"
	}
	if r == "*" {
		return ""
	}
	return arnProblem(r)
}

// arnProblem is checkResource for a resource other than "*", the size limit aside.
func arnProblem(r string) string {
	if !clean(r) {
		return "control byte or invalid UTF-8 in the resource"
	}
	f, n := arn.Split(r)
	return fieldsProblem(f, n)
}

// fieldsProblem is arnProblem for a clean resource split into its n fields f (arn.Split).
func fieldsProblem(f [6]string, n int) string {
	switch {
	case f[0] != "arn":
		return `expected "*" or an ARN (arn:partition:service:region:account:resource)`
	case n < 6:
		return "expected an ARN with six parts (arn:partition:service:region:account:resource)"
	case !arn.KnownPartition(f[1]):
		return "unknown partition (expected aws, aws-cn, aws-us-gov, ... in lower case)"
	case !all(f[2], clsService):
		return "expected the service in lower-case letters, digits and '-'"
	case f[3] != "" && !all(f[3], clsService):
		return "expected the region in lower-case letters, digits and '-'"
	case f[4] != "" && f[4] != "aws" && !arn.IsAccountID(f[4]):
		return "expected the account as 12 digits (or empty)"
	case globalService(f[2]) && (f[3] != "" || f[4] == ""):
		return "IAM and STS ARNs have no region and always an account (R3.9)"
	case f[5] == "":
		return "empty resource part"
	}
	return ""
}

// globalService reports whether svc is IAM or STS, whose ARNs carry no region and always an
// account (R3.9, S9.3).
func globalService(svc string) bool { return svc == "iam" || svc == "sts" }

// headProven is provesHead(prefix) for prefix, a prefix of the resource text split into its n
// fields f, without splitting prefix again: when prefix holds the fifth colon and a byte after
// it, its first five fields are text's. TestFastHeadProvenMatchesSlow holds it to provesHead.
// BenchmarkCompile/compile-W1: one arn.Split less for each distinct Resource entry.
func headProven(text string, f [6]string, n int, prefix string) bool {
	if n < 6 {
		return false // prefix has fewer fields still
	}
	c5 := len(text) - len(f[5]) - 1 // the fifth colon
	if len(prefix) <= c5+1 {
		return false // no fifth colon, or nothing after it
	}
	if !strings.HasPrefix(text, prefix) {
		return provesHead(prefix)
	}
	f[5] = prefix[c5+1:]
	return clean(prefix) && fieldsProblem(f, 6) == ""
}
