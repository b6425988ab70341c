/**
 * The whole pipeline, top to bottom: find files → parse and model them → run rules → findings.
 * Reporters and the CLI consume the result.
 */
import { discoverFiles, type Discovery } from "./parsers/discover-files.js";
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
  estate: Estate;
  discovery: Discovery;
  findings: Finding[];
  outcomes: RuleOutcome[];
  rules: readonly Rule[];
  /** Bytes of input read. */
  bytes: number;
}

export function scan(options: ScanOptions): ScanResult {
  const discovery = discoverFiles(options.paths, options.cwd);
  const estate = loadEstate(discovery.files, { cwd: options.cwd, varFiles: options.varFiles, vars: options.vars, environment: options.environment });
  const rules = options.rules ?? allRules;
  const { findings, outcomes } = runRules(estate, rules);
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
  const all = [...parseErrors, ...findings].sort(compareFindings);
  const bytes = estate.files.reduce((total, scanned) => total + scanned.file.text.length, 0);
  return { estate, discovery, findings: all, outcomes, rules, bytes };
}
