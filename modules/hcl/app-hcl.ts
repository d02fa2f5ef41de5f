import { existsSync, writeFileSync } from "fs";
import { join } from "path";
import { App, TerraformStack } from "cdktf";
import { stackToHcl } from "./stack-hcl";

/**
 * Rewrites the `cdk.tf` of every stack after `app.synth()` in HCL mode. cdktf 0.21's own HCL renderer
 * leaves quotes unescaped in strings that contain `${`, writes strings that start with `{` as objects
 * and does not format its output; the HCL writer here starts from the stack's Terraform JSON instead,
 * so `cdk.tf` means the same as `cdk.tf.json` and passes `terraform fmt -check`.
 *
 * @returns the paths written
 */
export async function rewriteStackHcl(app: App): Promise<string[]> {
  const written: string[] = [];
  for (const stack of app.node.children.filter((child): child is TerraformStack => TerraformStack.isStack(child))) {
    const path = join(app.outdir, "stacks", stack.node.id, "cdk.tf");
    if (!existsSync(path)) {
      throw new Error(`${path} is missing; rewriteStackHcl runs after app.synth() with SYNTH_HCL_OUTPUT=true.`);
    }
    writeFileSync(path, await stackToHcl(stack));
    written.push(path);
  }
  return written;
}
