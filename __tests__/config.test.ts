import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadConfig } from "../modules/config/load-config";
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

    expect(config.endpoints[0].props.vpcId).toBe("vpc-0abc1234def567890");
    expect(config.endpoints[0].props.privateDnsEnabled).toBe(false);
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

    expect(config.endpoints[0].props.allowedCidrs).toEqual(["::/0"]);
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
