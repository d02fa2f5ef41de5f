/**
 * IAM policy documents as AWS writes them. Field names keep IAM's capitalisation so a document pasted
 * from the AWS documentation or console type-checks unchanged.
 */

/** A value of a condition key: IAM accepts strings, and JSON booleans and numbers that it reads as strings. */
export type ConditionValue = string | number | boolean;

/** `"*"` or `{ "AWS": ... }`: the principal forms a VPC endpoint policy accepts. */
export type PrincipalJson = string | { readonly AWS: string | readonly string[] };

/** One statement of an IAM policy document. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: PrincipalJson;
  readonly NotPrincipal?: PrincipalJson;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, ConditionValue | readonly ConditionValue[]>>>>;
}

/** An IAM policy document. `Statement` may be one statement or a list, as in IAM. */
export interface PolicyDocumentJson {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: PolicyStatementJson | readonly PolicyStatementJson[];
}

/** The only policy language version this library writes. `2008-10-17` lacks policy variables. */
export const POLICY_VERSION = "2012-10-17";

/** Fixed quota of AWS PrivateLink: a VPC endpoint policy has at most 20,480 characters. */
export const ENDPOINT_POLICY_MAX_CHARACTERS = 20_480;
