import { PolicyWarningId } from "../modules/policy/warnings";
import { AnnotationMetadataEntryType, ref, TerraformStack, Testing, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { HealthLakeEndpoint } from "../modules/healthlake-endpoint";
import { endpointProps, errorMessageOf, makeStack, onlyResourceOf, SUBNET_A, SUBNET_B, synthEndpoint, TerraformJson, VPC_ID } from "./support";

type Condition = { condition: string; error_message: string };

/** Returns the preconditions of the one endpoint. */
function preconditionsOf(json: TerraformJson): Condition[] {
  const lifecycle = onlyResourceOf(json, "aws_vpc_endpoint").lifecycle as { precondition?: Condition[] } | undefined;
  return lifecycle?.precondition ?? [];
}

/** Returns the data sources of one type, without cdktf's metadata key, by Terraform name. */
function dataOf(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(json.data?.[type] ?? {}).map(([name, body]) => {
      const copy = { ...body };
      delete copy["//"];
      return [name, copy];
    }),
  );
}

function warningsOf(endpoint: HealthLakeEndpoint): string[] {
  return endpoint.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => String(entry.data));
}

const ZONED_SUBNETS = [
  { subnetId: SUBNET_A, availabilityZone: "us-east-1a" },
  { subnetId: SUBNET_B, availabilityZone: "us-east-1b" },
];

