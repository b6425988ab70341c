/**
 * The whole pipeline, top to bottom: find files → parse and model them → run rules → findings.
 * Each repository (src/source/repository.ts) is its own estate: its files are loaded and its rules
 * run without the others, then findings and outcomes are merged, so scanning repositories together
 * gives exactly what scanning each alone gives. Large scans hand whole repositories to worker
 * threads (scan-parallel.ts); both paths run `scanRepository` below.
 */
import { discoverFiles, type DiscoveredFile, type Discovery } from "./parsers/discover-files.js";
import { ReadAhead } from "./source/read-ahead.js";
import { loadEstate } from "./load/load-estate.js";
import { Estate, type ParseDiagnostic } from "./model/estate.js";
import type { SourceFile, SourceRange } from "./source/source-file.js";
import type { BlockNode } from "./model/nodes.js";
import { runRules, type RuleOutcome } from "./engine/run-rules.js";
import { compareFindings, type Finding } from "./engine/finding.js";
import type { Rule, Severity } from "./engine/rule.js";
import { dirname, relative, resolve } from "node:path";
import { statSync } from "node:fs";
import { repositoryFinder } from "./source/repository.js";
import type { IflintConfig } from "./engine/config.js";
import { matchesGlob } from "./engine/glob.js";
import { applySuppressions } from "./engine/suppressions.js";
import { configuredVariableFiles } from "./engine/configured-variable-files.js";
import { ruleSettings } from "./engine/settings.js";
import { readSourceFile } from "./source/read-source.js";
import { MAX_QUOTED_CHARACTERS, capText } from "./source/cap-text.js";
import { displayPath } from "./parsers/discover-files.js";
import { allRules } from "../rules/index.js";

export interface ScanOptions {
  paths: readonly string[];
  cwd?: string;
  rules?: readonly Rule[];
  /** `--var-file` files, in order: the operator's own, read wherever they are (configured `varFiles` stay in the scan). */
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
  /** CloudFormation parameter values for every template (`--cfn-parameters`). */
  cfnParameters?: Readonly<Record<string, string>>;
}

export interface ScanResult {
  /**
   * The estate when the scan read one repository; empty when it read several (each is in
   * `repositories`) or when estates were not kept.
   */
  estate: Estate;
  /** Each repository scanned, with its estate when kept (register, report, plan need them). */
  repositories: RepositoryScan[];
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
  /** CDKTF constructs from packages (construct libraries), never read: a clean result does not cover them. */
  packageConstructs: number;
}

export interface FileScan {
  estate: Estate;
  findings: Finding[];
  outcomes: RuleOutcome[];
}

/** The files of one repository: the directory holding `.git`, else the scanned path holding them. */
export interface Repository {
  directory: string;
  files: DiscoveredFile[];
}

export interface RepositoryScan {
  directory: string;
  /** Kept only when the caller asks (the whole-estate commands); a gate's scan drops it to bound memory. */
  estate?: Estate;
  findings: Finding[];
}

/** A repository's findings and counts, as merged into a scan's result. */
export interface RepositoryPart {
  estate: Estate;
  findings: Finding[];
  outcomes: RuleOutcome[];
  notes: string[];
  fileCount: number;
  bytes: number;
  remoteModules: number;
  /** CDKTF constructs from packages (construct libraries), never read: a clean result does not cover them. */
  packageConstructs: number;
}

