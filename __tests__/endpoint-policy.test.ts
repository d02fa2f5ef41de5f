import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { errorMessageOf } from "./support";

const AWS = { partition: "aws", region: "us-east-1" };

/** The policy of the HealthLake PrivateLink guide, written with the CLI command name. */
const GUIDE_EXAMPLE = {
  Statement: [{ Principal: "*", Effect: "Allow", Action: ["healthlake:create-fhir-datastore"], Resource: "*" }],
};

function renderJson(document: unknown, options = {}): Record<string, any> {
  return JSON.parse(EndpointPolicy.fromJson(document, options).render(AWS).json);
}

describe("EndpointPolicy.fromJson", () => {
  test("turns the guide example into the IAM name", () => {
    const policy = renderJson(GUIDE_EXAMPLE);

    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).toEqual(["healthlake:CreateFHIRDatastore"]);
    expect(policy.Statement[0].Principal).toBe("*");
    expect(policy.Statement[0].Resource).toEqual(["*"]);
  });

  test("always writes the policy version", () => {
    expect(renderJson(GUIDE_EXAMPLE).Version).toBe("2012-10-17");
  });

  test("accepts a single statement object", () => {
    const policy = renderJson({ Statement: { Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*" } });

    expect(policy.Statement[0].Action).toEqual(["healthlake:ReadResource"]);
  });

  test("rejects a statement without Principal", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Action: "healthlake:ReadResource", Resource: "*" }] }));

    expect(message).toContain('Statement[0]: the statement has no "Principal"');
  });

  test("rejects NotPrincipal", () => {
    const message = errorMessageOf(() =>
      EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", NotPrincipal: { AWS: "111111111111" }, Action: "healthlake:ReadResource", Resource: "*" }] }),
    );

    expect(message).toContain("Statement[0].NotPrincipal: NotPrincipal is not allowed");
  });

  test("rejects an unknown action with the closest name", () => {
    const message = errorMessageOf(() =>
      EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: "*", Action: ["healthlake:ReadResource", "healthlake:CreateFHIRDatastor"], Resource: "*" }] }),
    );

    expect(message).toContain('Statement[0].Action[1]: "healthlake:CreateFHIRDatastor" is not a HealthLake IAM action. Did you mean "healthlake:CreateFHIRDatastore"?');
  });

  test("rejects an unknown action in a Deny", () => {
    const message = errorMessageOf(() =>
      EndpointPolicy.fromJson({
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "healthlake:*", Resource: "*" },
          { Effect: "Deny", Principal: "*", Action: "healthlake:DeleteFHIRDatastor", Resource: "*" },
        ],
      }),
    );

    expect(message).toContain("Statement[1].Action: ");
    expect(message).toContain("the statement would fail open");
  });

  test("accepts an acknowledged unknown action", () => {
    const policy = renderJson(
      { Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:StartFHIRSomethingNew", Resource: "*" }] },
      { acknowledgedActions: ["healthlake:StartFHIRSomethingNew"] },
    );

    expect(policy.Statement[0].Action).toEqual(["healthlake:StartFHIRSomethingNew"]);
  });

  test("acknowledgement covers only its own action", () => {
    const message = errorMessageOf(() =>
      EndpointPolicy.fromJson(
        { Statement: [{ Effect: "Allow", Principal: "*", Action: ["healthlake:StartFHIRSomethingNew", "healthlake:OtherNewThing"], Resource: "*" }] },
        { acknowledgedActions: ["healthlake:StartFHIRSomethingNew"] },
      ),
    );

    expect(message).toContain('Statement[0].Action[1]: "healthlake:OtherNewThing" is not a HealthLake IAM action');
    expect(message).not.toContain("Action[0]");
  });

  test("rejects a wildcard acknowledgement", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson(GUIDE_EXAMPLE, { acknowledgedActions: ["healthlake:*"] }));

    expect(message).toContain('acknowledgedActions[0]: "healthlake:*" is not valid');
  });

  test("rejects a policy without Allow", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson({ Statement: [{ Effect: "Deny", Principal: "*", Action: "healthlake:*", Resource: "*" }] }));

    expect(message).toContain("Statement: the policy has no Allow statement");
  });

  test("rejects a missing Resource", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource" }] }));

    expect(message).toContain('Statement[0]: the statement has neither "Resource" nor "NotResource"');
  });

  test("rejects an unknown statement key with a suggestion", () => {
    const message = errorMessageOf(() =>
      EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: "*", Actions: "healthlake:ReadResource", Resource: "*" }] }),
    );

    expect(message).toContain('Statement[0].Actions: unknown statement key "Actions"');
    expect(message).toContain('Did you mean "Action"?');
  });

  test("rejects another policy version", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson({ ...GUIDE_EXAMPLE, Version: "2008-10-17" }));

    expect(message).toContain('Version: "2008-10-17" is not supported');
  });

  test("rejects an invalid Effect", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson({ Statement: [{ Effect: "allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*" }] }));

    expect(message).toContain('Statement[0].Effect: "allow" is not a valid Effect');
  });

  test("reports every problem at once", () => {
    const result = EndpointPolicy.parse({ Statement: [{ Effect: "Allow", Action: "healthlake:Nope", Resource: "*" }, { Effect: "Maybe", Principal: "*", Action: "x", Resource: "*" }] });

    expect(result.policy).toBeUndefined();
    expect(result.problems.map((problem) => problem.path)).toEqual(["Statement[0]", "Statement[0].Action", "Statement[1].Effect", "Statement[1].Action"]);
  });
});

