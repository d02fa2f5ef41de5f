import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { TerraformVariable, Testing } from "cdktf";
import { HealthLakeEndpoint } from "../modules/healthlake-endpoint";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { runTerraform, terraformAvailable } from "./hcl-support";
import { endpointProps, makeStack, onlyResourceOf, TerraformJson } from "./support";

/**
 * Evaluates a synthesized `policy` value with `terraform console`, in a configuration of only locals and
 * variables, which needs no provider plugin and so runs offline. Returns the string Terraform sends.
 */
function evaluateWithTerraform(policyValue: string, variables: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), "healthlake-console-"));
  const variableBlocks = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, { type: "string", default: value }]));
  const config = { locals: { policy: policyValue }, ...(Object.keys(variables).length > 0 ? { variable: variableBlocks } : {}) };
  writeFileSync(join(folder, "main.tf.json"), JSON.stringify(config));

  const init = runTerraform(["init", "-backend=false", "-no-color"], folder);
  expect(init.status).toBe(0);
  const console = runTerraform(["console", "-no-color"], folder, "local.policy\n");
  expect(console.stderr).toBe("");
  return JSON.parse(console.stdout.trim()) as string;
}

const testWithTerraform = terraformAvailable ? test : test.skip;

describe(`policy evaluated by terraform console (${terraformAvailable ? "terraform on PATH" : "skipped: no terraform binary"})`, () => {
  testWithTerraform("keeps IAM policy variables", () => {
    const policy = EndpointPolicy.fromJson({
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "healthlake:ReadResource",
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}", "aws:PrincipalTag/team": "%{team}" } },
        },
      ],
    });
    const { stack } = makeStack();
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ policy }));
    const written = onlyResourceOf(JSON.parse(Testing.synth(stack)) as TerraformJson, "aws_vpc_endpoint").policy as string;

    const sent = evaluateWithTerraform(written);

    expect(sent).toBe(policy.render({ partition: "aws", region: "us-east-1" }).json);
    expect(JSON.parse(sent).Statement[0].Condition.StringEquals["aws:ResourceAccount"]).toEqual(["${aws:PrincipalAccount}"]);
  });

  testWithTerraform("fills in Terraform values", () => {
    const { stack } = makeStack();
    const organization = new TerraformVariable(stack, "organization_id", { type: "string" });
    const policy = EndpointPolicy.fromJson({
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "healthlake:ReadResource",
          Resource: "arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/${aws:username}",
          Condition: {
            StringEquals: { "aws:PrincipalOrgID": organization.stringValue },
            StringLike: { "aws:PrincipalTag/note": ['quote " and backslash \\', "%{percent}"] },
          },
        },
      ],
    });
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ policy }));
    const written = onlyResourceOf(JSON.parse(Testing.synth(stack)) as TerraformJson, "aws_vpc_endpoint").policy as string;

    const sent = JSON.parse(evaluateWithTerraform(written, { organization_id: "o-a1b2c3d4e5" }));

    expect(sent.Statement[0].Condition).toEqual({
      StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] },
      StringLike: { "aws:PrincipalTag/note": ["%{percent}", 'quote " and backslash \\'] },
    });
    expect(sent.Statement[0].Resource).toEqual(["arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/${aws:username}"]);
    expect(sent.Version).toBe("2012-10-17");
  });
});
