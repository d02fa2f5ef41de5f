import { TerraformVariable, Testing, Token } from "cdktf";
import { HealthLakeEndpoint } from "../modules/healthlake-endpoint";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { endpointProps, errorMessageOf, makeStack, onlyResourceOf, resourcesOf, TerraformJson } from "./support";

/** Builds an endpoint whose list props come from Terraform variables, as in the registry module. */
function synthWithVariables(overrides: Record<string, unknown> = {}) {
  const { stack } = makeStack();
  const list = (name: string) => Token.asList(new TerraformVariable(stack, name, { type: "list(string)" }).listValue);
  new HealthLakeEndpoint(stack, "healthlake", {
    vpcId: new TerraformVariable(stack, "vpc_id", { type: "string" }).stringValue,
    subnets: list("subnet_ids"),
    allowedCidrs: list("allowed_cidrs"),
    allowedSecurityGroupIds: list("allowed_security_group_ids"),
    allowedPrefixListIds: list("allowed_prefix_list_ids"),
    securityGroupIds: list("security_group_ids"),
    privateDnsEnabled: new TerraformVariable(stack, "private_dns_enabled", { type: "bool" }).booleanValue,
    tags: Token.asStringMap(new TerraformVariable(stack, "tags", { type: "map(string)" }).value),
    ...overrides,
  });
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

describe("HealthLakeEndpoint with Terraform values", () => {
  test("passes list variables through", () => {
    const endpoint = onlyResourceOf(synthWithVariables(), "aws_vpc_endpoint");

    expect(endpoint.vpc_id).toBe("${var.vpc_id}");
    expect(endpoint.private_dns_enabled).toBe("${var.private_dns_enabled}");
    expect(endpoint.tags).toBe("${var.tags}");
  });

  test("guards DNS checks with the variable", () => {
    const endpoint = onlyResourceOf(synthWithVariables(), "aws_vpc_endpoint");

    const conditions = ((endpoint.lifecycle as { precondition: Array<{ condition: string }> }).precondition ?? []).map((check) => check.condition);
    expect(conditions).toContainEqual(expect.stringMatching(/^\$\{\(!var\.private_dns_enabled \|\| data\.aws_vpc\.healthlake_vpc_[0-9A-F]+\.enable_dns_support\)\}$/));
    expect(conditions).toContainEqual(expect.stringMatching(/^\$\{\(!var\.private_dns_enabled \|\| data\.aws_vpc\.healthlake_vpc_[0-9A-F]+\.enable_dns_hostnames\)\}$/));
  });

  test("places list subnets in offered zones", () => {
    const json = synthWithVariables();

    const lookups = Object.values(json.data?.aws_subnet ?? {});
    expect(lookups).toHaveLength(1);
    expect(lookups[0].for_each).toBe("${toset(var.subnet_ids)}");
    expect(lookups[0].id).toBe("${each.value}");
    const endpoint = onlyResourceOf(json, "aws_vpc_endpoint");
    expect(endpoint.subnet_ids).toMatch(
      /^\$\{matchkeys\(\[ for key, val in data\.aws_subnet\.healthlake_subnets_[0-9A-F]+: key\], \[ for key, val in data\.aws_subnet\.healthlake_subnets_[0-9A-F]+: val\.availability_zone\], tolist\(data\.aws_vpc_endpoint_service\.healthlake_service_[0-9A-F]+\.availability_zones\)\)\}$/,
    );
  });

  test("joins extra security groups with concat", () => {
    const endpoint = onlyResourceOf(synthWithVariables(), "aws_vpc_endpoint");

    expect(endpoint.security_group_ids).toMatch(/^\$\{concat\(\[aws_security_group\.healthlake_security_group_[0-9A-F]+\.id\], var\.security_group_ids\)\}$/);
  });

  test("adds one for_each rule per source kind", () => {
    const rules = synthWithVariables().resource?.aws_vpc_security_group_ingress_rule ?? {};

    const byForEach = Object.fromEntries(Object.values(rules).map((rule) => [String(rule.for_each), rule]));
    expect(Object.keys(byForEach)).toHaveLength(4);
    expect(byForEach["${toset(var.allowed_cidrs)}"].cidr_ipv6).toBe('${strcontains(each.value, ":") ? each.value : null}');
    expect(byForEach["${toset(var.allowed_cidrs)}"].cidr_ipv4).toBe('${strcontains(each.value, ":") ? null : each.value}');
    expect(byForEach["${toset(var.allowed_security_group_ids)}"].referenced_security_group_id).toBe("${each.value}");
    expect(byForEach["${toset(var.allowed_prefix_list_ids)}"].prefix_list_id).toBe("${each.value}");
  });

  test("admits the VPC only without sources", () => {
    const rules = Object.values(synthWithVariables().resource?.aws_vpc_security_group_ingress_rule ?? {});

    const vpcRule = rules.find((rule) => String(rule.for_each).includes("cidr_block_associations"));
    expect(vpcRule?.for_each).toContain("(((length(var.allowed_cidrs) + length(var.allowed_security_group_ids)) + length(var.allowed_prefix_list_ids)) < 1)");
    expect(vpcRule?.cidr_ipv4).toBe("${each.value.cidr_block}");
  });

  test("keeps literal sources in token mode", () => {
    const rules = resourcesOf(synthWithVariables({ allowedCidrs: ["10.0.0.0/16"] }), "aws_vpc_security_group_ingress_rule");

    expect(rules.map((rule) => rule.for_each)).toContain('${toset(["10.0.0.0/16"])}');
  });

  test("still checks literal values in token mode", () => {
    const message = errorMessageOf(() => synthWithVariables({ allowedCidrs: ["10.0.0.1/16"] }));

    expect(message).toContain('allowedCidrs[0]: "10.0.0.1/16" has bits set after the prefix; write the network address "10.0.0.0/16".');
  });

  test("rejects a list token mixed with literals", () => {
    const { stack } = makeStack();
    const extra = Token.asList(new TerraformVariable(stack, "extra", { type: "list(string)" }).listValue);

    const message = errorMessageOf(() => new HealthLakeEndpoint(stack, "healthlake", endpointProps({ allowedSecurityGroupIds: ["sg-0123456789abcdef0", ...extra] })));

    expect(message).toContain('allowedSecurityGroupIds: mixes a Terraform list value with ["sg-0123456789abcdef0"]; give either literal values or one list value');
  });

  test("takes the Region from a Terraform value", () => {
    const { stack } = makeStack();
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ region }));

    const endpoint = onlyResourceOf(JSON.parse(Testing.synth(stack)) as TerraformJson, "aws_vpc_endpoint");

    expect(endpoint.service_name).toBe("com.amazonaws.${var.region}.healthlake");
  });

  test("accepts datastore ARNs with a Region value", () => {
    const { stack } = makeStack();
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    const policy = EndpointPolicy.fromJson({
      Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "arn:aws:healthlake:eu-west-2:111111111111:datastore/fhir/0123456789abcdef0123456789abcdef" }],
    });

    expect(() => new HealthLakeEndpoint(stack, "healthlake", endpointProps({ region, policy }))).not.toThrow();
  });
});

