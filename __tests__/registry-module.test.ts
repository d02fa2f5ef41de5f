import { mkdtempSync, readdirSync, readFileSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { Testing } from "cdktf";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { collectBlockPaths } from "../modules/hcl/stack-hcl";
import { buildModule, MODULE_TERRAFORM_VERSION } from "../modules/registry-module/build-module";
import { MODULE_OUTPUTS } from "../modules/registry-module/module-outputs";
import { HealthLakeModuleStack } from "../modules/registry-module/module-stack";
import { MODULE_VARIABLES } from "../modules/registry-module/module-variables";
import { HealthLakeRegionalStack } from "../modules/stacks/regional-stack";
import { runTerraform, terraformAvailable, toHcl2JsonShape, withCanonicalExpressions } from "./hcl-support";
import { SUBNET_A, VPC_ID } from "./support";

const testWithTerraform = terraformAvailable ? test : test.skip;
const TF_FILES = ["examples/basic/main.tf", "main.tf", "outputs.tf", "variables.tf", "versions.tf"];

type Parsed = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((path) => statSync(join(folder, path)).isFile())
    .map((path) => relative(folder, join(folder, path)))
    .sort();
}

async function parseModuleFile(folder: string, path: string): Promise<Parsed> {
  return (await parseHcl(path, readFileSync(join(folder, path), "utf8"))) as Parsed;
}

