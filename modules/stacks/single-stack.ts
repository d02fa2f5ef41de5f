import { TerraformOutput, TerraformProvider, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackendConfig } from "../config/config-types";
import { addBackend } from "./backend";
import { addEntryContent, EntryOutput, StackEntry } from "./entry-content";

/** One entry of {@link HealthLakeSingleStack}. */
export interface SingleStackEntry extends StackEntry {
  /** Entry name; the entry's constructs sit under the id `healthlake-<name>`. */
  readonly name: string;
}

/** Props of {@link HealthLakeSingleStack}. */
export interface HealthLakeSingleStackProps {
  /** The entries, in any Regions. */
  readonly entries: readonly SingleStackEntry[];
  /**
   * Region of the stack's default AWS provider. Every resource sets its Region with the per-resource
   * `region` argument, so this only decides which entries need no such argument.
   *
   * @default - the first entry's Region
   */
  readonly providerRegion?: string;
  /**
   * State storage of the stack.
   *
   * @default - a local file `terraform.<stack name>.tfstate` in the folder the app runs in
   */
  readonly backend?: BackendConfig;
}

/**
 * All entries in one stack and one state, with one default AWS provider. Resources outside the
 * provider's Region use the AWS provider 6 per-resource `region` argument instead of provider aliases.
 *
 * NOTE: `data.aws_vpc_endpoint_service` is the exception. In hashicorp/aws 6.25 its `region` is a
 * read-only attribute, not the per-resource argument, so the supported-zone lookup of an entry outside
 * the provider's Region goes through an aliased provider for that Region, used by that data source only.
 */
export class HealthLakeSingleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: HealthLakeSingleStackProps) {
    super(scope, id);

    if (props.entries.length === 0) {
      throw new Error(`${id}: a single stack needs at least one entry.`);
    }
    const providerRegion = props.providerRegion ?? props.entries[0].region;
    const defaultTags = sharedTags(props.entries.map((entry) => entry.tags ?? {}));
    new AwsProvider(this, "aws", {
      region: providerRegion,
      defaultTags: Object.keys(defaultTags).length > 0 ? [{ tags: defaultTags }] : undefined,
    });
    addBackend(this, id, props.backend ?? { type: "local" });

    const lookupProviders = new Map<string, TerraformProvider>();
    const outputs = new Map<string, Record<string, EntryOutput>>();
    for (const entry of props.entries) {
      const needsLookupProvider = entry.region !== providerRegion && entry.endpoint !== undefined && entry.endpoint.lookupSupportedAzs !== false;
      if (needsLookupProvider && !lookupProviders.has(entry.region)) {
        const alias = entry.region.replace(/-/g, "_");
        lookupProviders.set(entry.region, new AwsProvider(this, `aws_${alias}`, { region: entry.region, alias }));
      }
      const entryScope = new Construct(this, `healthlake-${entry.name}`);
      outputs.set(entry.name, addEntryContent(entryScope, entry, lookupProviders.get(entry.region)).outputs);
    }

    // One output per attribute, a map from entry name to value; policy-only entries appear only in the
    // outputs they have.
    const names = [...new Set([...outputs.values()].flatMap((entryOutputs) => Object.keys(entryOutputs)))];
    for (const name of names) {
      const byEntry = [...outputs.entries()].filter(([, entryOutputs]) => name in entryOutputs);
      new TerraformOutput(this, name, {
        value: Object.fromEntries(byEntry.map(([entryName, entryOutputs]) => [entryName, entryOutputs[name].value])),
        description: `${byEntry[0][1][name].description} A map from entry name to value.`,
      });
    }
  }
}

/** Returns the tag pairs that every entry has with the same value. */
function sharedTags(tagSets: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, string> {
  const [first, ...rest] = tagSets;
  return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((tags) => tags[key] === value)));
}
