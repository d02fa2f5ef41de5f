import { AnnotationMetadataEntryType } from "cdktf";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { PolicyWarningId } from "../modules/policy/warnings";
import { errorMessageOf, synthEndpoint } from "./support";

const DATASTORE_ARN = "arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/0123456789abcdef0123456789abcdef";

function warningIds(document: unknown): string[] {
  return EndpointPolicy.fromJson(document).warnings.map((warning) => warning.id);
}

function statement(fields: Record<string, unknown>) {
  return { Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*", ...fields }] };
}

describe("policy security review", () => {
  test("flags every action to anyone", () => {
    const warnings = EndpointPolicy.fromJson(statement({ Action: "healthlake:*" })).warnings;

    expect(warnings).toEqual([expect.objectContaining({ id: PolicyWarningId.AllowAllToAnyone, path: "Statement[0]" })]);
    expect(warnings[0].message).toContain("allows every HealthLake action on its resources to any principal with no condition");
  });

  test("flags the default full access", () => {
    expect(EndpointPolicy.fullAccess().warnings.map((warning) => warning.id)).toEqual([PolicyWarningId.AllowAllToAnyone]);
  });

  test("flags any principal without scope", () => {
    expect(warningIds(statement({}))).toEqual([PolicyWarningId.AnyPrincipalWithoutCondition]);
  });

  test("flags a condition that does not scope", () => {
    expect(warningIds(statement({ Condition: { Bool: { "aws:SecureTransport": "true" } } }))).toEqual([PolicyWarningId.AnyPrincipalWithoutCondition]);
  });

  test.each(["aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceVpc", "aws:principalorgid"])("accepts scoping key %s", (key) => {
    expect(warningIds(statement({ Condition: { StringEquals: { [key]: "x" } } }))).toEqual([]);
  });

  test("accepts named principals", () => {
    expect(warningIds(statement({ Principal: { AWS: "111111111111" } }))).toEqual([]);
  });

  test("ignores Deny statements", () => {
    const document = {
      Statement: [
        { Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "healthlake:*", Resource: "*" },
        { Effect: "Deny", Principal: "*", Action: "healthlake:*", Resource: "*" },
      ],
    };

    expect(warningIds(document)).toEqual([]);
  });

  test("flags a resource-less action on ARNs", () => {
    const warnings = EndpointPolicy.fromJson(statement({ Principal: { AWS: "111111111111" }, Action: ["healthlake:ReadResource", "healthlake:CreateFHIRDatastore"], Resource: DATASTORE_ARN })).warnings;

    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toBe(PolicyWarningId.ActionWithoutResourceType);
    expect(warnings[0].message).toContain('"healthlake:CreateFHIRDatastore" supports no resource type');
  });

  test("accepts a resource-less action on star", () => {
    expect(warningIds(statement({ Principal: { AWS: "111111111111" }, Action: "healthlake:ListFHIRDatastores", Resource: "*" }))).toEqual([]);
  });

  test("flags a stale acknowledgement", () => {
    const policy = EndpointPolicy.fromJson(statement({ Principal: { AWS: "111111111111" } }), { acknowledgedActions: ["healthlake:ReadResource"] });

    expect(policy.warnings.map((warning) => warning.id)).toEqual([PolicyWarningId.AcknowledgedActionKnown]);
  });

  test("rejects NotPrincipal", () => {
    expect(errorMessageOf(() => EndpointPolicy.fromJson(statement({ Principal: undefined, NotPrincipal: "*" })))).toContain("NotPrincipal is not allowed");
  });
});

describe("policy warnings in the construct", () => {
  function warningsOf(overrides: Parameters<typeof synthEndpoint>[0]): string[] {
    const { endpoint } = synthEndpoint(overrides);
    return endpoint.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => String(entry.data));
  }

  test("carry their id", () => {
    expect(warningsOf({})).toEqual([expect.stringMatching(/^\[HealthLake\.AllowAllToAnyone\] Endpoint policy Statement\[0\]: /)]);
  });

  test("can be acknowledged by id", () => {
    expect(warningsOf({ acknowledgedWarnings: [PolicyWarningId.AllowAllToAnyone] })).toEqual([]);
  });

  test("reject an unknown acknowledgement", () => {
    const message = errorMessageOf(() => synthEndpoint({ acknowledgedWarnings: ["HealthLake.Nope"] }));

    expect(message).toContain('acknowledgedWarnings[0]: "HealthLake.Nope" is not a warning id');
  });
});

describe("policy security review edge cases", () => {
  test("flags a negated scoping condition", () => {
    expect(warningIds(statement({ Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }))).toEqual([PolicyWarningId.AnyPrincipalWithoutCondition]);
  });

  test("flags an IfExists scoping condition", () => {
    expect(warningIds(statement({ Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }))).toEqual([PolicyWarningId.AnyPrincipalWithoutCondition]);
  });

  test("accepts a set-prefixed scoping condition", () => {
    expect(warningIds(statement({ Condition: { "ForAnyValue:StringEquals": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/"] } } }))).toEqual([]);
  });

  test("flags a resource-less action on a datastore id", () => {
    const warnings = EndpointPolicy.fromJson(statement({ Principal: { AWS: "111111111111" }, Action: "healthlake:CreateFHIRDatastore", Resource: "0123456789abcdef0123456789abcdef" })).warnings;

    expect(warnings.map((warning) => warning.id)).toEqual([PolicyWarningId.ActionWithoutResourceType]);
  });

  test("flags a wildcard covering resource-less actions", () => {
    const warnings = EndpointPolicy.fromJson(statement({ Principal: { AWS: "111111111111" }, Action: "healthlake:List*", Resource: DATASTORE_ARN })).warnings;

    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('"healthlake:List*" covers healthlake:ListDataTransformationJobs, healthlake:ListDataTransformationProfiles, healthlake:ListFHIRDatastores');
  });
});
