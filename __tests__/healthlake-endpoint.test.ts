import { AnnotationMetadataEntryType, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { HealthLakeEndpoint } from "../modules/healthlake-endpoint";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { endpointProps, errorMessageOf, makeStack, onlyResourceOf, resourcesOf, SUBNET_A, SUBNET_B, synthEndpoint, TerraformJson, VPC_ID } from "./support";

describe("HealthLakeEndpoint security group", () => {
  test("uses name_prefix and create_before_destroy", () => {
    const { synthesized } = synthEndpoint();

    expect(synthesized).toHaveResourceWithProperties(SecurityGroup, {
      name_prefix: "healthlake-vpce-",
      vpc_id: VPC_ID,
      lifecycle: { create_before_destroy: true },
    });
    const group = onlyResourceOf(JSON.parse(synthesized), "aws_security_group");
    expect(group.name).toBeUndefined();
  });

  test("description does not depend on props", () => {
    const first = onlyResourceOf(synthEndpoint().json, "aws_security_group");
    const second = onlyResourceOf(
      synthEndpoint({ allowedCidrs: ["192.168.0.0/24"], tags: { Team: "data" }, privateDnsEnabled: false }).json,
      "aws_security_group",
    );

    expect(second.description).toBe(first.description);
  });

  test("has no inline rules", () => {
    const group = onlyResourceOf(synthEndpoint().json, "aws_security_group");

    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test("gets no egress rule resources", () => {
    const { json } = synthEndpoint();

    expect(resourcesOf(json, "aws_vpc_security_group_egress_rule")).toHaveLength(0);
    expect(resourcesOf(json, "aws_security_group_rule")).toHaveLength(0);
  });
});

describe("HealthLakeEndpoint ingress rules", () => {
  test("are exactly the allowed sources on 443", () => {
    const { json } = synthEndpoint({
      allowedCidrs: ["10.0.0.0/16", "2001:db8::/56"],
      allowedSecurityGroupIds: ["sg-0123456789abcdef0"],
      allowedPrefixListIds: ["pl-0123456789abcdef0"],
    });
    const rules = resourcesOf(json, "aws_vpc_security_group_ingress_rule");

    const sources = rules.map((rule) => rule.cidr_ipv4 ?? rule.cidr_ipv6 ?? rule.referenced_security_group_id ?? rule.prefix_list_id);
    expect(sources.sort()).toEqual(["10.0.0.0/16", "2001:db8::/56", "pl-0123456789abcdef0", "sg-0123456789abcdef0"]);
    for (const rule of rules) {
      expect(rule.ip_protocol).toBe("tcp");
      expect(rule.from_port).toBe(443);
      expect(rule.to_port).toBe(443);
    }
  });

  test("put IPv6 blocks in cidr_ipv6", () => {
    const rule = onlyResourceOf(synthEndpoint({ allowedCidrs: ["2001:db8::/56"] }).json, "aws_vpc_security_group_ingress_rule");

    expect(rule.cidr_ipv6).toBe("2001:db8::/56");
    expect(rule.cidr_ipv4).toBeUndefined();
  });

  test("reference the endpoint's own group", () => {
    const rule = onlyResourceOf(synthEndpoint().json, "aws_vpc_security_group_ingress_rule");

    expect(rule.security_group_id).toMatch(/^\$\{aws_security_group\.healthlake_security_group_[0-9A-F]+\.id\}$/);
  });

  test("keep their addresses when sources are reordered", () => {
    const forward = synthEndpoint({ allowedCidrs: ["10.0.0.0/16", "10.1.0.0/16"] }).json;
    const reversed = synthEndpoint({ allowedCidrs: ["10.1.0.0/16", "10.0.0.0/16"] }).json;

    expect(Object.keys(reversed.resource?.aws_vpc_security_group_ingress_rule ?? {}).sort()).toEqual(
      Object.keys(forward.resource?.aws_vpc_security_group_ingress_rule ?? {}).sort(),
    );
  });

  test("default to the VPC's CIDR blocks", () => {
    const { json } = synthEndpoint({ allowedCidrs: undefined });

    const vpc = Object.values(json.data?.aws_vpc ?? {});
    expect(vpc).toHaveLength(1);
    expect(vpc[0].id).toBe(VPC_ID);
    const rule = onlyResourceOf(json, "aws_vpc_security_group_ingress_rule");
    expect(rule.for_each).toMatch(/data\.aws_vpc\.healthlake_vpc_[0-9A-F]+\.cidr_block_associations/);
    expect(rule.cidr_ipv4).toBe("${each.value.cidr_block}");
    expect(rule.from_port).toBe(443);
  });

  test("skip the VPC lookup when a source is given", () => {
    const { json } = synthEndpoint({ allowedCidrs: undefined, allowedSecurityGroupIds: ["sg-0123456789abcdef0"], privateDnsEnabled: false });

    expect(json.data?.aws_vpc).toBeUndefined();
  });

  test("share one VPC lookup with the DNS checks", () => {
    const { json } = synthEndpoint({ allowedCidrs: undefined });

    expect(Object.keys(json.data?.aws_vpc ?? {})).toHaveLength(1);
  });
});

describe("HealthLakeEndpoint endpoint", () => {
  test("is an interface endpoint for HealthLake", () => {
    const { synthesized } = synthEndpoint({ lookupSupportedAzs: false });

    expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, {
      vpc_endpoint_type: "Interface",
      service_name: "com.amazonaws.us-east-1.healthlake",
      vpc_id: VPC_ID,
      subnet_ids: [SUBNET_A, SUBNET_B],
    });
  });

  test("accepts subnets with zones", () => {
    const endpoint = onlyResourceOf(
      synthEndpoint({ subnets: [{ subnetId: SUBNET_A, availabilityZone: "us-east-1a" }, { subnetId: SUBNET_B, availabilityZone: "us-east-1b" }] }).json,
      "aws_vpc_endpoint",
    );

    expect(endpoint.subnet_ids).toMatch(new RegExp(`^\\$\\{matchkeys\\(\\["${SUBNET_A}", "${SUBNET_B}"\\], \\["us-east-1a", "us-east-1b"\\], `));
  });

  test("attaches its own and extra security groups", () => {
    const endpoint = onlyResourceOf(synthEndpoint({ securityGroupIds: ["sg-0fedcba9876543210"] }).json, "aws_vpc_endpoint");

    const groups = endpoint.security_group_ids as string[];
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatch(/^\$\{aws_security_group\.healthlake_security_group_[0-9A-F]+\.id\}$/);
    expect(groups[1]).toBe("sg-0fedcba9876543210");
  });

  test("writes private_dns_enabled true by default", () => {
    const endpoint = onlyResourceOf(synthEndpoint().json, "aws_vpc_endpoint");

    expect(endpoint.private_dns_enabled).toBe(true);
  });

  test("writes private_dns_enabled false when off", () => {
    const endpoint = onlyResourceOf(synthEndpoint({ privateDnsEnabled: false }).json, "aws_vpc_endpoint");

    expect(endpoint.private_dns_enabled).toBe(false);
  });

  test("writes the full-access policy by default", () => {
    const endpoint = onlyResourceOf(synthEndpoint().json, "aws_vpc_endpoint");

    const policy = JSON.parse(endpoint.policy as string);
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "AllowAll", Effect: "Allow", Principal: "*", Action: ["*"], Resource: ["*"] }],
    });
  });

  test("writes the given policy on the endpoint only", () => {
    const policy = EndpointPolicy.fromJson({
      Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*" }],
    });
    const { json } = synthEndpoint({ policy });

    const written = JSON.parse(onlyResourceOf(json, "aws_vpc_endpoint").policy as string);
    expect(written.Statement[0].Action).toEqual(["healthlake:ReadResource"]);
    expect(resourcesOf(json, "aws_vpc_endpoint_policy")).toHaveLength(0);
  });

  test("applies tags to every resource", () => {
    const { json } = synthEndpoint({ tags: { Team: "data" } });

    expect(onlyResourceOf(json, "aws_vpc_endpoint").tags).toEqual({ Team: "data" });
    expect(onlyResourceOf(json, "aws_security_group").tags).toEqual({ Team: "data" });
    expect(onlyResourceOf(json, "aws_vpc_security_group_ingress_rule").tags).toEqual({ Team: "data" });
  });

  test("exposes its attributes", () => {
    const { stack } = makeStack();
    const endpoint = new HealthLakeEndpoint(stack, "healthlake", endpointProps());
    const attributes = {
      endpoint_id: endpoint.endpointId,
      endpoint_arn: endpoint.endpointArn,
      dns_names: endpoint.dnsNames,
      dns_entries: endpoint.dnsEntries,
      network_interface_ids: endpoint.networkInterfaceIds,
      security_group_id: endpoint.securityGroupId,
    };
    for (const [name, value] of Object.entries(attributes)) {
      new TerraformOutput(stack, name, { value });
    }
    const outputs = (JSON.parse(Testing.synth(stack)) as TerraformJson).output ?? {};

    expect(outputs.endpoint_id.value).toMatch(/^\$\{aws_vpc_endpoint\.healthlake_endpoint_[0-9A-F]+\.id\}$/);
    expect(outputs.endpoint_arn.value).toMatch(/^\$\{aws_vpc_endpoint\.healthlake_endpoint_[0-9A-F]+\.arn\}$/);
    expect(outputs.dns_names.value).toMatch(/\.dns_entry\[\*\]\.dns_name\}$/);
    expect(outputs.dns_entries.value).toMatch(/\.dns_entry\}$/);
    expect(outputs.network_interface_ids.value).toMatch(/\.network_interface_ids\)?\}$/);
    expect(outputs.security_group_id.value).toMatch(/^\$\{aws_security_group\.healthlake_security_group_[0-9A-F]+\.id\}$/);
    expect(JSON.parse(endpoint.policyJson).Version).toBe("2012-10-17");
    expect(endpoint.serviceName).toBe("com.amazonaws.us-east-1.healthlake");
  });
});

