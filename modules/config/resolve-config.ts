import { HealthLakeEndpointProps, validateEndpointProps, validatePolicy, validateRegion } from "../endpoint-props";
import { describeValue, HealthLakeValidationError, ValidationProblem } from "../errors";
import { EndpointPolicy } from "../policy/endpoint-policy";
import { resolve as resolvePath } from "path";
import { closestMatch } from "../text-distance";
import { resolvePolicyConfig } from "./policy-config";
import { ConfigFileContent } from "./read-config-file";
import {
  BackendConfig,
  ENDPOINT_ENTRY_KEYS,
  EndpointEntryConfig,
  LOCAL_BACKEND_KEYS,
  S3_BACKEND_KEYS,
  TOP_LEVEL_KEYS,
} from "./config-types";

/** One endpoint entry after defaults are applied and every check has passed. */
export interface ResolvedEndpoint {
  /** Entry name: the `name` field, or the Region. */
  readonly name: string;
  /** Stack name, `healthlake-<name>`. */
  readonly stackName: string;
  readonly region: string;
  /** Tags for the stack's provider `default_tags`. */
  readonly tags: Readonly<Record<string, string>>;
  /** Props for the {@link HealthLakeEndpoint} construct. */
  readonly props: HealthLakeEndpointProps;
}

/** A config file after every check has passed. */
export interface ResolvedConfig {
  readonly backend: BackendConfig;
  readonly endpoints: readonly ResolvedEndpoint[];
}

const NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?$/;
const DEFAULTS_KEYS = ENDPOINT_ENTRY_KEYS.filter((key) => key !== "name");

/**
 * Validates a parsed config file and turns each entry into construct props. Every problem of the file is
 * collected before anything is returned, so one run reports them all.
 *
 * @throws HealthLakeValidationError listing every problem with its JSON path, line and column
 */
export function resolveConfig(file: ConfigFileContent): ResolvedConfig {
  const problems: ValidationProblem[] = [];
  const json = file.json;

  if (!isObject(json)) {
    throw new HealthLakeValidationError(`Config file ${file.path}`, [
      { path: "(root)", message: `${describeValue(json)} is not a config; the file must hold a JSON object with an "endpoints" list.` },
    ]);
  }
  checkKeys(json, "", TOP_LEVEL_KEYS, problems);

  const defaults = json.defaults === undefined ? {} : json.defaults;
  if (!isObject(defaults)) {
    problems.push({ path: "defaults", message: `${describeValue(defaults)} is not an object; "defaults" contains endpoint fields shared by every entry.` });
  } else {
    checkKeys(defaults, "defaults", DEFAULTS_KEYS, problems);
  }

  const backend = resolveBackend(json.backend, problems);

  const endpoints: ResolvedEndpoint[] = [];
  if (json.endpoints === undefined) {
    problems.push({ path: "endpoints", message: 'is missing; add an "endpoints" list with one entry per endpoint.' });
  } else if (!Array.isArray(json.endpoints) || json.endpoints.length === 0) {
    problems.push({ path: "endpoints", message: `${describeValue(json.endpoints)} is not valid; "endpoints" must be a non-empty list of endpoint entries.` });
  } else {
    const names = new Map<string, number>();
    json.endpoints.forEach((entry: unknown, index: number) => {
      const resolved = resolveEntry(entry, index, isObject(defaults) ? defaults : {}, problems);
      if (resolved === undefined) {
        return;
      }
      const earlier = names.get(resolved.name);
      if (earlier !== undefined) {
        problems.push({
          path: `endpoints[${index}].name`,
          message: `the name "${resolved.name}" is already used by endpoints[${earlier}]; each entry needs its own name (it defaults to the Region), for example "${resolved.name}-2".`,
        });
        return;
      }
      names.set(resolved.name, index);
      endpoints.push(resolved);
    });
  }

  if (problems.length > 0) {
    const located = dedupe(problems).map((problem) => ({ path: `${problem.path}${file.locate(problem.path)}`, message: problem.message }));
    throw new HealthLakeValidationError(`Config file ${file.path}`, located);
  }
  return { backend, endpoints };
}

