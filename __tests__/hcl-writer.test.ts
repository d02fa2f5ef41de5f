import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { TerraformVariable, Testing } from "cdktf";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { terraformJsonToHcl } from "../modules/hcl/hcl-writer";
import { collectBlockPaths, stackToHcl } from "../modules/hcl/stack-hcl";
import { quoteLiteral, quoteTemplate, soleInterpolation, splitTemplate } from "../modules/hcl/template";
import { HealthLakeEndpoint } from "../modules/healthlake-endpoint";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { runTerraform, terraformAvailable, toHcl2JsonShape, withCanonicalExpressions } from "./hcl-support";
import { endpointProps, errorMessageOf, makeStack } from "./support";

const testWithTerraform = terraformAvailable ? test : test.skip;

describe("template strings", () => {
  test("split into literals and sequences", () => {
    expect(splitTemplate('a${var.x}b%{ if true }c%{ endif }')).toEqual([
      { kind: "literal", text: "a" },
      { kind: "sequence", text: "${var.x}" },
      { kind: "literal", text: "b" },
      { kind: "sequence", text: "%{ if true }" },
      { kind: "literal", text: "c" },
      { kind: "sequence", text: "%{ endif }" },
    ]);
  });

  test("keep escaped sequences literal", () => {
    expect(splitTemplate("$${aws:username} and %%{x}")).toEqual([{ kind: "literal", text: "$${aws:username} and %%{x}" }]);
  });

  test("find the end of nested braces and strings", () => {
    const template = '${jsonencode({"a" = "}", "b" = "${var.x}"})}';

    expect(soleInterpolation(template)).toBe('jsonencode({"a" = "}", "b" = "${var.x}"})');
  });

  test.each([["a${var.x}"], ["${var.x}${var.y}"], ["plain"], ["%{ if true }x%{ endif }"]])("%s is no sole interpolation", (template) => {
    expect(soleInterpolation(template)).toBeUndefined();
  });

  test("quote escapes literal text only", () => {
    expect(quoteTemplate('say "${var.name}"\\\n')).toBe('"say \\"${var.name}\\"\\\\\\n"');
  });

  test("quoteLiteral escapes template sequences", () => {
    expect(quoteLiteral('${aws:username} %{x} "q"')).toBe('"$${aws:username} %%{x} \\"q\\""');
  });

  test("unclosed sequence is rejected", () => {
    expect(errorMessageOf(() => splitTemplate("${var.x"))).toMatch(/^Unclosed template sequence in "\$\{var\.x"$/);
  });
});

describe("HCL writer", () => {
  test("rejects unsupported sections", () => {
    const message = errorMessageOf(() => terraformJsonToHcl({ module: { vpc: { source: "./vpc" } } }, new Set()));

    expect(message).toBe('Terraform JSON section "module" is not supported by the HCL writer; it supports terraform, provider, variable, locals, data, resource, output, moved, import.');
  });

  test("writes import blocks", () => {
    const hcl = terraformJsonToHcl({ import: [{ to: "aws_vpc_endpoint.endpoint", id: "vpce-0123456789abcdef0" }] }, new Set());

    expect(hcl).toBe('import {\n  to = aws_vpc_endpoint.endpoint\n  id = "vpce-0123456789abcdef0"\n}\n');
  });

  test("writes schema blocks as blocks", async () => {
    const { stack } = makeStack();
    new VpcEndpoint(stack, "endpoint", { vpcId: "vpc-0abc1234def567890", serviceName: "com.amazonaws.us-east-1.healthlake", timeouts: { create: "20m" }, tags: { Team: "data" } });

    const hcl = await stackToHcl(stack, ["resource"]);

    expect(collectBlockPaths(stack)).toContain("resource.aws_vpc_endpoint.timeouts");
    expect(hcl).toMatch(/\n  timeouts \{\n    create = "20m"\n  \}\n/);
    expect(hcl).toMatch(/\n  tags += \{\n    Team = "data"\n  \}\n/);
  });

  test("writes variables with bare types and conditions", async () => {
    const { stack } = makeStack();
    new TerraformVariable(stack, "names", {
      type: "list(string)",
      description: "Names.",
      default: [],
      validation: [{ condition: "${length(var.names) < 3}", errorMessage: "At most two names." }],
    });

    const hcl = await stackToHcl(stack, ["variable"]);

    expect(hcl).toBe(
      'variable "names" {\n  description = "Names."\n  type        = list(string)\n  default     = []\n\n  validation {\n    condition     = length(var.names) < 3\n    error_message = "At most two names."\n  }\n}\n',
    );
  });
});

describe("HCL of an endpoint with awkward policy strings", () => {
  // Quotes, backslashes, a newline and IAM policy variables: cdktf 0.21's own HCL renderer breaks on these.
  function awkwardStack() {
    const { stack } = makeStack();
    const policy = EndpointPolicy.fromJson({
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "healthlake:ReadResource",
          Resource: "arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/${aws:username}",
          Condition: { StringLike: { "aws:PrincipalTag/note": ['quote " backslash \\ newline \n', "%{percent}"] } },
        },
      ],
    });
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ policy }));
    return stack;
  }

  test("parses back to the JSON synth", async () => {
    const stack = awkwardStack();
    const json = JSON.parse(Testing.synth(stack));

    const parsed = await parseHcl("main.tf", await stackToHcl(stack));

    expect(withCanonicalExpressions(parsed)).toEqual(withCanonicalExpressions(toHcl2JsonShape(json, collectBlockPaths(stack))));
  });

  testWithTerraform("passes terraform fmt -check", async () => {
    const folder = mkdtempSync(join(tmpdir(), "healthlake-hcl-"));
    writeFileSync(join(folder, "main.tf"), await stackToHcl(awkwardStack()));

    const fmt = runTerraform(["fmt", "-check", "-diff", "-no-color", folder], folder);

    expect(fmt.stdout).toBe("");
    expect(fmt.status).toBe(0);
  });
});
