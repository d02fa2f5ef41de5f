import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { allow, deny, EndpointPolicyBuilder } from "../modules/policy/statement-builder";
import { errorMessageOf } from "./support";

const CONTEXT = { partition: "aws", region: "us-east-1" };

describe("statement builder", () => {
  test("allow defaults to any principal and resource", () => {
    expect(allow({ actions: ["healthlake:ReadResource"] })).toEqual({ Effect: "Allow", Principal: "*", Action: ["healthlake:ReadResource"], Resource: ["*"] });
  });

  test("deny names principals under AWS", () => {
    expect(deny({ sid: "NoDelete", principals: ["111111111111"], actions: ["healthlake:DeleteFHIRDatastore"] })).toEqual({
      Sid: "NoDelete",
      Effect: "Deny",
      Principal: { AWS: ["111111111111"] },
      Action: ["healthlake:DeleteFHIRDatastore"],
      Resource: ["*"],
    });
  });

  test("builder renders like pasted JSON", () => {
    const built = new EndpointPolicyBuilder()
      .allow({ principals: ["111111111111"], actions: ["healthlake:ReadResource"] })
      .deny({ actions: ["healthlake:DeleteFHIRDatastore"] })
      .build();
    const pasted = EndpointPolicy.fromJson({
      Statement: [
        { Effect: "Deny", Principal: "*", Action: "healthlake:DeleteFHIRDatastore", Resource: "*" },
        { Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "healthlake:ReadResource", Resource: "*" },
      ],
    });

    expect(built.render(CONTEXT).json).toBe(pasted.render(CONTEXT).json);
  });

  test("builder adds JSON statements", () => {
    const policy = new EndpointPolicyBuilder().addStatements({ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*" }).build();

    expect(JSON.parse(policy.render(CONTEXT).json).Statement).toHaveLength(1);
  });

  test("builder validates its statements", () => {
    const message = errorMessageOf(() => new EndpointPolicyBuilder().allow({ actions: ["healthlake:ReadResorce"] }).build());

    expect(message).toContain('Statement[0].Action[0]: "healthlake:ReadResorce" is not a HealthLake IAM action. Did you mean "healthlake:ReadResource"?');
  });

  test("builder passes acknowledged actions", () => {
    const policy = new EndpointPolicyBuilder({ acknowledgedActions: ["healthlake:BrandNewAction"] }).allow({ actions: ["healthlake:BrandNewAction"] }).build();

    expect(JSON.parse(policy.render(CONTEXT).json).Statement[0].Action).toEqual(["healthlake:BrandNewAction"]);
  });
});
