import { join, sep } from "path";
import { findProviderImports, listReachableSourceFiles, listSourceFiles, PROVIDER_PACKAGE, scanProviderImports } from "../bench/provider-imports";

// Importing the AWS provider from its root loads all of its 2,000+ resource modules, which takes seconds
// and hundreds of MB in every synth and every test. Code imports each resource from its own module,
// `@cdktf/provider-aws/lib/<resource>`, instead.

const PROJECT_ROOT = join(__dirname, "..");
const SCANNED_ENTRIES = ["main.ts", "modules", "__tests__"];

// Samples are built from PROVIDER_PACKAGE, so this file itself contains no root import to find.
const ROOT = PROVIDER_PACKAGE;

describe("provider import detector", () => {
  test.each([
    ["named import", `import { VpcEndpoint } from "${ROOT}";`],
    ["namespace import", `import * as aws from '${ROOT}';`],
    ["type-only import", `import type { VpcEndpointConfig } from "${ROOT}";`],
    ["side-effect import", `import "${ROOT}";`],
    ["re-export", `export * from "${ROOT}";`],
    ["require call", `const aws = require("${ROOT}");`],
    ["import-equals", `import aws = require("${ROOT}");`],
    ["dynamic import", `async function load() { return import("${ROOT}"); }`],
    ["lib folder", `import { vpcEndpoint } from "${ROOT}/lib";`],
    ["lib index", `const aws = require("${ROOT}/lib/index.js");`],
  ])("finds root import: %s", (_name, source) => {
    const found = findProviderImports(`// sample\n${source}\n`);

    expect(found).toHaveLength(1);
    expect(found[0].isRoot).toBe(true);
    expect(found[0].line).toBe(2);
  });

  test.each([
    ["deep import", `import { VpcEndpoint } from "${ROOT}/lib/vpc-endpoint";`],
    ["deep require", `const { SecurityGroup } = require("${ROOT}/lib/security-group");`],
    ["deep index of one resource", `import { AwsProvider } from "${ROOT}/lib/provider/index";`],
  ])("accepts deep import: %s", (_name, source) => {
    const found = findProviderImports(source);

    expect(found).toHaveLength(1);
    expect(found[0].isRoot).toBe(false);
  });

  test.each([
    ["line comment", `// import { VpcEndpoint } from "${ROOT}";`],
    ["block comment", `/* const aws = require("${ROOT}"); */`],
    ["string literal", `const hint = 'import { VpcEndpoint } from "${ROOT}"';`],
    ["other package", `import { App } from "cdktf";\nimport { Something } from "${ROOT}-extra";`],
  ])("ignores non-import: %s", (_name, source) => {
    expect(findProviderImports(source)).toEqual([]);
  });
});

describe("project sources", () => {
  const files = listSourceFiles(PROJECT_ROOT, SCANNED_ENTRIES);
  const importsByFile = scanProviderImports(PROJECT_ROOT, files);

  test("scan covers main.ts, modules and tests", () => {
    expect(files).toContain("main.ts");
    expect(files.some((file) => file.startsWith(`modules${sep}`))).toBe(true);
    expect(files).toContain(join("__tests__", "provider-imports.test.ts"));
  });

  test("reachable files start at main.ts", () => {
    // The benchmark's floor loads the provider modules of these files, so they must be real sources.
    const reachable = listReachableSourceFiles(PROJECT_ROOT, "main.ts");

    expect(reachable[0]).toBe("main.ts");
    expect(reachable.some((file) => file.startsWith(`modules${sep}`))).toBe(true);
    expect(reachable.filter((file) => !files.includes(file))).toEqual([]);
  });

  test("scan finds the app's deep imports", () => {
    // The app uses the provider, so a scan that finds no provider import at all is broken.
    const deepImports = [...importsByFile.values()].flat().filter((providerImport) => !providerImport.isRoot);

    expect(deepImports.length).toBeGreaterThan(0);
  });

  test("no root provider imports", () => {
    const offenders: string[] = [];
    for (const [file, imports] of importsByFile) {
      for (const providerImport of imports.filter((candidate) => candidate.isRoot)) {
        offenders.push(`${file}:${providerImport.line} imports "${providerImport.specifier}"`);
      }
    }

    if (offenders.length > 0) {
      throw new Error(
        `These files import ${PROVIDER_PACKAGE} from its root, which loads every resource of the provider:\n` +
          `${offenders.map((offender) => `  - ${offender}`).join("\n")}\n` +
          `Import each class from its own module instead, for example ` +
          `import { VpcEndpoint } from "${PROVIDER_PACKAGE}/lib/vpc-endpoint".`,
      );
    }
    expect(offenders).toEqual([]);
  });
});
