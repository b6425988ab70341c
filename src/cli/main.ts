#!/usr/bin/env node
/**
 * The `iflint` command. A plain `iflint scan ...` runs straight away; everything else (other
 * commands, --help, usage errors) goes through yargs, loaded only then: a cold start is mostly
 * module loading, and a scan of a small repository should not wait for a help screen it never shows.
 */
import { EXIT_USAGE, UsageError } from "./exit-codes.js";

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "scan") {
    const { plainScanArguments, scanCommand } = await import("./scan-command.js");
    const plain = plainScanArguments(argv.slice(1));
    if (plain) {
      let exitCode = 0;
      await scanCommand((code) => (exitCode = code)).handler(plain as never);
      return exitCode;
    }
  }
  const { runWithYargs } = await import("./yargs-program.js");
  return runWithYargs(argv);
}

main(process.argv.slice(2)).then(
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
