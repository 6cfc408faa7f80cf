package account

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
)

// DefaultMaxBytes is the largest input file Load reads when Options.MaxBytes is zero: 256 MiB,
// far above the largest exports seen (an account with thousands of roles exports tens of MB).
const DefaultMaxBytes = 256 << 20

// File is one input: its name (for errors) and its bytes.
type File struct {
	Name string
	Data []byte
}

// Input holds everything a model is built from.
type Input struct {
	// Exports are get-account-authorization-details outputs: one or several accounts, each in
	// one file or in several pages.
	Exports []File
	// Organization is the organization layout (see the package documentation); nil for none.
	Organization *File
	// ResourcePolicies are resource-policy files (see the package documentation).
	ResourcePolicies []File
}

// Options configures Load. The zero value is ready to use.
type Options struct {
	// ManagedPolicyDir is a directory of AWS managed policy documents, one per policy, named
	// after it (AdministratorAccess.json). An AWS managed policy that an export references but
	// does not include is read from there; one found nowhere makes the principals it is
	// attached to uncertain.
	ManagedPolicyDir string
	// MaxBytes caps each input file (0: DefaultMaxBytes; negative: no limit).
	MaxBytes int
	// Eval configures the evaluators compiled for the principals.
	Eval eval.Options
	// Progress, when set, is called as the load advances (stage "parse", "compile", "index"),
	// from the loading goroutine only.
	Progress func(stage string, done, total int)
	// Catalog, when set, lists every action AWS defines; what-can then enumerates it (see
	// Catalog). Without it, what-can uses the actions named in the principal's policies.
	Catalog Catalog
}

// Load builds a model with the zero Options.
func Load(in Input) (*Model, error) { return Options{}.Load(in) }

// Load reads the inputs, assembles every principal's policies as AWS combines them and compiles
// one evaluator per principal. It fails with an ErrorList naming file, JSON path and line:column
// of every problem; it never panics on any input.
func (o Options) Load(in Input) (*Model, error) {
	limit := o.MaxBytes
	if limit == 0 {
		limit = DefaultMaxBytes
	}
	var errs ErrorList
	collect := func(w *walker) { errs = append(errs, w.errs...) }
	progress := func(stage string, done, total int) {
		if o.Progress != nil {
			o.Progress(stage, done, total)
		}
	}

	var exports []*rawExport
	for i, f := range in.Exports {
		w := &walker{file: f.Name, data: f.Data}
		x := w.readExport(limit)
		w.finish()
		collect(w)
		if x != nil {
			exports = append(exports, x)
		}
		progress("parse", i+1, len(in.Exports))
	}
	var org *Organization
	if in.Organization != nil {
		w := &walker{file: in.Organization.Name, data: in.Organization.Data}
		org = w.readOrg(limit)
		w.finish()
		collect(w)
	}
	var resources []*ResourcePolicy
	for _, f := range in.ResourcePolicies {
		w := &walker{file: f.Name, data: f.Data}
		resources = append(resources, w.readResources(limit)...)
		w.finish()
		collect(w)
	}
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	m := &Model{
		accounts:  map[string]*Account{},
		byARN:     map[string]*Principal{},
		byID:      map[string]*Principal{},
		managed:   map[string]*ManagedPolicy{},
		resources: map[string]*ResourcePolicy{},
		org:       org,
		catalog:   o.Catalog,
		opts:      o.Eval,
	}
	if err := m.merge(exports, resources, o.ManagedPolicyDir); err != nil {
		return nil, err
	}
	m.compile(progress)
	if err := m.compileErr; err != nil {
		return nil, err
	}
	progress("index", 0, 1)
	m.buildIndex()
	progress("index", 1, 1)
	return m, nil
}

