/**
 * Which repository a path belongs to: the nearest enclosing directory holding `.git` (a directory,
 * or a file in a worktree or submodule), else the path the user named that holds it. Each
 * repository is scanned as its own estate, so what one holds never changes another's findings.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/** The nearest directory at or above `directory` holding `.git`, memoised per directory walked. */
export function gitRepositoryOf(
  directory: string,
  cache: Map<string, string | undefined> = new Map(),
  /** Directories already known to hold `.git` or not (read by discovery). */
  holdsGit?: ReadonlyMap<string, boolean>,
): string | undefined {
  const walked: string[] = [];
  let current = directory;
  let found: string | undefined;
  for (;;) {
    if (cache.has(current)) {
      found = cache.get(current);
      break;
    }
    walked.push(current);
    if (holdsGit?.get(current) ?? existsSync(join(current, ".git"))) {
      found = current;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const step of walked) cache.set(step, found);
  return found;
}

/** True when `path` is `base` or inside it (a directory named `..x` inside it counts as inside). */
export function isWithin(base: string, path: string): boolean {
  const within = relative(base, path);
  return within === "" || (within !== ".." && !within.startsWith(`..${sep}`) && !isAbsolute(within));
}

const repositories = new Map<string, string | undefined>();

/** The nearest directory at or above `directory` holding `.git`, or undefined outside any repository. */
export function repositoryRoot(directory: string): string | undefined {
  return gitRepositoryOf(directory, repositories);
}

/**
 * The repository of each file's directory: its git repository, else the outermost of the scanned
 * paths holding it (so naming a path and one inside it changes nothing), else the directory itself.
 */
export function repositoryFinder(
  scanPaths: readonly string[],
  holdsGit?: ReadonlyMap<string, boolean>,
): (directory: string) => string {
  const cache = new Map<string, string | undefined>();
  const outermostFirst = [...scanPaths].sort((a, b) => a.length - b.length);
  // Answered once per directory: a directory holds several files, and `isWithin` costs a `relative`.
  const answers = new Map<string, string>();
  return (directory) => {
    let answer = answers.get(directory);
    if (answer === undefined) {
      answer =
        gitRepositoryOf(directory, cache, holdsGit) ??
        outermostFirst.find((path) => isWithin(path, directory)) ??
        directory;
      answers.set(directory, answer);
    }
    return answer;
  };
}
