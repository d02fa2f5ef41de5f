import { describeValue, joinPath, ValidationProblem } from "../errors";
import { closestMatch } from "../text-distance";
import { ActionResolution, resolveAction } from "./actions";
import { ConditionValue } from "./policy-json";
import { validateConditionOperator } from "./conditions";
import { validatePrincipal } from "./principals";
import { isTokenString } from "./tokens";
import { PolicyWarning, PolicyWarningId } from "./warnings";

/** A statement after parsing: lists de-duplicated and sorted, actions in their IAM spelling. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  /** `"*"`, or the AWS principals as written (account ids become root ARNs at rendering). */
  readonly principal: "*" | { readonly AWS: readonly string[] };
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly ConditionValue[]>>>>;
}

/** Outcome of parsing one statement: the statement when it is valid, and what was found on the way. */
export interface StatementParseResult {
  readonly statement?: PolicyStatement;
  readonly problems: ValidationProblem[];
  readonly warnings: PolicyWarning[];
  /** Resolution of each action string, for later checks such as the resource-type warning. */
  readonly resolutions: ActionResolution[];
}

const STATEMENT_KEYS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const SID_PATTERN = /^[A-Za-z0-9]+$/;

/**
 * Parses and validates one statement of an IAM policy document.
 *
 * @param path location of the statement, used in every problem, for example `Statement[2]`
 * @param acknowledged lower-cased HealthLake actions accepted although the catalogue lacks them
 */
export function parseStatement(json: unknown, path: string, acknowledged: ReadonlySet<string>): StatementParseResult {
  const problems: ValidationProblem[] = [];
  const warnings: PolicyWarning[] = [];
  const resolutions: ActionResolution[] = [];
  const at = (field: string) => joinPath(path, field);

  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    problems.push({ path, message: `a statement must be a JSON object, got ${describeValue(json)}.` });
    return { problems, warnings, resolutions };
  }
  const record = json as Record<string, unknown>;

  for (const key of Object.keys(record)) {
    if (!STATEMENT_KEYS.includes(key)) {
      const suggestion = closestMatch(key, STATEMENT_KEYS);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : "";
      problems.push({ path: at(key), message: `unknown statement key "${key}"; allowed keys are ${STATEMENT_KEYS.join(", ")}.${hint}` });
    }
  }

  const sid = record.Sid;
  if (sid !== undefined && (typeof sid !== "string" || !SID_PATTERN.test(sid))) {
    problems.push({ path: at("Sid"), message: `${describeValue(sid)} is not a valid Sid; IAM allows only ASCII letters and digits.` });
  }

  const effect = record.Effect;
  if (effect !== "Allow" && effect !== "Deny") {
    problems.push({ path: at("Effect"), message: `${describeValue(effect)} is not a valid Effect; use "Allow" or "Deny".` });
  }

  if (record.NotPrincipal !== undefined) {
    problems.push({
      path: at("NotPrincipal"),
      message: 'NotPrincipal is not allowed: it matches everyone outside a list, anonymous callers included. Use "Principal" with an "aws:PrincipalArn" or "aws:PrincipalAccount" condition instead.',
    });
  }
  let principal: PolicyStatement["principal"] | undefined;
  if (record.Principal === undefined) {
    if (record.NotPrincipal === undefined) {
      problems.push({
        path,
        message: 'the statement has no "Principal"; every statement of a VPC endpoint policy needs one. Use "Principal": "*" to match any caller, usually with a condition, or list IAM principals under "AWS".',
      });
    }
  } else {
    const parsed = validatePrincipal(record.Principal, at("Principal"));
    problems.push(...parsed.problems);
    principal = parsed.principal;
  }

  const action = parseActionField(record, "Action", path, effect, acknowledged, problems, warnings, resolutions);
  const notAction = parseActionField(record, "NotAction", path, effect, acknowledged, problems, warnings, resolutions);
  if (record.Action === undefined && record.NotAction === undefined) {
    problems.push({ path, message: 'the statement has neither "Action" nor "NotAction"; add "Action" with the HealthLake actions it covers.' });
  }
  if (record.Action !== undefined && record.NotAction !== undefined) {
    problems.push({ path, message: 'the statement has both "Action" and "NotAction"; keep one of them.' });
  }

  const resource = readStringList(record.Resource, at("Resource"), problems);
  const notResource = readStringList(record.NotResource, at("NotResource"), problems);
  if (record.Resource === undefined && record.NotResource === undefined) {
    problems.push({ path, message: 'the statement has neither "Resource" nor "NotResource"; add "Resource": "*" for every resource, or list HealthLake datastore ARNs.' });
  }
  if (record.Resource !== undefined && record.NotResource !== undefined) {
    problems.push({ path, message: 'the statement has both "Resource" and "NotResource"; keep one of them.' });
  }

  const condition = parseCondition(record.Condition, at("Condition"), problems);

  if (problems.length > 0 || principal === undefined) {
    return { problems, warnings, resolutions };
  }
  const statement: PolicyStatement = {
    sid: sid as string | undefined,
    effect: effect as "Allow" | "Deny",
    principal,
    action,
    notAction,
    resource,
    notResource,
    condition,
  };
  return { statement, problems, warnings, resolutions };
}