describe("EndpointPolicy principals", () => {
  const withPrincipal = (principal: unknown) => ({ Statement: [{ Effect: "Allow", Principal: principal, Action: "healthlake:ReadResource", Resource: "*" }] });

  test("writes an account id as its root ARN", () => {
    const policy = renderJson(withPrincipal({ AWS: "111111111111" }));

    expect(policy.Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::111111111111:root"] });
  });

  test("uses the partition for the root ARN", () => {
    const json = EndpointPolicy.fromJson(withPrincipal({ AWS: ["111111111111"] })).render({ partition: "aws-us-gov", region: "us-gov-west-1" }).json;

    expect(JSON.parse(json).Statement[0].Principal).toEqual({ AWS: ["arn:aws-us-gov:iam::111111111111:root"] });
  });

  test("accepts role and user ARNs", () => {
    const principals = ["arn:aws:iam::111111111111:role/app/clinical-reader", "arn:aws:iam::111111111111:user/ops"];

    expect(renderJson(withPrincipal({ AWS: principals })).Statement[0].Principal).toEqual({ AWS: principals });
  });

  test.each([
    ["an STS session ARN", { AWS: "arn:aws:sts::111111111111:assumed-role/app/session" }, "is an STS session ARN"],
    ["a malformed ARN", { AWS: "arn:aws:iam:111111111111:role/app" }, "is not a valid principal"],
    ["a short account id", { AWS: "11111111111" }, "is not a valid principal"],
    ["star mixed with accounts", { AWS: ["*", "111111111111"] }, 'mixes "*" with specific principals'],
    ["a service principal", { Service: "ec2.amazonaws.com" }, 'principal type "Service" is not supported'],
    ["a bare string", "111111111111", "is not a valid Principal"],
  ])("rejects %s", (_case, principal, expected) => {
    expect(errorMessageOf(() => EndpointPolicy.fromJson(withPrincipal(principal)))).toContain(expected);
  });
});

describe("EndpointPolicy conditions", () => {
  const withCondition = (condition: unknown) => ({
    Statement: [{ Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*", Condition: condition }],
  });

  test.each(["StringEquals", "StringLikeIfExists", "ForAnyValue:StringLike", "ForAllValues:ArnEqualsIfExists", "Bool", "IpAddress", "Null"])("accepts %s", (operator) => {
    const policy = renderJson(withCondition({ [operator]: { "aws:PrincipalTag/team": ["data"] } }));

    expect(Object.keys(policy.Statement[0].Condition)).toEqual([operator]);
  });

  test("rejects an unknown set prefix", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson(withCondition({ "ForSomeValues:StringEquals": { "aws:PrincipalTag/team": "data" } })));

    expect(message).toContain('"ForSomeValues:" is not an IAM set operator prefix; use "ForAnyValue:" or "ForAllValues:"');
  });

  test("rejects an unknown operator", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson(withCondition({ StringEqual: { "aws:PrincipalAccount": "111111111111" } })));

    expect(message).toContain('Statement[0].Condition.StringEqual: "StringEqual" is not an IAM condition operator. Did you mean "StringEquals"?');
  });

  test("rejects a value that is an object", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson(withCondition({ StringEquals: { "aws:PrincipalAccount": { nested: true } } })));

    expect(message).toContain("Statement[0].Condition.StringEquals.aws:PrincipalAccount");
  });

  test("rejects an operator without keys", () => {
    const message = errorMessageOf(() => EndpointPolicy.fromJson(withCondition({ StringEquals: "111111111111" })));

    expect(message).toContain("Statement[0].Condition.StringEquals: ");
  });
});

