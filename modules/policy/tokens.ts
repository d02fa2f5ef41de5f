import { Token } from "cdktf";

/** Returns whether any string inside `value` is an unresolved cdktf token. */
export function containsToken(value: unknown): boolean {
  if (typeof value === "string") {
    return Token.isUnresolved(value);
  }
  if (Array.isArray(value)) {
    return Token.isUnresolved(value) || value.some(containsToken);
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(([key, item]) => Token.isUnresolved(key) || containsToken(item));
  }
  return false;
}

/** Returns whether a string is a cdktf token, including the element that encodes a list token. */
export function isTokenString(text: string): boolean {
  return Token.isUnresolved(text) || Token.isUnresolved([text]);
}

/**
 * Escapes Terraform template sequences in a literal string: `${` becomes `$${` and `%{` becomes `%%{`.
 * Terraform reads both as the start of an expression in any string of a configuration, so an IAM
 * policy variable such as `${aws:PrincipalAccount}` would otherwise break the plan. Embedded cdktf
 * tokens are left alone, because they must become Terraform expressions.
 */
export function escapeTemplateSequences(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, "$$${").replace(/%\{/g, "%%{");
}

/** Returns `text` with every embedded cdktf token removed: the part of it known at synth. */
export function withoutTokens(text: string): string {
  return text.replace(/\$\{TfToken\[[^\]]*\]\}|#\{TfToken\[[^\]]*\]\}/g, "");
}

/**
 * Returns `text` with every embedded token replaced by a fixed marker. Token strings carry a number
 * that depends on how many tokens the process created before, so anything derived from a string with
 * tokens, such as a Sid, must not see that number.
 */
export function maskTokens(text: string): string {
  return text.replace(/\$\{TfToken\[[^\]]*\]\}|#\{TfToken\[[^\]]*\]\}/g, "<token>");
}
