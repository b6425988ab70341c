/**
 * Splits a large scan across worker threads by root module directory. Which directories are
 * called as modules is decided once, for all workers, so each root is evaluated exactly as in a
 * single-threaded scan; findings come back as data and are merged in order.
 */
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { Worker } from "node:worker_threads";
import { statSync } from "node:fs";
import { discoverFiles, type DiscoveredFile } from "../parsers/discover-files.js";
import { readSourceFile } from "../parsers/read-source.js";
import { SourceFile } from "../parsers/source-file.js";
import { Estate } from "../model/estate.js";
import { compareFindings } from "../engine/finding.js";
import type { RuleOutcome } from "../engine/run-rules.js";
import { allRules } from "../../rules/index.js";
import { scan, type ScanOptions, type ScanResult } from "../scan.js";
import { calledDirectoriesByPattern } from "./module-calls.js";
import { deserializeFindings, type SerializedFinding } from "./serialized-finding.js";
import type { WorkerTask } from "./scan-worker.js";

/** Below this much input, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD_BYTES = 4 * 1024 * 1024;
const MAX_WORKERS = 4;

interface WorkerResult {
  findings: SerializedFinding[];
  outcomes: RuleOutcome[];
  fileCount: number;
  bytes: number;
}

export async function scanInParallel(options: ScanOptions, workers = Math.min(MAX_WORKERS, availableParallelism())): Promise<ScanResult> {
  const discovery = discoverFiles(options.paths, options.cwd);
  const sizes = discovery.files.map((file) => safeSize(file.absolutePath));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (workers < 2 || total < PARALLEL_THRESHOLD_BYTES) return scan(options);
  const called = calledDirectoriesByPattern(discovery.files);
  const shares = partition(discovery.files, sizes, called, workers);
  const rules = options.rules ?? allRules;
  const results = await Promise.all(
    shares.map((files) =>
      runWorker({
        files,
        calledDirectories: [...called],
        ruleIds: rules.map((rule) => rule.meta.id),
        cwd: options.cwd,
        varFiles: options.varFiles ? [...options.varFiles] : undefined,
        vars: options.vars ? [...options.vars] : undefined,
        environment: options.environment ? { ...options.environment } : undefined,
      }),
    ),
  );
  const sink = new Estate();
  const readFile = (path: string, absolutePath: string) => readSourceFile(sink, absolutePath, path) ?? new SourceFile(path, "", absolutePath);
  const findings = deserializeFindings(results.flatMap((result) => result.findings), readFile).sort(compareFindings);
  const outcomes = new Map<string, RuleOutcome>();
  for (const outcome of results.flatMap((result) => result.outcomes)) {
    const merged = outcomes.get(outcome.ruleId) ?? { ruleId: outcome.ruleId, failed: 0, passed: 0, unknown: 0 };
    merged.failed += outcome.failed;
    merged.passed += outcome.passed;
    merged.unknown += outcome.unknown;
    outcomes.set(outcome.ruleId, merged);
  }
  return {
    estate: new Estate(),
    discovery,
    findings,
    outcomes: [...outcomes.values()],
    rules,
    fileCount: results.reduce((sum, result) => sum + result.fileCount, 0),
    bytes: results.reduce((sum, result) => sum + result.bytes, 0),
  };
}

/** Whole directories to workers, largest first, each to the least loaded; called modules go with no one. */
function partition(files: readonly DiscoveredFile[], sizes: readonly number[], called: ReadonlySet<string>, workers: number): DiscoveredFile[][] {
  const byDirectory = new Map<string, { files: DiscoveredFile[]; bytes: number }>();
  files.forEach((file, index) => {
    const directory = dirname(file.absolutePath);
    // Called modules are evaluated through their callers (their loader reads them from disk).
    if (called.has(directory) && (file.kind === "hcl" || file.kind === "terraform-json")) return;
    const unit = byDirectory.get(directory) ?? { files: [], bytes: 0 };
    unit.files.push(file);
    unit.bytes += sizes[index];
    byDirectory.set(directory, unit);
  });
  const shares = Array.from({ length: workers }, () => ({ files: [] as DiscoveredFile[], bytes: 0 }));
  for (const unit of [...byDirectory.values()].sort((a, b) => b.bytes - a.bytes)) {
    const lightest = shares.reduce((best, share) => (share.bytes < best.bytes ? share : best));
    lightest.files.push(...unit.files);
    lightest.bytes += unit.bytes;
  }
  return shares.filter((share) => share.files.length).map((share) => share.files);
}

function runWorker(task: WorkerTask): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./scan-worker.js", import.meta.url), { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    worker.once("message", (result: WorkerResult) => resolve(result));
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
