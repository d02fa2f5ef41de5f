import {
  DnsRecordIpType,
  HealthLakeEndpointProps,
  INTERFACE_ONLY_REJECTED_OPTIONS,
  IpAddressType,
  validateEndpointProps,
  validatePolicy,
  validateRegion,
} from "../endpoint-props";
import { describeValue, ValidationProblem } from "../errors";
import { HealthLakeEndpointPolicyAttachmentProps, validatePolicyAttachmentProps } from "../policy-attachment-props";
import { EndpointPolicy } from "../policy/endpoint-policy";
import { closestMatch } from "../text-distance";
import { ENDPOINT_ENTRY_KEYS, EndpointEntryConfig, POLICY_ONLY_ENTRY_KEYS } from "./config-types";
import { checkKeys, isObject } from "./json-checks";
import { resolvePolicyConfig } from "./policy-config";

interface ResolvedEntryBase {
  /** Entry name: the `name` field, or the Region. */
  readonly name: string;
  /** Stack name in the stack-per-entry layout, `healthlake-<name>`. */
  readonly stackName: string;
  readonly region: string;
  /** Tags of the entry, for the provider's `default_tags` and the entry's resources. */
  readonly tags: Readonly<Record<string, string>>;
}

/** An entry that creates (or imports) an endpoint, after defaults are applied and every check has passed. */
export interface ResolvedEndpoint extends ResolvedEntryBase {
  readonly kind: "endpoint";
  /** Props for the {@link HealthLakeEndpoint} construct. */
  readonly props: HealthLakeEndpointProps;
}

/** An entry with `existingEndpointId`, which manages only the policy of an endpoint created elsewhere. */
export interface ResolvedPolicyAttachment extends ResolvedEntryBase {
  readonly kind: "policy-only";
  /** Props for the {@link HealthLakeEndpointPolicyAttachment} construct. */
  readonly props: HealthLakeEndpointPolicyAttachmentProps;
}

/** One entry of the config file after every check has passed. */
export type ResolvedEntry = ResolvedEndpoint | ResolvedPolicyAttachment;

const NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?$/;

/**
 * Validates one entry merged with `defaults` and returns it resolved, or `undefined` after adding its
 * problems to `problems`.
 */
