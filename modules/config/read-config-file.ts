import { readFileSync } from "fs";
import { findNodeAtLocation, Node, parseTree, ParseError, printParseErrorCode } from "jsonc-parser";
import { HealthLakeValidationError, ValidationProblem } from "../errors";

/** A config file's text and parsed JSON, with a way to find where a path sits in the text. */
export interface ConfigFileContent {
  readonly path: string;
  readonly json: unknown;
  /** Returns ` (line L, column C)` for a problem path such as `endpoints[1].subnets[0]`, or "". */
  readonly locate: (problemPath: string) => string;
}

/**
 * Reads and parses a JSON config file.
 *
 * @throws HealthLakeValidationError when the file is missing, unreadable or not valid JSON, naming the
 *   line and column of each syntax error
 */
export function readConfigFile(path: string): ConfigFileContent {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : `the file cannot be read (${(error as Error).message})`;
    throw new HealthLakeValidationError(`Config file ${path}`, [{ path: "(file)", message: `${reason}. Create it, or point HEALTHLAKE_ENDPOINTS_CONFIG at an existing file.` }]);
  }

  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || tree === undefined) {
    const problems: ValidationProblem[] = errors.map((error) => {
      const { line, column } = lineAndColumn(text, error.offset);
      return { path: `(line ${line}, column ${column})`, message: `invalid JSON: ${describeParseError(printParseErrorCode(error.error))}.` };
    });
    if (problems.length === 0) {
      problems.push({ path: "(file)", message: "the file is empty; it must hold a JSON object with an \"endpoints\" list." });
    }
    throw new HealthLakeValidationError(`Config file ${path}`, problems);
  }

  return {
    path,
    json: JSON.parse(text) as unknown,
    locate: (problemPath: string) => locate(text, tree, problemPath),
  };
}

function locate(text: string, tree: Node, problemPath: string): string {
  const segments: (string | number)[] = [];
  for (const match of problemPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] === undefined ? match[1] : Number(match[2]));
  }
  // Walk up to the deepest part of the path that exists in the file.
  for (let length = segments.length; length > 0; length--) {
    const node = findNodeAtLocation(tree, segments.slice(0, length));
    if (node) {
      const start = node.parent?.type === "property" ? node.parent.offset : node.offset;
      const { line, column } = lineAndColumn(text, start);
      return ` (line ${line}, column ${column})`;
    }
  }
  return "";
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { line, column };
}

/** Turns jsonc-parser's error codes (`CommaExpected`) into words (`comma expected`). */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
