package account

import "github.com/tidwall/gjson"

// ExportFacts is what one get-account-authorization-details export says that the model does
// not keep.
type ExportFacts struct {
	// InstanceProfiles counts the instance profiles of each role (role ARN →
	// len(RoleDetailList[].InstanceProfileList)).
	InstanceProfiles map[string]int
	// PolicyVersions counts the versions of each managed policy (policy ARN →
	// len(Policies[].PolicyVersionList)); an ARN listed twice keeps the larger count.
	PolicyVersions map[string]int
}

// ReadExportFacts reads the ExportFacts of one export with the checks Load makes of every
// file: encoding, nesting, syntax, member types, and no key given twice in one object (keys
// match exactly, as in Load). It fails with an ErrorList. It does not parse the policy
// documents.
func ReadExportFacts(f File) (*ExportFacts, error) {
	w := &walker{file: f.Name, data: f.Data}
	root, ok := w.parse(0)
	if !ok {
		return nil, ErrorList(w.errs).sorted()
	}
	facts := &ExportFacts{InstanceProfiles: map[string]int{}, PolicyVersions: map[string]int{}}
	// count reads the ARN and the length of the list named key of each element of the array v.
	count := func(v gjson.Result, path, key string, into map[string]int) {
		w.array(v, path, func(_ int, e gjson.Result, p string) {
			var id string
			n := 0
			w.object(e, p, func(k string, val gjson.Result, kp string) {
				switch k {
				case "Arn":
					id, _ = w.str(val, kp)
				case key:
					w.array(val, kp, func(int, gjson.Result, string) { n++ })
				}
			})
			if id != "" && n >= into[id] {
				into[id] = n
			}
		})
	}
	w.object(root, "", func(key string, v gjson.Result, path string) {
		switch key {
		case "RoleDetailList":
			count(v, path, "InstanceProfileList", facts.InstanceProfiles)
		case "Policies":
			count(v, path, "PolicyVersionList", facts.PolicyVersions)
		}
	})
	if len(w.errs) > 0 {
		return nil, ErrorList(w.errs).sorted()
	}
	return facts, nil
}
