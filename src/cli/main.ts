#!/usr/bin/env node
/**
 * The `iflint` command. A plain `iflint scan ...` runs straight away; everything else (other
 * commands, --help, usage errors) goes through yargs, loaded only then: a cold start is mostly
 * module loading, and a scan of a small repository should not wait for a help screen it never shows.
 */
import { reportFailure, runPlainScan } from "./plain-scan.js";

async function main(argv: string[]): Promise<number> {
  const plain = await runPlainScan(argv);
  if (plain !== undefined) return plain;
  const { runWithYargs } = await import("./yargs-program.js");
  return runWithYargs(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportFailure(error);
  },
);
