/**
 * AWS Regions that offer Amazon HealthLake.
 *
 * Source: the "Service endpoints" table of "AWS HealthLake endpoints and quotas" in the AWS General
 * Reference, https://docs.aws.amazon.com/general/latest/gr/Amazon-HealthLake.html (read 2026-12-04).
 *
 * To refresh it, compare that table with the entries below, add or remove Regions, and run
 * `npm test`: the region tests cover every entry. The `fips` flag marks Regions whose table row lists a
 * `healthlake-fips.<region>.amazonaws.com` host.
 */
export interface HealthLakeRegion {
  /** Region code, for example `us-east-1`. */
  readonly region: string;
  /** AWS partition the Region belongs to, used in ARNs. */
  readonly partition: string;
  /** Whether the Region has a FIPS 140 HealthLake endpoint. */
  readonly fips: boolean;
}

export const HEALTHLAKE_REGIONS: readonly HealthLakeRegion[] = [
  { region: "us-east-1", partition: "aws", fips: true },
  { region: "us-east-2", partition: "aws", fips: true },
  { region: "us-west-2", partition: "aws", fips: true },
  { region: "ap-south-1", partition: "aws", fips: false },
  { region: "ap-southeast-2", partition: "aws", fips: false },
  { region: "ca-central-1", partition: "aws", fips: false },
  { region: "eu-west-1", partition: "aws", fips: false },
  { region: "eu-west-2", partition: "aws", fips: false },
];

/** Region codes as AWS writes them: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-isoe-west-1`. */
export const REGION_CODE_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** Returns the table entry for a Region, or `undefined` when HealthLake is not listed there. */
export function findHealthLakeRegion(region: string): HealthLakeRegion | undefined {
  return HEALTHLAKE_REGIONS.find((entry) => entry.region === region);
}

/**
 * Returns the AWS partition of a Region code. Regions outside the table are mapped by their prefix,
 * following the partition list of the AWS SDKs (`cn-` is `aws-cn`, `us-gov-` is `aws-us-gov`, and so on).
 */
export function partitionOf(region: string): string {
  const listed = findHealthLakeRegion(region);
  if (listed) {
    return listed.partition;
  }
  if (region.startsWith("cn-")) {
    return "aws-cn";
  }
  if (region.startsWith("us-gov-")) {
    return "aws-us-gov";
  }
  if (region.startsWith("us-isob-")) {
    return "aws-iso-b";
  }
  if (region.startsWith("us-iso-")) {
    return "aws-iso";
  }
  if (region.startsWith("eu-isoe-")) {
    return "aws-iso-e";
  }
  return "aws";
}

/** Returns the PrivateLink service name of HealthLake in a Region: `com.amazonaws.<region>.healthlake`. */
export function healthLakeServiceName(region: string): string {
  return `com.amazonaws.${region}.healthlake`;
}
