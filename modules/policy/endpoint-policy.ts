import { HealthLakeValidationError, ValidationProblem, describeValue } from "../errors";
import { HEALTHLAKE_SERVICE_PREFIX, resolveAction } from "./actions";
import { ENDPOINT_POLICY_MAX_CHARACTERS, POLICY_VERSION, PolicyStatementJson } from "./policy-json";
import { renderPolicy, PolicyRenderContext, RenderedPolicy } from "./render";
import { isTokenString } from "./tokens";
import { DATASTORE_ID_PATTERN } from "./resources";
import { reviewStatements } from "./review";
import { parseStatement, PolicyStatement } from "./statement";
import { PolicyWarning, PolicyWarningId } from "./warnings";

/** Options for reading a policy document. */
export interface EndpointPolicyOptions {
  /**
   * HealthLake actions to accept although this library's action catalogue does not list them yet, for
   * example an action AWS added last week. Each entry names one action exactly (`healthlake:NewAction`,
   * case-insensitive); wildcards are not accepted here.
   *
   * @default - no action outside the catalogue is accepted
   */
  readonly acknowledgedActions?: readonly string[];
}

/** Outcome of reading a policy document without throwing. */
export interface EndpointPolicyParseResult {
  /** The policy, when the document has no problems. */
  readonly policy?: EndpointPolicy;
  readonly problems: readonly ValidationProblem[];
  readonly warnings: readonly PolicyWarning[];
}

const DOCUMENT_KEYS = ["Version", "Id", "Statement"];

/**
 * A VPC endpoint policy for Amazon HealthLake: validated statements that render to canonical JSON.
 *
 * @example
 * const policy = EndpointPolicy.fromJson({
 *   Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*" }],
 * });
 */
export class EndpointPolicy {
  /**
   * Creates the policy AWS attaches when none is given: every principal may call every action on every
   * resource. Rendering it explicitly matters, because removing `policy` from a Terraform configuration
   * leaves the last policy in place in AWS.
   */
  public static fullAccess(): EndpointPolicy {
    return new EndpointPolicy([{ sid: "AllowAll", effect: "Allow", principal: "*", action: ["*"], resource: ["*"] }], []);
  }

  /**
   * Creates a policy from typed statements, as written with {@link allow} and {@link deny}.
   *
   * @throws HealthLakeValidationError listing every problem of the statements
   */
  public static fromStatements(statements: readonly PolicyStatementJson[], options: EndpointPolicyOptions = {}): EndpointPolicy {
    return EndpointPolicy.fromJson({ Version: POLICY_VERSION, Statement: statements }, options);
  }

  /**
   * Reads an IAM policy document as AWS writes it, for example one pasted from the AWS documentation.
   *
   * @throws HealthLakeValidationError listing every problem of the document
   */
  public static fromJson(document: unknown, options: EndpointPolicyOptions = {}): EndpointPolicy {
    const result = EndpointPolicy.parse(document, options);
    if (!result.policy) {
      throw new HealthLakeValidationError("Endpoint policy", result.problems);
    }
    return result.policy;
  }

  /**
   * Creates a policy from a Terraform value that contains the whole policy JSON, such as a module input
   * variable or a local built in Terraform. Its content is known only at plan time, so none of this
   * library's policy checks apply to it, and it is written as it is; check it in Terraform instead
   * (variable validation, preconditions).
   *
   * @throws HealthLakeValidationError when `value` is not a Terraform value; read a literal document
   *   with {@link EndpointPolicy.fromJson}
   */
  public static fromTerraformValue(value: string): EndpointPolicy {
    if (typeof value !== "string" || !isTokenString(value)) {
      throw new HealthLakeValidationError("Endpoint policy", [
        { path: "", message: `${describeValue(value)} is not a Terraform value; read a literal policy document with EndpointPolicy.fromJson(JSON.parse(text)).` },
      ]);
    }
    return new EndpointPolicy([], [], value);
  }

