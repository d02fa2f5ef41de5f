import { Annotations, propertyAccess, TerraformIterator, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint, VpcEndpointDnsEntryList } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { healthLakeServiceName, partitionOf } from "./catalogue/regions";
import { HealthLakeValidationError, ValidationProblem } from "./errors";
import { HealthLakeEndpointProps, normalizeSubnets, validateEndpointProps, validatePolicy, validateRegion } from "./endpoint-props";
import { parseCidr } from "./network";
import { EndpointPolicy } from "./policy/endpoint-policy";
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

  constructor(scope: Construct, id: string, props: HealthLakeEndpointProps) {
    super(scope, id);

    // Validation: every problem of the props is reported at once, before any resource exists.
    this.region = props.region ?? this.regionFromProvider();
    const problems: ValidationProblem[] = [
      ...validateRegion(this.region, props.allowUnlistedRegion),
      ...validateEndpointProps({ ...props, region: this.region }),
    ];
    const policy = props.policy ?? EndpointPolicy.fullAccess();
    problems.push(...validatePolicy(policy, this.region, props.accountId));
    if (problems.length > 0) {
      throw new HealthLakeValidationError(`HealthLakeEndpoint "${this.node.path}"`, problems);
    }

    // Policy.
    let accountId = props.accountId;
    if (accountId === undefined && policy.needsAccountId) {
      accountId = new DataAwsCallerIdentity(this, "caller_identity").accountId;
    }
    const rendered = policy.render({ partition: partitionOf(this.region), region: this.region, accountId });
    this.policyJson = rendered.terraformValue;
    const acknowledged = new Set(props.acknowledgedWarnings ?? []);
    for (const warning of [...policy.warnings, ...rendered.warnings]) {
      if (!acknowledged.has(warning.id)) {
        const location = warning.path === "" ? "" : ` ${warning.path}`;
        Annotations.of(this).addWarning(`[${warning.id}] Endpoint policy${location}: ${warning.message}`);
      }
    }
    this.serviceName = healthLakeServiceName(this.region);
    const tags = props.tags === undefined ? undefined : { ...props.tags };

    // Security group: its own, with a generated name so a replacement can be created before the old
    // one is destroyed.
    this.securityGroup = new SecurityGroup(this, "security_group", {
      namePrefix: securityGroupNamePrefix(id),
      description: SECURITY_GROUP_DESCRIPTION,
      vpcId: props.vpcId,
      tags,
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.securityGroup.id;

    // Ingress: one rule per allowed source on TCP 443, and no egress rule, because the stateful
    // ingress rule already lets the endpoint reply to its clients.
    this.addIngressRules(props, tags);

    // Endpoint.
    this.endpoint = new VpcEndpoint(this, "endpoint", {
      vpcId: props.vpcId,
      vpcEndpointType: "Interface",
      serviceName: this.serviceName,
      subnetIds: normalizeSubnets(props.subnets).map((subnet) => subnet.subnetId),
      securityGroupIds: joinSecurityGroupIds(this.securityGroup.id, props.securityGroupIds),
      privateDnsEnabled: props.privateDnsEnabled ?? true,
      policy: this.policyJson,
      tags,
    });
    this.endpointId = this.endpoint.id;
    this.endpointArn = this.endpoint.arn;
    this.dnsEntries = this.endpoint.dnsEntry;
    this.dnsNames = Token.asList(propertyAccess(this.endpoint.dnsEntry, ["*", "dns_name"]));
    this.networkInterfaceIds = this.endpoint.networkInterfaceIds;
  }

  /** Reads the Region of the stack's default (unaliased) AWS provider. */
  private regionFromProvider(): string {
    const stack = TerraformStack.of(this);
    const provider = stack.node.children.find((child): child is AwsProvider => child instanceof AwsProvider && child.alias === undefined);
    const region = provider?.region;
    if (region === undefined) {
      throw new HealthLakeValidationError(`HealthLakeEndpoint "${this.node.path}"`, [
        { path: "region", message: 'is missing; set "region" in the props, or give the stack an AwsProvider with a region.' },
      ]);
    }
    return region;
  }

  /**
   * Adds one ingress rule per allowed CIDR block, security group and prefix list. Construct ids come from
   * the source itself, never from its position, so reordering the lists leaves every rule in place.
   */
  private addIngressRules(props: HealthLakeEndpointProps, tags: Record<string, string> | undefined): void {
    const common = { securityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, tags };
    const cidrs = props.allowedCidrs ?? [];
    const groups = props.allowedSecurityGroupIds ?? [];
    const prefixLists = props.allowedPrefixListIds ?? [];
    if ([cidrs, groups, prefixLists].some(holdsTerraformValues)) {
      addTerraformValueIngressRules(this, props.vpcId, common, { cidrs, securityGroupIds: groups, prefixListIds: prefixLists });
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
      const vpc = new DataAwsVpc(this, "vpc", { id: props.vpcId });
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
