package catalog

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/iamgo/iam/arn"
)

func TestExpand(t *testing.T) {
	c := Default()
	tests := []struct {
		patterns []string
		in, out  []string
		minLen   int
	}{
		{[]string{"s3:Get*"}, []string{"s3:GetObject", "s3:GetBucketPolicy", "S3:GETOBJECT"}, []string{"s3:PutObject", "s3:ListBucket", "ec2:GetConsoleOutput", "s3:GetObjectFromTheFuture"}, 50},
		{[]string{"s3:*"}, []string{"s3:GetObject", "s3:PutObject", "s3:SomethingNewerThanTheSnapshot"}, []string{"ec2:RunInstances", "nosuch:Action"}, 100},
		{[]string{"*"}, []string{"s3:GetObject", "ec2:RunInstances", "nosuch:Action"}, nil, 22091},
		{[]string{"s3:GetObject"}, []string{"s3:GetObject"}, []string{"s3:GetObjectAcl"}, 1},
		{[]string{"s3:getobject"}, []string{"s3:GetObject"}, nil, 1},
		{[]string{"s3:Get?bject"}, []string{"s3:GetObject"}, []string{"s3:GetObjectAcl"}, 1},
		{[]string{"s3:*Object"}, []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, []string{"s3:GetObjectAcl"}, 5},
		{[]string{"s3:Get*", "s3:List*"}, []string{"s3:GetObject", "s3:ListBucket"}, []string{"s3:PutObject"}, 60},
		{[]string{"iam:*Role*"}, []string{"iam:PassRole", "iam:CreateRole", "iam:CreateServiceLinkedRole"}, []string{"iam:CreateUser"}, 20},
		{[]string{"s3:GetObjct"}, nil, []string{"s3:GetObject"}, 0},
		{[]string{"nosuch:*"}, nil, []string{"nosuch:Get", "s3:GetObject"}, 0},
		{[]string{"s3"}, nil, []string{"s3:GetObject"}, 0},
		{nil, nil, []string{"s3:GetObject"}, 0},
	}
	for _, tt := range tests {
		s := c.Expand(tt.patterns...)
		for _, a := range tt.in {
			if !s.Contains(a) {
				t.Errorf("Expand(%q) lacks %s", tt.patterns, a)
			}
		}
		for _, a := range tt.out {
			if s.Contains(a) {
				t.Errorf("Expand(%q) holds %s", tt.patterns, a)
			}
		}
		if s.Len() < tt.minLen {
			t.Errorf("Expand(%q) has %d actions, want at least %d", tt.patterns, s.Len(), tt.minLen)
		}
		if tt.minLen == 0 && !s.IsEmpty() {
			t.Errorf("Expand(%q) is not empty", tt.patterns)
		}
		n := 0
		for a := range s.Actions() {
			if !s.Has(a) {
				t.Errorf("Expand(%q) iterates over %s but does not hold it", tt.patterns, a.FullName())
			}
			n++
		}
		if n != s.Len() {
			t.Errorf("Expand(%q): %d actions iterated, Len %d", tt.patterns, n, s.Len())
		}
	}
}

