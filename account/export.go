package account

import (
	"fmt"
	"strings"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/policy"
	"github.com/tidwall/gjson"
)

// rawExport is one export file as read, before files are merged.
type rawExport struct {
	file      string
	users     []*rawEntity
	groups    []*rawEntity
	roles     []*rawEntity
	policies  []*rawManaged
	truncated bool
	marker    string
	account   string // the account of the file's entities ("" when it holds only AWS managed policies)
}

// rawEntity is a user, group or role as read.
type rawEntity struct {
	kind     string // user, group, role
	where    string // FILE:LINE:COL of the entity
	path     string // JSON path of the entity
	off      int
	arn      arn.ARN
	name     string
	iamPath  string
	id       string
	groups   []string // a user's GroupList
	inline   []*InlinePolicy
	attached []attachRef
	boundary *attachRef
	tags     []Tag
	trust    *rawDoc
	// trustPolicy is the parsed trust policy of a role.
	trustPolicy *policy.Policy
	created     gjson.Result
}

type attachRef struct {
	arn  string
	off  int
	path string
}

type rawDoc struct {
	val  gjson.Result
	path string
}

// rawManaged is an entry of Policies as read.
type rawManaged struct {
	m    *ManagedPolicy
	off  int
	path string
	// noDefault is set when no version with a document is marked IsDefaultVersion.
	noDefault bool
}

// readExport reads one get-account-authorization-details file.
func (w *walker) readExport(limit int) *rawExport {
	root, ok := w.parse(limit)
	if !ok {
		return nil
	}
	x := &rawExport{file: w.file}
	w.object(root, "", func(key string, v gjson.Result, path string) {
		switch key {
		case "UserDetailList":
			w.array(v, path, func(_ int, e gjson.Result, p string) {
				if u := w.entity(e, p, "user"); u != nil {
					x.users = append(x.users, u)
				}
			})
		case "GroupDetailList":
			w.array(v, path, func(_ int, e gjson.Result, p string) {
				if g := w.entity(e, p, "group"); g != nil {
					x.groups = append(x.groups, g)
				}
			})
		case "RoleDetailList":
			w.array(v, path, func(_ int, e gjson.Result, p string) {
				if r := w.entity(e, p, "role"); r != nil {
					x.roles = append(x.roles, r)
				}
			})
		case "Policies":
			w.array(v, path, func(_ int, e gjson.Result, p string) {
				if m := w.managed(e, p); m != nil {
					x.policies = append(x.policies, m)
				}
			})
		case "IsTruncated":
			x.truncated, _ = w.boolean(v, path)
		case "Marker", "NextToken":
			if v.Type != gjson.Null {
				x.marker, _ = w.str(v, path)
			}
		default:
			// Other members (ResponseMetadata, ...) carry nothing the model needs.
		}
	})
	for _, list := range [][]*rawEntity{x.users, x.groups, x.roles} {
		for _, e := range list {
			if x.account == "" {
				x.account = e.arn.Account
			}
		}
	}
	for _, m := range x.policies {
		if x.account == "" && !m.m.AWSManaged {
			x.account = arn.AccountOf(m.m.ARN)
		}
	}
	return x
}

// where returns FILE:LINE:COL of an offset.
func (w *walker) where(off int) string {
	if w.lines == nil {
		w.lines = newLines(w.data)
	}
	l, c := w.lines.pos(off)
	return fmt.Sprintf("%s:%d:%d", w.file, l, c)
}

