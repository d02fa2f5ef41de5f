import { quoteLiteral, quoteTemplate, soleInterpolation } from "./template";

/**
 * Terraform JSON (the `cdk.tf.json` that cdktf synthesizes) written as native HCL. Terraform JSON does
 * not say whether a nested object is a block or an object-typed argument. That comes from the
 * provider schema, passed in as block paths (see `collectBlockPaths`).
 */

/** Top-level sections in the order they are written. */
export const HCL_SECTIONS = ["terraform", "provider", "variable", "locals", "data", "resource", "output", "moved", "import"] as const;

/** A top-level section of a Terraform configuration. */
export type HclSection = (typeof HCL_SECTIONS)[number];

/**
 * Schema paths of nested blocks: `resource.<type>.<block>` (deeper blocks append their names),
 * `data.<type>.<block>` and `provider.<name>.<block>`.
 */
export type BlockPaths = ReadonlySet<string>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Reading of the strings of a value: as templates (most arguments) or as plain text (defaults, backends). */
type ValueMode = "template" | "literal";

const INDENT = "  ";
const HCL_KEYWORDS = new Set(["for", "in", "if", "true", "false", "null"]);
/** cdktf's comment key, which Terraform JSON ignores and HCL has no place for. */
const COMMENT_KEY = "//";

/**
 * Writes the given sections of a Terraform JSON configuration as HCL, one block after another with a
 * blank line between blocks. The text is valid HCL but not aligned; `formatHcl` aligns it.
 *
 * @throws Error for a top-level section or meta-argument this writer does not support (`module`,
 *   `check`, `dynamic`, `provisioner`), so nothing is dropped silently
 */
export function terraformJsonToHcl(json: unknown, blockPaths: BlockPaths, sections: readonly HclSection[] = HCL_SECTIONS): string {
  const config = asObject(json, "the configuration");
  for (const key of Object.keys(config)) {
    if (key !== COMMENT_KEY && !(HCL_SECTIONS as readonly string[]).includes(key)) {
      throw new Error(`Terraform JSON section "${key}" is not supported by the HCL writer; it supports ${HCL_SECTIONS.join(", ")}.`);
    }
  }

  const blocks: string[] = [];
  for (const section of sections) {
    const value = config[section];
    if (value !== undefined) {
      blocks.push(...renderSection(section, value, blockPaths));
    }
  }
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

function renderSection(section: HclSection, value: Json, blockPaths: BlockPaths): string[] {
  // moved and import are lists of blocks without labels; the other sections are objects keyed by name.
  if (section === "moved") {
    return (Array.isArray(value) ? value : [value]).map((moved) => {
      const { from, to } = asObject(moved, "moved");
      return block("moved", [], attributeLines([["from", String(from)], ["to", String(to)]]));
    });
  }
  if (section === "import") {
    return (Array.isArray(value) ? value : [value]).map((imported) => {
      const { to, id } = asObject(imported, "import");
      return block("import", [], attributeLines([["to", String(to)], ["id", renderValue(id as Json, "template")]]));
    });
  }
  const byName = asObject(value, section);
  switch (section) {
    case "terraform":
      return [block("terraform", [], renderTerraformBody(byName))];
    case "provider":
      return Object.entries(byName).flatMap(([name, instances]) =>
        (Array.isArray(instances) ? instances : [instances]).map((instance) => block("provider", [name], renderBody(asObject(instance, `provider.${name}`), `provider.${name}`, blockPaths))),
      );
    case "variable":
      return Object.entries(byName).map(([name, body]) => block("variable", [name], renderVariableBody(asObject(body, `variable.${name}`))));
    case "locals":
      return [block("locals", [], attributeLines(Object.entries(withoutComments(byName)).map(([name, local]) => [name, renderValue(local, "template")])))];
    case "output":
      return Object.entries(byName).map(([name, body]) => block("output", [name], renderOutputBody(asObject(body, `output.${name}`))));
    case "data":
    case "resource":
      return Object.entries(byName).flatMap(([type, instances]) =>
        Object.entries(asObject(instances, `${section}.${type}`)).map(([name, body]) =>
          block(section, [type, name], renderBody(asObject(body, `${section}.${type}.${name}`), `${section}.${type}`, blockPaths)),
        ),
      );
  }
}

function renderTerraformBody(terraform: JsonObject): string[] {
  const lines: string[] = [];
  const attributes: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(withoutComments(terraform))) {
    if (key === "required_providers") {
      const providers = Object.entries(asObject(value, "terraform.required_providers")).map(([name, requirement]): [string, string] => [name, renderValue(requirement, "literal")]);
      lines.push(...nested(block("required_providers", [], attributeLines(providers))));
    } else if (key === "backend" || key === "cloud") {
      const entries = key === "cloud" ? [["", value] as const] : Object.entries(asObject(value, "terraform.backend"));
      for (const [type, settings] of entries) {
        const settingLines = attributeLines(Object.entries(withoutComments(asObject(settings, `terraform.${key}`))).map(([name, setting]) => [name, renderValue(setting, "literal")]));
        lines.push(...nested(block(key, type === "" ? [] : [type], settingLines)));
      }
    } else {
      attributes.push([key, renderValue(value, "literal")]);
    }
  }
  return [...attributeLines(attributes), ...lines];
}

