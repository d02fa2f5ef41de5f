import { cpus, freemem, loadavg, release, totalmem } from "os";
import { STACK_COUNTS } from "./cases";
import { CpuProfileSummary, ProfileTime } from "./cpu-profile";
import { CaseResult, cpuSeconds, peakRssMib, summarize, Summary } from "./measure";

/** Bytes in a mebibyte and in a megabyte. RSS is read in KiB, and the targets are stated in MB. */
const MIB = 1024 * 1024;
const MB = 1_000_000;

/** The targets, as BENCHMARKS.md states them. */
export const TARGETS = {
  /** Maximum ratio of the main job's median wall time to the floor's. */
  floorRatio: 1.5,
  /** Maximum median wall time of the 1000-stack synth, in seconds. */
  largestSynthSeconds: 3,
  /** Maximum peak RSS of the 1000-stack synth, in MB (10^6 bytes). */
  largestSynthMb: 250,
  /** Maximum ratio of the cost per added stack from 100 to 1000 stacks to that from 10 to 100. */
  growthRatio: 1.5,
  /** Maximum median wall time of `npm test`, in seconds. */
  testSuiteSeconds: 20,
};

const CASE_HEADERS = [
  "Case",
  "Runs",
  "Min (s)",
  "Median (s)",
  "Max (s)",
  "CPU (s, median)",
  "Peak RSS (MB, median)",
  "Modules loaded (provider)",
  "CPU pressure (median)",
];

/** The machine a benchmark ran on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly freeMemoryGb: number;
  readonly node: string;
  readonly os: string;
  /** The 1-minute load average when the benchmark started. */
  readonly loadAverage: number;
}

/** The measured cases, as {@link buildCases} names them. */
export interface BenchResults {
  readonly synthStep: CaseResult;
  readonly floor: CaseResult;
  readonly rootImport: CaseResult;
  readonly npmSynth: CaseResult;
  readonly compile: CaseResult;
  readonly stacks: readonly CaseResult[];
  readonly testSuite?: CaseResult;
}

export function describeMachine(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    memoryGb: totalmem() / 1e9,
    freeMemoryGb: freemem() / 1e9,
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverage: loadavg()[0],
  };
}

/** Formats rows as a Markdown table whose columns line up in a terminal. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

export function formatSeconds(seconds: number): string {
  return seconds.toFixed(3);
}

function wallSummary(result: CaseResult): Summary {
  return summarize(result.runs.map((run) => run.wallSeconds));
}

function medianWall(result: CaseResult): number {
  return wallSummary(result).median;
}

/** Median over the runs of the peak RSS of a case, in MB (10^6 bytes). */
function medianPeakMb(result: CaseResult): number {
  return (summarize(result.runs.map(peakRssMib)).median * MIB) / MB;
}

/**
 * Returns the module counts of a case's first run as `total (provider)`, or "-" when the run had more
 * than one Node process, as `npm run` does.
 */
function moduleCounts(result: CaseResult): string {
  const processes = result.runs[0]?.processes ?? [];
  if (processes.length !== 1) {
    return "-";
  }
  return `${processes[0].modules} (${processes[0].providerModules})`;
}

/** Returns the median CPU pressure of a case's runs as a percentage, or "-" where it was not measured. */
function formatPressure(result: CaseResult): string {
  const pressures = result.runs.map((run) => run.cpuPressure).filter((pressure): pressure is number => pressure !== undefined);
  return pressures.length === 0 ? "-" : `${(summarize(pressures).median * 100).toFixed(0)}%`;
}

function caseRow(result: CaseResult): string[] {
  const wall = wallSummary(result);
  return [
    result.label,
    String(result.runs.length),
    formatSeconds(wall.min),
    formatSeconds(wall.median),
    formatSeconds(wall.max),
    formatSeconds(summarize(result.runs.map(cpuSeconds)).median),
    medianPeakMb(result).toFixed(0),
    moduleCounts(result),
    formatPressure(result),
  ];
}

function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}

function ratio(value: number): string {
  return `${value.toFixed(2)}x`;
}

/** Scaling table rows, and the cost per added stack between consecutive stack counts. */
interface ScalingCosts {
  readonly rows: string[][];
  readonly msPerStack: number[];
  readonly kbPerStack: number[];
}

function scalingCosts(stacks: readonly CaseResult[]): ScalingCosts {
  const rows: string[][] = [];
  const msPerStack: number[] = [];
  const kbPerStack: number[] = [];

  stacks.forEach((result, index) => {
    const count = STACK_COUNTS[index];
    const seconds = medianWall(result);
    const megabytes = medianPeakMb(result);
    if (index === 0) {
      rows.push([String(count), formatSeconds(seconds), megabytes.toFixed(0), "-", "-"]);
      return;
    }
    const added = count - STACK_COUNTS[index - 1];
    const milliseconds = ((seconds - medianWall(stacks[index - 1])) * 1000) / added;
    const kilobytes = ((megabytes - medianPeakMb(stacks[index - 1])) * 1000) / added;
    msPerStack.push(milliseconds);
    kbPerStack.push(kilobytes);
    rows.push([String(count), formatSeconds(seconds), megabytes.toFixed(0), milliseconds.toFixed(2), kilobytes.toFixed(0)]);
  });
  return { rows, msPerStack, kbPerStack };
}

