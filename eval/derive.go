package eval

import (
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/iamgo/iam/internal/ascii"

	"github.com/iamgo/iam/condition"
)

const maxDerived = 12

// prepare adds the keys AWS derives from the request (aws:PrincipalArn, aws:username, ...) as
// a fallback behind the request's own context. It runs once per decision, and only when a
// condition or a policy variable needs the context. The keys live in pooled scratch space:
// condition evaluation hands request values to functions (netip.ParseAddr) the compiler cannot
// prove keep nothing, so stack storage would escape on every call.
func (r *run) prepare() {
	if r.prepared {
		return
	}
	r.prepared = true
	sc := r.scratch()
	sc.d = derived{}
	r.deriveContext(r.resAcct, &sc.d)
	for i := 0; i < sc.d.n; i++ {
		sc.fb[i] = condition.Entry{Key: sc.d.keys[i], Values: sc.d.vals[i : i+1]}
		if sc.d.vals[i] == "" {
			// A key that exists but whose value the engine cannot know (derived.unknown).
			sc.fb[i] = condition.Entry{Key: sc.d.keys[i], Unknown: true}
		}
	}
	r.ctx.Fallback = sc.fb[:sc.d.n]
}

// scratch returns the decision's pooled scratch space, taking it from the pool on first use.
func (r *run) scratch() *scratch {
	if r.sc == nil {
		r.sc = scratchPool.Get().(*scratch)
	}
	return r.sc
}

func (r *run) release() {
	if r.sc != nil {
		r.ctx.Fallback = nil
		scratchPool.Put(r.sc)
		r.sc = nil
	}
}

