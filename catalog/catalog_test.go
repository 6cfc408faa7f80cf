package catalog

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestDefault(t *testing.T) {
	c := Default()
	if got := c.Date(); got != SnapshotDate {
		t.Errorf("Date() = %q, want %q", got, SnapshotDate)
	}
	if n := len(c.Services()); n != 456 {
		t.Errorf("%d services, want 456", n)
	}
	if n := c.NumActions(); n != 22091 {
		t.Errorf("%d actions, want 22091", n)
	}
	nrt, nk := 0, 0
	for _, s := range c.Services() {
		nrt += len(s.ResourceTypes)
		nk += len(s.Keys)
	}
	if nrt < 2000 || nk < 2000 {
		t.Errorf("%d resource types, %d condition keys: want more than 2000 of each", nrt, nk)
	}
	if Default() != c {
		t.Error("Default() returned a different catalog on the second call")
	}
}

func TestDefaultConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			c := Default()
			if c.Action("s3:GetObject") == nil {
				t.Error("s3:GetObject not found")
			}
			if !c.Expand("s3:Get*").Contains("s3:GetObject") {
				t.Error("s3:Get* does not contain s3:GetObject")
			}
			rt := c.Action("s3:GetObject").Resources[0].Type
			_ = rt.Matches("arn:aws:s3:::b/k")
		})
	}
	wg.Wait()
}

// TestLazyConcurrent has goroutines decode the same services of a fresh catalog at once (run
// under -race in CI).
func TestLazyConcurrent(t *testing.T) {
	c, err := Load([]byte(embedded))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	counts := make([]int, 8)
	for g := range 8 {
		wg.Go(func() {
			counts[g] = c.Expand("s3:Get*", "ec2:Describe*", "iam:*").Len()
			if c.Action("kms:Decrypt") == nil {
				t.Error("kms:Decrypt not found")
			}
		})
	}
	wg.Wait()
	for _, n := range counts {
		if n != counts[0] || n < 400 {
			t.Fatalf("goroutines saw %v actions", counts)
		}
	}
}

func TestActionLookup(t *testing.T) {
	c := Default()
	tests := []struct {
		name      string
		want      string // full name, "" for nil
		level     AccessLevel
		resources []string
	}{
		{"s3:GetObject", "s3:GetObject", Read, []string{"accesspointobject", "object"}},
		{"S3:getobject", "s3:GetObject", Read, []string{"accesspointobject", "object"}},
		{"s3:ListBucket", "s3:ListBucket", List, []string{"accesspoint", "bucket"}},
		{"iam:PassRole", "iam:PassRole", Write, []string{"role"}},
		{"iam:CreateServiceLinkedRole", "iam:CreateServiceLinkedRole", Write, []string{"role"}},
		{"iam:AttachRolePolicy", "iam:AttachRolePolicy", PermissionsManagement, []string{"role"}},
		{"ec2:CreateTags", "ec2:CreateTags", Tagging, nil},
		{"s3:ListAllMyBuckets", "s3:ListAllMyBuckets", List, nil},
		{"s3:GetObjct", "", 0, nil},
		{"nosuchservice:Get", "", 0, nil},
		{"s3", "", 0, nil},
		{"", "", 0, nil},
		{":", "", 0, nil},
	}
	for _, tt := range tests {
		a := c.Action(tt.name)
		if tt.want == "" {
			if a != nil {
				t.Errorf("Action(%q) = %s, want nil", tt.name, a.FullName())
			}
			continue
		}
		if a == nil {
			t.Errorf("Action(%q) = nil, want %s", tt.name, tt.want)
			continue
		}
		if a.FullName() != tt.want || a.Level != tt.level {
			t.Errorf("Action(%q) = %s %v, want %s %v", tt.name, a.FullName(), a.Level, tt.want, tt.level)
		}
		if tt.resources != nil {
			var got []string
			for _, r := range a.Resources {
				got = append(got, r.Type.Name)
			}
			if !slices.Equal(got, tt.resources) {
				t.Errorf("Action(%q) resource types %v, want %v", tt.name, got, tt.resources)
			}
		}
	}
	if c.Action("ec2:CreateTags") != nil && len(c.Action("ec2:CreateTags").Resources) == 0 {
		t.Error("ec2:CreateTags has no resource types")
	}
}

