/** `iflint init`: write a starter configuration with its schema. */
import { existsSync, writeFileSync } from "node:fs";
import type { CommandModule } from "yargs";
import { starterConfig } from "../engine/config.js";
import { EXIT_CLEAN, UsageError } from "./exit-codes.js";

export function initCommand(
  setExitCode: (code: number) => void,
): CommandModule<object, { file: string; force: boolean }> {
  return {
    command: "init [file]",
    describe: "Write a starter iflint.config.json",
    builder: (yargs) =>
      yargs
        .positional("file", { type: "string", default: "iflint.config.json" })
        .option("force", { type: "boolean", default: false, describe: "Overwrite an existing file" }) as never,
    handler: (argv) => {
      if (existsSync(argv.file) && !argv.force)
        throw new UsageError(`${argv.file} exists; use --force to overwrite it`);
      writeFileSync(argv.file, starterConfig());
      process.stdout.write(
        `wrote ${argv.file}: set failOn, turn rules off or change their severity under "rules", list zones meant to stay private under "privateZones", and record accepted findings under "ignores" with a reason and an "until" date. Editors validate it against the "$schema".\n`,
      );
      setExitCode(EXIT_CLEAN);
    },
  };
}
