/**
 * Where an `$INCLUDE` (or a `file`/`include` in named.conf) points, confined to what the scan may
 * read. BIND resolves relative paths against its working directory, which is rarely where the
 * repository is checked out, and absolute ones name the server's paths (`/etc/bind/zones/common`):
 * so a path is tried against the including file's directory, the repository's root and the
 * scanned paths, and then by its trailing components (`zones/common`, `common`) under the same
 * directories. Whatever it resolves to must be a regular file, after symlinks, inside the scanned
 * paths or the repository holding the zone.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { isWithin, repositoryRoot } from "../source/repository.js";

export interface ResolvedPath {
  /** The real path (symlinks resolved) of a regular file inside the allowed roots. */
  path?: string;
  /** Why nothing was read: "it does not exist", "it lies outside ...", "it is not a regular file". */
  refused?: string;
}

export class ConfinedPaths {
  private readonly roots: string[];

  /** `scanPaths`: what the user asked to scan (files or directories). */
  constructor(scanPaths: readonly string[]) {
    this.roots = scanPaths.map((path) => realOrSelf(isDirectory(path) ? path : dirname(path)));
  }

  /** The directories a file in `fromDirectory` may read from: the scanned paths and its repository. */
  allowedRoots(fromDirectory: string): string[] {
    const repository = repositoryRoot(realOrSelf(fromDirectory));
    return repository ? [...this.roots, repository] : this.roots;
  }

  resolve(path: string, fromFile: string, extraBases: readonly string[] = []): ResolvedPath {
    const fromDirectory = dirname(fromFile);
    const repository = repositoryRoot(realOrSelf(fromDirectory));
    const roots = repository ? [...this.roots, repository] : this.roots;
    const bases = unique([fromDirectory, ...extraBases, ...(repository ? [repository] : []), ...this.roots]);
    const parts = path.split(/[\\/]+/).filter((part) => part && part !== ".");
    const candidates = unique([
      ...(isAbsolute(path) ? [path] : bases.map((base) => resolve(base, path))),
      // Trailing components, longest first: the server's layout differs from the repository's.
      ...parts.slice(1).flatMap((_, index) => bases.map((base) => resolve(base, ...parts.slice(index + 1)))),
    ]);
    let refused: string | undefined;
    for (const candidate of candidates) {
      try {
        lstatSync(candidate);
      } catch {
        continue;
      }
      let real: string;
      try {
        real = realpathSync(candidate);
      } catch {
        refused ??= "it is a broken or looping symlink";
        continue;
      }
      if (!roots.some((root) => isWithin(root, real))) {
        refused ??= "it lies outside the scanned paths and the repository";
        continue;
      }
      try {
        if (!statSync(real).isFile()) {
          refused ??= "it is not a regular file";
          continue;
        }
      } catch {
        continue;
      }
      return { path: real };
    }
    return { refused: refused ?? "it does not exist" };
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The real path (symlinks resolved), or the path itself when it cannot be resolved. */
export function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The repository holding a file (nearest `.git`), else its directory. */
export function repositoryOf(path: string): string {
  const directory = dirname(realOrSelf(path));
  return repositoryRoot(directory) ?? directory;
}