/** Attribute order of variable blocks, as the Terraform style guide writes them. */
const VARIABLE_KEY_ORDER = ["description", "type", "default", "sensitive", "nullable", "ephemeral"];

function renderVariableBody(variable: JsonObject): string[] {
  const attributes: Array<[string, string]> = [];
  const blocks: string[] = [];
  for (const [key, value] of sortKeys(withoutComments(variable), VARIABLE_KEY_ORDER)) {
    if (key === "type") {
      attributes.push([key, String(value)]);
    } else if (key === "validation") {
      blocks.push(...conditionBlocks("validation", value));
    } else if (key === "default" || key === "description") {
      attributes.push([key, renderValue(value, "literal")]);
    } else {
      attributes.push([key, renderValue(value, "template")]);
    }
  }
  return joinGroups(attributeLines(attributes), blocks);
}

function renderOutputBody(output: JsonObject): string[] {
  const attributes: Array<[string, string]> = [];
  const blocks: string[] = [];
  for (const [key, value] of Object.entries(withoutComments(output))) {
    if (key === "description") {
      attributes.push([key, renderValue(value, "literal")]);
    } else if (key === "depends_on") {
      attributes.push([key, traversalList(value)]);
    } else if (key === "precondition") {
      blocks.push(...conditionBlocks("precondition", value));
    } else {
      attributes.push([key, renderValue(value, "template")]);
    }
  }
  return joinGroups(attributeLines(attributes), blocks);
}

/**
 * Writes the body of a resource, data source, provider or nested block. Meta-arguments come first
 * (`count`, `for_each`, `provider`), then arguments, then nested blocks, then `depends_on` and
 * `lifecycle`, the order the Terraform style guide uses.
 */
function renderBody(body: JsonObject, schemaPath: string, blockPaths: BlockPaths): string[] {
  const first: Array<[string, string]> = [];
  const attributes: Array<[string, string]> = [];
  const blocks: string[] = [];
  const last: string[] = [];

  for (const [key, value] of Object.entries(withoutComments(body))) {
    const path = `${schemaPath}.${key}`;
    if (key === "dynamic" || key === "provisioner" || key === "connection") {
      throw new Error(`"${key}" in ${schemaPath} is not supported by the HCL writer.`);
    }
    if (key === "count" || key === "for_each") {
      first.push([key, renderValue(value, "template")]);
    } else if (key === "provider") {
      first.push([key, String(value)]);
    } else if (key === "depends_on") {
      last.push(...attributeLines([[key, traversalList(value)]]));
    } else if (key === "lifecycle") {
      last.push(block("lifecycle", [], renderLifecycleBody(asObject(value, path))));
    } else if (blockPaths.has(path)) {
      for (const instance of Array.isArray(value) ? value : [value]) {
        blocks.push(block(key, [], renderBody(asObject(instance, path), path, blockPaths)));
      }
    } else {
      attributes.push([key, renderValue(value, "template")]);
    }
  }
  return joinGroups(attributeLines(first), attributeLines(attributes), blocks, last);
}

