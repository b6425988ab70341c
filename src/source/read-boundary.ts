/**
 * What a scan may read: regular files whose real path lies inside the paths it was given or the
 * repository holding them. Symlinks are resolved before the check, so a link inside the scan
 * cannot lead out of it; devices, FIFOs and sockets are never opened (a FIFO blocks a read
 * forever, /dev/zero never ends). A scan of an untrusted pull request must not print a runner's
 * files into a public report.
 */
import { constants, fstatSync, lstatSync, openSync, closeSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { gitRepositoryOf, isWithin } from "./repository.js";

/** Why a path was not read: the diagnostic's kind, and a sentence naming what the user wrote. */
export interface Refusal {
  kind: "outside-scan" | "special-file" | "file-too-large";
  detail: string;
}

export type Resolution = { real: string; directory: boolean } | { refusal: Refusal } | { missing: string };

/** Past this size a file is not source code; it is not read into memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export class ReadBoundary {
  /** Real paths of the directories reads may reach into. */
  readonly roots: readonly string[];
  private readonly repositories = new Map<string, string | undefined>();

  constructor(directories: Iterable<string>) {
    const roots = new Set<string>();
    for (const directory of directories) {
      const real = realOrResolved(directory);
      roots.add(real);
      const repository = this.repositoryOf(real);
      if (repository) roots.add(repository);
    }
    this.roots = [...roots];
  }

  /**
   * The boundary of a scan of `paths`: each directory named, the directory of each file named (a
   * named symlink is judged by where it points, like any other), and the repositories holding them.
   */
  static forScan(paths: readonly string[], cwd = process.cwd()): ReadBoundary {
    return new ReadBoundary(
      (paths.length ? paths : ["."]).map((path) => {
        const absolute = resolve(cwd, path);
        let directory = absolute;
        try {
          if (!statSync(absolute).isDirectory()) directory = dirname(absolute);
        } catch {
          directory = dirname(absolute);
        }
        return directory;
      }),
    );
  }

  /** This boundary widened to more directories (a CDKTF project above a scanned `cdktf.out`). */
  including(directories: Iterable<string>): ReadBoundary {
    return new ReadBoundary([...this.roots, ...directories]);
  }

  contains(realPath: string): boolean {
    return this.roots.some((root) => isWithin(root, realPath));
  }

  /** Resolves a path's symlinks and says whether a scan may read it; `shown` is how messages name it. */
  resolve(path: string, shown: string): Resolution {
    // Asked first, without an exception when the path is missing: scans ask after many missing
    // paths (a `.terraform/modules` manifest per root module), and an exception costs far more
    // than a stat. stat follows symlinks, so it describes the real path.
    let stats;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch (error) {
      return { missing: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
    if (stats === undefined) return { missing: "ENOENT" };
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch (error) {
      return { missing: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
    if (!this.contains(real)) return { refusal: outside(path, shown) };
    if (stats.isDirectory()) return { real, directory: true };
    if (!stats.isFile()) return { refusal: specialFile(shown) };
    return { real, directory: false };
  }

  /** The nearest directory with `.git` at or above a directory, memoised. */
  repositoryOf(directory: string): string | undefined {
    return gitRepositoryOf(directory, this.repositories);
  }
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function outside(path: string, shown: string): Refusal {
  return {
    kind: "outside-scan",
    detail: isSymbolicLink(path)
      ? `${shown} is a symbolic link that leads outside the scanned paths and their repository; it is not read.`
      : `${shown} is outside the scanned paths and their repository; it is not read.`,
  };
}

export function specialFile(shown: string): Refusal {
  return {
    kind: "special-file",
    detail: `${shown} is not a regular file (a device, FIFO or socket); it is not read.`,
  };
}

/**
 * Reads a regular file's bytes without ever blocking on a special file: opened non-blocking and
 * checked on the open descriptor, so a file swapped for a FIFO after a check is still refused.
 */
export function readRegularFile(path: string, shown: string): { bytes: Buffer } | { refusal: Refusal } {
  const descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { refusal: specialFile(shown) };
    if (stats.size > MAX_FILE_BYTES)
      return {
        refusal: {
          kind: "file-too-large",
          detail: `${shown} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; it is not read.`,
        },
      };
    const bytes = Buffer.allocUnsafe(stats.size); // only the bytes read are returned
    let length = 0;
    while (length < bytes.length) {
      const read = readSync(descriptor, bytes, length, bytes.length - length, length);
      if (read === 0) break;
      length += read;
    }
    // A file that shrank since fstat: only what was read.
    return { bytes: length === bytes.length ? bytes : bytes.subarray(0, length) };
  } finally {
    closeSync(descriptor);
  }
}
