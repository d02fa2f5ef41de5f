import { Fn, IResolvable, Op, TerraformIterator, TerraformProvider, Token } from "cdktf";
import { isTokenString } from "./policy/tokens";
import { Construct } from "constructs";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DataAwsVpcEndpointService } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service";
import { EndpointSubnet, IpAddressType, normalizeSubnets, subnetZoneNames } from "./endpoint-props";
import { ValidationProblem } from "./errors";
import { CheckedDataAwsVpcEndpointService } from "./hcl-output";

/**
 * A `precondition` of the endpoint: a Terraform boolean expression and the message printed when false.
 * Messages contain no double quotes, because cdktf 0.21's HCL output leaves them unescaped in strings
 * with `${...}` interpolations.
 */
export interface EndpointCondition {
  readonly condition: unknown;
  readonly errorMessage: string;
}

/** Placement of the endpoint at plan time, with the checks that fail the plan instead of the apply. */
export interface SupportedAzPlacement {
  /** The HealthLake endpoint service as the plan reads it. */
  readonly service: DataAwsVpcEndpointService;
  /** Subnet ids as a Terraform expression: the given subnets whose zone the service offers. */
  readonly subnetIds: string[];
  readonly preconditions: EndpointCondition[];
}

/** Inputs of {@link placeInSupportedAzs}. */
export interface SupportedAzPlacementProps {
  readonly serviceName: string;
  readonly subnets: readonly EndpointSubnet[];
  readonly ipAddressType?: IpAddressType;
  /** Value of the per-resource `region` argument, or `undefined` to use the provider's Region. */
  readonly resourceRegion?: string;
  /** Provider for the endpoint service lookup, whose data source has no per-resource `region` argument. */
  readonly lookupProvider?: TerraformProvider;
}

/**
 * Returns a problem for each subnet that the plan would look up by an id that is a Terraform token,
 * because the lookup's construct id, and so its address, comes from the subnet id.
 */
export function validateLookupSubnets(subnets: ReadonlyArray<string | EndpointSubnet>): ValidationProblem[] {
  if (isSubnetListValue(subnets)) {
    return [];
  }
  const knownZones = subnetZoneNames(subnets);
  return normalizeSubnets(subnets).flatMap((subnet, index) =>
    Token.isUnresolved(subnet.subnetId) && !knownZones.has(subnet.subnetId)
      ? [
          {
            path: `subnets[${index}]`,
            message:
              "is a Terraform token without a zone name, and the zone lookup is named after the subnet id; give a literal subnet id or its availabilityZone, or set lookupSupportedAzs to false.",
          },
        ]
      : [],
  );
}

/**
 * Adds `data.aws_vpc_endpoint_service` for HealthLake and returns the subnets in the zones it offers.
 *
 * The subnet ids are `matchkeys(ids, zones, service.availability_zones)`: the ids whose zone is in the
 * service's list. A zone comes from the subnet as given when it is a zone name, and otherwise from a
 * `data.aws_subnet` lookup, because the service lists zone names and not zone ids.
 */
export function placeInSupportedAzs(scope: Construct, props: SupportedAzPlacementProps): SupportedAzPlacement {
  const service = new CheckedDataAwsVpcEndpointService(scope, "service", {
    serviceName: props.serviceName,
    serviceType: "Interface",
    provider: props.lookupProvider,
  });

  const { ids, zones } = isSubnetListValue(props.subnets) ? lookUpSubnetListValue(scope, props) : lookUpSubnets(scope, props);

  const offeredZones = service.availabilityZones;
  const keptIds = Fn.matchkeys(ids, zones, offeredZones);
  // With every id and zone a literal, the message lists the subnets as plain text, which is cheaper to
  // synthesize than a formatlist() expression.
  const literal = [...ids, ...zones].every((value) => !isTokenString(value));
  const givenSubnets = literal ? ids.map((id, index) => `${id} (${zones[index]})`).join(", ") : Fn.join(", ", Token.asList(Fn.formatlist("%s (%s)", [ids, zones])));

  const preconditions: EndpointCondition[] = [
    {
      // cdktf 0.21 renders the number 0 in an operator expression as "undefined", so the test is ">= 1".
      condition: Op.gte(Fn.lengthOf(keptIds), 1),
      errorMessage:
        `None of the subnets is in an Availability Zone where ${props.serviceName} is offered. ` +
        `Subnets: ${givenSubnets}. Zones the service offers: ${Fn.join(", ", Fn.sort(offeredZones))}. ` +
        `Add a subnet in one of those zones.`,
    },
  ];
  // The kept subnets are a subset of the given ones, so distinct literal zones cannot collide. The check
  // is needed only when a zone comes from a lookup or two given zones are equal.
  if (!literal || new Set(zones).size !== zones.length) {
    const keptZones = Fn.matchkeys(zones, zones, offeredZones);
    const keptSubnets = Fn.join(", ", Token.asList(Fn.formatlist("%s (%s)", [keptIds, keptZones])));
    preconditions.push({
      condition: Op.eq(Fn.lengthOf(Fn.distinct(keptZones)), Fn.lengthOf(keptZones)),
      errorMessage:
        `Two or more subnets of the endpoint are in one Availability Zone, and AWS rejects that with DuplicateSubnetsInSameZone: ${keptSubnets}. ` +
        `Keep one subnet per Availability Zone.`,
    });
  }
  if (props.ipAddressType !== undefined) {
    preconditions.push({
      condition: Fn.contains(service.supportedIpAddressTypes, props.ipAddressType),
      errorMessage:
        `${props.serviceName} does not support the IP address type ${props.ipAddressType} in this Region; it supports ` +
        `${Fn.join(", ", Fn.sort(service.supportedIpAddressTypes))}. Change ipAddressType.`,
    });
  }
  return { service, subnetIds: keptIds, preconditions };
}

