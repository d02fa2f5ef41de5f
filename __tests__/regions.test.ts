import { Testing } from "cdktf";
import { findHealthLakeRegion, HEALTHLAKE_REGIONS, healthLakeServiceName, partitionOf } from "../modules/catalogue/regions";
import { HealthLakeRegionalStack } from "../modules/stacks/regional-stack";
import { onlyResourceOf, TerraformJson } from "./support";

describe("HealthLake Region table", () => {
  test("lists the General Reference Regions", () => {
    expect(HEALTHLAKE_REGIONS.map((entry) => entry.region).sort()).toEqual(
      ["ap-south-1", "ap-southeast-2", "ca-central-1", "eu-west-1", "eu-west-2", "us-east-1", "us-east-2", "us-west-2"],
    );
  });

  test.each(HEALTHLAKE_REGIONS.map((entry) => entry.region))("%s stack uses its service name and provider region", (region) => {
    const app = Testing.app();
    const stack = new HealthLakeRegionalStack(app, `healthlake-${region}`, {
      region,
      endpoint: { vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"], allowedCidrs: ["10.0.0.0/16"] },
    });
    const json = JSON.parse(Testing.synth(stack, true)) as TerraformJson;

    expect(onlyResourceOf(json, "aws_vpc_endpoint").service_name).toBe(`com.amazonaws.${region}.healthlake`);
    expect(json.provider?.aws[0].region).toBe(region);
  });

  test("builds service names", () => {
    expect(healthLakeServiceName("us-east-1")).toBe("com.amazonaws.us-east-1.healthlake");
  });

  test("maps partitions", () => {
    expect(partitionOf("us-east-1")).toBe("aws");
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(partitionOf("us-isob-east-1")).toBe("aws-iso-b");
  });

  test("marks FIPS Regions", () => {
    expect(HEALTHLAKE_REGIONS.filter((entry) => entry.fips).map((entry) => entry.region)).toEqual(["us-east-1", "us-east-2", "us-west-2"]);
    expect(findHealthLakeRegion("eu-west-1")?.fips).toBe(false);
  });
});
