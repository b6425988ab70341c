/** Locates files shipped with iflint (data/, docs/) from both the sources and the compiled dist/. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, "package.json")) || !existsSync(join(directory, "data"))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error("iflint: cannot find the package root (data/ beside package.json)");
    directory = parent;
  }
  cached = directory;
  return directory;
}

export function packageFile(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