describe("EndpointPolicy.fromTerraformValue", () => {
  test("writes the value as it is", () => {
    const { stack } = makeStack();
    const document = new TerraformVariable(stack, "policy_json", { type: "string" }).stringValue;
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ policy: EndpointPolicy.fromTerraformValue(document), acknowledgedWarnings: ["HealthLake.PolicySizeUnknown"] }));

    const endpoint = onlyResourceOf(JSON.parse(Testing.synth(stack)) as TerraformJson, "aws_vpc_endpoint");

    expect(endpoint.policy).toBe("${var.policy_json}");
  });

  test("warns that it is checked at plan", () => {
    const { stack } = makeStack();
    const policy = EndpointPolicy.fromTerraformValue(new TerraformVariable(stack, "policy_json", { type: "string" }).stringValue);

    const rendered = policy.render({ partition: "aws", region: "us-east-1" });

    expect(rendered.sizeKnown).toBe(false);
    expect(rendered.warnings.map((warning) => warning.id)).toEqual(["HealthLake.PolicySizeUnknown"]);
  });

  test("rejects a literal string", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromTerraformValue('{"Statement":[]}'));

    expect(message).toContain('"{\\"Statement\\":[]}" is not a Terraform value; read a literal policy document with EndpointPolicy.fromJson(JSON.parse(text)).');
  });
});
