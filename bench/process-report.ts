/**
 * Preloaded into every Node process that the benchmark starts, through `NODE_OPTIONS=--require`. When the
 * process exits, it appends one JSON line (a {@link ProcessReport}) to the file named by
 * `BENCH_PROCESS_REPORT`. A process killed by a signal writes nothing.
 *
 * It imports only Node built-ins, so the one module it adds to `require.cache` is itself.
 */
import { appendFileSync } from "fs";
import { sep } from "path";

/** Report that one Node process writes about itself at exit. */
export interface ProcessReport {
  readonly pid: number;
  /** The command line after `node`. */
  readonly command: string;
  /** Peak resident set size, in kibibytes (`getrusage` ru_maxrss on Linux). */
  readonly maxRssKb: number;
  /** User and system CPU time, in seconds. */
  readonly cpuSeconds: number;
  /** Number of CommonJS modules in `require.cache` at exit. */
  readonly modules: number;
  /** How many of those modules belong to the AWS provider package. */
  readonly providerModules: number;
}

/** Environment variable that names the report file. */
export const PROCESS_REPORT_VARIABLE = "BENCH_PROCESS_REPORT";

const reportFile = process.env[PROCESS_REPORT_VARIABLE];
if (reportFile !== undefined && reportFile !== "") {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const modulePaths = Object.keys(require.cache);
    const providerFolder = `${sep}@cdktf${sep}provider-aws${sep}`;
    const report: ProcessReport = {
      pid: process.pid,
      command: process.argv.slice(1).join(" "),
      maxRssKb: usage.maxRSS,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      modules: modulePaths.length,
      providerModules: modulePaths.filter((path) => path.includes(providerFolder)).length,
    };
    appendFileSync(reportFile, `${JSON.stringify(report)}\n`);
  });
}
