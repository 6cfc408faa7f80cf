// Command http-middleware authorizes the requests of a small net/http document service with
// IAM policies: the Authorize middleware turns each HTTP request into an eval.Request (action,
// resource ARN, principal and context keys) and lets it through only when the policies allow it.
// The policies are compiled once, when the service starts.
//
//	go run ./examples/http-middleware                  # scripted requests against a test server
//	go run ./examples/http-middleware -listen :8080    # serve until interrupted
//
// With -listen the service speaks plain HTTP, so aws:SecureTransport is false and the policy
// refuses every write; try
//
//	curl -H 'X-Principal: bob' localhost:8080/public/readme.txt
//
// Without -listen the program starts an HTTPS and a plain-HTTP test server, sends a fixed list of
// requests, prints each one with its status and the authorization log, and exits with status 1
// if a status differs from the expected one.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/eval"
	"github.com/iamgo/iam/examples/internal/exampledata"
	"github.com/iamgo/iam/policy"
)

const (
	name = "http-middleware"
	// account owns the service's documents and its users.
	account = "111122223333"
	// documentARN is the ARN prefix of a document; the URL path follows it.
	documentARN = "arn:aws:myapp:us-east-1:" + account + ":document/"
)

// now is the clock behind aws:CurrentTime; tests move it.
var now = time.Now

// audit receives one line per authorization decision, and the explanation of every denial.
var audit = log.New(os.Stderr, "authz: ", 0)

// actions maps HTTP methods to the service's actions.
var actions = map[string]string{
	http.MethodGet:    "myapp:GetDocument",
	http.MethodHead:   "myapp:GetDocument",
	http.MethodPut:    "myapp:PutDocument",
	http.MethodDelete: "myapp:DeleteDocument",
}

