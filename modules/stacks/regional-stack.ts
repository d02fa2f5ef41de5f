import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { join } from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackendConfig } from "../config/config-types";
import { HealthLakeEndpointProps } from "../endpoint-props";
import { HealthLakeEndpoint } from "../healthlake-endpoint";

/** Key prefix of S3 state objects when the config gives none. */
export const DEFAULT_STATE_KEY_PREFIX = "healthlake-privatelink";

/** Props of {@link HealthLakeRegionalStack}. */
export interface HealthLakeRegionalStackProps {
  /** Region of the stack's AWS provider and of its endpoint. */
  readonly region: string;
  /** Props of the stack's endpoint; its `region` is set to the stack's Region. */
  readonly endpoint: Omit<HealthLakeEndpointProps, "region">;
  /**
   * Tags for the provider's `default_tags`, which AWS applies to every resource of the stack.
   *
   * @default - no default tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * State storage of the stack.
   *
   * @default - a local file `terraform.<stack name>.tfstate` in the folder the app runs in
   */
  readonly backend?: BackendConfig;
}

/**
 * One Region's stack: an AWS provider, a state backend, a {@link HealthLakeEndpoint} and its outputs.
 * Each stack keeps its own state, so a change in one Region never plans against another.
 */
export class HealthLakeRegionalStack extends TerraformStack {
  public readonly endpoint: HealthLakeEndpoint;

  constructor(scope: Construct, id: string, props: HealthLakeRegionalStackProps) {
    super(scope, id);

    const tags = props.tags ?? {};
    new AwsProvider(this, "aws", {
      region: props.region,
      defaultTags: Object.keys(tags).length > 0 ? [{ tags: { ...tags } }] : undefined,
    });
    this.addBackend(id, props.backend ?? { type: "local" });

    this.endpoint = new HealthLakeEndpoint(this, "healthlake", { ...props.endpoint, region: props.region });

    new TerraformOutput(this, "endpoint_id", { value: this.endpoint.endpointId, description: "Id of the HealthLake interface VPC endpoint (vpce-...)." });
    new TerraformOutput(this, "endpoint_arn", { value: this.endpoint.endpointArn, description: "ARN of the HealthLake interface VPC endpoint." });
    new TerraformOutput(this, "dns_names", { value: this.endpoint.dnsNames, description: "DNS names of the endpoint, Regional name first." });
    new TerraformOutput(this, "network_interface_ids", {
      value: this.endpoint.networkInterfaceIds,
      description: "Network interfaces of the endpoint, one per subnet.",
    });
    new TerraformOutput(this, "security_group_id", { value: this.endpoint.securityGroupId, description: "Security group that admits clients to the endpoint on TCP 443." });
    new TerraformOutput(this, "policy_json", { value: this.endpoint.policyJson, description: "Endpoint policy as written to AWS." });
  }

  private addBackend(stackName: string, backend: BackendConfig): void {
    if (backend.type === "local") {
      const directory = backend.directory ?? process.cwd();
      new LocalBackend(this, { path: join(directory, `terraform.${stackName}.tfstate`) });
      return;
    }

    const s3 = new S3Backend(this, {
      bucket: backend.bucket,
      key: `${backend.keyPrefix ?? DEFAULT_STATE_KEY_PREFIX}/${stackName}.tfstate`,
      region: backend.region,
      encrypt: backend.encrypt ?? true,
    });
    // cdktf 0.21 has no typed field for S3 native locking (Terraform 1.10 or later), so it is set here.
    if (backend.useLockfile ?? true) {
      s3.addOverride("use_lockfile", true);
    }
  }
}