/**
 * Returns the last cost per added stack divided by the one before. A result above 1 means that the cost
 * grows faster than linearly with the number of stacks.
 */
function growth(perStack: readonly number[]): number {
  return perStack[perStack.length - 1] / perStack[perStack.length - 2];
}

/** Formats the results tables: every case, the ratios to the floor, the scaling and the targets. */
export function formatResults(results: BenchResults, cores: number): string {
  const all = [results.synthStep, results.floor, results.rootImport, results.npmSynth, results.compile, ...results.stacks];
  if (results.testSuite) {
    all.push(results.testSuite);
  }
  const sections = [`## Wall time and peak memory\n\n${markdownTable(CASE_HEADERS, all.map(caseRow))}`];

  const floorMedian = medianWall(results.floor);
  const synthRatio = medianWall(results.synthStep) / floorMedian;
  const npmSynthRatio = medianWall(results.npmSynth) / floorMedian;
  const ratioRows = [
    ["synth step / floor", ratio(synthRatio)],
    ["npm run synth / floor", ratio(npmSynthRatio)],
    ["floor with the root import / floor", ratio(medianWall(results.rootImport) / floorMedian)],
  ];
  sections.push(`## Against the floor\n\n${markdownTable(["Comparison", "Ratio of medians"], ratioRows)}`);

  const scaling = scalingCosts(results.stacks);
  const scalingHeaders = ["Stacks", "Wall time (s)", "Peak RSS (MB)", "Time per added stack (ms)", "Memory per added stack (kB)"];
  sections.push(`## Scaling with the number of stacks (medians)\n\n${markdownTable(scalingHeaders, scaling.rows)}`);

  const largest = results.stacks[results.stacks.length - 1];
  const largestCount = STACK_COUNTS[STACK_COUNTS.length - 1];
  const ranges = `${STACK_COUNTS[STACK_COUNTS.length - 2]} to ${largestCount} within ${TARGETS.growthRatio}x of ${STACK_COUNTS[STACK_COUNTS.length - 3]} to ${STACK_COUNTS[STACK_COUNTS.length - 2]}`;
  const timeGrowth = growth(scaling.msPerStack);
  const memoryGrowth = growth(scaling.kbPerStack);
  const targetRows = [
    [`synth step within ${TARGETS.floorRatio}x of the floor`, ratio(synthRatio), verdict(synthRatio <= TARGETS.floorRatio)],
    [`npm run synth within ${TARGETS.floorRatio}x of the floor`, ratio(npmSynthRatio), verdict(npmSynthRatio <= TARGETS.floorRatio)],
    [
      `${largestCount} stacks under ${TARGETS.largestSynthSeconds} s (${cores} cores here)`,
      `${formatSeconds(medianWall(largest))} s`,
      verdict(medianWall(largest) < TARGETS.largestSynthSeconds),
    ],
    [`${largestCount} stacks under ${TARGETS.largestSynthMb} MB peak RSS`, `${medianPeakMb(largest).toFixed(0)} MB`, verdict(medianPeakMb(largest) < TARGETS.largestSynthMb)],
    [`time per stack from ${ranges}`, ratio(timeGrowth), verdict(timeGrowth <= TARGETS.growthRatio)],
    [`memory per stack from ${ranges}`, ratio(memoryGrowth), verdict(memoryGrowth <= TARGETS.growthRatio)],
  ];
  if (results.testSuite) {
    const testSeconds = medianWall(results.testSuite);
    targetRows.push([`npm test under ${TARGETS.testSuiteSeconds} s`, `${formatSeconds(testSeconds)} s`, verdict(testSeconds < TARGETS.testSuiteSeconds)]);
    const jestSummary = /^Tests:.*$/m.exec(results.testSuite.runs[0]?.output ?? "");
    if (jestSummary) {
      sections.push(`Jest reported: ${jestSummary[0].replace(/\s+/g, " ")}`);
    }
  }
  sections.push(`## Targets\n\n${markdownTable(["Target", "Measured", "Result"], targetRows)}`);

  return `${sections.join("\n\n")}\n`;
}

/** Formats the summary of a CPU profile as three tables. */
export function formatProfile(title: string, summary: CpuProfileSummary): string {
  const rows = (entries: readonly ProfileTime[]) => entries.map((entry) => [entry.name, entry.milliseconds.toFixed(0), `${(entry.share * 100).toFixed(1)}%`]);
  return [
    `## CPU profile: ${title}, ${summary.totalMilliseconds.toFixed(0)} ms sampled`,
    markdownTable(["Self time by package", "ms", "Share"], rows(summary.byPackage)),
    markdownTable(["Self time by function", "ms", "Share"], rows(summary.byFunction)),
    markdownTable(["Total time of project functions (with callees)", "ms", "Share"], rows(summary.projectFunctions)),
  ].join("\n\n");
}
