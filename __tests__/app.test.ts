import { spawnSync, SpawnSyncReturns } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Testing } from "cdktf";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { loadConfig } from "../modules/config/load-config";
import { collectBlockPaths } from "../modules/hcl/stack-hcl";
import { addConfiguredStacks } from "../modules/stacks/layouts";
import { runTerraform, terraformAvailable, toHcl2JsonShape, withCanonicalExpressions } from "./hcl-support";
import { TerraformJson } from "./support";

const ROOT = join(__dirname, "..");
const APP = join(ROOT, "dist", "main.js");
const EXAMPLE_STACKS = ["healthlake-london", "healthlake-us-east-1", "healthlake-us-west-2"];
const testWithTerraform = terraformAvailable ? test : test.skip;

/** Runs the compiled app like `npm run synth` does, with extra environment variables. */
function runApp(env: Record<string, string>, args: string[] = []): SpawnSyncReturns<string> {
  if (!existsSync(APP)) {
    throw new Error(`${APP} is missing; run the tests with "npm test", which compiles the app first.`);
  }
  return spawnSync(process.execPath, [APP, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", SYNTH_HCL_OUTPUT: "", ...env },
  });
}

function freshFolder(): string {
  return mkdtempSync(join(tmpdir(), "healthlake-app-"));
}

function readStack(outdir: string, stack: string): TerraformJson {
  return JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as TerraformJson;
}

/** Returns `type.name` of every resource and data source, sorted. */
function addressesOf(json: TerraformJson): string[] {
  const resources = Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
  const data = Object.entries(json.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `data.${type}.${name}`));
  return [...resources, ...data].sort();
}

