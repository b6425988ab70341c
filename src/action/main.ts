/** Runs the GitHub Action (action.yml) in a runner. */
import { runAction } from "./run-action.js";
import { useScanJitSettings } from "../jit-settings.js";

useScanJitSettings();

runAction({ env: process.env, stdout: (text) => process.stdout.write(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`::error::iflint: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
