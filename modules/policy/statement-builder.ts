import { ConditionValue, PolicyStatementJson } from "./policy-json";
import { EndpointPolicy, EndpointPolicyOptions } from "./endpoint-policy";

/** A policy statement in TypeScript form; {@link allow} and {@link deny} turn it into IAM JSON. */
export interface StatementOptions {
  /**
   * Statement id: ASCII letters and digits.
   *
   * @default - derived from the statement's content
   */
  readonly sid?: string;
  /**
   * Principals: `"*"`, account ids, or IAM role, user or account root ARNs.
   *
   * @default ["*"] - any principal; narrow it with `conditions`
   */
  readonly principals?: readonly string[];
  /** Actions, for example `healthlake:ReadResource` or `healthlake:Search*`. Give this or `notActions`. */
  readonly actions?: readonly string[];
  /** Actions the statement does not cover. Give this or `actions`. */
  readonly notActions?: readonly string[];
  /**
   * Resources: HealthLake ARNs, datastore ids (written as ARNs of the endpoint's account), or `"*"`.
   *
   * @default ["*"]
   */
  readonly resources?: readonly string[];
  /**
   * Conditions, operator to key to value or values, as in IAM JSON.
   *
   * @default - no condition
   */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, ConditionValue | readonly ConditionValue[]>>>>;
}

/** Returns an Allow statement in IAM JSON form. */
export function allow(options: StatementOptions): PolicyStatementJson {
  return toStatementJson("Allow", options);
}

/** Returns a Deny statement in IAM JSON form. */
export function deny(options: StatementOptions): PolicyStatementJson {
  return toStatementJson("Deny", options);
}

function toStatementJson(effect: "Allow" | "Deny", options: StatementOptions): PolicyStatementJson {
  const principals = options.principals ?? ["*"];
  return {
    ...(options.sid === undefined ? {} : { Sid: options.sid }),
    Effect: effect,
    Principal: principals.length === 1 && principals[0] === "*" ? "*" : { AWS: principals },
    ...(options.actions === undefined ? {} : { Action: options.actions }),
    ...(options.notActions === undefined ? {} : { NotAction: options.notActions }),
    Resource: options.resources ?? ["*"],
    ...(options.conditions === undefined ? {} : { Condition: options.conditions }),
  };
}

/**
 * Collects statements step by step and builds an {@link EndpointPolicy}.
 *
 * @example
 * const policy = new EndpointPolicyBuilder()
 *   .allow({ principals: ["111111111111"], actions: ["healthlake:ReadResource"] })
 *   .deny({ actions: ["healthlake:DeleteFHIRDatastore"] })
 *   .build();
 */
export class EndpointPolicyBuilder {
  private readonly statements: PolicyStatementJson[] = [];

  constructor(private readonly options: EndpointPolicyOptions = {}) {}

  /** Adds statements in IAM JSON form. */
  public addStatements(...statements: PolicyStatementJson[]): this {
    this.statements.push(...statements);
    return this;
  }

  /** Adds an Allow statement. */
  public allow(options: StatementOptions): this {
    return this.addStatements(allow(options));
  }

  /** Adds a Deny statement. */
  public deny(options: StatementOptions): this {
    return this.addStatements(deny(options));
  }

  /**
   * Validates the statements and returns the policy.
   *
   * @throws HealthLakeValidationError listing every problem of the statements
   */
  public build(): EndpointPolicy {
    return EndpointPolicy.fromStatements(this.statements, this.options);
  }
}
