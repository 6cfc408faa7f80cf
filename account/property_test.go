package account

import (
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/policy"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// The property: on random accounts, the model's answer equals eval's decision on the policy set
// that a deliberately simple reference assembler builds from the generated account (not from
// the model): a user's own, attached and groups' policies, the boundary, the SCPs of its
// account's levels, the resource's policy (a role's trust policy for sts actions) and the RCPs
// of the resource's account (E7.1, E7.9, E7.10, S9.1). And who-can lists exactly the principals
// for which can says Allow.

// genAccount is a generated account: the reference assembler reads these fields directly.
type genAccount struct {
	managed  map[string]obj // ARN -> document
	users    []genPrincipal
	roles    []genPrincipal
	groups   map[string]genGroup
	bucket   obj   // bucket policy of arn:aws:s3:::data (account A), or nil
	scp      []obj // one SCP per level root, OU, account (nil: no organization)
	rcp      []obj
	mgmt     bool // account A is the management account (SCPs and RCPs do not apply)
	export   obj
	orgFile  obj
	resource obj
}

type genPrincipal struct {
	name, kind string
	groups     []string
	attached   []string
	inline     []obj
	boundary   string
	trust      obj
	tags       map[string]string
}

type genGroup struct {
	attached []string
	inline   []obj
}

var (
	propActions   = []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "iam:CreateUser", "sts:AssumeRole", "ec2:RunInstances"}
	propPatterns  = []string{"s3:GetObject", "s3:PutObject", "s3:*", "s3:Get*", "iam:*", "*", "sts:AssumeRole", "ec2:Run*", "iam:CreateUser"}
	propResources = []string{"*", "arn:aws:s3:::data/*", "arn:aws:s3:::data/k1", "arn:aws:s3:::other/*", "arn:aws:iam::111111111111:role/*", "arn:aws:iam::111111111111:user/*"}
)

func randStmt(r *rand.Rand, withPrincipal bool, users []string) obj {
	s := obj{"Effect": "Allow"}
	if r.Intn(4) == 0 {
		s["Effect"] = "Deny"
	}
	key := "Action"
	if r.Intn(8) == 0 {
		key = "NotAction"
	}
	s[key] = propPatterns[r.Intn(len(propPatterns))]
	if r.Intn(6) == 0 {
		s["NotResource"] = propResources[1+r.Intn(len(propResources)-1)]
	} else {
		s["Resource"] = propResources[r.Intn(len(propResources))]
	}
	switch r.Intn(6) {
	case 0:
		s["Condition"] = obj{"StringEquals": obj{"aws:PrincipalTag/team": []string{"blue", "red"}[r.Intn(2)]}}
	case 1:
		s["Condition"] = obj{"Bool": obj{"aws:MultiFactorAuthPresent": "true"}}
	}
	if withPrincipal {
		switch r.Intn(4) {
		case 0:
			s["Principal"] = "*"
		case 1:
			s["Principal"] = obj{"AWS": "arn:aws:iam::111111111111:root"}
		default:
			s["Principal"] = obj{"AWS": users[r.Intn(len(users))]}
		}
	}
	return s
}

func randDoc(r *rand.Rand, n int, withPrincipal bool, users []string) obj {
	var st []obj
	for i := 0; i < 1+r.Intn(n); i++ {
		st = append(st, randStmt(r, withPrincipal, users))
	}
	return doc(st...)
}

func randSubset(r *rand.Rand, from []string, max int) []string {
	var out []string
	for _, x := range from {
		if len(out) < max && r.Intn(3) == 0 {
			out = append(out, x)
		}
	}
	return out
}