function parseActionField(
  record: Record<string, unknown>,
  field: "Action" | "NotAction",
  path: string,
  effect: unknown,
  acknowledged: ReadonlySet<string>,
  problems: ValidationProblem[],
  warnings: PolicyWarning[],
  resolutions: ActionResolution[],
): string[] | undefined {
  const fieldPath = joinPath(path, field);
  const written = readStringList(record[field], fieldPath, problems, true);
  if (written === undefined) {
    return undefined;
  }

  const resolved: string[] = [];
  const values = typeof record[field] === "string" ? [record[field] as string] : (record[field] as string[]);
  values.forEach((value, index) => {
    const itemPath = typeof record[field] === "string" ? fieldPath : `${fieldPath}[${index}]`;
    if (isTokenString(value)) {
      // A Terraform value is known only at plan time, so it is written as it is.
      resolved.push(value);
      return;
    }
    const resolution = resolveAction(value, acknowledged);
    resolutions.push(resolution);

    switch (resolution.kind) {
      case "malformed":
        problems.push({ path: itemPath, message: `${describeValue(value)} is not a valid IAM action; write "healthlake:<ActionName>", for example "healthlake:ReadResource".` });
        return;
      case "empty-wildcard":
        problems.push({ path: itemPath, message: `${describeValue(value)} matches no HealthLake IAM action; a wildcard must match at least one, as "healthlake:Describe*" does.` });
        return;
      case "unknown": {
        const hint = resolution.suggestion ? ` Did you mean "${resolution.suggestion}"?` : "";
        const failOpen = effect === "Deny" ? " In a Deny statement an unknown action denies nothing, so the statement would fail open." : "";
        problems.push({
          path: itemPath,
          message: `${describeValue(value)} is not a HealthLake IAM action.${hint}${failOpen} If AWS added this action after this library's catalogue was built, list it in "acknowledgedActions".`,
        });
        return;
      }
      case "other-service":
        warnings.push({
          id: PolicyWarningId.OtherServiceAction,
          path: itemPath,
          message: `${describeValue(value)} belongs to the "${resolution.service}" service; a HealthLake endpoint only carries HealthLake requests, so this action never matches there.`,
        });
        resolved.push(resolution.action);
        return;
      default:
        resolved.push(resolution.action);
    }
  });
  return sortUnique(resolved);
}

/**
 * Reads a string-or-list field. Returns the sorted, de-duplicated list, or `undefined` when the field is
 * absent or invalid (a problem is recorded for invalid values).
 */
function readStringList(value: unknown, path: string, problems: ValidationProblem[], keepOrder = false): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value === "string" && value !== "") {
    return [value];
  }
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string" && item !== "")) {
    return keepOrder ? [...value] : sortUnique(value as string[]);
  }
  problems.push({ path, message: `${describeValue(value)} is not valid here; use a non-empty string or a non-empty list of non-empty strings.` });
  return undefined;
}

function parseCondition(
  value: unknown,
  path: string,
  problems: ValidationProblem[],
): Record<string, Record<string, ConditionValue[]>> | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    problems.push({ path, message: `${describeValue(value)} is not a valid Condition; use an object of operators, for example {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}.` });
    return undefined;
  }

  const result: Record<string, Record<string, ConditionValue[]>> = {};
  for (const [operator, block] of Object.entries(value)) {
    const operatorPath = joinPath(path, operator);
    const operatorProblem = validateConditionOperator(operator);
    if (operatorProblem) {
      problems.push({ path: operatorPath, message: operatorProblem });
      continue;
    }
    if (!isPlainObject(block) || Object.keys(block).length === 0) {
      problems.push({ path: operatorPath, message: `${describeValue(block)} is not valid; an operator takes an object of condition keys to values, for example {"aws:PrincipalAccount": "111111111111"}.` });
      continue;
    }

    const keys: Record<string, ConditionValue[]> = {};
    for (const [key, raw] of Object.entries(block)) {
      const values = Array.isArray(raw) ? raw : [raw];
      if (key === "" || values.length === 0 || !values.every(isConditionValue)) {
        problems.push({ path: joinPath(operatorPath, key), message: `${describeValue(raw)} is not a valid condition value; use a string, number or boolean, or a non-empty list of them.` });
        continue;
      }
      keys[key] = sortUniqueValues(values);
    }
    result[operator] = keys;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isConditionValue(value: unknown): value is ConditionValue {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/** Sorts by UTF-16 code units, which gives the same order on every machine and locale. */
export function sortUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function sortUniqueValues(values: readonly ConditionValue[]): ConditionValue[] {
  const byText = new Map(values.map((value) => [JSON.stringify(value), value]));
  return [...byText.keys()].sort().map((text) => byText.get(text) as ConditionValue);
}
