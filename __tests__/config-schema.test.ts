import Ajv from "ajv";
import { readFileSync } from "fs";
import { join } from "path";
import { ENDPOINT_ENTRY_KEYS, TOP_LEVEL_KEYS } from "../modules/config/config-types";

const ROOT = join(__dirname, "..");
const schema = JSON.parse(readFileSync(join(ROOT, "healthlake-endpoints.schema.json"), "utf8"));
const example = JSON.parse(readFileSync(join(ROOT, "healthlake-endpoints.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe("config JSON Schema", () => {
  test("accepts the example config", () => {
    const valid = validate(example);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test("lists the loader's top-level keys", () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...TOP_LEVEL_KEYS].sort());
  });

  test("lists the loader's entry keys", () => {
    expect(Object.keys(schema.definitions.endpointFields.properties).sort()).toEqual([...ENDPOINT_ENTRY_KEYS].sort());
  });

  test("rejects an unknown entry key", () => {
    const config = { endpoints: [{ ...example.endpoints[0], subnet: [] }] };

    expect(validate(config)).toBe(false);
  });

  test("rejects name in defaults", () => {
    expect(validate({ ...example, defaults: { name: "x" } })).toBe(false);
  });
});
