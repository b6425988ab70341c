/**
 * Splits a large scan across worker threads by root module directory. Which directories are
 * called as modules is decided once, for all workers, so each root is evaluated exactly as in a
 * single-threaded scan; findings come back as data and are merged in order.
 */
import { availableParallelism } from "node:os";
import { cdktfProjectOf } from "../parsers/cdktf/project.js";
import { dirname, sep } from "node:path";
import { Worker } from "node:worker_threads";
import { statSync } from "node:fs";
import { discoverFiles, type DiscoveredFile, type Discovery } from "../parsers/discover-files.js";
import { readSourceFile } from "../source/read-source.js";
import { SourceFile } from "../source/source-file.js";
import { Estate } from "../model/estate.js";
import { compareFindings, type Finding } from "../engine/finding.js";
import type { Rule } from "../engine/rule.js";
import type { RuleOutcome } from "../engine/run-rules.js";
import { allRules } from "../../rules/index.js";
import {
  extraZoneFiles,
  formatNotes,
  ignoredBy,
  scan,
  scanFiles,
  selectRules,
  type ScanOptions,
  type ScanResult,
} from "../scan.js";
import { calledDirectoriesByPattern } from "./module-calls.js";
import { terragruntTargets, type TerragruntTarget } from "../load/terragrunt-sources.js";
import { cdkAppDirectory } from "../load/cloudformation-cdk.js";
import { deserializeFindings, type SerializedFinding } from "./serialized-finding.js";
import type { WorkerTask } from "./scan-worker.js";

/** Below this much input, splitting costs more than it saves. */
const SPLIT_THRESHOLD_BYTES = 4 * 1024 * 1024;
/** In one thread, large scans go in groups of about this size, so memory is bounded by a group. */
const GROUP_BYTES = 4 * 1024 * 1024;
const MAX_WORKERS = 4;

/**
 * Workers pay only where cores are free beyond the garbage collector's helper threads; on two
 * cores, measured, two workers were slower than one thread.
 */
function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores >= 4 ? Math.min(MAX_WORKERS, cores - 1) : 1;
}

interface WorkerResult {
  notes: string[];
  findings: SerializedFinding[];
  outcomes: RuleOutcome[];
  fileCount: number;
  remoteModules: number;
  bytes: number;
}

export async function scanInParallel(options: ScanOptions, workers = defaultWorkers()): Promise<ScanResult> {
  const discovery = discoverFiles(options.paths, options.cwd, ignoredBy(options), extraZoneFiles(options));
  const sizes = discovery.files.map((file) => safeSize(file.absolutePath));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total < SPLIT_THRESHOLD_BYTES) return scan(options);
  const called = calledDirectoriesByPattern(discovery.files);
  const terragrunt = terragruntTargets(discovery.files);
  const rules = selectRules(options.rules ?? allRules, options.config ?? {});
  if (workers < 2)
    return scanInGroups(
      options,
      discovery,
      partition(discovery.files, sizes, called, Math.ceil(total / GROUP_BYTES)),
      called,
      terragrunt,
      rules,
    );
  const shares = partition(discovery.files, sizes, called, workers);
  const results = await Promise.all(
    shares.map((files) =>
      runWorker({
        files,
        paths: [...options.paths],
        calledDirectories: [...called],
        terragruntTargets: terragrunt,
        ruleIds: rules.map((rule) => rule.meta.id),
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
  const findings = deserializeFindings(
    results.flatMap((result) => result.findings),
    readFile,
  ).sort(compareFindings);
  const outcomes = new Map<string, RuleOutcome>();
  mergeOutcomes(
    outcomes,
    results.flatMap((result) => result.outcomes),
  );
  return {
    estate: new Estate(),
    discovery,
    findings,
    outcomes: [...outcomes.values()],
    rules,
    fileCount: results.reduce((sum, result) => sum + result.fileCount, 0),
    remoteModules: results.reduce((sum, result) => sum + result.remoteModules, 0),
    bytes: results.reduce((sum, result) => sum + result.bytes, 0),
    notes: results.flatMap((result) => result.notes),
  };
}

/** One group of root modules after another in this thread; only findings are kept between groups. */
function scanInGroups(
  options: ScanOptions,
  discovery: Discovery,
  groups: DiscoveredFile[][],
  called: ReadonlySet<string>,
  terragrunt: readonly TerragruntTarget[],
  rules: readonly Rule[],
): ScanResult {
  const findings: Finding[] = [];
  const outcomes = new Map<string, RuleOutcome>();
  let fileCount = 0;
  let remoteModules = 0;
  let bytes = 0;
  const notes: string[] = [];
  for (const files of groups) {
    const part = scanFiles(files, { ...options, rules, calledDirectories: called, terragruntTargets: terragrunt });
    findings.push(...part.findings);
    notes.push(...formatNotes(part.estate));
    mergeOutcomes(outcomes, part.outcomes);
    fileCount += part.estate.files.length;
    remoteModules += part.estate.remoteModuleCalls.size;
    bytes += part.estate.files.reduce((total, scanned) => total + scanned.file.text.length, 0);
  }
  return {
    estate: new Estate(),
    discovery,
    findings: findings.sort(compareFindings),
    outcomes: [...outcomes.values()],
    rules,
    fileCount,
    bytes,
    notes,
    remoteModules,
  };
}

function mergeOutcomes(into: Map<string, RuleOutcome>, outcomes: readonly RuleOutcome[]): void {
  for (const outcome of outcomes) {
    const merged = into.get(outcome.ruleId) ?? {
      ruleId: outcome.ruleId,
      failed: 0,
      passed: 0,
      unknown: 0,
      milliseconds: 0,
    };
    merged.failed += outcome.failed;
    merged.passed += outcome.passed;
    merged.unknown += outcome.unknown;
    merged.milliseconds += outcome.milliseconds;
    into.set(outcome.ruleId, merged);
  }
}

/** Whole directories to workers, largest first, each to the least loaded; called modules go with no one. */
function partition(
  files: readonly DiscoveredFile[],
  sizes: readonly number[],
  called: ReadonlySet<string>,
  workers: number,
): DiscoveredFile[][] {
  const byDirectory = new Map<string, { files: DiscoveredFile[]; bytes: number }>();
  files.forEach((file, index) => {
    const directory = dirname(file.absolutePath);
    // Called modules are evaluated through their callers (their loader reads them from disk).
    if (called.has(directory) && (file.kind === "hcl" || file.kind === "terraform-json")) return;
    // A CDKTF project's TypeScript and synthesized JSON go together, so each construct is reported once.
    const cdktf =
      file.kind === "cdktf" || file.absolutePath.endsWith("cdk.tf.json") ? cdktfProjectOf(directory) : undefined;
    // An AWS CDK app's TypeScript and its cloud assembly go together, for the same reason.
    const cdk =
      file.kind === "cdk" || (file.kind === "cloudformation" && file.absolutePath.includes(`${sep}cdk.out${sep}`))
        ? cdkAppDirectory(directory)
        : undefined;
    const key = cdktf ?? cdk ?? directory;
    const unit = byDirectory.get(key) ?? { files: [], bytes: 0 };
    unit.files.push(file);
    unit.bytes += sizes[index];
    byDirectory.set(key, unit);
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
    const worker = new Worker(new URL("./scan-worker.js", import.meta.url), {
      workerData: task,
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
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