describe("HealthLakeEndpoint region", () => {
  test("comes from the stack's provider", () => {
    const { endpoint } = synthEndpoint({}, "eu-west-2");

    expect(endpoint.region).toBe("eu-west-2");
    expect(endpoint.serviceName).toBe("com.amazonaws.eu-west-2.healthlake");
  });

  test("prop overrides the provider", () => {
    const { endpoint, json } = synthEndpoint({ region: "us-west-2", lookupSupportedAzs: false }, "us-east-1");

    expect(endpoint.serviceName).toBe("com.amazonaws.us-west-2.healthlake");
    expect(onlyResourceOf(json, "aws_vpc_endpoint").region).toBe("us-west-2");
  });

  test("missing everywhere is rejected", () => {
    const stack = new TerraformStack(Testing.app(), "no-provider");

    const message = errorMessageOf(() => new HealthLakeEndpoint(stack, "healthlake", endpointProps()));

    expect(message).toContain("region: is missing");
  });

  test("unlisted region is rejected", () => {
    const message = errorMessageOf(() => synthEndpoint({ region: "sa-east-1" }));

    expect(message).toContain('region: HealthLake is not offered in "sa-east-1"');
    expect(message).toContain('"allowUnlistedRegion": true');
  });

  test("unlisted region is accepted when allowed", () => {
    const { endpoint } = synthEndpoint({ region: "sa-east-1", allowUnlistedRegion: true }, "sa-east-1");

    expect(endpoint.serviceName).toBe("com.amazonaws.sa-east-1.healthlake");
  });

  test("malformed region is rejected", () => {
    const message = errorMessageOf(() => synthEndpoint({ region: "US East", allowUnlistedRegion: true }));

    expect(message).toContain('region: "US East" is not an AWS Region code');
  });
});

