import { HEALTHLAKE_REGIONS } from "../catalogue/regions";
import { quoteLiteral } from "../hcl/template";
import { PREFIX_LIST_ID_PATTERN, SECURITY_GROUP_ID_PATTERN, SUBNET_ID_PATTERN, VPC_ID_PATTERN } from "../network";
import { ENDPOINT_POLICY_MAX_CHARACTERS } from "../policy/policy-json";
import { ORGANIZATION_ID_PATTERN, PRESET_NAMES } from "../policy/presets";
import { ACCOUNT_ID_PATTERN, PRINCIPAL_ARN_PATTERN } from "../policy/principals";
import { DATASTORE_ID_PATTERN } from "../policy/resources";

/**
 * Input variables of the Terraform registry module. Each takes the place of a construct prop, and its
 * `validation` blocks repeat the synth-time checks of that prop that HCL can express. Patterns,
 * preset names and limits come from the TypeScript definitions, so both paths check the same rules.
 */

/** A `validation` block: an HCL condition and the message Terraform prints when it is false. */
export interface ModuleValidation {
  readonly condition: string;
  readonly errorMessage: string;
}

/** One input variable of the module. */
export interface ModuleVariable {
  readonly name: string;
  /** HCL type constraint, for example `list(string)`. */
  readonly type: string;
  readonly description: string;
  /** Whether the caller must set it; otherwise `defaultValue` applies. */
  readonly required: boolean;
  readonly defaultValue?: unknown;
  /** Whether `null` is accepted; `false` makes Terraform use the default for `null`. */
  readonly nullable?: boolean;
  readonly validations: readonly ModuleValidation[];
}

/** Writes a JavaScript regular expression as an HCL string for `regex()`, which uses RE2 syntax. */
function hclPattern(pattern: RegExp): string {
  return quoteLiteral(pattern.source);
}

/** Builds a condition that holds for every element of a list variable; a null list passes. */
function every(variable: string, element: string, test: string): string {
  return `var.${variable} == null ? true : alltrue([for ${element} in var.${variable} : ${test}])`;
}

function idListVariable(name: string, pattern: RegExp, example: string, description: string): ModuleVariable {
  const prefix = example.slice(0, example.indexOf("-") + 1);
  return {
    name,
    type: "list(string)",
    description,
    required: false,
    defaultValue: [],
    nullable: false,
    validations: [
      {
        condition: every(name, "id", `can(regex(${hclPattern(pattern)}, id))`),
        errorMessage: `Each element of ${name} must be "${prefix}" followed by 8 or 17 lowercase hexadecimal digits, for example "${example}".`,
      },
      { condition: `length(distinct(var.${name})) == length(var.${name})`, errorMessage: `List each id in ${name} once.` },
    ],
  };
}

const PRESET_OPTION_REQUIRES_PRESET = (name: string): ModuleValidation => ({
  condition: `var.${name} == null || var.policy_preset != null`,
  errorMessage: `${name} narrows a policy preset; set policy_preset as well, or leave ${name} null.`,
});

const NON_EMPTY_WHEN_SET = (name: string, what: string): ModuleValidation => ({
  condition: `var.${name} == null ? true : length(var.${name}) > 0`,
  errorMessage: `${name} is an empty list, which would ${what}; list values, or leave it null.`,
});

/** Region codes of the HealthLake Region table, for the module's Region precondition. */
export const MODULE_HEALTHLAKE_REGIONS: readonly string[] = HEALTHLAKE_REGIONS.map((entry) => entry.region);

