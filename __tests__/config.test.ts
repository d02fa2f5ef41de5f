import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadConfig } from "../modules/config/load-config";
import { ResolvedEntry } from "../modules/config/resolve-config";
import { HealthLakeEndpointProps } from "../modules/endpoint-props";
import { errorMessageOf } from "./support";

const SUBNET_A = "subnet-0aaa111122223333a";
const SUBNET_B = "subnet-0aaa111122223333b";
const VALID_ENTRY = { region: "us-east-1", vpcId: "vpc-0abc1234def567890", subnets: [SUBNET_A, SUBNET_B] };

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "healthlake-config-"));
});

/** Writes `content` (an object, or raw text) to a fresh file and returns its path. */
function configFile(content: unknown): string {
  const path = join(folder, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

function loadError(content: unknown): string {
  return errorMessageOf(() => loadConfig(configFile(content)));
}

/** Returns the endpoint props of an entry, failing when it is a policy-only entry. */
function endpointPropsOf(entry: ResolvedEntry): HealthLakeEndpointProps {
  if (entry.kind !== "endpoint") {
    throw new Error(`entry ${entry.name} is ${entry.kind}, not an endpoint`);
  }
  return entry.props;
}

describe("loadConfig", () => {
  test("resolves the example config", () => {
    const config = loadConfig("healthlake-endpoints.json");

    expect(config.endpoints.map((entry) => entry.stackName)).toEqual(["healthlake-us-east-1", "healthlake-us-west-2", "healthlake-london"]);
    expect(config.backend).toEqual({ type: "local" });
  });

  test("names an entry after its region", () => {
    const config = loadConfig(configFile({ endpoints: [VALID_ENTRY] }));

    expect(config.endpoints[0].name).toBe("us-east-1");
  });

  test("fills entry fields from defaults", () => {
    const config = loadConfig(
      configFile({
        defaults: { vpcId: "vpc-0abc1234def567890", subnets: [SUBNET_A], tags: { Team: "data" }, privateDnsEnabled: false },
        endpoints: [{ region: "us-east-1" }, { region: "us-west-2", tags: { Team: "ops" } }],
      }),
    );

    expect(endpointPropsOf(config.endpoints[0]).vpcId).toBe("vpc-0abc1234def567890");
    expect(endpointPropsOf(config.endpoints[0]).privateDnsEnabled).toBe(false);
    expect(config.endpoints[0].tags).toEqual({ Team: "data" });
    expect(config.endpoints[1].tags).toEqual({ Team: "ops" });
  });

  test("reads an S3 backend", () => {
    const backend = { type: "s3", bucket: "state-bucket", region: "us-east-1", keyPrefix: "healthlake" };

    expect(loadConfig(configFile({ backend, endpoints: [VALID_ENTRY] })).backend).toEqual(backend);
  });

  test("maps acknowledged actions to the policy", () => {
    const policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:BrandNewAction", Resource: "*" }] };
    const config = loadConfig(configFile({ endpoints: [{ ...VALID_ENTRY, policy, acknowledgedActions: ["healthlake:BrandNewAction"] }] }));

    expect(config.endpoints[0].props.policy?.statements[0].action).toEqual(["healthlake:BrandNewAction"]);
  });
});

describe("loadConfig bad input", () => {
  test("missing file", () => {
    const message = errorMessageOf(() => loadConfig(join(folder, "absent.json")));

    expect(message).toContain("absent.json is invalid");
    expect(message).toContain("the file does not exist");
  });

  test("invalid JSON with line and column", () => {
    const message = loadError('{\n  "endpoints": [\n    { "region": "us-east-1", }\n  ]\n}\n');

    expect(message).toMatch(/\(line 3, column \d+\): invalid JSON: /);
  });

  test("empty file", () => {
    expect(loadError("")).toContain("invalid JSON");
  });

  test("unknown key with the closest known key", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, subnet: [SUBNET_A] }] });

    expect(message).toContain('endpoints[0].subnet (line');
    expect(message).toContain('unknown key "subnet". Did you mean "subnets"?');
  });

  test("unknown top-level key", () => {
    expect(loadError({ endpoint: [VALID_ENTRY], endpoints: [VALID_ENTRY] })).toContain('endpoint (line 2, column 3): unknown key "endpoint". Did you mean "endpoints"?');
  });

  test("unsupported region", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, region: "sa-east-1" }] });

    expect(message).toContain('endpoints[0].region (line');
    expect(message).toContain('HealthLake is not offered in "sa-east-1"');
  });

  test("unlisted region when allowed", () => {
    const config = loadConfig(configFile({ endpoints: [{ ...VALID_ENTRY, region: "sa-east-1", allowUnlistedRegion: true }] }));

    expect(config.endpoints[0].region).toBe("sa-east-1");
  });

  test.each([
    ["VPC id", { vpcId: "vpc-xyz" }, 'endpoints[0].vpcId (line 5, column 7): "vpc-xyz" is not a valid id'],
    ["subnet id", { subnets: ["subnet-1", SUBNET_B] }, 'endpoints[0].subnets[0] (line'],
    ["security group id", { allowedSecurityGroupIds: ["sg-nope"] }, 'endpoints[0].allowedSecurityGroupIds[0] (line'],
    ["prefix list id", { allowedPrefixListIds: ["pl-nope"] }, 'endpoints[0].allowedPrefixListIds[0] (line'],
    ["no subnets", { subnets: [] }, "endpoints[0].subnets (line"],
    ["same subnet twice", { subnets: [SUBNET_A, SUBNET_A] }, `"${SUBNET_A}" is already listed at subnets[0]`],
    ["invalid CIDR", { allowedCidrs: ["10.0.0.0/40"] }, 'endpoints[0].allowedCidrs[0] (line'],
    ["world-open CIDR", { allowedCidrs: ["0.0.0.0/0"] }, '"0.0.0.0/0" opens the endpoint to every address'],
    ["subnet id of wrong type", { subnets: [42] }, "endpoints[0].subnets[0] (line"],
    ["boolean of wrong type", { privateDnsEnabled: "yes" }, 'endpoints[0].privateDnsEnabled (line'],
  ])("%s", (_case, overrides, expected) => {
    expect(loadError({ endpoints: [{ ...VALID_ENTRY, ...overrides }] })).toContain(expected);
  });

  test("two subnets in one zone", () => {
    const subnets = [
      { subnetId: SUBNET_A, availabilityZone: "us-east-1a" },
      { subnetId: SUBNET_B, availabilityZone: "us-east-1a" },
    ];

    const message = loadError({ endpoints: [{ ...VALID_ENTRY, subnets }] });

    expect(message).toContain(`endpoints[0].subnets[1] (line`);
    expect(message).toContain(`"${SUBNET_B}" and "${SUBNET_A}" (subnets[0]) are both in us-east-1a`);
  });

  test("world-open CIDR when allowed", () => {
    const config = loadConfig(configFile({ endpoints: [{ ...VALID_ENTRY, allowedCidrs: ["::/0"], allowPublicIngress: true }] }));

    expect(endpointPropsOf(config.endpoints[0]).allowedCidrs).toEqual(["::/0"]);
  });

  test("two entries with one name", () => {
    const message = loadError({ endpoints: [VALID_ENTRY, VALID_ENTRY] });

    expect(message).toContain("endpoints[1].name (line");
    expect(message).toContain('the name "us-east-1" is already used by endpoints[0]');
  });

  test("missing required fields", () => {
    const message = loadError({ endpoints: [{ region: "us-east-1" }] });

    expect(message).toContain('endpoints[0].vpcId (line 3, column 5): is missing');
    expect(message).toContain('endpoints[0].subnets (line 3, column 5): is missing');
  });

  test("problem in defaults points at defaults", () => {
    const message = loadError({ defaults: { vpcId: "vpc-bad" }, endpoints: [{ region: "us-east-1", subnets: [SUBNET_A] }, { region: "us-west-2", subnets: [SUBNET_B] }] });

    expect(message).toContain('defaults.vpcId (line');
    expect(message).toContain("(1 problem)");
  });

  test("policy statement without Principal", () => {
    const policy = { Statement: [{ Effect: "Allow", Action: "healthlake:ReadResource", Resource: "*" }] };

    expect(loadError({ endpoints: [{ ...VALID_ENTRY, policy }] })).toContain('endpoints[0].policy.Statement[0] (line');
  });

  test("policy with NotPrincipal", () => {
    const policy = { Statement: [{ Effect: "Allow", NotPrincipal: { AWS: "111111111111" }, Action: "healthlake:ReadResource", Resource: "*" }] };

    expect(loadError({ endpoints: [{ ...VALID_ENTRY, policy }] })).toContain("endpoints[0].policy.Statement[0].NotPrincipal (line");
  });

  test("policy with an unknown action", () => {
    const policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: ["healthlake:ReadResource", "healthlake:ReadResorce"], Resource: "*" }] };

    const message = loadError({ endpoints: [{ ...VALID_ENTRY, policy }] });

    expect(message).toContain("endpoints[0].policy.Statement[0].Action[1] (line");
    expect(message).toContain('Did you mean "healthlake:ReadResource"?');
  });

  test("policy over the size quota", () => {
    const roles = Array.from({ length: 400 }, (_, index) => `arn:aws:iam::111111111111:role/clinical-application-role-${index}`);
    const policy = { Statement: [{ Effect: "Allow", Principal: { AWS: roles }, Action: "healthlake:*", Resource: "*" }] };

    expect(loadError({ endpoints: [{ ...VALID_ENTRY, policy }] })).toMatch(/endpoints\[0\]\.policy \(line \d+, column \d+\): the rendered policy has \d+ characters/);
  });

  test("bad backend", () => {
    const message = loadError({ backend: { type: "s3", bucket: "Bad_Bucket", region: "nowhere" }, endpoints: [VALID_ENTRY] });

    expect(message).toContain('backend.bucket (line');
    expect(message).toContain('backend.region (line');
  });

  test("every problem of the file at once", () => {
    const message = loadError({
      endpoints: [
        { ...VALID_ENTRY, vpcId: "vpc-1" },
        { ...VALID_ENTRY, region: "us-west-2", subnets: ["subnet-2"], allowedCidrs: ["10.0.0.0/99"] },
      ],
    });

    expect(message).toContain("(3 problems)");
    expect(message).toContain("endpoints[0].vpcId");
    expect(message).toContain("endpoints[1].subnets[0]");
    expect(message).toContain("endpoints[1].allowedCidrs[0]");
  });
});

