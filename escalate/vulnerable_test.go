package escalate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamgo/iam/account"
)

// The iam-vulnerable export (../shared/accounts, read at test time, never copied here) is the
// ground truth: its privesc… and fn… principals have a path, its fp… principals none.

var vulnerablePath = filepath.Join("..", "..", "shared", "accounts", "iam-vulnerable.json")

func loadVulnerable(t testing.TB) (*account.Model, Options) {
	t.Helper()
	data, err := os.ReadFile(vulnerablePath)
	if err != nil {
		t.Skipf("iam-vulnerable export not available: %v", err)
	}
	m, err := account.Load(account.Input{Exports: []account.File{{Name: "iam-vulnerable.json", Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	prof, vers := map[string]bool{}, map[string]int{}
	if err := InstanceProfiles(data, prof); err != nil {
		t.Fatal(err)
	}
	if err := PolicyVersions(data, vers); err != nil {
		t.Fatal(err)
	}
	return m, Options{Now: testNow, InstanceProfiles: prof, PolicyVersions: vers}
}

// labTechnique is the technique the lab built each attacker principal for (both its -user and
// its -role, unless the name ends otherwise), and the status the export allows: conditional
// where the export lacks what the path needs (a non-default policy version, an existing
// function, instance, endpoint, stack or notebook, an event source, a key count, a password,
// or, for a technique that only widens principals the attacker cannot reach, a foothold).
var labTechnique = map[string]struct {
	ids    []string
	status Status // the weakest status accepted
}{
	"privesc1-CreateNewPolicyVersion":                       {[]string{"iam-001"}, Certain},
	"privesc2-SetExistingDefaultPolicyVersion":              {[]string{"extra-001"}, Conditional},
	"privesc3-CreateEC2WithExistingInstanceProfile":         {[]string{"ec2-001"}, Certain},
	"privesc4-CreateAccessKey":                              {[]string{"iam-002"}, Conditional},
	"privesc5-CreateLoginProfile":                           {[]string{"iam-004"}, Conditional},
	"privesc6-UpdateLoginProfile":                           {[]string{"iam-006"}, Conditional},
	"privesc7-AttachUserPolicy":                             {[]string{"iam-008"}, Conditional}, // user: certain; role: foothold
	"privesc8-AttachGroupPolicy":                            {[]string{"iam-010"}, Conditional},
	"privesc9-AttachRolePolicy":                             {[]string{"iam-009"}, Conditional},
	"privesc10-PutUserPolicy":                               {[]string{"iam-007"}, Conditional},
	"privesc11-PutGroupPolicy":                              {[]string{"iam-011"}, Conditional},
	"privesc12-PutRolePolicy":                               {[]string{"iam-005"}, Conditional},
	"privesc13-AddUserToGroup":                              {[]string{"iam-013"}, Conditional},
	"privesc14-UpdatingAssumeRolePolicy":                    {[]string{"iam-012"}, Certain},
	"privesc15-PassExistingRoleToNewLambdaThenInvoke":       {[]string{"lambda-001"}, Certain},
	"privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo": {[]string{"lambda-002"}, Conditional},
	"privesc17-EditExistingLambdaFunctionWithRole":          {[]string{"lambda-003"}, Conditional},
	"privesc18-PassExistingRoleToNewGlueDevEndpoint":        {[]string{"glue-001"}, Certain},
	"privesc19-UpdateExistingGlueDevEndpoint":               {[]string{"glue-002"}, Conditional},
	"privesc20-PassExistingRoleToCloudFormation":            {[]string{"cloudformation-001"}, Certain},
	"privesc21-PassExistingRoleToNewDataPipeline":           {[]string{"datapipeline-001"}, Certain},
	"privesc-CloudFormationUpdateStack":                     {[]string{"cloudformation-002"}, Conditional},
	"privesc-codeBuildCreateProjectPassRole":                {[]string{"codebuild-001"}, Certain},
	"privesc-ec2InstanceConnect":                            {[]string{"ec2instanceconnect-003"}, Conditional},
	"privesc-sageMakerCreateNotebookPassRole":               {[]string{"sagemaker-001"}, Certain},
	"privesc-sageMakerCreatePresignedNotebookURL":           {[]string{"sagemaker-004"}, Conditional},
	"privesc-sageMakerCreateProcessingJobPassRole":          {[]string{"sagemaker-003"}, Certain},
	"privesc-sageMakerCreateTrainingJobPassRole":            {[]string{"sagemaker-002"}, Certain},
	"privesc-ssmSendCommand":                                {[]string{"ssm-002"}, Conditional},
	"privesc-ssmStartSession":                               {[]string{"ssm-001"}, Conditional},
	// The SRE group and role allow iam:*: they write their own policies.
	"privesc-sre": {[]string{"iam-005", "iam-007", "iam-008", "iam-009", "iam-011", "iam-010", "iam-001"}, Certain},
	// The assumption chain: starting-role → intermediate-role → ending-role (Action * on *).
	"privesc-AssumeRole-starting-role":     {[]string{"sts-001"}, Certain},
	"privesc-AssumeRole-intermediate-role": {[]string{"sts-001"}, Certain},
	"fn1-privesc3-partial":                 {[]string{"ec2-001"}, Certain},
	"fn2-exploitableResourceConstraint":    {[]string{"iam-001"}, Certain},
	// DateGreaterThan aws:TokenIssueTime 2020: holds for a session the attacker creates now.
	"fn3-exploitableConditionConstraint": {[]string{"iam-001"}, Assumed},
	// NotAction iam:Update*, Create*, Attach* leaves iam:PutUserPolicy and iam:PutRolePolicy.
	"fn4-exploitableNotAction": {[]string{"iam-007", "iam-005"}, Certain},
}

// justified are the principals reported that are not attacker principals of the lab, with
// why: each has a real path.
var justified = map[string]string{
	// Its inline policy allows sts:AssumeRole on AWS-QuickSetup-StackSet-Local-ExecutionRole,
	// whose trust policy names it; the execution role has AdministratorAccess.
	"AWS-QuickSetup-StackSet-Local-AdministrationRole": "sts-001",
	// Its inline policy SupYo allows iam:CreateAccessKey on *: a key for obama (group admin,
	// AdministratorAccess) in the same account 012345678901, conditional on obama's key count.
	"OverprivilegedEC2": "iam-002",
}

// notFound are attacker principals of the lab with no path in this export, with why.
var notFound = map[string]string{
	// No policy, no group, and no trust policy names it or its account: the lab's chain starts
	// at privesc-AssumeRole-starting-role, whose trust policy names only an SSO session.
	"privesc-AssumeRole-start-user": "no permissions at all in the export",
}

func labKey(name string) string {
	switch {
	case strings.HasPrefix(name, "privesc-AssumeRole-"):
		return name
	case strings.HasSuffix(name, "-user"):
		return strings.TrimSuffix(name, "-user")
	case strings.HasSuffix(name, "-role"):
		return strings.TrimSuffix(name, "-role")
	}
	return name
}

func TestIAMVulnerable(t *testing.T) {
	m, opts := loadVulnerable(t)
	res, err := Analyze(m, opts)
	if err != nil {
		t.Fatal(err)
	}
	found, missed := 0, 0
	for _, p := range m.Principals() {
		name := p.Name
		ids, yes := reported(res, p.ARN)
		var st Status = Uncertain + 1
		for _, e := range edgesFrom(res, p.ARN) {
			st = min(st, e.Status)
		}
		switch {
		case strings.HasPrefix(name, "fp"):
			if yes {
				t.Errorf("false positive: %s reported with %v", name, ids)
			}
			for _, e := range res.Edges {
				if strings.Contains(e.To, ":"+p.Kind.String()+"/"+name) || strings.Contains(e.Target, "/"+name) {
					t.Errorf("false positive: %s named by an edge of %s (%s)", name, e.From, e.Technique)
				}
			}
		case strings.HasPrefix(name, "privesc") || strings.HasPrefix(name, "fn"):
			if why, ok := notFound[name]; ok {
				if yes {
					t.Errorf("%s: expected no path (%s), got %v", name, why, ids)
				}
				missed++
				continue
			}
			want, ok := labTechnique[labKey(name)]
			if !ok {
				if isDirectAdmin(res, p.ARN) {
					continue // the lab's high-privilege targets (ending role, service role)
				}
				if yes {
					t.Errorf("%s: reported with %v but not in the table", name, ids)
				}
				continue
			}
			hit := false
			for _, e := range edgesFrom(res, p.ARN) {
				if slices.Contains(want.ids, e.Technique) && e.Status <= want.status {
					hit = true
					if e.Status >= Conditional && len(e.Requires) == 0 {
						ks := false
						for _, s := range e.Steps {
							ks = ks || len(s.Keys) > 0
						}
						if !ks {
							t.Errorf("%s: conditional %s without saying on what", name, e.Technique)
						}
					}
				}
			}
			if !hit {
				t.Errorf("%s: missed: want %v (at most %s), got %v", name, want.ids, want.status, ids)
				missed++
				continue
			}
			if !hasPathOrAdmin(res, p.ARN) {
				t.Errorf("%s: technique found but no path to admin", name)
			}
			found++
		default:
			if !yes || isDirectAdmin(res, p.ARN) {
				continue
			}
			want, ok := justified[name]
			if !ok || !slices.Contains(ids, want) {
				t.Errorf("unexpected: %s reported with %v", name, ids)
			}
		}
	}
	t.Logf("attacker principals found %d, without a path in the export %d; %d admin-equivalent, %d paths, %d edges", found, missed, len(res.Admins), len(res.Paths), len(res.Edges))
	if found != 72 || missed != 1 {
		t.Errorf("found %d attacker principals, %d without a path; want 72 and 1", found, missed)
	}
}

func isDirectAdmin(res *Result, p string) bool {
	for _, a := range res.Admins {
		if a.Principal == p && a.Direct {
			return true
		}
	}
	return false
}

func hasPathOrAdmin(res *Result, p string) bool {
	for _, a := range res.Admins {
		if a.Principal == p {
			return true
		}
	}
	for _, path := range res.Paths {
		if path.Principal == p {
			return true
		}
	}
	return false
}

// TestIAMVulnerableSpeed: the whole analysis (load excluded) within a second.
func TestIAMVulnerableSpeed(t *testing.T) {
	m, opts := loadVulnerable(t)
	start := time.Now()
	if _, err := Analyze(m, opts); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second && !raceEnabled {
		t.Errorf("took %v", d)
	}
}

func BenchmarkIAMVulnerable(b *testing.B) {
	m, opts := loadVulnerable(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Analyze(m, opts); err != nil {
			b.Fatal(err)
		}
	}
}
