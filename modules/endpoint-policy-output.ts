import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { partitionOf } from "./catalogue/regions";
import { EndpointPolicy } from "./policy/endpoint-policy";

/** Settings shared by the constructs that write an endpoint policy. */
export interface EndpointPolicyOutputOptions {
  /** Account that owns datastores named by id; when missing, the caller's account is read at plan time. */
  readonly accountId?: string;
  /** Warning ids the user has acknowledged; those warnings are not reported. */
  readonly acknowledgedWarnings?: readonly string[];
}

/**
 * Renders `policy` for an endpoint in `region` and returns the value to write into Terraform. It adds
 * `data "aws_caller_identity"` under `scope` when datastores are named by id and no account is given,
 * and reports the policy's warnings on `scope`, except acknowledged ones.
 */
export function writeEndpointPolicy(scope: Construct, policy: EndpointPolicy, region: string, options: EndpointPolicyOutputOptions): string {
  let accountId = options.accountId;
  if (accountId === undefined && policy.needsAccountId) {
    accountId = new DataAwsCallerIdentity(scope, "caller_identity").accountId;
  }
  const rendered = policy.render({ partition: partitionOf(region), region, accountId });

  const acknowledged = new Set(options.acknowledgedWarnings ?? []);
  for (const warning of [...policy.warnings, ...rendered.warnings]) {
    if (!acknowledged.has(warning.id)) {
      const location = warning.path === "" ? "" : ` ${warning.path}`;
      Annotations.of(scope).addWarning(`[${warning.id}] Endpoint policy${location}: ${warning.message}`);
    }
  }
  return rendered.terraformValue;
}
