import fc from "fast-check";
import { HEALTHLAKE_ACTIONS } from "../modules/catalogue/healthlake-actions";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { PolicyStatementJson } from "../modules/policy/policy-json";

const CONTEXT = { partition: "aws", region: "us-east-1" };
const ACTION_NAMES = HEALTHLAKE_ACTIONS.map((action) => action.name);
const PRINCIPALS = ["111111111111", "arn:aws:iam::222222222222:root", "arn:aws:iam::111111111111:role/reader", "arn:aws:iam::333333333333:user/ops"];
const DATASTORES = ["0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", "00000000000000000000000000000000"].map(
  (id) => `arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/${id}`,
);

/** Generates action names as users write them: the IAM spelling, lower case, or the CLI's kebab case. */
const actionArbitrary = fc.tuple(fc.constantFrom(...ACTION_NAMES), fc.constantFrom("iam", "lower", "kebab")).map(([name, form]) => {
  if (form === "lower") {
    return `healthlake:${name.toLowerCase()}`;
  }
  if (form === "kebab") {
    return `healthlake:${name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}`;
  }
  return `healthlake:${name}`;
});

const statementArbitrary: fc.Arbitrary<PolicyStatementJson> = fc.record({
  Effect: fc.constantFrom<"Allow" | "Deny">("Allow", "Deny"),
  Principal: fc.oneof(fc.constant("*"), fc.uniqueArray(fc.constantFrom(...PRINCIPALS), { minLength: 1 }).map((AWS) => ({ AWS }))),
  Action: fc.array(actionArbitrary, { minLength: 1, maxLength: 6 }),
  Resource: fc.oneof(fc.constant(["*"]), fc.uniqueArray(fc.constantFrom(...DATASTORES), { minLength: 1 })),
  Condition: fc.option(
    fc.uniqueArray(fc.constantFrom("111111111111", "222222222222", "333333333333"), { minLength: 1 }).map((accounts) => ({ StringEquals: { "aws:PrincipalAccount": accounts } })),
    { nil: undefined },
  ),
});

/** Statements with at least one Allow, which every valid policy needs. */
const statementsArbitrary = fc
  .array(statementArbitrary, { minLength: 0, maxLength: 5 })
  .map((statements): PolicyStatementJson[] => [{ Effect: "Allow", Principal: { AWS: ["111111111111"] }, Action: ["healthlake:ReadResource"], Resource: ["*"] }, ...statements]);

function render(statements: readonly PolicyStatementJson[]): string {
  return EndpointPolicy.fromJson({ Statement: statements }).render(CONTEXT).json;
}

function reversedLists(statement: PolicyStatementJson): PolicyStatementJson {
  const reverse = (value: string | readonly string[] | undefined) => (Array.isArray(value) ? [...value].reverse() : value);
  const principal = typeof statement.Principal === "object" ? { AWS: reverse(statement.Principal.AWS) as string[] } : statement.Principal;
  return { ...statement, Principal: principal, Action: reverse(statement.Action), Resource: reverse(statement.Resource) };
}

describe("policy rendering properties", () => {
  test("ignores statement and list order", () => {
    fc.assert(
      fc.property(
        statementsArbitrary.chain((statements) => fc.tuple(fc.constant(statements), fc.shuffledSubarray(statements, { minLength: statements.length }))),
        ([statements, shuffled]) => {
          expect(render(shuffled.map(reversedLists))).toBe(render(statements));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("renders the same bytes twice", () => {
    fc.assert(
      fc.property(statementsArbitrary, (statements) => {
        expect(render(statements)).toBe(render(statements));
      }),
      { numRuns: 200 },
    );
  });

  test("is a fixed point of its own output", () => {
    fc.assert(
      fc.property(statementsArbitrary, (statements) => {
        const once = render(statements);
        const twice = EndpointPolicy.fromJson(JSON.parse(once)).render(CONTEXT).json;

        expect(twice).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});
