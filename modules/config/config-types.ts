import { PolicyDocumentJson } from "../policy/policy-json";
import { PresetName, PresetOptions } from "../policy/presets";

/** A policy preset in a config file: `{ "preset": "read-only-fhir", "datastores": [...] }`. */
export type PresetConfig = PresetOptions & { readonly preset: PresetName };

/** One subnet in a config file: an id, or an object with the id and its Availability Zone. */
export type SubnetConfig = string | { readonly subnetId: string; readonly availabilityZone?: string };

/** Fields of one endpoint entry; `defaults` may hold any of them except `name`. */
export interface EndpointEntryConfig {
  readonly name?: string;
  readonly region?: string;
  readonly vpcId?: string;
  readonly subnets?: readonly SubnetConfig[];
  readonly allowedCidrs?: readonly string[];
  readonly allowedSecurityGroupIds?: readonly string[];
  readonly allowedPrefixListIds?: readonly string[];
  readonly securityGroupIds?: readonly string[];
  readonly privateDnsEnabled?: boolean;
  readonly lookupSupportedAzs?: boolean;
  readonly ipAddressType?: string;
  readonly dnsRecordIpType?: string;
  readonly useFipsEndpoint?: boolean;
  readonly existingEndpointId?: string;
  readonly importEndpointId?: string;
  readonly timeouts?: Readonly<Record<string, string>>;
  /** An IAM policy document, or a preset with its options. */
  readonly policy?: PolicyDocumentJson | PresetConfig;
  readonly acknowledgedActions?: readonly string[];
  readonly acknowledgedWarnings?: readonly string[];
  readonly accountId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly allowUnlistedRegion?: boolean;
  readonly allowPublicIngress?: boolean;
}

/** State storage for every stack: a local file (the default) or an S3 bucket. */
export type BackendConfig =
  | {
      readonly type: "local";
      /** Folder for the state files. @default - the folder the app runs in */
      readonly directory?: string;
    }
  | {
      readonly type: "s3";
      readonly bucket: string;
      /** Region of the bucket. */
      readonly region: string;
      /** Key prefix; each stack's state is at `<keyPrefix>/<stack name>.tfstate`. @default "healthlake-privatelink" */
      readonly keyPrefix?: string;
      /** Whether Terraform locks the state with a lock file in the bucket (Terraform 1.10 or later). @default true */
      readonly useLockfile?: boolean;
      /** Whether the state object is encrypted at rest. @default true */
      readonly encrypt?: boolean;
    };

/**
 * Stack layout of the entries: one stack and state per entry (the default), or every entry in one stack
 * that sets each resource's Region with the AWS provider 6 per-resource `region` argument.
 */
export type LayoutConfig =
  | { readonly type: "stack-per-entry" }
  | {
      readonly type: "single-stack";
      /** Name of the one stack. @default "healthlake" */
      readonly stackName?: string;
      /** Region of the stack's default AWS provider. @default - the first entry's Region */
      readonly providerRegion?: string;
    };

/** The whole config file, `healthlake-endpoints.json`. */
export interface HealthLakeEndpointsConfig {
  readonly $schema?: string;
  readonly defaults?: Omit<EndpointEntryConfig, "name" | "existingEndpointId" | "importEndpointId">;
  readonly backend?: BackendConfig;
  readonly layout?: LayoutConfig;
  readonly endpoints: readonly EndpointEntryConfig[];
}

/** Entry keys, in the order the docs list them. */
export const ENDPOINT_ENTRY_KEYS: readonly (keyof EndpointEntryConfig)[] = [
  "name",
  "region",
  "vpcId",
  "subnets",
  "allowedCidrs",
  "allowedSecurityGroupIds",
  "allowedPrefixListIds",
  "securityGroupIds",
  "privateDnsEnabled",
  "lookupSupportedAzs",
  "ipAddressType",
  "dnsRecordIpType",
  "useFipsEndpoint",
  "existingEndpointId",
  "importEndpointId",
  "timeouts",
  "policy",
  "acknowledgedActions",
  "acknowledgedWarnings",
  "accountId",
  "tags",
  "allowUnlistedRegion",
  "allowPublicIngress",
];

/** Entry keys that name one endpoint, so they may not appear in `defaults`. */
export const ENTRY_ONLY_KEYS: readonly (keyof EndpointEntryConfig)[] = ["name", "existingEndpointId", "importEndpointId"];

/** Keys that apply to an entry with `existingEndpointId`, which manages only an existing endpoint's policy. */
export const POLICY_ONLY_ENTRY_KEYS: readonly (keyof EndpointEntryConfig)[] = [
  "name",
  "region",
  "existingEndpointId",
  "useFipsEndpoint",
  "timeouts",
  "policy",
  "acknowledgedActions",
  "acknowledgedWarnings",
  "accountId",
  "tags",
  "allowUnlistedRegion",
];

export const TOP_LEVEL_KEYS: readonly (keyof HealthLakeEndpointsConfig)[] = ["$schema", "defaults", "backend", "layout", "endpoints"];
export const LOCAL_BACKEND_KEYS = ["type", "directory"];
export const S3_BACKEND_KEYS = ["type", "bucket", "region", "keyPrefix", "useLockfile", "encrypt"];
export const STACK_PER_ENTRY_LAYOUT_KEYS = ["type"];
export const SINGLE_STACK_LAYOUT_KEYS = ["type", "stackName", "providerRegion"];