describe("app on the example config", () => {
  let outdir: string;
  let run: SpawnSyncReturns<string>;

  beforeAll(() => {
    outdir = freshFolder();
    run = runApp({ CDKTF_OUTDIR: outdir });
  });

  test("exits 0", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  test("writes one stack per entry", () => {
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(EXAMPLE_STACKS);
    for (const stack of EXAMPLE_STACKS) {
      expect(readStack(outdir, stack).resource?.aws_vpc_endpoint).toBeDefined();
    }
  });

  test.each([
    ["healthlake-us-east-1", "us-east-1"],
    ["healthlake-us-west-2", "us-west-2"],
    ["healthlake-london", "eu-west-2"],
  ])("%s targets %s", (stack, region) => {
    const json = readStack(outdir, stack);

    expect(json.provider?.aws).toHaveLength(1);
    expect(json.provider?.aws[0].region).toBe(region);
    const endpoint = Object.values(json.resource?.aws_vpc_endpoint ?? {})[0];
    expect(endpoint.service_name).toBe(`com.amazonaws.${region}.healthlake`);
  });

  // A changed construct id renames a Terraform address, and Terraform then replaces the live endpoint.
  // These addresses may only change on purpose, with a `moved` block or a state move documented. Data
  // sources hold no state of their own, so adding one is safe.
  test.each([
    [
      "healthlake-us-east-1",
      [
        "aws_security_group.healthlake_security_group_8F2460A5",
        "aws_vpc_endpoint.healthlake_endpoint_94D16F14",
        "aws_vpc_security_group_ingress_rule.healthlake_ingress_10_10_0_0_16_48480A99",
        "aws_vpc_security_group_ingress_rule.healthlake_ingress_fd00_10_10___48_F57FE400",
        "data.aws_vpc.healthlake_vpc_A7C66225",
        "data.aws_vpc_endpoint_service.healthlake_service_E7FD5E19",
      ],
    ],
    [
      "healthlake-us-west-2",
      [
        "aws_security_group.healthlake_security_group_8F2460A5",
        "aws_vpc_endpoint.healthlake_endpoint_94D16F14",
        "aws_vpc_security_group_ingress_rule.healthlake_ingress_sg-0123456789abcdef0_5F0E9FD6",
        "data.aws_vpc.healthlake_vpc_A7C66225",
        "data.aws_vpc_endpoint_service.healthlake_service_E7FD5E19",
      ],
    ],
    [
      "healthlake-london",
      [
        "aws_security_group.healthlake_security_group_8F2460A5",
        "aws_vpc_endpoint.healthlake_endpoint_94D16F14",
        "aws_vpc_security_group_ingress_rule.healthlake_ingress_pl-0123456789abcdef0_AC48222C",
        "data.aws_vpc.healthlake_vpc_A7C66225",
        "data.aws_vpc_endpoint_service.healthlake_service_E7FD5E19",
      ],
    ],
  ])("%s keeps its Terraform addresses", (stack, addresses) => {
    expect(addressesOf(readStack(outdir, stack))).toEqual(addresses);
  });

  test.each(EXAMPLE_STACKS)("%s carries the plan-time checks", (stack) => {
    const json = readStack(outdir, stack);
    const endpoint = Object.values(json.resource?.aws_vpc_endpoint ?? {})[0];
    const conditions = ((endpoint.lifecycle as { precondition: Array<{ condition: string }> }).precondition ?? []).map((check) => check.condition);

    expect(Object.keys(json.data?.aws_vpc_endpoint_service ?? {})).toHaveLength(1);
    expect(endpoint.subnet_ids).toMatch(/^\$\{matchkeys\(/);
    // The example gives each subnet its own zone, so only the offered-zone check is needed.
    expect(conditions.filter((condition) => condition.includes("availability_zones"))).toHaveLength(1);
    expect(conditions.filter((condition) => condition.includes(".enable_dns_"))).toHaveLength(2);
  });

  test("writes the outputs", () => {
    const outputs = readStack(outdir, "healthlake-us-east-1").output ?? {};

    expect(Object.keys(outputs).sort()).toEqual(["dns_names", "endpoint_arn", "endpoint_id", "network_interface_ids", "policy_json", "security_group_id"]);
    const policy = JSON.parse(outputs.policy_json.value as string);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Sid).toBe("ReadOnlyFHIR");
  });

  test("narrows the preset of the first entry", () => {
    const endpoint = Object.values(readStack(outdir, "healthlake-us-east-1").resource?.aws_vpc_endpoint ?? {})[0];

    const statement = JSON.parse(endpoint.policy as string).Statement[0];
    expect(statement.Principal).toEqual({ AWS: ["arn:aws:iam::111111111111:role/clinical-app"] });
    expect(statement.Resource).toEqual(["arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/0123456789abcdef0123456789abcdef"]);
    expect(statement.Condition).toEqual({ StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } });
  });

  test("maps the pasted CLI action name", () => {
    const endpoint = Object.values(readStack(outdir, "healthlake-us-west-2").resource?.aws_vpc_endpoint ?? {})[0];

    const policy = JSON.parse(endpoint.policy as string);
    expect(policy.Statement[0].Action).toContain("healthlake:CreateFHIRDatastore");
  });

  test("puts tags on the provider", () => {
    const provider = readStack(outdir, "healthlake-london").provider?.aws[0];

    expect(provider?.default_tags).toEqual([{ tags: { Environment: "production", ManagedBy: "cdktf-healthlake-privatelink", Project: "clinical-data-platform" } }]);
  });

  test("uses a local backend per stack", () => {
    const json = readStack(outdir, "healthlake-london");

    expect((json.terraform?.backend as Record<string, { path: string }>).local.path).toBe(join(ROOT, "terraform.healthlake-london.tfstate"));
  });

  test("gives byte-identical output on a second run", () => {
    const second = freshFolder();
    expect(runApp({ CDKTF_OUTDIR: second }).status).toBe(0);

    for (const stack of EXAMPLE_STACKS) {
      const first = readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
      expect(readFileSync(join(second, "stacks", stack, "cdk.tf.json"), "utf8")).toBe(first);
    }
  });
});


/** Returns the syntax errors `terraform fmt` finds in an HCL file, or "" (it needs no provider plugin). */
function hclSyntaxErrors(path: string): string {
  const run = runTerraform(["fmt", "-no-color", "-"], ROOT, readFileSync(path, "utf8"));
  return run.status === 0 ? "" : run.stderr;
}

describe(`app HCL output (terraform fmt ${terraformAvailable ? "on PATH" : "checks skipped: no terraform binary"})`, () => {
  // One JSON and one HCL synth of the example serve the tests below that only read their output.
  let jsonOut: string;
  let hclOut: string;
  beforeAll(() => {
    jsonOut = freshFolder();
    hclOut = freshFolder();
    expect(runApp({ CDKTF_OUTDIR: jsonOut }).status).toBe(0);
    expect(runApp({ CDKTF_OUTDIR: hclOut }, ["--hcl"]).status).toBe(0);
  });

  test("keeps IAM policy variables as strings", async () => {
    const policy = {
      Statement: [
        { Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "healthlake:ReadResource", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/${aws:username}" } } },
      ],
    };
    const configFolder = freshFolder();
    const configPath = join(configFolder, "config.json");
    writeFileSync(configPath, JSON.stringify({ endpoints: [{ region: "us-east-1", vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"], policy }] }));
    const jsonOut = freshFolder();
    const hclOut = freshFolder();
    expect(runApp({ CDKTF_OUTDIR: jsonOut, HEALTHLAKE_ENDPOINTS_CONFIG: configPath }).status).toBe(0);
    expect(runApp({ CDKTF_OUTDIR: hclOut, HEALTHLAKE_ENDPOINTS_CONFIG: configPath }, ["--hcl"]).status).toBe(0);

    const hclPath = join(hclOut, "stacks", "healthlake-us-east-1", "cdk.tf");
    const parsed = (await parseHcl(hclPath, readFileSync(hclPath, "utf8"))) as Record<string, Record<string, any>>;
    const json = readStack(jsonOut, "healthlake-us-east-1");
    const jsonPolicy = Object.values(json.resource?.aws_vpc_endpoint ?? {})[0].policy;

    expect(jsonPolicy).toContain("$${aws:username}");
    expect((Object.values(parsed.resource.aws_vpc_endpoint)[0] as Array<Record<string, unknown>>)[0].policy).toBe(jsonPolicy);
    expect(parsed.output.policy_json[0].value).toBe(json.output?.policy_json.value);
    expect(typeof parsed.output.policy_json[0].value).toBe("string");
  });

  test("writes conditions as blocks", () => {
    for (const stack of EXAMPLE_STACKS) {
      const hcl = readFileSync(join(hclOut, "stacks", stack, "cdk.tf"), "utf8");
      expect(hcl).toMatch(/lifecycle \{\s*precondition \{/);
      expect(hcl).not.toContain("precondition = [");
    }
  });

  test("parses back to the JSON synth", async () => {
    for (const stack of EXAMPLE_STACKS) {
      const hclPath = join(hclOut, "stacks", stack, "cdk.tf");
      const parsed = (await parseHcl(hclPath, readFileSync(hclPath, "utf8"))) as Record<string, Record<string, unknown>>;
      const json = readStack(jsonOut, stack);

      expect(Object.keys(parsed.resource).sort()).toEqual(Object.keys(json.resource ?? {}).sort());
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        expect(Object.keys(parsed.resource[type] as object).sort()).toEqual(Object.keys(byName).sort());
      }
      expect(Object.keys(parsed.output).sort()).toEqual(Object.keys(json.output ?? {}).sort());
    }
  });

  test("matches the JSON synth in full", async () => {
    // The block paths come from the same stacks built in this process.
    const config = loadConfig(join(ROOT, "healthlake-endpoints.json"));
    const app = Testing.app();
    const blockPaths = new Set(addConfiguredStacks(app, config).flatMap((stack) => [...collectBlockPaths(stack)]));

    for (const stack of EXAMPLE_STACKS) {
      const hclPath = join(hclOut, "stacks", stack, "cdk.tf");
      const parsed = await parseHcl(hclPath, readFileSync(hclPath, "utf8"));
      const expected = toHcl2JsonShape(JSON.parse(readFileSync(join(jsonOut, "stacks", stack, "cdk.tf.json"), "utf8")), blockPaths);

      expect(withCanonicalExpressions(parsed)).toEqual(withCanonicalExpressions(expected));
    }
  });

  testWithTerraform("passes terraform fmt -check", () => {
    const fmt = runTerraform(["fmt", "-check", "-recursive", "-diff", "-no-color", join(hclOut, "stacks")], hclOut);

    expect(fmt.stdout).toBe("");
    expect(fmt.status).toBe(0);
  });

  test("is selected with --hcl", () => {
    expect(existsSync(join(hclOut, "stacks", "healthlake-london", "cdk.tf"))).toBe(true);
    expect(existsSync(join(hclOut, "stacks", "healthlake-london", "cdk.tf.json"))).toBe(false);
  });

  test("is selected with SYNTH_HCL_OUTPUT", () => {
    const outdir = freshFolder();

    expect(runApp({ CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "true" }).status).toBe(0);
    expect(readFileSync(join(outdir, "stacks", "healthlake-london", "cdk.tf"), "utf8")).toBe(readFileSync(join(hclOut, "stacks", "healthlake-london", "cdk.tf"), "utf8"));
  });
});

describe("app on another config", () => {
  function writeConfig(config: unknown): string {
    const path = join(freshFolder(), "config.json");
    writeFileSync(path, JSON.stringify(config, null, 2));
    return path;
  }

  test("reads HEALTHLAKE_ENDPOINTS_CONFIG", () => {
    const outdir = freshFolder();
    const config = writeConfig({ endpoints: [{ name: "primary", region: "ca-central-1", vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"] }] });

    const run = runApp({ CDKTF_OUTDIR: outdir, HEALTHLAKE_ENDPOINTS_CONFIG: config });

    expect(run.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks"))).toEqual(["healthlake-primary"]);
  });

  test("writes an S3 backend with a lock file", () => {
    const outdir = freshFolder();
    const config = writeConfig({
      backend: { type: "s3", bucket: "example-terraform-state", region: "us-east-1", keyPrefix: "platform/healthlake" },
      endpoints: [{ region: "us-east-2", vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"] }],
    });

    expect(runApp({ CDKTF_OUTDIR: outdir, HEALTHLAKE_ENDPOINTS_CONFIG: config }).status).toBe(0);
    const backend = (readStack(outdir, "healthlake-us-east-2").terraform?.backend as Record<string, Record<string, unknown>>).s3;
    expect(backend).toEqual({
      bucket: "example-terraform-state",
      key: "platform/healthlake/healthlake-us-east-2.tfstate",
      region: "us-east-1",
      encrypt: true,
      use_lockfile: true,
    });
  });

  test("bad config exits 1 and writes nothing", () => {
    const outdir = join(freshFolder(), "out");
    const config = writeConfig({ endpoints: [{ region: "us-east-1", vpcId: "vpc-1", subnets: ["subnet-0aaa111122223333a"] }] });

    const run = runApp({ CDKTF_OUTDIR: outdir, HEALTHLAKE_ENDPOINTS_CONFIG: config });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('endpoints[0].vpcId (line 5, column 7): "vpc-1" is not a valid id');
    expect(run.stderr).toContain("Nothing was written.");
    expect(existsSync(outdir)).toBe(false);
  });

  test("creates missing parent folders of CDKTF_OUTDIR", () => {
    const outdir = join(freshFolder(), "nested", "out");

    const run = runApp({ CDKTF_OUTDIR: outdir });

    expect(run.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(EXAMPLE_STACKS);
  });

  test("writes one stack in the single-stack layout", () => {
    const outdir = freshFolder();
    const example = JSON.parse(readFileSync(join(ROOT, "healthlake-endpoints.json"), "utf8"));
    const config = writeConfig({ ...example, $schema: undefined, layout: { type: "single-stack", stackName: "healthlake-all" } });

    const run = runApp({ CDKTF_OUTDIR: outdir, HEALTHLAKE_ENDPOINTS_CONFIG: config });

    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Synthesized 1 stack from");
    expect(readdirSync(join(outdir, "stacks"))).toEqual(["healthlake-all"]);
    expect(Object.keys(readStack(outdir, "healthlake-all").resource?.aws_vpc_endpoint ?? {})).toHaveLength(3);
  });

  testWithTerraform("single stack HCL passes terraform fmt", () => {
    const outdir = freshFolder();
    const config = writeConfig({
      layout: { type: "single-stack" },
      endpoints: [
        { region: "us-east-1", vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"], ipAddressType: "dualstack", importEndpointId: "vpce-0123456789abcdef0" },
        { name: "london", region: "eu-west-2", vpcId: "vpc-0abc9abcdef567890", subnets: ["subnet-0aaa77778888999aa"], timeouts: { create: "20m" } },
        { name: "legacy", region: "us-west-2", existingEndpointId: "vpce-0123456789abcdef2" },
      ],
    });

    expect(runApp({ CDKTF_OUTDIR: outdir, HEALTHLAKE_ENDPOINTS_CONFIG: config, SYNTH_HCL_OUTPUT: "true" }).status).toBe(0);
    const path = join(outdir, "stacks", "healthlake", "cdk.tf");
    expect(hclSyntaxErrors(path)).toBe("");
    expect(readFileSync(path, "utf8")).toContain("provider = aws.eu_west_2");
  });

  test("two subnets in one zone exit 1", () => {
    const subnets = [
      { subnetId: "subnet-0aaa111122223333a", availabilityZone: "us-east-1a" },
      { subnetId: "subnet-0aaa111122223333b", availabilityZone: "us-east-1a" },
    ];
    const config = writeConfig({ endpoints: [{ region: "us-east-1", vpcId: "vpc-0abc1234def567890", subnets }] });

    const run = runApp({ CDKTF_OUTDIR: freshFolder(), HEALTHLAKE_ENDPOINTS_CONFIG: config });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('endpoints[0].subnets[1] (line 11, column 9): "subnet-0aaa111122223333b" and "subnet-0aaa111122223333a" (subnets[0]) are both in us-east-1a');
  });

  test("dualstack DNS on IPv4 exits 1", () => {
    const config = writeConfig({ endpoints: [{ region: "us-east-1", vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"], ipAddressType: "ipv4", dnsRecordIpType: "dualstack" }] });

    const run = runApp({ CDKTF_OUTDIR: freshFolder(), HEALTHLAKE_ENDPOINTS_CONFIG: config });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('endpoints[0].dnsRecordIpType (line 10, column 7): "dualstack" DNS records are not accepted on an endpoint with "ipAddressType": "ipv4"');
  });

  test("FIPS clients warn at synth", () => {
    const config = writeConfig({ endpoints: [{ region: "us-east-1", vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"], useFipsEndpoint: true }] });

    const run = runApp({ CDKTF_OUTDIR: freshFolder(), HEALTHLAKE_ENDPOINTS_CONFIG: config });

    expect(run.status).toBe(0);
    expect(run.stderr).toContain("Warning: healthlake-us-east-1/healthlake: useFipsEndpoint is set: clients configured for FIPS call healthlake-fips.us-east-1.amazonaws.com");
  });

  test("removes the other format's files", () => {
    const outdir = freshFolder();
    expect(runApp({ CDKTF_OUTDIR: outdir }).status).toBe(0);
    expect(runApp({ CDKTF_OUTDIR: outdir }, ["--hcl"]).status).toBe(0);

    expect(readdirSync(join(outdir, "stacks", "healthlake-london")).sort()).toEqual(["cdk.tf", "metadata.json"]);
    expect(runApp({ CDKTF_OUTDIR: outdir }).status).toBe(0);
    expect(readdirSync(join(outdir, "stacks", "healthlake-london"))).toEqual(["cdk.tf.json"]);
  });

  test("names stack folders it no longer writes", () => {
    const outdir = freshFolder();
    const config = writeConfig({ endpoints: [{ region: "ca-central-1", vpcId: "vpc-0abc1234def567890", subnets: ["subnet-0aaa111122223333a"] }] });
    expect(runApp({ CDKTF_OUTDIR: outdir }).status).toBe(0);

    const run = runApp({ CDKTF_OUTDIR: outdir, HEALTHLAKE_ENDPOINTS_CONFIG: config });

    expect(run.status).toBe(0);
    expect(run.stderr).toContain("also contains healthlake-london, healthlake-us-east-1, healthlake-us-west-2, which this config no longer writes");
  });

  test("rejects an unknown option", () => {
    const outdir = join(freshFolder(), "out");

    const run = runApp({ CDKTF_OUTDIR: outdir }, ["--hlc"]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option --hlc; the only option is --hcl");
    expect(existsSync(outdir)).toBe(false);
  });

  test("missing config file exits 1", () => {
    const run = runApp({ CDKTF_OUTDIR: freshFolder(), HEALTHLAKE_ENDPOINTS_CONFIG: "/nonexistent/healthlake.json" });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the file does not exist");
  });
});