describe("loadConfig policy presets", () => {
  test("reads a narrowed preset", () => {
    const policy = { preset: "read-only-fhir", datastores: ["0123456789abcdef0123456789abcdef"], organizationId: "o-a1b2c3d4e5" };
    const config = loadConfig(configFile({ endpoints: [{ ...VALID_ENTRY, accountId: "111111111111", policy }] }));

    const rendered = JSON.parse(config.endpoints[0].props.policy?.render({ partition: "aws", region: "us-east-1", accountId: "111111111111" }).json ?? "{}");
    expect(rendered.Statement[0].Sid).toBe("ReadOnlyFHIR");
    expect(rendered.Statement[0].Resource).toEqual(["arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/0123456789abcdef0123456789abcdef"]);
  });

  test("unknown preset name", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, policy: { preset: "read-only" } }] });

    expect(message).toContain('endpoints[0].policy.preset (line');
    expect(message).toContain('"read-only" is not a preset; use one of full-access, read-only-fhir, read-write-fhir, import-export-jobs, datastore-admin.');
  });

  test("unknown preset key", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, policy: { preset: "read-only-fhir", datastore: [] } }] });

    expect(message).toContain('endpoints[0].policy.datastore (line');
    expect(message).toContain('Did you mean "datastores"?');
  });

  test("bad preset option", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, policy: { preset: "read-only-fhir", datastores: ["nope"] } }] });

    expect(message).toContain('endpoints[0].policy.datastores[0] (line');
    expect(message).toContain('"nope" is not a datastore');
  });

  test("datastore ARN of another Region", () => {
    const datastore = "arn:aws:healthlake:eu-west-2:111111111111:datastore/fhir/0123456789abcdef0123456789abcdef";

    const message = loadError({ endpoints: [{ ...VALID_ENTRY, policy: { preset: "read-only-fhir", datastores: [datastore] } }] });

    expect(message).toContain("endpoints[0].policy.Statement[0].Resource[0]");
    expect(message).toContain('names Region "eu-west-2", but the endpoint is in "us-east-1"');
  });

  test("unknown warning id", () => {
    expect(loadError({ endpoints: [{ ...VALID_ENTRY, acknowledgedWarnings: ["Nope"] }] })).toContain('endpoints[0].acknowledgedWarnings[0] (line');
  });

  test("malformed account id", () => {
    expect(loadError({ endpoints: [{ ...VALID_ENTRY, accountId: "123" }] })).toContain('endpoints[0].accountId (line');
  });
});

