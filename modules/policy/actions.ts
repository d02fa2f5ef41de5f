import { HEALTHLAKE_ACTIONS } from "../catalogue/healthlake-actions";
import { closestMatch } from "../text-distance";

/** IAM service prefix of Amazon HealthLake. */
export const HEALTHLAKE_SERVICE_PREFIX = "healthlake";

/** Resolution of an action string of a policy statement. */
export type ActionResolution =
  /** `*`: every action of every service. */
  | { readonly kind: "all"; readonly action: "*" }
  /** A HealthLake action from the catalogue, with its IAM spelling. */
  | { readonly kind: "healthlake"; readonly action: string; readonly name: string }
  /** A HealthLake wildcard such as `healthlake:Describe*`, kept as written, with the actions it matches. */
  | { readonly kind: "healthlake-wildcard"; readonly action: string; readonly matches: readonly string[] }
  /** A HealthLake action missing from the catalogue that the user acknowledged. */
  | { readonly kind: "acknowledged"; readonly action: string }
  /** An action of another service, kept as written. */
  | { readonly kind: "other-service"; readonly action: string; readonly service: string }
  /** A HealthLake action that matches nothing; `suggestion` is the closest IAM name, when one is close. */
  | { readonly kind: "unknown"; readonly action: string; readonly suggestion?: string }
  /** Not of the form `service:action`. */
  | { readonly kind: "malformed"; readonly action: string }
  /** A HealthLake wildcard that matches no action of the catalogue. */
  | { readonly kind: "empty-wildcard"; readonly action: string };

/** HealthLake actions that support no resource type, so IAM matches them only with `"Resource": "*"`. */
export const ACTIONS_WITHOUT_RESOURCE_TYPE: ReadonlySet<string> = new Set(
  HEALTHLAKE_ACTIONS.filter((info) => info.resourceTypes.length === 0).map((info) => info.name),
);

const ACTION_PATTERN = /^([A-Za-z0-9-]+):([A-Za-z0-9*?-]+)$/;
const CATALOGUE_BY_LOWER_NAME = new Map(HEALTHLAKE_ACTIONS.map((info) => [info.name.toLowerCase(), info.name]));
const CATALOGUE_NAMES = HEALTHLAKE_ACTIONS.map((info) => info.name);

/**
 * Resolves one action string against the HealthLake catalogue.
 *
 * IAM compares action names case-insensitively, so `healthlake:readresource` is `ReadResource`. The AWS CLI
 * spells commands in kebab case (`create-fhir-datastore`), and documentation examples sometimes copy that
 * form into policies, where it matches nothing. Such a name is mapped to its IAM name.
 *
 * @param acknowledged lower-cased `healthlake:` actions the user accepts although the catalogue lacks them
 */
export function resolveAction(action: string, acknowledged: ReadonlySet<string> = new Set()): ActionResolution {
  if (action === "*") {
    return { kind: "all", action: "*" };
  }

  const match = ACTION_PATTERN.exec(action);
  if (!match) {
    return { kind: "malformed", action };
  }
  const service = match[1].toLowerCase();
  const name = match[2];
  if (service !== HEALTHLAKE_SERVICE_PREFIX) {
    return { kind: "other-service", action, service };
  }

  if (/[*?]/.test(name)) {
    const pattern = new RegExp(`^${name.replace(/\?/g, ".").replace(/\*/g, ".*")}$`, "i");
    const matches = CATALOGUE_NAMES.filter((candidate) => pattern.test(candidate));
    if (matches.length > 0) {
      return { kind: "healthlake-wildcard", action: `${HEALTHLAKE_SERVICE_PREFIX}:${name}`, matches };
    }
    return { kind: "empty-wildcard", action };
  }

  const exact = CATALOGUE_BY_LOWER_NAME.get(name.toLowerCase()) ?? CATALOGUE_BY_LOWER_NAME.get(name.replace(/-/g, "").toLowerCase());
  if (exact) {
    return { kind: "healthlake", action: `${HEALTHLAKE_SERVICE_PREFIX}:${exact}`, name: exact };
  }
  if (acknowledged.has(`${HEALTHLAKE_SERVICE_PREFIX}:${name}`.toLowerCase())) {
    return { kind: "acknowledged", action: `${HEALTHLAKE_SERVICE_PREFIX}:${name}` };
  }

  const suggestion = closestMatch(name.replace(/-/g, ""), CATALOGUE_NAMES);
  return suggestion === undefined ? { kind: "unknown", action } : { kind: "unknown", action, suggestion: `${HEALTHLAKE_SERVICE_PREFIX}:${suggestion}` };
}

/** Returns whether `action` names a HealthLake action in the catalogue, ignoring case. */
export function isCataloguedAction(action: string): boolean {
  return resolveAction(action).kind === "healthlake";
}