describe(`registry module build (terraform fmt ${terraformAvailable ? "on PATH" : "checks skipped: no terraform binary"})`, () => {
  let folder: string;
  let json: Parsed;
  let blockPaths: ReadonlySet<string>;

  beforeAll(async () => {
    folder = join(mkdtempSync(join(tmpdir(), "healthlake-module-")), "module");
    await buildModule(folder);
    const stack = new HealthLakeModuleStack(Testing.app(), "module");
    json = stack.toTerraform() as Parsed;
    blockPaths = collectBlockPaths(stack);
  });

  test("writes the module files", () => {
    expect(listFiles(folder)).toEqual(["README.md", ...TF_FILES].sort());
  });

  test("gives identical files twice", async () => {
    const second = join(mkdtempSync(join(tmpdir(), "healthlake-module-")), "module");
    await buildModule(second);

    expect(listFiles(second)).toEqual(listFiles(folder));
    for (const path of listFiles(folder)) {
      expect(readFileSync(join(second, path), "utf8")).toBe(readFileSync(join(folder, path), "utf8"));
    }
  });

  test("has no provider or backend", async () => {
    for (const path of TF_FILES.filter((file) => !file.startsWith("examples/"))) {
      const parsed = await parseModuleFile(folder, path);

      expect(parsed.provider).toBeUndefined();
      expect(parsed.terraform?.[0]?.backend).toBeUndefined();
      expect(readFileSync(join(folder, path), "utf8")).not.toMatch(/^\s*(provider|backend)\s/m);
    }
  });

  test("main.tf matches the JSON synth", async () => {
    const expected = toHcl2JsonShape({ locals: json.locals, data: json.data, resource: json.resource }, blockPaths);

    expect(withCanonicalExpressions(await parseModuleFile(folder, "main.tf"))).toEqual(withCanonicalExpressions(expected));
  });

  test("variables.tf matches the JSON synth", async () => {
    const expected = toHcl2JsonShape({ variable: json.variable }, blockPaths);

    expect(withCanonicalExpressions(await parseModuleFile(folder, "variables.tf"))).toEqual(withCanonicalExpressions(expected));
  });

  test("outputs.tf matches the JSON synth", async () => {
    const expected = toHcl2JsonShape({ output: json.output }, blockPaths);

    expect(withCanonicalExpressions(await parseModuleFile(folder, "outputs.tf"))).toEqual(withCanonicalExpressions(expected));
  });

  test("every variable has a description", async () => {
    const variables = (await parseModuleFile(folder, "variables.tf")).variable as Record<string, Parsed[]>;

    expect(Object.keys(variables).sort()).toEqual(MODULE_VARIABLES.map((variable) => variable.name).sort());
    for (const [name, [body]] of Object.entries(variables)) {
      expect([name, typeof body.description, body.description.length > 0]).toEqual([name, "string", true]);
      expect([name, typeof body.type]).toEqual([name, "string"]);
    }
  });

  test("required variables have no default", async () => {
    const variables = (await parseModuleFile(folder, "variables.tf")).variable as Record<string, Parsed[]>;

    const required = Object.entries(variables)
      .filter(([, [body]]) => !("default" in body))
      .map(([name]) => name);
    expect(required.sort()).toEqual(["subnet_ids", "vpc_id"]);
  });

  test("every output has a description", async () => {
    const outputs = (await parseModuleFile(folder, "outputs.tf")).output as Record<string, Parsed[]>;

    expect(Object.keys(outputs).sort()).toEqual(MODULE_OUTPUTS.map((output) => output.name).sort());
    for (const [name, [body]] of Object.entries(outputs)) {
      expect([name, typeof body.description]).toEqual([name, "string"]);
    }
  });

  test("outputs are the app stack's outputs", () => {
    const app = Testing.app();
    const regional = new HealthLakeRegionalStack(app, "regional", { region: "us-east-1", endpoint: { vpcId: VPC_ID, subnets: [SUBNET_A] } });
    const appOutputs = (JSON.parse(Testing.synth(regional)) as Parsed).output as Record<string, { description: string }>;

    const moduleOutputs = Object.fromEntries(MODULE_OUTPUTS.map((output) => [output.name, output.description]));
    expect(moduleOutputs).toEqual(Object.fromEntries(Object.entries(appOutputs).map(([name, output]) => [name, output.description])));
  });

  test("versions.tf requires Terraform and a provider range", async () => {
    const terraform = (await parseModuleFile(folder, "versions.tf")).terraform[0];

    expect(terraform.required_version).toBe(MODULE_TERRAFORM_VERSION);
    expect(terraform.required_providers[0].aws).toEqual({ source: "hashicorp/aws", version: ">= 6.25.0, < 7.0.0" });
  });

  test("takes the Region from the provider", async () => {
    const main = await parseModuleFile(folder, "main.tf");
    const endpoint = Object.values(main.resource.aws_vpc_endpoint as Record<string, Parsed[]>)[0][0];

    expect(endpoint.service_name).toBe("com.amazonaws.${local.region}.healthlake");
    expect(main.locals[0].region).toBe("${data.aws_region.current.region}");
    expect(main.locals[0].partition).toBe("${data.aws_partition.current.partition}");
  });

  // Renaming a construct id renames these addresses, and callers' plans would then replace the endpoint.
  test("keeps its Terraform addresses", async () => {
    const main = await parseModuleFile(folder, "main.tf");
    const addresses = [
      ...Object.entries(main.resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)),
      ...Object.entries(main.data as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((name) => `data.${type}.${name}`)),
    ].sort();

    expect(addresses).toEqual([
      "aws_security_group.healthlake_security_group_8F2460A5",
      "aws_vpc_endpoint.healthlake_endpoint_94D16F14",
      "aws_vpc_security_group_ingress_rule.healthlake_ingress_cidrs_A4B6214B",
      "aws_vpc_security_group_ingress_rule.healthlake_ingress_prefix_lists_47F3B2D4",
      "aws_vpc_security_group_ingress_rule.healthlake_ingress_security_groups_BAEB89EF",
      "aws_vpc_security_group_ingress_rule.healthlake_ingress_vpc_cidr_blocks_38AA0458",
      "data.aws_caller_identity.current",
      "data.aws_partition.current",
      "data.aws_region.current",
      "data.aws_subnet.healthlake_subnets_FB9ED1A2",
      "data.aws_vpc.healthlake_vpc_A7C66225",
      "data.aws_vpc_endpoint_service.healthlake_service_E7FD5E19",
    ]);
  });

  test("example calls the module", async () => {
    const example = await parseModuleFile(folder, "examples/basic/main.tf");

    const modules = example.module as Record<string, Parsed[]>;
    expect(Object.keys(modules)).toEqual(["healthlake_london", "healthlake_us_east_1"]);
    for (const [name, [call]] of Object.entries(modules)) {
      expect([name, call.source]).toEqual([name, "../.."]);
    }
    expect(modules.healthlake_london[0].providers).toEqual({ aws: "${aws.london}" });
  });

  test("README shows usage and tables", () => {
    const readme = readFileSync(join(folder, "README.md"), "utf8");

    expect(readme).toContain(readFileSync(join(folder, "examples/basic/main.tf"), "utf8").trimEnd());
    for (const variable of MODULE_VARIABLES) {
      expect(readme).toMatch(new RegExp(`^\\| ${variable.name} \\| .+ \\| \`${variable.type.replace(/[()]/g, "\\$&")}\` \\| .+ \\| (yes|no) \\|$`, "m"));
    }
    for (const output of MODULE_OUTPUTS) {
      expect(readme).toContain(`| ${output.name} | ${output.description} |`);
    }
    expect(readme).toContain("These checks happen only in the cdktf path, not in this module:");
  });

  testWithTerraform("passes terraform fmt -check", () => {
    const fmt = runTerraform(["fmt", "-check", "-recursive", "-diff", "-no-color", folder], folder);

    expect(fmt.stdout).toBe("");
    expect(fmt.status).toBe(0);
  });
});
