package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Catalog is the generator's model of the facts, independent of the source layout.
type Catalog struct {
	Date     string
	Services []*Service // sorted by prefix
}

// Service is one service prefix with its actions, resource types and condition keys.
type Service struct {
	Prefix        string
	Name          string
	Actions       []*Action       // sorted by lower-cased name
	ResourceTypes []*ResourceType // in source order
	Keys          []*Key          // sorted by lower-cased name
}

// Action is one action of a service.
type Action struct {
	Name             string
	Description      string // iam-data only; AWS's service reference files have none
	Level            byte   // 1 List, 2 Read, 3 Write, 4 Permissions management, 5 Tagging
	Resources        []ActionResource
	ConditionKeys    []string
	DependentActions []string
}

// ActionResource is a resource type an action applies to.
type ActionResource struct {
	Type             string // resource type name, as in Service.ResourceTypes
	Required         bool
	ConditionKeys    []string
	DependentActions []string
}

// ResourceType is a resource type with its ARN format.
type ResourceType struct {
	Name          string
	ARN           string
	ConditionKeys []string
}

// Key is a service condition key with its type name (String, ArrayOfString, ARN, ...).
type Key struct {
	Name string
	Type string
}

// Access levels, as encoded.
const (
	levelList byte = 1 + iota
	levelRead
	levelWrite
	levelPermissions
	levelTagging
)

