import { writeFileSync } from "fs";
import { HEALTHLAKE_REGIONS } from "../modules/catalogue/regions";

/** Returns a 17-digit lowercase hex id part, unique for each (entry, kind) pair of the generated config. */
function hexId(entry: number, kind: number): string {
  return (entry * 16 + kind).toString(16).padStart(17, "0");
}

/**
 * Builds a config file with `count` regional endpoint entries, which cycle through the Regions of
 * `HEALTHLAKE_REGIONS`. Each entry is shaped like those of healthlake-endpoints.json: two subnets, an
 * IPv4 and an IPv6 CIDR block as sources, and a policy that lets one role read the FHIR resources of one
 * data store. Entry names are `e0001`, `e0002`, and so on.
 */
export function buildStackConfig(count: number): object {
  const endpoints = [];
  for (let entry = 1; entry <= count; entry++) {
    const region = HEALTHLAKE_REGIONS[(entry - 1) % HEALTHLAKE_REGIONS.length].region;
    endpoints.push({
      name: `e${String(entry).padStart(4, "0")}`,
      region,
      vpcId: `vpc-${hexId(entry, 0)}`,
      subnets: [
        { subnetId: `subnet-${hexId(entry, 1)}`, availabilityZone: `${region}a` },
        { subnetId: `subnet-${hexId(entry, 2)}`, availabilityZone: `${region}b` },
      ],
      allowedCidrs: ["10.10.0.0/16", "fd00:10:10::/48"],
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ClinicalAppReadsFhir",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111111111111:role/clinical-app" },
            Action: ["healthlake:ReadResource", "healthlake:SearchWithGet", "healthlake:SearchWithPost", "healthlake:GetCapabilities"],
            Resource: `arn:aws:healthlake:${region}:111111111111:datastore/fhir/0123456789abcdef0123456789abcdef`,
          },
        ],
      },
    });
  }

  return {
    defaults: {
      privateDnsEnabled: true,
      tags: { Project: "clinical-data-platform", Environment: "benchmark", ManagedBy: "cdktf-healthlake-privatelink" },
    },
    backend: { type: "local" },
    endpoints,
  };
}

/** Writes {@link buildStackConfig}'s config with `count` entries to `path`. */
export function writeStackConfig(path: string, count: number): void {
  writeFileSync(path, `${JSON.stringify(buildStackConfig(count), null, 2)}\n`);
}
