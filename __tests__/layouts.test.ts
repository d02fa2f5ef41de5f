import { TerraformStack, Testing } from "cdktf";
import { loadConfig } from "../modules/config/load-config";
import { ResolvedConfig } from "../modules/config/resolve-config";
import { addConfiguredStacks } from "../modules/stacks/layouts";
import { HealthLakeRegionalStack } from "../modules/stacks/regional-stack";
import { onlyResourceOf, resourcesOf, TerraformJson } from "./support";

const EXAMPLE = loadConfig("healthlake-endpoints.json");
const REGION_OF_ENTRY: Record<string, string> = { "us-east-1": "us-east-1", "us-west-2": "us-west-2", london: "eu-west-2" };

/** Synthesizes every stack of a config in the given layout, by stack name. */
function synthLayout(config: ResolvedConfig): Record<string, TerraformJson> {
  const stacks: TerraformStack[] = addConfiguredStacks(Testing.app(), config);
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack)) as TerraformJson]));
}

function singleStack(config: ResolvedConfig): ResolvedConfig {
  return { ...config, layout: { type: "single-stack", stackName: "healthlake" } };
}

type Block = { kind: string; type: string; body: unknown };

/**
 * Returns the resources and data sources of one entry in a form both layouts share: addresses and
 * references without the construct path, without the `region` and `provider` arguments that only place
 * an element in a Region, and with tags merged with the provider's default tags as AWS applies them.
 */
function entryBlocks(json: TerraformJson, prefix: string, defaultTags: Record<string, string>): Block[] {
  const blocks: Block[] = [];
  for (const kind of ["resource", "data"] as const) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        if (!name.startsWith(prefix)) {
          continue;
        }
        const copy: Record<string, unknown> = { ...body };
        delete copy["//"];
        delete copy.region;
        delete copy.provider;
        if (kind === "resource" && type !== "aws_vpc_endpoint_policy") {
          copy.tags = { ...defaultTags, ...((copy.tags as Record<string, string> | undefined) ?? {}) };
        }
        const text = JSON.stringify(copy).replace(/\b(aws_[a-z_]+)\.[A-Za-z0-9_-]+_([a-z_]+)_[0-9A-F]{8}\b/g, "$1.$2");
        blocks.push({ kind, type, body: JSON.parse(text) });
      }
    }
  }
  return blocks.sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right)));
}

function defaultTagsOf(json: TerraformJson): Record<string, string> {
  const provider = (json.provider?.aws ?? []).find((entry) => entry.alias === undefined);
  return ((provider?.default_tags as Array<{ tags: Record<string, string> }> | undefined) ?? [])[0]?.tags ?? {};
}

