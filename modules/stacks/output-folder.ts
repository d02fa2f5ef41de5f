import { existsSync, readdirSync, rmSync } from "fs";
import { join } from "path";

/** Files cdktf writes into a stack folder in JSON mode and in HCL mode. */
const JSON_FILES = ["cdk.tf.json"];
const HCL_FILES = ["cdk.tf", "metadata.json"];

/**
 * Removes the files an earlier synth in the other mode left in the stack folders just written, because
 * Terraform reads both `cdk.tf` and `cdk.tf.json` of a folder and rejects the duplicate definitions.
 * Returns the stack folders under `<outdir>/stacks` that this synth did not write, such as those of
 * entries removed from the config. They are left in place, as cdktf leaves them.
 */
export function tidyStackFolders(outdir: string, stackNames: readonly string[], hclOutput: boolean): string[] {
  const stacksFolder = join(outdir, "stacks");
  for (const name of stackNames) {
    for (const file of hclOutput ? JSON_FILES : HCL_FILES) {
      rmSync(join(stacksFolder, name, file), { force: true });
    }
  }
  if (!existsSync(stacksFolder)) {
    return [];
  }
  return readdirSync(stacksFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !stackNames.includes(entry.name))
    .map((entry) => entry.name)
    .sort();
}
