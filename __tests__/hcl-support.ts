import { spawnSync, SpawnSyncReturns } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** Whether a terraform binary is on PATH. */
export const terraformAvailable = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

/**
 * Runs terraform offline: no update check, and an empty CLI config so that a missing ~/.terraformrc
 * is not reported.
 */
export function runTerraform(args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  const config = join(mkdtempSync(join(tmpdir(), "healthlake-tfrc-")), "cli.tfrc");
  writeFileSync(config, "");
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: config, TF_IN_AUTOMATION: "1" };
  return spawnSync("terraform", args, { cwd, env, encoding: "utf8", input });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Reshapes Terraform JSON the way `@cdktf/hcl2json` returns parsed HCL, so the two can be compared:
 * every block becomes a list of bodies, variable types become `${type}` expressions, and cdktf's `//`
 * comments go. `blockPaths` names the nested blocks, as `collectBlockPaths` returns them.
 */
export function toHcl2JsonShape(json: Json, blockPaths: ReadonlySet<string>): Json {
  const config = withoutComments(json) as Record<string, Json>;
  const shaped: Record<string, Json> = {};
  for (const [section, value] of Object.entries(config)) {
    const byName = value as Record<string, Json>;
    if (section === "terraform") {
      const { required_providers: providers, backend, ...rest } = byName as Record<string, Json>;
      const body: Record<string, Json> = { ...rest };
      if (providers !== undefined) {
        body.required_providers = [providers];
      }
      if (backend !== undefined) {
        body.backend = Object.fromEntries(Object.entries(backend as Record<string, Json>).map(([type, settings]) => [type, [settings]]));
      }
      shaped.terraform = [body];
    } else if (section === "locals") {
      shaped.locals = [byName];
    } else if (section === "provider") {
      shaped.provider = mapValues(byName, (instances, name) => (instances as Json[]).map((instance) => shapeBody(instance, `provider.${name}`, blockPaths)));
    } else if (section === "variable") {
      shaped.variable = mapValues(byName, (body) => {
        const variable = { ...(body as Record<string, Json>) };
        variable.type = `\${${String(variable.type)}}`;
        return [variable];
      });
    } else if (section === "output") {
      shaped.output = mapValues(byName, (body) => [body]);
    } else {
      shaped[section] = mapValues(byName, (instances, type) => mapValues(instances as Record<string, Json>, (body) => [shapeBody(body, `${section}.${type}`, blockPaths)]));
    }
  }
  return shaped;
}

/** Removes whitespace from strings that hold expressions, because the formatter changes their spacing. */
export function withCanonicalExpressions(value: unknown): unknown {
  if (typeof value === "string") {
    return value.includes("${") ? value.replace(/\s+/g, "") : value;
  }
  if (Array.isArray(value)) {
    return value.map(withCanonicalExpressions);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withCanonicalExpressions(item)]));
  }
  return value;
}

function shapeBody(body: Json, schemaPath: string, blockPaths: ReadonlySet<string>): Json {
  const shaped: Record<string, Json> = {};
  for (const [key, value] of Object.entries(body as Record<string, Json>)) {
    const path = `${schemaPath}.${key}`;
    if (key === "lifecycle") {
      shaped[key] = [value];
    } else if (blockPaths.has(path)) {
      shaped[key] = (Array.isArray(value) ? value : [value]).map((instance) => shapeBody(instance, path, blockPaths));
    } else {
      shaped[key] = value;
    }
  }
  return shaped;
}

function mapValues(record: Record<string, Json>, map: (value: Json, key: string) => Json): Record<string, Json> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value, key)]));
}

function withoutComments(value: Json): Json {
  if (Array.isArray(value)) {
    return value.map(withoutComments);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "//").map(([key, item]) => [key, withoutComments(item)]));
  }
  return value;
}