/** The module's input variables, in the order the README lists them. */
export const MODULE_VARIABLES: readonly ModuleVariable[] = [
  {
    name: "vpc_id",
    type: "string",
    description: "VPC that receives the endpoint, for example vpc-0abc1234def567890.",
    required: true,
    validations: [
      {
        condition: `can(regex(${hclPattern(VPC_ID_PATTERN)}, var.vpc_id))`,
        errorMessage: 'vpc_id must be "vpc-" followed by 8 or 17 lowercase hexadecimal digits, for example "vpc-0abc1234def567890".',
      },
    ],
  },
  {
    name: "subnet_ids",
    type: "list(string)",
    description: "Subnets for the endpoint's network interfaces, at most one per Availability Zone.",
    required: true,
    nullable: false,
    validations: [
      { condition: "length(var.subnet_ids) > 0", errorMessage: "subnet_ids is empty; list at least one subnet, at most one per Availability Zone (two or more zones for availability)." },
      {
        condition: every("subnet_ids", "id", `can(regex(${hclPattern(SUBNET_ID_PATTERN)}, id))`),
        errorMessage: 'Each element of subnet_ids must be "subnet-" followed by 8 or 17 lowercase hexadecimal digits, for example "subnet-0aaa111122223333a".',
      },
      { condition: "length(distinct(var.subnet_ids)) == length(var.subnet_ids)", errorMessage: "List each subnet in subnet_ids once." },
    ],
  },
  {
    name: "allowed_cidrs",
    type: "list(string)",
    description: "IPv4 and IPv6 CIDR blocks allowed on TCP 443. When this and the other allowed_* lists are all empty, the VPC's own IPv4 CIDR blocks are allowed.",
    required: false,
    defaultValue: [],
    nullable: false,
    validations: [
      {
        // cidrsubnet(block, 0, 0) returns the network address in the form AWS stores (lowercase,
        // zero-compressed IPv6), so a block with host bits set or a non-canonical IPv6 spelling differs.
        condition: every("allowed_cidrs", "cidr", "can(cidrhost(cidr, 0)) ? cidrsubnet(cidr, 0, 0) == cidr : false"),
        errorMessage: 'Each element of allowed_cidrs must be a CIDR block written as its network address, IPv6 in lowercase with zeros compressed, for example "10.0.0.0/16" or "2001:db8::/56".',
      },
      {
        condition: every("allowed_cidrs", "cidr", 'var.allow_public_ingress || !endswith(cidr, "/0")'),
        errorMessage: "allowed_cidrs opens the endpoint to every address (a /0 block); list your clients' CIDR blocks, or set allow_public_ingress = true if this is intended.",
      },
      { condition: "length(distinct(var.allowed_cidrs)) == length(var.allowed_cidrs)", errorMessage: "List each CIDR block in allowed_cidrs once." },
    ],
  },
  idListVariable("allowed_security_group_ids", SECURITY_GROUP_ID_PATTERN, "sg-0123456789abcdef0", "Security groups whose members are allowed on TCP 443."),
  idListVariable("allowed_prefix_list_ids", PREFIX_LIST_ID_PATTERN, "pl-0123456789abcdef0", "Managed prefix lists allowed on TCP 443."),
  idListVariable("security_group_ids", SECURITY_GROUP_ID_PATTERN, "sg-0123456789abcdef0", "Extra security groups attached to the endpoint besides the one the module creates."),
  {
    name: "private_dns_enabled",
    type: "bool",
    description: "Whether healthlake.<region>.amazonaws.com resolves to the endpoint inside the VPC.",
    required: false,
    defaultValue: true,
    nullable: false,
    validations: [],
  },
  {
    name: "policy_preset",
    type: "string",
    description: `Endpoint policy preset: ${PRESET_NAMES.join(", ")}. Leave it and policy_json null for the full-access policy AWS attaches by default.`,
    required: false,
    defaultValue: null,
    validations: [
      { condition: `var.policy_preset == null ? true : contains(${JSON.stringify(PRESET_NAMES)}, var.policy_preset)`, errorMessage: `policy_preset must be one of ${PRESET_NAMES.join(", ")}.` },
    ],
  },
  {
    name: "policy_datastores",
    type: "list(string)",
    description: "Narrows the preset to these datastores: 32-character datastore ids (written as ARNs of the endpoint's Region and account) or datastore ARNs.",
    required: false,
    defaultValue: null,
    validations: [
      PRESET_OPTION_REQUIRES_PRESET("policy_datastores"),
      NON_EMPTY_WHEN_SET("policy_datastores", "grant nothing"),
      {
        condition: every("policy_datastores", "datastore", `can(regex(${hclPattern(DATASTORE_ID_PATTERN)}, datastore)) || can(regex("^arn:[^:]*:healthlake(:|$)", datastore))`),
        errorMessage: "Each element of policy_datastores must be a 32-character datastore id or an ARN such as arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/<id>.",
      },
    ],
  },
  {
    name: "policy_principals",
    type: "list(string)",
    description: 'Narrows the preset to these principals: 12-digit account ids or IAM role, user or account root ARNs. Null admits any principal ("*").',
    required: false,
    defaultValue: null,
    validations: [
      PRESET_OPTION_REQUIRES_PRESET("policy_principals"),
      NON_EMPTY_WHEN_SET("policy_principals", "admit no one"),
      {
        condition: every("policy_principals", "principal", `can(regex(${hclPattern(ACCOUNT_ID_PATTERN)}, principal)) || can(regex(${hclPattern(PRINCIPAL_ARN_PATTERN)}, principal))`),
        errorMessage: "Each element of policy_principals must be a 12-digit account id or an ARN such as arn:aws:iam::111111111111:root, arn:aws:iam::111111111111:role/<name> or arn:aws:iam::111111111111:user/<name>.",
      },
    ],
  },
  {
    name: "policy_organization_id",
    type: "string",
    description: "Narrows the preset to principals of this AWS Organizations organization (aws:PrincipalOrgID).",
    required: false,
    defaultValue: null,
    validations: [
      PRESET_OPTION_REQUIRES_PRESET("policy_organization_id"),
      {
        condition: `var.policy_organization_id == null ? true : can(regex(${hclPattern(ORGANIZATION_ID_PATTERN)}, var.policy_organization_id))`,
        errorMessage: 'policy_organization_id must be an AWS Organizations id such as "o-a1b2c3d4e5".',
      },
    ],
  },
  {
    name: "policy_accounts",
    type: "list(string)",
    description: "Narrows the preset to principals of these accounts (aws:PrincipalAccount).",
    required: false,
    defaultValue: null,
    validations: [
      PRESET_OPTION_REQUIRES_PRESET("policy_accounts"),
      NON_EMPTY_WHEN_SET("policy_accounts", "admit no one"),
      { condition: every("policy_accounts", "account", `can(regex(${hclPattern(ACCOUNT_ID_PATTERN)}, account))`), errorMessage: "Each element of policy_accounts must be a 12-digit account id." },
    ],
  },
  {
    name: "policy_json",
    type: "string",
    description: "Endpoint policy as an IAM policy document in JSON, for example from jsonencode() or file(). Written minified with keys sorted; set either this or policy_preset.",
    required: false,
    defaultValue: null,
    validations: [
      { condition: "var.policy_json == null || var.policy_preset == null", errorMessage: "Set either policy_json or policy_preset, not both." },
      { condition: 'var.policy_json == null ? true : can(jsondecode(var.policy_json)["Statement"])', errorMessage: 'policy_json must be a JSON policy document with a "Statement".' },
      {
        // try() leaves invalid JSON to the message of the rule above instead of a raw jsondecode error.
        condition: `var.policy_json == null ? true : try(length(jsonencode(jsondecode(var.policy_json))), 0) <= ${ENDPOINT_POLICY_MAX_CHARACTERS}`,
        errorMessage: `policy_json has \${try(length(jsonencode(jsondecode(var.policy_json))), 0)} characters when minified, over the VPC endpoint policy quota of ${ENDPOINT_POLICY_MAX_CHARACTERS} characters, which AWS does not raise; merge statements, use action wildcards, or move access rules into IAM policies.`,
      },
    ],
  },
  {
    name: "account_id",
    type: "string",
    description: "Account that owns the datastores policy_datastores names by id. Null uses the account of the provider's credentials.",
    required: false,
    defaultValue: null,
    validations: [{ condition: `var.account_id == null ? true : can(regex(${hclPattern(ACCOUNT_ID_PATTERN)}, var.account_id))`, errorMessage: "account_id must be a 12-digit AWS account id." }],
  },
  {
    name: "tags",
    type: "map(string)",
    description: "Tags for the security group, its rules and the endpoint, added to the provider's default tags.",
    required: false,
    defaultValue: {},
    nullable: false,
    validations: [
      {
        condition: "alltrue([for key, value in var.tags : length(key) >= 1 && length(key) <= 128 && length(value) <= 256])",
        errorMessage: "Tag keys must have 1 to 128 characters and tag values at most 256, as AWS allows.",
      },
      { condition: 'alltrue([for key in keys(var.tags) : !startswith(lower(key), "aws:")])', errorMessage: 'Tag keys must not start with "aws:", which AWS reserves for its own tags.' },
    ],
  },
  {
    name: "allow_unlisted_region",
    type: "bool",
    description: `Accept a provider Region outside this module's HealthLake Region table (${MODULE_HEALTHLAKE_REGIONS.join(", ")}).`,
    required: false,
    defaultValue: false,
    nullable: false,
    validations: [],
  },
  {
    name: "allow_public_ingress",
    type: "bool",
    description: "Accept 0.0.0.0/0 or ::/0 in allowed_cidrs.",
    required: false,
    defaultValue: false,
    nullable: false,
    validations: [],
  },
];