describe("loadConfig reports", () => {
  test("other problems next to a wrong type", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, tags: ["x"], vpcId: "vpc-1", privateDnsEnabled: "yes" }] });

    expect(message).toContain("(3 problems)");
    expect(message).toContain("endpoints[0].tags (line");
    expect(message).toContain("endpoints[0].vpcId (line");
    expect(message).toContain("endpoints[0].privateDnsEnabled (line");
  });

  test("missing endpoints plainly", () => {
    expect(loadError({ defaults: {} })).toContain('endpoints: is missing; add an "endpoints" list');
  });

  test("s3 backend without bucket", () => {
    const message = loadError({ backend: { type: "s3" }, endpoints: [VALID_ENTRY] });

    expect(message).toContain('the s3 backend has no "bucket"');
    expect(message).toContain('the s3 backend has no "region"');
    expect(message).not.toContain("undefined");
  });

  test("a zone of another Region", () => {
    const subnets = [{ subnetId: SUBNET_A, availabilityZone: "us-west-2a" }];

    expect(loadError({ endpoints: [{ ...VALID_ENTRY, subnets }] })).toContain('endpoints[0].subnets[0].availabilityZone (line 9, column 11): "us-west-2a" is not in the endpoint\'s Region us-east-1');
  });

  test("IPv6 block not in canonical form", () => {
    expect(loadError({ endpoints: [{ ...VALID_ENTRY, allowedCidrs: ["FD00:0::/48"] }] })).toContain('write "fd00::/48"');
  });

  test("wildcard that matches nothing", () => {
    const policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:Frobnicate*", Resource: "*" }] };

    const message = loadError({ endpoints: [{ ...VALID_ENTRY, policy }] });

    expect(message).toContain('"healthlake:Frobnicate*" matches no HealthLake IAM action');
    expect(message).not.toContain("acknowledgedActions");
  });
});

