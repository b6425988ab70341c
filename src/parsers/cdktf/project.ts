/**
 * CDKTF projects on disk: the directory holding `cdktf.json`, and the TypeScript its `app`
 * command runs (the entry file and the modules it imports), found without running anything.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

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
export function cdktfEntryFile(project: string): string | undefined {
  let app = "";
  try {
    const parsed = JSON.parse(readFileSync(join(project, "cdktf.json"), "utf8")) as { app?: unknown };
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
export function cdktfProjectSources(project: string): string[] {
  const entry = cdktfEntryFile(project);
  return entry ? importedModules([entry], project) : [];
}

/** Modules imports are followed into, so a constant there can be read; bounded for pathological trees. */
const MAX_IMPORTED_MODULES = 500;

const PACKAGE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']((?:@[\w.-]+\/)?[\w.-]+)(\/[^"']*)?["']/gm;

/**
 * The files and every TypeScript module they reach through relative imports, and through imports
 * of the workspace's own packages (`@acme/constructs` → packages/constructs), under `within`.
 */
export function importedModules(
  files: readonly string[],
  within: string,
  workspace: ReadonlyMap<string, WorkspacePackage> = new Map(),
): string[] {
  const seen = new Set<string>(files);
  const queue = [...files];
  const follow = (target: string | undefined) => {
    if (target && target.startsWith(within) && !seen.has(target)) {
      seen.add(target);
      queue.push(target);
    }
  };
  while (queue.length && seen.size < MAX_IMPORTED_MODULES) {
    const file = queue.pop() as string;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const match of text.matchAll(RELATIVE_IMPORT)) follow(resolveModule(resolve(dirname(file), match[1])));
    if (!workspace.size) continue;
    for (const match of text.matchAll(PACKAGE_IMPORT)) {
      const found = workspace.get(match[1]);
      if (found) follow(match[2] ? resolveModule(join(found.directory, match[2])) : found.entry);
    }
  }
  return [...seen].sort();
}

/** A package of the workspace being scanned: its directory and the TypeScript its imports resolve to. */
export interface WorkspacePackage {
  directory: string;
  entry?: string;
}

/** Directories looked into for package.json files, so a huge tree cannot make this slow. */
const MAX_WORKSPACE_DIRECTORIES = 5_000;
const MAX_WORKSPACE_DEPTH = 6;
const NOT_PACKAGES = new Set(["node_modules", ".git", "cdktf.out", ".terraform", "dist", "build", "coverage"]);
const workspaces = new Map<string, Map<string, WorkspacePackage>>();

/**
 * The packages under `root` (a monorepo's own libraries, never node_modules), by name: how the
 * workspace tool links them, found without running it.
 */
export function workspacePackages(root: string): Map<string, WorkspacePackage> {
  const cached = workspaces.get(root);
  if (cached) return cached;
  const packages = new Map<string, WorkspacePackage>();
  let visited = 0;
  const visit = (directory: string, depth: number) => {
    if (visited++ > MAX_WORKSPACE_DIRECTORIES) return;
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.isFile() && entry.name === "package.json")) {
      const found = packageAt(directory);
      if (found && !packages.has(found.name)) packages.set(found.name, found.package);
    }
    if (depth >= MAX_WORKSPACE_DEPTH) return;
    for (const entry of entries)
      if (entry.isDirectory() && !NOT_PACKAGES.has(entry.name) && !entry.name.startsWith("."))
        visit(join(directory, entry.name), depth + 1);
  };
  visit(root, 0);
  workspaces.set(root, packages);
  return packages;
}

function packageAt(directory: string): { name: string; package: WorkspacePackage } | undefined {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof manifest.name !== "string" || !manifest.name) return undefined;
  const named = [manifest.types, manifest.typings, manifest.source, manifest.main]
    .filter((value): value is string => typeof value === "string")
    .flatMap((value) => [value, value.replace(/^(?:\.\/)?(?:dist|lib|build)\//, "src/")]);
  const entry = [...named, "index.ts", "src/index.ts", "lib/index.ts", "main.ts"]
    .map((candidate) => resolveModule(resolve(directory, candidate.replace(/\.d\.ts$/, ".ts"))))
    .find((candidate) => candidate !== undefined);
  return { name: manifest.name, package: { directory, entry } };
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
