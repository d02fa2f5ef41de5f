import { describeValue, HealthLakeValidationError, ValidationProblem } from "../errors";
import { EndpointPolicy, EndpointPolicyParseResult } from "./endpoint-policy";
import { ConditionValue, POLICY_VERSION, PolicyStatementJson } from "./policy-json";
import { ACTIONS_WITHOUT_RESOURCE_TYPE } from "./actions";
import { DATASTORE_ID_PATTERN, isHealthLakeArn } from "./resources";
import { allow } from "./statement-builder";

/** Names of the policy presets, as the config file writes them. */
export type PresetName = "full-access" | "read-only-fhir" | "read-write-fhir" | "import-export-jobs" | "datastore-admin";

/** Ways to narrow a preset. Every option left out leaves that dimension open. */
export interface PresetOptions {
  /**
   * Datastores the preset covers, as 32-character ids or datastore ARNs. Ids become ARNs of the
   * endpoint's partition, Region and account.
   *
   * @default - every datastore
   */
  readonly datastores?: readonly string[];
  /**
   * Principals the preset admits: account ids, or IAM role, user or account root ARNs.
   *
   * @default - any principal ("*")
   */
  readonly principals?: readonly string[];
  /**
   * AWS Organizations id (`o-...`); only principals of that organization pass (`aws:PrincipalOrgID`).
   *
   * @default - no organization condition
   */
  readonly organizationId?: string;
  /**
   * Account ids; only principals of these accounts pass (`aws:PrincipalAccount`).
   *
   * @default - no account condition
   */
  readonly accounts?: readonly string[];
}

/**
 * HealthLake IAM actions of each preset. `full-access` is `healthlake:*`. The lists name actions of the
 * catalogue, which a test checks.
 */
export const PRESET_ACTIONS: Readonly<Record<Exclude<PresetName, "full-access">, readonly string[]>> = {
  "read-only-fhir": ["ReadResource", "VersionReadResource", "GetHistoryByResourceId", "SearchWithGet", "SearchWithPost", "GetCapabilities"],
  "read-write-fhir": [
    "ReadResource",
    "VersionReadResource",
    "GetHistoryByResourceId",
    "SearchWithGet",
    "SearchWithPost",
    "GetCapabilities",
    "CreateResource",
    "UpdateResource",
    "PatchResource",
    "DeleteResource",
    "ProcessBundle",
  ],
  "import-export-jobs": [
    "StartFHIRImportJob",
    "DescribeFHIRImportJob",
    "ListFHIRImportJobs",
    "StartFHIRExportJob",
    "StartFHIRExportJobWithGet",
    "StartFHIRExportJobWithPost",
    "DescribeFHIRExportJob",
    "DescribeFHIRExportJobWithGet",
    "ListFHIRExportJobs",
    "CancelFHIRExportJobWithDelete",
    "GetExportedFile",
  ],
  "datastore-admin": [
    "CreateFHIRDatastore",
    "DeleteFHIRDatastore",
    "DescribeFHIRDatastore",
    "ListFHIRDatastores",
    "UpdateFHIRDatastore",
    "RestoreFHIRDatastore",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
  ],
};

export const PRESET_NAMES: readonly PresetName[] = ["full-access", "read-only-fhir", "read-write-fhir", "import-export-jobs", "datastore-admin"];

/** AWS Organizations ids: `o-` and 10 to 32 lowercase letters or digits. */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;

/** Creates a policy that grants every HealthLake action, narrowed by `options`. */
export function fullAccessPreset(options: PresetOptions = {}): EndpointPolicy {
  return buildPreset("full-access", options);
}

/** Creates a policy that grants FHIR reads: read, version read, history, search (GET and POST) and capabilities. */
export function readOnlyFhirPreset(options: PresetOptions = {}): EndpointPolicy {
  return buildPreset("read-only-fhir", options);
}

/** Creates a policy that grants FHIR reads plus create, update, patch, delete and bundles. */
export function readWriteFhirPreset(options: PresetOptions = {}): EndpointPolicy {
  return buildPreset("read-write-fhir", options);
}

/** Creates a policy that grants FHIR import and export jobs: start, describe, list, cancel, and read exported files. */
export function importExportJobsPreset(options: PresetOptions = {}): EndpointPolicy {
  return buildPreset("import-export-jobs", options);
}

