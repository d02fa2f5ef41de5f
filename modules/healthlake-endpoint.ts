import { Annotations, propertyAccess, TerraformIterator, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DataAwsVpcEndpointService } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint, VpcEndpointDnsEntryList } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { healthLakeServiceName } from "./catalogue/regions";
import { HealthLakeValidationError, ValidationProblem } from "./errors";
import {
  effectiveDnsRecordIpType,
  HealthLakeEndpointProps,
  normalizeSubnets,
  validateEndpointProps,
  validatePolicy,
  validateRegion,
} from "./endpoint-props";
import { writeEndpointPolicy } from "./endpoint-policy-output";
import { fipsWarning } from "./fips";
import { CheckedVpcEndpoint } from "./hcl-output";
import { parseCidr } from "./network";
import { EndpointCondition, placeInSupportedAzs, privateDnsPreconditions, validateLookupSubnets } from "./placement";
import { EndpointPolicy } from "./policy/endpoint-policy";
import { defaultAwsProvider, literalRegionOf, withoutDefaultTags } from "./provider-defaults";
import { addTerraformValueIngressRules, holdsTerraformValues, joinSecurityGroupIds } from "./terraform-value-lists";

/** HTTPS, the only port HealthLake's API listens on. */
const HTTPS_PORT = 443;

/**
 * Fixed description of the endpoint's security group. AWS cannot change a security group's description
 * in place, so a description built from props would replace the group whenever the props change.
 */
const SECURITY_GROUP_DESCRIPTION = "Admits HTTPS clients to an Amazon HealthLake interface VPC endpoint";

/**
 * An interface VPC endpoint (AWS PrivateLink) for Amazon HealthLake in one Region, with its own security
 * group that admits only the allowed clients on TCP 443, and an explicit endpoint policy.
 *
 * @example
 * new HealthLakeEndpoint(stack, "healthlake", {
 *   vpcId: "vpc-0abc1234def567890",
 *   subnets: [
 *     { subnetId: "subnet-0aaa111122223333a", availabilityZone: "us-east-1a" },
 *     { subnetId: "subnet-0bbb111122223333b", availabilityZone: "us-east-1b" },
 *   ],
 *   allowedCidrs: ["10.20.0.0/16"],
 *   policy: EndpointPolicy.fromJson(document),
 * });
 */
export class HealthLakeEndpoint extends Construct {
  /** Region the endpoint is created in. */
  public readonly region: string;
  /** PrivateLink service name, `com.amazonaws.<region>.healthlake`. */
  public readonly serviceName: string;
  /** The `aws_vpc_endpoint` resource. */
  public readonly endpoint: VpcEndpoint;
  /** The security group this construct creates for the endpoint. */
  public readonly securityGroup: SecurityGroup;
  /** Endpoint id (`vpce-...`). */
  public readonly endpointId: string;
  /** Endpoint ARN. */
  public readonly endpointArn: string;
  /** DNS entries of the endpoint: each has `dns_name` and `hosted_zone_id`. */
  public readonly dnsEntries: VpcEndpointDnsEntryList;
  /** DNS names of the endpoint, the Regional name first. */
  public readonly dnsNames: string[];
  /** Ids of the network interfaces AWS creates in the subnets. */
  public readonly networkInterfaceIds: string[];
  /** Id of the security group this construct creates. */
  public readonly securityGroupId: string;
  /**
   * The endpoint policy as written to Terraform: canonical, minified JSON, or a `jsonencode(...)`
   * expression when the policy contains Terraform values.
   */
  public readonly policyJson: string;
  /** The HealthLake endpoint service as the plan reads it; `undefined` when `lookupSupportedAzs` is false. */
  public readonly serviceLookup?: DataAwsVpcEndpointService;

  /** Value of the per-resource `region` argument, or `undefined` when the provider's Region applies. */
  private readonly resourceRegion?: string;
  private vpc?: DataAwsVpc;

