/** The repository holding a path: the nearest enclosing directory with a `.git` entry. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

const cache = new Map<string, string | undefined>();

/** The nearest directory at or above `directory` holding `.git`, or undefined outside any repository. */
export function repositoryRoot(directory: string): string | undefined {
  if (cache.has(directory)) return cache.get(directory);
  const parent = dirname(directory);
  const found = existsSync(join(directory, ".git"))
    ? directory
    : parent === directory
      ? undefined
      : repositoryRoot(parent);
  cache.set(directory, found);
  return found;
}
