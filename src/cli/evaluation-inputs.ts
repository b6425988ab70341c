/**
 * What a scan evaluates root modules with, for register, report and plan as for scan (whose own
 * definitions these repeat, until the scan command is rebuilt on them): `--var-file`, `--var` and
 * `--workspace`, checked before anything is read.
 */
import { existsSync } from "node:fs";
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
    describe: "Terraform variables file for root modules (repeatable)",
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

/** The scan's evaluation inputs from the arguments; a malformed --var or a missing --var-file is a usage error. */
export function evaluationInputs(argv: EvaluationArguments): {
  varFiles: string[];
  vars: string[];
  environment: NodeJS.ProcessEnv;
} {
  for (const assignment of argv.var) {
    if (!/^[A-Za-z_][\w-]*=/.test(assignment)) throw new UsageError(`--var expects name=value, got "${assignment}"`);
  }
  for (const file of argv["var-file"]) {
    if (!existsSync(file)) throw new UsageError(`--var-file ${file}: no such file`);
  }
  return {
    varFiles: argv["var-file"],
    vars: argv.var,
    environment: argv.workspace === undefined ? process.env : { ...process.env, TF_WORKSPACE: argv.workspace },
  };
}
