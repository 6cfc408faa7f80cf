package account

import (
	"github.com/tidwall/gjson"

	"github.com/iamgo/iam/arn"
	"github.com/iamgo/iam/policy"
)

// Organization is the organization input: its tree, from the root through the OUs to the
// accounts, with the SCPs and RCPs attached at each level.
type Organization struct {
	ID                  string // o-...
	ManagementAccountID string
	RootID              string // r-...
	// SCPEnabled and RCPEnabled say whether the policy types are in force.
	SCPEnabled, RCPEnabled bool
	// Policies holds every SCP and RCP by policy id.
	Policies map[string]*OrgPolicy
	// accounts maps an account id to its levels.
	accounts map[string]*orgAccount
}

// OrgPolicy is a service or resource control policy.
type OrgPolicy struct {
	ID, Name, Type string // Type SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY
	Policy         *policy.Policy
}

// orgAccount is where an account sits: its path and its SCP and RCP levels, root first.
type orgAccount struct {
	path     string
	scp, rcp [][]*policy.Policy
}

const (
	typeSCP = "SERVICE_CONTROL_POLICY"
	typeRCP = "RESOURCE_CONTROL_POLICY"
)

// orgLevel is one node of the tree while reading.
type orgLevel struct {
	id       string
	policies []string // policy ids
	off      int
	path     string
}

// readOrg reads the organization file (layout in the package documentation).
func (w *walker) readOrg(limit int) *Organization {
	root, ok := w.parse(limit)
	if !ok {
		return nil
	}
	o := &Organization{Policies: map[string]*OrgPolicy{}, accounts: map[string]*orgAccount{}}
	var tree gjson.Result
	var types gjson.Result
	w.object(root, "", func(k string, v gjson.Result, p string) {
		switch k {
		case "Organization":
			w.object(v, p, func(k string, v gjson.Result, p string) {
				switch k {
				case "Id":
					o.ID, _ = w.str(v, p)
				case "MasterAccountId", "ManagementAccountId":
					o.ManagementAccountID, _ = w.str(v, p)
				}
			})
		case "Policies":
			w.array(v, p, func(_ int, e gjson.Result, ep string) { w.orgPolicy(o, e, ep) })
		case "Root":
			tree = v
		}
	})
	if !tree.Exists() {
		w.fail(root.Index, "", CodeMissing, "the organization file has no Root")
		return nil
	}
	if o.ManagementAccountID != "" && !arn.IsAccountID(o.ManagementAccountID) {
		w.fail(root.Index, "Organization.MasterAccountId", CodeValue, "expected a 12-digit account id, got %q", clip(o.ManagementAccountID))
	}
	w.object(tree, "Root", func(k string, v gjson.Result, p string) {
		switch k {
		case "Id":
			o.RootID, _ = w.str(v, p)
		case "PolicyTypes":
			types = v
		}
	})
	// Enabled types: from the root's PolicyTypes when given (list-roots), else whichever types
	// the file holds policies of.
	if types.Exists() {
		w.array(types, "Root.PolicyTypes", func(_ int, t gjson.Result, tp string) {
			var typ, status string
			w.object(t, tp, func(k string, v gjson.Result, p string) {
				switch k {
				case "Type":
					typ, _ = w.str(v, p)
				case "Status":
					status, _ = w.str(v, p)
				}
			})
			if status == "ENABLED" || status == "" {
				o.SCPEnabled = o.SCPEnabled || typ == typeSCP
				o.RCPEnabled = o.RCPEnabled || typ == typeRCP
			}
		})
	} else {
		for _, p := range o.Policies {
			o.SCPEnabled = o.SCPEnabled || p.Type == typeSCP
			o.RCPEnabled = o.RCPEnabled || p.Type == typeRCP
		}
	}
	orgPath := o.ID + "/" + o.RootID + "/"
	w.orgNode(o, tree, "Root", nil, orgPath)
	return o
}

