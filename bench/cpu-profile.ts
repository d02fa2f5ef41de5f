import { readFileSync } from "fs";

/** The parts of a V8 `.cpuprofile` file (as written by `node --cpu-prof`) that the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  /** Microseconds since the previous sample, or since the profile's start for the first sample. */
  readonly timeDeltas: readonly number[];
}

/** Time of one group of profile nodes. */
export interface ProfileTime {
  readonly name: string;
  readonly milliseconds: number;
  readonly share: number;
}

/** Breakdown of the sampled time of a CPU profile. */
export interface CpuProfileSummary {
  readonly totalMilliseconds: number;
  /** Self time by package (`cdktf`), project folder (`dist/modules`), native code, or V8 category. */
  readonly byPackage: readonly ProfileTime[];
  /** Self time by function, with its file and line. */
  readonly byFunction: readonly ProfileTime[];
  /** Total time (self time and callees) of the project's own functions, those compiled into `dist/`. */
  readonly projectFunctions: readonly ProfileTime[];
}

/**
 * Returns the group of a profile node: the npm package or the folder under dist/ of its script, Node's
 * internals, native code (functions without a script, such as built-ins and bindings), or a V8 category
 * such as `(garbage collector)`.
 */
function packageOf(url: string, functionName: string): string {
  if (url === "") {
    return functionName.startsWith("(") ? functionName : "(native code)";
  }
  if (url.startsWith("node:")) {
    return "(Node.js internals)";
  }
  const packageMatch = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packageMatch) {
    return packageMatch[1];
  }
  const projectMatch = /\/(dist\/(?:[^/]+\/)?)/.exec(url);
  return projectMatch ? projectMatch[1].replace(/\/$/, "") : url;
}

/** Shortens a script URL to the part after `node_modules/` or the project folder. */
function shortLocation(url: string, lineNumber: number): string {
  const short = url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "").replace(/^.*\/(dist\/)/, "$1");
  return short === "" ? "" : `${short}:${lineNumber + 1}`;
}

function isProjectCode(url: string): boolean {
  return url.includes("/dist/") && !url.includes("/node_modules/");
}

function topEntries(totals: Map<string, number>, totalMicros: number, count: number): ProfileTime[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, milliseconds: micros / 1000, share: totalMicros === 0 ? 0 : micros / totalMicros }));
}

function add(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

/**
 * Reads a `.cpuprofile` file and sums the time of its samples by package, by function, and for each
 * project function with its callees. Each sample is charged the time until the next sample.
 */
export function summarizeCpuProfile(path: string, rowCount = 12): CpuProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parents.set(child, node.id);
    }
  }

  const functionKey = (node: CpuProfile["nodes"][number]): string => {
    const location = shortLocation(node.callFrame.url, node.callFrame.lineNumber);
    return `${node.callFrame.functionName || "(anonymous)"}${location === "" ? "" : ` ${location}`}`;
  };

  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const projectFunctions = new Map<string, number>();
  let totalMicros = 0;

  profile.samples.forEach((nodeId, index) => {
    const micros = profile.timeDeltas[index + 1] ?? 0;
    const node = nodes.get(nodeId);
    if (node === undefined) {
      return;
    }
    totalMicros += micros;
    add(byPackage, packageOf(node.callFrame.url, node.callFrame.functionName), micros);
    add(byFunction, functionKey(node), micros);

    // Charge the sample to every project function on its stack, once each even under recursion.
    const charged = new Set<string>();
    for (let frame: number | undefined = nodeId; frame !== undefined; frame = parents.get(frame)) {
      const frameNode = nodes.get(frame);
      if (frameNode !== undefined && isProjectCode(frameNode.callFrame.url)) {
        const key = functionKey(frameNode);
        if (!charged.has(key)) {
          charged.add(key);
          add(projectFunctions, key, micros);
        }
      }
    }
  });

  return {
    totalMilliseconds: totalMicros / 1000,
    byPackage: topEntries(byPackage, totalMicros, 10),
    byFunction: topEntries(byFunction, totalMicros, rowCount),
    projectFunctions: topEntries(projectFunctions, totalMicros, rowCount),
  };
}
