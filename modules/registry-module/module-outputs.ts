/** Names of the module's outputs; they are the outputs of the app's stacks. */
export type ModuleOutputName = "endpoint_id" | "endpoint_arn" | "dns_names" | "network_interface_ids" | "security_group_id" | "policy_json";

/** One output of the module, with the description written to outputs.tf and the README. */
export interface ModuleOutput {
  readonly name: ModuleOutputName;
  readonly description: string;
}

/** The module's outputs, in the order outputs.tf and the README list them. */
export const MODULE_OUTPUTS: readonly ModuleOutput[] = [
  { name: "endpoint_id", description: "Id of the HealthLake interface VPC endpoint (vpce-...)." },
  { name: "endpoint_arn", description: "ARN of the HealthLake interface VPC endpoint." },
  { name: "dns_names", description: "DNS names of the endpoint, Regional name first." },
  { name: "network_interface_ids", description: "Network interfaces of the endpoint, one per subnet." },
  { name: "security_group_id", description: "Security group that admits clients to the endpoint on TCP 443." },
  { name: "policy_json", description: "Endpoint policy as written to AWS." },
];