// merge joins the files: pages of one account, several accounts, managed policies, the
// organization and the resource policies.
func (m *Model) merge(exports []*rawExport, resources []*ResourcePolicy, dir string) error {
	var errs ErrorList
	fail := func(where, path string, code ErrorCode, format string, args ...any) {
		file, line, col := splitWhere(where)
		errs = append(errs, &Error{File: file, Line: line, Col: col, Path: path, Code: code, Msg: fmt.Sprintf(format, args...)})
	}
	// Pagination (IsTruncated/Marker): every account needs a page that is not truncated.
	last := map[string]bool{}
	for _, x := range exports {
		if !x.truncated {
			last[x.account] = true
		}
	}
	for _, x := range exports {
		if x.truncated && !last[x.account] {
			fail(x.file, "IsTruncated", CodeTruncated, "the export is truncated (Marker %q) and no later page of account %s was given: the model would miss principals and policies", clip(x.marker), x.account)
		}
	}
	acct := func(id, file string) *Account {
		a := m.accounts[id]
		if a == nil {
			a = &Account{ID: id, groups: map[string]*Group{}}
			m.accounts[id] = a
		}
		if len(a.Files) == 0 || a.Files[len(a.Files)-1] != file {
			a.Files = append(a.Files, file)
		}
		return a
	}
	seen := map[string]string{} // ARN -> where
	dup := func(arnText, where, path string) bool {
		if first, ok := seen[arnText]; ok {
			fail(where, path, CodeDuplicate, "%s is given twice (first at %s)", arnText, first)
			return true
		}
		seen[arnText] = where
		return false
	}
	// Managed policies first: they are shared.
	var noDoc []*rawManaged
	for _, x := range exports {
		for _, r := range x.policies {
			if prev, ok := m.managed[r.m.ARN]; ok {
				if r.m.AWSManaged {
					continue // the same AWS managed policy in several accounts' exports: the first wins
				}
				fail(r.m.Source, r.path, CodeDuplicate, "managed policy %s is given twice (first at %s)", r.m.ARN, prev.Source)
				continue
			}
			if r.noDefault || r.m.Policy == nil {
				noDoc = append(noDoc, r)
				continue
			}
			m.managed[r.m.ARN] = r.m
		}
	}
	for _, r := range noDoc {
		if _, ok := m.managed[r.m.ARN]; !ok && r.m.AWSManaged {
			m.fromDir(dir, r.m.ARN)
		}
	}
	resolve := func(ref string) (*ManagedPolicy, bool) {
		if p, ok := m.managed[ref]; ok {
			return p, true
		}
		if arn.AccountOf(ref) == "aws" {
			if p := m.fromDir(dir, ref); p != nil {
				return p, true
			}
		}
		return nil, false
	}
	for _, x := range exports {
		for _, g := range x.groups {
			if dup(g.arn.String(), g.where, g.path) {
				continue
			}
			a := acct(g.arn.Account, x.file)
			grp := &Group{ARN: g.arn.String(), Name: g.name, Path: g.iamPath, ID: g.id, Account: a.ID, Inline: g.inline}
			for _, ref := range g.attached {
				if p, ok := resolve(ref.arn); ok {
					grp.Attached = append(grp.Attached, p)
				} else {
					grp.Missing = append(grp.Missing, ref.arn)
				}
			}
			a.groups[g.name] = grp
			a.Groups = append(a.Groups, grp)
		}
	}
	for _, x := range exports {
		for _, list := range [][]*rawEntity{x.users, x.roles} {
			for _, e := range list {
				if dup(e.arn.String(), e.where, e.path) {
					continue
				}
				a := acct(e.arn.Account, x.file)
				p := &Principal{ARN: e.arn.String(), Name: e.name, Path: e.iamPath, ID: e.id, Account: a.ID, Tags: e.tags, Inline: e.inline, acct: a}
				p.Kind = KindUser
				if e.kind == "role" {
					p.Kind = KindRole
					a.Roles = append(a.Roles, p)
				} else {
					a.Users = append(a.Users, p)
				}
				if t, ok := parseDate(e.created.Str); ok {
					p.Created = t
				}
				for _, name := range e.groups {
					if g := a.groups[name]; g != nil {
						p.Groups = append(p.Groups, g)
					} else {
						p.Missing = append(p.Missing, "group "+name+" (not in the export)")
					}
				}
				for _, ref := range e.attached {
					if mp, ok := resolve(ref.arn); ok {
						p.Attached = append(p.Attached, mp)
					} else {
						p.Missing = append(p.Missing, ref.arn)
					}
				}
				if e.boundary != nil {
					p.BoundaryARN = e.boundary.arn
					if mp, ok := resolve(e.boundary.arn); ok {
						p.Boundary = mp
					} else {
						p.Missing = append(p.Missing, e.boundary.arn+" (permissions boundary)")
					}
				}
				p.Trust = e.trustPolicy
				if p.Trust != nil {
					p.trustRP = &ResourcePolicy{ARN: p.ARN, Account: a.ID, Source: e.where, Policy: p.Trust}
				}
				p.idx = int32(len(m.principals))
				m.principals = append(m.principals, p)
				m.byARN[p.ARN] = p
				if p.ID != "" {
					m.byID[p.ID] = p
				}
			}
		}
	}
	if len(errs) > 0 {
		return errs.sorted()
	}
	// Organization levels.
	for id, a := range m.accounts {
		if m.org == nil {
			continue
		}
		if id == m.org.ManagementAccountID {
			a.InOrganization, a.Management = true, true
			if oa := m.org.accounts[id]; oa != nil {
				a.OrgPath = oa.path
			}
			continue
		}
		if oa := m.org.accounts[id]; oa != nil {
			a.InOrganization, a.OrgPath, a.SCP, a.RCP = true, oa.path, oa.scp, oa.rcp
		}
	}
	for _, r := range resources {
		if prev, ok := m.resources[r.ARN]; ok {
			fail(r.Source, "", CodeDuplicate, "a second policy for %s (first at %s)", r.ARN, prev.Source)
			continue
		}
		m.resources[r.ARN] = r
	}
	if len(errs) > 0 {
		return errs.sorted()
	}
	return nil
}

