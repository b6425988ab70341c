#!/usr/bin/env node
/** The `iflint` command: yargs wiring only; each command lives in its own module. */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { scanCommand } from "./scan-command.js";
import { rulesCommand } from "./rules-command.js";
import { initCommand } from "./init-command.js";
import { registerCommand } from "./register-command.js";
import { planCommand } from "./plan-command.js";
import { reportCommand } from "./report-command.js";
import { EXIT_USAGE, UsageError } from "./exit-codes.js";
import { toolVersion } from "../version.js";

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName("iflint")
    .usage("$0 <command> [options]\n\nInternet First readiness linter for Terraform, CDKTF and DNS zones.")
    .command(scanCommand((code) => (exitCode = code)))
    .command(rulesCommand((code) => (exitCode = code)))
    .command(registerCommand((code) => (exitCode = code)))
    .command(planCommand((code) => (exitCode = code)))
    .command(reportCommand((code) => (exitCode = code)))
    .command(initCommand((code) => (exitCode = code)))
    .demandCommand(1, "Say what to do: iflint scan [paths..] (or iflint --help).")
    .strict()
    .version(toolVersion())
    .help()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      if (error && !(error instanceof UsageError)) throw error;
      throw new UsageError(message || error?.message || "invalid usage");
    })
    .parseAsync();
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`iflint: ${error.message}\nRun 'iflint --help' for usage.\n`);
    } else {
      process.stderr.write(
        `iflint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this.\n`,
      );
    }
    process.exitCode = EXIT_USAGE;
  },
);