function resolveEntry(
  entry: unknown,
  index: number,
  defaults: Record<string, unknown>,
  problems: ValidationProblem[],
): ResolvedEndpoint | undefined {
  const entryPath = `endpoints[${index}]`;
  if (!isObject(entry)) {
    problems.push({ path: entryPath, message: `${describeValue(entry)} is not an endpoint entry; use an object with "region", "vpcId" and "subnets".` });
    return undefined;
  }
  checkKeys(entry, entryPath, ENDPOINT_ENTRY_KEYS, problems);

  // A field the entry leaves out comes from "defaults", and so do the problems of that field.
  const merged: Record<string, unknown> = { ...defaults, ...entry };
  const pathOf = (field: string) => (field in entry || !(field in defaults) ? `${entryPath}.${field}` : `defaults.${field}`);
  const entryProblems: ValidationProblem[] = [];
  const badFields = new Set<string>();
  const report = (relativePath: string, message: string) => {
    const field = relativePath.split(/[.[]/)[0];
    if (!badFields.has(field)) {
      entryProblems.push({ path: pathOf(field) + relativePath.slice(field.length), message });
    }
  };

  // A field of the wrong type, or a missing required one, is reported once here and then left out, so
  // the checks below still report every problem of the other fields.
  for (const problem of checkEntryShape(merged)) {
    const field = problem.path.split(/[.[]/)[0];
    report(problem.path, problem.message);
    badFields.add(field);
  }
  for (const field of badFields) {
    delete merged[field];
  }
  const fields = merged as unknown as EndpointEntryConfig & { region: string; vpcId: string };

  const name = fields.name ?? fields.region ?? "";
  if (!NAME_PATTERN.test(name) && fields.region !== undefined) {
    report("name", `${describeValue(name)} is not a valid entry name; use 1 to 52 lowercase letters, digits and hyphens, starting and ending with a letter or digit (it becomes the stack name "healthlake-<name>").`);
  }

  const policyResult =
    fields.policy === undefined
      ? { policy: EndpointPolicy.fullAccess(), problems: [] }
      : resolvePolicyConfig(fields.policy as unknown as Record<string, unknown>, fields.acknowledgedActions);
  for (const problem of policyResult.problems) {
    report(problem.path, problem.message);
  }

  const props: HealthLakeEndpointProps = {
    region: fields.region,
    vpcId: fields.vpcId,
    subnets: fields.subnets ?? [],
    allowedCidrs: fields.allowedCidrs,
    allowedSecurityGroupIds: fields.allowedSecurityGroupIds,
    allowedPrefixListIds: fields.allowedPrefixListIds,
    securityGroupIds: fields.securityGroupIds,
    privateDnsEnabled: fields.privateDnsEnabled,
    policy: policyResult.policy,
    allowUnlistedRegion: fields.allowUnlistedRegion,
    allowPublicIngress: fields.allowPublicIngress,
    accountId: fields.accountId,
    acknowledgedWarnings: fields.acknowledgedWarnings,
  };
  const regionProblems = fields.region === undefined ? [] : validateRegion(fields.region, fields.allowUnlistedRegion);
  const propProblems = [...regionProblems, ...validateEndpointProps({ ...props, tags: fields.tags })];
  if (policyResult.policy && fields.region !== undefined && regionProblems.length === 0) {
    propProblems.push(...validatePolicy(policyResult.policy, fields.region, fields.accountId));
  }
  for (const problem of propProblems) {
    report(problem.path, problem.message);
  }

  problems.push(...entryProblems);
  if (entryProblems.length > 0) {
    return undefined;
  }
  return { name, stackName: `healthlake-${name}`, region: fields.region, tags: fields.tags ?? {}, props };
}

/** Checks the JSON type of every entry field and returns the problems, with paths relative to the entry. */
function checkEntryShape(entry: Record<string, unknown>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const fail = (path: string, message: string) => {
    problems.push({ path, message });
  };

  for (const field of ["region", "vpcId"]) {
    if (entry[field] === undefined) {
      fail(field, `is missing; every entry needs "${field}", given in the entry or in "defaults".`);
    }
  }
  if (entry.subnets === undefined) {
    fail("subnets", 'is missing; every entry needs "subnets", given in the entry or in "defaults".');
  }
  for (const field of ["name", "region", "vpcId", "accountId"]) {
    if (entry[field] !== undefined && typeof entry[field] !== "string") {
      fail(field, `${describeValue(entry[field])} is not a string.`);
    }
  }
  for (const field of ["privateDnsEnabled", "allowUnlistedRegion", "allowPublicIngress"]) {
    if (entry[field] !== undefined && typeof entry[field] !== "boolean") {
      fail(field, `${describeValue(entry[field])} is not a boolean; use true or false.`);
    }
  }
  for (const field of ["allowedCidrs", "allowedSecurityGroupIds", "allowedPrefixListIds", "securityGroupIds", "acknowledgedActions", "acknowledgedWarnings"]) {
    const value = entry[field];
    if (value === undefined) {
      continue;
    }
    if (!Array.isArray(value)) {
      fail(field, `${describeValue(value)} is not a list; use a JSON array of strings.`);
      continue;
    }
    value.forEach((item, index) => {
      if (typeof item !== "string") {
        fail(`${field}[${index}]`, `${describeValue(item)} is not a string.`);
      }
    });
  }
  if (entry.subnets !== undefined) {
    checkSubnetsShape(entry.subnets, fail);
  }
  if (entry.tags !== undefined) {
    if (!isObject(entry.tags)) {
      fail("tags", `${describeValue(entry.tags)} is not an object; use {"Key": "value", ...}.`);
    } else {
      for (const [key, value] of Object.entries(entry.tags)) {
        if (typeof value !== "string") {
          fail(`tags.${key}`, `${describeValue(value)} is not a string; tag values are strings.`);
        }
      }
    }
  }
  if (entry.policy !== undefined && !isObject(entry.policy)) {
    fail("policy", `${describeValue(entry.policy)} is not a policy; use an IAM policy document with "Statement", or a preset such as {"preset": "read-only-fhir"}.`);
  }
  return problems;
}

function checkSubnetsShape(subnets: unknown, fail: (path: string, message: string) => void): void {
  if (!Array.isArray(subnets)) {
    fail("subnets", `${describeValue(subnets)} is not a list; use ["subnet-...", ...] or [{"subnetId": "subnet-...", "availabilityZone": "us-east-1a"}, ...].`);
    return;
  }
  subnets.forEach((subnet: unknown, index) => {
    const path = `subnets[${index}]`;
    if (typeof subnet === "string") {
      return;
    }
    if (!isObject(subnet)) {
      fail(path, `${describeValue(subnet)} is not a subnet; use a subnet id or {"subnetId": ..., "availabilityZone": ...}.`);
      return;
    }
    for (const key of Object.keys(subnet)) {
      if (key !== "subnetId" && key !== "availabilityZone") {
        const suggestion = closestMatch(key, ["subnetId", "availabilityZone"]);
        fail(`${path}.${key}`, `unknown key "${key}"; a subnet object has "subnetId" and "availabilityZone".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`);
      }
    }
    if (typeof subnet.subnetId !== "string") {
      fail(`${path}.subnetId`, `${describeValue(subnet.subnetId)} is not valid; "subnetId" is required and is a string.`);
    }
    if (subnet.availabilityZone !== undefined && typeof subnet.availabilityZone !== "string") {
      fail(`${path}.availabilityZone`, `${describeValue(subnet.availabilityZone)} is not a string.`);
    }
  });
}

function resolveBackend(value: unknown, problems: ValidationProblem[]): BackendConfig {
  if (value === undefined) {
    return { type: "local" };
  }
  if (!isObject(value) || (value.type !== "local" && value.type !== "s3")) {
    const type = isObject(value) ? value.type : value;
    problems.push({ path: isObject(value) ? "backend.type" : "backend", message: `${describeValue(type)} is not a backend type; use "local" or "s3".` });
    return { type: "local" };
  }

  if (value.type === "local") {
    checkKeys(value, "backend", LOCAL_BACKEND_KEYS, problems);
    if (value.directory !== undefined && (typeof value.directory !== "string" || value.directory === "")) {
      problems.push({ path: "backend.directory", message: `${describeValue(value.directory)} is not a folder path; use a non-empty string.` });
      return { type: "local" };
    }
    // Terraform resolves a relative state path from the stack's folder, not from the folder the app
    // runs in, so the path is made absolute here.
    return value.directory === undefined ? { type: "local" } : { type: "local", directory: resolvePath(value.directory as string) };
  }

  checkKeys(value, "backend", S3_BACKEND_KEYS, problems);
  if (value.bucket === undefined) {
    problems.push({ path: "backend", message: 'the s3 backend has no "bucket"; name the S3 bucket that keeps the state.' });
  } else if (typeof value.bucket !== "string" || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value.bucket)) {
    problems.push({ path: "backend.bucket", message: `${describeValue(value.bucket)} is not an S3 bucket name; use 3 to 63 lowercase letters, digits, dots and hyphens.` });
  }
  if (value.region === undefined) {
    problems.push({ path: "backend", message: 'the s3 backend has no "region"; give the bucket\'s Region, such as "us-east-1".' });
  } else if (typeof value.region !== "string" || validateRegion(value.region, true).length > 0) {
    problems.push({ path: "backend.region", message: `${describeValue(value.region)} is not an AWS Region code; give the bucket's Region, such as "us-east-1".` });
  }
  if (value.keyPrefix !== undefined && (typeof value.keyPrefix !== "string" || value.keyPrefix === "" || value.keyPrefix.startsWith("/") || value.keyPrefix.endsWith("/"))) {
    problems.push({ path: "backend.keyPrefix", message: `${describeValue(value.keyPrefix)} is not a valid key prefix; use a non-empty string without a leading or trailing "/".` });
  }
  for (const field of ["useLockfile", "encrypt"]) {
    if (value[field] !== undefined && typeof value[field] !== "boolean") {
      problems.push({ path: `backend.${field}`, message: `${describeValue(value[field])} is not a boolean; use true or false.` });
    }
  }
  return value as BackendConfig;
}

function checkKeys(record: Record<string, unknown>, path: string, allowed: readonly string[], problems: ValidationProblem[]): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      const suggestion = closestMatch(key, allowed);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : "";
      problems.push({ path: path === "" ? key : `${path}.${key}`, message: `unknown key "${key}".${hint} Allowed keys here: ${allowed.join(", ")}.` });
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function dedupe(problems: readonly ValidationProblem[]): ValidationProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
}
