import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { buildModule } from "../modules/registry-module/build-module";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { parsePreset, PRESET_NAMES, PresetName, PresetOptions } from "../modules/policy/presets";
import { runTerraform, terraformAvailable } from "./hcl-support";
import { SUBNET_A, VPC_ID } from "./support";

/** Stand-ins for the values the module reads from the caller's provider. */
const PROVIDER_VALUES = { region: '"us-east-1"', partition: '"aws"', datastore_account_id: 'coalesce(var.account_id, "222222222222")' };
const DATASTORE = "0123456789abcdef0123456789abcdef";

/**
 * Builds a folder with the module's variables.tf and the locals block of its main.tf, with the
 * provider's values replaced by literals. Without resources it needs no provider plugin, so
 * `terraform console` evaluates it offline.
 */
async function consoleFolder(): Promise<string> {
  const moduleFolder = join(mkdtempSync(join(tmpdir(), "healthlake-module-")), "module");
  await buildModule(moduleFolder);
  const main = readFileSync(join(moduleFolder, "main.tf"), "utf8");
  const locals = /^locals \{\n[\s\S]*?\n\}\n/m.exec(main)?.[0];
  if (locals === undefined) {
    throw new Error("main.tf has no locals block");
  }
  let stubbed = locals;
  for (const [name, value] of Object.entries(PROVIDER_VALUES)) {
    stubbed = stubbed.replace(new RegExp(`^(  ${name} +=) .*$`, "m"), `$1 ${value}`);
  }
  const folder = mkdtempSync(join(tmpdir(), "healthlake-module-console-"));
  writeFileSync(join(folder, "variables.tf"), readFileSync(join(moduleFolder, "variables.tf"), "utf8"));
  writeFileSync(join(folder, "locals.tf"), stubbed);
  expect(runTerraform(["init", "-backend=false", "-no-color"], folder).status).toBe(0);
  return folder;
}

/** Turns input values into -var arguments, with the required inputs filled in. */
function varArguments(inputs: Record<string, unknown>): string[] {
  const all: Record<string, unknown> = { vpc_id: VPC_ID, subnet_ids: [SUBNET_A], ...inputs };
  return Object.entries(all).flatMap(([name, value]) => ["-var", `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`]);
}

function evaluate(folder: string, expression: string, inputs: Record<string, unknown>) {
  return runTerraform(["console", "-no-color", ...varArguments(inputs)], folder, `${expression}\n`);
}

/** Returns the policy the module builds for `inputs`, parsed. */
function modulePolicy(folder: string, inputs: Record<string, unknown>): unknown {
  const result = evaluate(folder, "local.policy", inputs);
  expect(result.stderr).toBe("");
  return JSON.parse(JSON.parse(result.stdout.trim()) as string);
}

/** Returns the policy the TypeScript preset renders, parsed. */
function presetPolicy(name: PresetName, options: PresetOptions): unknown {
  const policy = parsePreset(name, options).policy;
  if (!policy) {
    throw new Error(`preset ${name} did not parse`);
  }
  return JSON.parse(policy.render({ partition: "aws", region: "us-east-1", accountId: "222222222222" }).json);
}

const testWithTerraform = terraformAvailable ? test : test.skip;

