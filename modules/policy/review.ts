import { ACTIONS_WITHOUT_RESOURCE_TYPE, resolveAction } from "./actions";
import { DATASTORE_ID_PATTERN, isHealthLakeArn } from "./resources";
import { PolicyStatement } from "./statement";
import { PolicyWarning, PolicyWarningId } from "./warnings";

/**
 * Condition keys that tie a request to an organization, an account or a network source. A statement
 * for any principal is scoped by one of them. Without them, anyone who reaches the endpoint with valid
 * credentials of any AWS account can use it.
 */
export const SCOPING_CONDITION_KEYS: readonly string[] = [
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceVpc",
  "aws:SourceVpce",
  "aws:SourceIp",
  "aws:VpcSourceIp",
];

const SCOPING_KEYS_LOWER = new Set(SCOPING_CONDITION_KEYS.map((key) => key.toLowerCase()));

/**
 * Reviews statements for grants that are legal but rarely intended. Each finding has a stable id so a
 * user can acknowledge it.
 */
export function reviewStatements(statements: readonly PolicyStatement[]): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];

  statements.forEach((statement, index) => {
    if (statement.effect !== "Allow") {
      return;
    }
    const path = `Statement[${index}]`;
    const anyPrincipal = statement.principal === "*" || statement.principal.AWS.includes("*");
    const conditionKeys = Object.values(statement.condition ?? {}).flatMap((block) => Object.keys(block));
    const scopingKeys = Object.entries(statement.condition ?? {})
      .filter(([operator]) => narrowsToMatches(operator))
      .flatMap(([, block]) => Object.keys(block));

    if (anyPrincipal && conditionKeys.length === 0 && grantsEveryHealthLakeAction(statement)) {
      warnings.push({
        id: PolicyWarningId.AllowAllToAnyone,
        path,
        message:
          'allows every HealthLake action on its resources to any principal with no condition, so any AWS identity that reaches the endpoint may call those HealthLake APIs if its own IAM policies allow them. Narrow the actions, name principals, or add an "aws:PrincipalOrgID" condition.',
      });
    } else if (anyPrincipal && !scopingKeys.some((key) => SCOPING_KEYS_LOWER.has(key.toLowerCase()))) {
      warnings.push({
        id: PolicyWarningId.AnyPrincipalWithoutCondition,
        path,
        message: `allows "Principal": "*" with no organization, account or source condition; add one of ${SCOPING_CONDITION_KEYS.slice(0, 3).join(", ")} (or another aws:Source* key) under a matching operator such as StringEquals, so only your principals pass the endpoint.`,
      });
    }

    warnings.push(...reviewResourceTypes(statement, path));
  });
  return warnings;
}

function grantsEveryHealthLakeAction(statement: PolicyStatement): boolean {
  return (statement.action ?? []).some((action) => action === "*" || action.toLowerCase() === "healthlake:*");
}

/**
 * Returns whether a condition operator lets a request through only when the key has one of the listed
 * values. `Not` operators, `IfExists` forms (which pass requests without the key) and `Null` do not.
 */
function narrowsToMatches(operator: string): boolean {
  const base = operator.replace(/^For(AnyValue|AllValues):/, "");
  return !base.includes("Not") && !base.endsWith("IfExists") && base !== "Null";
}

/**
 * Flags actions that support no resource type but are granted only on HealthLake resources (ARNs or
 * datastore ids). For a wildcard, the warning names the actions of that kind it covers.
 */
function reviewResourceTypes(statement: PolicyStatement, path: string): PolicyWarning[] {
  const resources = statement.resource ?? [];
  if (resources.length === 0 || !resources.every((resource) => isHealthLakeArn(resource) || DATASTORE_ID_PATTERN.test(resource))) {
    return [];
  }

  const warnings: PolicyWarning[] = [];
  for (const action of statement.action ?? []) {
    const resolution = resolveAction(action);
    let unmatched: string[] = [];
    if (resolution.kind === "healthlake" && ACTIONS_WITHOUT_RESOURCE_TYPE.has(resolution.name)) {
      unmatched = [resolution.name];
    } else if (resolution.kind === "healthlake-wildcard") {
      unmatched = resolution.matches.filter((name) => ACTIONS_WITHOUT_RESOURCE_TYPE.has(name));
    }
    if (unmatched.length === 0) {
      continue;
    }
    const covered = resolution.kind === "healthlake-wildcard" ? ` covers ${unmatched.map((name) => `healthlake:${name}`).join(", ")}, which support` : " supports";
    warnings.push({
      id: PolicyWarningId.ActionWithoutResourceType,
      path: `${path}.Action`,
      message: `"${resolution.action}"${covered} no resource type, so IAM matches them only with "Resource": "*"; granted on datastores alone they never match. Move them to a statement with "Resource": "*".`,
    });
  }
  return warnings;
}
