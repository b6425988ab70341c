/** `iflint scan` read without yargs must read a command line exactly as yargs does, or leave it to yargs. */
import yargs from "yargs";
import { describe, expect, it } from "vitest";
import { SCAN_OPTIONS, plainScanArguments, scanCommand } from "../src/cli/scan-command.js";

async function readByYargs(args: readonly string[]): Promise<Record<string, unknown>> {
  let read: Record<string, unknown> = {};
  await yargs(["scan", ...args])
    .command({
      ...scanCommand(() => undefined),
      handler: (argv) => {
        read = argv as Record<string, unknown>;
      },
    })
    .strict()
    .parseAsync();
  return Object.fromEntries(["paths", ...Object.keys(SCAN_OPTIONS)].map((name) => [name, read[name]]));
}

describe("iflint scan without yargs", () => {
  it.each([
    [[]],
    [["examples/nhs-trust"]],
    [["a", "b", "--format", "json"]],
    [["dir", "-f", "json", "-f", "sarif=out.sarif", "-q", "--no-color", "--fail-on", "warning"]],
    [["dir", "--var", "region=eu-west-2", "--var-file", "live.tfvars", "--config", "c.json", "--verbose"]],
    [["--fail-on=note", "--rule=IFL-TLS-001,IFL-DNS-002", "--skip-rule", "IFL-DNS-003"]],
    [["--color", "--workspace", "live", "--baseline", "b.json", "--show-suppressed", "x", "y"]],
    [["--report-unused-ignores", "--changed-since", "origin/main", "--write-baseline", "w.json", "-o", "r.txt"]],
  ])("reads %j as yargs does", async (args) => {
    const plain = plainScanArguments(args);
    expect(plain).toBeDefined();
    expect({ ...plain }).toEqual(await readByYargs(args));
  });

  it.each([
    [["--format", "json", "dir"]], // yargs reads "dir" as a second format
    [["--rule", "IFL-TLS-001", "dir"]],
    [["--fail-on", "bogus"]],
    [["--output", "a", "--output", "b"]],
    [["--help"]],
    [["--version"]],
    [["--no-such-option"]],
    [["--quiet=false"]],
    [["--", "-dir"]],
  ])("leaves %j to yargs", (args) => {
    expect(plainScanArguments(args)).toBeUndefined();
  });
});