func TestSetAlgebra(t *testing.T) {
	c := Default()
	get, list, s3 := c.Expand("s3:Get*"), c.Expand("s3:List*"), c.Expand("s3:*")
	if !get.SubsetOf(s3) || s3.SubsetOf(get) {
		t.Error("s3:Get* ⊂ s3:* does not hold")
	}
	if u := get.Union(list); u.Len() != get.Len()+list.Len() || !get.SubsetOf(u) || !list.SubsetOf(u) {
		t.Error("union of s3:Get* and s3:List* is wrong")
	}
	if !get.Intersect(list).IsEmpty() {
		t.Error("s3:Get* ∩ s3:List* is not empty")
	}
	if !s3.Intersect(get).Equal(get) {
		t.Error("s3:* ∩ s3:Get* != s3:Get*")
	}
	if d := s3.Difference(get); d.Intersect(get).IsEmpty() == false || !d.Union(get).Equal(s3) {
		t.Error("difference is wrong")
	}
	not := get.Complement()
	if not.Contains("s3:GetObject") || !not.Contains("s3:PutObject") || !not.Contains("ec2:RunInstances") || !not.Contains("nosuch:Thing") {
		t.Error("complement of s3:Get* is wrong")
	}
	if not.Len() != c.NumActions()-get.Len() {
		t.Errorf("complement has %d actions, want %d", not.Len(), c.NumActions()-get.Len())
	}
	if !not.Complement().Equal(get) {
		t.Error("double complement differs")
	}
	if !c.All().Equal(c.Expand("*")) || !c.All().Complement().IsEmpty() {
		t.Error("All() is not Expand(*)")
	}
	// Unknown actions of a known service: only s3:* (or *) grants them.
	if !s3.HasUnknown("s3") || get.HasUnknown("s3") || s3.HasUnknown("nosuch") || !c.All().HasUnknown("nosuch") {
		t.Error("unknown-action atoms are wrong")
	}
	var acc Set
	acc.UnionWith(get)
	acc.UnionWith(list)
	if !acc.Equal(get.Union(list)) || !get.Equal(c.Expand("s3:Get*")) {
		t.Error("UnionWith is wrong or modified its operand")
	}
	var zero Set
	if zero.Len() != 0 || !zero.IsEmpty() || zero.Contains("s3:GetObject") || !zero.Complement().IsEmpty() || zero.Catalog() != nil {
		t.Error("zero Set is not empty")
	}
	if u := zero.Union(get); !u.Equal(get) {
		t.Error("zero ∪ s3:Get* != s3:Get*")
	}
}

// actionPattern builds a pattern from a catalog action name: characters replaced by '?',
// runs replaced by '*', case changed, so that the pattern matches that action and maybe others.
func actionPattern(c *Catalog, r *rand.Rand) string {
	if r.IntN(50) == 0 {
		return "*"
	}
	all := allActions(c)
	a := all[r.IntN(len(all))]
	name := []rune(a.Name)
	var b strings.Builder
	b.WriteString(a.Service.Prefix)
	b.WriteByte(':')
	for i := 0; i < len(name); i++ {
		switch r.IntN(12) {
		case 0:
			b.WriteByte('?')
		case 1:
			b.WriteByte('*')
			i += r.IntN(len(name) - i)
		case 2:
			b.WriteString(strings.ToUpper(string(name[i])))
		case 3:
			b.WriteString(strings.ToLower(string(name[i])))
		case 4:
			if r.IntN(4) == 0 {
				b.WriteByte('x') // sometimes a pattern that matches nothing
			}
			b.WriteRune(name[i])
		default:
			b.WriteRune(name[i])
		}
	}
	if r.IntN(5) == 0 {
		b.WriteByte('*')
	}
	return b.String()
}

// TestPropertyExpandMatchesArn: the set of a pattern list holds exactly the catalog actions that
// the arn package's action matching accepts, and the set of the same list as NotAction is its
// complement.
func TestPropertyExpandMatchesArn(t *testing.T) {
	c := Default()
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 100
	if testing.Short() || raceEnabled {
		params.MinSuccessfulTests = 15
	}
	all := allActions(c)
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.FullName()
	}
	properties := gopter.NewProperties(params)
	properties.Property("Expand = arn matching; NotAction = complement", prop.ForAll(
		func(seed uint64, n int) bool {
			r := rand.New(rand.NewPCG(seed, 17))
			pats := make([]string, n)
			var compiled []*arn.Pattern
			for i := range pats {
				pats[i] = actionPattern(c, r)
				p, err := arn.CompileAction(pats[i])
				if err != nil {
					t.Logf("CompileAction(%q): %v", pats[i], err)
					return false
				}
				compiled = append(compiled, p)
			}
			set := c.Expand(pats...)
			not := set.Complement()
			for k, a := range all {
				full := names[k]
				want := false
				for _, p := range compiled {
					if p.Match(full) {
						want = true
						break
					}
				}
				if set.Has(a) != want || not.Has(a) == want {
					t.Logf("patterns %q: %s in set %v, arn match %v, in complement %v", pats, full, set.Has(a), want, not.Has(a))
					return false
				}
			}
			return true
		},
		gen.UInt64(), gen.IntRange(1, 4),
	))
	properties.TestingRun(t)
}