// scratch is one decision's space for the keys it derives (aws:PrincipalArn, aws:CurrentTime,
// ...). It is pooled: the next decision overwrites it. The rule that keeps this safe: no string
// that views scratch memory (the derived time texts view derived.timeBuf) may outlive the
// decision; in particular none reaches an Explanation, which keeps only the policies' own
// strings, the request's, and strings it builds itself (TestExplanationOwnsItsStrings).
type scratch struct {
	d  derived
	fb [maxDerived]condition.Entry
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// derived collects the keys deriveContext adds, as plain strings so that nothing points back
// into the run (which keeps the run on the stack).
type derived struct {
	keys [maxDerived]string
	vals [maxDerived]string
	n    int
	// idBuf holds a federated user's aws:userid (ACCOUNT:NAME), viewed like timeBuf.
	idBuf [64]byte
	// timeBuf holds the text of aws:CurrentTime and aws:EpochTime derived from Options.Now. The
	// two values view it without copying (no allocation per decision); they live only as long
	// as the decision, which never hands them out.
	timeBuf [48]byte
}

// hasSingle reports whether entries hold key (lower-cased) with exactly one value, as lookup
// would find it.
//
// key is spelled as AWS spells it (derivedCanon), as requests usually spell it too: an equal
// text settles it without folding case. Measured: BenchmarkWorkloads/W4n 79 -> 72 ns (its
// aws:CurrentTime condition looked the key up with two lower-cased words per decision).
func hasSingle(entries []condition.Entry, key string) bool {
	for i := range entries {
		if k := entries[i].Key; len(k) == len(key) && (k == key || ascii.EqualFold(k, key)) {
			return len(entries[i].Values) == 1
		}
	}
	return false
}

func (d *derived) add(key, value string) {
	if d.n == maxDerived || value == "" {
		return
	}
	d.keys[d.n], d.vals[d.n] = key, value
	d.n++
}

// unknown adds key as present with a value the engine cannot know (an empty value marks it).
func (d *derived) unknown(key string) {
	if d.n == maxDerived {
		return
	}
	d.keys[d.n], d.vals[d.n] = key, ""
	d.n++
}

var principalTypes = [...]string{cRoot: "Account", cUser: "User", cSession: "AssumedRole", cRole: "AssumedRole", cFedUser: "FederatedUser", cAnonymous: "Anonymous"}

// derivedKeys lists every key deriveContext may add, in lower case.
var derivedKeys = [...]string{
	"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username", "aws:userid",
	"aws:principalservicename", "aws:principalisawsservice", "aws:resourceaccount",
	"aws:currenttime", "aws:epochtime",
}

// derivedCanon spells derivedKeys as AWS does (TestDerivedCanon): the form stmt.derivKeys
// keeps, so that hasSingle usually finds a request key by plain equality.
var derivedCanon = [len(derivedKeys)]string{
	"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:username", "aws:userid",
	"aws:PrincipalServiceName", "aws:PrincipalIsAWSService", "aws:ResourceAccount",
	"aws:CurrentTime", "aws:EpochTime",
}

// derivable reports whether deriveContext may supply key. With or without Options.Now (2026-12):
// without a clock, deriveContext still supplies the time key the request lacks from the one it
// gives (S9.2).
func derivable(key string) bool {
	_, ok := derivedKey(key)
	return ok
}

// derivedKeySlow is derivedKey comparing key with every entry (TestFastDerivedKeyMatchesSlow).
func derivedKeySlow(key string) (string, bool) {
	for i, k := range derivedKeys {
		if strings.EqualFold(k, key) {
			return derivedCanon[i], true
		}
	}
	return "", false
}

// derivedKey is derivable, with the entry of derivedKeys that key matches, spelled as AWS
// does (derivedCanon). Unicode folding
// never makes a text shorter (a rune that folds to an ASCII letter is longer than it), so only
// entries no longer than key, and for an ASCII key only those of its length, can match:
// BenchmarkCompile/compile-W1 ~3% of Compile went to EqualFold against every entry.
func derivedKey(key string) (string, bool) {
	asciiKey := -1 // unknown; 0 or 1 once looked at
	for i, k := range derivedKeys {
		if len(key) < len(k) {
			continue
		}
		if len(key) > len(k) {
			if asciiKey < 0 {
				asciiKey = 1
				for i := 0; i < len(key); i++ {
					if key[i] >= utf8.RuneSelf {
						asciiKey = 0
						break
					}
				}
			}
			if asciiKey == 1 {
				continue
			}
		}
		if strings.EqualFold(k, key) {
			return derivedCanon[i], true
		}
	}
	return "", false
}

// awsServiceSuffixes are the domains of AWS service principals, in every partition
// (s3.amazonaws.com, elasticmapreduce.amazonaws.com.cn, alexa-appkit.amazon.com, and the
// isolated and sovereign partitions' domains).
var awsServiceSuffixes = [...]string{".amazonaws.com", ".amazonaws.com.cn", ".amazon.com", ".amazonaws.eu",
	".aws.internal", ".c2s.ic.gov", ".sc2s.sgov.gov", ".cloud.adc-e.uk", ".csp.hci.ic.gov"}

// awsServiceHost reports whether the service principal name is in one of AWS's domains, so that
// aws:PrincipalIsAWSService is true for it (S9.2).
func awsServiceHost(name string) bool {
	for _, s := range awsServiceSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// deriveContext adds the keys AWS derives from the request itself (S9.2, S9.7) as a fallback
// behind the request's own context.
func (r *run) deriveContext(resAcct string, d *derived) {
	c := &r.c
	if c.iam() {
		if pa := c.principalARN(); pa != "" {
			d.add("aws:PrincipalArn", pa)
		} else {
			// A session without aws:PrincipalArn: its role's path is unknown, and the role ARN
			// is never rebuilt without it (S9.2, 2026-12).
			d.unknown("aws:PrincipalArn")
		}
		d.add("aws:PrincipalAccount", c.account)
	}
	if int(c.kind) < len(principalTypes) {
		d.add("aws:PrincipalType", principalTypes[c.kind])
	}
	switch c.kind {
	case cUser:
		d.add("aws:username", c.name)
		// AWS always fills aws:userid (S9.2, 2026-12): a user's unique ID, a session's
		// ROLE-ID:SESSION, which the request alone does not tell: present, of unknown value.
		d.unknown("aws:userid")
	case cSession, cRole:
		d.unknown("aws:userid")
	case cFedUser:
		// ACCOUNT:NAME, known from the session ARN (S9.2).
		name := c.text[strings.LastIndexByte(c.text, '/')+1:]
		if len(c.account)+1+len(name) <= len(d.idBuf) {
			b := append(append(append(d.idBuf[:0], c.account...), ':'), name...)
			d.add("aws:userid", unsafe.String(&d.idBuf[0], len(b)))
		} else {
			d.unknown("aws:userid")
		}
	case cRoot:
		d.add("aws:userid", c.account)
	case cAnonymous:
		d.add("aws:userid", "anonymous")
	case cService:
		d.add("aws:PrincipalServiceName", c.name)
	}
	switch {
	case c.kind == cService && awsServiceHost(c.name):
		d.add("aws:PrincipalIsAWSService", "true")
	case c.kind == cService:
		// A service principal outside AWS's domains (a library user's own service): whether AWS
		// would call it an AWS service is unknown (C5.0).
		d.unknown("aws:PrincipalIsAWSService")
	default:
		d.add("aws:PrincipalIsAWSService", "false")
	}
	d.add("aws:ResourceAccount", resAcct)
	if r.e.readsTime {
		d.deriveTime(r.ctx.Keys, r.e.now)
	}
}