/** Returns whether the subnets are one Terraform list value, as a module variable gives them. */
function isSubnetListValue(subnets: ReadonlyArray<string | EndpointSubnet>): boolean {
  const only = subnets.length === 1 ? subnets[0] : undefined;
  const id = typeof only === "string" ? only : only?.subnetId;
  return id !== undefined && !Token.isUnresolved(id) && Token.isUnresolved([id]);
}

/** Returns the ids and zones of literal subnets: a zone name as given, or else a `data.aws_subnet` per subnet. */
function lookUpSubnets(scope: Construct, props: SupportedAzPlacementProps): { ids: string[]; zones: string[] } {
  const knownZones = subnetZoneNames(props.subnets);
  const ids = props.subnets.map((subnet) => subnet.subnetId);
  const zones = props.subnets.map((subnet) => {
    const zone = knownZones.get(subnet.subnetId);
    if (zone !== undefined) {
      return zone;
    }
    const lookup = new DataAwsSubnet(scope, `subnet_${subnet.subnetId.replace(/[^A-Za-z0-9-]/g, "_")}`, { id: subnet.subnetId, region: props.resourceRegion });
    return lookup.availabilityZone;
  });
  return { ids, zones };
}

/**
 * Returns the ids and zones of subnets given as one Terraform list value: one `data.aws_subnet` with
 * `for_each` over the ids. Keys and values of that map come in the same (key) order, so they align.
 */
function lookUpSubnetListValue(scope: Construct, props: SupportedAzPlacementProps): { ids: string[]; zones: string[] } {
  // cdktf encodes a list value as a one-element array, so this array is the whole list.
  const listValue = [props.subnets[0].subnetId];
  const subnetIds = TerraformIterator.fromList(listValue);
  const lookup = new DataAwsSubnet(scope, "subnets", { forEach: subnetIds, id: subnetIds.value, region: props.resourceRegion });
  const found = TerraformIterator.fromDataSources(lookup);
  return { ids: Token.asList(found.keys()), zones: Token.asList(found.pluckProperty("availability_zone")) };
}

/**
 * Returns the checks that private DNS needs: AWS creates the private hosted zone only in a VPC with DNS
 * support and DNS host names on, and otherwise rejects the endpoint at apply.
 */
export function privateDnsPreconditions(vpc: DataAwsVpc, vpcId: string, privateDnsEnabled: boolean | IResolvable = true): EndpointCondition[] {
  const attributes: Array<[string, IResolvable]> = [
    ["enable_dns_support", vpc.enableDnsSupport],
    ["enable_dns_hostnames", vpc.enableDnsHostnames],
  ];
  // When private DNS is a Terraform value (a module variable), the check holds only while it is on.
  const guarded = (value: IResolvable) => (privateDnsEnabled === true ? value : Op.or(Op.not(privateDnsEnabled), value));
  return attributes.map(([attribute, value]) => ({
    condition: guarded(value),
    errorMessage:
      `Private DNS of the HealthLake endpoint needs ${attribute} = true on VPC ${vpcId}, and it is false. ` +
      `Turn it on for the VPC (the ${attribute} argument of aws_vpc, or Edit VPC settings in the AWS console), or turn private DNS off (privateDnsEnabled in the app, private_dns_enabled in the module).`,
  }));
}
