/**
 * Terraform template strings as they appear in Terraform JSON: literal text with `${ ... }`
 * interpolations and `%{ ... }` directives. Turning them into native HCL needs to know where each
 * sequence ends, because only the literal text gets HCL string escapes.
 */

/** One part of a template: literal text, or a whole `${ ... }` or `%{ ... }` sequence with its delimiters. */
export type TemplatePart = { readonly kind: "literal"; readonly text: string } | { readonly kind: "sequence"; readonly text: string };

/**
 * Splits a template into literal text and sequences. `$${` and `%%{` are escapes of literal text and
 * stay in the literal parts as written.
 *
 * @throws Error when a sequence is not closed
 */
export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let index = 0;
  while (index < template.length) {
    const pair = template.slice(index, index + 2);
    const triple = template.slice(index, index + 3);
    if (triple === "$${" || triple === "%%{") {
      literal += triple;
      index += 3;
      continue;
    }
    if (pair === "${" || pair === "%{") {
      const end = findSequenceEnd(template, index + 2);
      if (literal !== "") {
        parts.push({ kind: "literal", text: literal });
        literal = "";
      }
      parts.push({ kind: "sequence", text: template.slice(index, end + 1) });
      index = end + 1;
      continue;
    }
    literal += template[index];
    index += 1;
  }
  if (literal !== "") {
    parts.push({ kind: "literal", text: literal });
  }
  return parts;
}

/**
 * Returns the expression of a template that is one `${ ... }` interpolation and nothing else, or
 * `undefined`. Terraform evaluates such a template to the expression's value unchanged, so it can be
 * written as the bare expression, as `terraform fmt` does.
 */
export function soleInterpolation(template: string): string | undefined {
  const parts = splitTemplate(template);
  if (parts.length !== 1 || parts[0].kind !== "sequence" || !parts[0].text.startsWith("${")) {
    return undefined;
  }
  return parts[0].text.slice(2, -1).trim();
}

/**
 * Writes a Terraform JSON template as a quoted HCL string: literal text gets HCL escapes, sequences
 * are kept as written, because their content is already HCL expression syntax.
 */
export function quoteTemplate(template: string): string {
  const body = splitTemplate(template)
    .map((part) => (part.kind === "sequence" ? part.text : escapeLiteral(part.text)))
    .join("");
  return `"${body}"`;
}

/** Writes a plain string, which Terraform must not read as a template, as a quoted HCL string. */
export function quoteLiteral(text: string): string {
  return `"${escapeLiteral(text.replace(/\$\{/g, "$$$${").replace(/%\{/g, "%%{"))}"`;
}

function escapeLiteral(text: string): string {
  let escaped = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === "\\") {
      escaped += "\\\\";
    } else if (character === '"') {
      escaped += '\\"';
    } else if (character === "\n") {
      escaped += "\\n";
    } else if (character === "\r") {
      escaped += "\\r";
    } else if (character === "\t") {
      escaped += "\\t";
    } else if (code < 0x20 || code === 0x7f) {
      escaped += `\\u${code.toString(16).padStart(4, "0")}`;
    } else {
      escaped += character;
    }
  }
  return escaped;
}

/**
 * Returns the index of the `}` that closes a sequence whose content starts at `start`. Braces inside
 * the expression and inside its quoted strings (which may hold templates of their own) are skipped.
 */
function findSequenceEnd(text: string, start: number): number {
  let depth = 1;
  let index = start;
  while (index < text.length) {
    const character = text[index];
    if (character === '"') {
      index = findStringEnd(text, index + 1) + 1;
      continue;
    }
    if (character === "{") {
      depth += 1;
    } else if (character === "}") {
      depth -= 1;
      if (depth === 0) {
        return index;
      }
    }
    index += 1;
  }
  throw new Error(`Unclosed template sequence in ${JSON.stringify(text)}`);
}

/** Returns the index of the `"` that closes a quoted string inside an expression. */
function findStringEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length) {
    const character = text[index];
    const pair = text.slice(index, index + 2);
    if (character === "\\") {
      index += 2;
      continue;
    }
    if (text.slice(index, index + 3) === "$${" || text.slice(index, index + 3) === "%%{") {
      index += 3;
      continue;
    }
    if (pair === "${" || pair === "%{") {
      index = findSequenceEnd(text, index + 2) + 1;
      continue;
    }
    if (character === '"') {
      return index;
    }
    index += 1;
  }
  throw new Error(`Unclosed string in template expression ${JSON.stringify(text)}`);
}
