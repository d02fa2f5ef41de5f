/**
 * `npm run bench`: times the app's synth against the floor (a process that only loads `cdktf` and the
 * provider modules the app imports, then writes the same files), synth of 1 to 1000 generated stacks,
 * and the test suite. It prints the results as Markdown tables and checks them against the targets in
 * BENCHMARKS.md.
 *
 * Options:
 *   --runs N       measured runs of each synth case (default 5)
 *   --slow-runs N  measured runs of the cases that compile the project first: npm run synth, tsc and
 *                  npm test (default 3)
 *   --warmups N    runs of each case before the measured ones, left out of the results (default 1)
 *   --skip-tests   do not time `npm test`
 *   --profile      also write a CPU profile of the largest synth (`node --cpu-prof`) and print where its
 *                  time goes
 *   --json FILE    also write every measured number to FILE
 *   --keep         keep the scratch folder with the generated configs, outputs and profile
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { BenchCases, buildCases } from "./cases";
import { summarizeCpuProfile } from "./cpu-profile";
import { BenchCase, countStacks, measureGroup, MeasureSettings, runCase } from "./measure";
import { deepProviderModules, listReachableSourceFiles, scanProviderImports } from "./provider-imports";
import { BenchResults, describeMachine, formatProfile, formatResults, formatSeconds, MachineInfo } from "./report";

/** Load average above which the benchmark warns that other processes compete for the CPU. */
const BUSY_LOAD_AVERAGE = 0.5;

interface Options {
  runs: number;
  slowRuns: number;
  warmups: number;
  skipTests: boolean;
  profile: boolean;
  jsonPath?: string;
  keep: boolean;
}

function parseCount(name: string, value: string | undefined, minimum: number): number {
  const count = Number(value);
  if (value === undefined || !Number.isInteger(count) || count < minimum) {
    throw new Error(`${name} needs a whole number of at least ${minimum}, got ${value === undefined ? "nothing" : `"${value}"`}.`);
  }
  return count;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { runs: 5, slowRuns: 3, warmups: 1, skipTests: false, profile: false, keep: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--runs") {
      options.runs = parseCount("--runs", argv[++index], 1);
    } else if (argument === "--slow-runs") {
      options.slowRuns = parseCount("--slow-runs", argv[++index], 1);
    } else if (argument === "--warmups") {
      options.warmups = parseCount("--warmups", argv[++index], 0);
    } else if (argument === "--skip-tests") {
      options.skipTests = true;
    } else if (argument === "--profile") {
      options.profile = true;
    } else if (argument === "--json") {
      options.jsonPath = argv[++index];
      if (options.jsonPath === undefined) {
        throw new Error("--json needs a file name.");
      }
    } else if (argument === "--keep") {
      options.keep = true;
    } else {
      throw new Error(`Unknown option "${argument}". Options: --runs N, --slow-runs N, --warmups N, --skip-tests, --profile, --json FILE, --keep.`);
    }
  }
  return options;
}

