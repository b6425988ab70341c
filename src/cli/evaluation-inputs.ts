/**
 * What a scan evaluates root modules with, for register, report and plan as for scan (whose own
 * definitions these repeat, until the scan command is rebuilt on them): `--var-file`, `--var` and
 * `--workspace`, checked before anything is read.
 */
import { statSync } from "node:fs";
import { ConfigError, type LoadedConfig } from "../engine/config.js";
import { checkConfiguredVariableFiles } from "../engine/configured-variable-files.js";
import { UsageError } from "./exit-codes.js";

export interface EvaluationArguments {
  "var-file": string[];
  var: string[];
  workspace?: string;
}

export const EVALUATION_OPTIONS = {
  "var-file": {
    type: "string",
    array: true,
    default: [] as string[],
    describe: "Terraform variables file for root modules (repeatable; read wherever it is)",
  },
  var: {
    type: "string",
    array: true,
    default: [] as string[],
    describe: "Set a root module variable: name=value (repeatable)",
  },
  workspace: {
    type: "string",
    describe: "The Terraform workspace, for terraform.workspace (default: TF_WORKSPACE; unknown without either)",
  },
} as const;

/**
 * `--var-file` files must be regular files that exist. The operator named them, so they are read
 * wherever they are; one that could not be read would leave root variables unknown, and the run
 * could pass on their defaults without saying so.
 */
export function checkCommandLineVariableFiles(files: readonly string[]): void {
  for (const file of files) {
    let stats;
    try {
      stats = statSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`--var-file ${file}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code})`}`);
    }
    if (!stats.isFile())
      throw new UsageError(
        `--var-file ${file}: not a regular file (a directory, device, FIFO or socket); it is not read`,
      );
  }
}

/** The configuration's `varFiles` checked once for the run (see configured-variable-files.ts), as a usage error. */
export function checkVariableFilesOfConfiguration(loaded: LoadedConfig, paths: readonly string[]): void {
  try {
    checkConfiguredVariableFiles(loaded.config, loaded.path, paths);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** The scan's evaluation inputs from the arguments; a malformed --var or an unreadable --var-file is a usage error. */
export function evaluationInputs(argv: EvaluationArguments): {
  varFiles: string[];
  vars: string[];
  environment: NodeJS.ProcessEnv;
} {
  for (const assignment of argv.var) {
    if (!/^[A-Za-z_][\w-]*=/.test(assignment)) throw new UsageError(`--var expects name=value, got "${assignment}"`);
  }
  checkCommandLineVariableFiles(argv["var-file"]);
  return {
    varFiles: argv["var-file"],
    vars: argv.var,
    environment: argv.workspace === undefined ? process.env : { ...process.env, TF_WORKSPACE: argv.workspace },
  };
}
