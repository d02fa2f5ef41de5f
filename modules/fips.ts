import { findHealthLakeRegion, HEALTHLAKE_REGIONS } from "./catalogue/regions";

/**
 * Returns the warning for clients that use HealthLake's FIPS endpoint. Its host name has no PrivateLink
 * service, so private DNS of the endpoint never answers for it.
 */
export function fipsWarning(region: string): string {
  const host = `healthlake-fips.${region}.amazonaws.com`;
  if (findHealthLakeRegion(region)?.fips !== true) {
    const fipsRegions = HEALTHLAKE_REGIONS.filter((entry) => entry.fips).map((entry) => entry.region);
    return `useFipsEndpoint is set, but HealthLake has no FIPS endpoint in ${region} (only in ${fipsRegions.join(", ")}), so clients configured for FIPS fail to resolve ${host}. Configure them for healthlake.${region}.amazonaws.com, which this endpoint serves.`;
  }
  return (
    `useFipsEndpoint is set: clients configured for FIPS call ${host}, which has no PrivateLink service name, so this endpoint's private DNS does not cover it. ` +
    `Their requests resolve to the public FIPS endpoint and leave the VPC through a NAT or internet gateway, or fail where there is none. ` +
    `Keep private clients on healthlake.${region}.amazonaws.com, or give the FIPS path a route to the public endpoint.`
  );
}
