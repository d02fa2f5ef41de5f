import { Fn, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { HealthLakeEndpoint } from "../healthlake-endpoint";
import { EndpointPolicy } from "../policy/endpoint-policy";
import { ENDPOINT_POLICY_MAX_CHARACTERS } from "../policy/policy-json";
import { PolicyWarningId } from "../policy/warnings";
import { MODULE_OUTPUTS, ModuleOutputName } from "./module-outputs";
import { MODULE_HEALTHLAKE_REGIONS, MODULE_VARIABLES } from "./module-variables";
import { modulePolicyLocals, modulePresetData } from "./policy-locals";

/**
 * The Terraform registry module as a cdktf stack: the module's input variables feed the same
 * {@link HealthLakeEndpoint} the app uses. The Region, partition and account come from the caller's
 * AWS provider through data sources, so one module call serves one Region.
 *
 * The stack has an `aws` provider only because cdktf needs one to synthesize resources. The module
 * build leaves it and the backend out, because a module uses its caller's provider and state.
 */
export class HealthLakeModuleStack extends TerraformStack {
  public readonly endpoint: HealthLakeEndpoint;
  /** Version of the hashicorp/aws provider the cdktf bindings were generated from, such as `6.25.0`. */
  public readonly providerVersion: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const provider = new AwsProvider(this, "aws", {});
    const providerVersion = provider.terraformGeneratorMetadata?.providerVersion;
    if (providerVersion === undefined) {
      throw new Error("The AWS provider bindings carry no provider version; the module's version constraint cannot be written.");
    }
    this.providerVersion = providerVersion;

    const variables = new Map<string, TerraformVariable>();
    for (const definition of MODULE_VARIABLES) {
      const variable = new TerraformVariable(this, definition.name, {
        type: definition.type,
        description: definition.description,
        default: definition.required || definition.defaultValue === null ? undefined : definition.defaultValue,
        nullable: definition.nullable,
        validation:
          definition.validations.length === 0
            ? undefined
            : definition.validations.map((validation) => ({ condition: `\${${validation.condition}}`, errorMessage: validation.errorMessage })),
      });
      if (!definition.required && definition.defaultValue === null) {
        // cdktf cannot synthesize `default: null` from the config, so it is set as an override.
        variable.addOverride("default", null);
      }
      variables.set(definition.name, variable);
    }
    const input = (name: string): TerraformVariable => {
      const variable = variables.get(name);
      if (variable === undefined) {
        throw new Error(`The module has no input variable "${name}".`);
      }
      return variable;
    };

    // Where the endpoint goes: whatever the caller's provider is configured for.
    // Construct ids must differ from the locals' ids; the data sources are all named "current".
    const regionData = new DataAwsRegion(this, "current_region");
    const partitionData = new DataAwsPartition(this, "current_partition");
    const callerIdentity = new DataAwsCallerIdentity(this, "current_caller_identity");
    for (const data of [regionData, partitionData, callerIdentity]) {
      data.overrideLogicalId("current");
    }
    const region = new TerraformLocal(this, "region", regionData.region);
    new TerraformLocal(this, "partition", partitionData.partition);
    new TerraformLocal(this, "datastore_account_id", Fn.coalesce([input("account_id").stringValue, callerIdentity.accountId]));
    new TerraformLocal(this, "healthlake_regions", [...MODULE_HEALTHLAKE_REGIONS]);

    // The policy, built in Terraform from the policy_* variables.
    new TerraformLocal(this, "policy_presets", modulePresetData());
    // The construct's default: the full-access policy AWS attaches, written explicitly.
    new TerraformLocal(this, "default_policy", EndpointPolicy.fullAccess().render({ partition: "aws", region: "us-east-1" }).terraformValue);
    const policyLocals = new Map(Object.entries(modulePolicyLocals()).map(([name, expression]) => [name, new TerraformLocal(this, name, `\${${expression}}`)]));
    const policy = policyLocals.get("policy");
    if (policy === undefined) {
      throw new Error('The module\'s policy locals have no "policy" local.');
    }

    this.endpoint = new HealthLakeEndpoint(this, "healthlake", {
      region: region.asString,
      vpcId: input("vpc_id").stringValue,
      subnets: Token.asList(input("subnet_ids").listValue),
      allowedCidrs: Token.asList(input("allowed_cidrs").listValue),
      allowedSecurityGroupIds: Token.asList(input("allowed_security_group_ids").listValue),
      allowedPrefixListIds: Token.asList(input("allowed_prefix_list_ids").listValue),
      securityGroupIds: Token.asList(input("security_group_ids").listValue),
      privateDnsEnabled: input("private_dns_enabled").booleanValue,
      policy: EndpointPolicy.fromTerraformValue(policy.asString),
      tags: Token.asStringMap(input("tags").value),
      // The size of the policy is checked by the precondition below.
      acknowledgedWarnings: [PolicyWarningId.PolicySizeUnknown],
    });

    // Checks the construct makes at synth for literal props, made at plan time here.
    this.endpoint.endpoint.lifecycle = {
      ...this.endpoint.endpoint.lifecycle,
      precondition: [
        ...(this.endpoint.endpoint.lifecycle?.precondition ?? []),
        {
          condition: "${contains(local.healthlake_regions, local.region) || var.allow_unlisted_region}",
          errorMessage: `HealthLake is not offered in \${local.region} according to this module's Region table (${MODULE_HEALTHLAKE_REGIONS.join(", ")}). Set allow_unlisted_region = true if AWS has since launched it there.`,
        },
        {
          condition: `\${length(local.policy) <= ${ENDPOINT_POLICY_MAX_CHARACTERS}}`,
          errorMessage: `The endpoint policy has \${length(local.policy)} characters, over the VPC endpoint policy quota of ${ENDPOINT_POLICY_MAX_CHARACTERS}, which AWS does not raise; narrow the preset with fewer principals or datastores, or use policy_json with wildcards.`,
        },
      ],
    };

    const values: Record<ModuleOutputName, unknown> = {
      endpoint_id: this.endpoint.endpointId,
      endpoint_arn: this.endpoint.endpointArn,
      dns_names: this.endpoint.dnsNames,
      network_interface_ids: this.endpoint.networkInterfaceIds,
      security_group_id: this.endpoint.securityGroupId,
      policy_json: this.endpoint.policyJson,
    };
    for (const output of MODULE_OUTPUTS) {
      // An output may share its name with a variable (policy_json), but not its construct id.
      new TerraformOutput(this, `output_${output.name}`, { value: values[output.name], description: output.description }).overrideLogicalId(output.name);
    }
  }
}
