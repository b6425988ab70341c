/**
 * The whole pipeline, top to bottom: find files → parse and model them → run rules → findings.
 * Large scans are split by root module across worker threads (scan-parallel.ts); both paths run
 * `scanFiles` below, so they give the same findings.
 */
import { discoverFiles, type DiscoveredFile, type Discovery } from "./parsers/discover-files.js";
import { loadEstate } from "./model/load-estate.js";
import type { Estate } from "./model/estate.js";
import { runRules, type RuleOutcome } from "./engine/run-rules.js";
import { compareFindings, type Finding } from "./engine/finding.js";
import type { Rule } from "./engine/rule.js";
import { allRules } from "../rules/index.js";

export interface ScanOptions {
  paths: readonly string[];
  cwd?: string;
  rules?: readonly Rule[];
  /** `--var-file` files, in order. */
  varFiles?: readonly string[];
  /** `--var name=value` assignments, in order. */
  vars?: readonly string[];
  /** Environment for `TF_VAR_name` values (defaults to none, so scans are reproducible in tests). */
  environment?: Readonly<Record<string, string | undefined>>;
}

export interface ScanResult {
  /** The whole estate for a scan in one thread; for a split scan, empty (each worker had its part). */
  estate: Estate;
  discovery: Discovery;
  findings: Finding[];
  outcomes: RuleOutcome[];
  rules: readonly Rule[];
  /** Files read, including local modules outside the scanned paths. */
  fileCount: number;
  /** Characters of input read. */
  bytes: number;
}

export interface FileScan {
  estate: Estate;
  findings: Finding[];
  outcomes: RuleOutcome[];
}

/** Parses, models and evaluates the files, runs the rules, and turns diagnostics into findings. */
export function scanFiles(files: readonly DiscoveredFile[], options: Omit<ScanOptions, "paths"> & { calledDirectories?: ReadonlySet<string> }): FileScan {
  const estate = loadEstate(files, { cwd: options.cwd, varFiles: options.varFiles, vars: options.vars, environment: options.environment, calledDirectories: options.calledDirectories });
  const { findings, outcomes } = runRules(estate, options.rules ?? allRules);
  const parseErrors: Finding[] = estate.diagnostics.map((diagnostic) => ({
    ruleId: "parse-error",
    ruleName: "parse-error",
    category: "parse-error",
    severity: "error",
    message: `${diagnostic.summary}: ${diagnostic.detail}`,
    guidance: [],
    range: diagnostic.range,
    trace: [],
    related: [],
    suppressed: false,
  }));
  return { estate, findings: [...parseErrors, ...findings].sort(compareFindings), outcomes };
}

export function scan(options: ScanOptions): ScanResult {
  const discovery = discoverFiles(options.paths, options.cwd);
  const { estate, findings, outcomes } = scanFiles(discovery.files, options);
  const bytes = estate.files.reduce((total, scanned) => total + scanned.file.text.length, 0);
  return { estate, discovery, findings, outcomes, rules: options.rules ?? allRules, fileCount: estate.files.length, bytes };
}
