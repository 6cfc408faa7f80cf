package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamgo/iam/catalog"
	"github.com/iamgo/iam/policy"
)

const actionsUsage = `Usage: iamcheck actions [--not] [--json] PATTERN...
       iamcheck actions --policy FILE [--json]

Lists, from the embedded AWS service catalog, the actions that Action patterns grant
("s3:Get*", "iam:*Role*", "*"), one per line with its access level; with --not, the actions
that a NotAction element with these patterns grants (every other action).

With --policy, lists the actions a policy allows, grouped by service and access level: the
actions of its Allow statements (Action, or every action but NotAction's), less those of Deny
statements that apply to every resource ("*") without conditions. Resources and conditions of
Allow statements are not considered: an action is listed if some statement can allow it.
"-" reads the policy from standard input.

Actions newer than the catalog are not listed; a line says when a pattern also grants them
("s3:*" grants every s3 action, known or not).

Flags:
  --policy FILE  list the actions the policy allows
  --not          take the patterns as a NotAction element
  --json         write {"catalog": DATE, "count": N, "services": [{"prefix": "s3", "name": "Amazon S3",
                 "unknownActions": false, "actions": [{"name": "s3:GetObject", "level": "Read",
                 "description": "Grants permission to retrieve objects from Amazon S3"}]}]}

Exit status: 0 some action is granted, 1 none is, 2 usage error or bad input.
`

type actionOut struct {
	Name        string `json:"name"`
	Level       string `json:"level"`
	Description string `json:"description,omitempty"`
}

type serviceOut struct {
	Prefix         string      `json:"prefix"`
	Name           string      `json:"name"`
	UnknownActions bool        `json:"unknownActions"` // also grants the service's actions newer than the catalog
	Actions        []actionOut `json:"actions"`
}

type actionsOut struct {
	Catalog  string       `json:"catalog"`
	Count    int          `json:"count"`
	Services []serviceOut `json:"services"`
	// UnknownServices: the set also holds every action of services the catalog does not know.
	UnknownServices bool `json:"unknownServices"`
}

func runActions(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("actions")
	policyFile := fs.String("policy", "", "")
	not := fs.Bool("not", false, "")
	jsonOut := fs.Bool("json", false, "")
	patterns, help, err := parseFlags(fs, args)
	asJSON := *jsonOut || hasJSONFlag(args)
	if help {
		fmt.Fprint(stdout, actionsUsage)
		return exitOK
	}
	if err != nil {
		return fail(&usageError{err.Error()}, "actions", asJSON, stdout, stderr)
	}
	cat := catalog.Default()
	var set catalog.Set
	grouped := false
	switch {
	case *policyFile != "" && len(patterns) > 0:
		return fail(&usageError{"give either --policy FILE or patterns, not both"}, "actions", asJSON, stdout, stderr)
	case *policyFile != "" && *not:
		return fail(&usageError{"--not applies to patterns, not to --policy"}, "actions", asJSON, stdout, stderr)
	case *policyFile != "":
		data, err := readInput(*policyFile, stdin, maxPolicyBytes)
		if err != nil {
			return fail(&inputError{[]finding{readErrorFinding(*policyFile, err)}}, "actions", asJSON, stdout, stderr)
		}
		name := displayName(*policyFile)
		p, err := policy.Options{Name: name}.Parse(data)
		if err != nil {
			return fail(&inputError{policyFindings(name, err)}, "actions", asJSON, stdout, stderr)
		}
		set = policyActions(cat, p)
		grouped = true
	case len(patterns) == 0:
		return fail(&usageError{"no patterns (or --policy FILE) given"}, "actions", asJSON, stdout, stderr)
	default:
		for _, pt := range patterns {
			if pt != "*" && strings.Count(pt, ":") != 1 {
				return fail(&usageError{fmt.Sprintf("%q is not an action pattern: want \"*\" or \"service:action\"", pt)}, "actions", asJSON, stdout, stderr)
			}
		}
		set = cat.Expand(patterns...)
		if *not {
			set = set.Complement()
		}
	}

	out := collect(cat, set)
	if asJSON {
		writeJSON(stdout, out)
	} else if grouped {
		printGrouped(stdout, out)
	} else {
		for _, s := range out.Services {
			for _, a := range s.Actions {
				fmt.Fprintf(stdout, "%s\t%s\n", a.Name, a.Level)
			}
		}
		printUnknown(stdout, out)
		fmt.Fprintf(stdout, "%d actions (catalog of %s)\n", out.Count, out.Catalog)
	}
	if set.IsEmpty() {
		return exitFail
	}
	return exitOK
}

