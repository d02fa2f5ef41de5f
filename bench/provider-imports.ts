import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";
import * as ts from "typescript";

/** The AWS provider package. Its root entry point loads every one of its 2,000+ resource modules. */
export const PROVIDER_PACKAGE = "@cdktf/provider-aws";

/**
 * Specifiers that load the provider's root entry point, `lib/index.js` (the `main` of its package.json
 * in version 21). Every other `@cdktf/provider-aws/lib/<name>` is a deep import of one resource.
 */
const ROOT_SPECIFIERS = new Set([
  PROVIDER_PACKAGE,
  `${PROVIDER_PACKAGE}/`,
  `${PROVIDER_PACKAGE}/lib`,
  `${PROVIDER_PACKAGE}/lib/`,
  `${PROVIDER_PACKAGE}/lib/index`,
  `${PROVIDER_PACKAGE}/lib/index.js`,
]);

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"];

/** One import of the provider package in a source text. */
export interface ProviderImport {
  /** Module specifier as written, for example `@cdktf/provider-aws/lib/vpc-endpoint`. */
  readonly specifier: string;
  /** 1-based line of the specifier. */
  readonly line: number;
  /** Whether the specifier loads the provider's root entry point. */
  readonly isRoot: boolean;
}

/** Returns whether a module specifier loads the provider's root entry point rather than one resource. */
export function isRootProviderImport(specifier: string): boolean {
  return ROOT_SPECIFIERS.has(specifier);
}

/**
 * Finds the imports of the provider package in a TypeScript or JavaScript source text: `import` and
 * `export ... from` declarations (type-only ones too), `import x = require(...)`, `require(...)` calls
 * and dynamic `import(...)`. It uses the TypeScript scanner, so specifiers inside comments and string
 * literals do not count.
 */
export function findProviderImports(sourceText: string): ProviderImport[] {
  const info = ts.preProcessFile(sourceText, true, true);

  return info.importedFiles
    .filter((reference) => reference.fileName === PROVIDER_PACKAGE || reference.fileName.startsWith(`${PROVIDER_PACKAGE}/`))
    .map((reference) => ({
      specifier: reference.fileName,
      line: sourceText.slice(0, reference.pos).split("\n").length,
      isRoot: isRootProviderImport(reference.fileName),
    }));
}

/**
 * Lists the TypeScript and JavaScript files of the given entries below `projectRoot`, as paths relative to
 * it. An entry is a file or a folder, which is walked recursively. A missing entry is skipped.
 */
export function listSourceFiles(projectRoot: string, entries: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      return;
    }
    if (isDirectory) {
      for (const name of readdirSync(path).sort()) {
        if (name !== "node_modules") {
          visit(join(path, name));
        }
      }
    } else if (SOURCE_EXTENSIONS.some((extension) => path.endsWith(extension)) && !path.endsWith(".d.ts")) {
      files.push(relative(projectRoot, path));
    }
  };
  for (const entry of entries) {
    visit(join(projectRoot, entry));
  }
  return files;
}

/**
 * Lists the TypeScript files that `entry` imports, directly or through other files of the project, as
 * paths relative to `projectRoot`, `entry` first. It follows relative specifiers (`./x`, `../x/index`)
 * to `.ts` files and skips packages. Type-only imports are followed too, although the compiled
 * JavaScript drops them.
 */
export function listReachableSourceFiles(projectRoot: string, entry: string): string[] {
  const seen = new Set<string>();
  const pending = [resolve(projectRoot, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    for (const reference of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (!reference.fileName.startsWith(".")) {
        continue;
      }
      const base = resolve(dirname(file), reference.fileName);
      const target = [`${base}.ts`, join(base, "index.ts")].find((candidate) => existsSync(candidate));
      if (target !== undefined) {
        pending.push(target);
      }
    }
  }
  return [...seen].map((file) => relative(projectRoot, file));
}

/** Finds the provider imports of each listed file. Files without any are left out of the result. */
export function scanProviderImports(projectRoot: string, files: readonly string[]): Map<string, ProviderImport[]> {
  const result = new Map<string, ProviderImport[]>();
  for (const file of files) {
    const imports = findProviderImports(readFileSync(join(projectRoot, file), "utf8"));
    if (imports.length > 0) {
      result.set(file, imports);
    }
  }
  return result;
}

/** Returns the deep provider modules imported by the files, sorted and without repeats. */
export function deepProviderModules(importsByFile: ReadonlyMap<string, readonly ProviderImport[]>): string[] {
  const modules = new Set<string>();
  for (const imports of importsByFile.values()) {
    for (const providerImport of imports) {
      if (!providerImport.isRoot) {
        modules.add(providerImport.specifier);
      }
    }
  }
  return [...modules].sort();
}