describe("supported-zone lookup", () => {
  test("reads the Region's HealthLake service", () => {
    const services = Object.values(dataOf(synthEndpoint({}, "eu-west-2").json, "aws_vpc_endpoint_service"));

    expect(services).toEqual([{ service_name: "com.amazonaws.eu-west-2.healthlake", service_type: "Interface" }]);
  });

  test("keeps subnets in offered zones", () => {
    const { json } = synthEndpoint({ subnets: ZONED_SUBNETS });
    const [serviceName] = Object.keys(dataOf(json, "aws_vpc_endpoint_service"));

    expect(onlyResourceOf(json, "aws_vpc_endpoint").subnet_ids).toBe(
      `\${matchkeys(["${SUBNET_A}", "${SUBNET_B}"], ["us-east-1a", "us-east-1b"], tolist(data.aws_vpc_endpoint_service.${serviceName}.availability_zones))}`,
    );
  });

  test("looks up subnets without zones", () => {
    const { json } = synthEndpoint({ subnets: [SUBNET_A, { subnetId: SUBNET_B, availabilityZone: "us-east-1b" }] });
    const subnets = dataOf(json, "aws_subnet");

    expect(Object.values(subnets)).toEqual([{ id: SUBNET_A }]);
    const [lookupName] = Object.keys(subnets);
    expect(onlyResourceOf(json, "aws_vpc_endpoint").subnet_ids).toContain(`[data.aws_subnet.${lookupName}.availability_zone, "us-east-1b"]`);
  });

  test("looks up subnets given by zone id", () => {
    const { json } = synthEndpoint({ subnets: [{ subnetId: SUBNET_A, availabilityZone: "use1-az1" }, SUBNET_B] });

    expect(Object.values(dataOf(json, "aws_subnet")).map((subnet) => subnet.id)).toEqual([SUBNET_A, SUBNET_B]);
  });

  test("fails the plan when no subnet remains", () => {
    const [remaining] = preconditionsOf(synthEndpoint({ subnets: ZONED_SUBNETS }).json);

    expect(remaining.condition).toMatch(/^\$\{\(length\(matchkeys\(.*availability_zones\)\)\) >= 1\)\}$/);
    expect(remaining.error_message).toContain("None of the subnets is in an Availability Zone where com.amazonaws.us-east-1.healthlake is offered.");
    expect(remaining.error_message).toContain("Subnets: subnet-0aaa111122223333a (us-east-1a), subnet-0aaa111122223333b (us-east-1b).");
    expect(remaining.error_message).toContain("Zones the service offers: ${join(");
  });

  test("fails the plan on two subnets in one zone", () => {
    const [, duplicates] = preconditionsOf(synthEndpoint({ subnets: [SUBNET_A, SUBNET_B] }).json);

    expect(duplicates.condition).toMatch(/^\$\{\(length\(distinct\(matchkeys\(.*\)\)\) == length\(matchkeys\(.*\)\)\)\}$/);
    expect(duplicates.error_message).toContain("Two or more subnets of the endpoint are in one Availability Zone, and AWS rejects that with DuplicateSubnetsInSameZone");
  });

  test("skips the zone check for distinct zones", () => {
    const conditions = preconditionsOf(synthEndpoint({ subnets: ZONED_SUBNETS }).json).map((check) => check.error_message);

    expect(conditions.filter((message) => message.includes("DuplicateSubnetsInSameZone"))).toHaveLength(0);
  });

  test("rejects a token subnet id without a zone", () => {
    const subnet = Token.asString(ref("var.subnet_id"));

    const message = errorMessageOf(() => synthEndpoint({ subnets: [subnet] }));

    expect(message).toContain("subnets[0]: is a Terraform token without a zone name, and the zone lookup is named after the subnet id");
  });

  test("accepts a token subnet id with a zone", () => {
    const subnet = Token.asString(ref("var.subnet_id"));

    const endpoint = onlyResourceOf(synthEndpoint({ subnets: [{ subnetId: subnet, availabilityZone: "us-east-1a" }] }).json, "aws_vpc_endpoint");

    expect(endpoint.subnet_ids).toMatch(/^\$\{matchkeys\(\[var\.subnet_id\], \["us-east-1a"\], /);
  });

  test("can be turned off", () => {
    const { json } = synthEndpoint({ lookupSupportedAzs: false, privateDnsEnabled: false });

    expect(json.data?.aws_vpc_endpoint_service).toBeUndefined();
    expect(json.data?.aws_subnet).toBeUndefined();
    expect(onlyResourceOf(json, "aws_vpc_endpoint").subnet_ids).toEqual([SUBNET_A, SUBNET_B]);
    expect(preconditionsOf(json)).toEqual([]);
  });

  test("off still rejects one zone twice at synth", () => {
    const subnets = [ZONED_SUBNETS[0], { subnetId: SUBNET_B, availabilityZone: "us-east-1a" }];

    const message = errorMessageOf(() => synthEndpoint({ lookupSupportedAzs: false, subnets }));

    expect(message).toContain(`subnets[1]: "${SUBNET_B}" and "${SUBNET_A}" (subnets[0]) are both in us-east-1a`);
  });
});

describe("private DNS checks", () => {
  test("fail the plan on VPC DNS attributes", () => {
    const { json } = synthEndpoint();
    const [vpcName] = Object.keys(dataOf(json, "aws_vpc"));
    const checks = preconditionsOf(json).slice(-2);

    expect(checks.map((check) => check.condition)).toEqual([
      `\${data.aws_vpc.${vpcName}.enable_dns_support}`,
      `\${data.aws_vpc.${vpcName}.enable_dns_hostnames}`,
    ]);
    expect(checks[0].error_message).toBe(
      `Private DNS of the HealthLake endpoint needs enable_dns_support = true on VPC ${VPC_ID}, and it is false. ` +
        "Turn it on for the VPC (the enable_dns_support argument of aws_vpc, or Edit VPC settings in the AWS console), or turn private DNS off (privateDnsEnabled in the app, private_dns_enabled in the module).",
    );
    expect(checks[1].error_message).toContain(`needs enable_dns_hostnames = true on VPC ${VPC_ID}`);
  });

  test("are skipped without private DNS", () => {
    const { json } = synthEndpoint({ privateDnsEnabled: false });

    expect(json.data?.aws_vpc).toBeUndefined();
    expect(preconditionsOf(json).map((check) => check.condition).join()).not.toContain("enable_dns");
  });
});

describe("IP address type", () => {
  test("writes the type and a full dns_options block", () => {
    const endpoint = onlyResourceOf(synthEndpoint({ ipAddressType: "dualstack" }).json, "aws_vpc_endpoint");

    expect(endpoint.ip_address_type).toBe("dualstack");
    expect(endpoint.dns_options).toEqual({ dns_record_ip_type: "dualstack", private_dns_only_for_inbound_resolver_endpoint: false });
  });

  test("writes the given record type", () => {
    const endpoint = onlyResourceOf(synthEndpoint({ ipAddressType: "dualstack", dnsRecordIpType: "service-defined" }).json, "aws_vpc_endpoint");

    expect(endpoint.dns_options).toEqual({ dns_record_ip_type: "service-defined", private_dns_only_for_inbound_resolver_endpoint: false });
  });

  test("writes no dns_options by default", () => {
    const endpoint = onlyResourceOf(synthEndpoint().json, "aws_vpc_endpoint");

    expect(endpoint.ip_address_type).toBeUndefined();
    expect(endpoint.dns_options).toBeUndefined();
  });

  test("is checked against the service at plan", () => {
    const { json } = synthEndpoint({ ipAddressType: "ipv6" });
    const check = preconditionsOf(json).find((condition) => condition.condition.includes("supported_ip_address_types"));

    expect(check?.condition).toMatch(/^\$\{contains\(tolist\(data\.aws_vpc_endpoint_service\.\w+\.supported_ip_address_types\), "ipv6"\)\}$/);
    expect(check?.error_message).toContain("com.amazonaws.us-east-1.healthlake does not support the IP address type ipv6 in this Region; it supports ${join(");
  });

  test.each([
    [{ dnsRecordIpType: "dualstack" }, '"dualstack" DNS records are not accepted on an endpoint without "ipAddressType" (AWS uses "ipv4")'],
    [{ ipAddressType: "ipv4", dnsRecordIpType: "dualstack" }, '"dualstack" DNS records are not accepted on an endpoint with "ipAddressType": "ipv4"'],
    [{ ipAddressType: "ipv4", dnsRecordIpType: "ipv6" }, 'the EC2 API accepts "ipv4" there. Set "ipAddressType": "dualstack"'],
    [{ ipAddressType: "ipv6", dnsRecordIpType: "service-defined" }, 'which has IPv6 addresses only; the EC2 API accepts "ipv6" there'],
    [{ ipAddressType: "both" }, 'ipAddressType: "both" is not an IP address type; use "ipv4", "dualstack", "ipv6".'],
    [{ dnsRecordIpType: "AAAA" }, 'dnsRecordIpType: "AAAA" is not a DNS record IP type'],
  ])("rejects %j", (overrides, expected) => {
    const message = errorMessageOf(() => synthEndpoint(overrides as never));

    expect(message).toContain(expected);
  });

  test.each([
    ["routeTableIds", ["rtb-0123456789abcdef0"], "route tables belong to gateway endpoints"],
    ["privateDnsOnlyForInboundResolverEndpoint", true, "applies only to services that offer both a gateway and an interface endpoint"],
    ["vpcEndpointType", "Gateway", 'is always "Interface"'],
    ["autoAccept", true, "AWS accepts HealthLake endpoints automatically"],
  ])("rejects the gateway option %s", (option, value, reason) => {
    const message = errorMessageOf(() => synthEndpoint({ [option]: value } as never));

    expect(message).toContain(`${option}: does not apply to HealthLake: `);
    expect(message).toContain(reason);
  });
});

describe("timeouts", () => {
  test("pass through to the endpoint", () => {
    const endpoint = onlyResourceOf(synthEndpoint({ timeouts: { create: "20m", delete: "1h30m" } }).json, "aws_vpc_endpoint");

    expect(endpoint.timeouts).toEqual({ create: "20m", delete: "1h30m" });
  });

  test("reject a bad duration", () => {
    expect(errorMessageOf(() => synthEndpoint({ timeouts: { create: "twenty minutes" } }))).toContain(
      'timeouts.create: "twenty minutes" is not a duration; write a number and a unit, such as "30s", "10m" or "1h30m".',
    );
  });

  test("reject an unknown operation", () => {
    expect(errorMessageOf(() => synthEndpoint({ timeouts: { read: "5m" } as never }))).toContain('timeouts.read: "read" is not a timeout of this resource');
  });
});

describe("tags", () => {
  test("leave out provider default tags", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1", defaultTags: [{ tags: { Project: "clinical", Team: "platform" } }] });
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ tags: { Project: "clinical", Team: "data", CostCenter: "42" } }));
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;

    for (const type of ["aws_vpc_endpoint", "aws_security_group", "aws_vpc_security_group_ingress_rule"]) {
      expect(onlyResourceOf(json, type).tags).toEqual({ Team: "data", CostCenter: "42" });
    }
  });

  test("are omitted when all are defaults", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1", defaultTags: [{ tags: { Project: "clinical" } }] });
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ tags: { Project: "clinical" } }));
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;

    expect(onlyResourceOf(json, "aws_vpc_endpoint").tags).toBeUndefined();
  });
});

