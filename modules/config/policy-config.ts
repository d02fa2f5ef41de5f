import { describeValue, prefixProblems } from "../errors";
import { EndpointPolicy, EndpointPolicyParseResult } from "../policy/endpoint-policy";
import { parsePreset, PRESET_NAMES, PresetName, PresetOptions } from "../policy/presets";
import { closestMatch } from "../text-distance";

/** Keys of a preset in the config file: `{ "preset": "read-only-fhir", "datastores": [...], ... }`. */
export const PRESET_CONFIG_KEYS = ["preset", "datastores", "principals", "organizationId", "accounts"];

/**
 * Turns the `policy` field of a config entry into a policy: an IAM policy document (it has `Statement`),
 * or a preset (it has `preset`). Problem paths are relative to the entry (`policy.Statement[0]`,
 * `policy.datastores[1]`, `acknowledgedActions[0]`).
 */
export function resolvePolicyConfig(value: Record<string, unknown>, acknowledgedActions: readonly string[] | undefined): EndpointPolicyParseResult {
  if (!("preset" in value)) {
    const result = EndpointPolicy.parse(value, { acknowledgedActions });
    const problems = result.problems.map((problem) =>
      problem.path.startsWith("acknowledgedActions") ? problem : { path: problem.path === "" ? "policy" : `policy.${problem.path}`, message: problem.message },
    );
    return { ...result, problems };
  }

  const problems = [];
  for (const key of Object.keys(value)) {
    if (!PRESET_CONFIG_KEYS.includes(key)) {
      const suggestion = closestMatch(key, PRESET_CONFIG_KEYS);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : "";
      problems.push({ path: `policy.${key}`, message: `unknown preset key "${key}".${hint} Preset keys are ${PRESET_CONFIG_KEYS.join(", ")}.` });
    }
  }
  if (!PRESET_NAMES.includes(value.preset as PresetName)) {
    problems.push({ path: "policy.preset", message: `${describeValue(value.preset)} is not a preset; use one of ${PRESET_NAMES.join(", ")}.` });
  }
  for (const key of ["datastores", "principals", "accounts"]) {
    const list = value[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every((item) => typeof item === "string"))) {
      problems.push({ path: `policy.${key}`, message: `${describeValue(list)} is not valid; use a list of strings.` });
    }
  }
  if (value.organizationId !== undefined && typeof value.organizationId !== "string") {
    problems.push({ path: "policy.organizationId", message: `${describeValue(value.organizationId)} is not a string.` });
  }
  if (problems.length > 0) {
    return { problems, warnings: [] };
  }

  const result = parsePreset(value.preset as PresetName, value as PresetOptions);
  return { ...result, problems: prefixProblems("policy", result.problems) };
}
