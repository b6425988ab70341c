/** `iflint scan [paths..]`: lint the estate and report findings in one or more formats. */
import type { CommandModule } from "yargs";
import { scanInParallel } from "../parallel/scan-parallel.js";
import { FORMATS, parseFormatRequest, render, type FormatRequest } from "../reporters/index.js";
import { severityAtLeast } from "../engine/finding.js";
import type { Severity } from "../engine/rule.js";
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from "./exit-codes.js";
import { useColour, writeReport } from "./output.js";
import { ConfigError, loadConfig, type LoadedConfig } from "../engine/config.js";
import { BaselineError, applyBaseline, readBaseline, writeBaseline } from "../engine/baseline.js";
import { ChangedFilesError, changedFiles } from "../engine/changed-files.js";
import { ruleTimingTable } from "./rule-timing.js";
import { readCloudformationParameters } from "../load/cloudformation-parameters.js";
import { selectRulesFromCommandLine, unknownConfiguredRules } from "./rule-selection.js";
import { FILES_LOOKED_FOR, hasFilesToScan } from "../parsers/discover-files.js";
import { readSimply, type SimpleOption } from "./fast-arguments.js";
import { checkCommandLineVariableFiles, checkVariableFilesOfConfiguration } from "./evaluation-inputs.js";

export interface ScanArguments {
  paths: string[];
  format: string[];
  output?: string;
  "fail-on": Severity | "never";
  quiet: boolean;
  color?: boolean;
  "var-file": string[];
  "cfn-parameters"?: string;
  var: string[];
  workspace?: string;
  config?: string;
  "show-suppressed": boolean;
  "report-unused-ignores"?: boolean;
  baseline?: string;
  "write-baseline"?: string;
  "changed-since"?: string;
  verbose: boolean;
  rule: string[];
  "skip-rule": string[];
  "allow-empty"?: boolean;
}

/** The scan command's options, as data: yargs is built from them, and so is the fast path (fast-arguments.ts). */
export const SCAN_OPTIONS: Record<string, SimpleOption> = {
  format: {
    alias: "f",
    type: "string",
    array: true,
    default: [],
    describe: `Report format, repeatable, optionally with a file: ${FORMATS.join(", ")} (e.g. --format text --format sarif=results.sarif)`,
  },
  output: {
    alias: "o",
    type: "string",
    describe: "Write the report to a file instead of stdout (single format)",
  },
  "fail-on": {
    type: "string",
    choices: ["error", "warning", "note", "never"],
    default: "error",
    describe: "Lowest severity that makes the exit code 1",
  },
  quiet: {
    alias: "q",
    type: "boolean",
    default: false,
    describe: "Text report: errors and the summary only",
  },
  color: {
    type: "boolean",
    describe: "Colour text output (default: when stdout is a terminal; NO_COLOR respected)",
  },
  "var-file": {
    type: "string",
    array: true,
    default: [],
    describe: "Terraform variables file for root modules (repeatable; read wherever it is)",
  },
  var: {
    type: "string",
    array: true,
    default: [],
    describe: "Set a root module variable: name=value (repeatable)",
  },
  "cfn-parameters": {
    type: "string",
    describe:
      "CloudFormation parameter values for templates: the CLI's JSON ([{ParameterKey, ParameterValue}]) or Key=Value lines",
  },
  workspace: {
    type: "string",
    describe: "The Terraform workspace, for terraform.workspace (default: TF_WORKSPACE; unknown without either)",
  },
  config: {
    alias: "c",
    type: "string",
    describe:
      "Configuration file (default: iflint.config.json, .iflintrc.json or .iflintrc.yaml, found from the scanned path upward)",
  },
  rule: {
    type: "string",
    array: true,
    default: [],
    describe: "Run only these rules, by id or name (repeatable or comma-separated)",
  },
  "skip-rule": {
    type: "string",
    array: true,
    default: [],
    describe: "Do not run these rules, by id or name (repeatable or comma-separated)",
  },
  "show-suppressed": {
    type: "boolean",
    default: false,
    describe: "Text report: include suppressed findings",
  },
  "report-unused-ignores": {
    type: "boolean",
    describe: "Report ignores that matched nothing (default: on when CI is set)",
  },
  baseline: { type: "string", describe: "Report only findings not recorded in this baseline file" },
  "write-baseline": {
    type: "string",
    describe: "Record the fingerprints of all current findings in this file",
  },
  "changed-since": {
    type: "string",
    describe: "Evaluate everything, report only findings in files changed since this git ref",
  },
  "allow-empty": {
    type: "boolean",
    describe: "Pass when no file to scan is found (default: exit 2, so a gate pointed at the wrong directory fails)",
  },
  verbose: {
    type: "boolean",
    default: false,
    describe:
      "Evaluate every attribute, not only those rules read, and print evaluation notes (expressions Terraform would reject) on stderr: a reference cycle between attributes no rule reads is reported only then",
  },
};