describe("layouts on the example config", () => {
  test("give the same resources per Region", () => {
    const perEntry = synthLayout(EXAMPLE);
    const single = synthLayout(singleStack(EXAMPLE)).healthlake;

    for (const entry of EXAMPLE.endpoints) {
      const own = perEntry[entry.stackName];
      const expected = entryBlocks(own, "healthlake_", defaultTagsOf(own));
      const actual = entryBlocks(single, `${entry.stackName}_`, defaultTagsOf(single));

      expect(actual.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    }
  });

  test("single stack sets each Region per resource", () => {
    const single = synthLayout(singleStack(EXAMPLE)).healthlake;

    for (const entry of EXAMPLE.endpoints) {
      const prefix = `${entry.stackName}_`;
      const endpoint = Object.entries(single.resource?.aws_vpc_endpoint ?? {}).find(([name]) => name.startsWith(prefix))?.[1];
      const expectedRegion = REGION_OF_ENTRY[entry.name] === "us-east-1" ? undefined : REGION_OF_ENTRY[entry.name];
      expect(endpoint?.region).toBe(expectedRegion);
      expect(endpoint?.provider).toBeUndefined();
    }
  });

  test("single stack aliases only the service lookup", () => {
    const single = synthLayout(singleStack(EXAMPLE)).healthlake;

    expect(single.provider?.aws.map((provider) => provider.alias ?? "(default)").sort()).toEqual(["(default)", "eu_west_2", "us_west_2"]);
    for (const byName of Object.values(single.resource ?? {})) {
      for (const body of Object.values(byName)) {
        expect(body.provider).toBeUndefined();
      }
    }
    const lookups = Object.values(single.data?.aws_vpc_endpoint_service ?? {}).map((lookup) => [lookup.service_name, lookup.provider]);
    expect(new Map(lookups as Array<[string, unknown]>)).toEqual(
      new Map([
        ["com.amazonaws.us-east-1.healthlake", undefined],
        ["com.amazonaws.us-west-2.healthlake", "aws.us_west_2"],
        ["com.amazonaws.eu-west-2.healthlake", "aws.eu_west_2"],
      ]),
    );
  });

  test("single stack keys outputs by entry", () => {
    const outputs = synthLayout(singleStack(EXAMPLE)).healthlake.output ?? {};

    expect(Object.keys(outputs).sort()).toEqual(["dns_names", "endpoint_arn", "endpoint_id", "network_interface_ids", "policy_json", "security_group_id"]);
    expect(Object.keys(outputs.endpoint_id.value as object).sort()).toEqual(["london", "us-east-1", "us-west-2"]);
  });

  test("single stack uses one backend", () => {
    const stacks = synthLayout({ ...singleStack(EXAMPLE), backend: { type: "s3", bucket: "state-bucket", region: "us-east-1" } });

    expect(Object.keys(stacks)).toEqual(["healthlake"]);
    expect((stacks.healthlake.terraform?.backend as Record<string, Record<string, unknown>>).s3.key).toBe("healthlake-privatelink/healthlake.tfstate");
  });
});

describe("single stack tags", () => {
  test("share common tags as defaults", () => {
    const config: ResolvedConfig = {
      ...singleStack(EXAMPLE),
      endpoints: EXAMPLE.endpoints.map((entry, index) => {
        const tags: Record<string, string> = index === 0 ? { Project: "p", Team: "data" } : { Project: "p" };
        return { ...entry, tags };
      }),
    };
    const single = synthLayout(config).healthlake;

    expect(defaultTagsOf(single)).toEqual({ Project: "p" });
    const groups = new Map(Object.entries(single.resource?.aws_security_group ?? {}).map(([name, body]) => [name.split("_")[0], body.tags]));
    expect(groups.get("healthlake-us-east-1")).toEqual({ Team: "data" });
    expect(groups.get("healthlake-us-west-2")).toBeUndefined();
    expect(groups.get("healthlake-london")).toBeUndefined();
  });
});

describe("policy-only entries", () => {
  const config: ResolvedConfig = {
    backend: { type: "local" },
    layout: { type: "stack-per-entry" },
    endpoints: [
      {
        kind: "policy-only",
        name: "legacy",
        stackName: "healthlake-legacy",
        region: "us-west-2",
        tags: {},
        props: { endpointId: "vpce-0123456789abcdef0", region: "us-west-2" },
      },
    ],
  };

  test("get a policy stack per entry", () => {
    const json = synthLayout(config)["healthlake-legacy"];

    expect(onlyResourceOf(json, "aws_vpc_endpoint_policy").vpc_endpoint_id).toBe("vpce-0123456789abcdef0");
    expect(resourcesOf(json, "aws_vpc_endpoint")).toHaveLength(0);
    expect(Object.keys(json.output ?? {}).sort()).toEqual(["endpoint_id", "policy_json"]);
  });

  test("agree between layouts", () => {
    const perEntry = synthLayout(config)["healthlake-legacy"];
    const single = synthLayout(singleStack(config)).healthlake;

    expect(entryBlocks(single, "healthlake-legacy_", {})).toEqual(entryBlocks(perEntry, "healthlake_", {}));
  });
});

describe("HealthLakeRegionalStack", () => {
  test("rejects both endpoint and policy", () => {
    expect(
      () =>
        new HealthLakeRegionalStack(Testing.app(), "both", {
          region: "us-east-1",
          endpoint: { vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"] },
          policyAttachment: { endpointId: "vpce-0123456789abcdef0" },
        }),
    ).toThrow('both: give exactly one of "endpoint" and "policyAttachment".');
  });
});