function printMachine(machine: MachineInfo, options: Options): void {
  process.stdout.write(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb.toFixed(1)} GB memory ` +
      `(${machine.freeMemoryGb.toFixed(1)} GB free), Node.js ${machine.node}, ${machine.os}\n`,
  );
  process.stdout.write(
    `Runs per case: ${options.warmups} warm-up, then ${options.runs} measured, or ${options.slowRuns} for the cases that compile.\n`,
  );
  process.stdout.write(`Load average (1 min) at the start: ${machine.loadAverage.toFixed(2)}\n`);
  if (machine.loadAverage > BUSY_LOAD_AVERAGE) {
    process.stdout.write("Warning: other processes are using the CPU, so the times will be longer than on an idle machine.\n");
  }
}

/**
 * Returns the deep provider modules that main.ts imports, directly or through the files of modules/ it
 * reaches, warning about root imports.
 */
function findProviderModules(root: string): string[] {
  const sourceFiles = listReachableSourceFiles(root, "main.ts");
  const importsByFile = scanProviderImports(root, sourceFiles);
  for (const [file, imports] of importsByFile) {
    for (const rootImport of imports.filter((providerImport) => providerImport.isRoot)) {
      process.stdout.write(
        `Warning: ${file}:${rootImport.line} imports "${rootImport.specifier}", which loads the whole provider. ` +
          "The floor loads only the deep modules, so the ratio to the floor includes that cost.\n",
      );
    }
  }

  const modules = deepProviderModules(importsByFile);
  process.stdout.write(`Provider modules the app imports (from the ${sourceFiles.length} source files main.ts reaches): ${modules.join(", ")}\n`);
  return modules;
}

/** Measures every case. Cases of one group take turns, so they see the same machine load. */
function measureAll(cases: BenchCases, settings: MeasureSettings, options: Options): BenchResults {
  const slowSettings = { ...settings, runs: options.slowRuns };

  process.stderr.write("Measuring the synth step against the floor and the root import.\n");
  const [synthStep, floor, rootImport] = measureGroup([cases.synthStep, cases.floor, cases.rootImport], settings);

  process.stderr.write("Measuring npm run synth and its compile step.\n");
  const [npmSynth, compile] = measureGroup([cases.npmSynth, cases.compile], slowSettings);

  process.stderr.write("Measuring synth of the generated stacks.\n");
  const stacks = measureGroup(cases.stacks, settings);

  if (options.skipTests) {
    return { synthStep, floor, rootImport, npmSynth, compile, stacks };
  }
  process.stderr.write("Measuring npm test.\n");
  const [testSuite] = measureGroup([cases.testSuite], slowSettings);
  return { synthStep, floor, rootImport, npmSynth, compile, stacks, testSuite };
}

/** Synthesizes a case once under `node --cpu-prof` and prints where the time goes. */
function printProfile(profiledCase: BenchCase, scratch: string, settings: MeasureSettings): void {
  const profileDir = join(scratch, "cpu-profile");
  runCase({ ...profiledCase, label: `${profiledCase.label} (profiled)`, args: ["--cpu-prof", "--cpu-prof-dir", profileDir, ...profiledCase.args] }, settings);
  const profileFile = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (profileFile === undefined) {
    throw new Error(`node --cpu-prof wrote no .cpuprofile file into ${profileDir}.`);
  }

  const summary = summarizeCpuProfile(join(profileDir, profileFile));
  process.stdout.write(`\n${formatProfile(profiledCase.label, summary)}\n`);
  process.stdout.write(`\nProfile file: ${join(profileDir, profileFile)} (open it in Chrome DevTools; kept only with --keep)\n`);
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const root = resolve(__dirname, "..", "..");
  const machine = describeMachine();
  printMachine(machine, options);
  const providerModules = findProviderModules(root);

  const scratch = mkdtempSync(join(tmpdir(), "healthlake-bench-"));
  const settings: MeasureSettings = {
    cwd: root,
    preloadPath: join(__dirname, "process-report.js"),
    scratchDir: scratch,
    warmups: options.warmups,
    runs: options.runs,
    onRun: (label, run, total, wallSeconds) => process.stderr.write(`  ${label}: run ${run}/${total}, ${formatSeconds(wallSeconds)} s\n`),
  };

  try {
    // A synth of the embedded config, whose files the floor copies.
    const referenceDir = join(scratch, "reference");
    const reference = { label: "reference synth", command: process.execPath, args: ["dist/main.js"] };
    runCase({ ...reference, env: { HEALTHLAKE_ENDPOINTS_CONFIG: undefined, CDKTF_OUTDIR: referenceDir } }, settings);
    const embeddedStacks = countStacks(referenceDir);
    if (embeddedStacks === 0) {
      throw new Error(`The reference synth wrote no stacks into ${referenceDir}/stacks.`);
    }

    const cases = buildCases({ root, scratch, referenceDir, embeddedStacks, providerModules });
    const results = measureAll(cases, settings, options);
    process.stdout.write(`\n${formatResults(results, machine.cores)}`);

    if (options.profile) {
      printProfile(cases.stacks[cases.stacks.length - 1], scratch, settings);
    }
    if (options.jsonPath !== undefined) {
      writeFileSync(options.jsonPath, `${JSON.stringify({ machine, options, providerModules, results }, null, 2)}\n`);
      process.stdout.write(`\nWrote every run to ${options.jsonPath}\n`);
    }
  } finally {
    if (options.keep) {
      process.stdout.write(`\nKept the scratch folder ${scratch}\n`);
    } else {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`Benchmark failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