describe("loadConfig local backend", () => {
  test("makes a relative directory absolute", () => {
    const config = loadConfig(configFile({ backend: { type: "local", directory: "state" }, endpoints: [VALID_ENTRY] }));

    expect(config.backend).toEqual({ type: "local", directory: join(process.cwd(), "state") });
  });
});

describe("loadConfig plan-time options", () => {
  test("maps the endpoint options to props", () => {
    const entry = {
      ...VALID_ENTRY,
      lookupSupportedAzs: false,
      ipAddressType: "dualstack",
      dnsRecordIpType: "service-defined",
      useFipsEndpoint: true,
      importEndpointId: "vpce-0123456789abcdef0",
      timeouts: { create: "20m", delete: "30m" },
    };

    const props = endpointPropsOf(loadConfig(configFile({ endpoints: [entry] })).endpoints[0]);

    expect(props.lookupSupportedAzs).toBe(false);
    expect(props.ipAddressType).toBe("dualstack");
    expect(props.dnsRecordIpType).toBe("service-defined");
    expect(props.useFipsEndpoint).toBe(true);
    expect(props.importEndpointId).toBe("vpce-0123456789abcdef0");
    expect(props.timeouts).toEqual({ create: "20m", delete: "30m" });
  });

  test("dualstack records on an IPv4 endpoint", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, dnsRecordIpType: "dualstack" }] });

    expect(message).toContain('endpoints[0].dnsRecordIpType (line');
    expect(message).toContain('"dualstack" DNS records are not accepted on an endpoint without "ipAddressType" (AWS uses "ipv4")');
  });

  test.each([
    ["IP address type", { ipAddressType: "v6" }, 'endpoints[0].ipAddressType (line 10, column 7): "v6" is not an IP address type'],
    ["timeout", { timeouts: { create: "soon" } }, 'endpoints[0].timeouts.create (line 11, column 9): "soon" is not a duration'],
    ["timeout of wrong type", { timeouts: { create: 20 } }, "endpoints[0].timeouts.create (line 11, column 9): 20 is not a string"],
    ["import id", { importEndpointId: "vpce-1" }, 'endpoints[0].importEndpointId (line 10, column 7): "vpce-1" is not a valid id'],
    ["lookup flag of wrong type", { lookupSupportedAzs: "no" }, 'endpoints[0].lookupSupportedAzs (line 10, column 7): "no" is not a boolean'],
  ])("%s", (_case, overrides, expected) => {
    expect(loadError({ endpoints: [{ ...VALID_ENTRY, ...overrides }] })).toContain(expected);
  });

  test("gateway option with its reason", () => {
    const message = loadError({ endpoints: [{ ...VALID_ENTRY, routeTableIds: ["rtb-0123456789abcdef0"] }] });

    expect(message).toContain('endpoints[0].routeTableIds (line 10, column 7): "routeTableIds" does not apply to HealthLake: route tables belong to gateway endpoints');
  });

  test("gateway option in defaults", () => {
    const message = loadError({ defaults: { privateDnsOnlyForInboundResolverEndpoint: true }, endpoints: [VALID_ENTRY] });

    expect(message).toContain('defaults.privateDnsOnlyForInboundResolverEndpoint (line 3, column 5): "privateDnsOnlyForInboundResolverEndpoint" does not apply to HealthLake');
  });
});

