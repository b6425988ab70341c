/**
 * The whole pipeline, top to bottom: find files → parse and model them → run rules → findings.
 * Large scans are split by root module across worker threads (scan-parallel.ts); both paths run
 * `scanFiles` below, so they give the same findings.
 */
import { discoverFiles, type DiscoveredFile, type Discovery } from "./parsers/discover-files.js";
import { loadEstate } from "./load/load-estate.js";
import type { Estate, ParseDiagnostic } from "./model/estate.js";
import type { SourceFile, SourceRange } from "./source/source-file.js";
import type { BlockNode } from "./model/nodes.js";
import { runRules, type RuleOutcome } from "./engine/run-rules.js";
import { compareFindings, type Finding } from "./engine/finding.js";
import type { Rule, Severity } from "./engine/rule.js";
import { dirname, relative, resolve } from "node:path";
import type { IflintConfig } from "./engine/config.js";
import { matchesGlob } from "./engine/glob.js";
import { applySuppressions } from "./engine/suppressions.js";
import { ruleSettings } from "./engine/settings.js";
import { readSourceFile } from "./source/read-source.js";
import { MAX_QUOTED_CHARACTERS, capText } from "./source/cap-text.js";
import { displayPath } from "./parsers/discover-files.js";
import type { TerragruntTarget } from "./load/terragrunt-sources.js";
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
  /** Configuration (rules, privateZones, ignores, ...) and where it was found. */
  config?: IflintConfig;
  configPath?: string;
  /** Today as YYYY-MM-DD, for ignores' `until` dates (fixed in tests). */
  today?: string;
  reportUnusedIgnores?: boolean;
  /** Evaluate every attribute, not only those rules read, so every evaluation note is seen (--verbose). */
  evaluateAll?: boolean;
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
  /** Evaluation notes (`file:line:col message`), for --verbose. */
  notes: string[];
  /** Module calls with remote sources, not evaluated because they are never downloaded. */
  remoteModules: number;
}

export interface FileScan {
  estate: Estate;
  findings: Finding[];
  outcomes: RuleOutcome[];
}

/** Parses, models and evaluates the files, runs the rules, and turns diagnostics into findings. */
export function scanFiles(
  files: readonly DiscoveredFile[],
  options: Omit<ScanOptions, "paths"> & {
    paths?: readonly string[];
    calledDirectories?: ReadonlySet<string>;
    terragruntTargets?: readonly TerragruntTarget[];
  },
): FileScan {
  const config = options.config ?? {};
  const privateZones = config.privateZones ?? [];
  const estate = loadEstate(files, {
    cwd: options.cwd,
    scanPaths: options.paths?.map((path) => resolve(options.cwd ?? process.cwd(), path)),
    varFiles: [
      ...(config.varFiles ?? []).map((file) =>
        options.configPath ? resolve(dirname(options.configPath), file) : file,
      ),
      ...(options.varFiles ?? []),
    ],
    vars: options.vars,
    environment: options.environment,
    calledDirectories: options.calledDirectories,
    terragruntTargets: options.terragruntTargets,
    isPrivateZone: (origin) =>
      privateZones.some((zone) => matchesGlob(origin.replace(/\.$/, ""), zone.replace(/\.$/, ""))),
  });
  const { findings, outcomes } = runRules(estate, selectRules(options.rules ?? allRules, config), {
    severityOverrides: severityOverrides(config),
    settings: ruleSettings(config),
  });
  const parseErrors: Finding[] = cappedPerFile(estate.diagnostics).map((diagnostic) => ({
    ...(diagnostic.kind
      ? { ruleId: diagnostic.kind, ruleName: diagnostic.kind, category: "incomplete", severity: "warning" }
      : { ruleId: "parse-error", ruleName: "parse-error", category: "parse-error", severity: "error" }),
    message: capText(`${diagnostic.summary}: ${diagnostic.detail}`, 4 * MAX_QUOTED_CHARACTERS),
    guidance: [],
    range: diagnostic.range,
    trace: [],
    related: [],
    suppressed: false,
  }));
  if (options.evaluateAll) for (const resource of [...estate.resources, ...estate.dataSources]) touchAll(resource);
  const configFile = options.configPath
    ? readSourceFile(estate, options.configPath, displayPath(options.configPath, options.cwd))
    : undefined;
  const all = applySuppressions(estate, [...parseErrors, ...findings], {
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ignores: config.ignores,
    configDirectory: options.configPath ? dirname(options.configPath) : undefined,
    configFile,
    reportUnused: options.reportUnusedIgnores ?? config.reportUnusedIgnores,
  });
  return { estate, findings: all.sort(compareFindings), outcomes };
}

