import { HEALTHLAKE_ACTIONS } from "../modules/catalogue/healthlake-actions";
import {
  datastoreAdminPreset,
  fullAccessPreset,
  importExportJobsPreset,
  PRESET_ACTIONS,
  readOnlyFhirPreset,
  readWriteFhirPreset,
} from "../modules/policy/presets";
import { EndpointPolicy } from "../modules/policy/endpoint-policy";
import { errorMessageOf, onlyResourceOf, resourcesOf, synthEndpoint } from "./support";

const CONTEXT = { partition: "aws", region: "us-east-1", accountId: "111111111111" };
const DATASTORE_ID = "0123456789abcdef0123456789abcdef";
const DATASTORE_ARN = `arn:aws:healthlake:us-east-1:111111111111:datastore/fhir/${DATASTORE_ID}`;

function statementsOf(policy: EndpointPolicy): Array<Record<string, any>> {
  return JSON.parse(policy.render(CONTEXT).json).Statement;
}

const qualified = (names: readonly string[]) => names.map((name) => `healthlake:${name}`).sort();

describe("policy presets", () => {
  test("full access grants healthlake:*", () => {
    expect(statementsOf(fullAccessPreset())).toEqual([{ Sid: "FullAccess", Effect: "Allow", Principal: "*", Action: ["healthlake:*"], Resource: ["*"] }]);
  });

  test("read-only FHIR grants the read actions", () => {
    expect(statementsOf(readOnlyFhirPreset())).toEqual([
      {
        Sid: "ReadOnlyFHIR",
        Effect: "Allow",
        Principal: "*",
        Action: [
          "healthlake:GetCapabilities",
          "healthlake:GetHistoryByResourceId",
          "healthlake:ReadResource",
          "healthlake:SearchWithGet",
          "healthlake:SearchWithPost",
          "healthlake:VersionReadResource",
        ],
        Resource: ["*"],
      },
    ]);
  });

  test("read-write FHIR adds the write actions", () => {
    const [statement] = statementsOf(readWriteFhirPreset());

    expect(statement.Sid).toBe("ReadWriteFHIR");
    expect(statement.Action).toEqual(qualified(PRESET_ACTIONS["read-write-fhir"]));
    expect(statement.Action).toEqual(expect.arrayContaining(["healthlake:CreateResource", "healthlake:PatchResource", "healthlake:ProcessBundle"]));
  });

  test("import-export jobs grants the job actions", () => {
    const [statement] = statementsOf(importExportJobsPreset());

    expect(statement.Sid).toBe("ImportExportJobs");
    expect(statement.Action).toEqual(qualified(PRESET_ACTIONS["import-export-jobs"]));
  });

  test("datastore admin grants the datastore actions", () => {
    const [statement] = statementsOf(datastoreAdminPreset());

    expect(statement.Sid).toBe("DatastoreAdmin");
    expect(statement.Action).toEqual(qualified(PRESET_ACTIONS["datastore-admin"]));
  });

  test("name only catalogue actions", () => {
    const catalogue = new Set(HEALTHLAKE_ACTIONS.map((action) => action.name));

    for (const actions of Object.values(PRESET_ACTIONS)) {
      for (const action of actions) {
        expect(catalogue.has(action)).toBe(true);
      }
    }
  });
});

