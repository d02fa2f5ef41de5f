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

/** The whole config file, `healthlake-endpoints.json`. */
export interface HealthLakeEndpointsConfig {
  readonly $schema?: string;
  readonly defaults?: Omit<EndpointEntryConfig, "name">;
  readonly backend?: BackendConfig;
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
  "policy",
  "acknowledgedActions",
  "acknowledgedWarnings",
  "accountId",
  "tags",
  "allowUnlistedRegion",
  "allowPublicIngress",
];

export const TOP_LEVEL_KEYS: readonly (keyof HealthLakeEndpointsConfig)[] = ["$schema", "defaults", "backend", "endpoints"];
export const LOCAL_BACKEND_KEYS = ["type", "directory"];
export const S3_BACKEND_KEYS = ["type", "bucket", "region", "keyPrefix", "useLockfile", "encrypt"];