/** Parse errors shown per file: past the first few, a file is not what iflint reads (a Go template, HCL 1). */
const MAX_PARSE_ERRORS_PER_FILE = 10;

function cappedPerFile(diagnostics: readonly ParseDiagnostic[]): ParseDiagnostic[] {
  const seen = new Map<SourceFile, { count: number; last: SourceRange; more?: ParseDiagnostic }>();
  const kept: ParseDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const file = diagnostic.range.file;
    const entry = seen.get(file) ?? { count: 0, last: diagnostic.range };
    seen.set(file, entry);
    if (!diagnostic.kind) entry.count++;
    if (diagnostic.kind || entry.count <= MAX_PARSE_ERRORS_PER_FILE) {
      if (!diagnostic.kind) entry.last = diagnostic.range;
      kept.push(diagnostic);
    } else if (!entry.more) {
      // One line in place of the rest, at the last error listed; its count is filled in below.
      entry.more = { range: entry.last, summary: "More parse errors", detail: "" };
      kept.push(entry.more);
    }
  }
  for (const { count, more } of seen.values())
    if (more)
      more.detail = `${count - MAX_PARSE_ERRORS_PER_FILE} more in this file are not listed; is it Terraform 0.12+ syntax, not a template or HCL 1?`;
  return kept;
}

/** Rules the configuration has not turned off. */
export function selectRules(rules: readonly Rule[], config: IflintConfig): Rule[] {
  return rules.filter((rule) => config.rules?.[rule.meta.id] !== "off");
}

function severityOverrides(config: IflintConfig): Map<string, Severity> {
  return new Map(Object.entries(config.rules ?? {}).filter((entry): entry is [string, Severity] => entry[1] !== "off"));
}

export function scan(options: ScanOptions): ScanResult {
  const discovery = discoverFiles(options.paths, options.cwd, ignoredBy(options), extraZoneFiles(options));
  const { estate, findings, outcomes } = scanFiles(discovery.files, options);
  const bytes = estate.files.reduce((total, scanned) => total + scanned.file.text.length, 0);
  return {
    estate,
    discovery,
    findings,
    outcomes,
    rules: selectRules(options.rules ?? allRules, options.config ?? {}),
    fileCount: estate.files.length,
    bytes,
    notes: formatNotes(estate),
    remoteModules: estate.remoteModuleCalls.size,
  };
}

/** `ignorePaths` globs, relative to the configuration file's directory. */
export function ignoredBy(
  options: Pick<ScanOptions, "config" | "configPath" | "cwd">,
): ((absolutePath: string) => boolean) | undefined {
  const globs = options.config?.ignorePaths ?? [];
  if (!globs.length) return undefined;
  const base = options.configPath ? dirname(options.configPath) : (options.cwd ?? process.cwd());
  return (absolutePath) => {
    const path = relative(base, absolutePath).split("\\").join("/");
    return globs.some((glob) => matchesGlob(path, glob) || matchesGlob(`${path}/`, glob));
  };
}

/** `zoneFiles` globs: more files to read as DNS zones, relative to the configuration file. */
export function extraZoneFiles(
  options: Pick<ScanOptions, "config" | "configPath" | "cwd">,
): ((absolutePath: string) => boolean) | undefined {
  const globs = options.config?.zoneFiles ?? [];
  if (!globs.length) return undefined;
  const base = options.configPath ? dirname(options.configPath) : (options.cwd ?? process.cwd());
  return (absolutePath) => globs.some((glob) => matchesGlob(relative(base, absolutePath).split("\\").join("/"), glob));
}

export function formatNotes(estate: Estate): string[] {
  return estate.notes.map(
    (note) =>
      `${note.range.file.path}:${note.range.start.line}:${note.range.start.column} ${capText(note.message, 4 * MAX_QUOTED_CHARACTERS)}`,
  );
}

/** Reads every attribute of a block and its nested blocks, forcing lazy evaluation. */
function touchAll(block: BlockNode): void {
  for (const attribute of block.attributes.values()) void attribute.value;
  for (const nested of block.blocks) touchAll(nested);
}
