import { App } from "cdktf";
import { mkdirSync } from "fs";
import { CONFIG_FILE_VARIABLE, DEFAULT_CONFIG_FILE, loadConfig } from "./modules/config/load-config";
import { HealthLakeValidationError } from "./modules/errors";
import { addConfiguredStacks } from "./modules/stacks/layouts";
import { collectWarnings } from "./modules/stacks/warnings";

/**
 * Synthesizes the config's stacks: one per entry, or one for all entries with `"layout": {"type":
 * "single-stack"}`. `--hcl` (or SYNTH_HCL_OUTPUT=true) writes cdk.tf instead of
 * cdk.tf.json, and CDKTF_OUTDIR sets the output folder.
 */
function main(): void {
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

  for (const warning of collectWarnings(app)) {
    process.stderr.write(`Warning: ${warning}\n`);
  }
  process.stdout.write(`Synthesized ${stacks.length} ${stacks.length === 1 ? "stack" : "stacks"} from ${configPath} into ${app.outdir}/stacks\n`);
}

try {
  main();
} catch (error) {
  if (error instanceof HealthLakeValidationError) {
    process.stderr.write(`${error.message}\nNothing was written.\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