/** Creates a policy that grants datastore administration: create, describe, list, update, restore, tag and delete. */
export function datastoreAdminPreset(options: PresetOptions = {}): EndpointPolicy {
  return buildPreset("datastore-admin", options);
}

function buildPreset(name: PresetName, options: PresetOptions): EndpointPolicy {
  const result = parsePreset(name, options);
  if (!result.policy) {
    throw new HealthLakeValidationError(`Policy preset "${name}"`, result.problems);
  }
  return result.policy;
}

/**
 * Builds a preset and returns its problems instead of throwing. Problem paths name the options
 * (`datastores[1]`).
 */
export function parsePreset(name: PresetName, options: PresetOptions): EndpointPolicyParseResult {
  const problems = checkPresetOptions(options);
  if (problems.length > 0) {
    return { problems, warnings: [] };
  }

  const actions = name === "full-access" ? ["*"] : PRESET_ACTIONS[name];
  const scoped = actions.filter((action) => !ACTIONS_WITHOUT_RESOURCE_TYPE.has(action));
  // healthlake:* on datastores alone would never match the actions that support no resource type.
  const accountLevel = name === "full-access" ? [...ACTIONS_WITHOUT_RESOURCE_TYPE].sort() : actions.filter((action) => ACTIONS_WITHOUT_RESOURCE_TYPE.has(action));
  const sid = name
    .split("-")
    .map((word) => (word === "fhir" ? "FHIR" : word[0].toUpperCase() + word.slice(1)))
    .join("");
  const common = { principals: options.principals ?? ["*"], conditions: presetConditions(options) };
  const statements: PolicyStatementJson[] = [];

  if (options.datastores === undefined) {
    statements.push(allow({ sid, actions: actions.map(qualify), resources: ["*"], ...common }));
  } else {
    // Actions that support no resource type match only "Resource": "*", so they get their own statement.
    statements.push(allow({ sid, actions: scoped.map(qualify), resources: options.datastores, ...common }));
    if (accountLevel.length > 0) {
      statements.push(allow({ sid: `${sid}AccountLevel`, actions: accountLevel.map(qualify), resources: ["*"], ...common }));
    }
  }
  return EndpointPolicy.parse({ Version: POLICY_VERSION, Statement: statements });
}

function qualify(action: string): string {
  return action === "*" ? "healthlake:*" : `healthlake:${action}`;
}

function presetConditions(options: PresetOptions): Record<string, Record<string, ConditionValue[]>> | undefined {
  const keys: Record<string, ConditionValue[]> = {};
  if (options.organizationId !== undefined) {
    keys["aws:PrincipalOrgID"] = [options.organizationId];
  }
  if (options.accounts !== undefined) {
    keys["aws:PrincipalAccount"] = [...options.accounts];
  }
  return Object.keys(keys).length === 0 ? undefined : { StringEquals: keys };
}

function checkPresetOptions(options: PresetOptions): ValidationProblem[] {
  const problems: ValidationProblem[] = [];

  if (options.datastores !== undefined && options.datastores.length === 0) {
    problems.push({ path: "datastores", message: "is an empty list, which would grant nothing; list datastore ids or ARNs, or leave it out to cover every datastore." });
  }
  (options.datastores ?? []).forEach((datastore, index) => {
    if (typeof datastore !== "string" || !(DATASTORE_ID_PATTERN.test(datastore) || isHealthLakeArn(datastore))) {
      problems.push({
        path: `datastores[${index}]`,
        message: `${describeValue(datastore)} is not a datastore; give a 32-character datastore id or an ARN such as arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/<id>.`,
      });
    }
  });
  if (options.principals !== undefined && options.principals.length === 0) {
    problems.push({ path: "principals", message: 'is an empty list; list principals, or leave it out to admit any principal ("*").' });
  }
  if (options.organizationId !== undefined && !ORGANIZATION_ID_PATTERN.test(options.organizationId)) {
    problems.push({ path: "organizationId", message: `${describeValue(options.organizationId)} is not an AWS Organizations id; it looks like "o-a1b2c3d4e5".` });
  }
  if (options.accounts !== undefined && options.accounts.length === 0) {
    problems.push({ path: "accounts", message: "is an empty list; list 12-digit account ids, or leave it out." });
  }
  (options.accounts ?? []).forEach((account, index) => {
    if (typeof account !== "string" || !/^\d{12}$/.test(account)) {
      problems.push({ path: `accounts[${index}]`, message: `${describeValue(account)} is not an account id; use 12 digits.` });
    }
  });
  return problems;
}
