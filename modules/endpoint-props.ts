import { IResolvable, Token } from "cdktf";
import { findHealthLakeRegion, HEALTHLAKE_REGIONS, partitionOf, REGION_CODE_PATTERN } from "./catalogue/regions";
import { describeValue, HealthLakeValidationError, prefixProblems, ValidationProblem } from "./errors";
import {
  AVAILABILITY_ZONE_PATTERN,
  parseCidr,
  PREFIX_LIST_ID_PATTERN,
  SECURITY_GROUP_ID_PATTERN,
  SUBNET_ID_PATTERN,
  VPC_ID_PATTERN,
} from "./network";
import { EndpointPolicy } from "./policy/endpoint-policy";
import { isTokenString } from "./policy/tokens";
import { checkTerraformValueLists } from "./terraform-value-lists";
import { PolicyWarningId } from "./policy/warnings";

/** A subnet for one endpoint network interface. */
export interface EndpointSubnet {
  /** Subnet id, for example `subnet-0aaa111122223333a`. */
  readonly subnetId: string;
  /**
   * Availability Zone of the subnet (`us-east-1a`) or its zone id (`use1-az1`). When given for every
   * subnet, two subnets in one zone are rejected at synth instead of failing at apply.
   *
   * @default - the zone is not checked at synth
   */
  readonly availabilityZone?: string;
}

/** Props of {@link HealthLakeEndpoint}. */
export interface HealthLakeEndpointProps {
  /** VPC that receives the endpoint, for example `vpc-0abc1234def567890`. */
  readonly vpcId: string;

  /**
   * Subnets for the endpoint's network interfaces, at most one per Availability Zone. Give subnet ids, or
   * objects with the id and its zone.
   */
  readonly subnets: ReadonlyArray<string | EndpointSubnet>;

  /**
   * IPv4 and IPv6 CIDR blocks of clients allowed to reach the endpoint on TCP 443.
   *
   * @default - when no allowed source of any kind is given, the VPC's own IPv4 CIDR blocks
   */
  readonly allowedCidrs?: readonly string[];

  /**
   * Security groups whose members may reach the endpoint on TCP 443.
   *
   * @default - none
   */
  readonly allowedSecurityGroupIds?: readonly string[];

  /**
   * Managed prefix lists whose CIDR blocks may reach the endpoint on TCP 443.
   *
   * @default - none
   */
  readonly allowedPrefixListIds?: readonly string[];

  /**
   * Security groups attached to the endpoint besides the one this construct creates.
   *
   * @default - only the construct's own security group
   */
  readonly securityGroupIds?: readonly string[];

  /**
   * Whether the Region's HealthLake host name (`healthlake.<region>.amazonaws.com`) resolves to the
   * endpoint inside the VPC, so SDKs use it without configuration.
   *
   * @default true
   */
  readonly privateDnsEnabled?: boolean | IResolvable;

  /**
   * Endpoint policy. It is always written out, because removing a policy from a Terraform configuration
   * does not reset the policy in AWS.
   *
   * @default EndpointPolicy.fullAccess() - any principal, any action, any resource, as AWS does
   */
  readonly policy?: EndpointPolicy;

  /**
   * Account that owns the datastores the policy names by id; ids become ARNs of this account.
   *
   * @default - the account of the provider's credentials, read with `data "aws_caller_identity"` only
   *   when the policy names a datastore by id
   */
  readonly accountId?: string;

  /**
   * Ids of policy warnings to acknowledge, for example `HealthLake.AnyPrincipalWithoutCondition`; an
   * acknowledged warning is not reported.
   *
   * @default - every warning is reported
   */
  readonly acknowledgedWarnings?: readonly string[];

  /**
   * Tags for the security group, its rules and the endpoint.
   *
   * @default - no tags besides the provider's default tags
   */
  readonly tags?: Readonly<Record<string, string>>;

  /**
   * Region of the endpoint.
   *
   * @default - the region of the stack's AWS provider
   */
  readonly region?: string;

  /**
   * Accept a Region that the HealthLake Region table does not list, for example one AWS launched after
   * this release.
   *
   * @default false
   */
  readonly allowUnlistedRegion?: boolean;

  /**
   * Accept `0.0.0.0/0` or `::/0` in `allowedCidrs`. HealthLake still checks IAM, but a world-open rule
   * lets any host that routes to the VPC reach the endpoint's interfaces.
   *
   * @default false
   */
  readonly allowPublicIngress?: boolean;
}