describe(`module policy in terraform console (${terraformAvailable ? "terraform on PATH" : "skipped: no terraform binary"})`, () => {
  let folder: string;

  beforeAll(async () => {
    if (terraformAvailable) {
      folder = await consoleFolder();
    }
  });

  const cases: Array<[string, PresetOptions]> = [
    ["open", {}],
    ["narrowed", { datastores: [DATASTORE, `arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/${"a".repeat(32)}`], principals: ["111111111111", "arn:aws:iam::111111111111:role/clinical-app"] }],
    ["conditioned", { organizationId: "o-a1b2c3d4e5", accounts: ["333333333333", "111111111111"] }],
  ];
  for (const name of PRESET_NAMES) {
    testWithTerraform.each(cases)(`${name} matches the TypeScript preset: %s`, (_case, options) => {
      const inputs = {
        policy_preset: name,
        ...(options.datastores ? { policy_datastores: options.datastores } : {}),
        ...(options.principals ? { policy_principals: options.principals } : {}),
        ...(options.organizationId ? { policy_organization_id: options.organizationId } : {}),
        ...(options.accounts ? { policy_accounts: options.accounts } : {}),
      };

      expect(modulePolicy(folder, inputs)).toEqual(presetPolicy(name, options));
    });
  }

  testWithTerraform("default is the full-access policy", () => {
    expect(modulePolicy(folder, {})).toEqual(JSON.parse(EndpointPolicy.fullAccess().render({ partition: "aws", region: "us-east-1" }).json));
  });

  testWithTerraform("policy_json is minified as given", () => {
    const document = '{ "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "healthlake:ReadResource", "Resource": "arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/${aws:username}"}] }';

    const result = evaluate(folder, "local.policy", { policy_json: document });

    const written = JSON.parse(result.stdout.trim()) as string;
    expect(written).not.toMatch(/\s/);
    expect(JSON.parse(written)).toEqual(JSON.parse(document));
    expect(written).toContain("datastore/fhir/${aws:username}");
  });

  testWithTerraform.each([
    [{ vpc_id: "vpc-1" }, 'vpc_id must be "vpc-" followed by 8 or 17 lowercase hexadecimal digits'],
    [{ subnet_ids: [] }, "subnet_ids is empty; list at least one subnet"],
    [{ subnet_ids: [SUBNET_A, SUBNET_A] }, "List each subnet in subnet_ids once."],
    [{ allowed_cidrs: ["10.0.0.1/16"] }, "Each element of allowed_cidrs must be a CIDR block written as its network address"],
    [{ allowed_cidrs: ["2001:DB8::/32"] }, "Each element of allowed_cidrs must be a CIDR block written as its network address"],
    [{ allowed_cidrs: ["0.0.0.0/0"] }, "allowed_cidrs opens the endpoint to every address"],
    [{ allowed_security_group_ids: ["sg-1"] }, 'Each element of allowed_security_group_ids must be "sg-"'],
    [{ allowed_prefix_list_ids: ["pl-1"] }, 'Each element of allowed_prefix_list_ids must be "pl-"'],
    [{ policy_preset: "read-everything" }, "policy_preset must be one of full-access, read-only-fhir"],
    [{ policy_datastores: [DATASTORE] }, "policy_datastores narrows a policy preset; set policy_preset as well"],
    [{ policy_preset: "read-only-fhir", policy_datastores: ["datastore-1"] }, "Each element of policy_datastores must be a 32-character datastore id"],
    [{ policy_preset: "read-only-fhir", policy_principals: [] }, "policy_principals is an empty list"],
    [{ policy_preset: "read-only-fhir", policy_principals: ["arn:aws:sts::111111111111:assumed-role/x/y"] }, "Each element of policy_principals must be a 12-digit account id"],
    [{ policy_preset: "read-only-fhir", policy_organization_id: "org-1" }, "policy_organization_id must be an AWS Organizations id"],
    [{ policy_preset: "read-only-fhir", policy_accounts: ["1111"] }, "Each element of policy_accounts must be a 12-digit account id."],
    [{ policy_preset: "read-only-fhir", policy_json: '{"Statement":[]}' }, "Set either policy_json or policy_preset, not both."],
    [{ policy_json: "[1]" }, 'policy_json must be a JSON policy document with a "Statement".'],
    [{ policy_json: JSON.stringify({ Statement: [{ Sid: "x".repeat(20_500) }] }) }, "characters when minified, over the VPC endpoint policy quota of 20480 characters"],
    [{ account_id: "1234" }, "account_id must be a 12-digit AWS account id."],
    [{ tags: { "aws:team": "x" } }, 'Tag keys must not start with "aws:"'],
  ])("rejects input %# with its message", (inputs, message) => {
    const result = evaluate(folder, "var.vpc_id", inputs);

    expect(result.stderr.replace(/\s+/g, " ")).toContain(message);
  });
});
