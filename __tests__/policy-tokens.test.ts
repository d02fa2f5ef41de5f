import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { AnnotationMetadataEntryType, TerraformVariable, Testing, Token } from "cdktf";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { HealthLakeEndpoint } from "../modules/healthlake-endpoint";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { allow } from "../modules/policy/statement-builder";
import { runTerraform, terraformAvailable } from "./hcl-support";
import { endpointProps, errorMessageOf, makeStack, onlyResourceOf, TerraformJson } from "./support";

/** Builds a stack whose policy takes the organization id from a Terraform variable. */
function stackWithVariable() {
  const { stack } = makeStack();
  const organization = new TerraformVariable(stack, "organization_id", { type: "string" });
  const policy = EndpointPolicy.fromStatements([
    allow({ actions: ["healthlake:ReadResource"], conditions: { StringEquals: { "aws:PrincipalOrgID": organization.stringValue } } }),
  ]);
  const endpoint = new HealthLakeEndpoint(stack, "healthlake", endpointProps({ policy }));
  return { stack, endpoint };
}

const testWithTerraform = terraformAvailable ? test : test.skip;

describe("policy with Terraform values", () => {
  test("renders through jsonencode", () => {
    const { stack } = stackWithVariable();

    const policy = onlyResourceOf(JSON.parse(Testing.synth(stack)) as TerraformJson, "aws_vpc_endpoint").policy as string;

    expect(policy).toMatch(/^\$\{jsonencode\(\{.*\}\)\}$/s);
    expect(policy).toContain("var.organization_id");
    expect(policy).not.toContain("TfToken");
  });

  test("HCL output parses", async () => {
    const { stack } = stackWithVariable();

    const hcl = stack.toHclTerraform().hcl;
    const parsed = (await parseHcl("policy.tf", hcl)) as Record<string, Record<string, Record<string, Array<Record<string, unknown>>>>>;

    const endpoint = Object.values(parsed.resource.aws_vpc_endpoint)[0][0];
    expect(endpoint.policy).toMatch(/^\$\{jsonencode\(/);
    expect(endpoint.policy).toContain("var.organization_id");
  });

  testWithTerraform("HCL output parses in terraform fmt", () => {
    const { stack } = stackWithVariable();
    const folder = mkdtempSync(join(tmpdir(), "healthlake-fmt-"));
    writeFileSync(join(folder, "main.tf"), stack.toHclTerraform().hcl);

    // Without -check, fmt exits 0 for any file it can parse and rewrites its layout.
    const fmt = runTerraform(["fmt", "-no-color", "-list=false", folder], folder);

    expect(fmt.stderr).toBe("");
    expect(fmt.status).toBe(0);
  });

  test("warns that the size is known at plan", () => {
    const { endpoint } = stackWithVariable();

    const warnings = endpoint.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => String(entry.data));
    expect(warnings).toContainEqual(expect.stringMatching(/^\[HealthLake\.PolicySizeUnknown\] Endpoint policy: the policy contains Terraform values, so its size is known only at plan time; the part known now has \d+ of the 20480 characters allowed\.$/));
  });

  test("rejects a known part over the quota", () => {
    const { stack } = makeStack();
    const organization = new TerraformVariable(stack, "organization_id", { type: "string" });
    const roles = Array.from({ length: 400 }, (_, index) => `arn:aws:iam::111111111111:role/clinical-application-role-${index}`);
    const policy = EndpointPolicy.fromStatements([
      allow({ principals: roles, actions: ["healthlake:ReadResource"], conditions: { StringEquals: { "aws:PrincipalOrgID": organization.stringValue } } }),
    ]);

    const message = errorMessageOf(() => policy.render({ partition: "aws", region: "us-east-1" }));

    expect(message).toMatch(/the rendered policy has at least \d+ characters before its Terraform values are filled in, over the VPC endpoint policy quota of 20480 characters/);
  });

  test("keeps the Sid stable across apps", () => {
    const sids = [1, 2].map(() => {
      // Tokens created before the policy shift token numbers; the Sid must not depend on them.
      const { stack } = makeStack();
      new TerraformVariable(stack, "unrelated", { type: "string" });
      const organization = new TerraformVariable(stack, "organization_id", { type: "string" });
      const policy = EndpointPolicy.fromStatements([allow({ actions: ["healthlake:ReadResource"], conditions: { StringEquals: { "aws:PrincipalOrgID": organization.stringValue } } })]);
      new HealthLakeEndpoint(stack, "healthlake", endpointProps({ policy }));
      const written = onlyResourceOf(JSON.parse(Testing.synth(stack)) as TerraformJson, "aws_vpc_endpoint").policy as string;
      return /"Sid" = "(S[0-9a-f]{16})"/.exec(written)?.[1];
    });

    expect(sids[0]).toBeDefined();
    expect(sids[1]).toBe(sids[0]);
  });

  test("passes a list token through unquoted", () => {
    const { stack } = makeStack();
    const principals = new TerraformVariable(stack, "principals", { type: "list(string)" });
    const policy = EndpointPolicy.fromStatements([allow({ principals: Token.asList(principals.listValue), actions: ["healthlake:ReadResource"] })]);
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ policy }));

    const written = onlyResourceOf(JSON.parse(Testing.synth(stack)) as TerraformJson, "aws_vpc_endpoint").policy as string;

    expect(written).toContain('"Principal" = {"AWS" = var.principals}');
    expect(written).not.toContain("TfToken");
  });
});