describe("EndpointPolicy rendering", () => {
  test("is minified with keys in a fixed order", () => {
    const json = EndpointPolicy.fromJson({
      Statement: [{ Resource: "*", Action: "healthlake:ReadResource", Principal: "*", Effect: "Allow", Sid: "Read" }],
    }).render(AWS).json;

    expect(json).toBe('{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":"*","Action":["healthlake:ReadResource"],"Resource":["*"]}]}');
  });

  test("sorts and de-duplicates lists", () => {
    const policy = renderJson({
      Statement: [{ Effect: "Allow", Principal: "*", Action: ["healthlake:SearchWithGet", "healthlake:ReadResource", "healthlake:readresource"], Resource: ["b", "a", "b"] }],
    });

    expect(policy.Statement[0].Action).toEqual(["healthlake:ReadResource", "healthlake:SearchWithGet"]);
    expect(policy.Statement[0].Resource).toEqual(["a", "b"]);
  });

  test("derives a stable Sid", () => {
    const first = renderJson(GUIDE_EXAMPLE).Statement[0].Sid;
    const second = renderJson(GUIDE_EXAMPLE).Statement[0].Sid;

    expect(first).toMatch(/^S[0-9a-f]{16}$/);
    expect(second).toBe(first);
  });

  test("rejects two different statements with one Sid", () => {
    const policy = EndpointPolicy.fromJson({
      Statement: [
        { Sid: "Same", Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "*" },
        { Sid: "Same", Effect: "Allow", Principal: "*", Action: "healthlake:SearchWithGet", Resource: "*" },
      ],
    });

    expect(errorMessageOf(() => policy.render(AWS))).toContain('two different statements use the Sid "Same"');
  });

  test("measures the size against the quota", () => {
    const roles = Array.from({ length: 400 }, (_, index) => `arn:aws:iam::111111111111:role/clinical-application-role-${index}`);
    const policy = EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: { AWS: roles }, Action: "healthlake:*", Resource: "*" }] });

    const message = errorMessageOf(() => policy.render(AWS));

    expect(message).toMatch(/the rendered policy has (\d+) characters, over the VPC endpoint policy quota of 20480 characters/);
    const measured = Number(/has (\d+) characters/.exec(message)?.[1]);
    expect(measured).toBeGreaterThan(20480);
  });

  test("accepts a policy at the quota", () => {
    const base = EndpointPolicy.fromJson({ Statement: [{ Sid: "A", Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: "x" }] }).render(AWS);
    const padding = "x".repeat(20480 - base.characters + 1);
    const policy = EndpointPolicy.fromJson({ Statement: [{ Sid: "A", Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: padding }] });

    expect(policy.render(AWS).characters).toBe(20480);
    const oneMore = EndpointPolicy.fromJson({ Statement: [{ Sid: "A", Effect: "Allow", Principal: "*", Action: "healthlake:ReadResource", Resource: `${padding}x` }] });
    expect(() => oneMore.render(AWS)).toThrow(/20481 characters/);
  });
});