describe("HealthLakeEndpoint props validation", () => {
  test.each([
    ["vpcId", { vpcId: "vpc-123" }, 'vpcId: "vpc-123" is not a valid id; expected "vpc-"'],
    ["subnet id", { subnets: ["subnet-xyz", SUBNET_B] }, 'subnets[0]: "subnet-xyz" is not a valid id; expected "subnet-"'],
    ["no subnets", { subnets: [] }, "subnets: no subnets are given"],
    ["same subnet twice", { subnets: [SUBNET_A, SUBNET_A] }, `subnets[1]: "${SUBNET_A}" is already listed at subnets[0]`],
    ["security group id", { allowedSecurityGroupIds: ["sg-1"] }, 'allowedSecurityGroupIds[0]: "sg-1" is not a valid id'],
    ["prefix list id", { allowedPrefixListIds: ["prefix"] }, 'allowedPrefixListIds[0]: "prefix" is not a valid id'],
    ["extra security group id", { securityGroupIds: ["sg-ZZZZZZZZ"] }, 'securityGroupIds[0]: "sg-ZZZZZZZZ" is not a valid id'],
    ["CIDR", { allowedCidrs: ["10.0.0.0/33"] }, 'allowedCidrs[0]: "10.0.0.0/33" has prefix length 33'],
    ["CIDR host bits", { allowedCidrs: ["10.0.0.1/16"] }, 'write the network address "10.0.0.0/16"'],
    ["world-open IPv4", { allowedCidrs: ["0.0.0.0/0"] }, 'allowedCidrs[0]: "0.0.0.0/0" opens the endpoint to every address'],
    ["world-open IPv6", { allowedCidrs: ["::/0"] }, 'allowedCidrs[0]: "::/0" opens the endpoint to every address'],
    ["reserved tag key", { tags: { "aws:owner": "x" } }, 'tags.aws:owner: tag key "aws:owner" starts with "aws:"'],
  ])("rejects %s", (_case, overrides, expected) => {
    const message = errorMessageOf(() => synthEndpoint(overrides));

    expect(message).toContain(expected);
  });

  test("rejects two subnets in one zone", () => {
    const message = errorMessageOf(() =>
      synthEndpoint({ subnets: [{ subnetId: SUBNET_A, availabilityZone: "us-east-1a" }, { subnetId: SUBNET_B, availabilityZone: "us-east-1a" }] }),
    );

    expect(message).toContain(`subnets[1]: "${SUBNET_B}" and "${SUBNET_A}" (subnets[0]) are both in us-east-1a`);
    expect(message).toContain("DuplicateSubnetsInSameZone");
  });

  test("accepts world-open CIDR when allowed", () => {
    const rule = onlyResourceOf(synthEndpoint({ allowedCidrs: ["0.0.0.0/0"], allowPublicIngress: true }).json, "aws_vpc_security_group_ingress_rule");

    expect(rule.cidr_ipv4).toBe("0.0.0.0/0");
  });

  test("reports every problem at once", () => {
    const message = errorMessageOf(() => synthEndpoint({ vpcId: "vpc-1", subnets: ["subnet-1"], allowedCidrs: ["nope"] }));

    expect(message).toContain("(3 problems)");
    expect(message).toContain("vpcId:");
    expect(message).toContain("subnets[0]:");
    expect(message).toContain("allowedCidrs[0]:");
  });

  test("rejects a policy over the size quota", () => {
    const roles = Array.from({ length: 400 }, (_, index) => `arn:aws:iam::111111111111:role/clinical-application-role-${index}`);
    const policy = EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: { AWS: roles }, Action: "healthlake:*", Resource: "*" }] });

    const message = errorMessageOf(() => synthEndpoint({ policy }));

    expect(message).toMatch(/policy: the rendered policy has \d{5} characters, over the VPC endpoint policy quota of 20480 characters/);
  });

  test("creates nothing when props are invalid", () => {
    const { stack } = makeStack();

    expect(() => new HealthLakeEndpoint(stack, "healthlake", endpointProps({ vpcId: "bad" }))).toThrow();
    expect(stack.node.tryFindChild("healthlake")?.node.children ?? []).toHaveLength(0);
  });
});

describe("HealthLakeEndpoint warnings", () => {
  test("flag actions of other services", () => {
    const policy = EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "healthlake:ReadResource"], Resource: "*" }] });
    const { endpoint } = synthEndpoint({ policy });

    const warnings = endpoint.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => String(entry.data));
    expect(warnings).toContainEqual(expect.stringContaining('[HealthLake.OtherServiceAction] Endpoint policy Statement[0].Action[0]: "s3:GetObject" belongs to the "s3" service'));
  });
});
