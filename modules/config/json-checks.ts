import { ValidationProblem } from "../errors";
import { closestMatch } from "../text-distance";

/**
 * Reports every key of `record` that is not in `allowed`, with the closest allowed key. A key listed in
 * `knownReasons` gets its reason instead, for keys users copy from Terraform that do not apply here.
 */
export function checkKeys(
  record: Record<string, unknown>,
  path: string,
  allowed: readonly string[],
  problems: ValidationProblem[],
  knownReasons: Readonly<Record<string, string>> = {},
): void {
  for (const key of Object.keys(record)) {
    if (allowed.includes(key)) {
      continue;
    }
    const keyPath = path === "" ? key : `${path}.${key}`;
    const reason = knownReasons[key];
    if (reason !== undefined) {
      problems.push({ path: keyPath, message: `"${key}" does not apply to HealthLake: ${reason} Remove it.` });
      continue;
    }
    const suggestion = closestMatch(key, allowed);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : "";
    problems.push({ path: keyPath, message: `unknown key "${key}".${hint} Allowed keys here: ${allowed.join(", ")}.` });
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