describe("policy presets narrowed", () => {
  test("turn datastore ids into ARNs", () => {
    const [statement] = statementsOf(readOnlyFhirPreset({ datastores: [DATASTORE_ID] }));

    expect(statement.Resource).toEqual([DATASTORE_ARN]);
  });

  test("keep datastore ARNs", () => {
    const [statement] = statementsOf(readOnlyFhirPreset({ datastores: [DATASTORE_ARN] }));

    expect(statement.Resource).toEqual([DATASTORE_ARN]);
  });

  test("split actions without resource types", () => {
    const statements = statementsOf(datastoreAdminPreset({ datastores: [DATASTORE_ID] }));

    expect(statements.map((statement) => statement.Sid)).toEqual(["DatastoreAdmin", "DatastoreAdminAccountLevel"]);
    expect(statements[0].Resource).toEqual([DATASTORE_ARN]);
    expect(statements[0].Action).not.toContain("healthlake:CreateFHIRDatastore");
    expect(statements[1].Resource).toEqual(["*"]);
    expect(statements[1].Action).toEqual(["healthlake:CreateFHIRDatastore", "healthlake:ListFHIRDatastores"]);
  });

  test("admit only the given principals", () => {
    const [statement] = statementsOf(readOnlyFhirPreset({ principals: ["222222222222", "arn:aws:iam::111111111111:role/reader"] }));

    expect(statement.Principal).toEqual({ AWS: ["arn:aws:iam::111111111111:role/reader", "arn:aws:iam::222222222222:root"] });
  });

  test("add organization and account conditions", () => {
    const [statement] = statementsOf(readOnlyFhirPreset({ organizationId: "o-a1b2c3d4e5", accounts: ["222222222222", "111111111111"] }));

    expect(statement.Condition).toEqual({
      StringEquals: { "aws:PrincipalAccount": ["111111111111", "222222222222"], "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] },
    });
  });

  test.each([
    ["a malformed datastore", { datastores: ["ds-1"] }, 'datastores[0]: "ds-1" is not a datastore'],
    ["no datastores", { datastores: [] }, "datastores: is an empty list"],
    ["a malformed organization", { organizationId: "org-1" }, 'organizationId: "org-1" is not an AWS Organizations id'],
    ["a malformed account", { accounts: ["12345"] }, 'accounts[0]: "12345" is not an account id'],
    ["no principals", { principals: [] }, "principals: is an empty list"],
    ["an STS principal", { principals: ["arn:aws:sts::111111111111:assumed-role/app/x"] }, "is an STS session ARN"],
  ])("reject %s", (_case, options, expected) => {
    expect(errorMessageOf(() => readOnlyFhirPreset(options))).toContain(expected);
  });

  test("reject a datastore ARN of another Region", () => {
    const policy = readOnlyFhirPreset({ datastores: [DATASTORE_ARN.replace("us-east-1", "us-west-2")] });

    expect(errorMessageOf(() => policy.render(CONTEXT))).toContain('names Region "us-west-2", but the endpoint is in "us-east-1"');
  });
});

describe("policy presets in the construct", () => {
  test("use the account prop for datastore ids", () => {
    const { json } = synthEndpoint({ accountId: "333333333333", policy: readOnlyFhirPreset({ datastores: [DATASTORE_ID] }) });

    const policy = JSON.parse(onlyResourceOf(json, "aws_vpc_endpoint").policy as string);
    expect(policy.Statement[0].Resource).toEqual([`arn:aws:healthlake:us-east-1:333333333333:datastore/fhir/${DATASTORE_ID}`]);
    expect(json.data?.aws_caller_identity).toBeUndefined();
  });

  test("read the caller account without the prop", () => {
    const { json } = synthEndpoint({ policy: readOnlyFhirPreset({ datastores: [DATASTORE_ID] }) });

    expect(Object.keys(json.data?.aws_caller_identity ?? {})).toHaveLength(1);
    const policy = onlyResourceOf(json, "aws_vpc_endpoint").policy as string;
    expect(policy.startsWith("${jsonencode(")).toBe(true);
    expect(policy).toMatch(/arn:aws:healthlake:us-east-1:\$\{data\.aws_caller_identity\.healthlake_caller_identity_[0-9A-F]+\.account_id\}:datastore\/fhir\//);
  });

  test("skip the caller lookup for ARNs", () => {
    const { json } = synthEndpoint({ policy: readOnlyFhirPreset({ datastores: [DATASTORE_ARN] }) });

    expect(json.data?.aws_caller_identity).toBeUndefined();
    expect(resourcesOf(json, "aws_vpc_endpoint")).toHaveLength(1);
  });
});

describe("full access preset narrowed", () => {
  test("keeps account-level actions on star", () => {
    const statements = statementsOf(fullAccessPreset({ datastores: [DATASTORE_ID] }));

    expect(statements.map((statement) => statement.Sid)).toEqual(["FullAccess", "FullAccessAccountLevel"]);
    expect(statements[0].Action).toEqual(["healthlake:*"]);
    expect(statements[0].Resource).toEqual([DATASTORE_ARN]);
    expect(statements[1].Resource).toEqual(["*"]);
    expect(statements[1].Action).toEqual(expect.arrayContaining(["healthlake:CreateFHIRDatastore", "healthlake:ListFHIRDatastores"]));
  });
});