  constructor(scope: Construct, id: string, props: HealthLakeEndpointProps) {
    super(scope, id);

    // Validation: every problem of the props is reported at once, before any resource exists.
    const provider = defaultAwsProvider(this);
    this.region = props.region ?? this.regionFromProvider(provider);
    const providerRegion = literalRegionOf(provider);
    // A Region that is a Terraform value (a registry module reads it from the caller's provider) is the
    // provider's own, so only a literal Region that differs from the provider's is written per resource.
    const literalRegion = props.region !== undefined && !Token.isUnresolved(props.region);
    this.resourceRegion = literalRegion && props.region !== providerRegion ? props.region : undefined;
    const lookupSupportedAzs = props.lookupSupportedAzs ?? true;
    const problems: ValidationProblem[] = [
      ...validateRegion(this.region, props.allowUnlistedRegion),
      ...validateEndpointProps({ ...props, region: this.region }),
      ...(lookupSupportedAzs ? this.validateLookupProvider(props.serviceLookupProvider, providerRegion) : []),
      ...(lookupSupportedAzs ? validateLookupSubnets(props.subnets) : []),
    ];
    const policy = props.policy ?? EndpointPolicy.fullAccess();
    problems.push(...validatePolicy(policy, this.region, props.accountId));
    if (problems.length > 0) {
      throw new HealthLakeValidationError(`HealthLakeEndpoint "${this.node.path}"`, problems);
    }

    // Policy.
    this.policyJson = writeEndpointPolicy(this, policy, this.region, props);
    if (props.useFipsEndpoint === true) {
      Annotations.of(this).addWarning(fipsWarning(this.region));
    }
    this.serviceName = healthLakeServiceName(this.region);
    const tags = withoutDefaultTags(props.tags, provider);
    const region = this.resourceRegion;

    // Security group: its own, with a generated name so a replacement can be created before the old
    // one is destroyed.
    this.securityGroup = new SecurityGroup(this, "security_group", {
      namePrefix: securityGroupNamePrefix(id),
      description: SECURITY_GROUP_DESCRIPTION,
      vpcId: props.vpcId,
      region,
      tags,
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.securityGroup.id;

    // Ingress: one rule per allowed source on TCP 443, and no egress rule, because the stateful
    // ingress rule already lets the endpoint reply to its clients.
    this.addIngressRules(props, tags);

    // Plan-time checks: the endpoint goes only into subnets whose zone HealthLake offers, and the plan
    // fails, naming the cause, where the apply would fail.
    const subnets = normalizeSubnets(props.subnets);
    let subnetIds = subnets.map((subnet) => subnet.subnetId);
    const preconditions: EndpointCondition[] = [];
    if (lookupSupportedAzs) {
      const placement = placeInSupportedAzs(this, {
        serviceName: this.serviceName,
        subnets,
        ipAddressType: props.ipAddressType,
        resourceRegion: region,
        lookupProvider: props.serviceLookupProvider,
      });
      this.serviceLookup = placement.service;
      subnetIds = placement.subnetIds;
      preconditions.push(...placement.preconditions);
    }
    const privateDnsEnabled = props.privateDnsEnabled ?? true;
    if (privateDnsEnabled === true || Token.isUnresolved(privateDnsEnabled)) {
      preconditions.push(...privateDnsPreconditions(this.vpcLookup(props.vpcId), props.vpcId, privateDnsEnabled));
    }

    // Endpoint. A dns_options block is written whole, because a block with one argument left out shows
    // a change at every plan.
    const dnsRecordIpType = effectiveDnsRecordIpType(props);
    this.endpoint = new CheckedVpcEndpoint(this, "endpoint", {
      vpcId: props.vpcId,
      vpcEndpointType: "Interface",
      serviceName: this.serviceName,
      subnetIds,
      securityGroupIds: joinSecurityGroupIds(this.securityGroupId, props.securityGroupIds),
      privateDnsEnabled,
      ipAddressType: props.ipAddressType,
      dnsOptions: dnsRecordIpType === undefined ? undefined : { dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint: false },
      policy: this.policyJson,
      region,
      tags,
      timeouts: props.timeouts === undefined ? undefined : { ...props.timeouts },
      lifecycle: preconditions.length === 0 ? undefined : { precondition: preconditions.map((check) => ({ ...check })) },
    });
    if (props.importEndpointId !== undefined) {
      // AWS provider 6 imports into the provider's Region unless the import id ends in "@<region>". The
      // resource's own region argument is not used for the import.
      this.endpoint.importFrom(region === undefined ? props.importEndpointId : `${props.importEndpointId}@${region}`);
    }
    this.endpointId = this.endpoint.id;
    this.endpointArn = this.endpoint.arn;
    this.dnsEntries = this.endpoint.dnsEntry;
    this.dnsNames = Token.asList(propertyAccess(this.endpoint.dnsEntry, ["*", "dns_name"]));
    this.networkInterfaceIds = this.endpoint.networkInterfaceIds;
  }

  /** Reads the Region of the stack's default (unaliased) AWS provider. */
  private regionFromProvider(provider: AwsProvider | undefined): string {
    const region = provider?.region;
    if (region === undefined) {
      throw new HealthLakeValidationError(`HealthLakeEndpoint "${this.node.path}"`, [
        { path: "region", message: 'is missing; set "region" in the props, or give the stack an AwsProvider with a region.' },
      ]);
    }
    return region;
  }

  /**
   * Checks that the endpoint service lookup reaches the endpoint's Region. In hashicorp/aws 6.25,
   * `data.aws_vpc_endpoint_service` has `region` as a read-only attribute instead of the per-resource
   * `region` argument, so outside the default provider's Region it needs a provider of its own.
   */
  private validateLookupProvider(lookupProvider: TerraformProvider | undefined, providerRegion: string | undefined): ValidationProblem[] {
    const path = "serviceLookupProvider";
    if (lookupProvider === undefined) {
      if (this.resourceRegion === undefined || Token.isUnresolved(this.region)) {
        return [];
      }
      const where = providerRegion === undefined ? "the stack's AWS provider has no literal Region" : `the stack's AWS provider is in ${providerRegion}`;
      return [
        {
          path,
          message: `is missing: the endpoint is in ${this.region} but ${where}, and data.aws_vpc_endpoint_service has no per-resource region argument in hashicorp/aws 6.25. Pass an AwsProvider with region "${this.region}" (with an alias), or set lookupSupportedAzs to false.`,
        },
      ];
    }
    const lookupRegion = lookupProvider instanceof AwsProvider ? literalRegionOf(lookupProvider) : undefined;
    if (lookupRegion !== undefined && lookupRegion !== this.region && !Token.isUnresolved(this.region)) {
      return [{ path, message: `is in ${lookupRegion}, but the endpoint is in ${this.region}; pass a provider with region "${this.region}".` }];
    }
    return [];
  }

  /** Returns the one `data.aws_vpc` of the endpoint's VPC, shared by the default ingress rule and the DNS checks. */
  private vpcLookup(vpcId: string): DataAwsVpc {
    this.vpc ??= new DataAwsVpc(this, "vpc", { id: vpcId, region: this.resourceRegion });
    return this.vpc;
  }

  /**
   * Adds one ingress rule per allowed CIDR block, security group and prefix list. Construct ids come from
   * the source itself, never from its position, so reordering the lists leaves every rule in place.
   */
  private addIngressRules(props: HealthLakeEndpointProps, tags: Record<string, string> | undefined): void {
    const common = { securityGroupId: this.securityGroupId, ipProtocol: "tcp", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, region: this.resourceRegion, tags };
    const cidrs = props.allowedCidrs ?? [];
    const groups = props.allowedSecurityGroupIds ?? [];
    const prefixLists = props.allowedPrefixListIds ?? [];
    if ([cidrs, groups, prefixLists].some(holdsTerraformValues)) {
      addTerraformValueIngressRules(this, this.vpcLookup(props.vpcId), common, { cidrs, securityGroupIds: groups, prefixListIds: prefixLists });
      return;
    }

    for (const cidr of cidrs) {
      const parsed = parseCidr(cidr);
      const isIpv6 = "version" in parsed && parsed.version === 6;
      new VpcSecurityGroupIngressRule(this, `ingress_${sourceKey(cidr)}`, {
        ...common,
        description: `HTTPS from ${cidr}`,
        cidrIpv4: isIpv6 ? undefined : cidr,
        cidrIpv6: isIpv6 ? cidr : undefined,
      });
    }
    for (const group of groups) {
      new VpcSecurityGroupIngressRule(this, `ingress_${sourceKey(group)}`, {
        ...common,
        description: `HTTPS from members of ${group}`,
        referencedSecurityGroupId: group,
      });
    }
    for (const prefixList of prefixLists) {
      new VpcSecurityGroupIngressRule(this, `ingress_${sourceKey(prefixList)}`, {
        ...common,
        description: `HTTPS from prefix list ${prefixList}`,
        prefixListId: prefixList,
      });
    }

    if (cidrs.length === 0 && groups.length === 0 && prefixLists.length === 0) {
      // The AWS CDK's InterfaceVpcEndpoint admits the VPC's CIDR block by default; this admits every
      // IPv4 block associated with the VPC, read at plan time.
      const vpc = this.vpcLookup(props.vpcId);
      const blocks = TerraformIterator.fromComplexList(vpc.cidrBlockAssociations, "association_id");
      new VpcSecurityGroupIngressRule(this, "ingress_vpc_cidr_blocks", {
        ...common,
        forEach: blocks,
        description: "HTTPS from the VPC's own CIDR block",
        cidrIpv4: blocks.getString("cidr_block"),
      });
    }
  }
}

/**
 * Returns the security group's `name_prefix`: the construct id and `-vpce-`, within the 100 characters
 * Terraform accepts. AWS rejects group names that start with `sg-`, so such an id gets a prefix.
 */
function securityGroupNamePrefix(id: string): string {
  const base = `${id.replace(/[^A-Za-z0-9-]/g, "-")}-vpce-`;
  return (base.toLowerCase().startsWith("sg-") ? `healthlake-${base}` : base).slice(0, 100);
}

/** Turns a CIDR block or an id into a construct id part: `10.0.0.0/16` becomes `10_0_0_0_16`. */
function sourceKey(source: string): string {
  return source.replace(/[^A-Za-z0-9-]/g, "_");
}
