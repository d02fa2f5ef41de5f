/**
 * Ids of the policy warnings. They are stable across releases, so a user can acknowledge one by id
 * (the construct's `acknowledgedWarnings` prop, or the config entry's `acknowledgedWarnings` list).
 */
export const PolicyWarningId = {
  /** An Allow statement grants every HealthLake action to any principal with no condition. */
  AllowAllToAnyone: "HealthLake.AllowAllToAnyone",
  /** An Allow statement names `Principal: "*"` with no organization, account or source condition. */
  AnyPrincipalWithoutCondition: "HealthLake.AnyPrincipalWithoutCondition",
  /** An action of another service, which never passes a HealthLake endpoint. */
  OtherServiceAction: "HealthLake.OtherServiceAction",
  /** An action that supports no resource type is granted only on HealthLake ARNs, so it never matches. */
  ActionWithoutResourceType: "HealthLake.ActionWithoutResourceType",
  /** An acknowledged action that the catalogue now lists; the acknowledgement can go. */
  AcknowledgedActionKnown: "HealthLake.AcknowledgedActionKnown",
  /** The policy contains Terraform values, so its size is known only at plan time. */
  PolicySizeUnknown: "HealthLake.PolicySizeUnknown",
} as const;

export type PolicyWarningId = (typeof PolicyWarningId)[keyof typeof PolicyWarningId];

/** A finding that does not block synthesis. */
export interface PolicyWarning {
  readonly id: PolicyWarningId;
  /** Location in the policy document, for example `Statement[0].Action[2]`. */
  readonly path: string;
  readonly message: string;
}
