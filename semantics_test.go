package iam_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// ruleID matches a rule id as the code, the documentation and the corpus cite it: an area
// (G1 grammar, A2 actions, R3 resources, P4 principals, C5 conditions, V6 variables, E7 one
// account, X8 cross-account, S9 STS and context, M10 simulator, L11 validation), a dot and a
// number. In a longer dotted name (a property test's step E7.4.1) it finds the rule before the
// step.
var ruleID = regexp.MustCompile(`\b(?:G1|A2|R3|P4|C5|V6|E7|X8|S9|M10|L11)\.[0-9]+[a-z]?\b`)

// ruleHeading matches the heading that defines a rule in SEMANTICS.md: "### ID Title". A title
// ending in "(not cited yet)" excuses the rule from being cited elsewhere.
var ruleHeading = regexp.MustCompile(`(?m)^### ((?:G1|A2|R3|P4|C5|V6|E7|X8|S9|M10|L11)\.[0-9]+[a-z]?) (.*)$`)

const semanticsFile = "SEMANTICS.md"

// TestSemanticsDefinesEveryCitedRule checks that SEMANTICS.md and the rest of the module agree:
// every rule id cited in a .go, .json or .md file (SEMANTICS.md's own cross-references
// included) has its entry in SEMANTICS.md, every entry is cited outside SEMANTICS.md, no rule is
// defined twice, and every link to a heading of SEMANTICS.md names one.
func TestSemanticsDefinesEveryCitedRule(t *testing.T) {
	doc, err := os.ReadFile(semanticsFile)
	if err != nil {
		t.Fatalf("the rule ids are defined in %s at the module root: %v", semanticsFile, err)
	}
	defined := map[string]bool{}
	excused := map[string]bool{}
	var dups []string
	for _, m := range ruleHeading.FindAllSubmatch(doc, -1) {
		id := string(m[1])
		if defined[id] {
			dups = append(dups, id)
		}
		defined[id] = true
		if strings.HasSuffix(strings.TrimSpace(string(m[2])), "(not cited yet)") {
			excused[id] = true
		}
	}
	if len(defined) == 0 {
		t.Fatalf("%s defines no rule (expected headings such as \"### C5.0 Title\")", semanticsFile)
	}
	if len(dups) > 0 {
		t.Errorf("%s defines these rules more than once: %s", semanticsFile, strings.Join(sortIDs(dups), " "))
	}

	// Where each id is cited: the first place, for the error message.
	cited := map[string]string{} // outside SEMANTICS.md
	inDoc := map[string]string{} // SEMANTICS.md's own cross-references
	files := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if (path != "." && strings.HasPrefix(name, ".")) || (name == "fuzz" && filepath.Base(filepath.Dir(path)) == "testdata") {
				return filepath.SkipDir // .git and other hidden trees; fuzz corpora are generated
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".json", ".md":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		into := cited
		if path == semanticsFile {
			into = inDoc
			data = withoutHeadings(data)
		}
		findRuleIDs(data, func(id string, off int) {
			if _, ok := into[id]; !ok {
				into[id] = path + ":" + strconv.Itoa(1+bytes.Count(data[:off], []byte{'\n'}))
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var undefined []string
	for id, where := range cited {
		if !defined[id] {
			undefined = append(undefined, id+" ("+where+")")
		}
	}
	for id, where := range inDoc {
		if !defined[id] {
			undefined = append(undefined, id+" ("+where+")")
		}
	}
	if len(undefined) > 0 {
		sort.Strings(undefined)
		t.Errorf("%d rule ids are cited but not defined in %s (add a \"### ID Title\" entry):\n\t%s",
			len(undefined), semanticsFile, strings.Join(undefined, "\n\t"))
	}

	var uncited []string
	for id := range defined {
		if _, ok := cited[id]; !ok && !excused[id] {
			uncited = append(uncited, id)
		}
	}
	if len(uncited) > 0 {
		t.Errorf("%d rules of %s are cited nowhere else in the module (cite them, or end the heading with \"(not cited yet)\"): %s",
			len(uncited), semanticsFile, strings.Join(sortIDs(uncited), " "))
	}

	// Links inside SEMANTICS.md to its own headings, with GitHub's heading anchors.
	anchors := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#+ (.*)$`).FindAllSubmatch(doc, -1) {
		anchors[slug(string(m[1]))] = true
	}
	var broken []string
	for _, m := range regexp.MustCompile(`\]\(#([^)]*)\)`).FindAllSubmatch(doc, -1) {
		if a := string(m[1]); !anchors[a] {
			broken = append(broken, "#"+a)
		}
	}
	if len(broken) > 0 {
		t.Errorf("%s links to headings it does not have: %s", semanticsFile, strings.Join(broken, " "))
	}
	t.Logf("%s defines %d rules; %d files cite %d of them", semanticsFile, len(defined), files, len(cited))
}

// findRuleIDs calls fn with every rule id in data and its offset. It looks only around a dot
// between two digits, where an id can be, and confirms with ruleID there: running ruleID over
// every file would take most of the test's time.
func findRuleIDs(data []byte, fn func(id string, off int)) {
	digit := func(i int) bool { return i >= 0 && i < len(data) && data[i] >= '0' && data[i] <= '9' }
	for i := 0; i < len(data); i++ {
		j := bytes.IndexByte(data[i:], '.')
		if j < 0 {
			return
		}
		i += j
		if !digit(i-1) || !digit(i+1) {
			continue
		}
		start := i - 1
		for start > 0 && digit(start-1) {
			start--
		}
		if start == 0 || !strings.ContainsRune("GARPCVEXSML", rune(data[start-1])) {
			continue
		}
		from, to := start-2, i+16 // one byte each side for \b
		if from < 0 {
			from = 0
		}
		if to > len(data) {
			to = len(data)
		}
		if loc := ruleID.FindIndex(data[from:to]); loc != nil && from+loc[0] == start-1 {
			fn(string(data[from+loc[0]:from+loc[1]]), from+loc[0])
		}
	}
}

// withoutHeadings blanks the rule headings of SEMANTICS.md (keeping its lines), so that a
// definition does not count as a reference to itself.
func withoutHeadings(doc []byte) []byte {
	return ruleHeading.ReplaceAllFunc(doc, func(h []byte) []byte { return bytes.Repeat([]byte{' '}, len(h)) })
}

// slug is GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		case r > 127:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sortIDs sorts rule ids by area, then numerically (C5.2 before C5.10).
func sortIDs(ids []string) []string {
	key := func(id string) (string, int) {
		area, num, _ := strings.Cut(id, ".")
		n := 0
		for _, c := range num {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return area, n
	}
	sort.Slice(ids, func(i, j int) bool {
		ai, ni := key(ids[i])
		aj, nj := key(ids[j])
		if ai != aj {
			return ai < aj
		}
		if ni != nj {
			return ni < nj
		}
		return ids[i] < ids[j]
	})
	return ids
}
