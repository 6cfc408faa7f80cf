package escalate

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Status says how sure a step, an edge or a path is. The order matters: a path is as weak as
// its weakest step.
type Status uint8

const (
	// Certain: the engine allows every call on the policies of the model, with no fact missing.
	Certain Status = iota
	// Assumed: the calls are allowed given context values the attacker chooses itself (a fresh
	// session's aws:TokenIssueTime, the name of a session, tags it sets on what it creates):
	// the assumptions are listed.
	Assumed
	// Conditional: the path also needs something the inputs do not describe (an existing
	// function, an instance, a key count, a context key nobody controls): listed in Requires
	// or as the keys of a step.
	Conditional
	// Uncertain: the model lacks some policies of a principal in the path (C5.0): never
	// asserted.
	Uncertain
)

// String returns certain, assumed, conditional or uncertain.
func (s Status) String() string {
	switch s {
	case Certain:
		return "certain"
	case Assumed:
		return "assumed"
	case Conditional:
		return "conditional"
	default:
		return "uncertain"
	}
}

// MarshalJSON writes the status as its name.
func (s Status) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Evidence names one statement that decided a step.
type Evidence struct {
	Policy string `json:"policy"` // ARN, OWNER-ARN/INLINE-NAME, ROLE-ARN/AssumeRolePolicyDocument
	Kind   string `json:"kind"`   // identity, resource, boundary, scp, ...
	Sid    string `json:"sid,omitempty"`
	Path   string `json:"path"` // Statement[2]
	Line   int    `json:"line,omitempty"`
	Col    int    `json:"column,omitempty"`
	Effect string `json:"effect"`
}

// Step is one request of a technique, decided by the engine.
type Step struct {
	// Caller is the principal making the request: a user or role ARN of the model, or a
	// service principal for the step that has the service assume the role.
	Caller   string `json:"caller"`
	Action   string `json:"action"`
	Resource string `json:"resource"`
	// Context lists the context keys the request carried besides the caller's own, KEY=VALUE.
	Context []string `json:"context,omitempty"`
	Status  Status   `json:"status"`
	// Keys are the context keys the answer depends on (Assumed or Conditional).
	Keys []string `json:"keys,omitempty"`
	// Missing lists the policies the model lacks for the caller (Uncertain).
	Missing []string `json:"missing,omitempty"`
	// Statements are the statements that allowed the request.
	Statements []Evidence `json:"statements,omitempty"`
	// Note explains the step when the engine alone does not (a policy only the attacker writes).
	Note string `json:"note,omitempty"`
}

// Edge is one technique usable by a principal of the model.
type Edge struct {
	From string `json:"from"`
	// To is the principal the attacker ends up holding (its own ARN for self-escalation).
	To string `json:"to"`
	// Admin is set when, after the edge, the principal held is admin-equivalent whatever it
	// had before (the technique grants it everything, within its boundary and SCPs).
	Admin bool `json:"admin"`
	// Technique is the path id (for a modification and a way to reach the principal not
	// documented together, the two ids joined with "+").
	Technique string   `json:"technique"`
	Category  Category `json:"category"`
	// Target is what the technique acts on: a policy, a group, a user, a role.
	Target string `json:"target"`
	Steps  []Step `json:"steps"`
	// Requires lists what must hold that the inputs do not describe.
	Requires []string `json:"requires,omitempty"`
	// Assumptions lists what the attacker chooses itself for the edge to work.
	Assumptions []string `json:"assumptions,omitempty"`
	Status      Status   `json:"status"`
}

// Admin is an admin-equivalent principal and why.
type Admin struct {
	Principal string `json:"principal"`
	Kind      string `json:"kind"`
	// Direct is set when the principal is allowed everything already; otherwise Edge is the
	// certain technique by which it grants itself everything.
	Direct bool  `json:"direct"`
	Edge   *Edge `json:"edge,omitempty"`
}

// Path is the shortest way a principal has to an admin-equivalent principal, or, for a
// principal without one, to a principal with strictly more permissions.
type Path struct {
	Principal string `json:"principal"`
	Kind      string `json:"kind"`
	// Reaches is the principal held at the end: admin-equivalent, unless Wider is set.
	Reaches string `json:"reaches"`
	// Wider lists, when Reaches is not admin-equivalent, the actions Reaches is allowed on "*"
	// that Principal is not (Reaches is allowed every action Principal is, among those the
	// model's policies name).
	Wider  []string `json:"wider,omitempty"`
	Edges  []Edge   `json:"edges"`
	Status Status   `json:"status"`
}

// Techniques lists the technique ids of the path, in order.
func (p *Path) Techniques() []string {
	out := make([]string, len(p.Edges))
	for i, e := range p.Edges {
		out[i] = e.Technique
	}
	return out
}

// String renders the path on one line: principal, status, the hops and the techniques.
func (p *Path) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [%s] %s:", p.Principal, p.Kind, p.Status)
	for _, e := range p.Edges {
		if e.To == e.From {
			fmt.Fprintf(&b, " %s(%s)", e.Technique, shortTarget(e.Target))
		} else {
			fmt.Fprintf(&b, " %s(%s) -> %s", e.Technique, shortTarget(e.Target), e.To)
		}
		if e.Admin {
			b.WriteString(" => admin")
		}
		b.WriteString(";")
	}
	s := strings.TrimSuffix(b.String(), ";")
	if p.Edges[len(p.Edges)-1].Admin {
		return s
	}
	if len(p.Wider) > 0 {
		return fmt.Sprintf("%s (more permissive: %d more actions, such as %s)", s, len(p.Wider), p.Wider[0])
	}
	return s + " (admin-equivalent)"
}

func shortTarget(t string) string {
	if i := strings.LastIndexAny(t, ":/"); i >= 0 && i+1 < len(t) {
		return t[i+1:]
	}
	return t
}

// Result is the escalation analysis of a model.
type Result struct {
	// Admins are the admin-equivalent principals: allowed everything, or able to grant
	// themselves everything with certainty.
	Admins []Admin `json:"admins"`
	// Paths gives, for every other principal that can reach an admin-equivalent principal,
	// the shortest path: certain paths first; a principal with only assumed, conditional or
	// uncertain paths gets the shortest of the best status.
	Paths []Path `json:"paths"`
	// Edges is the escalation graph: every edge that lies on a way to an admin-equivalent
	// principal.
	Edges []Edge `json:"edges"`
	// Omitted counts the roles towards which service edges were not examined: for one caller
	// and one service technique, only the roles nearest to an admin-equivalent principal are
	// (three), which keeps the shortest paths.
	Omitted int `json:"omitted,omitempty"`
	// Now is the time the analysis took for aws:CurrentTime ("" when none was given).
	Now string `json:"now,omitempty"`
}
