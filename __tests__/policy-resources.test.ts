import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { errorMessageOf } from "./support";

const CONTEXT = { partition: "aws", region: "us-east-1" };
const DATASTORE = "datastore/fhir/0123456789abcdef0123456789abcdef";

function renderWithResource(resource: string): string {
  return EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "healthlake:ReadResource", Resource: resource }] }).render(CONTEXT).json;
}

describe("policy resources", () => {
  test.each([
    `arn:aws:healthlake:us-east-1:111111111111:${DATASTORE}`,
    "arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/*",
    "arn:aws:healthlake:*:111111111111:datastore/*",
    "arn:aws:healthlake:us-east-1:111111111111:dataTransformationProfile/profile-1",
    "arn:aws:s3:::bucket/key",
    "*",
  ])("accept %s", (resource) => {
    expect(JSON.parse(renderWithResource(resource)).Statement[0].Resource).toEqual([resource]);
  });

  test.each([
    ["another Region", `arn:aws:healthlake:us-west-2:111111111111:${DATASTORE}`, 'names Region "us-west-2", but the endpoint is in "us-east-1"'],
    ["another partition", `arn:aws-cn:healthlake:us-east-1:111111111111:${DATASTORE}`, 'is in partition "aws-cn", but the endpoint is in "aws"'],
    ["a short account", `arn:aws:healthlake:us-east-1:1111:${DATASTORE}`, 'has account "1111"; use a 12-digit account id'],
    ["a short datastore id", "arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/abc", 'has resource "datastore/fhir/abc", which is not a HealthLake resource'],
    ["a datastore without fhir", "arn:aws:healthlake:us-east-1:111111111111:datastore/0123456789abcdef0123456789abcdef", "which is not a HealthLake resource"],
  ])("reject %s", (_case, resource, expected) => {
    const message = errorMessageOf(() => renderWithResource(resource));

    expect(message).toContain("Statement[0].Resource[0]: ");
    expect(message).toContain(expected);
  });

  test("write a datastore id as its ARN", () => {
    const json = EndpointPolicy.fromJson({ Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "healthlake:ReadResource", Resource: "0123456789abcdef0123456789abcdef" }] }).render({
      ...CONTEXT,
      accountId: "222222222222",
    }).json;

    expect(JSON.parse(json).Statement[0].Resource).toEqual([`arn:aws:healthlake:us-east-1:222222222222:${DATASTORE}`]);
  });

  test("reject a datastore id without account", () => {
    expect(errorMessageOf(() => renderWithResource("0123456789abcdef0123456789abcdef"))).toContain("is a datastore id, but no account id is known");
  });
});