func TestServiceLookup(t *testing.T) {
	c := Default()
	s := c.Service("S3")
	if s == nil || s.Prefix != "s3" || s.Name != "Amazon S3" {
		t.Fatalf("Service(S3) = %+v", s)
	}
	if c.Service("s4") != nil || c.Service("") != nil {
		t.Error("unknown services found")
	}
	if rt := s.ResourceType("Bucket"); rt == nil || rt.ARN != "arn:${Partition}:s3:::${BucketName}" {
		t.Errorf("ResourceType(Bucket) = %+v", rt)
	}
	if k := s.Key("s3:ExistingObjectTag/classification"); k == nil || k.Type != String {
		t.Errorf("Key(s3:ExistingObjectTag/classification) = %+v", k)
	}
	if s.Key("s3:NoSuchKey") != nil {
		t.Error("s3:NoSuchKey found")
	}
	for _, a := range s.Actions() {
		if a.Service != s || c.Action(a.FullName()) != &a {
			// &a is a copy; compare by ID instead.
			if c.Action(a.FullName()).ID() != a.ID() {
				t.Errorf("%s does not round-trip through Action", a.FullName())
			}
		}
	}
}

func TestSupportsKey(t *testing.T) {
	c := Default()
	tests := []struct {
		action, key string
		want        bool
	}{
		{"s3:GetObject", "s3:ExistingObjectTag/team", true},
		{"s3:GetObject", "S3:EXISTINGOBJECTTAG/team", true},
		{"s3:GetObject", "s3:prefix", false},
		{"s3:ListBucket", "s3:prefix", true},
		{"iam:PassRole", "iam:PassedToService", true},
		{"ec2:RunInstances", "aws:RequestTag/Name", true},
		{"ec2:RunInstances", "ec2:InstanceType", true},
		{"ec2:RunInstances", "aws:ResourceTag/Name", true},
	}
	for _, tt := range tests {
		if got := c.Action(tt.action).SupportsKey(tt.key); got != tt.want {
			t.Errorf("%s.SupportsKey(%q) = %v, want %v", tt.action, tt.key, got, tt.want)
		}
	}
}

func TestKeyType(t *testing.T) {
	c := Default()
	tests := []struct {
		key  string
		want Type // 0: unknown
	}{
		{"aws:SourceIp", IPAddress},
		{"AWS:SOURCEIP", IPAddress},
		{"aws:PrincipalTag/team", String},
		{"aws:RequestTag/${TagKey}", String},
		{"aws:RequestTag/", 0},
		{"aws:TagKeys", ArrayOfString},
		{"aws:MultiFactorAuthPresent", Bool},
		{"aws:MultiFactorAuthAge", Numeric},
		{"aws:CurrentTime", Date},
		{"aws:PrincipalArn", ARN},
		{"aws:PrincipalOrgPaths", ArrayOfString},
		{"aws:NoSuchKey", 0},
		{"s3:prefix", String},
		{"s3:max-keys", Numeric},
		{"s3:ExistingObjectTag/classification", String},
		{"s3:ExistingObjectTag/", 0},
		{"kms:EncryptionContext:aws:s3:arn", String},
		{"codebuild:environment.environmentVariables/MY_VAR.value", String},
		{"codebuild:environment.environmentVariables/.value", 0},
		{"ec2:ResourceTag/Name", String},
		{"iam:PassedToService", String},
		{"iam:AWSServiceName", String},
		{"ses:Recipients", ArrayOfString},
		{"nosuch:key", 0},
		{"", 0},
		{"${", 0},
		// C5.2: key names compare without ASCII case only. Unicode folding would read U+017F
		// (long s) as 's' and U+212A (Kelvin sign) as 'k'; IAM does not.
		{"aws:\u017fourceIp", 0},
		{"aws:\u017fecureTransport", 0},
		{"s3:max-\u212aeys", 0},
		{"aws:PrincipalTag/team\u212a", String}, // a tag key may hold any character
	}
	for _, tt := range tests {
		got, ok := c.KeyType(tt.key)
		if ok != (tt.want != 0) || got != tt.want {
			t.Errorf("KeyType(%q) = %v, %v; want %v", tt.key, got, ok, tt.want)
		}
	}
}

