import { App } from "cdktf";
import { mkdirSync } from "fs";
import { CONFIG_FILE_VARIABLE, DEFAULT_CONFIG_FILE, loadConfig } from "./modules/config/load-config";
import { HealthLakeValidationError } from "./modules/errors";
import { rewriteStackHcl } from "./modules/hcl/app-hcl";
import { addConfiguredStacks } from "./modules/stacks/layouts";
import { tidyStackFolders } from "./modules/stacks/output-folder";
import { collectWarnings } from "./modules/stacks/warnings";

/**
 * Synthesizes the config's stacks: one per entry, or one for all entries with `"layout": {"type":
 * "single-stack"}`. `--hcl` (or SYNTH_HCL_OUTPUT=true) writes cdk.tf instead of cdk.tf.json, formatted
 * as `terraform fmt` does, and CDKTF_OUTDIR sets the output folder.
 */
async function main(): Promise<void> {
  const unknownOptions = process.argv.slice(2).filter((option) => option !== "--hcl");
  if (unknownOptions.length > 0) {
    process.stderr.write(`Unknown option ${unknownOptions.join(" ")}; the only option is --hcl, which writes cdk.tf instead of cdk.tf.json. Nothing was written.\n`);
    process.exitCode = 2;
    return;
  }
  const configPath = process.env[CONFIG_FILE_VARIABLE] ?? DEFAULT_CONFIG_FILE;
  const config = loadConfig(configPath);

  // cdktf lets SYNTH_HCL_OUTPUT override the App option, so the flag sets the variable itself.
  if (process.argv.includes("--hcl")) {
    process.env.SYNTH_HCL_OUTPUT = "true";
  }
  // cdktf creates only the last folder of the output path, so the parents are created here.
  mkdirSync(process.env.CDKTF_OUTDIR ?? "cdktf.out", { recursive: true });
  const app = new App();
  const stacks = addConfiguredStacks(app, config);
  app.synth();
  // cdktf's stack synthesizer writes HCL for "true" and for "1".
  const hclOutput = process.env.SYNTH_HCL_OUTPUT === "true" || process.env.SYNTH_HCL_OUTPUT === "1";
  if (hclOutput) {
    await rewriteStackHcl(app);
  }
  const staleStacks = tidyStackFolders(app.outdir, stacks.map((stack) => stack.node.id), hclOutput);

  for (const warning of collectWarnings(app)) {
    process.stderr.write(`Warning: ${warning}\n`);
  }
  if (staleStacks.length > 0) {
    process.stderr.write(`Note: ${app.outdir}/stacks also contains ${staleStacks.join(", ")}, which this config no longer writes; delete those folders after destroying or moving their resources.\n`);
  }
  process.stdout.write(`Synthesized ${stacks.length} ${stacks.length === 1 ? "stack" : "stacks"} from ${configPath} into ${app.outdir}/stacks\n`);
}

main().catch((error: unknown) => {
  if (error instanceof HealthLakeValidationError) {
    process.stderr.write(`${error.message}\nNothing was written.\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
});
