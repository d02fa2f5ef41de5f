import { createHash } from "crypto";
import { Fn } from "cdktf";
import { HealthLakeValidationError, ValidationProblem } from "../errors";
import { ACCOUNT_ID_PATTERN } from "./principals";
import { ENDPOINT_POLICY_MAX_CHARACTERS, POLICY_VERSION } from "./policy-json";
import { checkHealthLakeArn, DATASTORE_ID_PATTERN, datastoreArn } from "./resources";
import { PolicyStatement } from "./statement";
import { containsToken, escapeTemplateSequences, isTokenString, maskTokens, withoutTokens } from "./tokens";
import { PolicyWarning, PolicyWarningId } from "./warnings";

/** The endpoint a policy is rendered for. */
export interface PolicyRenderContext {
  /** AWS partition of the endpoint's Region, for example `aws`. */
  readonly partition: string;
  /** Region of the endpoint; HealthLake ARNs must name it. */
  readonly region: string;
  /**
   * Account that owns datastores given by id. It may be a Terraform value, such as the account id of
   * `data "aws_caller_identity"`.
   *
   * @default - datastores given by id are rejected
   */
  readonly accountId?: string;
}

/** A rendered policy: the JSON and its size against the quota. */
export interface RenderedPolicy {
  /**
   * Minified JSON with keys in a fixed order and lists sorted. When the policy contains Terraform
   * values, it is a `jsonencode(...)` expression that Terraform evaluates at plan time.
   */
  readonly json: string;
  /**
   * The value to write into a Terraform configuration: `json` with IAM policy variables escaped
   * (`$${aws:username}`), so Terraform passes them to AWS as written.
   */
  readonly terraformValue: string;
  /** Length of the JSON in characters; with Terraform values, the length of the part known at synth. */
  readonly characters: number;
  /** Whether `characters` is the exact size, which it is unless the policy contains Terraform values. */
  readonly sizeKnown: boolean;
  readonly warnings: readonly PolicyWarning[];
}

/**
 * Renders statements to canonical JSON: the same statements in any order give the same bytes.
 *
 * Every statement gets a Sid (the user's, or one derived from its content), statements are sorted by
 * Sid, statements that are identical apart from order collapse into one, and two different statements
 * with one Sid are rejected. A bare account id principal is written as the account root ARN and a bare
 * datastore id resource as the datastore ARN, the forms AWS stores, so the next plan shows no change.
 *
 * @throws HealthLakeValidationError when ARNs do not fit the endpoint, statements conflict, or the
 *   JSON exceeds the size quota
 */
export function renderPolicy(statements: readonly PolicyStatement[], context: PolicyRenderContext): RenderedPolicy {
  const problems: ValidationProblem[] = [];
  const bySid = new Map<string, { body: string; json: Record<string, unknown> }>();

  statements.forEach((statement, index) => {
    const body = statementBody(statement, context, `Statement[${index}]`, problems);
    const bodyText = JSON.stringify(body);
    const sid = statement.sid ?? deriveSid(bodyText);
    const existing = bySid.get(sid);

    if (existing === undefined) {
      bySid.set(sid, { body: bodyText, json: { Sid: sid, ...body } });
    } else if (existing.body !== bodyText) {
      problems.push({ path: `Statement[${index}].Sid`, message: `two different statements use the Sid "${sid}"; give each statement its own Sid.` });
    }
  });
  if (problems.length > 0) {
    throw new HealthLakeValidationError("Endpoint policy", problems);
  }

  const document = { Version: POLICY_VERSION, Statement: [...bySid.keys()].sort().map((sid) => bySid.get(sid)?.json) };
  const text = JSON.stringify(document);
  const sizeKnown = !containsToken(document);
  const characters = sizeKnown ? text.length : withoutTokens(text).length;

  if (characters > ENDPOINT_POLICY_MAX_CHARACTERS) {
    const measured = sizeKnown ? `has ${characters} characters` : `has at least ${characters} characters before its Terraform values are filled in`;
    throw new HealthLakeValidationError("Endpoint policy", [
      {
        path: "",
        message: `the rendered policy ${measured}, over the VPC endpoint policy quota of ${ENDPOINT_POLICY_MAX_CHARACTERS} characters, which AWS does not raise; merge statements, use action wildcards, or move access rules into IAM policies.`,
      },
    ]);
  }
  if (sizeKnown) {
    return { json: text, terraformValue: escapeTemplateSequences(text), characters, sizeKnown, warnings: [] };
  }

  // JSON.stringify would turn a list token into a quoted placeholder, so a policy with Terraform values
  // is written as jsonencode(...), which Terraform evaluates with the real values.
  const warning: PolicyWarning = {
    id: PolicyWarningId.PolicySizeUnknown,
    path: "",
    message: `the policy contains Terraform values, so its size is known only at plan time; the part known now has ${characters} of the ${ENDPOINT_POLICY_MAX_CHARACTERS} characters allowed.`,
  };
  const json = Fn.jsonencode(escapeForExpression(document));
  return { json, terraformValue: json, characters, sizeKnown, warnings: [warning] };
}

