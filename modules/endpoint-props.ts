import { IResolvable, TerraformProvider, Token } from "cdktf";
import { findHealthLakeRegion, HEALTHLAKE_REGIONS, partitionOf, REGION_CODE_PATTERN } from "./catalogue/regions";
import { describeValue, HealthLakeValidationError, prefixProblems, ValidationProblem } from "./errors";
import {
  AVAILABILITY_ZONE_NAME_PATTERN,
  AVAILABILITY_ZONE_PATTERN,
  parseCidr,
  PREFIX_LIST_ID_PATTERN,
  SECURITY_GROUP_ID_PATTERN,
  SUBNET_ID_PATTERN,
  VPC_ENDPOINT_ID_PATTERN,
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

/** IP address types of an interface endpoint's network interfaces, as the EC2 API names them. */
export const IP_ADDRESS_TYPES = ["ipv4", "dualstack", "ipv6"] as const;
export type IpAddressType = (typeof IP_ADDRESS_TYPES)[number];

/** Record types of the endpoint's DNS names, as the EC2 API names them. */
export const DNS_RECORD_IP_TYPES = ["ipv4", "dualstack", "ipv6", "service-defined"] as const;
export type DnsRecordIpType = (typeof DNS_RECORD_IP_TYPES)[number];

/**
 * DNS record IP types the EC2 API accepts for each endpoint IP address type (PrivateLink guide, "Create
 * an interface endpoint"): A records need IPv4 addresses and AAAA records need IPv6 addresses, so only a
 * dual-stack endpoint can have more than one record type.
 */
export const DNS_RECORD_IP_TYPES_BY_ADDRESS_TYPE: Readonly<Record<IpAddressType, readonly DnsRecordIpType[]>> = {
  ipv4: ["ipv4"],
  dualstack: ["ipv4", "dualstack", "ipv6", "service-defined"],
  ipv6: ["ipv6"],
};

/**
 * `aws_vpc_endpoint` arguments that never apply to HealthLake, which AWS offers as an interface
 * endpoint only, with the reason each is rejected. Keys are the prop (and config) names.
 */
export const INTERFACE_ONLY_REJECTED_OPTIONS: Readonly<Record<string, string>> = {
  routeTableIds: "route tables belong to gateway endpoints; HealthLake offers interface endpoints only, which take subnets.",
  vpcEndpointType: 'is always "Interface": HealthLake offers interface endpoints only.',
  privateDnsOnlyForInboundResolverEndpoint:
    "applies only to services that offer both a gateway and an interface endpoint (Amazon S3); HealthLake offers interface endpoints only.",
  autoAccept: "applies to endpoint services that require acceptance; AWS accepts HealthLake endpoints automatically.",
};

/** Go duration strings that Terraform accepts in `timeouts`, for example `10m`, `1h30m` or `90s`. */
const TIMEOUT_PATTERN = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Create, update and delete timeouts of the endpoint, as Go duration strings such as `10m` or `1h`. */
export interface EndpointTimeouts {
  /** @default - the provider's default */
  readonly create?: string;
  /** @default - the provider's default */
  readonly update?: string;
  /** @default - the provider's default */
  readonly delete?: string;
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
   * Whether the plan looks up `data.aws_vpc_endpoint_service` for HealthLake and places the endpoint only
   * in the subnets whose Availability Zone the service offers, failing when none remains or when two
   * remaining subnets share a zone. Turn it off for roles that may not call
   * `ec2:DescribeVpcEndpointServices`; then the subnets are used as given and only the synth-time checks
   * apply.
   *
   * @default true
   */
  readonly lookupSupportedAzs?: boolean;

  /**
   * AWS provider for `data.aws_vpc_endpoint_service` when the endpoint is outside the Region of the
   * stack's default provider. In hashicorp/aws 6.25 that data source has no per-resource `region`
   * argument, so it needs a provider configured for the endpoint's Region (an aliased `AwsProvider`).
   * Every other resource and data source of the construct uses the per-resource `region` argument.
   *
   * @default - the stack's default AWS provider
   */
  readonly serviceLookupProvider?: TerraformProvider;

  /**
   * IP address type of the endpoint's network interfaces. `dualstack` needs subnets with IPv4 and IPv6
   * ranges, and `ipv6` needs IPv6-only subnets. The plan fails when HealthLake does not support the type
   * in the Region.
   *
   * @default - not written, so AWS uses `ipv4`
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * Record types of the endpoint's DNS names: `ipv4` (A), `ipv6` (AAAA), `dualstack` (A and AAAA) or
   * `service-defined`. An `ipv4` endpoint takes only `ipv4`, an `ipv6` endpoint only `ipv6`.
   *
   * @default - the endpoint's `ipAddressType`; not written when neither is given
   */
  readonly dnsRecordIpType?: DnsRecordIpType;

  /**
   * Whether the clients of this endpoint use HealthLake's FIPS endpoint
   * (`healthlake-fips.<region>.amazonaws.com`, set with `use_fips_endpoint` or `AWS_USE_FIPS_ENDPOINT`
   * in their SDK). That host name has no PrivateLink service, so the endpoint's private DNS does not
   * cover it; synth warns about this. Nothing in the Terraform output changes.
   *
   * @default false
   */
  readonly useFipsEndpoint?: boolean;

  /**
   * Id of an endpoint that already exists (`vpce-...`), to bring under this construct with a Terraform
   * `import` block instead of creating a new endpoint.
   *
   * @default - a new endpoint is created
   */
  readonly importEndpointId?: string;

  /**
   * Timeouts of the endpoint's create, update and delete operations.
   *
   * @default - the provider's defaults
   */
  readonly timeouts?: EndpointTimeouts;

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
   * Tags for the security group, its rules and the endpoint. Tags whose key and value are already in the
   * default tags of the stack's AWS provider are left out, because the provider adds those itself.
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
  problems.push(...validatePolicyOutputOptions(props));
  checkIpTypes(props.ipAddressType, props.dnsRecordIpType, problems);
  checkTimeouts(props.timeouts, ["create", "update", "delete"], problems);
  checkRejectedOptions(props, problems);
  if (props.importEndpointId !== undefined) {
    checkId(props.importEndpointId, "importEndpointId", VPC_ENDPOINT_ID_PATTERN, "vpce-0123456789abcdef0", problems);
  }

  return problems;
}

/** Returns the problems of the account id and the acknowledged warning ids. */
export function validatePolicyOutputOptions(options: { readonly accountId?: string; readonly acknowledgedWarnings?: readonly string[] }): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (options.accountId !== undefined && !Token.isUnresolved(options.accountId) && !/^\d{12}$/.test(options.accountId)) {
    problems.push({ path: "accountId", message: `${describeValue(options.accountId)} is not an AWS account id; use 12 digits.` });
  }
  const knownWarnings: readonly string[] = Object.values(PolicyWarningId);
  (options.acknowledgedWarnings ?? []).forEach((id, index) => {
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

/**
 * Returns the zone of each subnet that is given with a zone name (`us-east-1a`), because the plan can
 * compare those with the service's zones directly. Subnets without a zone or with a zone id are left out.
 */
export function subnetZoneNames(subnets: ReadonlyArray<string | EndpointSubnet>): Map<string, string> {
  const zones = new Map<string, string>();
  for (const subnet of normalizeSubnets(subnets)) {
    const zone = subnet.availabilityZone;
    if (zone !== undefined && !Token.isUnresolved(zone) && AVAILABILITY_ZONE_NAME_PATTERN.test(zone)) {
      zones.set(subnet.subnetId, zone);
    }
  }
  return zones;
}

/**
 * Returns the DNS record IP type to write: the given one, or the endpoint's IP address type, or
 * `undefined` when neither is given and no `dns_options` block is written.
 */
export function effectiveDnsRecordIpType(props: Pick<HealthLakeEndpointProps, "ipAddressType" | "dnsRecordIpType">): DnsRecordIpType | undefined {
  return props.dnsRecordIpType ?? props.ipAddressType;
}

/** Returns the problems of timeouts; `allowed` lists the operations the resource has. */
export function checkTimeouts(timeouts: object | undefined, allowed: readonly string[], problems: ValidationProblem[]): void {
  for (const [operation, value] of Object.entries(timeouts ?? {})) {
    const path = `timeouts.${operation}`;
    if (!allowed.includes(operation)) {
      problems.push({ path, message: `"${operation}" is not a timeout of this resource; use ${allowed.map((name) => `"${name}"`).join(", ")}.` });
    } else if (typeof value !== "string" || !TIMEOUT_PATTERN.test(value)) {
      problems.push({ path, message: `${describeValue(value)} is not a duration; write a number and a unit, such as "30s", "10m" or "1h30m".` });
    }
  }
}

function checkIpTypes(ipAddressType: string | undefined, dnsRecordIpType: string | undefined, problems: ValidationProblem[]): void {
  if (ipAddressType !== undefined && !(IP_ADDRESS_TYPES as readonly string[]).includes(ipAddressType)) {
    problems.push({ path: "ipAddressType", message: `${describeValue(ipAddressType)} is not an IP address type; use ${IP_ADDRESS_TYPES.map((type) => `"${type}"`).join(", ")}.` });
    return;
  }
  if (dnsRecordIpType === undefined) {
    return;
  }
  if (!(DNS_RECORD_IP_TYPES as readonly string[]).includes(dnsRecordIpType)) {
    problems.push({ path: "dnsRecordIpType", message: `${describeValue(dnsRecordIpType)} is not a DNS record IP type; use ${DNS_RECORD_IP_TYPES.map((type) => `"${type}"`).join(", ")}.` });
    return;
  }

  const addressType = (ipAddressType ?? "ipv4") as IpAddressType;
  const accepted = DNS_RECORD_IP_TYPES_BY_ADDRESS_TYPE[addressType];
  if (!accepted.includes(dnsRecordIpType as DnsRecordIpType)) {
    const endpoint = ipAddressType === undefined ? 'an endpoint without "ipAddressType" (AWS uses "ipv4")' : `an endpoint with "ipAddressType": "${addressType}"`;
    const fix = addressType === "dualstack" ? "" : ' Set "ipAddressType": "dualstack" to serve more than one record type.';
    problems.push({
      path: "dnsRecordIpType",
      message: `"${dnsRecordIpType}" DNS records are not accepted on ${endpoint}, which has ${addressType === "ipv4" ? "IPv4" : "IPv6"} addresses only; the EC2 API accepts ${accepted.map((type) => `"${type}"`).join(", ")} there.${fix}`,
    });
  }
}

function checkRejectedOptions(props: HealthLakeEndpointProps, problems: ValidationProblem[]): void {
  // TypeScript callers cannot pass these props, but JavaScript callers and config files can.
  for (const [option, reason] of Object.entries(INTERFACE_ONLY_REJECTED_OPTIONS)) {
    if (option in props && (props as unknown as Record<string, unknown>)[option] !== undefined) {
      problems.push({ path: option, message: `does not apply to HealthLake: ${reason} Remove it.` });
    }
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
