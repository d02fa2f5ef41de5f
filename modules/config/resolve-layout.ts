import { validateRegion } from "../endpoint-props";
import { describeValue, ValidationProblem } from "../errors";
import { SINGLE_STACK_LAYOUT_KEYS, STACK_PER_ENTRY_LAYOUT_KEYS } from "./config-types";
import { checkKeys, isObject } from "./json-checks";

/** Stack name of the single-stack layout when the config gives none. */
export const DEFAULT_SINGLE_STACK_NAME = "healthlake";

/** The layout after defaults are applied. */
export type ResolvedLayout =
  | { readonly type: "stack-per-entry" }
  | { readonly type: "single-stack"; readonly stackName: string; readonly providerRegion?: string };

const STACK_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Validates the `layout` key; problems go to `problems` and the default layout is returned in their place. */
export function resolveLayout(value: unknown, problems: ValidationProblem[]): ResolvedLayout {
  if (value === undefined) {
    return { type: "stack-per-entry" };
  }
  if (!isObject(value) || (value.type !== "stack-per-entry" && value.type !== "single-stack")) {
    const type = isObject(value) ? value.type : value;
    problems.push({ path: isObject(value) ? "layout.type" : "layout", message: `${describeValue(type)} is not a layout; use "stack-per-entry" or "single-stack".` });
    if (isObject(value)) {
      checkKeys(value, "layout", SINGLE_STACK_LAYOUT_KEYS, problems);
    }
    return { type: "stack-per-entry" };
  }

  if (value.type === "stack-per-entry") {
    checkKeys(value, "layout", STACK_PER_ENTRY_LAYOUT_KEYS, problems);
    return { type: "stack-per-entry" };
  }
  checkKeys(value, "layout", SINGLE_STACK_LAYOUT_KEYS, problems);
  const stackName = value.stackName ?? DEFAULT_SINGLE_STACK_NAME;
  if (typeof stackName !== "string" || !STACK_NAME_PATTERN.test(stackName)) {
    problems.push({ path: "layout.stackName", message: `${describeValue(stackName)} is not a valid stack name; use 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.` });
  }
  const providerRegion = value.providerRegion;
  if (providerRegion !== undefined && (typeof providerRegion !== "string" || validateRegion(providerRegion, true).length > 0)) {
    problems.push({ path: "layout.providerRegion", message: `${describeValue(providerRegion)} is not an AWS Region code; use a code such as "us-east-1".` });
  }
  return { type: "single-stack", stackName: String(stackName), providerRegion: typeof providerRegion === "string" ? providerRegion : undefined };
}