// fromDir reads an AWS managed policy from the managed-policy directory, or returns nil.
func (m *Model) fromDir(dir, ref string) *ManagedPolicy {
	if p, ok := m.managed[ref]; ok {
		return p
	}
	if dir == "" {
		return nil
	}
	name := ref[strings.LastIndexByte(ref, '/')+1:]
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return nil
	}
	file := filepath.Join(dir, name+".json")
	data, err := readLimited(file, policy.DefaultMaxBytes)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			m.warnings = append(m.warnings, fmt.Sprintf("%s: %v", file, err))
		}
		return nil
	}
	p, err := policy.Options{Name: ref, Lenient: true}.Parse(data)
	if err != nil {
		m.warnings = append(m.warnings, fmt.Sprintf("%s: %v (the policy counts as missing)", file, err))
		return nil
	}
	mp := &ManagedPolicy{ARN: ref, Name: name, AWSManaged: true, Source: file, Policy: p}
	m.managed[ref] = mp
	return mp
}

// readLimited reads at most limit bytes of a file; a longer file is an error.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return data, nil
}

// splitWhere splits FILE:LINE:COL.
func splitWhere(s string) (file string, line, col int) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, 0
	}
	j := strings.LastIndexByte(s[:i], ':')
	if j < 0 {
		return s, 0, 0
	}
	if _, err := fmt.Sscanf(s[j+1:], "%d:%d", &line, &col); err != nil {
		return s, 0, 0
	}
	return s[:j], line, col
}

// compile assembles and compiles every principal's evaluator, on every core.
func (m *Model) compile(progress func(string, int, int)) {
	for _, p := range m.principals {
		p.identity = assemble(p)
		p.baseCtx = m.buildContext(p, "", nil)
		set := m.homeSet(p)
		p.hasCond = anyCondition(set.Identity) || anyCondition(set.Boundary)
		for _, lvl := range set.SCP {
			p.hasCond = p.hasCond || anyCondition(lvl)
		}
	}
	// Principals with the same policies (the same groups and attachments, no inline policy)
	// share one evaluator: the set is the same, only the request's principal differs.
	type job struct {
		p    *Principal
		same []*Principal
	}
	var jobs []*job
	byKey := map[string]*job{}
	for _, p := range m.principals {
		key := setKey(p)
		if j, ok := byKey[key]; ok && key != "" {
			j.same = append(j.same, p)
			continue
		}
		j := &job{p: p}
		byKey[key] = j
		jobs = append(jobs, j)
	}
	// Every policy is compiled once, as an eval.Part, and shared by every evaluator that holds
	// it: a managed policy attached to 5,000 principals is compiled once (E7.1). Parts are
	// compiled in parallel, then each distinct set is assembled from them (no compiling).
	type partKey struct {
		p    *policy.Policy
		kind eval.Kind
	}
	var keys []partKey
	seen := map[partKey]bool{}
	need := func(k partKey) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, j := range jobs {
		set := m.homeSet(j.p)
		for _, q := range set.Identity {
			need(partKey{q, eval.KindIdentity})
		}
		for _, q := range set.Boundary {
			need(partKey{q, eval.KindBoundary})
		}
		for _, lvl := range set.SCP {
			for _, q := range lvl {
				need(partKey{q, eval.KindSCP})
			}
		}
		for _, lvl := range set.RCP {
			for _, q := range lvl {
				need(partKey{q, eval.KindRCP})
			}
		}
	}
	parts := make([]*eval.Part, len(keys))
	partErr := make([]error, len(keys))
	n := len(keys)
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int, max(workers, 1))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				parts[i], partErr[i] = m.opts.CompilePart(keys[i].kind, keys[i].p)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
		if progress != nil && (i+1)%1000 == 0 {
			progress("compile", i+1, n)
		}
	}
	close(next)
	wg.Wait()
	index := make(map[partKey]int, len(keys))
	for i, k := range keys {
		index[k] = i
	}
	var errs ErrorList
	for _, j := range jobs {
		set := m.homeSet(j.p)
		var ps eval.Parts
		var failed error
		take := func(k partKey) *eval.Part {
			i := index[k]
			if partErr[i] != nil && failed == nil {
				failed = partErr[i]
			}
			return parts[i]
		}
		for _, q := range set.Identity {
			ps.Identity = append(ps.Identity, take(partKey{q, eval.KindIdentity}))
		}
		for _, q := range set.Boundary {
			ps.Boundary = append(ps.Boundary, take(partKey{q, eval.KindBoundary}))
		}
		for _, lvl := range set.SCP {
			var l []*eval.Part
			for _, q := range lvl {
				l = append(l, take(partKey{q, eval.KindSCP}))
			}
			ps.SCP = append(ps.SCP, l)
		}
		for _, lvl := range set.RCP {
			var l []*eval.Part
			for _, q := range lvl {
				l = append(l, take(partKey{q, eval.KindRCP}))
			}
			ps.RCP = append(ps.RCP, l)
		}
		var ev *eval.Evaluator
		if failed == nil {
			ev, failed = m.opts.Assemble(ps)
		}
		if failed != nil {
			errs = append(errs, compileError(j.p, failed))
			ev = nil
		}
		j.p.ev = ev
		for _, q := range j.same {
			q.ev = ev
		}
	}
	if progress != nil {
		progress("compile", n, n)
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].File < errs[j].File })
		m.compileErr = errs.sorted()
	}
}

