package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestAuthorize(t *testing.T) {
	audit.SetOutput(io.Discard)
	h, err := newHandler("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		method    string
		url       string // https:// sets r.TLS, http:// leaves it nil
		principal string
		remote    string
		at        time.Time
		want      int
	}{
		// E7.4 step 4, E7.5: same account, the policy names bob's user ARN: a direct grant.
		{"viewer reads public", "GET", "https://docs.example/public/readme.txt", "bob", "", time.Time{}, http.StatusOK},
		// E7.3: nothing grants bob the hr documents.
		{"viewer reads hr", "GET", "https://docs.example/hr/salaries.csv", "bob", "", time.Time{}, http.StatusForbidden},
		// E7.3: no statement grants bob PutDocument.
		{"viewer writes", "PUT", "https://docs.example/public/readme.txt", "bob", "", time.Time{}, http.StatusForbidden},
		// A2.1: GET maps to myapp:GetDocument, listed for alice.
		{"editor reads", "GET", "https://docs.example/hr/salaries.csv", "alice", "", time.Time{}, http.StatusOK},
		{"editor writes over TLS", "PUT", "https://docs.example/public/new.txt", "alice", "", time.Time{}, http.StatusOK},
		// E7.4 step 1, S9.7: no TLS, aws:SecureTransport is false and the Deny applies.
		{"editor writes over HTTP", "PUT", "http://docs.example/public/new.txt", "alice", "", time.Time{}, http.StatusForbidden},
		// C5.10: 10.1.2.3 is inside 10.0.0.0/8.
		{"delete from the office", "DELETE", "https://docs.example/public/readme.txt", "alice", "10.1.2.3:5000", time.Time{}, http.StatusOK},
		// C5.10: a bare IPv6 address is a single host (/128).
		{"delete from ::1", "DELETE", "https://docs.example/hr/salaries.csv", "alice", "[::1]:5000", time.Time{}, http.StatusOK},
		// C5.10: 192.0.2.1 is outside every listed range, IpAddress is false.
		{"delete from outside", "DELETE", "https://docs.example/hr/salaries.csv", "alice", "192.0.2.1:5000", time.Time{}, http.StatusForbidden},
		// C5.10, C5.4: without a readable address aws:SourceIp is absent and IpAddress is false.
		{"delete from an unknown address", "DELETE", "https://docs.example/hr/salaries.csv", "alice", "pipe", time.Time{}, http.StatusForbidden},
		// C5.7: DateLessThan holds before the contract ends...
		{"contractor before the end", "GET", "https://docs.example/projects/apollo/plan.txt", "carol", "", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), http.StatusOK},
		// ...and not after it.
		{"contractor after the end", "GET", "https://docs.example/projects/apollo/plan.txt", "carol", "", time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), http.StatusForbidden},
		// R3.3: projects/* does not reach public/.
		{"contractor outside projects", "GET", "https://docs.example/public/readme.txt", "carol", "", time.Time{}, http.StatusForbidden},
		// E7.11: an anonymous caller gets only what a Principal "*" Allow grants: nothing here.
		{"anonymous", "GET", "https://docs.example/public/readme.txt", "", "", time.Time{}, http.StatusForbidden},
		// P4.2, R3.4: user names in principal ARNs are case-sensitive.
		{"name case", "GET", "https://docs.example/public/readme.txt", "Bob", "", time.Time{}, http.StatusForbidden},
		// Mapping errors never reach the evaluator.
		{"bad principal", "GET", "https://docs.example/public/readme.txt", "bob/../alice", "", time.Time{}, http.StatusBadRequest},
		{"dot-dot path", "GET", "https://docs.example/public/../hr/salaries.csv", "bob", "", time.Time{}, http.StatusBadRequest},
		{"unknown method", "PATCH", "https://docs.example/public/readme.txt", "alice", "", time.Time{}, http.StatusMethodNotAllowed},
	}
	defer func() { now = time.Now }()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now = time.Now
			if !tt.at.IsZero() {
				now = func() time.Time { return tt.at }
			}
			r := httptest.NewRequest(tt.method, tt.url, strings.NewReader("text\n"))
			if tt.principal != "" {
				r.Header.Set("X-Principal", tt.principal)
			}
			if tt.remote != "" {
				r.RemoteAddr = tt.remote
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tt.want {
				req, _ := toRequest(r)
				t.Errorf("status %d, want %d (decision %q)\nrequest: %+v", rec.Code, tt.want, rec.Header().Get("X-Authz-Decision"), req)
			}
		})
	}
}

// TestServer drives the service over real connections (HTTPS and plain HTTP).
func TestServer(t *testing.T) {
	var log bytes.Buffer
	audit.SetOutput(&log)
	defer audit.SetOutput(io.Discard)
	h, err := newHandler("")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := script(&out, h); err != nil {
		t.Fatalf("script: %v\n%s", err, out.String())
	}
	// The denial of the plain-HTTP write is logged with its explanation (M10.2).
	if !strings.Contains(log.String(), `Sid "WritesNeedTLS"`) {
		t.Errorf("audit log lacks the explanation of the TLS denial:\n%s", log.String())
	}
}

func TestToRequest(t *testing.T) {
	r := httptest.NewRequest("DELETE", "https://docs.example/projects/apollo/plan.txt", nil)
	r.Header.Set("X-Principal", "alice")
	r.RemoteAddr = "[::ffff:10.0.0.7]:443"
	req, status := toRequest(r)
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	if req.Principal != "arn:aws:iam::111122223333:user/alice" || req.Action != "myapp:DeleteDocument" ||
		req.Resource != "arn:aws:myapp:us-east-1:111122223333:document/projects/apollo/plan.txt" {
		t.Errorf("got %+v", req)
	}
	want := map[string]string{"aws:SecureTransport": "true", "aws:SourceIp": "10.0.0.7"}
	for _, e := range req.Context {
		if v, ok := want[e.Key]; ok && e.Values[0] != v {
			t.Errorf("%s = %q, want %q", e.Key, e.Values[0], v)
		}
		if e.Key == "aws:CurrentTime" {
			if _, err := time.Parse(time.RFC3339, e.Values[0]); err != nil {
				t.Errorf("aws:CurrentTime: %v", err)
			}
		}
	}
}
