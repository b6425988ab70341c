/** `iflint scan [paths..]`: lint the estate and report findings. */
import { existsSync } from "node:fs";
import type { CommandModule } from "yargs";
import { scanInParallel } from "../parallel/scan-parallel.js";
import { renderJson } from "../reporters/json.js";
import { renderText } from "../reporters/text.js";
import { severityAtLeast } from "../engine/finding.js";
import type { Severity } from "../engine/rule.js";
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError } from "./exit-codes.js";
import { useColour, writeReport } from "./output.js";

interface ScanArguments {
  paths: string[];
  format: "text" | "json";
  output?: string;
  "fail-on": Severity | "never";
  quiet: boolean;
  color?: boolean;
  "var-file": string[];
  var: string[];
}

export function scanCommand(setExitCode: (code: number) => void): CommandModule<object, ScanArguments> {
  return {
    command: "scan [paths..]",
    describe: "Lint Terraform for Internet First readiness",
    builder: (yargs) =>
      yargs
        .positional("paths", { type: "string", array: true, default: ["."], describe: "Files or directories to scan" })
        .option("format", { alias: "f", choices: ["text", "json"] as const, default: "text" as const, describe: "Report format" })
        .option("output", { alias: "o", type: "string", describe: "Write the report to a file instead of stdout" })
        .option("fail-on", { choices: ["error", "warning", "note", "never"] as const, default: "error" as const, describe: "Lowest severity that makes the exit code 1" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Text report: errors and the summary only" })
        .option("color", { type: "boolean", describe: "Colour text output (default: when stdout is a terminal; NO_COLOR respected)" })
        .option("var-file", { type: "string", array: true, default: [], describe: "Terraform variables file for root modules (repeatable)" })
        .option("var", { type: "string", array: true, default: [], describe: "Set a root module variable: name=value (repeatable)" }) as never,
    handler: async (argv) => {
      for (const assignment of argv.var) {
        if (!/^[A-Za-z_][\w-]*=/.test(assignment)) throw new UsageError(`--var expects name=value, got "${assignment}"`);
      }
      for (const file of argv["var-file"]) {
        if (!existsSync(file)) throw new UsageError(`--var-file ${file}: no such file`);
      }
      const result = await scanInParallel({ paths: argv.paths, varFiles: argv["var-file"], vars: argv.var, environment: process.env });
      if (result.discovery.missing.length) throw new UsageError(`no such file or directory: ${result.discovery.missing.join(", ")}`);
      if (result.discovery.files.length === 0) {
        process.stderr.write(`iflint: no Terraform files found in ${argv.paths.join(", ")}\n`);
      }
      const report = argv.format === "json" ? renderJson(result) : renderText(result, { color: useColour(argv.color, Boolean(argv.output)), quiet: argv.quiet });
      writeReport(report, argv.output);
      if (argv.format === "json" || argv.output) {
        for (const warning of result.discovery.warnings) process.stderr.write(`iflint: warning: ${warning}\n`);
      }
      const threshold = argv["fail-on"];
      const failing = threshold !== "never" && result.findings.some((finding) => !finding.suppressed && severityAtLeast(finding.severity, threshold));
      setExitCode(failing ? EXIT_FINDINGS : EXIT_CLEAN);
    },
  };
}
