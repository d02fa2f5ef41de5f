import { DataAwsVpcEndpointService } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointPolicy } from "@cdktf/provider-aws/lib/vpc-endpoint-policy";

/**
 * Corrects two places where cdktf 0.21's HCL synthesis (`SYNTH_HCL_OUTPUT=true`) writes Terraform that
 * Terraform rejects. The JSON synthesis (`cdk.tf.json`) has neither problem:
 *
 * - `lifecycle` entries all render as attributes, giving `precondition = [{ ... }]`, but conditions
 *   must be `precondition { ... }` blocks;
 * - the `provider` meta-argument renders as a quoted string, `provider = "aws.eu_west_2"`, but it must
 *   be a bare reference.
 *
 * It rewrites those entries of one element's HCL synthesis into the typed form the renderer turns into
 * blocks and references.
 */
export function correctHclSynthesis<T>(synthesized: T): T {
  const sections = synthesized as { resource?: ElementsByType; data?: ElementsByType };
  for (const byType of [sections.resource, sections.data]) {
    for (const byName of Object.values(byType ?? {})) {
      for (const attributes of Object.values(byName)) {
        correctLifecycle(attributes);
        if (typeof attributes.provider === "string") {
          attributes.provider = { value: attributes.provider, type: "reference" };
        }
      }
    }
  }
  return synthesized;
}

type ElementsByType = Record<string, Record<string, Record<string, unknown>>>;

function correctLifecycle(attributes: Record<string, unknown>): void {
  const lifecycle = attributes.lifecycle as Record<string, unknown> | undefined;
  if (lifecycle === undefined || lifecycle === null || "value" in lifecycle) {
    return;
  }
  const value: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(lifecycle)) {
    const isCondition = (key === "precondition" || key === "postcondition") && Array.isArray(entry);
    value[key] = isCondition ? { value: entry, isBlock: true, type: "list", storageClassType: "object" } : entry;
  }
  attributes.lifecycle = { value, isBlock: true, type: "struct", storageClassType: "object" };
}

/** An `aws_vpc_endpoint` whose preconditions also render as valid HCL. */
export class CheckedVpcEndpoint extends VpcEndpoint {
  public toHclTerraform(): unknown {
    return correctHclSynthesis(super.toHclTerraform());
  }
}

/** An `aws_vpc_endpoint_policy` whose preconditions also render as valid HCL. */
export class CheckedVpcEndpointPolicy extends VpcEndpointPolicy {
  public toHclTerraform(): unknown {
    return correctHclSynthesis(super.toHclTerraform());
  }
}

/** A `data.aws_vpc_endpoint_service` whose `provider` reference also renders as valid HCL. */
export class CheckedDataAwsVpcEndpointService extends DataAwsVpcEndpointService {
  public toHclTerraform(): unknown {
    return correctHclSynthesis(super.toHclTerraform());
  }
}