// policyActions returns the actions p's Allow statements grant, less those of Deny statements
// that apply to every resource without conditions.
func policyActions(cat *catalog.Catalog, p *policy.Policy) catalog.Set {
	allowed, denied := cat.Expand(), cat.Expand()
	for i := range p.Statements {
		s := &p.Statements[i]
		var set catalog.Set
		switch {
		case s.Action != nil:
			set = cat.Expand(values(s.Action)...)
		case s.NotAction != nil:
			set = cat.Expand(values(s.NotAction)...).Complement()
		default:
			continue
		}
		switch s.Effect {
		case policy.Allow:
			allowed.UnionWith(set)
		case policy.Deny:
			if len(s.Conditions) == 0 && s.NotResource == nil && s.Resource != nil && hasStar(s.Resource) {
				denied.UnionWith(set)
			}
		}
	}
	return allowed.Difference(denied)
}

func values(ss *policy.Strings) []string {
	out := make([]string, len(ss.Values))
	for i, v := range ss.Values {
		out[i] = v.Value
	}
	return out
}

func hasStar(ss *policy.Strings) bool {
	for _, v := range ss.Values {
		if v.Value == "*" {
			return true
		}
	}
	return false
}

// collect groups the set's actions by service, keeping the catalog's order (by prefix, then by
// name), and notes unknown actions.
func collect(cat *catalog.Catalog, set catalog.Set) actionsOut {
	out := actionsOut{Catalog: cat.Date(), Services: []serviceOut{}, UnknownServices: set.HasUnknown("")}
	var cur *serviceOut
	for a := range set.Actions() {
		if cur == nil || cur.Prefix != a.Service.Prefix {
			out.Services = append(out.Services, serviceOut{Prefix: a.Service.Prefix, Name: a.Service.Name,
				UnknownActions: set.HasUnknown(a.Service.Prefix)})
			cur = &out.Services[len(out.Services)-1]
		}
		cur.Actions = append(cur.Actions, actionOut{Name: a.FullName(), Level: a.Level.String(), Description: a.Description()})
		out.Count++
	}
	return out
}

func printUnknown(w io.Writer, out actionsOut) {
	var svcs []string
	for _, s := range out.Services {
		if s.UnknownActions {
			svcs = append(svcs, s.Prefix)
		}
	}
	if len(svcs) > 0 {
		if len(svcs) > 10 {
			svcs = append(svcs[:10], fmt.Sprintf("and %d more", len(svcs)-10))
		}
		fmt.Fprintf(w, "also granted: actions newer than the catalog of %s\n", strings.Join(svcs, ", "))
	}
	if out.UnknownServices {
		fmt.Fprintln(w, "also granted: every action of services the catalog does not know")
	}
}

// printGrouped prints, per service, its actions by access level.
func printGrouped(w io.Writer, out actionsOut) {
	levels := []string{"List", "Read", "Write", "Permissions management", "Tagging"}
	for _, s := range out.Services {
		fmt.Fprintf(w, "%s (%s): %d actions", s.Prefix, s.Name, len(s.Actions))
		if s.UnknownActions {
			fmt.Fprint(w, ", and any newer than the catalog")
		}
		fmt.Fprintln(w)
		for _, lv := range levels {
			var names []string
			for _, a := range s.Actions {
				if a.Level == lv {
					names = append(names, strings.TrimPrefix(a.Name, s.Prefix+":"))
				}
			}
			if len(names) > 0 {
				fmt.Fprintf(w, "  %s (%d): %s\n", lv, len(names), strings.Join(names, ", "))
			}
		}
	}
	if out.UnknownServices {
		fmt.Fprintln(w, "also granted: every action of services the catalog does not know")
	}
	fmt.Fprintf(w, "%d actions in %d services (catalog of %s)\n", out.Count, len(out.Services), out.Catalog)
}
