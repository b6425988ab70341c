/**
 * CDKTF projects on disk: the directory holding `cdktf.json`, and the TypeScript its `app`
 * command runs (the entry file and the modules it imports), found without running anything.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readRegularFile, type ReadBoundary } from "../../source/read-boundary.js";

/** A project file's text: only regular files inside the boundary, if one is given. */
function readText(path: string, boundary?: ReadBoundary): string | undefined {
  try {
    let real = path;
    if (boundary) {
      const resolution = boundary.resolve(path, path);
      if (!("real" in resolution) || resolution.directory) return undefined;
      real = resolution.real;
    }
    const read = readRegularFile(real, path);
    return "bytes" in read ? read.bytes.toString("utf8") : undefined;
  } catch {
    return undefined;
  }
}

const projectRoots = new Map<string, string | undefined>();

/** The nearest directory at or above `directory` that holds `cdktf.json`. */
export function cdktfProjectOf(directory: string): string | undefined {
  if (projectRoots.has(directory)) return projectRoots.get(directory);
  const parent = dirname(directory);
  const root = existsSync(join(directory, "cdktf.json"))
    ? directory
    : parent === directory
      ? undefined
      : cdktfProjectOf(parent);
  projectRoots.set(directory, root);
  return root;
}

/** The entry file named by `cdktf.json`'s `app` (`npx ts-node main.ts`), else `main.ts`. */
export function cdktfEntryFile(project: string, boundary?: ReadBoundary): string | undefined {
  let app = "";
  try {
    const parsed = JSON.parse(readText(join(project, "cdktf.json"), boundary) ?? "{}") as { app?: unknown };
    if (typeof parsed.app === "string") app = parsed.app;
  } catch {
    // An unreadable cdktf.json: fall back to the convention.
  }
  const named = app.split(/\s+/).find((token) => /\.[cm]?[jt]s$/.test(token));
  const candidates = named ? [named.replace(/\.[cm]?js$/, ".ts"), named] : ["main.ts"];
  return candidates
    .map((candidate) => resolve(project, candidate))
    .find((path) => isFile(path) && path.endsWith(".ts"));
}

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

/** The entry file and every TypeScript module it reaches through relative imports, inside the project. */
export function cdktfProjectSources(project: string, boundary?: ReadBoundary): string[] {
  const entry = cdktfEntryFile(project, boundary);
  return entry ? importedModules([entry], project, boundary) : [];
}

/** Modules imports are followed into, so a constant there can be read; bounded for pathological trees. */
const MAX_IMPORTED_MODULES = 500;

/** The files and every TypeScript module they reach through relative imports, under `within`. */
export function importedModules(files: readonly string[], within: string, boundary?: ReadBoundary): string[] {
  const seen = new Set<string>(files);
  const queue = [...files];
  while (queue.length && seen.size < MAX_IMPORTED_MODULES) {
    const file = queue.pop() as string;
    const text = readText(file, boundary);
    if (text === undefined) continue;
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      const target = resolveModule(resolve(dirname(file), match[1]));
      if (target && target.startsWith(within) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

function resolveModule(base: string): string | undefined {
  const stem = base.replace(/\.[cm]?js$/, "");
  return [`${stem}.ts`, base, join(base, "index.ts")].find(
    (candidate) => candidate.endsWith(".ts") && !candidate.endsWith(".d.ts") && isFile(candidate),
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
