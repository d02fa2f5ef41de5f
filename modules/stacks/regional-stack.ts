import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackendConfig } from "../config/config-types";
import { HealthLakeEndpoint } from "../healthlake-endpoint";
import { HealthLakeEndpointPolicyAttachment } from "../healthlake-endpoint-policy-attachment";
import { addBackend } from "./backend";
import { addEntryContent, StackEntry } from "./entry-content";

export { DEFAULT_STATE_KEY_PREFIX } from "./backend";

/** Props of {@link HealthLakeRegionalStack}. */
export interface HealthLakeRegionalStackProps extends StackEntry {
  /**
   * State storage of the stack.
   *
   * @default - a local file `terraform.<stack name>.tfstate` in the folder the app runs in
   */
  readonly backend?: BackendConfig;
}

/**
 * One entry's stack: an AWS provider in the entry's Region with its tags as `default_tags`, a state
 * backend, the entry's endpoint (or the policy of an existing endpoint) and its outputs. Each stack keeps
 * its own state, so a change in one Region never plans against another.
 */
export class HealthLakeRegionalStack extends TerraformStack {
  /** The stack's endpoint; `undefined` in a stack that manages only an existing endpoint's policy. */
  public readonly endpoint?: HealthLakeEndpoint;
  /** The policy of an existing endpoint; `undefined` in a stack that creates its endpoint. */
  public readonly policyAttachment?: HealthLakeEndpointPolicyAttachment;

  constructor(scope: Construct, id: string, props: HealthLakeRegionalStackProps) {
    super(scope, id);

    const tags = props.tags ?? {};
    new AwsProvider(this, "aws", {
      region: props.region,
      defaultTags: Object.keys(tags).length > 0 ? [{ tags: { ...tags } }] : undefined,
    });
    addBackend(this, id, props.backend ?? { type: "local" });

    const content = addEntryContent(this, props);
    this.endpoint = content.endpoint;
    this.policyAttachment = content.policyAttachment;
    for (const [name, output] of Object.entries(content.outputs)) {
      new TerraformOutput(this, name, output);
    }
  }
}
