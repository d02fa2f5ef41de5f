import { Annotations, Op } from "cdktf";
import { Construct } from "constructs";
import { DataAwsVpcEndpoint } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint";
import { healthLakeServiceName } from "./catalogue/regions";
import { writeEndpointPolicy } from "./endpoint-policy-output";
import { validatePolicy, validateRegion } from "./endpoint-props";
import { HealthLakeValidationError, ValidationProblem } from "./errors";
import { fipsWarning } from "./fips";
import { CheckedVpcEndpointPolicy } from "./hcl-output";
import { HealthLakeEndpointPolicyAttachmentProps, validatePolicyAttachmentProps } from "./policy-attachment-props";
import { EndpointPolicy } from "./policy/endpoint-policy";
import { defaultAwsProvider, literalRegionOf } from "./provider-defaults";

/**
 * Manages the policy of a HealthLake interface endpoint that was created elsewhere, with
 * `aws_vpc_endpoint_policy`. The plan reads the endpoint with `data.aws_vpc_endpoint` and fails when it
 * is not an endpoint of HealthLake in the Region. The configuration that manages the endpoint itself
 * must leave its `policy` argument unset, or the two configurations overwrite each other's policy.
 */
export class HealthLakeEndpointPolicyAttachment extends Construct {
  /** Region of the endpoint. */
  public readonly region: string;
  /** Id of the endpoint (`vpce-...`). */
  public readonly endpointId: string;
  /** The endpoint policy exactly as written to Terraform: canonical, minified JSON. */
  public readonly policyJson: string;
  /** The `aws_vpc_endpoint_policy` resource. */
  public readonly endpointPolicy: CheckedVpcEndpointPolicy;

  constructor(scope: Construct, id: string, props: HealthLakeEndpointPolicyAttachmentProps) {
    super(scope, id);

    const provider = defaultAwsProvider(this);
    const region = props.region ?? literalRegionOf(provider);
    const problems: ValidationProblem[] = [];
    if (region === undefined) {
      problems.push({ path: "region", message: 'is missing; set "region" in the props, or give the stack an AwsProvider with a region.' });
    } else {
      problems.push(...validateRegion(region, props.allowUnlistedRegion));
    }
    problems.push(...validatePolicyAttachmentProps(props));
    const policy = props.policy ?? EndpointPolicy.fullAccess();
    if (region !== undefined) {
      problems.push(...validatePolicy(policy, region, props.accountId));
    }
    if (problems.length > 0 || region === undefined) {
      throw new HealthLakeValidationError(`HealthLakeEndpointPolicyAttachment "${this.node.path}"`, problems);
    }
    const policyJson = writeEndpointPolicy(this, policy, region, props);
    if (props.useFipsEndpoint === true) {
      Annotations.of(this).addWarning(fipsWarning(region));
    }

    this.region = region;
    this.endpointId = props.endpointId;
    this.policyJson = policyJson;
    const resourceRegion = props.region !== undefined && props.region !== literalRegionOf(provider) ? props.region : undefined;
    const serviceName = healthLakeServiceName(region);

    const endpoint = new DataAwsVpcEndpoint(this, "endpoint", { id: props.endpointId, region: resourceRegion });
    this.endpointPolicy = new CheckedVpcEndpointPolicy(this, "policy", {
      vpcEndpointId: props.endpointId,
      policy: policyJson,
      region: resourceRegion,
      timeouts: props.timeouts === undefined ? undefined : { ...props.timeouts },
      lifecycle: {
        precondition: [
          {
            condition: Op.eq(endpoint.serviceName, serviceName),
            errorMessage: `${props.endpointId} is an endpoint of ${endpoint.serviceName}, not of ${serviceName}; check the endpoint id and the Region.`,
          },
        ],
      },
    });
  }
}