describe("loadConfig existing endpoints", () => {
  const POLICY_ONLY = { name: "legacy", region: "us-west-2", existingEndpointId: "vpce-0123456789abcdef0" };

  test("resolves a policy-only entry", () => {
    const config = loadConfig(configFile({ defaults: { vpcId: "vpc-0abc1234def567890", subnets: [SUBNET_A] }, endpoints: [{ ...POLICY_ONLY, timeouts: { create: "5m" } }] }));
    const entry = config.endpoints[0];

    expect(entry.kind).toBe("policy-only");
    expect(entry.props).toEqual(expect.objectContaining({ endpointId: "vpce-0123456789abcdef0", region: "us-west-2", timeouts: { create: "5m" } }));
    expect("vpcId" in entry.props).toBe(false);
  });

  test("network field on a policy-only entry", () => {
    const message = loadError({ endpoints: [{ ...POLICY_ONLY, subnets: [SUBNET_A] }] });

    expect(message).toContain('endpoints[0].subnets (line 7, column 7): does not apply to an entry with "existingEndpointId"');
  });

  test("update timeout on a policy-only entry", () => {
    expect(loadError({ endpoints: [{ ...POLICY_ONLY, timeouts: { update: "5m" } }] })).toContain(
      'endpoints[0].timeouts.update (line 8, column 9): "update" is not a timeout of this resource; use "create", "delete".',
    );
  });

  test("malformed existing endpoint id", () => {
    expect(loadError({ endpoints: [{ ...POLICY_ONLY, existingEndpointId: "endpoint-1" }] })).toContain(
      'endpoints[0].existingEndpointId (line 6, column 7): "endpoint-1" is not a VPC endpoint id',
    );
  });

  test("existing endpoint id in defaults", () => {
    expect(loadError({ defaults: { existingEndpointId: "vpce-0123456789abcdef0" }, endpoints: [VALID_ENTRY] })).toContain(
      'defaults.existingEndpointId (line 3, column 5): "existingEndpointId" names one endpoint, so it belongs in an entry of "endpoints", not in "defaults".',
    );
  });
});

describe("loadConfig layout", () => {
  test("defaults to a stack per entry", () => {
    expect(loadConfig(configFile({ endpoints: [VALID_ENTRY] })).layout).toEqual({ type: "stack-per-entry" });
  });

  test("reads a single stack", () => {
    const config = loadConfig(configFile({ layout: { type: "single-stack", providerRegion: "us-west-2" }, endpoints: [VALID_ENTRY] }));

    expect(config.layout).toEqual({ type: "single-stack", stackName: "healthlake", providerRegion: "us-west-2" });
  });

  test.each([
    ["type", { type: "per-region" }, 'layout.type (line 3, column 5): "per-region" is not a layout; use "stack-per-entry" or "single-stack".'],
    ["stack name", { type: "single-stack", stackName: "All Endpoints" }, 'layout.stackName (line 4, column 5): "All Endpoints" is not a valid stack name'],
    ["provider region", { type: "single-stack", providerRegion: "virginia" }, 'layout.providerRegion (line 4, column 5): "virginia" is not an AWS Region code'],
    ["key", { type: "stack-per-entry", stackName: "x" }, 'layout.stackName (line 4, column 5): unknown key "stackName".'],
  ])("bad %s", (_case, layout, expected) => {
    expect(loadError({ layout, endpoints: [VALID_ENTRY] })).toContain(expected);
  });
});

describe("loadConfig policy-only entries", () => {
  test("drop an update timeout from defaults", () => {
    const config = loadConfig(
      configFile({
        defaults: { timeouts: { create: "1m", update: "2m", delete: "3m" } },
        endpoints: [VALID_ENTRY, { name: "legacy", region: "us-west-2", existingEndpointId: "vpce-0123456789abcdef0" }],
      }),
    );

    const legacy = config.endpoints.find((entry) => entry.name === "legacy");
    expect(legacy?.props.timeouts).toEqual({ create: "1m", delete: "3m" });
  });

  test("take the account id", () => {
    const policy = { preset: "read-only-fhir", datastores: ["0123456789abcdef0123456789abcdef"] };
    const config = loadConfig(configFile({ endpoints: [{ region: "us-west-2", existingEndpointId: "vpce-0123456789abcdef0", accountId: "222222222222", policy }] }));

    expect(config.endpoints[0].props).toMatchObject({ accountId: "222222222222" });
  });
});

describe("loadConfig layout", () => {
  test("reports a bad type and an unknown key together", () => {
    const message = loadError({ layout: { type: "single_stack", stackname: "x" }, endpoints: [VALID_ENTRY] });

    expect(message).toContain('layout.type (line');
    expect(message).toContain('layout.stackname (line');
    expect(message).toContain('Did you mean "stackName"?');
  });
});