// entity reads a user, group or role.
func (w *walker) entity(v gjson.Result, path, kind string) *rawEntity {
	e := &rawEntity{kind: kind, path: path, off: v.Index}
	nameKey, idKey, inlineKey := "UserName", "UserId", "UserPolicyList"
	switch kind {
	case "group":
		nameKey, idKey, inlineKey = "GroupName", "GroupId", "GroupPolicyList"
	case "role":
		nameKey, idKey, inlineKey = "RoleName", "RoleId", "RolePolicyList"
	}
	var arnVal gjson.Result
	var inlineVals []rawDoc
	n := len(w.errs)
	if !w.object(v, path, func(key string, val gjson.Result, p string) {
		switch key {
		case "Arn":
			arnVal = val
		case nameKey:
			e.name, _ = w.str(val, p)
		case idKey:
			e.id, _ = w.str(val, p)
		case "Path":
			e.iamPath, _ = w.str(val, p)
		case "CreateDate":
			e.created = val
			w.date(val, p)
		case "GroupList":
			if kind == "user" {
				w.array(val, p, func(_ int, g gjson.Result, gp string) {
					if s, ok := w.str(g, gp); ok {
						e.groups = append(e.groups, s)
					}
				})
			}
		case inlineKey:
			w.array(val, p, func(_ int, d gjson.Result, dp string) {
				inlineVals = append(inlineVals, rawDoc{val: d, path: dp})
			})
		case "AttachedManagedPolicies":
			w.array(val, p, func(_ int, a gjson.Result, ap string) {
				if r, ok := w.attachment(a, ap); ok {
					e.attached = append(e.attached, r)
				}
			})
		case "PermissionsBoundary":
			if kind != "group" && val.Type != gjson.Null {
				w.object(val, p, func(k string, b gjson.Result, bp string) {
					switch k {
					case "PermissionsBoundaryArn":
						if s, ok := w.str(b, bp); ok {
							e.boundary = &attachRef{arn: s, off: b.Index, path: bp}
						}
					case "PermissionsBoundaryType":
						if s, ok := w.str(b, bp); ok && s != "Policy" && s != "PermissionsBoundaryPolicy" {
							w.fail(b.Index, bp, CodeValue, "unknown permissions boundary type %q", clip(s))
						}
					}
				})
			}
		case "Tags":
			w.array(val, p, func(_ int, t gjson.Result, tp string) {
				var tag Tag
				var hasKey bool
				w.object(t, tp, func(k string, tv gjson.Result, kp string) {
					switch k {
					case "Key":
						tag.Key, hasKey = w.str(tv, kp)
					case "Value":
						tag.Value, _ = w.str(tv, kp)
					}
				})
				if !hasKey {
					w.fail(t.Index, tp, CodeMissing, "a tag without Key")
					return
				}
				e.tags = append(e.tags, tag)
			})
		case "AssumeRolePolicyDocument":
			if kind == "role" {
				e.trust = &rawDoc{val: val, path: p}
			}
		}
	}) {
		return nil
	}
	if !arnVal.Exists() {
		w.fail(v.Index, path, CodeMissing, "the %s has no Arn", kind)
		return nil
	}
	s, ok := w.str(arnVal, join(path, "Arn"))
	if !ok {
		return nil
	}
	a, err := arn.Parse(s)
	prefix := kind + "/"
	if err != nil || a.Service != "iam" || a.Region != "" || !arn.IsAccountID(a.Account) || !strings.HasPrefix(a.Resource, prefix) {
		w.fail(arnVal.Index, join(path, "Arn"), CodeValue, "expected an IAM %s ARN such as arn:aws:iam::123456789012:%sNAME, got %q", kind, prefix, clip(s))
		return nil
	}
	e.arn = a
	if e.name == "" {
		w.fail(v.Index, path, CodeMissing, "the %s has no %s", kind, nameKey)
		return nil
	}
	if got := a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]; got != e.name {
		w.fail(arnVal.Index, join(path, "Arn"), CodeConflict, "the ARN names %q but %s is %q", got, nameKey, e.name)
	}
	if kind == "role" && e.trust == nil {
		w.fail(v.Index, path, CodeMissing, "the role has no AssumeRolePolicyDocument")
	}
	e.where = w.where(v.Index)
	if e.trust != nil {
		e.trustPolicy = w.document(e.trust.val, e.trust.path, a.String()+"/AssumeRolePolicyDocument")
	}
	for _, d := range inlineVals {
		var name string
		var doc gjson.Result
		w.object(d.val, d.path, func(k string, val gjson.Result, p string) {
			switch k {
			case "PolicyName":
				name, _ = w.str(val, p)
			case "PolicyDocument":
				doc = val
			}
		})
		if name == "" || !doc.Exists() {
			w.fail(d.val.Index, d.path, CodeMissing, "an inline policy needs PolicyName and PolicyDocument")
			continue
		}
		owner := a.String()
		if p := w.document(doc, join(d.path, "PolicyDocument"), owner+"/"+name); p != nil {
			e.inline = append(e.inline, &InlinePolicy{Owner: owner, Name: name, Policy: p})
		}
	}
	if len(w.errs) > n {
		return nil
	}
	return e
}

