import { describeValue, ValidationProblem } from "../errors";
import { HEALTHLAKE_SERVICE_PREFIX } from "./actions";
import { isTokenString } from "./tokens";

/** A HealthLake datastore id: 32 letters and digits. */
export const DATASTORE_ID_PATTERN = /^[A-Za-z0-9]{32}$/;

/** Resource parts of HealthLake ARNs (Service Authorization Reference), with the wildcards IAM allows. */
const HEALTHLAKE_RESOURCE_PATTERN = /^(\*|datastore\/\*|datastore\/fhir\/(\*|[A-Za-z0-9]{32})|dataTransformationProfile\/(\*|[A-Za-z0-9_-]+))$/;

/** The endpoint an ARN is checked against. */
export interface ResourceContext {
  readonly partition: string;
  readonly region: string;
}

/** Returns whether `resource` is an ARN of the HealthLake service. */
export function isHealthLakeArn(resource: string): boolean {
  return resource.startsWith("arn:") && resource.split(":")[2] === HEALTHLAKE_SERVICE_PREFIX;
}

/** Returns the ARN of a datastore given by id. */
export function datastoreArn(id: string, context: ResourceContext, accountId: string): string {
  return `arn:${context.partition}:healthlake:${context.region}:${accountId}:datastore/fhir/${id}`;
}

/**
 * Checks a HealthLake ARN: the partition and Region must be the endpoint's (an endpoint only carries
 * requests to its own Region), the account 12 digits, and the resource a datastore or data
 * transformation profile. A part that contains an IAM policy variable (`${aws:username}`) is known only
 * when IAM evaluates the request, so it is not checked. Returns `undefined` for ARNs of other services
 * and for valid ARNs.
 */
export function checkHealthLakeArn(resource: string, path: string, context: ResourceContext): ValidationProblem | undefined {
  if (!isHealthLakeArn(resource)) {
    return undefined;
  }
  const [, partition, , region, account, ...rest] = resource.split(":");
  const resourcePart = rest.join(":");
  const example = `arn:${context.partition}:healthlake:${context.region}:111111111111:datastore/fhir/<32-character datastore id>`;

  if (partition !== context.partition) {
    return { path, message: `${describeValue(resource)} is in partition "${partition}", but the endpoint is in "${context.partition}"; write ${example}.` };
  }
  const hasVariable = (part: string) => part.includes("${");
  // A Region that is a Terraform value (a module's provider Region) is known only at plan time.
  if (region !== context.region && region !== "*" && !hasVariable(region) && !isTokenString(context.region)) {
    return { path, message: `${describeValue(resource)} names Region "${region}", but the endpoint is in "${context.region}" and only carries requests to its own Region; write ${example}.` };
  }
  if (!/^\d{12}$/.test(account) && account !== "*" && !hasVariable(account)) {
    return { path, message: `${describeValue(resource)} has account "${account}"; use a 12-digit account id, as in ${example}.` };
  }
  if (!HEALTHLAKE_RESOURCE_PATTERN.test(resourcePart) && !hasVariable(resourcePart)) {
    return {
      path,
      message: `${describeValue(resource)} has resource "${resourcePart}", which is not a HealthLake resource; use "datastore/fhir/<32-character datastore id>" or "dataTransformationProfile/<id>", as in ${example}.`,
    };
  }
  return undefined;
}
