import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { HealthLakeEndpoint } from "../modules/healthlake-endpoint";
import { HealthLakeEndpointProps } from "../modules/endpoint-props";

export const VPC_ID = "vpc-0abc1234def567890";
export const SUBNET_A = "subnet-0aaa111122223333a";
export const SUBNET_B = "subnet-0aaa111122223333b";

/** Synthesized Terraform JSON, typed loosely for assertions. */
export type TerraformJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Array<Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  terraform?: Record<string, unknown>;
};

/** Creates a fresh app and stack with an AWS provider in `region`. */
export function makeStack(region = "us-east-1"): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region });
  return { app, stack };
}

/** Props with the minimum an endpoint needs, merged with `overrides`. */
export function endpointProps(overrides: Partial<HealthLakeEndpointProps> = {}): HealthLakeEndpointProps {
  return { vpcId: VPC_ID, subnets: [SUBNET_A, SUBNET_B], allowedCidrs: ["10.0.0.0/16"], ...overrides };
}

/** Adds an endpoint to a fresh stack and returns the construct with the parsed synth output. */
export function synthEndpoint(overrides: Partial<HealthLakeEndpointProps> = {}, region = "us-east-1"): {
  endpoint: HealthLakeEndpoint;
  stack: TerraformStack;
  synthesized: string;
  json: TerraformJson;
} {
  const { stack } = makeStack(region);
  const endpoint = new HealthLakeEndpoint(stack, "healthlake", endpointProps(overrides));
  const synthesized = Testing.synth(stack, true);
  return { endpoint, stack, synthesized, json: JSON.parse(synthesized) as TerraformJson };
}

/** Returns the resources of one type, without cdktf's metadata key. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {}).map((resource) => {
    const copy = { ...resource };
    delete copy["//"];
    return copy;
  });
}

/** Returns the one resource of a type, failing when there is not exactly one. */
export function onlyResourceOf(json: TerraformJson, type: string): Record<string, unknown> {
  const resources = resourcesOf(json, type);
  expect(resources).toHaveLength(1);
  return resources[0];
}

/** Runs `build` and returns the message of the error it throws. */
export function errorMessageOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error, but none was thrown");
}