describe("FIPS clients", () => {
  test("warn in a FIPS Region", () => {
    const warnings = warningsOf(synthEndpoint({ useFipsEndpoint: true, acknowledgedWarnings: [PolicyWarningId.AllowAllToAnyone] }).endpoint);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("healthlake-fips.us-east-1.amazonaws.com, which has no PrivateLink service name, so this endpoint's private DNS does not cover it");
  });

  test("warn outside FIPS Regions", () => {
    const warnings = warningsOf(synthEndpoint({ useFipsEndpoint: true, acknowledgedWarnings: [PolicyWarningId.AllowAllToAnyone] }, "eu-west-2").endpoint);

    expect(warnings[0]).toContain("HealthLake has no FIPS endpoint in eu-west-2 (only in us-east-1, us-east-2, us-west-2)");
  });

  test("do not warn by default", () => {
    expect(warningsOf(synthEndpoint({ acknowledgedWarnings: [PolicyWarningId.AllowAllToAnyone] }).endpoint)).toEqual([]);
  });
});

describe("endpoint import", () => {
  test("writes an import block", () => {
    const { json } = synthEndpoint({ importEndpointId: "vpce-0123456789abcdef0" });
    const imports = (json as { import?: Array<Record<string, string>> }).import ?? [];

    expect(imports).toHaveLength(1);
    expect(imports[0].id).toBe("vpce-0123456789abcdef0");
    expect(imports[0].to).toMatch(/^aws_vpc_endpoint\.healthlake_endpoint_[0-9A-F]+$/);
  });

  test("adds the Region outside the provider's", () => {
    const { stack } = makeStack("us-east-1");
    const lookup = new AwsProvider(stack, "aws_eu_west_2", { region: "eu-west-2", alias: "eu_west_2" });
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ region: "eu-west-2", serviceLookupProvider: lookup, importEndpointId: "vpce-0123456789abcdef0" }));
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson & { import?: Array<Record<string, string>> };

    expect(json.import?.[0].id).toBe("vpce-0123456789abcdef0@eu-west-2");
  });

  test("rejects a malformed id", () => {
    expect(errorMessageOf(() => synthEndpoint({ importEndpointId: "vpce-xyz" }))).toContain('importEndpointId: "vpce-xyz" is not a valid id; expected "vpce-"');
  });
});