func TestTypeString(t *testing.T) {
	for tp, want := range map[Type]string{String: "String", ARN: "ARN", Bool: "Bool", Numeric: "Numeric",
		Date: "Date", IPAddress: "IPAddress", Binary: "Binary", ArrayOfString: "ArrayOfString",
		ArrayOfARN: "ArrayOfARN", ArrayOfBool: "ArrayOfBool", 0: "Invalid", Array: "Invalid", 99: "Invalid"} {
		if got := tp.String(); got != want {
			t.Errorf("Type(%d).String() = %q, want %q", tp, got, want)
		}
	}
	for l, want := range map[AccessLevel]string{List: "List", Read: "Read", Write: "Write",
		PermissionsManagement: "Permissions management", Tagging: "Tagging", 0: "AccessLevel(0)", 9: "AccessLevel(9)"} {
		if got := l.String(); got != want {
			t.Errorf("AccessLevel(%d).String() = %q, want %q", l, got, want)
		}
	}
}

func TestGlobalKeys(t *testing.T) {
	seen := map[string]bool{}
	for _, g := range GlobalKeys() {
		lk := strings.ToLower(g.Name)
		if seen[lk] {
			t.Errorf("global key %s listed twice", g.Name)
		}
		seen[lk] = true
		if !g.Type.valid() {
			t.Errorf("global key %s has no type", g.Name)
		}
		if Global(g.Name) != &g && Global(g.Name).Name != g.Name {
			t.Errorf("Global(%q) finds %s", g.Name, Global(g.Name).Name)
		}
	}
	if g := Global("aws:ARN"); g == nil || g.Deprecated == "" {
		t.Error("aws:ARN is not marked deprecated")
	}
}

