package compare

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// stmtInfo is what the search needs of one statement of either side.
type stmtInfo struct {
	acts      catalog.Set
	actPats   []*arn.Pattern // the Action/NotAction patterns, for names the catalog does not know
	notAct    bool
	resText   []string
	anyRes    bool
	variables bool
	conds     []policy.Condition
	prin      *policy.Principal // Principal or NotPrincipal
}

// caller is one principal class.
type caller struct {
	principal string
	roleARN   string // sessions: aws:PrincipalArn
	userID    string // aws:userid, when a condition reads it (the caller is built to agree with it)
	account   string
	own       ownCaller // compare's own user or session (mk), which rehome may move
}

// ownCaller marks the callers compare makes up itself.
type ownCaller uint8

const (
	notOwn ownCaller = iota
	ownUser
	ownSession
)

// principalKeys are the keys eval derives from the caller and the resource account: they are
// not free context dimensions but follow from the caller classes.
var principalKeys = []string{
	"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username", "aws:userid",
	"aws:principalservicename", "aws:principalisawsservice", "aws:resourceaccount",
}

func isPrincipalKey(k string) bool { return slices.Contains(principalKeys, strings.ToLower(k)) }

type variant struct {
	old, new *eval.Evaluator
	all      bool
}

type job struct {
	o          Options
	cat        *catalog.Catalog
	stmts      []stmtInfo
	variants   []variant
	callers    []caller
	resMode    bool
	pub        *publicScope
	deadline   time.Time
	requests   int
	incomplete []string
	witnesses  []Witness
	sigCache   map[string][]class
	stopped    bool
	partial    []string // action patterns with a wildcard that cover part of a service (s3:Get*)
	specials   []catalog.Set
	searched   map[string]bool // classes of actions already searched (see searchCell)
}

func (j *job) note(reason string) {
	if !slices.Contains(j.incomplete, reason) {
		j.incomplete = append(j.incomplete, reason)
	}
}

