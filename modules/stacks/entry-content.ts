import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { HealthLakeEndpointProps } from "../endpoint-props";
import { HealthLakeEndpoint } from "../healthlake-endpoint";
import { HealthLakeEndpointPolicyAttachment } from "../healthlake-endpoint-policy-attachment";
import { HealthLakeEndpointPolicyAttachmentProps } from "../policy-attachment-props";

/** Content of one config entry in a stack: a new endpoint, or the policy of an existing one. */
export interface StackEntry {
  /** Region of the entry's resources. */
  readonly region: string;
  /**
   * Props of a new (or imported) endpoint; give either this or `policyAttachment`.
   *
   * @default - no endpoint is created
   */
  readonly endpoint?: Omit<HealthLakeEndpointProps, "region">;
  /**
   * Props for managing only the policy of an endpoint created elsewhere; give either this or `endpoint`.
   *
   * @default - no policy attachment is created
   */
  readonly policyAttachment?: Omit<HealthLakeEndpointPolicyAttachmentProps, "region">;
  /**
   * Tags of the entry. The stacks put them in the provider's `default_tags` where they can, and the
   * constructs put the rest on each taggable resource.
   *
   * @default - no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An output of an entry: its Terraform value and description. */
export interface EntryOutput {
  readonly value: unknown;
  readonly description: string;
}

/** The construct an entry added, and its outputs by name. */
export interface EntryContent {
  readonly endpoint?: HealthLakeEndpoint;
  readonly policyAttachment?: HealthLakeEndpointPolicyAttachment;
  readonly outputs: Record<string, EntryOutput>;
}

/**
 * Adds the entry's construct under `scope` with the id `healthlake`, and returns it with its outputs.
 * Both layouts use this, so an entry gives the same resources in either.
 *
 * @throws Error when the entry has both or neither of `endpoint` and `policyAttachment`
 */
export function addEntryContent(scope: Construct, entry: StackEntry, serviceLookupProvider?: TerraformProvider): EntryContent {
  if ((entry.endpoint === undefined) === (entry.policyAttachment === undefined)) {
    throw new Error(`${scope.node.path}: give exactly one of "endpoint" and "policyAttachment".`);
  }

  if (entry.policyAttachment !== undefined) {
    const attachment = new HealthLakeEndpointPolicyAttachment(scope, "healthlake", { ...entry.policyAttachment, region: entry.region });
    const outputs = {
      endpoint_id: { value: attachment.endpointId, description: "Id of the existing HealthLake interface VPC endpoint whose policy this stack manages." },
      policy_json: { value: attachment.policyJson, description: "Endpoint policy as written to AWS." },
    };
    return { policyAttachment: attachment, outputs };
  }

  const props = entry.endpoint as Omit<HealthLakeEndpointProps, "region">;
  const endpoint = new HealthLakeEndpoint(scope, "healthlake", {
    ...props,
    region: entry.region,
    tags: props.tags ?? entry.tags,
    serviceLookupProvider: props.serviceLookupProvider ?? serviceLookupProvider,
  });
  const outputs = {
    endpoint_id: { value: endpoint.endpointId, description: "Id of the HealthLake interface VPC endpoint (vpce-...)." },
    endpoint_arn: { value: endpoint.endpointArn, description: "ARN of the HealthLake interface VPC endpoint." },
    dns_names: { value: endpoint.dnsNames, description: "DNS names of the endpoint, Regional name first." },
    network_interface_ids: { value: endpoint.networkInterfaceIds, description: "Network interfaces of the endpoint, one per subnet." },
    security_group_id: { value: endpoint.securityGroupId, description: "Security group that admits clients to the endpoint on TCP 443." },
    policy_json: { value: endpoint.policyJson, description: "Endpoint policy as written to AWS." },
  };
  return { endpoint, outputs };
}
