import { mkdirSync, readFileSync } from "fs";
import { join } from "path";
import { BenchCase } from "./measure";
import { PROVIDER_PACKAGE } from "./provider-imports";
import { writeStackConfig } from "./stack-config";

/** Numbers of generated stacks the scaling cases synthesize, in increasing order. */
export const STACK_COUNTS = [1, 10, 100, 1000];

/** Every case the benchmark measures. */
export interface BenchCases {
  /** The synth step of the main job: the compiled app on the embedded config. */
  readonly synthStep: BenchCase;
  /** A process that loads `cdktf` and the app's deep provider modules, then writes the same files. */
  readonly floor: BenchCase;
  /** The floor, loading the provider's root entry point in place of the deep modules. */
  readonly rootImport: BenchCase;
  /** The main job as CI runs it: `npm run synth`, which compiles, then synthesizes. */
  readonly npmSynth: BenchCase;
  /** The compile step of `npm run synth` alone. */
  readonly compile: BenchCase;
  /** Synth of each of {@link STACK_COUNTS} generated stacks. */
  readonly stacks: readonly BenchCase[];
  readonly testSuite: BenchCase;
}

/**
 * Builds the case for the compile step of `npm run synth`: the part of the `synth` script in
 * package.json before the first `&&`. A `tsc` command runs with the project's TypeScript compiler, and
 * any other command runs in a shell.
 */
function compileCase(root: string): BenchCase {
  const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  const synthScript = scripts.synth;
  if (synthScript === undefined || !synthScript.includes("&&")) {
    throw new Error(`package.json has no "synth" script of the form "<compile> && <synth>", so the compile step cannot be timed alone: ${JSON.stringify(synthScript)}`);
  }
  const command = synthScript.split("&&")[0].trim();
  const words = command.split(/\s+/);
  if (words[0] === "tsc") {
    return { label: `compile step: ${command}`, command: process.execPath, args: [require.resolve("typescript/bin/tsc"), ...words.slice(1)] };
  }
  return { label: `compile step: ${command}`, command: "sh", args: ["-c", command] };
}

/** Paths and facts the cases are built from. */
export interface CaseInputs {
  /** The project folder. */
  readonly root: string;
  /** Scratch folder for generated configs and outputs. */
  readonly scratch: string;
  /** Output folder of a synth of the embedded config, which the floor copies. */
  readonly referenceDir: string;
  /** Number of stacks the embedded config synthesizes. */
  readonly embeddedStacks: number;
  /** Deep provider modules the app imports. */
  readonly providerModules: readonly string[];
}

/** Builds every case, writing the generated configs into `scratch/configs`. */
export function buildCases(inputs: CaseInputs): BenchCases {
  const node = process.execPath;
  const floorScript = join(__dirname, "floor.js");
  const { scratch, referenceDir, embeddedStacks } = inputs;
  const embeddedConfig = { HEALTHLAKE_ENDPOINTS_CONFIG: undefined };
  const output = (name: string) => ({ outdir: join(scratch, name), expectedStacks: embeddedStacks });

  mkdirSync(join(scratch, "configs"), { recursive: true });
  const stacks = STACK_COUNTS.map((count): BenchCase => {
    const configPath = join(scratch, "configs", `stacks-${count}.json`);
    writeStackConfig(configPath, count);
    return {
      label: `synth ${count} generated stacks`,
      command: node,
      args: ["dist/main.js"],
      env: { HEALTHLAKE_ENDPOINTS_CONFIG: configPath, CDKTF_OUTDIR: join(scratch, `stacks-${count}`) },
      outdir: join(scratch, `stacks-${count}`),
      expectedStacks: count,
    };
  });

  return {
    synthStep: {
      label: `synth step: node dist/main.js (${embeddedStacks} stacks)`,
      command: node,
      args: ["dist/main.js"],
      env: { ...embeddedConfig, CDKTF_OUTDIR: join(scratch, "synth-step") },
      ...output("synth-step"),
    },
    floor: {
      label: `floor: load cdktf + ${inputs.providerModules.length} provider modules, write files`,
      command: node,
      args: [floorScript, referenceDir, join(scratch, "floor"), ...inputs.providerModules],
      ...output("floor"),
    },
    rootImport: {
      label: `floor with the root import: load cdktf + ${PROVIDER_PACKAGE}`,
      command: node,
      args: [floorScript, referenceDir, join(scratch, "root-import"), PROVIDER_PACKAGE],
      ...output("root-import"),
    },
    npmSynth: {
      label: "main job: npm run synth (tsc, then synth)",
      command: "npm",
      args: ["run", "--silent", "synth"],
      env: { ...embeddedConfig, CDKTF_OUTDIR: join(scratch, "npm-synth") },
      ...output("npm-synth"),
    },
    compile: compileCase(inputs.root),
    stacks,
    testSuite: { label: "test suite: npm test (tsc, then jest)", command: "npm", args: ["test", "--silent"] },
  };
}
