#!/usr/bin/env node
/**
 * The installed `iflint` (package.json's bin, as bundled in dist/bundle): a plain scan runs from the
 * precompiled CommonJS bundle beside this file (see precompiled.ts); everything else, and every run
 * where that file is absent (as in dist/src), is the command itself (main.ts).
 */
import { loadPrecompiled } from "./precompiled.js";
import { useScanJitSettings } from "../jit-settings.js";
import type * as PlainScan from "./plain-scan.js";

const argv = process.argv.slice(2);
const precompiled =
  argv[0] === "scan" ? loadPrecompiled<typeof PlainScan>(new URL("./plain-scan.cjs", import.meta.url)) : undefined;
// After the code cache is read: V8 rejects a cache made under other flags.
useScanJitSettings();

// Not awaited at the top level: the bundle makes this file CommonJS (scripts/bundle.ts).
const runCommand = () => import("./main.js");

if (!precompiled) {
  void runCommand();
} else {
  const { runPlainScan, reportFailure } = precompiled.exports;
  runPlainScan(argv).then(
    async (code) => {
      if (code === undefined) await runCommand();
      else exitOnceWritten(code);
    },
    (error: unknown) => exitOnceWritten(reportFailure(error)),
  );
}

/**
 * Ends a finished plain scan as soon as stdout and stderr have taken all that was written to them
 * (a write's callback comes after the ones before it): exiting skips tearing down the heap, ~7 ms of
 * a cold scan (measured), which a process about to end does not need.
 */
function exitOnceWritten(code: number): void {
  process.exitCode = code;
  let streams = 2;
  const written = () => {
    if (--streams === 0) process.exit(code);
  };
  process.stdout.write("", written);
  process.stderr.write("", written);
}