// allowAll is the identity policy of a caller whose own account delegates everything.
var allowAll = func() *policy.Policy {
	p, err := policy.Options{Name: "<identity policy allowing everything>"}.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`))
	if err != nil {
		panic(err)
	}
	return p
}()

func (o Options) compare(old, new eval.PolicySet, resVariants bool, pub *publicScope) (Result, error) {
	o = o.withDefaults()
	start := time.Now()
	j := &job{o: o, cat: o.Catalog, deadline: start.Add(o.Timeout), pub: pub, sigCache: map[string][]class{}}
	j.resMode = old.Resource != nil || new.Resource != nil || pub != nil
	add := func(oldSet, newSet eval.PolicySet, all bool) error {
		oe, err := eval.Compile(oldSet)
		if err != nil {
			return fmt.Errorf("compare: old: %w", err)
		}
		ne, err := eval.Compile(newSet)
		if err != nil {
			return fmt.Errorf("compare: new: %w", err)
		}
		j.variants = append(j.variants, variant{old: oe, new: ne, all: all})
		return nil
	}
	if err := add(old, new, false); err != nil {
		return Result{}, err
	}
	if resVariants {
		o2, n2 := old, new
		o2.Identity = append(slices.Clip(old.Identity), allowAll)
		n2.Identity = append(slices.Clip(new.Identity), allowAll)
		if err := add(o2, n2, true); err != nil {
			return Result{}, err
		}
	}
	j.gather(old)
	j.gather(new)
	j.buildCallers(old, new)
	j.search()
	r := Result{Witnesses: j.witnesses, Incomplete: j.incomplete, Requests: j.requests}
	switch {
	case len(j.witnesses) > 0:
		r.Verdict = Fail
	case len(j.incomplete) > 0:
		r.Verdict = Unknown
		r.Reason = j.incomplete[0]
	default:
		r.Verdict = Pass
	}
	r.Elapsed = time.Since(start)
	return r, nil
}

func (j *job) gather(set eval.PolicySet) {
	var ps []*policy.Policy
	ps = append(ps, set.Identity...)
	if set.Resource != nil {
		ps = append(ps, set.Resource)
	}
	ps = append(ps, set.Boundary...)
	ps = append(ps, set.Session...)
	for _, l := range set.SCP {
		ps = append(ps, l...)
	}
	for _, l := range set.RCP {
		ps = append(ps, l...)
	}
	for _, p := range ps {
		if p == nil {
			continue
		}
		for i := range p.Statements {
			s := &p.Statements[i]
			si := stmtInfo{variables: p.Version.Variables(), conds: s.Conditions}
			var acts []string
			switch {
			case s.Action != nil:
				acts = texts(s.Action)
				si.acts = j.cat.Expand(acts...)
			case s.NotAction != nil:
				acts = texts(s.NotAction)
				si.acts = j.cat.Expand(acts...).Complement()
				si.notAct = true
			default:
				si.acts = j.cat.Expand()
			}
			for _, a := range acts {
				if pat, err := arn.CompileAction(a); err == nil {
					si.actPats = append(si.actPats, pat)
				}
				if a != "*" && strings.ContainsAny(a, "*?") && !strings.HasSuffix(a, ":*") && !slices.Contains(j.partial, a) {
					j.partial = append(j.partial, a)
				}
			}
			switch {
			case s.Resource != nil:
				si.resText = texts(s.Resource)
			case s.NotResource != nil:
				si.resText = texts(s.NotResource)
			default:
				si.anyRes = true
			}
			if slices.Contains(si.resText, "*") && s.Resource != nil {
				si.anyRes, si.resText = true, nil
			}
			si.prin = s.Principal
			if si.prin == nil {
				si.prin = s.NotPrincipal
			}
			j.stmts = append(j.stmts, si)
		}
	}
}

func texts(s *policy.Strings) []string {
	out := make([]string, len(s.Values))
	for i, v := range s.Values {
		out[i] = v.Value
	}
	return out
}

// buildCallers makes the principal classes: every account, user, role, session, service and
// identity provider the policies name (in Principal elements and in conditions on the keys eval
// derives from the caller), an IAM user, a role session, the root user and a federated user of
// each named account and of one account no policy names, and the anonymous caller.
func (j *job) buildCallers(old, new eval.PolicySet) {
	accounts := []string{j.o.Account}
	var named []caller
	addAcct := func(a string) {
		if a != "" && !slices.Contains(accounts, a) {
			accounts = append(accounts, a)
		}
	}
	addARN := func(text string) {
		a, err := arn.Parse(text)
		if err != nil {
			return
		}
		addAcct(a.Account)
		switch {
		case a.IsRoot():
		case a.IsRole():
			sess := arn.ARN{Partition: a.Partition, Service: "sts", Account: a.Account, Resource: "assumed-role/" + a.Name() + "/iamcheck-session"}
			named = append(named, caller{principal: sess.String(), roleARN: text, account: a.Account})
		case a.IsAssumedRole():
			role, _ := a.SessionRole()
			named = append(named, caller{principal: text, roleARN: role.String(), account: a.Account})
		default:
			named = append(named, caller{principal: text, account: a.Account})
		}
	}
	services := []string{}
	derivedUsed := false
	for _, s := range j.stmts {
		if p := s.prin; p != nil && j.resMode {
			if p.AWS != nil {
				for _, v := range p.AWS.Values {
					switch {
					case v.Value == "*":
					case arn.IsAccountID(v.Value):
						addAcct(v.Value)
					case strings.HasPrefix(v.Value, "arn:"):
						addARN(v.Value)
					default:
						j.note("principal " + v.Value + ": unique principal IDs are not modelled")
					}
				}
			}
			if p.Service != nil {
				for _, v := range p.Service.Values {
					services = append(services, v.Value)
				}
			}
			if p.Federated != nil {
				for _, v := range p.Federated.Values {
					named = append(named, caller{principal: arn.Federated(v.Value)})
				}
			}
		}
		for _, c := range s.conds {
			if !isPrincipalKey(c.Key.Value) {
				continue
			}
			derivedUsed = true
			wild := c.Op.Operator == condition.StringLike || c.Op.Operator == condition.StringNotLike ||
				c.Op.Operator >= condition.ArnEquals && c.Op.Operator <= condition.ArnNotLike ||
				c.Op.Operator == condition.StringEqualsIgnoreCase || c.Op.Operator == condition.StringNotEqualsIgnoreCase
			for _, v := range c.Values {
				t := v.Text
				if s.variables && strings.Contains(t, "${") {
					j.note("condition key " + c.Key.Value + ": a policy variable ties the caller to another key")
					continue
				}
				if wild && strings.ContainsAny(t, "*?") || c.Op.Operator == condition.StringEqualsIgnoreCase || c.Op.Operator == condition.StringNotEqualsIgnoreCase {
					j.note("condition key " + c.Key.Value + ": wildcard or case-insensitive patterns on the caller are not modelled exactly")
					t = fillWildcards(t)
				}
				switch strings.ToLower(c.Key.Value) {
				case "aws:principalaccount", "aws:resourceaccount":
					addAcct(t)
				case "aws:principalarn":
					addARN(t)
				case "aws:username":
					named = append(named, caller{principal: arn.User(j.o.Account, "", t), account: j.o.Account})
				case "aws:principalservicename":
					services = append(services, t)
				case "aws:userid":
					if uc, ok := userIDCaller(j.o.Account, t); ok {
						named = append(named, uc)
					} else {
						j.note("condition key " + c.Key.Value + ": the value " + strconv.Quote(t) + " names no caller eval accepts")
					}
				}
			}
		}
	}
	outsider := "999988887777"
	for slices.Contains(accounts, outsider) {
		outsider = fmt.Sprintf("%012d", len(outsider)*7919+len(accounts))
	}
	sessionsOnly := len(old.Session) > 0 || len(new.Session) > 0
	mk := func(a string) []caller {
		user := caller{principal: arn.User(a, "", "iamcheck-user"), account: a, own: ownUser}
		sess := caller{principal: arn.AssumedRole(a, "iamcheck-role", "iamcheck-session"), roleARN: arn.Role(a, "", "iamcheck-role"), account: a, own: ownSession}
		if !j.resMode {
			if sessionsOnly {
				return []caller{sess}
			}
			return []caller{user, sess}
		}
		return []caller{user, sess, {principal: arn.Root(a), account: a},
			{principal: arn.FederatedUser(a, "iamcheck-federated"), account: a}}
	}
	if j.pub != nil {
		j.callers = append(mk(outsider), caller{principal: arn.Anonymous})
		return
	}
	if !j.resMode {
		if !derivedUsed {
			j.callers = mk(j.o.Account)[:1]
			return
		}
		for _, a := range accounts {
			j.callers = append(j.callers, mk(a)...)
		}
		for _, c := range named {
			if strings.HasPrefix(c.principal, "arn:") && (!sessionsOnly || c.roleARN != "") {
				j.callers = append(j.callers, c)
			}
		}
		return
	}
	for _, a := range append(accounts, outsider) {
		j.callers = append(j.callers, mk(a)...)
	}
	j.callers = append(j.callers, named...)
	for _, s := range services {
		j.callers = append(j.callers, caller{principal: s})
	}
	j.callers = append(j.callers, caller{principal: arn.Anonymous})
}

// Actions the evaluator treats specially (service rules, E7.7, E7.10): the partition of the
// action universe separates them so that each class is decided alike.
var specialActions = [][]string{
	{"sts:GetCallerIdentity"},
	{"iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion",
		"iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy"},
	{"iam:AttachRolePolicy", "iam:CreateRole", "iam:CreateServiceLinkedRole", "iam:DeleteRole",
		"iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy", "iam:DeleteServiceLinkedRole",
		"iam:DetachRolePolicy", "iam:PassRole", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy",
		"iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription"},
	{"kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"},
	{"kms:RetireGrant"},
	{"sts:*"},
	{"kms:*"},
}

// actionCells partitions the action universe (catalog actions plus one atom per service for
// actions newer than the snapshot) into classes no statement tells apart.
func (j *job) actionCells() []catalog.Set {
	universe := j.cat.All()
	if j.pub != nil {
		universe = j.pub.actions
	}
	cells := []catalog.Set{universe}
	refine := func(s catalog.Set) {
		var next []catalog.Set
		for _, c := range cells {
			if a := c.Intersect(s); !a.IsEmpty() {
				next = append(next, a)
			}
			if b := c.Difference(s); !b.IsEmpty() {
				next = append(next, b)
			}
		}
		cells = next
	}
	var seen []catalog.Set
	for _, s := range j.stmts {
		if slices.ContainsFunc(seen, s.acts.Equal) {
			continue
		}
		seen = append(seen, s.acts)
		refine(s.acts)
	}
	for _, sp := range j.specials {
		refine(sp)
	}
	return cells
}

// representative returns an action of the cell.
func (j *job) representative(c catalog.Set) string {
	for a := range c.Actions() {
		return a.FullName()
	}
	for _, s := range j.cat.Services() {
		if c.HasUnknown(s.Prefix) {
			return s.Prefix + ":IamcheckUnreleasedAction"
		}
	}
	return "iamcheck-unknown-service:Action"
}

func (j *job) search() {
	j.searched = map[string]bool{}
	for _, sp := range specialActions {
		j.specials = append(j.specials, j.cat.Expand(sp...))
	}
	cells := j.actionCells()
	for _, cell := range cells {
		if j.stopped {
			return
		}
		if time.Now().After(j.deadline) {
			j.note(fmt.Sprintf("the time bound (%s) was reached", j.o.Timeout))
			return
		}
		j.searchCell(j.representative(cell))
	}
	// Probes for actions newer than the catalog snapshot that a partial wildcard grants: the
	// catalog's atom for a service's unknown actions is granted only by patterns covering the
	// whole service, while eval matches the name. One unknown name per partial pattern is
	// decided (a witness found so is genuine; the search is not exhaustive over such names).
	slices.Sort(j.partial)
	for _, p := range j.partial {
		if j.stopped {
			return
		}
		probe := strings.NewReplacer("*", "Zq", "?", "Z").Replace(p)
		if j.cat.Action(probe) != nil {
			continue
		}
		j.searchCell(probe)
	}
}

// statementActs reports whether the statement's Action/NotAction covers action: through the
// catalog for the actions it knows, by matching the patterns as eval does for the others.
func (j *job) statementActs(s *stmtInfo, action string) bool {
	if j.cat.Action(action) != nil {
		return s.acts.Contains(action)
	}
	if s.actPats == nil && !s.notAct {
		return s.acts.Contains(action)
	}
	m := false
	for _, p := range s.actPats {
		if p.Match(action) {
			m = true
			break
		}
	}
	return m != s.notAct
}

// dim is one context key's candidate values; nil entry = key absent.
type dim struct {
	key    string
	values [][]string // nil: absent
	multi  bool
}

func (j *job) searchCell(action string) {
	var rel []*stmtInfo
	// Two actions that the same statements cover and that eval's service rules treat alike are
	// decided alike for every caller, resource and context: search one of them only.
	var key strings.Builder
	for i := range j.stmts {
		if j.statementActs(&j.stmts[i], action) {
			rel = append(rel, &j.stmts[i])
			fmt.Fprintf(&key, "%d,", i)
		}
	}
	key.WriteByte('|')
	for i, sp := range j.specials {
		if sp.Contains(action) {
			fmt.Fprintf(&key, "%d,", i)
		}
	}
	if j.searched[key.String()] {
		return
	}
	j.searched[key.String()] = true
	// Resources.
	var resTexts []string
	prefer := []string{"*"}
	for _, s := range rel {
		for _, t := range s.resText {
			if s.variables && strings.Contains(t, "${") {
				j.note("resource " + t + ": a policy variable ties the resource to a context key")
			}
			if !slices.Contains(resTexts, t) {
				resTexts = append(resTexts, t)
				prefer = append(prefer, fillResource(t))
			}
		}
	}
	slices.Sort(resTexts)
	var globs []glob
	for _, t := range resTexts {
		// Both readings cut the classes: eval decides a resource that only the older reading
		// matches as uncertain (R3.3 corrected 2026-12), so it must be a class of its own.
		globs = append(globs, compileGlob(t, ruleResource), compileGlob(t, ruleResourceOld))
	}
	globs = append(globs, compileGlob("", ruleLiteral)) // the empty resource, a class of its own
	sensitive := []string{"arn:aws:*"}
	svc, _, _ := strings.Cut(strings.ToLower(action), ":")
	switch svc {
	case "iam":
		sensitive = append(sensitive, "arn:*:iam:*:aws:policy/*", "arn:*:iam:*:*:role/aws-reserved/*")
	case "kms":
		sensitive = append(sensitive, "arn:*:kms:*:*:alias/aws/*", "arn:*:kms:*:*:key/*")
	case "sts":
		sensitive = append(sensitive, "arn:*:iam:*:*:role/*")
	}
	for _, t := range sensitive {
		globs = append(globs, compileGlob(t, ruleARN))
	}
	ck := strings.Join(resTexts, "\x00") + "\x01" + strings.Join(sensitive, "\x00")
	classes, ok := j.sigCache[ck]
	if !ok {
		var complete bool
		classes, complete = signatures(globs, j.o.MaxStates, prefer, j.deadline)
		if !complete {
			j.note("resources: the automaton bound (states or time) was reached")
		}
		j.sigCache[ck] = classes
	}
	resources := make([]string, len(classes))
	for i, c := range classes {
		resources[i] = c.repr
	}
	// Context keys.
	uses := map[string]*keyUse{}
	var order []string
	for _, s := range rel {
		for _, c := range s.conds {
			if isPrincipalKey(c.Key.Value) {
				continue
			}
			lk := strings.ToLower(c.Key.Value)
			u := uses[lk]
			if u == nil {
				u = &keyUse{key: c.Key.Value}
				uses[lk] = u
				order = append(order, lk)
			}
			vals := make([]string, len(c.Values))
			for i, v := range c.Values {
				vals[i] = v.Text
			}
			u.add(c.Op, vals, s.variables)
		}
	}
	slices.Sort(order)
	var dims []dim
	for _, lk := range order {
		u := uses[lk]
		if t, ok := j.cat.KeyType(u.key); ok && t.IsArray() || multivalued(lk) {
			u.multi = true
		}
		vals, inc := u.candidates(j.o.MaxStates, j.deadline)
		if inc != "" {
			j.note(inc)
		}
		if j.pub != nil && slices.Contains(restrictingKeys, lk) {
			vals = outsiderValues(u, vals)
		}
		d := dim{key: u.key, multi: u.multi, values: [][]string{nil}}
		if u.multi {
			d.values = append(d.values, []string{})
			if len(vals) > 5 {
				j.note("condition key " + u.key + ": a multivalued key with more than 5 classes of values (only single values and pairs are tried)")
				for a := range vals {
					d.values = append(d.values, []string{vals[a]})
					for b := a + 1; b < len(vals); b++ {
						d.values = append(d.values, []string{vals[a], vals[b]})
					}
				}
			} else {
				d.values = append(d.values, subsets(vals)...)
			}
		} else {
			for _, v := range vals {
				d.values = append(d.values, []string{v})
			}
		}
		dims = append(dims, d)
	}
	total := len(j.callers) * len(resources) * len(j.variants)
	for _, d := range dims {
		total *= len(d.values)
		if total > j.o.MaxRequests {
			break
		}
	}
	if j.requests+total > j.o.MaxRequests {
		j.note(fmt.Sprintf("the request bound (%d) was reached", j.o.MaxRequests))
		j.stopped = true
		return
	}
	idx := make([]int, len(dims))
	ctx := make([]condition.Entry, 0, len(dims)+1)
	for {
		ctx = ctx[:0]
		for i, d := range dims {
			if v := d.values[idx[i]]; v != nil {
				ctx = append(ctx, condition.Entry{Key: d.key, Values: v, Multi: d.multi})
			}
		}
		if j.tryAll(action, resources, ctx) {
			return
		}
		if j.stopped {
			return
		}
		// Next combination.
		i := 0
		for ; i < len(dims); i++ {
			idx[i]++
			if idx[i] < len(dims[i].values) {
				break
			}
			idx[i] = 0
		}
		if i == len(dims) {
			return
		}
	}
}

var knownMulti = []string{"aws:tagkeys", "aws:principalorgpaths", "aws:resourceorgpaths", "aws:calledvia",
	"aws:principalservicenameslist", "cognito-identity.amazonaws.com:amr"}

func multivalued(lk string) bool { return slices.Contains(knownMulti, lk) }

// outsiderValues keeps the values a caller outside the account can have for a restricting key:
// those no value of the policy names (and the absent key, added by the caller).
func outsiderValues(u *keyUse, vals []string) []string {
	var out []string
	for _, v := range vals {
		named := false
		for _, g := range u.globs {
			if g.match(v) {
				named = true
			}
		}
		for _, p := range u.prefixes {
			if ipIn(p, v) {
				named = true
			}
		}
		if !named {
			out = append(out, v)
		}
	}
	return out
}

// tryAll decides every caller and resource with one context; it returns true when the cell
// has its witness.
func (j *job) tryAll(action string, resources []string, ctx []condition.Entry) bool {
	for _, c := range j.callers {
		for _, res := range resources {
			for _, v := range j.variants {
				j.requests++
				if j.requests&1023 == 0 && time.Now().After(j.deadline) {
					j.note(fmt.Sprintf("the time bound (%s) was reached", j.o.Timeout))
					j.stopped = true
					return true
				}
				req := j.request(c, action, res, ctx)
				if v.new.Decide(req) != eval.Allow {
					continue
				}
				if v.old.Decide(req) == eval.Allow {
					continue
				}
				j.addWitness(v, c, req)
				return true
			}
		}
	}
	return false
}

// userIDCaller returns a caller whose aws:userid is id (S9.2: eval refuses a request whose
// aws:userid contradicts its principal, so the value comes with the caller it names): the
// root user for an account ID, a federated user for ACCOUNT:NAME, a role session for
// ROLE-ID:SESSION and an IAM user for a unique ID alone. ok is false for a value no caller
// has ("anonymous" names the anonymous caller, which identity policies never see).
func userIDCaller(account, id string) (c caller, ok bool) {
	first, rest, two := strings.Cut(id, ":")
	switch {
	case id == "anonymous":
		c = caller{principal: arn.Anonymous}
	case arn.IsAccountID(id):
		c = caller{principal: arn.Root(id), account: id}
	case two && arn.IsAccountID(first):
		c = caller{principal: arn.FederatedUser(first, rest), account: first}
	case two:
		c = caller{principal: arn.AssumedRole(account, "iamcheck-role", rest), roleARN: arn.Role(account, "", "iamcheck-role"), account: account}
	default:
		c = caller{principal: arn.User(account, "", "iamcheck-user"), account: account, own: ownUser}
	}
	c.userID = id
	req := eval.Request{Principal: c.principal, Action: "sts:GetCallerIdentity", Resource: "*",
		Context: []condition.Entry{{Key: "aws:userid", Values: []string{id}}}}
	if c.roleARN != "" {
		req.Context = append(req.Context, condition.Entry{Key: "aws:PrincipalArn", Values: []string{c.roleARN}})
	}
	return c, req.Validate() == nil
}

func (j *job) request(c caller, action, res string, ctx []condition.Entry) eval.Request {
	acct := j.o.Account
	if !j.resMode {
		// Identity policies are compared as if the resource were in the caller's account. An
		// ARN naming another account would contradict that (eval refuses a ResourceAccount
		// other than the ARN's, R3.8), so compare's own callers move to the ARN's account,
		// and any other caller meets the resource in its own account (cross-account, X8.3).
		acct = c.account
		if a := arn.AccountOf(res); a != "" && a != acct && arn.IsAccountID(a) {
			c, acct = rehome(c, a), a
		}
	}
	req := eval.Request{Principal: c.principal, Action: action, Resource: res, ResourceAccount: acct}
	if c.roleARN != "" {
		req.Context = append(req.Context, condition.Entry{Key: "aws:PrincipalArn", Values: []string{c.roleARN}})
	}
	if c.userID != "" {
		req.Context = append(req.Context, condition.Entry{Key: "aws:userid", Values: []string{c.userID}})
	}
	req.Context = append(req.Context, ctx...)
	if len(req.Context) > 0 {
		req.Context = slices.Clone(req.Context)
	}
	return req
}

// fillResource is fillWildcards for a Resource entry: a wildcard in the account field becomes
// digits, so that the filled text is an ARN eval accepts in a request (a 12-digit account,
// R3.1) and the class it falls in is represented by a request that can be decided.
func fillResource(t string) string {
	f, n := arn.Split(t)
	if n < 6 || f[0] != "arn" || !strings.ContainsAny(f[4], "*?") {
		return fillWildcards(t)
	}
	acct := strings.ReplaceAll(f[4], "?", "0")
	if i := strings.IndexByte(acct, '*'); i >= 0 {
		lit := strings.ReplaceAll(acct, "*", "")
		pad := strings.Repeat("0", max(0, 12-len(lit)))
		acct = strings.ReplaceAll(acct[:i]+pad+acct[i+1:], "*", "")
	}
	f[4] = acct
	for i := range f[:n] {
		if i != 4 {
			f[i] = fillWildcards(f[i])
		}
	}
	return strings.Join(f[:n], ":")
}

// rehome returns c moved to account a when it is one of compare's own callers (the IAM user or
// the role session that mk builds), else c.
func rehome(c caller, a string) caller {
	switch c.own {
	case ownUser:
		return caller{principal: arn.User(a, "", "iamcheck-user"), account: a, userID: c.userID, own: ownUser}
	case ownSession:
		return caller{principal: arn.AssumedRole(a, "iamcheck-role", "iamcheck-session"), roleARN: arn.Role(a, "", "iamcheck-role"), account: a, own: ownSession}
	}
	return c
}

// addWitness re-checks the request, makes it read like a real one where it can (the caller in
// the account its resource ARN names) and records it with the statements involved.
func (j *job) addWitness(v variant, c caller, req eval.Request) {
	if !j.resMode && c.own == ownUser {
		if a := arn.AccountOf(req.Resource); a != "" && a != c.account && arn.IsAccountID(a) {
			alt := req
			alt.Principal = arn.User(a, "", "iamcheck-user")
			alt.ResourceAccount = ""
			if v.new.Decide(alt) == eval.Allow && v.old.Decide(alt) != eval.Allow {
				req = alt
			}
		}
	}
	nx, ox := v.new.Explain(req), v.old.Explain(req)
	if nx.Decision != eval.Allow || ox.Decision == eval.Allow {
		return // never happens: Decide and Explain agree
	}
	w := Witness{Request: req, New: nx.Decision, Old: ox.Decision, OldReason: ox.Reason,
		Statements: nx.Matched, OldStatements: ox.Matched, IdentityAllowsAll: v.all}
	sortMatches(w.Statements)
	sortMatches(w.OldStatements)
	j.witnesses = append(j.witnesses, w)
	if len(j.witnesses) >= j.o.MaxWitnesses {
		j.stopped = true
	}
}