// attachment reads {"PolicyName": ..., "PolicyArn": ...}.
func (w *walker) attachment(v gjson.Result, path string) (attachRef, bool) {
	var r attachRef
	w.object(v, path, func(k string, val gjson.Result, p string) {
		if k == "PolicyArn" {
			if s, ok := w.str(val, p); ok {
				r = attachRef{arn: s, off: val.Index, path: p}
			}
		}
	})
	if r.arn == "" {
		w.fail(v.Index, path, CodeMissing, "an attached policy without PolicyArn")
		return r, false
	}
	if !isPolicyARN(r.arn) {
		w.fail(r.off, r.path, CodeValue, "expected a managed policy ARN such as arn:aws:iam::aws:policy/NAME, got %q", clip(r.arn))
		return r, false
	}
	return r, true
}

// isPolicyARN reports whether s is arn:PARTITION:iam::ACCOUNT|aws:policy/[PATH/]NAME.
func isPolicyARN(s string) bool {
	a, err := arn.Parse(s)
	return err == nil && a.Service == "iam" && a.Region == "" && (a.Account == "aws" || arn.IsAccountID(a.Account)) &&
		strings.HasPrefix(a.Resource, "policy/") && !strings.HasSuffix(a.Resource, "/")
}

// managed reads one entry of Policies, keeping the default version's document only.
func (w *walker) managed(v gjson.Result, path string) *rawManaged {
	r := &rawManaged{m: &ManagedPolicy{}, off: v.Index, path: path}
	var versions gjson.Result
	n := len(w.errs)
	if !w.object(v, path, func(k string, val gjson.Result, p string) {
		switch k {
		case "Arn":
			r.m.ARN, _ = w.str(val, p)
		case "PolicyName":
			r.m.Name, _ = w.str(val, p)
		case "Path":
			r.m.Path, _ = w.str(val, p)
		case "DefaultVersionId":
			r.m.DefaultVersion, _ = w.str(val, p)
		case "CreateDate", "UpdateDate":
			w.date(val, p)
		case "PolicyVersionList":
			versions = val
		}
	}) {
		return nil
	}
	if r.m.ARN == "" {
		w.fail(v.Index, path, CodeMissing, "the managed policy has no Arn")
		return nil
	}
	if !isPolicyARN(r.m.ARN) {
		w.fail(v.Index, join(path, "Arn"), CodeValue, "expected a managed policy ARN, got %q", clip(r.m.ARN))
		return nil
	}
	r.m.AWSManaged = arn.AccountOf(r.m.ARN) == "aws"
	if r.m.Name == "" {
		r.m.Name = r.m.ARN[strings.LastIndexByte(r.m.ARN, '/')+1:]
	}
	defaults := 0
	w.array(versions, join(path, "PolicyVersionList"), func(_ int, ver gjson.Result, vp string) {
		var id string
		var isDefault bool
		var doc gjson.Result
		w.object(ver, vp, func(k string, val gjson.Result, p string) {
			switch k {
			case "VersionId":
				id, _ = w.str(val, p)
			case "IsDefaultVersion":
				isDefault, _ = w.boolean(val, p)
			case "CreateDate":
				w.date(val, p)
			case "Document":
				doc = val
			}
		})
		if !isDefault {
			return // only the default version is in force (E7.1)
		}
		defaults++
		if defaults > 1 {
			w.fail(ver.Index, vp, CodeDuplicate, "a second version marked IsDefaultVersion")
			return
		}
		if r.m.DefaultVersion != "" && id != r.m.DefaultVersion {
			w.fail(ver.Index, vp, CodeConflict, "version %q is marked default but DefaultVersionId is %q", id, r.m.DefaultVersion)
			return
		}
		if !doc.Exists() || doc.Type == gjson.Null {
			r.noDefault = true
			return
		}
		r.m.Source = w.where(doc.Index)
		r.m.Policy = w.document(doc, join(vp, "Document"), r.m.ARN)
	})
	if defaults == 0 {
		r.noDefault = true
	}
	if len(w.errs) > n {
		return nil
	}
	return r
}