/** `iflint scan ...` read without yargs when the command line is plain; undefined otherwise. */
export function plainScanArguments(args: readonly string[]): ScanArguments | undefined {
  const read = readSimply(args, SCAN_OPTIONS);
  if (!read) return undefined;
  return { ...read.values, paths: read.positionals.length ? read.positionals : ["."] } as unknown as ScanArguments;
}

/** `--format a --format b=file`; `--output` names the file of a single format. */
export function formatRequests(specs: readonly string[], output: string | undefined): FormatRequest[] {
  const requests = (specs.length ? specs : ["text"]).map((spec) => {
    const request = parseFormatRequest(spec);
    if (!request)
      throw new UsageError(`unknown format "${spec}": use ${FORMATS.join(", ")} (optionally as format=file)`);
    return request;
  });
  if (output) {
    if (requests.length !== 1)
      throw new UsageError("--output goes with a single --format; give each format its own file as --format name=file");
    requests[0] = { format: requests[0].format, file: requests[0].file ?? output };
  }
  return requests;
}

export function scanCommand(setExitCode: (code: number) => void): CommandModule<object, ScanArguments> {
  return {
    command: "scan [paths..]",
    describe:
      "Lint infrastructure code (Terraform, plans, CDKTF, CloudFormation, SAM, CDK output, DNS zones, named.conf, octoDNS) for Internet First readiness",
    builder: (yargs) => {
      let built = yargs.positional("paths", {
        type: "string",
        array: true,
        default: ["."],
        describe: "Files or directories to scan",
      });
      for (const [name, option] of Object.entries(SCAN_OPTIONS)) built = built.option(name, option);
      return built as never;
    },
    handler: async (argv) => {
      const loaded = loadOrExplain(argv.config, argv.paths[0] ?? ".");
      if (loaded.warning) process.stderr.write(`iflint: warning: ${loaded.warning}\n`);
      for (const id of unknownConfiguredRules(loaded.config))
        process.stderr.write(`iflint: warning: ${loaded.path ?? "configuration"}: rules: iflint has no rule ${id}\n`);
      const config = selectRulesFromCommandLine(loaded.config, argv.rule, argv["skip-rule"]);
      const requests = formatRequests(argv.format.length ? argv.format : (config.formats ?? []), argv.output);
      for (const assignment of argv.var) {
        if (!/^[A-Za-z_][\w-]*=/.test(assignment))
          throw new UsageError(`--var expects name=value, got "${assignment}"`);
      }
      checkCommandLineVariableFiles(argv["var-file"]);
      checkVariableFilesOfConfiguration(loaded, argv.paths);
      const cfnParameters = argv["cfn-parameters"] ? cloudformationParameters(argv["cfn-parameters"]) : undefined;
      const result = await scanInParallel({
        paths: argv.paths,
        cfnParameters,
        varFiles: argv["var-file"],
        vars: argv.var,
        environment: argv.workspace === undefined ? process.env : { ...process.env, TF_WORKSPACE: argv.workspace },
        config,
        configPath: loaded.path,
        reportUnusedIgnores: argv["report-unused-ignores"] ?? (Boolean(process.env.CI) || undefined),
        evaluateAll: argv.verbose,
      });
      if (result.discovery.missing.length)
        throw new UsageError(`no such file or directory: ${result.discovery.missing.join(", ")}`);
      const empty = !hasFilesToScan(result.discovery);
      // An AWS CDK app is read through its cloud assembly: without cdk.out there is nothing to judge.
      const cdkApp = empty && result.discovery.files.some((file) => file.kind === "cdk");
      if (empty && !(argv["allow-empty"] ?? config.allowEmpty))
        throw new UsageError(
          `no files to scan under ${argv.paths.join(", ")} (looked for ${FILES_LOOKED_FOR})${cdkApp ? "; an AWS CDK app was found without its cloud assembly: run cdk synth first (iflint reads cdk.out and never runs the app)" : ""}; --allow-empty accepts that`,
        );
      if (argv["changed-since"]) {
        const changed = guard(() => changedFiles(argv["changed-since"] as string, process.cwd()));
        result.findings = result.findings.filter((finding) => changed.has(finding.range.file.absolutePath));
      }
      if (argv["write-baseline"]) {
        const count = writeBaseline(argv["write-baseline"], result.findings);
        process.stderr.write(`iflint: wrote ${count} findings to the baseline ${argv["write-baseline"]}\n`);
      }
      if (argv.baseline) {
        const outcome = applyBaseline(
          result.findings,
          guard(() => readBaseline(argv.baseline as string)),
        );
        result.findings = outcome.findings;
        process.stderr.write(
          `iflint: baseline ${argv.baseline}: ${outcome.known} known findings not reported, ${outcome.fixed} fixed since it was written\n`,
        );
      }
      if (empty) process.stderr.write(`iflint: no files to scan under ${argv.paths.join(", ")}\n`);
      const warn = (message: string) => process.stderr.write(`iflint: warning: ${message}\n`);
      for (const request of requests) {
        const text = await render(request.format, result, {
          color: useColour(argv.color, Boolean(request.file)),
          quiet: argv.quiet,
          showSuppressed: argv["show-suppressed"],
          warn,
        });
        writeReport(text, request.file);
      }
      // The text report lists discovery warnings itself; other formats get them on stderr.
      if (!requests.some((request) => request.format === "text" && !request.file))
        for (const warning of result.discovery.warnings) warn(warning);
      // --fail-on given on the command line wins over the configuration's failOn.
      const timing = ruleTimingTable(result.outcomes, process.env.IFLINT_TIMING);
      if (timing) process.stderr.write(timing);
      if (argv.verbose) for (const note of result.notes) process.stderr.write(`iflint: note: ${note}\n`);
      const threshold = process.argv.some((arg) => arg.startsWith("--fail-on"))
        ? argv["fail-on"]
        : (config.failOn ?? argv["fail-on"]);
      const failing =
        threshold !== "never" &&
        result.findings.some((finding) => !finding.suppressed && severityAtLeast(finding.severity, threshold));
      setExitCode(failing ? EXIT_FINDINGS : EXIT_CLEAN);
    },
  };
}

/** Configuration problems are usage errors: exit 2 with the file, the path and what was expected. */
function loadOrExplain(explicit: string | undefined, scanRoot: string): LoadedConfig {
  try {
    return loadConfig(explicit, scanRoot);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** Baseline and git problems are usage errors, not crashes. */
function cloudformationParameters(file: string): Record<string, string> {
  try {
    return readCloudformationParameters(file);
  } catch (error) {
    throw new UsageError(`--cfn-parameters ${file}: ${(error as Error).message}`);
  }
}

function guard<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof BaselineError || error instanceof ChangedFilesError) throw new UsageError(error.message);
    throw error;
  }
}
