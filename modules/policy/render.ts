import { createHash } from "crypto";
import { HealthLakeValidationError, ValidationProblem } from "../errors";
import { ACCOUNT_ID_PATTERN } from "./principals";
import { ENDPOINT_POLICY_MAX_CHARACTERS, POLICY_VERSION } from "./policy-json";
import { PolicyStatement } from "./statement";

/** Partition of the endpoint's Region, used in the ARNs the renderer writes. */
export interface PolicyRenderContext {
  /** AWS partition, for example `aws`. */
  readonly partition: string;
}

/** A rendered policy: the JSON string and its length against the quota. */
export interface RenderedPolicy {
  /** Minified JSON with keys in a fixed order and lists sorted. */
  readonly json: string;
  /** Length of `json` in characters, which is what the 20,480-character quota counts. */
  readonly characters: number;
}

/**
 * Renders statements to canonical JSON: the same statements in any order give the same bytes.
 *
 * Every statement gets a Sid (the user's, or one derived from its content), statements are sorted by
 * Sid, statements that are identical apart from order collapse into one, and two different statements
 * with one Sid are rejected. A bare account id principal is written as the account root ARN, the form
 * AWS stores, so the next plan shows no change.
 */
export function renderPolicy(statements: readonly PolicyStatement[], context: PolicyRenderContext): RenderedPolicy {
  const problems: ValidationProblem[] = [];
  const bySid = new Map<string, { body: string; json: Record<string, unknown> }>();

  for (const statement of statements) {
    const body = statementBody(statement, context);
    const bodyText = JSON.stringify(body);
    const sid = statement.sid ?? deriveSid(bodyText);
    const existing = bySid.get(sid);

    if (existing === undefined) {
      bySid.set(sid, { body: bodyText, json: { Sid: sid, ...body } });
    } else if (existing.body !== bodyText) {
      problems.push({ path: `Statement(Sid ${sid})`, message: `two different statements use the Sid "${sid}"; give each statement its own Sid.` });
    }
  }
  if (problems.length > 0) {
    throw new HealthLakeValidationError("Endpoint policy", problems);
  }

  const sorted = [...bySid.keys()].sort().map((sid) => bySid.get(sid)?.json);
  const json = JSON.stringify({ Version: POLICY_VERSION, Statement: sorted });
  if (json.length > ENDPOINT_POLICY_MAX_CHARACTERS) {
    throw new HealthLakeValidationError("Endpoint policy", [
      {
        path: "",
        message: `the rendered policy has ${json.length} characters, over the VPC endpoint policy quota of ${ENDPOINT_POLICY_MAX_CHARACTERS} characters, which AWS does not raise; merge statements, use action wildcards, or move access rules into IAM policies.`,
      },
    ]);
  }
  return { json, characters: json.length };
}

/** Builds a statement without Sid, keys in the fixed order Effect, Principal, Action, Resource, Condition. */
function statementBody(statement: PolicyStatement, context: PolicyRenderContext): Record<string, unknown> {
  const body: Record<string, unknown> = { Effect: statement.effect };

  body.Principal = statement.principal === "*" ? "*" : { AWS: expandPrincipals(statement.principal.AWS, context) };
  if (statement.action) {
    body.Action = statement.action;
  }
  if (statement.notAction) {
    body.NotAction = statement.notAction;
  }
  if (statement.resource) {
    body.Resource = statement.resource;
  }
  if (statement.notResource) {
    body.NotResource = statement.notResource;
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
  return `S${createHash("sha256").update(bodyText).digest("hex").slice(0, 16)}`;
}
