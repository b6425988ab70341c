/** The `iflint` command line as yargs reads it: every command, --help, --version and usage errors. */
import yargs from "yargs";
import { scanCommand } from "./scan-command.js";
import { rulesCommand } from "./rules-command.js";
import { initCommand } from "./init-command.js";
import { registerCommand } from "./register-command.js";
import { planCommand } from "./plan-command.js";
import { reportCommand } from "./report-command.js";
import { UsageError } from "./exit-codes.js";
import { toolVersion } from "../version.js";

export async function runWithYargs(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName("iflint")
    .usage(
      "$0 <command> [options]\n\nInternet First readiness linter for Terraform, CDKTF, CloudFormation, SAM, AWS CDK output and DNS.",
    )
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