func (w *walker) orgPolicy(o *Organization, v gjson.Result, path string) {
	var p OrgPolicy
	var content gjson.Result
	w.object(v, path, func(k string, val gjson.Result, vp string) {
		switch k {
		case "PolicySummary":
			w.object(val, vp, func(k string, s gjson.Result, sp string) {
				switch k {
				case "Id":
					p.ID, _ = w.str(s, sp)
				case "Name":
					p.Name, _ = w.str(s, sp)
				case "Type":
					p.Type, _ = w.str(s, sp)
				}
			})
		case "Content":
			content = val
		}
	})
	if p.ID == "" || !content.Exists() {
		w.fail(v.Index, path, CodeMissing, "an organization policy needs PolicySummary.Id and Content")
		return
	}
	if _, dup := o.Policies[p.ID]; dup {
		w.fail(v.Index, path, CodeDuplicate, "policy %q given twice", p.ID)
		return
	}
	switch p.Type {
	case typeSCP, typeRCP:
	case "":
		w.fail(v.Index, join(path, "PolicySummary.Type"), CodeMissing, "policy %q has no Type (SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY)", p.ID)
		return
	default:
		return // tag, backup, AI opt-out policies do not decide requests
	}
	name := p.Name
	if name == "" {
		name = p.ID
	}
	p.Policy = w.document(content, join(path, "Content"), "org:"+name)
	if p.Policy != nil {
		o.Policies[p.ID] = &p
	}
}

// orgNode reads one level of the tree (the root, an OU or an account) with the levels above
// it.
func (w *walker) orgNode(o *Organization, v gjson.Result, path string, above []orgLevel, orgPath string) {
	lvl := orgLevel{off: v.Index, path: path}
	var ous, accounts gjson.Result
	w.object(v, path, func(k string, val gjson.Result, p string) {
		switch k {
		case "Id":
			lvl.id, _ = w.str(val, p)
		case "PolicyIds":
			w.array(val, p, func(_ int, e gjson.Result, ep string) {
				if s, ok := w.str(e, ep); ok {
					if _, known := o.Policies[s]; !known {
						// A policy of another type (tag, backup, ...) has been skipped; any
						// other unknown id is an error.
						w.fail(e.Index, ep, CodeReference, "policy %q is not in Policies (or is not an SCP or RCP)", s)
						return
					}
					lvl.policies = append(lvl.policies, s)
				}
			})
		case "OrganizationalUnits":
			ous = val
		case "Accounts":
			accounts = val
		}
	})
	if lvl.id == "" {
		w.fail(v.Index, path, CodeMissing, "a level of the organization without Id")
		return
	}
	levels := append(append([]orgLevel(nil), above...), lvl)
	w.array(ous, join(path, "OrganizationalUnits"), func(_ int, e gjson.Result, ep string) {
		id := e.Get("Id").String()
		w.orgNode(o, e, ep, levels, orgPath+id+"/")
	})
	w.array(accounts, join(path, "Accounts"), func(_ int, e gjson.Result, ep string) {
		var id string
		var pols []string
		w.object(e, ep, func(k string, val gjson.Result, p string) {
			switch k {
			case "Id":
				id, _ = w.str(val, p)
			case "PolicyIds":
				w.array(val, p, func(_ int, x gjson.Result, xp string) {
					if s, ok := w.str(x, xp); ok {
						if _, known := o.Policies[s]; !known {
							w.fail(x.Index, xp, CodeReference, "policy %q is not in Policies (or is not an SCP or RCP)", s)
							return
						}
						pols = append(pols, s)
					}
				})
			}
		})
		if !arn.IsAccountID(id) {
			w.fail(e.Index, join(ep, "Id"), CodeValue, "expected a 12-digit account id, got %q", clip(id))
			return
		}
		if _, dup := o.accounts[id]; dup {
			w.fail(e.Index, ep, CodeConflict, "account %s appears twice in the organization", id)
			return
		}
		all := append(append([]orgLevel(nil), levels...), orgLevel{id: id, policies: pols})
		a := &orgAccount{path: orgPath}
		for _, l := range all {
			var scp, rcp []*policy.Policy
			for _, pid := range l.policies {
				p := o.Policies[pid]
				if p.Type == typeSCP {
					scp = append(scp, p.Policy)
				} else {
					rcp = append(rcp, p.Policy)
				}
			}
			// A level without a policy of an enabled type allows nothing (AWS never leaves
			// one empty: FullAWSAccess and RCPFullAWSAccess are attached by default): fail
			// closed rather than skip the level.
			if o.SCPEnabled {
				a.scp = append(a.scp, nonNil(scp))
			}
			if o.RCPEnabled {
				a.rcp = append(a.rcp, nonNil(rcp))
			}
		}
		o.accounts[id] = a
	})
}

func nonNil(ps []*policy.Policy) []*policy.Policy {
	if ps == nil {
		return []*policy.Policy{}
	}
	return ps
}
