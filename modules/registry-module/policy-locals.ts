import { POLICY_VERSION } from "../policy/policy-json";
import { parsePreset, PRESET_NAMES, PresetName } from "../policy/presets";
import { ACCOUNT_ID_PATTERN } from "../policy/principals";
import { DATASTORE_ID_PATTERN } from "../policy/resources";
import { quoteLiteral } from "../hcl/template";

/**
 * The module's endpoint policy, built in Terraform from the policy_* variables. A preset's Sid and
 * actions come from the TypeScript presets, and the HCL only assembles the statements as
 * `parsePreset` does. There is one statement on the datastores (or on "*"), and a second
 * `<Sid>AccountLevel` statement on "*" for actions that support no resource type.
 */

/** A preset in the form of the module's `policy_presets` local. */
export interface ModulePresetData {
  readonly sid: string;
  /** Actions of the statement on "*", when no datastores narrow the preset. */
  readonly actions: readonly string[];
  /** Actions of the statement on the datastores, when datastores narrow the preset. */
  readonly datastore_actions: readonly string[];
  /** Actions that support no resource type; they go to the `<Sid>AccountLevel` statement. */
  readonly account_level_actions: readonly string[];
}

/** A stand-in datastore id, used only to let `parsePreset` split the actions of a narrowed preset. */
const SAMPLE_DATASTORE_ID = "0".repeat(32);

/** Returns every preset's Sid and actions, read from the statements `parsePreset` builds. */
export function modulePresetData(): Record<PresetName, ModulePresetData> {
  const entries = PRESET_NAMES.map((name): [PresetName, ModulePresetData] => {
    const open = statementsOf(name, {});
    const narrowed = statementsOf(name, { datastores: [SAMPLE_DATASTORE_ID] });
    const sid = open[0].sid ?? name;
    const accountLevel = narrowed.find((statement) => statement.sid === `${sid}AccountLevel`);
    return [
      name,
      {
        sid,
        actions: open[0].action ?? [],
        datastore_actions: narrowed.find((statement) => statement.sid === sid)?.action ?? [],
        account_level_actions: accountLevel?.action ?? [],
      },
    ];
  });
  return Object.fromEntries(entries) as Record<PresetName, ModulePresetData>;
}

function statementsOf(name: PresetName, options: { datastores?: string[] }) {
  const result = parsePreset(name, options);
  if (!result.policy) {
    throw new Error(`Preset "${name}" did not parse: ${result.problems.map((problem) => problem.message).join("; ")}`);
  }
  return result.policy.statements;
}

/**
 * Returns the policy locals as HCL expressions, by local name. They read `local.partition`,
 * `local.region` and `local.datastore_account_id`, which the module stack defines from data sources,
 * and `local.policy_presets` and `local.default_policy`.
 */
export function modulePolicyLocals(): Record<string, string> {
  const accountId = quoteLiteral(ACCOUNT_ID_PATTERN.source);
  const datastoreId = quoteLiteral(DATASTORE_ID_PATTERN.source);

  return {
    // Every local is evaluated even when unused, so a null preset name still indexes a real preset.
    preset: 'local.policy_presets[coalesce(var.policy_preset, "full-access")]',
    preset_principal_arns: `var.policy_principals == null ? [] : sort(distinct([for principal in var.policy_principals : can(regex(${accountId}, principal)) ? "arn:\${local.partition}:iam::\${principal}:root" : principal]))`,
    preset_datastore_arns: `var.policy_datastores == null ? [] : sort(distinct([for datastore in var.policy_datastores : can(regex(${datastoreId}, datastore)) ? "arn:\${local.partition}:healthlake:\${local.region}:\${local.datastore_account_id}:datastore/fhir/\${datastore}" : datastore]))`,
    preset_condition_keys: `merge(var.policy_organization_id == null ? {} : { "aws:PrincipalOrgID" = [var.policy_organization_id] }, var.policy_accounts == null ? {} : { "aws:PrincipalAccount" = sort(distinct(var.policy_accounts)) })`,
    // A tuple index, because a conditional cannot return "*" on one side and an object on the other.
    preset_principal: '["*", { AWS = local.preset_principal_arns }][var.policy_principals == null ? 0 : 1]',
    preset_statements: [
      "[",
      "for statement in [",
      "{ Sid = local.preset.sid, Action = var.policy_datastores == null ? local.preset.actions : local.preset.datastore_actions, Resource = var.policy_datastores == null ? [\"*\"] : local.preset_datastore_arns },",
      '{ Sid = "${local.preset.sid}AccountLevel", Action = local.preset.account_level_actions, Resource = ["*"] },',
      "] : { for key, value in merge(statement, { Effect = \"Allow\", Principal = local.preset_principal, Condition = length(local.preset_condition_keys) == 0 ? null : { StringEquals = local.preset_condition_keys } }) : key => value if value != null }",
      "if length(statement.Action) > 0 && (statement.Sid == local.preset.sid || var.policy_datastores != null)",
      "]",
    ].join(" "),
    policy: `var.policy_json != null ? jsonencode(jsondecode(var.policy_json)) : var.policy_preset != null ? jsonencode({ Version = ${quoteLiteral(POLICY_VERSION)}, Statement = local.preset_statements }) : local.default_policy`,
  };
}
