import { join } from "path";
import { buildModule, MODULE_NAME } from "../modules/registry-module/build-module";

/**
 * Writes the Terraform registry module to dist/terraform-aws-healthlake-privatelink, or to the folder
 * MODULE_OUTDIR names.
 */
async function main(): Promise<void> {
  const folder = process.env.MODULE_OUTDIR ?? join(__dirname, "..", MODULE_NAME);
  const result = await buildModule(folder);
  for (const warning of result.warnings) {
    process.stderr.write(`Warning: ${warning}\n`);
  }
  process.stdout.write(`Wrote the Terraform module to ${folder}: ${result.files.join(", ")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
