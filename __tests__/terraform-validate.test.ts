import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync } from "fs";
import { homedir, tmpdir } from "os";
import { join } from "path";
import { buildModule } from "../modules/registry-module/build-module";

/**
 * `terraform validate` needs the hashicorp/aws provider plugin, and `terraform init` would download it
 * from the Terraform Registry. These tests run only where the plugin is already in a local plugin
 * folder, so they never reach the network. Elsewhere jest reports them as skipped.
 */
function findLocalAwsPlugin(): string | undefined {
  const candidates = [
    process.env.TF_PLUGIN_CACHE_DIR,
    join(homedir(), ".terraform.d", "plugins"),
    join(homedir(), ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ].filter((folder): folder is string => folder !== undefined && folder !== "");

  for (const folder of candidates) {
    const plugin = join(folder, "registry.terraform.io", "hashicorp", "aws");
    if (existsSync(plugin) && readdirSync(plugin).length > 0) {
      return folder;
    }
  }
  return undefined;
}

const terraformAvailable = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
const pluginFolder = terraformAvailable ? findLocalAwsPlugin() : undefined;
const testWithPlugin = pluginFolder === undefined ? test.skip : test;

describe(`terraform validate (${pluginFolder === undefined ? "skipped: no terraform binary or no local hashicorp/aws plugin" : `plugin in ${pluginFolder}`})`, () => {
  testWithPlugin("accepts every example stack", () => {
    const outdir = mkdtempSync(join(tmpdir(), "healthlake-validate-"));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir };
    expect(spawnSync(process.execPath, [join(__dirname, "..", "dist", "main.js")], { cwd: join(__dirname, ".."), env }).status).toBe(0);

    for (const stack of readdirSync(join(outdir, "stacks"))) {
      const folder = join(outdir, "stacks", stack);
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false"], { cwd: folder, env, encoding: "utf8" });
      expect(init.stderr).toBe("");
      const validate = spawnSync("terraform", ["validate", "-no-color"], { cwd: folder, env, encoding: "utf8" });
      expect(validate.stdout).toContain("Success");
    }
  });

  testWithPlugin("accepts the registry module through its example", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "healthlake-validate-")), "module");
    await buildModule(folder);
    const example = join(folder, "examples", "basic");
    const env = { ...process.env, CHECKPOINT_DISABLE: "1" };

    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false"], { cwd: example, env, encoding: "utf8" });
    expect(init.stderr).toBe("");
    const validate = spawnSync("terraform", ["validate", "-no-color"], { cwd: example, env, encoding: "utf8" });
    expect(validate.stdout).toContain("Success");
  });
});
