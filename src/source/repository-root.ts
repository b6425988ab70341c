/** The repository holding a path: the nearest enclosing directory with a `.git` entry. */
import { gitRepositoryOf } from "./repository.js";

const cache = new Map<string, string | undefined>();

/** The nearest directory at or above `directory` holding `.git`, or undefined outside any repository. */
export function repositoryRoot(directory: string): string | undefined {
  return gitRepositoryOf(directory, cache);
}
