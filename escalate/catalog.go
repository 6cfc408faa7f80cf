package escalate

// Category groups techniques by what the attacker acts on.
type Category string

// Technique categories, as the documented paths name them.
const (
	// SelfEscalation: the attacker rewrites its own permissions (its policies, its groups).
	SelfEscalation Category = "self-escalation"
	// PrincipalAccess: the attacker obtains the use of another principal (keys, password,
	// a role session), possibly after widening that principal's permissions.
	PrincipalAccess Category = "principal-access"
	// NewPassRole: the attacker hands an existing role to a service and has the service run
	// the attacker's code with it.
	NewPassRole Category = "new-passrole"
	// ExistingPassRole: the attacker changes or drives a resource that already runs as a role.
	ExistingPassRole Category = "existing-passrole"
)

// mechanism selects the routine that decides a technique.
type mechanism uint8

const (
	mechService           mechanism = iota // PassRole to a service, or a service resource running as a role
	mechCreateVersion                      // iam:CreatePolicyVersion on a managed policy of the target
	mechSetDefault                         // iam:SetDefaultPolicyVersion on a managed policy of the target
	mechPutUserPolicy                      // iam:PutUserPolicy on the target user
	mechAttachUserPolicy                   // iam:AttachUserPolicy on the target user
	mechPutRolePolicy                      // iam:PutRolePolicy on the target role
	mechAttachRolePolicy                   // iam:AttachRolePolicy on the target role
	mechPutGroupPolicy                     // iam:PutGroupPolicy on a group of the target user
	mechAttachGroupPolicy                  // iam:AttachGroupPolicy on a group of the target user
	mechAddUserToGroup                     // iam:AddUserToGroup of the attacker to a group
	mechAccessKey                          // iam:CreateAccessKey (with or without DeleteAccessKey)
	mechLoginProfile                       // iam:CreateLoginProfile / iam:UpdateLoginProfile
	mechUpdateTrust                        // iam:UpdateAssumeRolePolicy, then sts:AssumeRole
	mechAssumeRole                         // sts:AssumeRole as the trust policy already allows
	mechCombo                              // a modification of another principal plus a way to reach it
)

// Technique is one documented way to gain permissions. The catalog describes each in its own
// words; ID is the path id of the pathfinding.cloud data set (../shared/escalation), or
// extra-NNN for a technique that data set does not list.
type Technique struct {
	// ID names the documented path: iam-001, lambda-001, ...
	ID string
	// Permissions are the permissions the path needs, as the data set names it.
	Permissions []string
	// Category is the kind of technique.
	Category Category
	// Summary says in a sentence how the technique works.
	Summary string
	// Trusts lists the service principals of which one must be trusted by the role a service
	// technique runs as (lambda.amazonaws.com, ...). Empty for IAM techniques.
	Trusts []string
	// PassedToService is the iam:PassedToService value of the iam:PassRole step ("" when the
	// technique passes no role).
	PassedToService string
	// Needs says what must already exist that an authorization export does not describe
	// ("" when nothing): the technique is then reported as conditional on it.
	Needs string
	// InstanceProfile is set when the role must have an instance profile (EC2).
	InstanceProfile bool

	mech    mechanism
	actions []serviceAction
}

// serviceAction is one call of a service technique with the ARN it acts on: {a} is the
// account, {r} the region, {n} a name chosen by the attacker (or of the existing resource).
type serviceAction struct {
	action, resource string
}

const (
	fnARN       = "arn:aws:lambda:{r}:{a}:function:{n}"
	instanceARN = "arn:aws:ec2:{r}:{a}:instance/{n}"
	devEndARN   = "arn:aws:glue:{r}:{a}:devEndpoint/{n}"
	jobARN      = "arn:aws:glue:{r}:{a}:job/{n}"
	stackARN    = "arn:aws:cloudformation:{r}:{a}:stack/{n}/{n}"
	stackSetARN = "arn:aws:cloudformation:{r}:{a}:stackset/{n}:{n}"
	projectARN  = "arn:aws:codebuild:{r}:{a}:project/{n}"
	pipelineARN = "arn:aws:datapipeline:{r}:{a}:pipeline/{n}"
	notebookARN = "arn:aws:sagemaker:{r}:{a}:notebook-instance/{n}"
	ecsCluster  = "arn:aws:ecs:{r}:{a}:cluster/{n}"
	ecsTaskDef  = "arn:aws:ecs:{r}:{a}:task-definition/{n}:1"
	ecsService  = "arn:aws:ecs:{r}:{a}:service/{n}/{n}"
	runnerARN   = "arn:aws:apprunner:{r}:{a}:service/{n}/{n}"
	interpARN   = "arn:aws:bedrock-agentcore:{r}:{a}:code-interpreter/{n}"
)

