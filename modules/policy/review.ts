import { ACTIONS_WITHOUT_RESOURCE_TYPE, resolveAction } from "./actions";
import { isHealthLakeArn } from "./resources";
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

    if (anyPrincipal && conditionKeys.length === 0 && grantsEveryHealthLakeAction(statement)) {
      warnings.push({
        id: PolicyWarningId.AllowAllToAnyone,
        path,
        message:
          'allows every HealthLake action to any principal with no condition, so any AWS identity that reaches the endpoint may call any HealthLake API its own IAM policies allow. Narrow the actions, name principals, or add an "aws:PrincipalOrgID" condition.',
      });
    } else if (anyPrincipal && !conditionKeys.some((key) => SCOPING_KEYS_LOWER.has(key.toLowerCase()))) {
      warnings.push({
        id: PolicyWarningId.AnyPrincipalWithoutCondition,
        path,
        message: `allows "Principal": "*" with no organization, account or source condition; add one of ${SCOPING_CONDITION_KEYS.slice(0, 3).join(", ")} (or another aws:Source* key) so only your principals pass the endpoint.`,
      });
    }

    warnings.push(...reviewResourceTypes(statement, path));
  });
  return warnings;
}

function grantsEveryHealthLakeAction(statement: PolicyStatement): boolean {
  return (statement.action ?? []).some((action) => action === "*" || action.toLowerCase() === "healthlake:*");
}

/** Flags actions that support no resource type but are granted only on HealthLake ARNs. */
function reviewResourceTypes(statement: PolicyStatement, path: string): PolicyWarning[] {
  const resources = statement.resource ?? [];
  if (resources.length === 0 || !resources.every(isHealthLakeArn)) {
    return [];
  }
  return (statement.action ?? [])
    .map((action) => resolveAction(action))
    .filter((resolution) => resolution.kind === "healthlake" && ACTIONS_WITHOUT_RESOURCE_TYPE.has(resolution.name))
    .map((resolution) => ({
      id: PolicyWarningId.ActionWithoutResourceType,
      path: `${path}.Action`,
      message: `"${resolution.action}" supports no resource type, so IAM matches it only with "Resource": "*"; granted on datastore ARNs alone it never matches. Move it to a statement with "Resource": "*".`,
    }));
}