// userName is what IAM accepts as a user name.
var userName = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,64}$`)

// Authorize returns a handler that decides every request with ev and passes it to next only if
// the decision is Allow. Other requests get 403 Forbidden (405 for a method the service has no
// action for, 400 for a malformed principal or a path that is not canonical).
//
// The caller's identity comes from the X-Principal header, a user name of account 111122223333.
// That header stands in for real authentication: a real service must derive the principal from
// something the client cannot forge (a verified token, a client certificate, a signed request)
// and never trust a plain header.
func Authorize(ev *eval.Evaluator, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, status := toRequest(r)
		if status != 0 {
			http.Error(w, http.StatusText(status), status)
			return
		}
		// Decide is the fast path; the slower Explain runs only to log a denial.
		d := ev.Decide(req)
		w.Header().Set("X-Authz-Decision", d.String())
		if d != eval.Allow {
			x := ev.Explain(req)
			audit.Printf("%s %s %s: %s", req.Principal, req.Action, req.Resource,
				strings.ReplaceAll(strings.TrimRight(x.String(), "\n"), "\n", "\n    "))
			http.Error(w, http.StatusText(http.StatusForbidden), http.StatusForbidden)
			return
		}
		audit.Printf("%s %s %s: Allow", req.Principal, req.Action, req.Resource)
		next.ServeHTTP(w, r)
	})
}

// toRequest maps an HTTP request to the IAM request it stands for. It returns a non-zero HTTP
// status when the request cannot be mapped.
func toRequest(r *http.Request) (eval.Request, int) {
	action, ok := actions[r.Method]
	if !ok {
		return eval.Request{}, http.StatusMethodNotAllowed
	}
	// The resource ARN is built from the path, so the path must be canonical: otherwise
	// /public/../hr/salaries.csv would be authorized as a public document.
	if r.URL.Path == "" || path.Clean(r.URL.Path) != r.URL.Path {
		return eval.Request{}, http.StatusBadRequest
	}
	principal := "anonymous"
	if u := r.Header.Get("X-Principal"); u != "" {
		if !userName.MatchString(u) {
			return eval.Request{}, http.StatusBadRequest
		}
		principal = "arn:aws:iam::" + account + ":user/" + u
	}
	secure := "false"
	if r.TLS != nil {
		secure = "true"
	}
	ctx := []condition.Entry{
		{Key: "aws:SecureTransport", Values: []string{secure}},
		{Key: "aws:CurrentTime", Values: []string{now().UTC().Format(time.RFC3339)}},
	}
	// RemoteAddr is the peer of the TCP connection. Behind a load balancer it is the balancer's
	// address; take the client's from X-Forwarded-For only when the balancer is trusted. If it
	// cannot be read, aws:SourceIp is left out and IpAddress conditions are false (C5.10).
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		if ip, err := netip.ParseAddr(host); err == nil {
			ctx = append(ctx, condition.Entry{Key: "aws:SourceIp", Values: []string{ip.Unmap().String()}})
		}
	}
	return eval.Request{
		Principal: principal,
		Action:    action,
		Resource:  documentARN + strings.TrimPrefix(r.URL.Path, "/"),
		Context:   ctx,
	}, 0
}

// store is the service itself: documents in memory, keyed by URL path.
type store struct {
	mu   sync.Mutex
	docs map[string]string
}

func newStore() *store {
	return &store{docs: map[string]string{
		"/public/readme.txt":        "welcome\n",
		"/projects/apollo/plan.txt": "step 1: build a rocket\n",
		"/hr/salaries.csv":          "name,salary\n",
	}}
}

func (s *store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		doc, ok := s.docs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, doc)
	case http.MethodPut:
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.docs[r.URL.Path] = string(body)
		io.WriteString(w, "stored\n")
	case http.MethodDelete:
		if _, ok := s.docs[r.URL.Path]; !ok {
			http.NotFound(w, r)
			return
		}
		delete(s.docs, r.URL.Path)
		io.WriteString(w, "deleted\n")
	}
}

// newHandler compiles the service's policy once and returns the authorized service.
func newHandler(dir string) (http.Handler, error) {
	dir, err := exampledata.Dir(name, dir)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(dir, "documents.json"))
	if err != nil {
		return nil, err
	}
	// The service's policy is a resource-based policy: it names the principals it grants to,
	// so one evaluator serves every caller.
	p, err := policy.Options{Name: "documents.json", Kind: policy.KindResource}.Parse(data)
	if err != nil {
		return nil, err
	}
	ev, err := eval.Compile(eval.PolicySet{Resource: p})
	if err != nil {
		return nil, err
	}
	return Authorize(ev, newStore()), nil
}

func main() {
	dir := exampledata.DirFlag(name)
	listen := flag.String("listen", "", "serve plain HTTP on this address instead of running the scripted requests")
	flag.Parse()
	h, err := newHandler(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
	if *listen != "" {
		srv := &http.Server{Addr: *listen, Handler: h, ReadHeaderTimeout: 10 * time.Second}
		log.Fatal(srv.ListenAndServe())
	}
	audit.SetOutput(os.Stdout)
	audit.SetPrefix("    authz: ")
	if err := script(os.Stdout, h); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// call is one scripted HTTP request and the status expected for it.
type call struct {
	tls       bool
	method    string
	path      string
	principal string
	want      int
}

var calls = []call{
	{true, "GET", "/public/readme.txt", "bob", http.StatusOK},
	{true, "GET", "/hr/salaries.csv", "bob", http.StatusForbidden},
	{true, "PUT", "/public/readme.txt", "alice", http.StatusOK},
	{false, "PUT", "/public/readme.txt", "alice", http.StatusForbidden},
	{true, "PUT", "/public/readme.txt", "bob", http.StatusForbidden},
	{true, "GET", "/projects/apollo/plan.txt", "carol", http.StatusOK},
	{true, "GET", "/public/readme.txt", "", http.StatusForbidden},
	{true, "DELETE", "/hr/salaries.csv", "alice", http.StatusOK},
	{true, "GET", "/hr/salaries.csv", "alice", http.StatusNotFound},
	{true, "POST", "/public/readme.txt", "alice", http.StatusMethodNotAllowed},
}

// script starts an HTTPS and a plain-HTTP test server around h, sends the scripted calls and
// checks their statuses.
func script(w io.Writer, h http.Handler) error {
	secure := httptest.NewTLSServer(h)
	defer secure.Close()
	plain := httptest.NewServer(h)
	defer plain.Close()
	failed := 0
	for _, c := range calls {
		srv := plain
		if c.tls {
			srv = secure
		}
		fmt.Fprintf(w, "%s %s%s as %q\n", c.method, srv.URL, c.path, c.principal)
		req, err := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader("new text\n"))
		if err != nil {
			return err
		}
		if c.principal != "" {
			req.Header.Set("X-Principal", c.principal)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		mark := "ok"
		if resp.StatusCode != c.want {
			mark = fmt.Sprintf("UNEXPECTED (want %d)", c.want)
			failed++
		}
		fmt.Fprintf(w, "  => %s, decision %s: %s\n\n", resp.Status, orNone(resp.Header.Get("X-Authz-Decision")), mark)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d statuses differ from the expected ones", failed, len(calls))
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
