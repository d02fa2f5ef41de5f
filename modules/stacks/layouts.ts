import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ResolvedConfig, ResolvedEntry } from "../config/resolve-config";
import { StackEntry } from "./entry-content";
import { HealthLakeRegionalStack } from "./regional-stack";
import { HealthLakeSingleStack } from "./single-stack";

/**
 * Adds the stacks of a resolved config to `scope` in the config's layout: one stack per entry, or one
 * stack for every entry. Returns the stacks.
 */
export function addConfiguredStacks(scope: Construct, config: ResolvedConfig): TerraformStack[] {
  if (config.layout.type === "single-stack") {
    const entries = config.endpoints.map((entry) => ({ name: entry.name, ...stackEntryOf(entry) }));
    return [new HealthLakeSingleStack(scope, config.layout.stackName, { entries, providerRegion: config.layout.providerRegion, backend: config.backend })];
  }
  return config.endpoints.map((entry) => new HealthLakeRegionalStack(scope, entry.stackName, { ...stackEntryOf(entry), backend: config.backend }));
}

/** Turns a resolved config entry into the content of a stack. */
function stackEntryOf(entry: ResolvedEntry): StackEntry {
  if (entry.kind === "policy-only") {
    return { region: entry.region, tags: entry.tags, policyAttachment: entry.props };
  }
  return { region: entry.region, tags: entry.tags, endpoint: entry.props };
}
