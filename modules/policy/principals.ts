import { describeValue, ValidationProblem } from "../errors";
import { isTokenString } from "./tokens";

/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/**
 * IAM principal ARNs a VPC endpoint policy can name: an account root, a role or a user (with an optional
 * path). Partitions are `aws`, `aws-cn`, `aws-us-gov` and the ISO ones.
 */
export const PRINCIPAL_ARN_PATTERN = /^arn:aws(-[a-z-]+)?:iam::(\d{12}):(root|(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]+)$/;
const STS_ARN_PATTERN = /^arn:aws(-[a-z-]+)?:sts::/;

export interface PrincipalParseResult {
  readonly principal?: "*" | { readonly AWS: readonly string[] };
  readonly problems: ValidationProblem[];
}

/**
 * Validates the `Principal` of a statement: `"*"`, or `{"AWS": ...}` with `"*"`, account ids, account root
 * ARNs, role ARNs or user ARNs. The list is returned sorted and de-duplicated.
 */
export function validatePrincipal(value: unknown, path: string): PrincipalParseResult {
  if (value === "*") {
    return { principal: "*", problems: [] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      problems: [{ path, message: `${describeValue(value)} is not a valid Principal; use "*" or {"AWS": [account ids or IAM role, user or account root ARNs]}.` }],
    };
  }

  const problems: ValidationProblem[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== "AWS") {
      problems.push({ path: `${path}.${key}`, message: `principal type "${key}" is not supported in a VPC endpoint policy; only "AWS" principals reach an interface endpoint.` });
    }
  }
  const raw = record.AWS;
  if (raw === undefined) {
    if (problems.length === 0) {
      problems.push({ path, message: 'the Principal object has no "AWS" key; use {"AWS": [...]} or "*".' });
    }
    return { problems };
  }

  const entries = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(entries) || entries.length === 0) {
    problems.push({ path: `${path}.AWS`, message: `${describeValue(raw)} is not valid; use a principal string or a non-empty list of them.` });
    return { problems };
  }

  entries.forEach((entry: unknown, index) => {
    const entryPath = typeof raw === "string" ? `${path}.AWS` : `${path}.AWS[${index}]`;
    const problem = checkPrincipalEntry(entry);
    if (problem) {
      problems.push({ path: entryPath, message: problem });
    }
  });
  if (entries.includes("*") && entries.length > 1) {
    problems.push({ path: `${path}.AWS`, message: 'mixes "*" with specific principals; "*" already matches everyone, so drop "*" or the others and narrow with a condition instead.' });
  }

  if (problems.length > 0) {
    return { problems };
  }
  return { principal: { AWS: [...new Set(entries as string[])].sort() }, problems };
}

function checkPrincipalEntry(entry: unknown): string | undefined {
  if (typeof entry !== "string") {
    return `${describeValue(entry)} is not a valid principal; use an account id or an IAM ARN string.`;
  }
  if (isTokenString(entry) || entry === "*" || ACCOUNT_ID_PATTERN.test(entry) || PRINCIPAL_ARN_PATTERN.test(entry)) {
    return undefined;
  }
  if (STS_ARN_PATTERN.test(entry)) {
    return `${describeValue(entry)} is an STS session ARN, which changes at every session; name the role instead (arn:aws:iam::<account>:role/<name>), or match sessions with an "aws:PrincipalArn" condition.`;
  }
  return `${describeValue(entry)} is not a valid principal; use "*", a 12-digit account id, or an ARN such as arn:aws:iam::111111111111:root, arn:aws:iam::111111111111:role/<name> or arn:aws:iam::111111111111:user/<name>.`;
}