// Read reads a source folder in either layout.
func Read(dir string) (*Catalog, error) {
	if _, err := os.Stat(filepath.Join(dir, "services.json")); err == nil {
		return readIAMData(dir)
	}
	return readServiceReference(dir)
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// parseLevel reads the iam-data access level ("Write", "Tagging, Write", ...). The most specific
// level wins: Permissions management and Tagging over Write.
func parseLevel(s string) (byte, error) {
	var lv byte
	for _, part := range strings.Split(s, ",") {
		var l byte
		switch strings.TrimSpace(part) {
		case "List":
			l = levelList
		case "Read":
			l = levelRead
		case "Write":
			l = levelWrite
		case "Permissions management":
			l = levelPermissions
		case "Tagging":
			l = levelTagging
		default:
			return 0, fmt.Errorf("unknown access level %q", s)
		}
		if l > lv {
			lv = l
		}
	}
	if lv == 0 {
		return 0, fmt.Errorf("empty access level")
	}
	return lv, nil
}

type iamAction struct {
	Name          string `json:"name"`
	Description   string `json:"description"`
	AccessLevel   string `json:"accessLevel"`
	ResourceTypes []struct {
		Name             string   `json:"name"`
		Required         bool     `json:"required"`
		ConditionKeys    []string `json:"conditionKeys"`
		DependentActions []string `json:"dependentActions"`
	} `json:"resourceTypes"`
	ConditionKeys    []string `json:"conditionKeys"`
	DependentActions []string `json:"dependentActions"`
}

type iamResourceType struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type iamKey struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

func readIAMData(dir string) (*Catalog, error) {
	var prefixes []string
	if err := readJSON(filepath.Join(dir, "services.json"), &prefixes); err != nil {
		return nil, err
	}
	names := map[string]string{}
	if err := readJSON(filepath.Join(dir, "serviceNames.json"), &names); err != nil {
		return nil, err
	}
	cat := &Catalog{}
	for _, p := range prefixes {
		s := &Service{Prefix: p, Name: names[p]}
		var acts map[string]iamAction
		if err := readJSON(filepath.Join(dir, "actions", p+".json"), &acts); err != nil {
			return nil, err
		}
		var rts map[string]iamResourceType
		if err := readJSON(filepath.Join(dir, "resourceTypes", p+".json"), &rts); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		var keys map[string]iamKey
		if err := readJSON(filepath.Join(dir, "conditionKeys", p+".json"), &keys); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		for _, k := range sortedKeys(rts) {
			rt := rts[k]
			s.ResourceTypes = append(s.ResourceTypes, &ResourceType{Name: rt.Key, ARN: rt.ARN, ConditionKeys: rt.ConditionKeys})
		}
		for _, k := range sortedKeys(keys) {
			s.Keys = append(s.Keys, &Key{Name: keys[k].Key, Type: keys[k].Type})
		}
		for _, k := range sortedKeys(acts) {
			a := acts[k]
			lv, err := parseLevel(a.AccessLevel)
			if err != nil {
				return nil, fmt.Errorf("%s:%s: %w", p, a.Name, err)
			}
			act := &Action{Name: a.Name, Description: a.Description, Level: lv, ConditionKeys: a.ConditionKeys, DependentActions: a.DependentActions}
			for _, r := range a.ResourceTypes {
				act.Resources = append(act.Resources, ActionResource{Type: r.Name, Required: r.Required,
					ConditionKeys: r.ConditionKeys, DependentActions: r.DependentActions})
			}
			s.Actions = append(s.Actions, act)
		}
		cat.Services = append(cat.Services, s)
	}
	return normalize(cat)
}

// The AWS programmatic service reference format.
type refService struct {
	Name    string `json:"Name"`
	Actions []struct {
		Name                string   `json:"Name"`
		ActionConditionKeys []string `json:"ActionConditionKeys"`
		Annotations         struct {
			Properties struct {
				IsList                 bool `json:"IsList"`
				IsWrite                bool `json:"IsWrite"`
				IsPermissionManagement bool `json:"IsPermissionManagement"`
				IsTaggingOnly          bool `json:"IsTaggingOnly"`
			} `json:"Properties"`
		} `json:"Annotations"`
		Resources []struct {
			Name string `json:"Name"`
		} `json:"Resources"`
	} `json:"Actions"`
	ConditionKeys []struct {
		Name  string   `json:"Name"`
		Types []string `json:"Types"`
	} `json:"ConditionKeys"`
	Resources []struct {
		Name          string   `json:"Name"`
		ARNFormats    []string `json:"ARNFormats"`
		ConditionKeys []string `json:"ConditionKeys"`
	} `json:"Resources"`
}

// readServiceReference reads every *.json file of dir (or of dir/v1/<svc>/) that holds a service
// in AWS's format; service-list.json and other files without Actions are skipped.
func readServiceReference(dir string) (*Catalog, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	cat := &Catalog{}
	for _, f := range files {
		var rs refService
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, &rs); err != nil || rs.Name == "" || rs.Actions == nil {
			continue // not a service file (service-list.json, for instance)
		}
		s := &Service{Prefix: rs.Name}
		for _, r := range rs.Resources {
			arn := ""
			if len(r.ARNFormats) > 0 {
				arn = r.ARNFormats[0]
			}
			s.ResourceTypes = append(s.ResourceTypes, &ResourceType{Name: r.Name, ARN: arn, ConditionKeys: r.ConditionKeys})
		}
		for _, k := range rs.ConditionKeys {
			t := "String"
			if len(k.Types) > 0 {
				t = k.Types[0]
			}
			s.Keys = append(s.Keys, &Key{Name: k.Name, Type: t})
		}
		for _, a := range rs.Actions {
			p := a.Annotations.Properties
			lv := levelRead
			switch {
			case p.IsPermissionManagement:
				lv = levelPermissions
			case p.IsTaggingOnly:
				lv = levelTagging
			case p.IsWrite:
				lv = levelWrite
			case p.IsList:
				lv = levelList
			}
			act := &Action{Name: a.Name, Level: lv, ConditionKeys: a.ActionConditionKeys}
			for _, r := range a.Resources {
				act.Resources = append(act.Resources, ActionResource{Type: r.Name})
			}
			s.Actions = append(s.Actions, act)
		}
		cat.Services = append(cat.Services, s)
	}
	if len(cat.Services) == 0 {
		return nil, fmt.Errorf("%s: no service files found (neither iam-data's services.json nor AWS service reference JSON)", dir)
	}
	return normalize(cat)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// templateKey writes the placeholder "tag-key" that a few service keys use
// (secretsmanager:ResourceTag/tag-key) as ${TagKey}, like every other key with a variable part.
func templateKey(k string) string {
	if b, ok := strings.CutSuffix(k, "/tag-key"); ok {
		return b + "/${TagKey}"
	}
	return k
}

func templateKeys(ks []string) []string {
	for i, k := range ks {
		ks[i] = templateKey(k)
	}
	return ks
}

// normalize sorts services by prefix, actions and keys by lower-cased name, checks that names are
// unique and that every resource type an action names exists, and writes the "tag-key"
// placeholder of a few keys as ${TagKey}.
func normalize(cat *Catalog) (*Catalog, error) {
	sort.Slice(cat.Services, func(i, j int) bool { return cat.Services[i].Prefix < cat.Services[j].Prefix })
	for i, s := range cat.Services {
		if s.Prefix == "" || s.Prefix != strings.ToLower(s.Prefix) || strings.ContainsAny(s.Prefix, ":*?") {
			return nil, fmt.Errorf("bad service prefix %q", s.Prefix)
		}
		if i > 0 && cat.Services[i-1].Prefix == s.Prefix {
			return nil, fmt.Errorf("service %q listed twice", s.Prefix)
		}
		sort.SliceStable(s.Actions, func(i, j int) bool {
			return strings.ToLower(s.Actions[i].Name) < strings.ToLower(s.Actions[j].Name)
		})
		for j, a := range s.Actions {
			if a.Name == "" || strings.ContainsAny(a.Name, ":*?") {
				return nil, fmt.Errorf("%s: bad action name %q", s.Prefix, a.Name)
			}
			if j > 0 && strings.EqualFold(s.Actions[j-1].Name, a.Name) {
				return nil, fmt.Errorf("%s: action %q listed twice", s.Prefix, a.Name)
			}
		}
		for _, k := range s.Keys {
			k.Name = templateKey(k.Name)
		}
		for _, rt := range s.ResourceTypes {
			templateKeys(rt.ConditionKeys)
		}
		for _, a := range s.Actions {
			templateKeys(a.ConditionKeys)
			for _, r := range a.Resources {
				templateKeys(r.ConditionKeys)
			}
		}
		sort.SliceStable(s.Keys, func(i, j int) bool { return strings.ToLower(s.Keys[i].Name) < strings.ToLower(s.Keys[j].Name) })
		rts := map[string]bool{}
		for _, rt := range s.ResourceTypes {
			rts[strings.ToLower(rt.Name)] = true
		}
		for _, a := range s.Actions {
			for _, r := range a.Resources {
				if !rts[strings.ToLower(r.Type)] {
					return nil, fmt.Errorf("%s:%s: unknown resource type %q", s.Prefix, a.Name, r.Type)
				}
			}
		}
	}
	return cat, nil
}
