import { resolve as resolvePath } from "path";
import { INTERFACE_ONLY_REJECTED_OPTIONS, validateRegion } from "../endpoint-props";
import { describeValue, HealthLakeValidationError, ValidationProblem } from "../errors";
import { BackendConfig, ENDPOINT_ENTRY_KEYS, ENTRY_ONLY_KEYS, LOCAL_BACKEND_KEYS, S3_BACKEND_KEYS, TOP_LEVEL_KEYS } from "./config-types";
import { checkKeys, isObject } from "./json-checks";
import { ConfigFileContent } from "./read-config-file";
import { ResolvedEntry, resolveEntry } from "./resolve-entry";
import { ResolvedLayout, resolveLayout } from "./resolve-layout";

export type { ResolvedEndpoint, ResolvedEntry, ResolvedPolicyAttachment } from "./resolve-entry";
export type { ResolvedLayout } from "./resolve-layout";

/** A config file after every check has passed. */
export interface ResolvedConfig {
  readonly backend: BackendConfig;
  readonly layout: ResolvedLayout;
  readonly endpoints: readonly ResolvedEntry[];
}

const DEFAULTS_KEYS = ENDPOINT_ENTRY_KEYS.filter((key) => !ENTRY_ONLY_KEYS.includes(key));

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
    for (const key of ENTRY_ONLY_KEYS) {
      if (key in defaults) {
        problems.push({ path: `defaults.${key}`, message: `"${key}" names one endpoint, so it belongs in an entry of "endpoints", not in "defaults".` });
      }
    }
    const otherKeys = Object.fromEntries(Object.entries(defaults).filter(([key]) => !(ENTRY_ONLY_KEYS as readonly string[]).includes(key)));
    checkKeys(otherKeys, "defaults", DEFAULTS_KEYS, problems, INTERFACE_ONLY_REJECTED_OPTIONS);
  }

  const backend = resolveBackend(json.backend, problems);
  const layout = resolveLayout(json.layout, problems);

  const endpoints: ResolvedEntry[] = [];
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
  return { backend, layout, endpoints };
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

function dedupe(problems: readonly ValidationProblem[]): ValidationProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
}