/** Returns the problems of a Region, with paths named as the props are. */
export function validateRegion(region: string, allowUnlistedRegion: boolean | undefined): ValidationProblem[] {
  if (Token.isUnresolved(region)) {
    return [];
  }
  if (!REGION_CODE_PATTERN.test(region)) {
    return [{ path: "region", message: `${describeValue(region)} is not an AWS Region code; use a code such as "us-east-1".` }];
  }
  if (!findHealthLakeRegion(region) && allowUnlistedRegion !== true) {
    const listed = HEALTHLAKE_REGIONS.map((entry) => entry.region).join(", ");
    return [
      {
        path: "region",
        message: `HealthLake is not offered in ${describeValue(region)} according to this library's Region table (${listed}). Set "allowUnlistedRegion": true if AWS has since launched it there.`,
      },
    ];
  }
  return [];
}

/**
 * Returns every problem of the props apart from the Region and the policy, with paths named as the props
 * are (`subnets[1].subnetId`). Unresolved tokens are skipped: their values are known only at apply time.
 */
export function validateEndpointProps(props: HealthLakeEndpointProps): ValidationProblem[] {
  const problems: ValidationProblem[] = [];

  checkId(props.vpcId, "vpcId", VPC_ID_PATTERN, "vpc-0abc1234def567890", problems);
  checkSubnets(props.subnets, props.region, problems);
  checkCidrs(props.allowedCidrs ?? [], props.allowPublicIngress === true, problems);
  checkIdList(props.allowedSecurityGroupIds, "allowedSecurityGroupIds", SECURITY_GROUP_ID_PATTERN, "sg-0123456789abcdef0", problems);
  checkIdList(props.allowedPrefixListIds, "allowedPrefixListIds", PREFIX_LIST_ID_PATTERN, "pl-0123456789abcdef0", problems);
  checkIdList(props.securityGroupIds, "securityGroupIds", SECURITY_GROUP_ID_PATTERN, "sg-0123456789abcdef0", problems);
  checkTags(props.tags ?? {}, problems);
  problems.push(
    ...checkTerraformValueLists({
      allowedCidrs: props.allowedCidrs,
      allowedSecurityGroupIds: props.allowedSecurityGroupIds,
      allowedPrefixListIds: props.allowedPrefixListIds,
      securityGroupIds: props.securityGroupIds,
    }),
  );
  if (props.accountId !== undefined && !Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
    problems.push({ path: "accountId", message: `${describeValue(props.accountId)} is not an AWS account id; use 12 digits.` });
  }
  const knownWarnings: readonly string[] = Object.values(PolicyWarningId);
  (props.acknowledgedWarnings ?? []).forEach((id, index) => {
    if (!knownWarnings.includes(id)) {
      problems.push({ path: `acknowledgedWarnings[${index}]`, message: `${describeValue(id)} is not a warning id; known ids are ${knownWarnings.join(", ")}.` });
    }
  });

  return problems;
}

/**
 * Returns the problems of rendering `policy` for an endpoint in `region`, with paths under `policy`.
 * When datastores are named by id and no account is given, a 12-digit stand-in account is used, because
 * the real one is read at plan time.
 */
export function validatePolicy(policy: EndpointPolicy, region: string, accountId: string | undefined): ValidationProblem[] {
  try {
    policy.render({ partition: partitionOf(region), region, accountId: accountId ?? "000000000000" });
    return [];
  } catch (error) {
    if (!(error instanceof HealthLakeValidationError)) {
      throw error;
    }
    return prefixProblems("policy", error.problems);
  }
}

/** Returns the subnets in object form. */
export function normalizeSubnets(subnets: ReadonlyArray<string | EndpointSubnet>): EndpointSubnet[] {
  return subnets.map((subnet) => (typeof subnet === "string" ? { subnetId: subnet } : subnet));
}

function checkId(value: unknown, path: string, pattern: RegExp, example: string, problems: ValidationProblem[]): void {
  if (typeof value === "string" && isTokenString(value)) {
    return;
  }
  if (typeof value !== "string" || !pattern.test(value)) {
    const prefix = example.slice(0, example.indexOf("-") + 1);
    problems.push({ path, message: `${describeValue(value)} is not a valid id; expected "${prefix}" followed by 8 or 17 lowercase hexadecimal digits, for example "${example}".` });
  }
}

function checkIdList(values: readonly string[] | undefined, path: string, pattern: RegExp, example: string, problems: ValidationProblem[]): void {
  const seen = new Set<string>();
  (values ?? []).forEach((value, index) => {
    checkId(value, `${path}[${index}]`, pattern, example, problems);
    if (seen.has(value)) {
      problems.push({ path: `${path}[${index}]`, message: `${describeValue(value)} is listed twice; list each id once.` });
    }
    seen.add(value);
  });
}

