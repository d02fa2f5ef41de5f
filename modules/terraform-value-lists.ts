import { conditional, Fn, Op, TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { VpcSecurityGroupIngressRule, VpcSecurityGroupIngressRuleConfig } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { describeValue, ValidationProblem } from "./errors";
import { isTokenString } from "./policy/tokens";

/**
 * List props that hold Terraform values, such as `Token.asList(variable.listValue)` in a Terraform
 * module. Their elements are known only at plan time, so rule addresses cannot come from them at synth.
 */

/** Settings every ingress rule shares: the endpoint's security group, TCP 443 and the tags. */
export type IngressRuleCommon = Pick<VpcSecurityGroupIngressRuleConfig, "securityGroupId" | "ipProtocol" | "fromPort" | "toPort" | "tags">;

/** The allowed sources of an endpoint. */
export interface AllowedSources {
  readonly cidrs: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly prefixListIds: readonly string[];
}

/** Returns whether a list contains a Terraform value: a list token, or an element that is a token. */
export function holdsTerraformValues(list: readonly string[] | undefined): boolean {
  return (list ?? []).some(isTokenString);
}

/**
 * Returns a problem for each list prop that mixes literal values with a list token. cdktf encodes a
 * list token as a one-element array, so such a mix would reach Terraform as a list nested in a list.
 */
export function checkTerraformValueLists(lists: Readonly<Record<string, readonly string[] | undefined>>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const [path, list] of Object.entries(lists)) {
    const values = list ?? [];
    const listTokens = values.filter((value) => isTokenString(value) && !Token.isUnresolved(value));
    if (listTokens.length > 0 && values.length > 1) {
      problems.push({
        path,
        message: `mixes a Terraform list value with ${describeValue(values.filter((value) => !listTokens.includes(value)))}; give either literal values or one list value such as Token.asList(variable.listValue), and join lists in Terraform with concat().`,
      });
    }
  }
  return problems;
}

/**
 * Adds the ingress rules for sources that hold Terraform values: one resource per kind of source with
 * `for_each` over its values, so each rule's address is keyed by its source and reordering a list
 * changes nothing. When all three lists turn out empty at plan time, the VPC's own IPv4 CIDR blocks are
 * admitted, as for literal props.
 */
export function addTerraformValueIngressRules(scope: Construct, vpc: DataAwsVpc, common: IngressRuleCommon, sources: AllowedSources): void {
  const cidrs = TerraformIterator.fromList(asList(sources.cidrs));
  const isIpv6 = Fn.strcontains(cidrs.value, ":");
  new VpcSecurityGroupIngressRule(scope, "ingress_cidrs", {
    ...common,
    forEach: cidrs,
    description: `HTTPS from ${cidrs.value}`,
    cidrIpv4: Token.asString(conditional(isIpv6, Token.nullValue(), cidrs.value)),
    cidrIpv6: Token.asString(conditional(isIpv6, cidrs.value, Token.nullValue())),
  });

  const groups = TerraformIterator.fromList(asList(sources.securityGroupIds));
  new VpcSecurityGroupIngressRule(scope, "ingress_security_groups", {
    ...common,
    forEach: groups,
    description: `HTTPS from members of ${groups.value}`,
    referencedSecurityGroupId: groups.value,
  });

  const prefixLists = TerraformIterator.fromList(asList(sources.prefixListIds));
  new VpcSecurityGroupIngressRule(scope, "ingress_prefix_lists", {
    ...common,
    forEach: prefixLists,
    description: `HTTPS from prefix list ${prefixLists.value}`,
    prefixListId: prefixLists.value,
  });

  const sourceCount = Op.add(Op.add(Fn.lengthOf(asList(sources.cidrs)), Fn.lengthOf(asList(sources.securityGroupIds))), Fn.lengthOf(asList(sources.prefixListIds)));
  // Op.lt(count, 1) instead of Op.eq(count, 0): cdktf 0.21 drops a right operand of 0. tolist() puts
  // the conditional in parentheses, so its ":" is not read as part of the for expression.
  const associations = Fn.tolist(conditional(Op.lt(sourceCount, 1), vpc.cidrBlockAssociations, []));
  const blocks = TerraformIterator.fromComplexList(Token.asAny(associations), "association_id");
  new VpcSecurityGroupIngressRule(scope, "ingress_vpc_cidr_blocks", {
    ...common,
    forEach: blocks,
    description: "HTTPS from the VPC's own CIDR block",
    cidrIpv4: blocks.getString("cidr_block"),
  });
}

/**
 * Returns the endpoint's security groups: its own group first, then `extra`. When `extra` contains a
 * Terraform value, the lists are joined with `concat()` in Terraform.
 */
export function joinSecurityGroupIds(ownGroupId: string, extra: readonly string[] | undefined): string[] {
  if (!holdsTerraformValues(extra)) {
    return [ownGroupId, ...(extra ?? [])];
  }
  return Token.asList(Fn.concat([[ownGroupId], asList(extra ?? [])]));
}

/** Returns a list as cdktf passes it to a function: the list token itself, or the literal values. */
function asList(list: readonly string[]): string[] {
  return [...list];
}
