import { closestMatch } from "../text-distance";

/**
 * Condition operators of the IAM JSON policy language ("IAM JSON policy elements: Condition operators"
 * in the IAM User Guide). Each one except `Null` also exists with the `IfExists` suffix, and each one may
 * take the `ForAnyValue:` or `ForAllValues:` set prefix.
 */
export const CONDITION_OPERATORS: readonly string[] = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
];

const SET_PREFIXES = ["ForAnyValue:", "ForAllValues:"];

/** Returns a message when `operator` is not an IAM condition operator, or `undefined` when it is. */
export function validateConditionOperator(operator: string): string | undefined {
  let base = operator;
  const prefix = SET_PREFIXES.find((candidate) => base.startsWith(candidate));
  if (prefix === undefined && base.includes(":")) {
    const written = base.slice(0, base.indexOf(":") + 1);
    return `"${written}" is not an IAM set operator prefix; use "ForAnyValue:" or "ForAllValues:", as in "ForAnyValue:${base.slice(written.length)}".`;
  }
  if (prefix) {
    base = base.slice(prefix.length);
  }
  if (base.endsWith("IfExists") && base !== "NullIfExists") {
    base = base.slice(0, -"IfExists".length);
  }
  if (CONDITION_OPERATORS.includes(base)) {
    return undefined;
  }

  const suggestion = closestMatch(base, CONDITION_OPERATORS);
  const hint = suggestion ? ` Did you mean "${(prefix ?? "") + suggestion}"?` : "";
  return `"${operator}" is not an IAM condition operator.${hint} Operators are ${CONDITION_OPERATORS.join(", ")}, each optionally with the "IfExists" suffix (except Null) and the "ForAnyValue:" or "ForAllValues:" prefix.`;
}
