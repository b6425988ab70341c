/** `iflint register [paths..]`: the asset register of the estate (Internet First guidance steps 1 and 2). */
import type { CommandModule } from "yargs";
import { estateNationalDependencies } from "../register/national-dependencies.js";
import { renderRegisterCsv, renderRegisterJson, renderRegisterMarkdown } from "../reporters/register.js";
import { EXIT_CLEAN } from "./exit-codes.js";
import { estatePrivateLinks, estateRegister, scanWholeEstate } from "./whole-estate.js";
import { writeReport } from "./output.js";

interface RegisterArguments {
  paths: string[];
  format: "csv" | "json" | "markdown";
  output?: string;
  bom: boolean;
  config?: string;
}

export function registerCommand(setExitCode: (code: number) => void): CommandModule<object, RegisterArguments> {
  return {
    command: "register [paths..]",
    describe: "Write the asset register: each service entry point and how it is hosted and made available",
    builder: (yargs) =>
      yargs
        .positional("paths", { type: "string", array: true, default: ["."] })
        .option("format", { alias: "f", choices: ["csv", "json", "markdown"] as const, default: "csv" as const })
        .option("output", { alias: "o", type: "string", describe: "Write to a file instead of stdout" })
        .option("bom", { type: "boolean", default: false, describe: "CSV: start with a UTF-8 byte-order mark (Excel)" })
        .option("config", { alias: "c", type: "string" }) as never,
    handler: (argv) => {
      const { result, settings } = scanWholeEstate(argv.paths, argv.config);
      const entries = estateRegister(result, settings);
      const links = estatePrivateLinks(result);
      const national = estateNationalDependencies(entries, result.findings);
      const text =
        argv.format === "json"
          ? renderRegisterJson(entries, links, national)
          : argv.format === "markdown"
            ? renderRegisterMarkdown(entries, links, national)
            : renderRegisterCsv(entries, { bom: argv.bom });
      writeReport(text, argv.output);
      setExitCode(EXIT_CLEAN);
    },
  };
}