// allActions returns every action of the catalog, in ID order.
func allActions(c *Catalog) []*Action {
	var out []*Action
	for i := range c.Services() {
		acts := c.Services()[i].Actions()
		for j := range acts {
			out = append(out, &acts[j])
		}
	}
	return out
}

func TestActionIDs(t *testing.T) {
	for i, a := range allActions(Default()) {
		if a.ID() != i {
			t.Fatalf("%s has ID %d, want %d", a.FullName(), a.ID(), i)
		}
	}
}

func TestActionPatternGenerator(t *testing.T) {
	// The generator above must produce valid UTF-8 (action names are ASCII).
	c := Default()
	r := rand.New(rand.NewPCG(1, 2))
	for range 100 {
		if p := actionPattern(c, r); !utf8.ValidString(p) {
			t.Fatalf("invalid pattern %q", p)
		}
	}
}

// TestPropertySetAlgebra: on sets of random pattern lists, Union, Intersect, Difference,
// Complement, UnionWith, SubsetOf and Len agree with membership, action by action and for the
// unknown-action atoms.
func TestPropertySetAlgebra(t *testing.T) {
	c := Default()
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 100
	if testing.Short() || raceEnabled {
		params.MinSuccessfulTests = 15
	}
	all := allActions(c)
	prefixes := []string{"s3", "ec2", "iam", "nosuch", ""}
	properties := gopter.NewProperties(params)
	properties.Property("set algebra = membership algebra", prop.ForAll(
		func(seed uint64) bool {
			r := rand.New(rand.NewPCG(seed, 3))
			gen := func() Set {
				var pats []string
				for range 1 + r.IntN(3) {
					switch r.IntN(6) {
					case 0:
						pats = append(pats, prefixes[r.IntN(3)]+":*")
					default:
						pats = append(pats, actionPattern(c, r))
					}
				}
				s := c.Expand(pats...)
				if r.IntN(4) == 0 {
					s = s.Complement()
				}
				return s
			}
			a, b := gen(), gen()
			u, i, d, na := a.Union(b), a.Intersect(b), a.Difference(b), a.Complement()
			var w Set
			w.UnionWith(a)
			w.UnionWith(b)
			n := 0
			for _, x := range all {
				ha, hb := a.Has(x), b.Has(x)
				if ha {
					n++
				}
				if u.Has(x) != (ha || hb) || i.Has(x) != (ha && hb) || d.Has(x) != (ha && !hb) || na.Has(x) == ha || w.Has(x) != (ha || hb) {
					t.Logf("%s: a %v b %v union %v inter %v diff %v not %v unionWith %v", x.FullName(), ha, hb, u.Has(x), i.Has(x), d.Has(x), na.Has(x), w.Has(x))
					return false
				}
			}
			for _, p := range prefixes {
				ha, hb := a.HasUnknown(p), b.HasUnknown(p)
				if u.HasUnknown(p) != (ha || hb) || i.HasUnknown(p) != (ha && hb) || na.HasUnknown(p) == ha || w.HasUnknown(p) != (ha || hb) {
					t.Logf("unknown actions of %q wrong", p)
					return false
				}
			}
			return a.Len() == n && i.SubsetOf(a) && a.SubsetOf(u) && d.Intersect(b).IsEmpty() && u.Equal(w) &&
				na.Complement().Equal(a) && a.Union(na).Equal(c.All())
		},
		gen.UInt64(),
	))
	properties.TestingRun(t)
}