function renderLifecycleBody(lifecycle: JsonObject): string[] {
  const attributes: Array<[string, string]> = [];
  const blocks: string[] = [];
  for (const [key, value] of Object.entries(withoutComments(lifecycle))) {
    if (key === "precondition" || key === "postcondition") {
      blocks.push(...conditionBlocks(key, value));
    } else if (key === "ignore_changes" && value === "all") {
      attributes.push([key, "all"]);
    } else if (key === "ignore_changes" || key === "replace_triggered_by") {
      attributes.push([key, traversalList(value)]);
    } else {
      attributes.push([key, renderValue(value, "template")]);
    }
  }
  return joinGroups(attributeLines(attributes), blocks);
}

/** Writes `validation`, `precondition` or `postcondition` blocks: a condition and an error message. */
function conditionBlocks(name: string, value: Json): string[] {
  return (Array.isArray(value) ? value : [value]).map((entry) => {
    const attributes = sortKeys(withoutComments(asObject(entry, name)), ["condition", "error_message"]).map(([key, item]): [string, string] => [key, renderValue(item, "template")]);
    return block(name, [], attributeLines(attributes));
  });
}

/** Writes a value as an HCL expression. A template that is one interpolation becomes the bare expression. */
function renderValue(value: Json, mode: ValueMode): string {
  if (value === null) {
    return "null";
  }
  if (typeof value === "boolean" || typeof value === "number") {
    return String(value);
  }
  if (typeof value === "string") {
    if (mode === "literal") {
      return quoteLiteral(value);
    }
    const expression = soleInterpolation(value);
    if (expression === undefined) {
      return quoteTemplate(value);
    }
    return expression.includes("\n") ? `(${expression})` : expression;
  }
  if (Array.isArray(value)) {
    return renderList(value, mode);
  }
  return renderObject(value, mode);
}

function renderList(values: Json[], mode: ValueMode): string {
  if (values.length === 0) {
    return "[]";
  }
  const items = values.map((item) => renderValue(item, mode));
  const oneLine = `[${items.join(", ")}]`;
  if (!items.some((item) => item.includes("\n")) && oneLine.length <= 100) {
    return oneLine;
  }
  return ["[", ...items.map((item) => indent(`${item},`)), "]"].join("\n");
}

function renderObject(object: JsonObject, mode: ValueMode): string {
  const entries = Object.entries(withoutComments(object));
  if (entries.length === 0) {
    return "{}";
  }
  const lines = entries.map(([key, item]) => `${objectKey(key, mode)} = ${renderValue(item, mode)}`);
  return ["{", ...lines.map(indent), "}"].join("\n");
}

function objectKey(key: string, mode: ValueMode): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !HCL_KEYWORDS.has(key)) {
    return key;
  }
  return mode === "literal" ? quoteLiteral(key) : quoteTemplate(key);
}

/** Writes a list of references (`depends_on`, `ignore_changes`), which Terraform JSON gives as strings. */
function traversalList(value: Json): string {
  const items = (Array.isArray(value) ? value : [value]).map((item) => {
    const text = String(item);
    return soleInterpolation(text) ?? text;
  });
  return `[${items.join(", ")}]`;
}

function block(type: string, labels: readonly string[], bodyLines: readonly string[]): string {
  const header = [type, ...labels.map((label) => quoteLiteral(label))].join(" ");
  if (bodyLines.length === 0) {
    return `${header} {}`;
  }
  return [`${header} {`, ...bodyLines.map(indent), "}"].join("\n");
}

function attributeLines(attributes: ReadonlyArray<readonly [string, string]>): string[] {
  return attributes.map(([name, value]) => `${name} = ${value}`);
}

/** Joins groups of lines with a blank line between non-empty groups. */
function joinGroups(...groups: ReadonlyArray<readonly string[]>): string[] {
  const filled = groups.filter((group) => group.length > 0);
  return filled.flatMap((group, index) => (index === 0 ? [...group] : ["", ...group]));
}

function nested(text: string): string[] {
  return text.split("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : `${INDENT}${line}`))
    .join("\n");
}

/** Returns the entries with the keys of `order` first, in that order, then the others as they come. */
function sortKeys(object: JsonObject, order: readonly string[]): Array<[string, Json]> {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(object).sort(([left], [right]) => rank(left) - rank(right));
}

function withoutComments(object: JsonObject): JsonObject {
  const copy = { ...object };
  delete copy[COMMENT_KEY];
  return copy;
}

function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`Expected an object for ${what} in the Terraform JSON, got ${JSON.stringify(value)}.`);
  }
  return value as JsonObject;
}