  /** Reads an IAM policy document and returns its problems instead of throwing. */
  public static parse(document: unknown, options: EndpointPolicyOptions = {}): EndpointPolicyParseResult {
    const problems: ValidationProblem[] = [];
    const warnings: PolicyWarning[] = [];

    const acknowledged = readAcknowledgedActions(options.acknowledgedActions ?? [], problems, warnings);

    if (typeof document !== "object" || document === null || Array.isArray(document)) {
      problems.push({ path: "", message: `${describeValue(document)} is not a policy document; use an object with "Version" and "Statement".` });
      return { problems, warnings };
    }
    const record = document as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!DOCUMENT_KEYS.includes(key)) {
        problems.push({ path: key, message: `unknown policy key "${key}"; allowed keys are ${DOCUMENT_KEYS.join(", ")}.` });
      }
    }
    if (record.Version !== undefined && record.Version !== POLICY_VERSION) {
      problems.push({ path: "Version", message: `${describeValue(record.Version)} is not supported; use "${POLICY_VERSION}", the current IAM policy language version.` });
    }

    let rawStatements: unknown[] = [];
    if (Array.isArray(record.Statement)) {
      rawStatements = record.Statement;
    } else if (record.Statement !== undefined) {
      rawStatements = [record.Statement];
    }
    if (rawStatements.length === 0) {
      problems.push({ path: "Statement", message: "the policy has no statements; add at least one Allow statement." });
    }

    const statements: PolicyStatement[] = [];
    rawStatements.forEach((raw: unknown, index: number) => {
      const path = Array.isArray(record.Statement) ? `Statement[${index}]` : "Statement";
      const result = parseStatement(raw, path, acknowledged);
      problems.push(...result.problems);
      warnings.push(...result.warnings);
      if (result.statement) {
        statements.push(result.statement);
      }
    });

    if (problems.length === 0 && !statements.some((statement) => statement.effect === "Allow")) {
      problems.push({ path: "Statement", message: "the policy has no Allow statement, so the endpoint would deny every request; add an Allow statement." });
    }

    if (problems.length > 0) {
      return { problems, warnings };
    }
    return { policy: new EndpointPolicy(statements, warnings), problems, warnings };
  }

  /** Statements as parsed, before Sids are derived and principals are expanded. */
  public readonly statements: readonly PolicyStatement[];
  /**
   * Findings that do not block synthesis: actions of other services and the security review of
   * {@link reviewStatements}. The size warning of a policy with Terraform values comes from `render`.
   */
  public readonly warnings: readonly PolicyWarning[];

  /** The whole policy as a Terraform value, for a policy made with {@link EndpointPolicy.fromTerraformValue}. */
  private readonly terraformValue?: string;

  private constructor(statements: readonly PolicyStatement[], parseWarnings: readonly PolicyWarning[], terraformValue?: string) {
    this.statements = statements;
    this.warnings = [...parseWarnings, ...reviewStatements(statements)];
    this.terraformValue = terraformValue;
  }

  /** Returns whether a resource is a bare datastore id, which needs an account id to become an ARN. */
  public get needsAccountId(): boolean {
    return this.statements.some((statement) => [...(statement.resource ?? []), ...(statement.notResource ?? [])].some((resource) => DATASTORE_ID_PATTERN.test(resource)));
  }

  /**
   * Renders canonical, minified JSON for an endpoint in a given partition and Region.
   *
   * @throws HealthLakeValidationError when ARNs do not fit the endpoint, statements conflict, or the JSON
   *   exceeds the size quota
   */
  public render(context: PolicyRenderContext): RenderedPolicy {
    if (this.terraformValue !== undefined) {
      const warning: PolicyWarning = {
        id: PolicyWarningId.PolicySizeUnknown,
        path: "",
        message: `the whole policy is a Terraform value, so it is checked only at plan time; Terraform must keep it within ${ENDPOINT_POLICY_MAX_CHARACTERS} characters.`,
      };
      return { json: this.terraformValue, terraformValue: this.terraformValue, characters: 0, sizeKnown: false, warnings: [warning] };
    }
    return renderPolicy(this.statements, context);
  }
}

function readAcknowledgedActions(
  entries: readonly string[],
  problems: ValidationProblem[],
  warnings: PolicyWarning[],
): Set<string> {
  const accepted = new Set<string>();
  entries.forEach((entry, index) => {
    const path = `acknowledgedActions[${index}]`;
    if (typeof entry !== "string" || !new RegExp(`^${HEALTHLAKE_SERVICE_PREFIX}:[A-Za-z0-9]+$`, "i").test(entry)) {
      problems.push({ path, message: `${describeValue(entry)} is not valid; acknowledge one HealthLake action by its IAM name, for example "healthlake:StartFHIRBulkDeleteJob".` });
      return;
    }
    if (resolveAction(entry).kind === "healthlake") {
      warnings.push({ id: PolicyWarningId.AcknowledgedActionKnown, path, message: `${describeValue(entry)} is already in the action catalogue; the acknowledgement can be removed.` });
    }
    accepted.add(entry.toLowerCase());
  });
  return accepted;
}
