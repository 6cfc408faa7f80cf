package eval

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/internal/ascii"
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
// known partition and a service spelled as AWS does (lower case), without control bytes; a
// Principal of a known kind (an IAM user, role or root ARN, an assumed-role or federated-user
// session ARN, a lower-case service principal, "anonymous", or federated:PROVIDER); a
// ResourceAccount of 12 digits (or "aws") when given; context keys that are not empty, without
// control bytes, and appear once each compared without case; no empty value for a key that AWS
// always fills (aws:username, aws:userid, aws:PrincipalArn, ...); and derived keys
// (aws:PrincipalArn, aws:PrincipalAccount, aws:username, aws:userid, aws:PrincipalType,
// aws:PrincipalServiceName, aws:PrincipalIsAWSService, aws:ResourceAccount) that agree with the
// principal and the resource.
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
	return l.checkContext(req, c)
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
	case f[5] == "":
		return "empty resource part"
	}
	return ""
}

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

// alwaysFilled lists, lower-cased, the keys AWS never sends empty: an empty value for one of
// them is a malformed request (2026-12), so a policy variable never resolves to "".
var alwaysFilled = [...]string{
	"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username", "aws:userid",
	"aws:principalservicename", "aws:principalisawsservice", "aws:resourceaccount",
	"aws:currenttime", "aws:epochtime", "aws:sourceaccount", "aws:sourcearn", "aws:sourceip",
	"aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:principalorgid", "aws:resourceorgid",
	"aws:federatedprovider", "aws:sourceidentity", "aws:tokenissuetime", "aws:securetransport",
	"aws:multifactorauthpresent", "aws:multifactorauthage", "aws:requestedregion", "aws:viaawsservice",
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
	numDerived
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
	for i := range ctx {
		if why := l.checkEntry(req, c, i); why != "" {
			return problem{field: "Context", index: i, reason: why}
		}
	}
	return problem{}
}

// checkEntry checks context entry i (see checkContext).
func (l *Limits) checkEntry(req *Request, c *caller, i int) string {
	e := &req.Context[i]
	k := e.Key
	switch {
	case k == "":
		return "empty context key"
	case len(k) > l.MaxKeyBytes:
		return "context key longer than the request limit (Limits.MaxKeyBytes)"
	case !clean(k):
		return "control byte or invalid UTF-8 in the context key"
	case len(e.Values) > l.MaxValuesPerKey:
		return "more values than the request limit (Limits.MaxValuesPerKey)"
	}
	for _, v := range e.Values {
		if len(v) > l.MaxValueBytes {
			return "a value longer than the request limit (Limits.MaxValueBytes)"
		}
	}
	for j := 0; j < i; j++ {
		if o := req.Context[j].Key; len(o) == len(k) && ascii.EqualFold(o, k) {
			return "the key appears twice (compared without case, C5.2): the request is ambiguous"
		}
	}
	if len(k) > 4 && k[3] == ':' && k[0]|0x20 == 'a' && k[1]|0x20 == 'w' && k[2]|0x20 == 's' {
		return c.checkGlobal(req, e)
	}
	return ""
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
	case kUsername:
		return c.kind == cUser && one == c.name
	case kUserid:
		return c.agreesUserID(one)
	case kPrincipalType:
		return int(c.kind) >= len(principalTypes) || principalTypes[c.kind] == "" || one == principalTypes[c.kind]
	case kPrincipalServiceName:
		return c.kind == cService && one == c.name
	case kPrincipalIsAWSService:
		return ascii.EqualFold(one, strconv.FormatBool(c.kind == cService))
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
		return all(one, clsActName)
	case cFedUser:
		acct, name, _ := strings.Cut(one, ":")
		return acct == c.account && name == c.text[strings.LastIndexByte(c.text, '/')+1:]
	case cSession, cRole:
		id, sess, ok := strings.Cut(one, ":")
		return ok && all(id, clsActName) && sess != "" && (c.kind != cSession || sess == c.sessionName())
	}
	return false
}

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
// Measured: BenchmarkDecideFixed 186 -> ~50 ns (the full checks ran on every decision).
func (l *Limits) quick(req *Request, c *caller) bool {
	return l.quickProven(req, c, false, 0)
}

// quickProven is quick for a request whose action (actOK) or resource head (resFrom > 0) the
// scan has already found well formed (run.actOK, run.resFrom): a proven resource only needs
// the control-byte check of its bytes from resFrom on (those before equal a clean literal).
//
// Measured: BenchmarkRequestCheck quick 39 -> proven 31 ns; BenchmarkWorkloads/W1_allow_5stmt
// 135 -> 125-130 ns (with quickContext: 162 -> 135).
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
		i++
		for i < len(r) && svcByte[r[i]] {
			i++
		}
		if i == len(r) || r[i] != ':' {
			return false
		}
		i++
		if i+12 < len(r) && r[i+12] == ':' && digits12(r[i:]) {
			i += 12
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
	if acct := req.ResourceAccount; acct != "" && acct != c.account && !(len(acct) == 12 && digits12(acct)) {
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
// decision before) 30 ns.
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
		if dirty(head) || dirty(tail) {
			return false
		}
		for j := 8; j < n-8; j += 8 {
			if dirty(ascii.Word(k, j)) {
				return false
			}
		}
		fh, ft := head|fold8, tail|fold8
		for j := 0; j < i; j++ {
			if o := ctx[j].Key; len(o) == n && ascii.Word(o, 0)|fold8 == fh && ascii.Word(o, n-8)|fold8 == ft {
				return false
			}
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
		if k4 != 'p' && k4 != 'u' && k4 != 'r' {
			continue
		}
		if f := filledAt(k, fh, ft); f >= 0 && f < numDerived && c.checkDerived(req, e, f) != "" {
			return false
		}
	}
	return true
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
