import { checkTimeouts, validatePolicyOutputOptions } from "./endpoint-props";
import { describeValue, ValidationProblem } from "./errors";
import { VPC_ENDPOINT_ID_PATTERN } from "./network";
import { EndpointPolicy } from "./policy/endpoint-policy";

/** Props of {@link HealthLakeEndpointPolicyAttachment}. */
export interface HealthLakeEndpointPolicyAttachmentProps {
  /** Id of the existing HealthLake interface endpoint, for example `vpce-0123456789abcdef0`. */
  readonly endpointId: string;

  /**
   * Endpoint policy to manage. It is always written out, because removing a policy from a Terraform
   * configuration does not reset the policy in AWS.
   *
   * @default EndpointPolicy.fullAccess() - any principal, any action, any resource, as AWS does
   */
  readonly policy?: EndpointPolicy;

  /**
   * Account that owns the datastores the policy names by id; ids become ARNs of this account.
   *
   * @default - the account of the provider's credentials, read with `data "aws_caller_identity"` only
   *   when the policy names a datastore by id
   */
  readonly accountId?: string;

  /**
   * Ids of policy warnings to acknowledge, for example `HealthLake.AnyPrincipalWithoutCondition`; an
   * acknowledged warning is not reported.
   *
   * @default - every warning is reported
   */
  readonly acknowledgedWarnings?: readonly string[];

  /**
   * Region of the endpoint.
   *
   * @default - the region of the stack's AWS provider
   */
  readonly region?: string;

  /**
   * Accept a Region that the HealthLake Region table does not list.
   *
   * @default false
   */
  readonly allowUnlistedRegion?: boolean;

  /**
   * Whether the endpoint's clients use HealthLake's FIPS endpoint; synth then warns that the endpoint's
   * private DNS does not cover the FIPS host name.
   *
   * @default false
   */
  readonly useFipsEndpoint?: boolean;

  /**
   * Create and delete timeouts of the policy, as Go duration strings such as `10m`.
   *
   * @default - the provider's defaults
   */
  readonly timeouts?: { readonly create?: string; readonly delete?: string };
}

/**
 * Returns every problem of the props apart from the Region and the policy, with paths named as the
 * props are.
 */
export function validatePolicyAttachmentProps(props: HealthLakeEndpointPolicyAttachmentProps): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (typeof props.endpointId !== "string" || !VPC_ENDPOINT_ID_PATTERN.test(props.endpointId)) {
    problems.push({
      path: "endpointId",
      message: `${describeValue(props.endpointId)} is not a VPC endpoint id; expected "vpce-" followed by 8 or 17 lowercase hexadecimal digits, for example "vpce-0123456789abcdef0".`,
    });
  }
  checkTimeouts(props.timeouts, ["create", "delete"], problems);
  problems.push(...validatePolicyOutputOptions(props));
  return problems;
}
