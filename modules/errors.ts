/** One problem found while validating construct props, a policy document or a config file. */
export interface ValidationProblem {
  /**
   * Location of the bad value, for example `endpoints[1].subnets[0]` or `Statement[0].Action[2]`; empty
   * when the problem concerns the whole subject.
   */
  readonly path: string;
  /** Description of the problem, with the bad value and what is allowed. */
  readonly message: string;
}

/**
 * Thrown when props, a policy or a config file fail validation. It carries every problem found, so a
 * user fixes them all in one pass.
 */
export class HealthLakeValidationError extends Error {
  public readonly problems: readonly ValidationProblem[];

  constructor(subject: string, problems: readonly ValidationProblem[]) {
    const lines = problems.map((problem) => (problem.path === "" ? `  - ${problem.message}` : `  - ${problem.path}: ${problem.message}`));
    super(`${subject} is invalid (${problems.length} ${problems.length === 1 ? "problem" : "problems"}):\n${lines.join("\n")}`);
    this.name = "HealthLakeValidationError";
    this.problems = problems;
  }
}

/** Joins a parent path and a child path: `joinPath("endpoints[0]", "subnets[1]")`. */
export function joinPath(parent: string, child: string): string {
  if (parent === "") {
    return child;
  }
  if (child === "") {
    return parent;
  }
  return child.startsWith("[") ? `${parent}${child}` : `${parent}.${child}`;
}

/** Returns the problems with `prefix` put before each path. */
export function prefixProblems(prefix: string, problems: readonly ValidationProblem[]): ValidationProblem[] {
  return problems.map((problem) => ({ path: joinPath(prefix, problem.path), message: problem.message }));
}

/** Formats a value for a message: strings quoted, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return "undefined";
  }
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