// genCase builds a random account from a seed.
func genCase(seed int64) *genAccount {
	r := rand.New(rand.NewSource(seed))
	g := &genAccount{managed: map[string]obj{}, groups: map[string]genGroup{}}
	var principalARNs []string
	for i := 0; i < 3; i++ {
		principalARNs = append(principalARNs, arnOf(acctA, "user", fmt.Sprintf("u%d", i)), arnOf(acctA, "role", fmt.Sprintf("r%d", i)))
	}
	var managedARNs []string
	var policies arr
	for i := 0; i < 6; i++ {
		a := arnOf(acctA, "policy", fmt.Sprintf("m%d", i))
		d := randDoc(r, 3, false, nil)
		g.managed[a] = d
		managedARNs = append(managedARNs, a)
		policies = append(policies, managed(acctA, fmt.Sprintf("m%d", i), d))
	}
	var groupsJSON arr
	for i := 0; i < 2; i++ {
		name := fmt.Sprintf("g%d", i)
		gg := genGroup{attached: randSubset(r, managedARNs, 2)}
		if r.Intn(2) == 0 {
			gg.inline = []obj{randDoc(r, 2, false, nil)}
		}
		g.groups[name] = gg
		var in arr
		for j, d := range gg.inline {
			in = append(in, inline(fmt.Sprintf("gi%d", j), d))
		}
		if in == nil {
			in = arr{}
		}
		groupsJSON = append(groupsJSON, obj{"GroupName": name, "Arn": arnOf(acctA, "group", name), "GroupPolicyList": in, "AttachedManagedPolicies": attach(gg.attached...)})
	}
	var usersJSON, rolesJSON arr
	for i := 0; i < 3; i++ {
		for _, kind := range []string{"user", "role"} {
			p := genPrincipal{name: fmt.Sprintf("%c%d", kind[0], i), kind: kind, attached: randSubset(r, managedARNs, 3)}
			if kind == "user" {
				p.groups = randSubset(r, []string{"g0", "g1"}, 2)
			} else {
				p.trust = randDoc(r, 2, true, principalARNs)
				// Trust policies name sts:AssumeRole or nothing useful.
				for _, s := range p.trust["Statement"].(arr) {
					s.(obj)["Action"] = "sts:AssumeRole"
					delete(s.(obj), "NotAction")
					delete(s.(obj), "Resource")
					delete(s.(obj), "NotResource")
				}
			}
			if r.Intn(2) == 0 {
				p.inline = []obj{randDoc(r, 3, false, nil)}
			}
			if r.Intn(4) == 0 {
				p.boundary = managedARNs[r.Intn(len(managedARNs))]
			}
			if r.Intn(2) == 0 {
				p.tags = map[string]string{"team": []string{"blue", "red"}[r.Intn(2)]}
			}
			var in arr
			for j, d := range p.inline {
				in = append(in, inline(fmt.Sprintf("i%d", j), d))
			}
			extra := obj{}
			if p.boundary != "" {
				extra["PermissionsBoundary"] = obj{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": p.boundary}
			}
			tags := arr{}
			for k, v := range p.tags {
				tags = append(tags, obj{"Key": k, "Value": v})
			}
			extra["Tags"] = tags
			if kind == "user" {
				usersJSON = append(usersJSON, user(acctA, p.name, p.groups, attach(p.attached...), in, extra))
				g.users = append(g.users, p)
			} else {
				rolesJSON = append(rolesJSON, role(acctA, p.name, p.trust, attach(p.attached...), in, extra))
				g.roles = append(g.roles, p)
			}
		}
	}
	if usersJSON == nil {
		usersJSON = arr{}
	}
	g.export = export(usersJSON, groupsJSON, rolesJSON, policies)
	if r.Intn(2) == 0 {
		g.bucket = randDoc(r, 3, true, principalARNs)
		g.resource = obj{"ResourceArn": "arn:aws:s3:::data", "ResourceAccount": acctA, "Policy": g.bucket}
	}
	if r.Intn(2) == 0 {
		g.mgmt = r.Intn(4) == 0
		var pols arr
		for lvl := 0; lvl < 3; lvl++ {
			scp := randDoc(r, 2, false, nil)
			if r.Intn(2) == 0 {
				scp = doc(stmt("Allow", "*", "*"))
			}
			rcp := obj{"Version": "2012-10-17", "Statement": arr{obj{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}}
			if r.Intn(3) == 0 {
				rcp["Statement"] = append(rcp["Statement"].(arr), obj{"Effect": "Deny", "Principal": "*", "Action": propPatterns[r.Intn(3)], "Resource": "*"})
			}
			g.scp, g.rcp = append(g.scp, scp), append(g.rcp, rcp)
			pols = append(pols,
				obj{"PolicySummary": obj{"Id": fmt.Sprintf("p-s%d", lvl), "Type": "SERVICE_CONTROL_POLICY"}, "Content": scp},
				obj{"PolicySummary": obj{"Id": fmt.Sprintf("p-r%d", lvl), "Type": "RESOURCE_CONTROL_POLICY"}, "Content": rcp})
		}
		mgmt := acctM
		if g.mgmt {
			mgmt = acctA
		}
		g.orgFile = obj{"Organization": obj{"Id": "o-x", "MasterAccountId": mgmt}, "Policies": pols,
			"Root": obj{"Id": "r-x", "PolicyIds": arr{"p-s0", "p-r0"}, "OrganizationalUnits": arr{obj{"Id": "ou-x", "PolicyIds": arr{"p-s1", "p-r1"},
				"Accounts": arr{obj{"Id": acctA, "PolicyIds": arr{"p-s2", "p-r2"}}}}}}}
	}
	return g
}

func parseObj(t testing.TB, o obj, name string) *policy.Policy {
	p, err := policy.Options{Name: name, Lenient: true}.Parse(js(t, o))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// refDecide is the reference: assemble the set from the generated account and decide with eval.
func (g *genAccount) refDecide(t testing.TB, principal, action, resource string, ctx []condition.Entry) eval.Decision {
	var p genPrincipal
	session := ""
	for _, x := range append(append([]genPrincipal(nil), g.users...), g.roles...) {
		a := arnOf(acctA, x.kind, x.name)
		if principal == a {
			p = x
		}
		if x.kind == "role" && strings.HasPrefix(principal, "arn:aws:sts::"+acctA+":assumed-role/"+x.name+"/") {
			p, session = x, strings.TrimPrefix(principal, "arn:aws:sts::"+acctA+":assumed-role/"+x.name+"/")
		}
	}
	var set eval.PolicySet
	for _, d := range p.inline {
		set.Identity = append(set.Identity, parseObj(t, d, "inline"))
	}
	for _, a := range p.attached {
		set.Identity = append(set.Identity, parseObj(t, g.managed[a], a))
	}
	for _, gn := range p.groups {
		for _, d := range g.groups[gn].inline {
			set.Identity = append(set.Identity, parseObj(t, d, "group inline"))
		}
		for _, a := range g.groups[gn].attached {
			set.Identity = append(set.Identity, parseObj(t, g.managed[a], a))
		}
	}
	if p.boundary != "" {
		set.Boundary = []*policy.Policy{parseObj(t, g.managed[p.boundary], p.boundary)}
	}
	if g.scp != nil && !g.mgmt {
		for i := range g.scp {
			set.SCP = append(set.SCP, []*policy.Policy{parseObj(t, g.scp[i], "scp")})
			set.RCP = append(set.RCP, []*policy.Policy{parseObj(t, g.rcp[i], "rcp")})
		}
	}
	resAcct := ""
	switch {
	case strings.HasPrefix(action, "sts:") && strings.HasPrefix(resource, "arn:aws:iam::"+acctA+":role/"):
		for _, r := range g.roles {
			if resource == arnOf(acctA, "role", r.name) {
				set.Resource = parseObj(t, r.trust, "trust")
			}
		}
	case strings.HasPrefix(resource, "arn:aws:s3:::data/") && g.bucket != nil:
		set.Resource = parseObj(t, g.bucket, "bucket")
		resAcct = acctA
	case strings.HasPrefix(resource, "arn:aws:s3:::"):
		resAcct = acctA // the requests below name it
	}
	roleARN := arnOf(acctA, p.kind, p.name)
	full := []condition.Entry{{Key: "aws:PrincipalArn", Values: []string{roleARN}}}
	id := "AIDA" + strings.ToUpper(p.name)
	if p.kind == "role" {
		id = "AROA" + strings.ToUpper(p.name)
	}
	if p.kind == "user" {
		full = append(full, condition.Entry{Key: "aws:userid", Values: []string{id}})
	} else if session != "" {
		full = append(full, condition.Entry{Key: "aws:userid", Values: []string{id + ":" + session}})
	}
	for k, v := range p.tags {
		full = append(full, condition.Entry{Key: "aws:PrincipalTag/" + k, Values: []string{v}})
	}
	if g.scp != nil {
		full = append(full, condition.Entry{Key: "aws:PrincipalOrgID", Values: []string{"o-x"}})
		path := "o-x/r-x/ou-x/"
		if g.mgmt {
			path = "o-x/r-x/"
		}
		full = append(full, condition.Entry{Key: "aws:PrincipalOrgPaths", Values: []string{path}, Multi: true})
	}
	full = append(full, ctx...)
	ev, err := eval.Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	req := eval.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: resAcct, Context: full}
	if resource == "*" {
		req.ResourceAccount = ""
	}
	return ev.Decide(req)
}

func (g *genAccount) load(t testing.TB) *Model {
	in := Input{Exports: []File{{Name: "gen.json", Data: js(t, g.export)}}}
	if g.orgFile != nil {
		in.Organization = &File{Name: "org.json", Data: js(t, g.orgFile)}
	}
	if g.resource != nil {
		in.ResourcePolicies = []File{{Name: "bucket.json", Data: js(t, g.resource)}}
	}
	m, err := Load(in)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func propCount() int {
	switch os.Getenv("IAM_PROP") {
	case "quick":
		return 50
	case "long":
		return 5000
	}
	if raceEnabled {
		return 30 // the race detector makes each case ten times slower
	}
	return 150
}

func TestPropertyCanEqualsReference(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = propCount()
	props := gopter.NewProperties(params)
	reqResources := []string{"*", "arn:aws:s3:::data/k1", "arn:aws:s3:::other/x", arnOf(acctA, "role", "r0"), arnOf(acctA, "role", "r1"), arnOf(acctA, "user", "u2")}
	props.Property("can equals eval on the reference set; who-can equals can", prop.ForAll(func(seed int64) string {
		g := genCase(seed)
		m := g.load(t)
		r := rand.New(rand.NewSource(seed ^ 0x5eed))
		principals := []string{arnOf(acctA, "user", "u0"), arnOf(acctA, "user", "u1"), arnOf(acctA, "user", "u2"),
			arnOf(acctA, "role", "r0"), arnOf(acctA, "role", "r1"), arnOf(acctA, "role", "r2"), "arn:aws:sts::" + acctA + ":assumed-role/r2/s"}
		for i := 0; i < 12; i++ {
			action := propActions[r.Intn(len(propActions))]
			resource := reqResources[r.Intn(len(reqResources))]
			var ctx []condition.Entry
			if r.Intn(2) == 0 {
				ctx = []condition.Entry{{Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}}}
			}
			ra := ""
			if strings.HasPrefix(resource, "arn:aws:s3:::") {
				ra = acctA
			}
			var allowed []string
			for _, p := range principals {
				want := g.refDecide(t, p, action, resource, ctx)
				got, err := m.Decide(Request{Principal: p, Action: action, Resource: resource, ResourceAccount: ra, Context: ctx})
				if err != nil {
					return err.Error()
				}
				can, _ := m.Can(Request{Principal: p, Action: action, Resource: resource, ResourceAccount: ra, Context: ctx})
				if got.Decision != want || can.Decision != want {
					return fmt.Sprintf("seed %d: %s %s %s: model %v / %v, reference %v\n%v", seed, p, action, resource, got.Decision, can.Decision, want, can.Explanation)
				}
				if want == eval.Allow && !strings.Contains(p, ":sts:") {
					allowed = append(allowed, p)
				}
			}
			res, err := m.WhoCan(WhoCanRequest{Action: action, Resource: resource, ResourceAccount: ra, Context: ctx})
			if err != nil {
				return err.Error()
			}
			var got []string
			for _, gr := range res.Allowed {
				got = append(got, gr.Principal)
			}
			slices.Sort(got)
			slices.Sort(allowed)
			if !slices.Equal(got, allowed) {
				return fmt.Sprintf("seed %d: who-can %s %s = %v, can says %v", seed, action, resource, got, allowed)
			}
		}
		return ""
	}, gen.Int64().WithShrinker(gopter.NoShrinker)))
	props.TestingRun(t)
}
