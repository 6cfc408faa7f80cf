package policy

import (
	"strings"
	"testing"
)

// stmt wraps statement members into a one-statement policy on a single line, so that the column
// of a finding is easy to read: the statement object starts at column 41.
func stmt(members string) string {
	return `{"Version": "2012-10-17", "Statement": [{` + members + `}]}`
}

// TestKindRules checks the kind-specific rules of Check and Options.Parse (G1.13, §11).
func TestKindRules(t *testing.T) {
	const (
		res   = `"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"`
		anyP  = `"Principal": "*", `
		acctP = `"Principal": {"AWS": "arn:aws:iam::123456789012:root"}, `
	)
	tests := []struct {
		name string
		kind Kind
		doc  string
		code ErrorCode // "" = no error
		path string
		at   string // the finding is at the first occurrence of this text ("" = the statement's "{")
		sev  Severity
	}{
		// G1.9: identity-type policies must not name a principal.
		{"identity principal", KindIdentity, stmt(`"Effect": "Allow", ` + anyP + res), CodePrincipalKind, "Statement[0].Principal", "\"*\"", SeverityError},
		{"boundary principal", KindBoundary, stmt(`"Effect": "Allow", ` + acctP + res), CodePrincipalKind, "Statement[0].Principal", "{\"AWS\"", SeverityError},
		{"session notprincipal", KindSession, stmt(`"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, ` + res), CodePrincipalKind, "Statement[0].NotPrincipal", "{\"AWS\"", SeverityError},
		{"scp principal", KindSCP, stmt(`"Effect": "Deny", ` + anyP + res), CodePrincipalKind, "Statement[0].Principal", "\"*\"", SeverityError},
		// G1.8: identity-type policies need a resource.
		{"identity no resource", KindIdentity, stmt(`"Effect": "Allow", "Action": "s3:GetObject"`), CodeResourceRequired, "Statement[0]", "", SeverityError},
		{"scp no resource", KindSCP, stmt(`"Effect": "Deny", "Action": "s3:*"`), CodeResourceRequired, "Statement[0]", "", SeverityError},
		{"identity ok", KindIdentity, stmt(`"Effect": "Allow", ` + res), "", "", "", 0},
		{"identity notresource ok", KindIdentity, stmt(`"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/*"`), "", "", "", 0},
		// G1.9: resource policies need a principal.
		{"resource no principal", KindResource, stmt(`"Effect": "Allow", ` + res), CodePrincipalKind, "Statement[0]", "", SeverityError},
		{"resource ok", KindResource, stmt(`"Effect": "Allow", ` + acctP + res), "", "", "", 0},
		{"resource notprincipal deny ok", KindResource, stmt(`"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, ` + res), "", "", "", 0},
		// G1.9 (NEWER): NotPrincipal only with Deny.
		{"notprincipal allow", KindResource, stmt(`"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, ` + res), CodeNotPrincipal, "Statement[0].NotPrincipal", "{\"AWS\"", SeverityError},
		// G1.8, G1.9: trust policies need Principal, need no Resource, forbid NotPrincipal.
		{"trust ok", KindTrust, stmt(`"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"`), "", "", "", 0},
		{"trust no principal", KindTrust, stmt(`"Effect": "Allow", "Action": "sts:AssumeRole"`), CodePrincipalKind, "Statement[0]", "", SeverityError},
		{"trust notprincipal", KindTrust, stmt(`"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"`), CodePrincipalKind, "Statement[0].NotPrincipal", "{\"AWS\"", SeverityError},
		// L11.7: RCP grammar.
		{"rcp ok", KindRCP, stmt(`"Effect": "Deny", ` + anyP + `"Action": "s3:*", "Resource": "*"`), "", "", "", 0},
		{"rcp full access ok", KindRCP, stmt(`"Effect": "Allow", ` + anyP + `"Action": "*", "Resource": "*"`), "", "", "", 0},
		{"rcp allow", KindRCP, stmt(`"Effect": "Allow", ` + anyP + `"Action": "s3:*", "Resource": "*"`), CodeRCP, "Statement[0].Effect", "\"Allow\"", SeverityError},
		{"rcp account principal", KindRCP, stmt(`"Effect": "Deny", ` + acctP + `"Action": "s3:*", "Resource": "*"`), CodeRCP, "Statement[0].Principal", "{\"AWS\"", SeverityError},
		{"rcp no principal", KindRCP, stmt(`"Effect": "Deny", "Action": "s3:*", "Resource": "*"`), CodeRCP, "Statement[0]", "", SeverityError},
		{"rcp action star", KindRCP, stmt(`"Effect": "Deny", ` + anyP + `"Action": "*", "Resource": "*"`), CodeRCP, "Statement[0].Action", "\"*\", \"Resource\"", SeverityError},
		{"rcp notaction", KindRCP, stmt(`"Effect": "Deny", ` + anyP + `"NotAction": "s3:GetObject", "Resource": "*"`), CodeRCP, "Statement[0].NotAction", "\"s3:GetObject\"", SeverityError},
		{"rcp no resource", KindRCP, stmt(`"Effect": "Deny", ` + anyP + `"Action": "s3:*"`), CodeResourceRequired, "Statement[0]", "", SeverityError},
		{"rcp version", KindRCP, `{"Version": "2008-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`, CodeRCP, "Version", "\"2008-10-17\"", SeverityError},
		// G1.5: Sids unique and alphanumeric in IAM.
		{"sid not alnum", KindIdentity, stmt(`"Sid": "read only", "Effect": "Allow", ` + res), CodeSid, "Statement[0].Sid", "\"read only\"", SeverityError},
		{"sid not alnum resource", KindResource, stmt(`"Sid": "read only", "Effect": "Allow", ` + anyP + res), CodeSid, "Statement[0].Sid", "\"read only\"", SeverityWarning},
		{"sid duplicate", KindIdentity, `{"Statement": [{"Sid": "A", "Effect": "Allow", ` + res + `}, {"Sid": "A", "Effect": "Deny", ` + res + `}]}`, CodeDuplicateSid, "Statement[1].Sid", "\"A\", \"Effect\": \"Deny\"", SeverityError},
		// G1.17: character set.
		{"charset", KindIdentity, stmt(`"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/\u65e5"`), CodeCharset, "Statement[0].Resource", "\"arn:aws:s3:::b/", SeverityError},
		{"charset resource", KindResource, stmt(`"Effect": "Allow", ` + anyP + `"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/日"`), CodeCharset, "Statement[0].Resource", "\"arn:aws:s3:::b/", SeverityWarning},
		// G1.3: Id in identity policies is only a warning.
		{"id identity", KindIdentity, `{"Id": "x", "Statement": {"Effect": "Allow", ` + res + `}}`, CodeID, "Id", "\"x\"", SeverityWarning},
		// R3.1: unknown partition warns.
		{"partition", KindIdentity, stmt(`"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws-moon:s3:::b"`), CodePartition, "Statement[0].Resource", "\"arn:aws-moon", SeverityWarning},
		// G1.16: an empty positive array warns.
		{"empty action", KindIdentity, stmt(`"Effect": "Allow", "Action": [], "Resource": "*"`), CodeEmptyArray, "Statement[0].Action", "[]", SeverityWarning},
		// G1.7, R3.9: empty action names and short ARNs warn.
		{"empty action name", KindIdentity, stmt(`"Effect": "Allow", "Action": "s3:", "Resource": "*"`), CodeAction, "Statement[0].Action", `"s3:"`, SeverityWarning},
		// R3.3 [IDN]: a wildcard in the type word of an IAM ARN warns; other services' do not.
		{"iam type word wildcard", KindIdentity, stmt(`"Effect": "Allow", "Action": "iam:GetUser", "Resource": ["arn:aws:quicksight:*:*:*/*", "arn:aws:iam::1:u*"]`), CodeResource, "Statement[0].Resource[1]", `"arn:aws:iam::1:u*"`, SeverityWarning},
		{"short arn", KindIdentity, stmt(`"Effect": "Allow", "Action": "*", "Resource": ["*", "arn:aws:sqs:us-east-1"]`), CodeResource, "Statement[0].Resource[1]", `"arn:aws:sqs`, SeverityWarning},
		// L11.3: public Allow and Allow with Not* warn.
		{"public", KindResource, stmt(`"Effect": "Allow", ` + anyP + res), CodePublic, "Statement[0].Principal", "\"*\"", SeverityWarning},
		{"allow notaction", KindIdentity, stmt(`"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"`), CodeNotElement, "Statement[0].NotAction", "\"iam:*\"", SeverityWarning},
		// KindAny enforces no kind rule: a resource-policy statement without Principal is fine.
		{"any", KindAny, stmt(`"Effect": "Allow", ` + res), "", "", "", 0},
		{"any notprincipal allow", KindAny, stmt(`"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, ` + res), "", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse([]byte(tt.doc))
			if err != nil {
				t.Fatalf("Parse (KindAny): %v", err)
			}
			list := p.Check(tt.kind)
			checkErrorList(t, []byte(tt.doc), list)
			_, perr := Options{Kind: tt.kind}.Parse([]byte(tt.doc))
			if tt.code == "" {
				if list.HasErrors() {
					t.Fatalf("Check: %v", list)
				}
				if perr != nil {
					t.Fatalf("Options.Parse: %v", perr)
				}
				return
			}
			var found *Error
			for _, e := range list {
				if e.Code == tt.code {
					found = e
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s finding in %v", tt.code, list)
			}
			st := strings.Index(tt.doc, `"Statement": `)
			col := st + strings.IndexByte(tt.doc[st:], '{') + 1
			if tt.at != "" {
				col = strings.Index(tt.doc, tt.at) + 1
			}
			if col <= 0 {
				t.Fatalf("bad test: %q not in the document", tt.at)
			}
			if found.Path != tt.path || found.Line != 1 || found.Col != col || found.Severity != tt.sev {
				t.Errorf("got %q 1:%d %s (%v), want %q 1:%d %s", found.Path, found.Col, found.Severity, found, tt.path, col, tt.sev)
			}
			if (tt.sev == SeverityError) != (perr != nil) {
				t.Errorf("Options{Kind: %s}.Parse error = %v, want error: %v", tt.kind, perr, tt.sev == SeverityError)
			}
			if perr != nil && !strings.Contains(perr.Error(), string(tt.path)) {
				t.Errorf("Options.Parse error %q does not name %q", perr, tt.path)
			}
		})
	}
}