func TestResourceTypeMatches(t *testing.T) {
	c := Default()
	tests := []struct {
		action, resource string
		want             []string
	}{
		// The most common policy bug: a bucket ARN for an object action.
		{"s3:GetObject", "arn:aws:s3:::bucket", nil},
		{"s3:GetObject", "arn:aws:s3:::bucket/*", []string{"object"}},
		{"s3:GetObject", "arn:aws:s3:::bucket/key.txt", []string{"object"}},
		{"s3:GetObject", "arn:aws:s3:::*", []string{"object"}},
		{"s3:GetObject", "*", []string{"accesspointobject", "object"}},
		{"s3:GetObject", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k", []string{"accesspointobject"}},
		{"s3:GetObject", "arn:aws:s3:us-east-1:*:accesspoint/*", []string{"accesspointobject"}},
		// A "*" region may be empty, so this also names objects of a bucket called "accesspoint".
		{"s3:GetObject", "arn:aws:s3:*:*:accesspoint/*", []string{"accesspointobject", "object"}},
		{"s3:ListBucket", "arn:aws:s3:::bucket", []string{"bucket"}},
		{"s3:ListBucket", "arn:aws:s3:::bucket*", []string{"bucket"}},
		{"s3:ListBucket", "arn:aws:s3:::${aws:username}", []string{"bucket"}},
		{"iam:PassRole", "arn:aws:iam::111122223333:role/r", []string{"role"}},
		{"iam:PassRole", "arn:aws:iam::111122223333:user/u", nil},
		{"iam:PassRole", "arn:aws:iam::*:role/*", []string{"role"}},
		{"iam:PassRole", "arn:aws:iam::111122223333:rol?/x", []string{"role"}},
		{"iam:PassRole", "arn:aws:s3:::bucket", nil},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", []string{"queue"}},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333", nil},
		{"s3:ListAllMyBuckets", "*", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, rt := range c.Action(tt.action).ResourceTypesFor(tt.resource) {
			got = append(got, rt.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s on %q: types %v, want %v", tt.action, tt.resource, got, tt.want)
		}
	}
}

func TestMatchTemplate(t *testing.T) {
	tests := []struct {
		tmpl, key string
		want      bool
	}{
		{"aws:RequestTag/${TagKey}", "aws:requesttag/x", true},
		{"aws:RequestTag/${TagKey}", "aws:RequestTag/", false},
		{"aws:RequestTag/${TagKey}", "aws:RequestTag/a/b", true},
		{"s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/k", true},
		{"a/${x}.value", "a/b.c.value", true},
		{"a/${x}.value", "a/.value", false},
		{"a/${x}.value", "a/b.valuex", false},
		{"agent.${Domain}.buildkite.dev:build_branch", "agent.acme.buildkite.dev:build_branch", true},
		{"${a}${b}", "x", false},
		{"${a}${b}", "xy", true},
		{"plain", "PLAIN", true},
		{"plain", "plainx", false},
	}
	for _, tt := range tests {
		if got := matchTemplate(tt.tmpl, tt.key); got != tt.want {
			t.Errorf("matchTemplate(%q, %q) = %v, want %v", tt.tmpl, tt.key, got, tt.want)
		}
	}
}

func TestDescription(t *testing.T) {
	c := Default()
	if d := c.Action("s3:GetObject").Description(); !strings.HasPrefix(d, "Grants permission to retrieve objects") {
		t.Errorf("s3:GetObject description %q", d)
	}
	if d := c.Action("iam:PassRole").Description(); !strings.Contains(d, "pass a role") {
		t.Errorf("iam:PassRole description %q", d)
	}
	loaded, err := Load([]byte(embedded))
	if err != nil {
		t.Fatal(err)
	}
	if d := loaded.Action("s3:GetObject").Description(); d != "" {
		t.Errorf("a loaded catalog has description %q", d)
	}
}

func TestDescriptionsMalformed(t *testing.T) {
	for _, data := range [][]byte{[]byte("junk"), compress(t, []byte{5}), compress(t, []byte{0xff, 0xff, 0x01})} {
		c, err := Load([]byte(embedded))
		if err != nil {
			t.Fatal(err)
		}
		c.descData = data
		if d := c.Action("s3:GetObject").Description(); d != "" {
			t.Errorf("description %q from malformed data", d)
		}
	}
}

// TestHandMade: values not made by a catalog do not panic.
func TestHandMade(t *testing.T) {
	rt := &ResourceType{Name: "thing", ARN: "arn:${Partition}:svc:::thing/${Name}"}
	if !rt.Matches("arn:aws:svc:::thing/x") || rt.Matches("arn:aws:svc:::other/x") {
		t.Error("a hand-made resource type matches wrongly")
	}
	a := &Action{Name: "Do", Resources: []ActionResource{{Type: rt}, {}}}
	if a.Description() != "" || a.SupportsKey("svc:x") || len(a.ResourceTypesFor("arn:aws:svc:::thing/x")) != 1 {
		t.Error("a hand-made action behaves wrongly")
	}
}

// TestEveryFormatMatchesItself: for every resource type, an ARN made from its format (each
// variable replaced by a value) matches it, through the compiled arn.Pattern, and so does the
// pattern with each variable replaced by "*", through the intersection.
func TestEveryFormatMatchesItself(t *testing.T) {
	fill := func(format, with string) string {
		var b strings.Builder
		s := format
		for s != "" {
			lit, rest, hasVar := nextLiteral(s)
			b.WriteString(lit)
			if !hasVar {
				break
			}
			b.WriteString(with)
			s = rest
		}
		return b.String()
	}
	n := 0
	for _, s := range Default().Services() {
		for i := range s.ResourceTypes {
			rt := &s.ResourceTypes[i]
			if !strings.HasPrefix(rt.ARN, "arn:") {
				continue
			}
			n++
			concrete, pattern := fill(rt.ARN, "x1"), fill(rt.ARN, "*")
			if !rt.Matches(concrete) {
				t.Errorf("%s/%s: %q does not match %q", s.Prefix, rt.Name, concrete, rt.ARN)
			}
			if !rt.Matches(pattern) {
				t.Errorf("%s/%s: %q does not match %q", s.Prefix, rt.Name, pattern, rt.ARN)
			}
		}
	}
	if n < 2000 {
		t.Errorf("only %d resource types with ARN formats", n)
	}
}
