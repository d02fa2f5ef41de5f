import { PolicyWarningId } from "../modules/policy/warnings";
import { AnnotationMetadataEntryType, Testing } from "cdktf";
import { HealthLakeEndpointPolicyAttachment } from "../modules/healthlake-endpoint-policy-attachment";
import { HealthLakeEndpointPolicyAttachmentProps } from "../modules/policy-attachment-props";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { errorMessageOf, makeStack, onlyResourceOf, resourcesOf, TerraformJson } from "./support";

const ENDPOINT_ID = "vpce-0123456789abcdef0";

function synthAttachment(props: Partial<HealthLakeEndpointPolicyAttachmentProps> = {}, region = "us-east-1"): {
  attachment: HealthLakeEndpointPolicyAttachment;
  json: TerraformJson;
} {
  const { stack } = makeStack(region);
  const attachment = new HealthLakeEndpointPolicyAttachment(stack, "healthlake", { endpointId: ENDPOINT_ID, ...props });
  return { attachment, json: JSON.parse(Testing.synth(stack, true)) as TerraformJson };
}

describe("HealthLakeEndpointPolicyAttachment", () => {
  test("manages only the policy", () => {
    const { json } = synthAttachment();

    const policy = onlyResourceOf(json, "aws_vpc_endpoint_policy");
    expect(policy.vpc_endpoint_id).toBe(ENDPOINT_ID);
    expect(JSON.parse(policy.policy as string).Statement[0].Sid).toBe("AllowAll");
    expect(resourcesOf(json, "aws_vpc_endpoint")).toHaveLength(0);
    expect(resourcesOf(json, "aws_security_group")).toHaveLength(0);
  });

  test("writes the given policy", () => {
    const policy = EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*" }] });

    const written = onlyResourceOf(synthAttachment({ policy }).json, "aws_vpc_endpoint_policy").policy as string;

    expect(JSON.parse(written).Statement[0].Action).toEqual(["healthlake:ReadResource"]);
  });

  test("fails the plan for another service's endpoint", () => {
    const { json } = synthAttachment({}, "us-west-2");
    const [lookupName] = Object.keys(json.data?.aws_vpc_endpoint ?? {});
    const lifecycle = onlyResourceOf(json, "aws_vpc_endpoint_policy").lifecycle as { precondition: Array<{ condition: string; error_message: string }> };

    expect(json.data?.aws_vpc_endpoint?.[lookupName].id).toBe(ENDPOINT_ID);
    expect(lifecycle.precondition).toEqual([
      {
        condition: `\${(data.aws_vpc_endpoint.${lookupName}.service_name == "com.amazonaws.us-west-2.healthlake")}`,
        error_message: `${ENDPOINT_ID} is an endpoint of \${data.aws_vpc_endpoint.${lookupName}.service_name}, not of com.amazonaws.us-west-2.healthlake; check the endpoint id and the Region.`,
      },
    ]);
  });

  test("sets region outside the provider's Region", () => {
    const { json } = synthAttachment({ region: "eu-west-2" }, "us-east-1");

    expect(onlyResourceOf(json, "aws_vpc_endpoint_policy").region).toBe("eu-west-2");
    expect(Object.values(json.data?.aws_vpc_endpoint ?? {})[0].region).toBe("eu-west-2");
  });

  test("passes create and delete timeouts", () => {
    expect(onlyResourceOf(synthAttachment({ timeouts: { create: "5m", delete: "5m" } }).json, "aws_vpc_endpoint_policy").timeouts).toEqual({ create: "5m", delete: "5m" });
  });

  test.each([
    [{ endpointId: "vpc-0123456789abcdef0" }, 'endpointId: "vpc-0123456789abcdef0" is not a VPC endpoint id; expected "vpce-"'],
    [{ timeouts: { update: "5m" } }, 'timeouts.update: "update" is not a timeout of this resource; use "create", "delete".'],
    [{ region: "sa-east-1" }, 'region: HealthLake is not offered in "sa-east-1"'],
  ])("rejects %j", (overrides, expected) => {
    expect(errorMessageOf(() => synthAttachment(overrides as Partial<HealthLakeEndpointPolicyAttachmentProps>))).toContain(expected);
  });

  test("warns about FIPS clients", () => {
    const { attachment } = synthAttachment({ useFipsEndpoint: true, acknowledgedWarnings: [PolicyWarningId.AllowAllToAnyone] });
    const warnings = attachment.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => String(entry.data));

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("healthlake-fips.us-east-1.amazonaws.com, which has no PrivateLink service name");
  });
});
