import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "fs";
import { join } from "path";
import { performance } from "perf_hooks";
import { PROCESS_REPORT_VARIABLE, ProcessReport } from "./process-report";

/** One command the benchmark times. */
export interface BenchCase {
  /** Short label for the tables. */
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Variables added to the environment. A value of `undefined` removes the variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Output folder, removed before each run so every run writes its files anew. */
  readonly outdir?: string;
  /** Number of stack folders with a `cdk.tf.json` that each run must leave in `outdir/stacks`. */
  readonly expectedStacks?: number;
}

/** One run of a case. */
export interface RunResult {
  /** Wall time from spawning the command to its exit, in seconds. */
  readonly wallSeconds: number;
  /**
   * Share of the wall time during which some task of the machine waited for a CPU (Linux pressure stall
   * information), from 0 to 1, or `undefined` where /proc/pressure/cpu does not exist.
   */
  readonly cpuPressure?: number;
  /** One report per Node process of the run that exited normally. */
  readonly processes: readonly ProcessReport[];
  /** Combined standard output and standard error. */
  readonly output: string;
}

/** The measured runs of a case, warm-up runs left out. */
export interface CaseResult {
  readonly label: string;
  readonly runs: readonly RunResult[];
}

/** Minimum, median and maximum of a sample. */
export interface Summary {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** Settings shared by every run. */
export interface MeasureSettings {
  readonly cwd: string;
  /** Compiled process-report.js, preloaded into every Node process of a run. */
  readonly preloadPath: string;
  /** Folder for the per-run report files. */
  readonly scratchDir: string;
  readonly warmups: number;
  readonly runs: number;
  /** Called after each run, for progress output. */
  readonly onRun?: (label: string, run: number, total: number, wallSeconds: number) => void;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** Returns the peak resident set size of a run in MiB: that of its largest Node process. */
export function peakRssMib(run: RunResult): number {
  return Math.max(0, ...run.processes.map((report) => report.maxRssKb)) / 1024;
}

/** Returns the CPU time of a run in seconds: user and system time summed over its Node processes. */
export function cpuSeconds(run: RunResult): number {
  return run.processes.reduce((sum, report) => sum + report.cpuSeconds, 0);
}

/**
 * Returns the total time that some task of the machine waited for a CPU, in microseconds, from the
 * `some` line of /proc/pressure/cpu, or `undefined` where the file does not exist (not Linux, or a
 * kernel built without pressure stall information).
 */
export function readCpuStallMicros(): number | undefined {
  let text: string;
  try {
    text = readFileSync("/proc/pressure/cpu", "utf8");
  } catch {
    return undefined;
  }
  const match = /^some .*total=(\d+)/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

let reportCounter = 0;

/**
 * Runs one case once and checks its outcome.
 *
 * @throws Error when the command exits with a non-zero status or leaves fewer stacks than expected
 */
export function runCase(benchCase: BenchCase, settings: MeasureSettings): RunResult {
  if (benchCase.outdir !== undefined) {
    rmSync(benchCase.outdir, { recursive: true, force: true });
  }
  reportCounter += 1;
  const reportFile = join(settings.scratchDir, `process-report-${reportCounter}.jsonl`);

  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  for (const [name, value] of Object.entries(benchCase.env ?? {})) {
    if (value === undefined) {
      delete env[name];
    } else {
      env[name] = value;
    }
  }
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require "${settings.preloadPath}"`.trim();
  env[PROCESS_REPORT_VARIABLE] = reportFile;

  const stallBefore = readCpuStallMicros();
  const start = performance.now();
  const child = spawnSync(benchCase.command, benchCase.args, { cwd: settings.cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wallSeconds = (performance.now() - start) / 1000;
  const stallAfter = readCpuStallMicros();
  const cpuPressure = stallBefore === undefined || stallAfter === undefined ? undefined : Math.min(1, (stallAfter - stallBefore) / 1e6 / wallSeconds);

  const output = `${child.stdout ?? ""}${child.stderr ?? ""}`;
  const commandLine = [benchCase.command, ...benchCase.args].join(" ");
  if (child.error) {
    throw new Error(`${benchCase.label}: failed to start \`${commandLine}\`: ${child.error.message}`);
  }
  if (child.status !== 0) {
    throw new Error(`${benchCase.label}: \`${commandLine}\` exited with status ${child.status ?? child.signal}. Its output ends with:\n${output.slice(-4000)}`);
  }
  if (benchCase.expectedStacks !== undefined && benchCase.outdir !== undefined) {
    const written = countStacks(benchCase.outdir);
    if (written !== benchCase.expectedStacks) {
      throw new Error(`${benchCase.label}: expected ${benchCase.expectedStacks} stacks in ${benchCase.outdir}/stacks, found ${written}.`);
    }
  }

  const processes = existsSync(reportFile)
    ? readFileSync(reportFile, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as ProcessReport)
    : [];
  return { wallSeconds, cpuPressure, processes, output };
}

/** Counts the stack folders in `outdir/stacks` that contain a `cdk.tf.json`. */
export function countStacks(outdir: string): number {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) {
    return 0;
  }
  return readdirSync(stacksDir).filter((name) => existsSync(join(stacksDir, name, "cdk.tf.json"))).length;
}

/**
 * Measures a group of cases: the warm-up runs, then the measured runs, taking the cases in turn within
 * each round. Taking turns exposes the cases of a group to the same machine load, which keeps the ratios
 * between them fair.
 */
export function measureGroup(cases: readonly BenchCase[], settings: MeasureSettings): CaseResult[] {
  const runs = cases.map(() => [] as RunResult[]);
  const rounds = settings.warmups + settings.runs;

  for (let round = 0; round < rounds; round++) {
    cases.forEach((benchCase, index) => {
      const result = runCase(benchCase, settings);
      if (round >= settings.warmups) {
        runs[index].push(result);
      }
      settings.onRun?.(benchCase.label, round + 1, rounds, result.wallSeconds);
    });
  }
  return cases.map((benchCase, index) => ({ label: benchCase.label, runs: runs[index] }));
}