describe("per-resource Region", () => {
  test("sets region on every resource and data source", () => {
    const { stack } = makeStack("us-east-1");
    const lookup = new AwsProvider(stack, "aws_eu_west_2", { region: "eu-west-2", alias: "eu_west_2" });
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ region: "eu-west-2", serviceLookupProvider: lookup, allowedCidrs: undefined, subnets: [SUBNET_A] }));
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;

    for (const type of ["aws_vpc_endpoint", "aws_security_group", "aws_vpc_security_group_ingress_rule"]) {
      expect(onlyResourceOf(json, type).region).toBe("eu-west-2");
    }
    expect(Object.values(dataOf(json, "aws_vpc"))[0].region).toBe("eu-west-2");
    expect(Object.values(dataOf(json, "aws_subnet"))[0].region).toBe("eu-west-2");
    const service = Object.values(dataOf(json, "aws_vpc_endpoint_service"))[0];
    expect(service.region).toBeUndefined();
    expect(service.provider).toBe("aws.eu_west_2");
  });

  test("writes no region in the provider's Region", () => {
    const { json } = synthEndpoint({ region: "us-east-1" });

    expect(onlyResourceOf(json, "aws_vpc_endpoint").region).toBeUndefined();
  });

  test("needs a lookup provider", () => {
    const message = errorMessageOf(() => synthEndpoint({ region: "eu-west-2" }, "us-east-1"));

    expect(message).toContain(
      'serviceLookupProvider: is missing: the endpoint is in eu-west-2 but the stack\'s AWS provider is in us-east-1, and data.aws_vpc_endpoint_service has no per-resource region argument in hashicorp/aws 6.25.',
    );
  });

  test("rejects a lookup provider elsewhere", () => {
    const { stack } = makeStack("us-east-1");
    const lookup = new AwsProvider(stack, "aws_us_west_2", { region: "us-west-2", alias: "us_west_2" });

    const message = errorMessageOf(() => new HealthLakeEndpoint(stack, "healthlake", endpointProps({ region: "eu-west-2", serviceLookupProvider: lookup })));

    expect(message).toContain('serviceLookupProvider: is in us-west-2, but the endpoint is in eu-west-2; pass a provider with region "eu-west-2".');
  });
});

describe("HCL output", () => {
  test("renders conditions as blocks", () => {
    const { stack } = makeStack("us-east-1");
    const lookup = new AwsProvider(stack, "aws_eu_west_2", { region: "eu-west-2", alias: "eu_west_2" });
    new HealthLakeEndpoint(stack, "healthlake", endpointProps({ region: "eu-west-2", serviceLookupProvider: lookup }));

    const hcl = Testing.synthHcl(stack) as string;

    expect(hcl).toMatch(/lifecycle \{\s*precondition \{\s*condition = /);
    expect(hcl).not.toContain("precondition = [");
    expect(hcl).toContain("provider = aws.eu_west_2");
    expect(hcl).not.toContain('provider = "aws.eu_west_2"');
  });
});
