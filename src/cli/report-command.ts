/** `iflint report [paths..] --output report.html`: the self-contained readiness report. */
import type { CommandModule } from "yargs";
import { renderHtmlReport } from "../reporters/html-report.js";
import { EXIT_CLEAN } from "./exit-codes.js";
import { estateRegister, scanWholeEstate } from "./whole-estate.js";
import { writeReport } from "./output.js";

export function reportCommand(
  setExitCode: (code: number) => void,
): CommandModule<object, { paths: string[]; output?: string; config?: string; title?: string }> {
  return {
    command: "report [paths..]",
    describe: "Write the readiness report: one self-contained HTML file for architects",
    builder: (yargs) =>
      yargs
        .positional("paths", { type: "string", array: true, default: ["."] })
        .option("output", { alias: "o", type: "string", describe: "HTML file to write (default: stdout)" })
        .option("title", { type: "string", describe: "Report title" })
        .option("config", { alias: "c", type: "string" }) as never,
    handler: (argv) => {
      const { result, settings } = scanWholeEstate(argv.paths, argv.config);
      const register = estateRegister(result, settings);
      writeReport(
        renderHtmlReport(result, register, { title: argv.title, generated: new Date().toISOString().slice(0, 10) }),
        argv.output,
      );
      setExitCode(EXIT_CLEAN);
    },
  };
}
