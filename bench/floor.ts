/**
 * The floor of a synth: a Node process that loads `cdktf` and the deep provider modules the app imports,
 * then writes the files of an earlier synth. It runs none of this project's code, so the ratio of the
 * app's time to this one's measures the cost of that code.
 *
 * Usage: node dist/bench/floor.js REFERENCE_DIR OUTPUT_DIR MODULE...
 *   REFERENCE_DIR  output folder of an earlier `node dist/main.js` run (cdktf.out or a CDKTF_OUTDIR)
 *   OUTPUT_DIR     folder to write the same files to
 *   MODULE         module specifier to require, such as `@cdktf/provider-aws/lib/vpc-endpoint`
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";

function copyTree(source: string, target: string): number {
  mkdirSync(target, { recursive: true });
  let files = 0;
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory()) {
      files += copyTree(from, to);
    } else {
      writeFileSync(to, readFileSync(from));
      files += 1;
    }
  }
  return files;
}

function main(): void {
  const [referenceDir, outputDir, ...modules] = process.argv.slice(2);
  if (referenceDir === undefined || outputDir === undefined) {
    process.stderr.write("Usage: node dist/bench/floor.js REFERENCE_DIR OUTPUT_DIR MODULE...\n");
    process.exitCode = 2;
    return;
  }

  require("cdktf");
  for (const specifier of modules) {
    require(specifier);
  }

  const files = copyTree(referenceDir, outputDir);
  process.stdout.write(`Loaded cdktf and ${modules.length} provider modules, wrote ${files} files into ${outputDir}\n`);
}

main();
