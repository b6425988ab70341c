/**
 * The scan a gate runs: repository after repository in this thread, each estate dropped once its
 * findings are out, so memory is bounded by the largest repository; on machines with cores to
 * spare, whole repositories go to worker threads. Work is never split inside a repository, so no
 * result depends on how the scan is split.
 */
import { statSync } from "node:fs";
import { osModule, workerThreadsModule } from "../source/lazy-builtins.js";
import { discoverFiles } from "../parsers/discover-files.js";
import { ReadAhead } from "../source/read-ahead.js";
import { readSourceFile } from "../source/read-source.js";
import { SourceFile } from "../source/source-file.js";
import { Estate } from "../model/estate.js";
import {
  extraZoneFiles,
  ignoredBy,
  mergeRepositories,
  repositoriesOf,
  scanRepository,
  type Repository,
  type ScanOptions,
  type ScanResult,
} from "../scan.js";
import { deserializeFindings } from "./serialized-finding.js";
import { COLLECT_AFTER_BYTES, collectGarbage } from "./collect-garbage.js";
import type { WorkerRepositoryResult, WorkerTask } from "./scan-worker.js";

/** Below this much input, starting workers costs more than it saves. */
const SPLIT_THRESHOLD_BYTES = 4 * 1024 * 1024;
const MAX_WORKERS = 4;

/**
 * Workers pay only where cores are free beyond the garbage collector's helper threads; on two
 * cores, measured, two workers were slower than one thread.
 */
function defaultWorkers(): number {
  const cores = osModule().availableParallelism();
  return cores >= 4 ? Math.min(MAX_WORKERS, cores - 1) : 1;
}

/** `workers`: how many threads at most; by default, from the cores (asked only when there are repositories to split). */
export async function scanInParallel(options: ScanOptions, workers?: number): Promise<ScanResult> {
  try {
    return await scanDiscovered(options, workers);
  } finally {
    // Discovery may have started a read-ahead thread that no repository took (or workers read).
    ReadAhead.coolDown();
  }
}

async function scanDiscovered(options: ScanOptions, workers: number | undefined): Promise<ScanResult> {
  const discovery = discoverFiles(options.paths, options.cwd, ignoredBy(options), extraZoneFiles(options));
  const repositories = repositoriesOf(discovery.files, options, discovery.holdsGit);
  // Sized (a stat per file) only when the scan could be split; the cores asked only then too.
  const threads = repositories.length >= 2 ? (workers ?? defaultWorkers()) : 1;
  const sizes =
    threads >= 2
      ? repositories.map((repository) => repository.files.reduce((sum, file) => sum + safeSize(file.absolutePath), 0))
      : undefined;
  if (!sizes || sizes.reduce((sum, size) => sum + size, 0) < SPLIT_THRESHOLD_BYTES)
    return mergeRepositories(
      options,
      discovery,
      repositories.map((repository) => {
        const part = scanWithoutEstate(repository, options, discovery.tfvarsNames);
        if (part.bytes >= COLLECT_AFTER_BYTES) collectGarbage();
        return { directory: repository.directory, part };
      }),
      false,
    );
  const shares = partition(repositories, sizes, threads);
  const results = await Promise.all(
    shares.map((share) =>
      runWorker({
        repositories: share,
        paths: [...options.paths],
        ruleIds: (options.rules ?? []).map((rule) => rule.meta.id),
        allRules: options.rules === undefined,
        cwd: options.cwd,
        varFiles: options.varFiles ? [...options.varFiles] : undefined,
        vars: options.vars ? [...options.vars] : undefined,
        environment: options.environment ? { ...options.environment } : undefined,
        config: options.config,
        configPath: options.configPath,
        today: options.today,
        reportUnusedIgnores: options.reportUnusedIgnores,
        evaluateAll: options.evaluateAll,
        cfnParameters: options.cfnParameters ? { ...options.cfnParameters } : undefined,
      }),
    ),
  );
  const sink = new Estate();
  const readFile = (path: string, absolutePath: string) =>
    readSourceFile(sink, absolutePath, path) ?? new SourceFile(path, "", absolutePath);
  const byDirectory = new Map(results.flat().map((result) => [result.directory, result]));
  // Merged in discovery order, exactly as the single-threaded scan merges them.
  const parts = repositories.map((repository) => {
    const result = byDirectory.get(repository.directory) as WorkerRepositoryResult;
    return {
      directory: repository.directory,
      part: { ...result, findings: deserializeFindings(result.findings, readFile) },
    };
  });
  return mergeRepositories(options, discovery, parts, false);
}

/** A repository's findings and figures, its estate let go (out of scope once this returns). */
function scanWithoutEstate(
  repository: Repository,
  options: ScanOptions,
  tfvarsNames: ReadonlyMap<string, readonly string[]> | undefined,
) {
  const { estate: _dropped, ...part } = scanRepository(repository, options, tfvarsNames);
  return part;
}

/** Whole repositories to workers, largest first, each to the least loaded. */
function partition(repositories: readonly Repository[], sizes: readonly number[], workers: number): Repository[][] {
  const shares = Array.from({ length: workers }, () => ({ repositories: [] as Repository[], bytes: 0 }));
  const order = repositories.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a]);
  for (const index of order) {
    const lightest = shares.reduce((best, share) => (share.bytes < best.bytes ? share : best));
    lightest.repositories.push(repositories[index]);
    lightest.bytes += sizes[index];
  }
  return shares.filter((share) => share.repositories.length).map((share) => share.repositories);
}

function runWorker(task: WorkerTask): Promise<WorkerRepositoryResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new (workerThreadsModule().Worker)(new URL("./scan-worker.js", import.meta.url), {
      workerData: task,
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    worker.once("message", (result: WorkerRepositoryResult[]) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
    });
  });
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