func acts(pairs ...string) []serviceAction {
	out := make([]serviceAction, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, serviceAction{pairs[i], pairs[i+1]})
	}
	return out
}

var (
	trustLambda     = []string{"lambda.amazonaws.com"}
	trustEC2        = []string{"ec2.amazonaws.com"}
	trustGlue       = []string{"glue.amazonaws.com"}
	trustCFN        = []string{"cloudformation.amazonaws.com"}
	trustCodeBuild  = []string{"codebuild.amazonaws.com"}
	trustSageMaker  = []string{"sagemaker.amazonaws.com"}
	trustECS        = []string{"ecs-tasks.amazonaws.com"}
	trustAppRunner  = []string{"tasks.apprunner.amazonaws.com"}
	trustBedrock    = []string{"bedrock-agentcore.amazonaws.com"}
	trustPipeline   = []string{"datapipeline.amazonaws.com", "elasticmapreduce.amazonaws.com"}
	needInstanceFmt = "a running EC2 instance whose instance profile holds %s"
)

// catalog is every technique, in path-id order within each category.
var catalog = []Technique{
	// Self-escalation.
	{ID: "iam-001", Permissions: []string{"iam:CreatePolicyVersion"}, Category: SelfEscalation, mech: mechCreateVersion,
		Summary: "write a new default version of a customer managed policy attached to the principal (or its group), granting anything"},
	{ID: "extra-001", Permissions: []string{"iam:SetDefaultPolicyVersion"}, Category: SelfEscalation, mech: mechSetDefault,
		Summary: "make an older, broader version of a policy attached to the principal the default one (not among the 65 documented paths)",
		Needs:   "a non-default version of the policy that grants more than the default one (exports keep versions, the model keeps only the default)"},
	{ID: "iam-005", Permissions: []string{"iam:PutRolePolicy"}, Category: SelfEscalation, mech: mechPutRolePolicy,
		Summary: "a role writes an inline policy granting anything into itself"},
	{ID: "iam-007", Permissions: []string{"iam:PutUserPolicy"}, Category: SelfEscalation, mech: mechPutUserPolicy,
		Summary: "a user writes an inline policy granting anything into itself"},
	{ID: "iam-008", Permissions: []string{"iam:AttachUserPolicy"}, Category: SelfEscalation, mech: mechAttachUserPolicy,
		Summary: "a user attaches a broad managed policy (AdministratorAccess) to itself"},
	{ID: "iam-009", Permissions: []string{"iam:AttachRolePolicy"}, Category: SelfEscalation, mech: mechAttachRolePolicy,
		Summary: "a role attaches a broad managed policy (AdministratorAccess) to itself"},
	{ID: "iam-010", Permissions: []string{"iam:AttachGroupPolicy"}, Category: SelfEscalation, mech: mechAttachGroupPolicy,
		Summary: "a user attaches a broad managed policy to a group it belongs to"},
	{ID: "iam-011", Permissions: []string{"iam:PutGroupPolicy"}, Category: SelfEscalation, mech: mechPutGroupPolicy,
		Summary: "a user writes an inline policy granting anything into a group it belongs to"},
	{ID: "iam-013", Permissions: []string{"iam:AddUserToGroup"}, Category: SelfEscalation, mech: mechAddUserToGroup,
		Summary: "a user adds itself to a group whose policies grant more"},

	// Principal access.
	{ID: "iam-002", Permissions: []string{"iam:CreateAccessKey"}, Category: PrincipalAccess, mech: mechAccessKey,
		Summary: "create an access key for another user and act as that user",
		Needs:   "the user has fewer than two access keys (exports do not list keys)"},
	{ID: "iam-003", Permissions: []string{"iam:CreateAccessKey", "iam:DeleteAccessKey"}, Category: PrincipalAccess, mech: mechAccessKey,
		Summary: "delete one of another user's keys if it has two, then create one and act as that user"},
	{ID: "iam-004", Permissions: []string{"iam:CreateLoginProfile"}, Category: PrincipalAccess, mech: mechLoginProfile,
		Summary: "give another user a console password and sign in as that user",
		Needs:   "the user has no console password yet (exports do not say)"},
	{ID: "iam-006", Permissions: []string{"iam:UpdateLoginProfile"}, Category: PrincipalAccess, mech: mechLoginProfile,
		Summary: "reset another user's console password and sign in as that user",
		Needs:   "the user has a console password (exports do not say)"},
	{ID: "iam-012", Permissions: []string{"iam:UpdateAssumeRolePolicy"}, Category: PrincipalAccess, mech: mechUpdateTrust,
		Summary: "rewrite a role's trust policy to name the attacker, then assume the role"},
	{ID: "sts-001", Permissions: []string{"sts:AssumeRole"}, Category: PrincipalAccess, mech: mechAssumeRole,
		Summary: "assume a role whose trust policy already admits the attacker"},
	{ID: "iam-014", Permissions: []string{"iam:AttachRolePolicy", "sts:AssumeRole"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "attach a broad managed policy to a role the attacker may assume, then assume it"},
	{ID: "iam-015", Permissions: []string{"iam:AttachUserPolicy", "iam:CreateAccessKey"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "attach a broad managed policy to another user, then create an access key for it"},
	{ID: "iam-016", Permissions: []string{"iam:CreatePolicyVersion", "sts:AssumeRole"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "rewrite a customer managed policy attached to an assumable role, then assume the role"},
	{ID: "iam-017", Permissions: []string{"iam:PutRolePolicy", "sts:AssumeRole"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "write a broad inline policy into an assumable role, then assume it"},
	{ID: "iam-018", Permissions: []string{"iam:PutUserPolicy", "iam:CreateAccessKey"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "write a broad inline policy into another user, then create an access key for it"},
	{ID: "iam-019", Permissions: []string{"iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "attach a broad managed policy to a role and rewrite its trust policy to admit the attacker"},
	{ID: "iam-020", Permissions: []string{"iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "rewrite a customer managed policy of a role and the role's trust policy, then assume it"},
	{ID: "iam-021", Permissions: []string{"iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"}, Category: PrincipalAccess, mech: mechCombo,
		Summary: "write a broad inline policy into a role and rewrite its trust policy, then assume it"},

	// New PassRole: a new resource of a service runs the attacker's code as the passed role.
	{ID: "apprunner-001", Permissions: []string{"iam:PassRole", "apprunner:CreateService"}, Category: NewPassRole, Trusts: trustAppRunner, PassedToService: "apprunner.amazonaws.com",
		Summary: "create an App Runner service with the role as instance role, running the attacker's image",
		actions: acts("apprunner:CreateService", runnerARN)},
	{ID: "bedrock-001", Permissions: []string{"iam:PassRole", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"}, Category: NewPassRole, Trusts: trustBedrock, PassedToService: "bedrock-agentcore.amazonaws.com",
		Summary: "create a Bedrock AgentCore code interpreter running as the role and run code in it",
		actions: acts("bedrock-agentcore:CreateCodeInterpreter", interpARN, "bedrock-agentcore:StartCodeInterpreterSession", interpARN, "bedrock-agentcore:InvokeCodeInterpreter", interpARN)},
	{ID: "cloudformation-001", Permissions: []string{"iam:PassRole", "cloudformation:CreateStack"}, Category: NewPassRole, Trusts: trustCFN, PassedToService: "cloudformation.amazonaws.com",
		Summary: "create a stack with the role as service role; its template creates whatever the role may",
		actions: acts("cloudformation:CreateStack", stackARN)},
	{ID: "cloudformation-003", Permissions: []string{"iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"}, Category: NewPassRole, Trusts: trustCFN, PassedToService: "cloudformation.amazonaws.com",
		Summary: "create a stack set with the role as administration role and deploy it; the roles it may assume carry out the template",
		actions: acts("cloudformation:CreateStackSet", stackSetARN, "cloudformation:CreateStackInstances", stackSetARN)},
	{ID: "cloudformation-004", Permissions: []string{"iam:PassRole", "cloudformation:UpdateStackSet"}, Category: NewPassRole, Trusts: trustCFN, PassedToService: "cloudformation.amazonaws.com",
		Summary: "update an existing stack set to use the role and a template of the attacker's",
		Needs:   "an existing stack set with deployed instances (not in the export)",
		actions: acts("cloudformation:UpdateStackSet", stackSetARN)},
	{ID: "cloudformation-005", Permissions: []string{"cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"}, Category: NewPassRole, Trusts: trustCFN,
		Summary: "add a change set to an existing stack that runs as the role, and execute it",
		Needs:   "an existing CloudFormation stack whose service role is %s (stacks are not in the export)",
		actions: acts("cloudformation:CreateChangeSet", stackARN, "cloudformation:ExecuteChangeSet", stackARN)},
	{ID: "codebuild-001", Permissions: []string{"iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"}, Category: NewPassRole, Trusts: trustCodeBuild, PassedToService: "codebuild.amazonaws.com",
		Summary: "create a CodeBuild project with the role as service role and start a build running the attacker's commands",
		actions: acts("codebuild:CreateProject", projectARN, "codebuild:StartBuild", projectARN)},
	{ID: "codebuild-004", Permissions: []string{"iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"}, Category: NewPassRole, Trusts: trustCodeBuild, PassedToService: "codebuild.amazonaws.com",
		Summary: "create a CodeBuild project with the role and start a batch build running the attacker's commands",
		actions: acts("codebuild:CreateProject", projectARN, "codebuild:StartBuildBatch", projectARN)},
	{ID: "datapipeline-001", Permissions: []string{"iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"}, Category: NewPassRole, Trusts: trustPipeline, PassedToService: "datapipeline.amazonaws.com",
		Summary: "create and activate a Data Pipeline whose activity runs the attacker's command as the role",
		actions: acts("datapipeline:CreatePipeline", "*", "datapipeline:PutPipelineDefinition", pipelineARN, "datapipeline:ActivatePipeline", pipelineARN)},
	{ID: "ec2-001", Permissions: []string{"iam:PassRole", "ec2:RunInstances"}, Category: NewPassRole, Trusts: trustEC2, PassedToService: "ec2.amazonaws.com", InstanceProfile: true,
		Summary: "launch an instance with the role's instance profile and user data of the attacker's",
		actions: acts("ec2:RunInstances", instanceARN)},
	{ID: "ec2-003", Permissions: []string{"iam:PassRole", "ec2:RequestSpotInstances"}, Category: NewPassRole, Trusts: trustEC2, PassedToService: "ec2.amazonaws.com", InstanceProfile: true,
		Summary: "request a spot instance with the role's instance profile and user data of the attacker's",
		actions: acts("ec2:RequestSpotInstances", "arn:aws:ec2:{r}:{a}:spot-instances-request/{n}")},
	{ID: "ecs-001", Permissions: []string{"iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService"}, Category: NewPassRole, Trusts: trustECS, PassedToService: "ecs-tasks.amazonaws.com",
		Summary: "create a cluster, a task definition with the role as task role, and a service running it",
		actions: acts("ecs:CreateCluster", ecsCluster, "ecs:RegisterTaskDefinition", "*", "ecs:CreateService", ecsService)},
	{ID: "ecs-002", Permissions: []string{"iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:RunTask"}, Category: NewPassRole, Trusts: trustECS, PassedToService: "ecs-tasks.amazonaws.com",
		Summary: "create a cluster and a task definition with the role as task role, and run the task",
		actions: acts("ecs:CreateCluster", ecsCluster, "ecs:RegisterTaskDefinition", "*", "ecs:RunTask", ecsTaskDef)},
	{ID: "ecs-003", Permissions: []string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"}, Category: NewPassRole, Trusts: trustECS, PassedToService: "ecs-tasks.amazonaws.com",
		Summary: "register a task definition with the role as task role and create a service for it in an existing cluster",
		Needs:   "an existing ECS cluster (clusters are not in the export)",
		actions: acts("ecs:RegisterTaskDefinition", "*", "ecs:CreateService", ecsService)},
	{ID: "ecs-004", Permissions: []string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"}, Category: NewPassRole, Trusts: trustECS, PassedToService: "ecs-tasks.amazonaws.com",
		Summary: "register a task definition with the role as task role and run it in an existing cluster",
		Needs:   "an existing ECS cluster (clusters are not in the export)",
		actions: acts("ecs:RegisterTaskDefinition", "*", "ecs:RunTask", ecsTaskDef)},
	{ID: "ecs-005", Permissions: []string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"}, Category: NewPassRole, Trusts: trustECS, PassedToService: "ecs-tasks.amazonaws.com",
		Summary: "register a task definition with the role as task role and start it on an existing container instance",
		Needs:   "an existing ECS cluster with a registered container instance (not in the export)",
		actions: acts("ecs:RegisterTaskDefinition", "*", "ecs:StartTask", ecsTaskDef)},
	{ID: "glue-001", Permissions: []string{"iam:PassRole", "glue:CreateDevEndpoint"}, Category: NewPassRole, Trusts: trustGlue, PassedToService: "glue.amazonaws.com",
		Summary: "create a Glue development endpoint running as the role and log in to it",
		actions: acts("glue:CreateDevEndpoint", devEndARN)},
	{ID: "glue-003", Permissions: []string{"iam:PassRole", "glue:CreateJob", "glue:StartJobRun"}, Category: NewPassRole, Trusts: trustGlue, PassedToService: "glue.amazonaws.com",
		Summary: "create a Glue job running the attacker's script as the role and start it",
		actions: acts("glue:CreateJob", jobARN, "glue:StartJobRun", jobARN)},
	{ID: "glue-004", Permissions: []string{"iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"}, Category: NewPassRole, Trusts: trustGlue, PassedToService: "glue.amazonaws.com",
		Summary: "create a Glue job running the attacker's script as the role and a trigger that starts it",
		actions: acts("glue:CreateJob", jobARN, "glue:CreateTrigger", "arn:aws:glue:{r}:{a}:trigger/{n}")},
	{ID: "glue-005", Permissions: []string{"iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"}, Category: NewPassRole, Trusts: trustGlue, PassedToService: "glue.amazonaws.com",
		Summary: "point an existing Glue job at the role and the attacker's script, and start it",
		Needs:   "an existing Glue job (jobs are not in the export)",
		actions: acts("glue:UpdateJob", jobARN, "glue:StartJobRun", jobARN)},
	{ID: "glue-006", Permissions: []string{"iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"}, Category: NewPassRole, Trusts: trustGlue, PassedToService: "glue.amazonaws.com",
		Summary: "point an existing Glue job at the role and the attacker's script, and trigger it",
		Needs:   "an existing Glue job (jobs are not in the export)",
		actions: acts("glue:UpdateJob", jobARN, "glue:CreateTrigger", "arn:aws:glue:{r}:{a}:trigger/{n}")},
	{ID: "lambda-001", Permissions: []string{"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"}, Category: NewPassRole, Trusts: trustLambda, PassedToService: "lambda.amazonaws.com",
		Summary: "create a function with the role as execution role and invoke it",
		actions: acts("lambda:CreateFunction", fnARN, "lambda:InvokeFunction", fnARN)},
	{ID: "lambda-002", Permissions: []string{"iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"}, Category: NewPassRole, Trusts: trustLambda, PassedToService: "lambda.amazonaws.com",
		Summary: "create a function with the role as execution role and have an event source trigger it",
		Needs:   "an event source the function can be mapped to: a DynamoDB or Kinesis stream or an SQS queue (not in the export)",
		actions: acts("lambda:CreateFunction", fnARN, "lambda:CreateEventSourceMapping", "*")},
	{ID: "lambda-006", Permissions: []string{"iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"}, Category: NewPassRole, Trusts: trustLambda, PassedToService: "lambda.amazonaws.com",
		Summary: "create a function with the role as execution role and let the attacker's account invoke it",
		actions: acts("lambda:CreateFunction", fnARN, "lambda:AddPermission", fnARN)},
	{ID: "sagemaker-001", Permissions: []string{"iam:PassRole", "sagemaker:CreateNotebookInstance"}, Category: NewPassRole, Trusts: trustSageMaker, PassedToService: "sagemaker.amazonaws.com",
		Summary: "create a notebook instance running as the role and open it",
		actions: acts("sagemaker:CreateNotebookInstance", notebookARN)},
	{ID: "sagemaker-002", Permissions: []string{"iam:PassRole", "sagemaker:CreateTrainingJob"}, Category: NewPassRole, Trusts: trustSageMaker, PassedToService: "sagemaker.amazonaws.com",
		Summary: "create a training job whose container of the attacker's runs as the role",
		actions: acts("sagemaker:CreateTrainingJob", "arn:aws:sagemaker:{r}:{a}:training-job/{n}")},
	{ID: "sagemaker-003", Permissions: []string{"iam:PassRole", "sagemaker:CreateProcessingJob"}, Category: NewPassRole, Trusts: trustSageMaker, PassedToService: "sagemaker.amazonaws.com",
		Summary: "create a processing job whose container of the attacker's runs as the role",
		actions: acts("sagemaker:CreateProcessingJob", "arn:aws:sagemaker:{r}:{a}:processing-job/{n}")},

	// Existing PassRole: a resource that already runs as the role is changed or driven.
	{ID: "apprunner-002", Permissions: []string{"apprunner:UpdateService"}, Category: ExistingPassRole, Trusts: trustAppRunner,
		Summary: "change the image or start command of an App Runner service that runs as the role",
		Needs:   "an App Runner service whose instance role is %s (services are not in the export)",
		actions: acts("apprunner:UpdateService", runnerARN)},
	{ID: "bedrock-002", Permissions: []string{"bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"}, Category: ExistingPassRole, Trusts: trustBedrock,
		Summary: "run code in an existing code interpreter that runs as the role",
		Needs:   "a Bedrock AgentCore code interpreter whose execution role is %s (not in the export)",
		actions: acts("bedrock-agentcore:StartCodeInterpreterSession", interpARN, "bedrock-agentcore:InvokeCodeInterpreter", interpARN)},
	{ID: "cloudformation-002", Permissions: []string{"cloudformation:UpdateStack"}, Category: ExistingPassRole, Trusts: trustCFN,
		Summary: "update an existing stack, which runs as its service role, with a template of the attacker's",
		Needs:   "an existing CloudFormation stack whose service role is %s (stacks are not in the export)",
		actions: acts("cloudformation:UpdateStack", stackARN)},
	{ID: "codebuild-002", Permissions: []string{"codebuild:StartBuild"}, Category: ExistingPassRole, Trusts: trustCodeBuild,
		Summary: "start a build of an existing project with a buildspec override; it runs as the project's role",
		Needs:   "an existing CodeBuild project whose service role is %s, allowing buildspec overrides (not in the export)",
		actions: acts("codebuild:StartBuild", projectARN)},
	{ID: "codebuild-003", Permissions: []string{"codebuild:StartBuildBatch"}, Category: ExistingPassRole, Trusts: trustCodeBuild,
		Summary: "start a batch build of an existing project with a buildspec override; it runs as the project's role",
		Needs:   "an existing CodeBuild project set up for batch builds whose service role is %s (not in the export)",
		actions: acts("codebuild:StartBuildBatch", projectARN)},
	{ID: "ec2-002", Permissions: []string{"ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"}, Category: ExistingPassRole, Trusts: trustEC2, InstanceProfile: true,
		Summary: "stop an instance, replace its user data, start it again: the new user data runs with its profile",
		Needs:   needInstanceFmt + " (instances are not in the export)",
		actions: acts("ec2:ModifyInstanceAttribute", instanceARN, "ec2:StopInstances", instanceARN, "ec2:StartInstances", instanceARN)},
	{ID: "ec2-004", Permissions: []string{"ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"}, Category: ExistingPassRole, Trusts: trustEC2, InstanceProfile: true,
		Summary: "add a launch template version with the attacker's user data and make it the default; instances launched from it run with the template's profile",
		Needs:   "a launch template using an instance profile of %s, from which instances are launched (not in the export)",
		actions: acts("ec2:CreateLaunchTemplateVersion", "arn:aws:ec2:{r}:{a}:launch-template/{n}", "ec2:ModifyLaunchTemplate", "arn:aws:ec2:{r}:{a}:launch-template/{n}")},
	{ID: "ec2instanceconnect-003", Permissions: []string{"ec2-instance-connect:SendSSHPublicKey"}, Category: ExistingPassRole, Trusts: trustEC2, InstanceProfile: true,
		Summary: "push an SSH key to an instance through EC2 Instance Connect, log in and use its profile's credentials",
		Needs:   needInstanceFmt + ", with EC2 Instance Connect and SSH reachable (not in the export)",
		actions: acts("ec2-instance-connect:SendSSHPublicKey", instanceARN)},
	{ID: "glue-002", Permissions: []string{"glue:UpdateDevEndpoint"}, Category: ExistingPassRole, Trusts: trustGlue,
		Summary: "add the attacker's SSH key to an existing Glue development endpoint and use its role",
		Needs:   "an existing Glue development endpoint whose role is %s (not in the export)",
		actions: acts("glue:UpdateDevEndpoint", devEndARN)},
	{ID: "lambda-003", Permissions: []string{"lambda:UpdateFunctionCode"}, Category: ExistingPassRole, Trusts: trustLambda,
		Summary: "replace the code of a function that runs as the role and wait for something to invoke it",
		Needs:   "an existing Lambda function whose execution role is %s and that something invokes (not in the export)",
		actions: acts("lambda:UpdateFunctionCode", fnARN)},
	{ID: "lambda-004", Permissions: []string{"lambda:UpdateFunctionCode", "lambda:InvokeFunction"}, Category: ExistingPassRole, Trusts: trustLambda,
		Summary: "replace the code of a function that runs as the role and invoke it",
		Needs:   "an existing Lambda function whose execution role is %s (not in the export)",
		actions: acts("lambda:UpdateFunctionCode", fnARN, "lambda:InvokeFunction", fnARN)},
	{ID: "lambda-005", Permissions: []string{"lambda:UpdateFunctionCode", "lambda:AddPermission"}, Category: ExistingPassRole, Trusts: trustLambda,
		Summary: "replace the code of a function that runs as the role and grant the attacker the right to invoke it",
		Needs:   "an existing Lambda function whose execution role is %s (not in the export)",
		actions: acts("lambda:UpdateFunctionCode", fnARN, "lambda:AddPermission", fnARN)},
	{ID: "sagemaker-004", Permissions: []string{"sagemaker:CreatePresignedNotebookInstanceUrl"}, Category: ExistingPassRole, Trusts: trustSageMaker,
		Summary: "get a sign-in URL for a notebook instance that runs as the role and use its terminal",
		Needs:   "an InService SageMaker notebook instance whose role is %s (not in the export)",
		actions: acts("sagemaker:CreatePresignedNotebookInstanceUrl", notebookARN)},
	{ID: "sagemaker-005", Permissions: []string{"sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance"}, Category: ExistingPassRole, Trusts: trustSageMaker,
		Summary: "attach a lifecycle script of the attacker's to a notebook instance that runs as the role and restart it",
		Needs:   "an existing SageMaker notebook instance whose role is %s (not in the export)",
		actions: acts("sagemaker:CreateNotebookInstanceLifecycleConfig", "arn:aws:sagemaker:{r}:{a}:notebook-instance-lifecycle-config/{n}", "sagemaker:StopNotebookInstance", notebookARN, "sagemaker:UpdateNotebookInstance", notebookARN, "sagemaker:StartNotebookInstance", notebookARN)},
	{ID: "ssm-001", Permissions: []string{"ssm:StartSession"}, Category: ExistingPassRole, Trusts: trustEC2, InstanceProfile: true,
		Summary: "open a Session Manager shell on an instance and use its profile's credentials",
		Needs:   needInstanceFmt + ", managed by SSM (not in the export)",
		actions: acts("ssm:StartSession", instanceARN)},
	{ID: "ssm-002", Permissions: []string{"ssm:SendCommand"}, Category: ExistingPassRole, Trusts: trustEC2, InstanceProfile: true,
		Summary: "run a command on an instance through SSM; it runs with the instance profile's credentials",
		Needs:   needInstanceFmt + ", managed by SSM (not in the export)",
		actions: acts("ssm:SendCommand", instanceARN)},
}

// Techniques returns the catalog: every technique the analysis decides, with its path id.
// The slice is a copy.
func Techniques() []Technique {
	out := make([]Technique, len(catalog))
	copy(out, catalog)
	return out
}

// technique returns the catalog entry with the given id.
func technique(id string) *Technique {
	for i := range catalog {
		if catalog[i].ID == id {
			return &catalog[i]
		}
	}
	return nil
}