// setKey identifies a principal's home policy set by the identity of its policies: equal keys,
// equal sets. Inline policies are the principal's own, so their pointers make the key unique.
func setKey(p *Principal) string {
	var b strings.Builder
	b.WriteString(p.Account)
	if p.IsServiceLinked() {
		b.WriteString("/slr")
	}
	if p.Boundary != nil {
		fmt.Fprintf(&b, "|b%p", p.Boundary.Policy)
	}
	for _, q := range p.identity {
		fmt.Fprintf(&b, "|%p", q)
	}
	return b.String()
}

func compileError(p *Principal, err error) *Error {
	e := &Error{File: p.ARN, Code: CodePolicy, Msg: err.Error()}
	var ce *eval.CompileError
	if errors.As(err, &ce) {
		e.File, e.Path, e.Line, e.Col, e.Msg = ce.PolicyName, ce.Path, ce.Position.Line, ce.Position.Col, ce.Err.Error()
	}
	return e
}

// assemble lists a principal's identity policies as AWS combines them (E7.1): its inline
// policies, its attached managed policies, then for each group the group's inline and attached
// policies. A managed policy reached twice (attached to the user and to a group) is listed once.
func assemble(p *Principal) []*policy.Policy {
	var out []*policy.Policy
	seen := map[*policy.Policy]bool{}
	add := func(q *policy.Policy) {
		if q != nil && !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	for _, ip := range p.Inline {
		add(ip.Policy)
	}
	for _, mp := range p.Attached {
		add(mp.Policy)
	}
	for _, g := range p.Groups {
		for _, ip := range g.Inline {
			add(ip.Policy)
		}
		for _, mp := range g.Attached {
			add(mp.Policy)
		}
		for _, miss := range g.Missing {
			p.Missing = append(p.Missing, miss+" (attached to group "+g.Name+")")
		}
	}
	return out
}

// homeSet is the principal's policy set for requests on resources of its own account that have
// no resource policy: identity, boundary, its account's SCPs (E7.9) and RCPs (E7.10).
func (m *Model) homeSet(p *Principal) eval.PolicySet {
	set := eval.PolicySet{Identity: p.identity}
	if p.Boundary != nil {
		set.Boundary = []*policy.Policy{p.Boundary.Policy}
	}
	set.SCP = p.acct.SCP
	set.RCP = p.acct.RCP
	return set
}

// anyCondition reports whether a statement of ps has a Condition block.
func anyCondition(ps []*policy.Policy) bool {
	for _, p := range ps {
		for i := range p.Statements {
			if len(p.Statements[i].Conditions) > 0 {
				return true
			}
		}
	}
	return false
}