/** Parses, models and evaluates the files, runs the rules, and turns diagnostics into findings. */
export function scanFiles(
  files: readonly DiscoveredFile[],
  options: Omit<ScanOptions, "paths"> & {
    paths?: readonly string[];
    /** Apply only inline ignores: configured ones are applied once over every repository's findings. */
    inlineOnly?: boolean;
    /** Discovery's listing of variables files (Discovery.tfvarsNames). */
    tfvarsNames?: ReadonlyMap<string, readonly string[]>;
  },
): FileScan {
  const config = options.config ?? {};
  const privateZones = config.privateZones ?? [];
  const estate = loadEstate(files, {
    cwd: options.cwd,
    scanPaths: options.paths?.map((path) => resolve(options.cwd ?? process.cwd(), path)),
    varFiles: [
      ...configuredVariableFiles(config, options.configPath).map((path) => ({ path, commandLine: false })),
      ...(options.varFiles ?? []).map((path) => ({ path, commandLine: true })),
    ],
    vars: options.vars,
    environment: options.environment,
    tfvarsNames: options.tfvarsNames,
    cloudformationParameters: options.cfnParameters && new Map(Object.entries(options.cfnParameters)),
    isPrivateZone: (origin) =>
      privateZones.some((zone) => matchesGlob(origin.replace(/\.$/, ""), zone.replace(/\.$/, ""))),
  });
  const { findings, outcomes } = runRules(estate, selectRules(options.rules ?? allRules, config), {
    severityOverrides: severityOverrides(config),
    settings: ruleSettings(config),
  });
  // Before diagnostics become findings, so what evaluating everything finds (a reference cycle no rule reads) is reported.
  if (options.evaluateAll) for (const resource of [...estate.resources, ...estate.dataSources]) touchAll(resource);
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
  const configFile = options.configPath
    ? readSourceFile(estate, options.configPath, displayPath(options.configPath, options.cwd))
    : undefined;
  const all = applySuppressions(estate, [...parseErrors, ...findings], {
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ignores: options.inlineOnly ? [] : config.ignores,
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
  try {
    const repositories = repositoriesOf(discovery.files, options, discovery.holdsGit);
    return mergeRepositories(
      options,
      discovery,
      repositories.map((repository) => ({
        directory: repository.directory,
        part: scanRepository(repository, options, discovery.tfvarsNames),
      })),
      true,
    );
  } finally {
    // Discovery may have started a read-ahead thread that no repository was large enough to take.
    ReadAhead.coolDown();
  }
}

/**
 * The discovered files by repository, in discovery order. A file's repository is the nearest
 * directory above it holding `.git`, else the outermost scanned path holding it.
 */
export function repositoriesOf(
  files: readonly DiscoveredFile[],
  options: Pick<ScanOptions, "paths" | "cwd">,
  /** Which directories hold `.git`, where discovery read them. */
  holdsGit?: ReadonlyMap<string, boolean>,
): Repository[] {
  const cwd = options.cwd ?? process.cwd();
  const scanPaths = (options.paths.length ? options.paths : ["."]).map((path) => {
    const absolute = resolve(cwd, path);
    try {
      return statSync(absolute).isDirectory() ? absolute : dirname(absolute);
    } catch {
      return absolute;
    }
  });
  const repositoryOf = repositoryFinder(scanPaths, holdsGit);
  const byDirectory = new Map<string, DiscoveredFile[]>();
  for (const file of files) {
    const directory = repositoryOf(dirname(file.absolutePath));
    const list = byDirectory.get(directory);
    if (list) list.push(file);
    else byDirectory.set(directory, [file]);
  }
  return [...byDirectory.entries()].map(([directory, files]) => ({ directory, files }));
}

/** One repository as its own estate: only its files, its module calls, its Terragrunt configurations. */
export function scanRepository(
  repository: Repository,
  options: ScanOptions,
  tfvarsNames?: ReadonlyMap<string, readonly string[]>,
): RepositoryPart {
  const { estate, findings, outcomes } = scanFiles(repository.files, {
    ...options,
    tfvarsNames,
    // What the estate may read: the repository, and whatever else the user asked to scan (a module
    // called from a sibling repository named on the command line); never outside those.
    paths: [repository.directory, ...options.paths],
    inlineOnly: true,
  });
  return {
    estate,
    findings,
    outcomes,
    notes: formatNotes(estate),
    fileCount: estate.files.length,
    bytes: estate.files.reduce((total, scanned) => total + scanned.file.text.length, 0),
    remoteModules: estate.remoteModuleCalls.size,
    packageConstructs: estate.packageConstructs.size,
  };
}

/**
 * Every repository's findings and counts in one result; configured ignores apply here, once over
 * all findings, so an ignore used in one repository is not reported unused by another.
 */
export function mergeRepositories(
  options: ScanOptions,
  discovery: Discovery,
  parts: readonly { directory: string; part: Omit<RepositoryPart, "estate"> & { estate?: Estate } }[],
  keepEstates: boolean,
): ScanResult {
  const config = options.config ?? {};
  const outcomes = new Map<string, RuleOutcome>();
  for (const { part } of parts) mergeOutcomes(outcomes, part.outcomes);
  const anchorEstate = new Estate();
  // Where problems with configured ignores go when there is no configuration file: the first file read.
  const anchor = parts
    .map(({ part }) => part.estate?.files[0]?.file ?? part.findings[0]?.range.file)
    .find((file) => file !== undefined);
  if (anchor) anchorEstate.files.push({ file: anchor, comments: [], commentPrefixes: [] });
  const findings = applySuppressions(
    anchorEstate,
    parts.flatMap(({ part }) => part.findings),
    {
      today: options.today ?? new Date().toISOString().slice(0, 10),
      ignores: config.ignores,
      configDirectory: options.configPath ? dirname(options.configPath) : undefined,
      configFile: options.configPath
        ? readSourceFile(anchorEstate, options.configPath, displayPath(options.configPath, options.cwd))
        : undefined,
      reportUnused: options.reportUnusedIgnores ?? config.reportUnusedIgnores,
    },
  ).sort(compareFindings);
  const single = parts.length === 1 && keepEstates ? parts[0].part.estate : undefined;
  return {
    estate: single ?? new Estate(),
    repositories: parts.map(({ directory, part }) => ({
      directory,
      ...(keepEstates && part.estate ? { estate: part.estate } : {}),
      findings: part.findings,
    })),
    discovery,
    findings,
    outcomes: [...outcomes.values()],
    rules: selectRules(options.rules ?? allRules, config),
    fileCount: parts.reduce((sum, { part }) => sum + part.fileCount, 0),
    bytes: parts.reduce((sum, { part }) => sum + part.bytes, 0),
    notes: parts.flatMap(({ part }) => part.notes),
    remoteModules: parts.reduce((sum, { part }) => sum + part.remoteModules, 0),
    packageConstructs: parts.reduce((sum, { part }) => sum + part.packageConstructs, 0),
  };
}

/** Sums each rule's outcome counts across repositories. */
export function mergeOutcomes(into: Map<string, RuleOutcome>, outcomes: readonly RuleOutcome[]): void {
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
