package account

import (
	"github.com/iamgo/iam/arn"
	"github.com/tidwall/gjson"
)

// readResources reads a resource-policy file: one object
//
//	{"ResourceArn": "arn:aws:s3:::bucket", "ResourceAccount": "111122223333", "Policy": DOC}
//
// or {"ResourcePolicies": [ that object, ... ]}. "ARN" and "ResourcePolicy" are accepted for
// "ResourceArn" and "Policy" (secretsmanager get-resource-policy prints them so), and DOC is a
// JSON object, a JSON string or a URL-encoded JSON string.
func (w *walker) readResources(limit int) []*ResourcePolicy {
	root, ok := w.parse(limit)
	if !ok {
		return nil
	}
	if list := root.Get("ResourcePolicies"); list.Exists() {
		var out []*ResourcePolicy
		w.object(root, "", func(k string, v gjson.Result, p string) {
			if k == "ResourcePolicies" {
				w.array(v, p, func(_ int, e gjson.Result, ep string) {
					if r := w.resource(e, ep); r != nil {
						out = append(out, r)
					}
				})
			}
		})
		return out
	}
	if r := w.resource(root, ""); r != nil {
		return []*ResourcePolicy{r}
	}
	return nil
}

func (w *walker) resource(v gjson.Result, path string) *ResourcePolicy {
	r := &ResourcePolicy{}
	var doc, arnVal gjson.Result
	w.object(v, path, func(k string, val gjson.Result, p string) {
		switch k {
		case "ResourceArn", "ARN":
			arnVal = val
			r.ARN, _ = w.str(val, p)
		case "ResourceAccount":
			r.Account, _ = w.str(val, p)
		case "Policy", "ResourcePolicy":
			doc = val
		}
	})
	if r.ARN == "" || !doc.Exists() {
		w.fail(v.Index, path, CodeMissing, "a resource policy needs ResourceArn and Policy")
		return nil
	}
	a, err := arn.Parse(r.ARN)
	if err != nil || a.Account == "*" || hasWildcard(r.ARN) {
		w.fail(arnVal.Index, join(path, "ResourceArn"), CodeValue, "expected the ARN of one resource, got %q", clip(r.ARN))
		return nil
	}
	if a.Service == "iam" && a.IsRole() {
		w.fail(arnVal.Index, join(path, "ResourceArn"), CodeConflict, "a role's trust policy comes from the export (AssumeRolePolicyDocument), not from a resource-policy file")
		return nil
	}
	switch {
	case r.Account == "":
		r.Account = a.Account
	case !arn.IsAccountID(r.Account):
		w.fail(v.Index, join(path, "ResourceAccount"), CodeValue, "expected a 12-digit account id, got %q", clip(r.Account))
		return nil
	case a.Account != "" && a.Account != r.Account:
		w.fail(v.Index, join(path, "ResourceAccount"), CodeConflict, "ResourceAccount %s contradicts the ARN's account %s", r.Account, a.Account)
		return nil
	}
	r.Source = w.where(doc.Index)
	r.Policy = w.document(doc, join(path, "Policy"), r.ARN)
	if r.Policy == nil {
		return nil
	}
	return r
}

func hasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}
