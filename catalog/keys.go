package catalog

import (
	"strings"

	"github.com/iamgo/iam/internal/ascii"
)

// Type is the data type of a condition key, as the Service Authorization Reference and the IAM
// user guide name them. Array marks the multivalued ArrayOf forms. The zero value is not a type.
type Type uint8

// Types.
const (
	String    Type = 1 + iota // String
	ARN                       // ARN
	Bool                      // Bool
	Numeric                   // Numeric
	Date                      // Date
	IPAddress                 // IPAddress
	Binary                    // Binary

	// Array is set for multivalued keys: ArrayOfString is Array|String.
	Array Type = 0x80

	ArrayOfString = Array | String // ArrayOfString
	ArrayOfARN    = Array | ARN    // ArrayOfARN
	ArrayOfBool   = Array | Bool   // ArrayOfBool
)

var typeNames = [...]string{"", "String", "ARN", "Bool", "Numeric", "Date", "IPAddress", "Binary"}

func (t Type) valid() bool {
	b := t &^ Array
	return b >= String && b <= Binary
}

// Elem returns the type without the Array flag: String for ArrayOfString.
func (t Type) Elem() Type { return t &^ Array }

// IsArray reports whether keys of this type are multivalued.
func (t Type) IsArray() bool { return t&Array != 0 }

// String returns the type's name as AWS writes it: "String", "ArrayOfString", "IPAddress", ...
func (t Type) String() string {
	if !t.valid() {
		return "Invalid"
	}
	if t.IsArray() {
		return "ArrayOf" + typeNames[t.Elem()]
	}
	return typeNames[t]
}

// GlobalKey is a global condition key (aws:...) from the IAM user guide.
type GlobalKey struct {
	Name string // as documented; a variable part is written ${TagKey}
	Type Type
	// Deprecated names the keys to use instead when the key is deprecated.
	Deprecated string
}

// globalKeys is the table of global condition keys, written from the IAM user guide page "AWS
// global condition context keys" (reference_policies_condition-keys), with the data type each
// key's section gives ("String (list)" is ArrayOfString), in the page's order. aws:EpochTime,
// documented as "Date, Numeric", is listed as Date; package lint accepts Numeric operators on it.
var globalKeys = []GlobalKey{
	// Properties of the principal.
	{Name: "aws:PrincipalArn", Type: ARN},
	{Name: "aws:PrincipalAccount", Type: String},
	{Name: "aws:PrincipalOrgPaths", Type: ArrayOfString},
	{Name: "aws:PrincipalOrgID", Type: String},
	{Name: "aws:PrincipalTag/${TagKey}", Type: String},
	{Name: "aws:PrincipalIsAWSService", Type: Bool},
	{Name: "aws:PrincipalServiceName", Type: String},
	{Name: "aws:PrincipalServiceNamesList", Type: ArrayOfString},
	{Name: "aws:PrincipalType", Type: String},
	{Name: "aws:userid", Type: String},
	{Name: "aws:username", Type: String},
	// Properties of a role session.
	{Name: "aws:AssumedRoot", Type: Bool},
	{Name: "aws:FederatedProvider", Type: String},
	{Name: "aws:TokenIssueTime", Type: Date},
	{Name: "aws:SignInSessionArn", Type: ARN},
	{Name: "aws:MultiFactorAuthAge", Type: Numeric},
	{Name: "aws:MultiFactorAuthPresent", Type: Bool},
	{Name: "aws:ChatbotSourceArn", Type: ARN},
	{Name: "aws:Ec2InstanceSourceVpc", Type: String},
	{Name: "aws:Ec2InstanceSourcePrivateIPv4", Type: IPAddress},
	{Name: "aws:SourceIdentity", Type: String},
	{Name: "ec2:RoleDelivery", Type: Numeric},
	{Name: "ec2:SourceInstanceArn", Type: ARN},
	{Name: "glue:RoleAssumedBy", Type: String},
	{Name: "glue:CredentialIssuingService", Type: String},
	{Name: "codebuild:BuildArn", Type: ARN},
	{Name: "codebuild:ProjectArn", Type: ARN},
	{Name: "lambda:SourceFunctionArn", Type: ARN},
	{Name: "ssm:SourceInstanceArn", Type: ARN},
	{Name: "identitystore:UserId", Type: String},
	// Properties of the network.
	{Name: "aws:SourceIp", Type: IPAddress},
	{Name: "aws:SourceVpc", Type: String},
	{Name: "aws:SourceVpcArn", Type: ARN},
	{Name: "aws:SourceVpce", Type: String},
	{Name: "aws:VpceAccount", Type: String},
	{Name: "aws:VpceOrgPaths", Type: ArrayOfString},
	{Name: "aws:VpceOrgID", Type: String},
	{Name: "aws:VpcSourceIp", Type: IPAddress},
	// Properties of the resource.
	{Name: "aws:ResourceAccount", Type: String},
	{Name: "aws:ResourceOrgPaths", Type: ArrayOfString},
	{Name: "aws:ResourceOrgID", Type: String},
	{Name: "aws:ResourceTag/${TagKey}", Type: String},
	// Properties of the request.
	{Name: "aws:CalledVia", Type: ArrayOfString},
	{Name: "aws:CalledViaFirst", Type: String},
	{Name: "aws:CalledViaLast", Type: String},
	{Name: "aws:ViaAWSService", Type: Bool},
	{Name: "aws:CalledViaAWSMCP", Type: String},
	{Name: "aws:ViaAWSMCPService", Type: Bool},
	{Name: "aws:CurrentTime", Type: Date},
	{Name: "aws:EpochTime", Type: Date},
	{Name: "aws:referer", Type: String},
	{Name: "aws:RequestedRegion", Type: String},
	{Name: "aws:RequestTag/${TagKey}", Type: String},
	{Name: "aws:TagKeys", Type: ArrayOfString},
	{Name: "aws:SecureTransport", Type: Bool},
	{Name: "aws:SourceAccount", Type: String},
	{Name: "aws:SourceArn", Type: ARN},
	{Name: "aws:SourceOrgPaths", Type: ArrayOfString},
	{Name: "aws:SourceOrgID", Type: String},
	{Name: "aws:UserAgent", Type: String},
	{Name: "aws:IsMcpServiceAction", Type: Bool},
	// Not on the page any more: Access Analyzer reports it as deprecated.
	{Name: "aws:ARN", Type: ARN, Deprecated: "aws:PrincipalArn or aws:SourceArn"},
}