/** Builds a statement without Sid, keys in the fixed order Effect, Principal, Action, Resource, Condition. */
function statementBody(statement: PolicyStatement, context: PolicyRenderContext, path: string, problems: ValidationProblem[]): Record<string, unknown> {
  const body: Record<string, unknown> = { Effect: statement.effect };

  body.Principal = statement.principal === "*" ? "*" : { AWS: expandPrincipals(statement.principal.AWS, context) };
  if (statement.action) {
    body.Action = statement.action;
  }
  if (statement.notAction) {
    body.NotAction = statement.notAction;
  }
  if (statement.resource) {
    body.Resource = expandResources(statement.resource, context, `${path}.Resource`, problems);
  }
  if (statement.notResource) {
    body.NotResource = expandResources(statement.notResource, context, `${path}.NotResource`, problems);
  }
  if (statement.condition) {
    body.Condition = sortKeysDeep(statement.condition);
  }
  return body;
}

function expandPrincipals(principals: readonly string[], context: PolicyRenderContext): string[] {
  const expanded = principals.map((principal) => (ACCOUNT_ID_PATTERN.test(principal) ? `arn:${context.partition}:iam::${principal}:root` : principal));
  return [...new Set(expanded)].sort();
}

function expandResources(resources: readonly string[], context: PolicyRenderContext, path: string, problems: ValidationProblem[]): string[] {
  const expanded = resources.map((resource, index) => {
    const itemPath = `${path}[${index}]`;
    if (DATASTORE_ID_PATTERN.test(resource)) {
      if (context.accountId === undefined) {
        problems.push({ path: itemPath, message: `"${resource}" is a datastore id, but no account id is known to build its ARN; give the full datastore ARN.` });
        return resource;
      }
      return datastoreArn(resource, context, context.accountId);
    }

    const problem = checkHealthLakeArn(resource, itemPath, context);
    if (problem) {
      problems.push(problem);
    }
    return resource;
  });
  return [...new Set(expanded)].sort();
}

/**
 * Prepares the strings of a JSON value for `Fn.jsonencode`. cdktf writes them into an HCL expression as
 * quoted literals and escapes `${` there, but not backslashes, quotes or `%{`, so those are escaped here.
 */
function escapeForExpression(value: unknown): unknown {
  const escapeLiteral = (text: string) => (isTokenString(text) ? text : text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%\{/g, "%%{"));
  if (typeof value === "string") {
    return escapeLiteral(value);
  }
  if (Array.isArray(value)) {
    return value.map(escapeForExpression);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeLiteral(key), escapeForExpression(item)]));
  }
  return value;
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value) || typeof value !== "object" || value === null) {
    return value;
  }
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeysDeep(record[key])]),
  );
}

/** Derives a Sid from a statement's canonical content: `S` and the first 16 hex digits of its SHA-256. */
function deriveSid(bodyText: string): string {
  return `S${createHash("sha256").update(maskTokens(bodyText)).digest("hex").slice(0, 16)}`;
}