function checkSubnets(subnets: ReadonlyArray<string | EndpointSubnet>, region: string | undefined, problems: ValidationProblem[]): void {
  if (subnets.length === 0) {
    problems.push({ path: "subnets", message: "no subnets are given; list at least one subnet, at most one per Availability Zone (two or more zones for availability)." });
    return;
  }

  const seenIds = new Map<string, number>();
  const seenZones = new Map<string, number>();
  normalizeSubnets(subnets).forEach((subnet, index) => {
    const path = typeof subnets[index] === "string" ? `subnets[${index}]` : `subnets[${index}].subnetId`;
    checkId(subnet.subnetId, path, SUBNET_ID_PATTERN, "subnet-0aaa111122223333a", problems);

    const earlier = seenIds.get(subnet.subnetId);
    if (earlier !== undefined) {
      problems.push({ path, message: `${describeValue(subnet.subnetId)} is already listed at subnets[${earlier}]; list each subnet once.` });
    } else {
      seenIds.set(subnet.subnetId, index);
    }

    const zone = subnet.availabilityZone;
    if (zone === undefined || Token.isUnresolved(zone)) {
      return;
    }
    if (!AVAILABILITY_ZONE_PATTERN.test(zone)) {
      problems.push({ path: `subnets[${index}].availabilityZone`, message: `${describeValue(zone)} is not an Availability Zone; use a zone name such as "us-east-1a" or a zone id such as "use1-az1".` });
      return;
    }
    if (region !== undefined && !Token.isUnresolved(region) && /^[a-z]{2}-/.test(zone) && !zone.startsWith(region)) {
      problems.push({ path: `subnets[${index}].availabilityZone`, message: `${describeValue(zone)} is not in the endpoint's Region ${region}; give the zone of the subnet, such as "${region}a".` });
      return;
    }
    const zoneOwner = seenZones.get(zone);
    if (zoneOwner !== undefined && earlier === undefined) {
      const other = normalizeSubnets(subnets)[zoneOwner].subnetId;
      problems.push({
        path: `subnets[${index}]`,
        message: `${describeValue(subnet.subnetId)} and ${describeValue(other)} (subnets[${zoneOwner}]) are both in ${zone}; an interface endpoint takes at most one subnet per Availability Zone (AWS rejects it with DuplicateSubnetsInSameZone), so keep one of them.`,
      });
    } else {
      seenZones.set(zone, index);
    }
  });
}

function checkCidrs(cidrs: readonly string[], allowPublicIngress: boolean, problems: ValidationProblem[]): void {
  const seen = new Set<string>();
  cidrs.forEach((cidr, index) => {
    const path = `allowedCidrs[${index}]`;
    if (typeof cidr === "string" && isTokenString(cidr)) {
      return;
    }
    if (typeof cidr !== "string") {
      problems.push({ path, message: `${describeValue(cidr)} is not a CIDR block; use a string such as "10.0.0.0/16".` });
      return;
    }
    const parsed = parseCidr(cidr);
    if ("error" in parsed) {
      problems.push({ path, message: parsed.error });
      return;
    }
    if (parsed.prefixLength === 0 && !allowPublicIngress) {
      problems.push({
        path,
        message: `${describeValue(cidr)} opens the endpoint to every address; list your clients' CIDR blocks, or set "allowPublicIngress": true if this is intended.`,
      });
    }
    if (seen.has(cidr)) {
      problems.push({ path, message: `${describeValue(cidr)} is listed twice; list each CIDR block once.` });
    }
    seen.add(cidr);
  });
}

function checkTags(tags: Readonly<Record<string, string>>, problems: ValidationProblem[]): void {
  for (const [key, value] of Object.entries(tags)) {
    if (isTokenString(key)) {
      continue;
    }
    const path = `tags.${key}`;
    if (key.length === 0 || key.length > 128) {
      problems.push({ path, message: `tag key ${describeValue(key)} has ${key.length} characters; AWS allows 1 to 128.` });
    }
    if (key.toLowerCase().startsWith("aws:")) {
      problems.push({ path, message: `tag key ${describeValue(key)} starts with "aws:", which AWS reserves for its own tags; choose another key.` });
    }
    if (typeof value !== "string") {
      problems.push({ path, message: `tag value ${describeValue(value)} is not a string; AWS tag values are strings of up to 256 characters.` });
    } else if (value.length > 256) {
      problems.push({ path, message: `tag value has ${value.length} characters; AWS allows at most 256.` });
    }
  }
}