// GlobalKeys returns the table of global condition keys with their types. The slice must not
// be modified.
func GlobalKeys() []GlobalKey { return globalKeys }

// Global returns the global condition key matching key (compared without case; a tag key
// matches its ${TagKey} template), or nil. Besides the aws: keys, the table holds the few
// service-prefixed keys the IAM user guide documents as global (ec2:SourceInstanceArn,
// lambda:SourceFunctionArn, ...).
func Global(key string) *GlobalKey {
	if len(key) < 4 || !strings.ContainsRune(key, ':') {
		return nil
	}
	for i := range globalKeys {
		g := &globalKeys[i]
		if ascii.EqualFold(g.Name, key) || (isTemplate(g.Name) && matchTemplate(g.Name, key)) {
			return g
		}
	}
	return nil
}

// keyTemplate is a service condition key with a variable part.
type keyTemplate struct {
	name string
	t    Type
}

// indexKeys builds the lookup tables of KeyType.
func (c *Catalog) indexKeys() {
	n := 0
	for i := range c.services {
		n += len(c.services[i].Keys)
	}
	c.keys = make(map[string]Type, n)
	for i := range c.services {
		for _, k := range c.services[i].Keys {
			if isTemplate(k.Name) {
				if svc, _, ok := strings.Cut(k.Name, ":"); ok && !isTemplate(svc) {
					if c.templatesBySvc == nil {
						c.templatesBySvc = map[string][]keyTemplate{}
					}
					lsvc := ascii.Lower(svc)
					c.templatesBySvc[lsvc] = append(c.templatesBySvc[lsvc], keyTemplate{k.Name, k.Type})
				} else {
					c.otherTemplates = append(c.otherTemplates, keyTemplate{k.Name, k.Type})
				}
				continue
			}
			c.keys[ascii.Lower(k.Name)] = k.Type
		}
	}
}

// KeyType returns the type of any condition key: a global key (aws:SourceIp), a service key
// (s3:prefix), or a key with a variable part matched by its template (aws:RequestTag/team,
// s3:ExistingObjectTag/classification, codebuild:environment.environmentVariables/NAME.value), or
// a documented key of the supplementary table (ExtraKeys) the reference no longer lists. Keys are
// compared without case. ok is false for an unknown key.
func (c *Catalog) KeyType(key string) (t Type, ok bool) {
	if g := Global(key); g != nil {
		return g.Type, true
	}
	lkey := ascii.Lower(key)
	if t, ok := c.keys[lkey]; ok {
		return t, true
	}
	if svc, _, ok := strings.Cut(lkey, ":"); ok {
		for _, tp := range c.templatesBySvc[svc] {
			if matchTemplate(tp.name, key) {
				return tp.t, true
			}
		}
	}
	for _, tp := range c.otherTemplates {
		if matchTemplate(tp.name, key) {
			return tp.t, true
		}
	}
	if e := Extra(key); e != nil && e.Documented {
		return e.Type, true
	}
	return 0, false
}

// isTemplate reports whether a key name has a variable part: ${Name} or <name>.
func isTemplate(name string) bool {
	return strings.Contains(name, "${") || strings.IndexByte(name, '<') >= 0
}

// matchTemplate reports whether key matches the template tmpl, where each ${Name} or <name>
// stands for one or more characters; the literal parts compare without case.
func matchTemplate(tmpl, key string) bool {
	// Split the template into literal parts around the variables.
	lit, rest, hasVar := nextLiteral(tmpl)
	if len(key) < len(lit) || !ascii.EqualFold(key[:len(lit)], lit) {
		return false
	}
	key = key[len(lit):]
	if !hasVar {
		return key == ""
	}
	return matchVar(rest, key)
}

// matchVar matches key against tmpl, which starts just after a variable: the variable takes at
// least one character of key.
func matchVar(tmpl, key string) bool {
	lit, rest, hasVar := nextLiteral(tmpl)
	if lit == "" && !hasVar {
		return key != ""
	}
	for i := 1; i <= len(key)-len(lit); i++ {
		if !ascii.EqualFold(key[i:i+len(lit)], lit) {
			continue
		}
		after := key[i+len(lit):]
		if !hasVar {
			if after == "" {
				return true
			}
			continue
		}
		if matchVar(rest, after) {
			return true
		}
	}
	return false
}

// nextLiteral splits tmpl at its first variable: the literal text before it, the template after
// it, and whether there was a variable.
func nextLiteral(tmpl string) (lit, rest string, hasVar bool) {
	for i := 0; i < len(tmpl); i++ {
		switch {
		case tmpl[i] == '$' && i+1 < len(tmpl) && tmpl[i+1] == '{':
			if j := strings.IndexByte(tmpl[i:], '}'); j > 0 {
				return tmpl[:i], tmpl[i+j+1:], true
			}
		case tmpl[i] == '<':
			if j := strings.IndexByte(tmpl[i:], '>'); j > 0 {
				return tmpl[:i], tmpl[i+j+1:], true
			}
		}
	}
	return tmpl, "", false
}