export function resolveEntry(
  entry: unknown,
  index: number,
  defaults: Record<string, unknown>,
  problems: ValidationProblem[],
): ResolvedEntry | undefined {
  const entryPath = `endpoints[${index}]`;
  if (!isObject(entry)) {
    problems.push({ path: entryPath, message: `${describeValue(entry)} is not an endpoint entry; use an object with "region", "vpcId" and "subnets".` });
    return undefined;
  }
  checkKeys(entry, entryPath, ENDPOINT_ENTRY_KEYS, problems, INTERFACE_ONLY_REJECTED_OPTIONS);

  // A field the entry leaves out comes from "defaults", and so do the problems of that field. An entry
  // with existingEndpointId takes only the defaults that apply to a policy-only entry.
  const policyOnly = entry.existingEndpointId !== undefined;
  const applicableDefaults = policyOnly ? pickKeys(defaults, POLICY_ONLY_ENTRY_KEYS) : defaults;
  const merged: Record<string, unknown> = { ...applicableDefaults, ...entry };
  const pathOf = (field: string) => (field in entry || !(field in applicableDefaults) ? `${entryPath}.${field}` : `defaults.${field}`);
  const entryProblems: ValidationProblem[] = [];
  const badFields = new Set<string>();
  const report = (relativePath: string, message: string) => {
    const field = relativePath.split(/[.[]/)[0];
    if (!badFields.has(field)) {
      entryProblems.push({ path: pathOf(field) + relativePath.slice(field.length), message });
    }
  };

  if (policyOnly) {
    for (const key of Object.keys(entry)) {
      if ((ENDPOINT_ENTRY_KEYS as readonly string[]).includes(key) && !(POLICY_ONLY_ENTRY_KEYS as readonly string[]).includes(key)) {
        report(key, `does not apply to an entry with "existingEndpointId", which manages only the policy of an endpoint created elsewhere; remove it, or remove "existingEndpointId" to create the endpoint here.`);
      }
    }
  }
  // A field of the wrong type, or a missing required one, is reported once here and then left out, so
  // the checks below still report every problem of the other fields.
  for (const problem of checkEntryShape(merged, policyOnly)) {
    const field = problem.path.split(/[.[]/)[0];
    report(problem.path, problem.message);
    badFields.add(field);
  }
  for (const field of badFields) {
    delete merged[field];
  }
  const fields = merged as unknown as EndpointEntryConfig & { region: string };

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
  const regionProblems = fields.region === undefined ? [] : validateRegion(fields.region, fields.allowUnlistedRegion);

  let resolved: ResolvedEntry;
  const base = { name, stackName: `healthlake-${name}`, region: fields.region, tags: fields.tags ?? {} };
  if (policyOnly) {
    const props: HealthLakeEndpointPolicyAttachmentProps = {
      endpointId: fields.existingEndpointId as string,
      policy: policyResult.policy,
      region: fields.region,
      allowUnlistedRegion: fields.allowUnlistedRegion,
      useFipsEndpoint: fields.useFipsEndpoint,
      timeouts: policyOnlyTimeouts(fields.timeouts, "timeouts" in entry),
      accountId: fields.accountId,
      acknowledgedWarnings: fields.acknowledgedWarnings,
    };
    const propProblems = [...regionProblems, ...validatePolicyAttachmentProps(props)];
    for (const problem of propProblems) {
      report(problem.path === "endpointId" ? "existingEndpointId" : problem.path, problem.message);
    }
    resolved = { ...base, kind: "policy-only", props };
  } else {
    const props: HealthLakeEndpointProps = {
      region: fields.region,
      vpcId: fields.vpcId as string,
      subnets: fields.subnets ?? [],
      allowedCidrs: fields.allowedCidrs,
      allowedSecurityGroupIds: fields.allowedSecurityGroupIds,
      allowedPrefixListIds: fields.allowedPrefixListIds,
      securityGroupIds: fields.securityGroupIds,
      privateDnsEnabled: fields.privateDnsEnabled,
      lookupSupportedAzs: fields.lookupSupportedAzs,
      ipAddressType: fields.ipAddressType as IpAddressType | undefined,
      dnsRecordIpType: fields.dnsRecordIpType as DnsRecordIpType | undefined,
      useFipsEndpoint: fields.useFipsEndpoint,
      importEndpointId: fields.importEndpointId,
      timeouts: fields.timeouts,
      policy: policyResult.policy,
      allowUnlistedRegion: fields.allowUnlistedRegion,
      allowPublicIngress: fields.allowPublicIngress,
      accountId: fields.accountId,
      acknowledgedWarnings: fields.acknowledgedWarnings,
    };
    const propProblems = [...regionProblems, ...validateEndpointProps({ ...props, tags: fields.tags })];
    for (const problem of propProblems) {
      report(problem.path, problem.message);
    }
    resolved = { ...base, kind: "endpoint", props };
  }

  if (policyResult.policy && fields.region !== undefined && regionProblems.length === 0) {
    for (const problem of validatePolicy(policyResult.policy, fields.region, fields.accountId)) {
      report(problem.path, problem.message);
    }
  }

  problems.push(...entryProblems);
  if (entryProblems.length > 0) {
    return undefined;
  }
  return resolved;
}

/** Checks the JSON type of every entry field and returns the problems, with paths relative to the entry. */
function checkEntryShape(entry: Record<string, unknown>, policyOnly: boolean): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const fail = (path: string, message: string) => {
    problems.push({ path, message });
  };

  const required = policyOnly ? ["region", "existingEndpointId"] : ["region", "vpcId", "subnets"];
  for (const field of required) {
    if (entry[field] === undefined) {
      fail(field, `is missing; every entry needs "${field}", given in the entry or in "defaults".`);
    }
  }
  for (const field of ["name", "region", "vpcId", "accountId", "ipAddressType", "dnsRecordIpType", "existingEndpointId", "importEndpointId"]) {
    if (entry[field] !== undefined && typeof entry[field] !== "string") {
      fail(field, `${describeValue(entry[field])} is not a string.`);
    }
  }
  for (const field of ["privateDnsEnabled", "lookupSupportedAzs", "useFipsEndpoint", "allowUnlistedRegion", "allowPublicIngress"]) {
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
  for (const field of ["tags", "timeouts"]) {
    const value = entry[field];
    if (value === undefined) {
      continue;
    }
    const example = field === "tags" ? '{"Key": "value", ...}' : '{"create": "20m", "delete": "20m"}';
    if (!isObject(value)) {
      fail(field, `${describeValue(value)} is not an object; use ${example}.`);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== "string") {
        fail(`${field}.${key}`, `${describeValue(item)} is not a string; ${field === "tags" ? "tag values are strings" : 'write a duration such as "20m"'}.`);
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

/**
 * Returns the timeouts of a policy-only entry. `aws_vpc_endpoint_policy` has no update timeout, so an
 * `update` inherited from `defaults` (where it serves the endpoint entries) is dropped, while one written
 * in the entry itself is kept and rejected by the checks.
 */
function policyOnlyTimeouts(timeouts: Readonly<Record<string, string>> | undefined, inEntry: boolean): Record<string, string> | undefined {
  if (timeouts === undefined || inEntry) {
    return timeouts === undefined ? undefined : { ...timeouts };
  }
  return Object.fromEntries(Object.entries(timeouts).filter(([operation]) => operation !== "update"));
}

function pickKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.includes(key)));
}
