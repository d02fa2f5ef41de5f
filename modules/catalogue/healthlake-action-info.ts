/** Access levels of the AWS Service Authorization Reference. */
export type AccessLevel = "List" | "Read" | "Write" | "Tagging" | "Permissions management";

/** One HealthLake IAM action as the Service Authorization Reference lists it. */
export interface HealthLakeActionInfo {
  /** Action name without the `healthlake:` prefix, in the reference's spelling. */
  readonly name: string;
  /** Access levels; a few tagging actions have two. */
  readonly accessLevels: readonly AccessLevel[];
  /**
   * Resource types the action can be scoped to (`datastore`, `dataTransformationProfile`). Empty when
   * the action supports no resource type, so a policy must grant it on `"*"`.
   */
  readonly resourceTypes: readonly string[];
}
