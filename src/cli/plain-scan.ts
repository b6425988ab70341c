/**
 * A plain `iflint scan ...` (every option one the fast reader knows) runs straight away; anything
 * else returns undefined and goes to yargs. With how a failure is reported, this is all the bundled
 * launcher needs from the command line, so it can load it from one precompiled file.
 */
import { EXIT_USAGE, UsageError } from "./exit-codes.js";

/** The exit code of a plain scan; undefined when the command line is not one (yargs reads it). */
export async function runPlainScan(argv: readonly string[]): Promise<number | undefined> {
  if (argv[0] !== "scan") return undefined;
  const { plainScanArguments, scanCommand } = await import("./scan-command.js");
  const plain = plainScanArguments(argv.slice(1));
  if (!plain) return undefined;
  let exitCode = 0;
  await scanCommand((code) => (exitCode = code)).handler(plain as never);
  return exitCode;
}

/** Says what went wrong on stderr: a usage error plainly, anything else as a bug to report. */
export function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`iflint: ${error.message}\nRun 'iflint --help' for usage.\n`);
  } else {
    process.stderr.write(
      `iflint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this.\n`,
    );
  }
  return EXIT_USAGE;
}
