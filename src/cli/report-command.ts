/** `iflint report [paths..] --output report.html`: the self-contained readiness report. */
import type { CommandModule } from "yargs";
import { scan } from "../scan.js";
import { buildRegister } from "../register/build-register.js";
import { renderHtmlReport } from "../reporters/html-report.js";
import { matchesGlob } from "../engine/glob.js";
import { ConfigError, loadConfig } from "../engine/config.js";
import { EXIT_CLEAN, UsageError } from "./exit-codes.js";
import { writeReport } from "./output.js";

export function reportCommand(setExitCode: (code: number) => void): CommandModule<object, { paths: string[]; output?: string; config?: string; title?: string }> {
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
      let loaded;
      try {
        loaded = loadConfig(argv.config, argv.paths[0] ?? ".");
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      const result = scan({ paths: argv.paths, environment: process.env, config: loaded.config, configPath: loaded.path });
      if (result.discovery.missing.length) throw new UsageError(`no such file or directory: ${result.discovery.missing.join(", ")}`);
      const internal = loaded.config.internalServices ?? [];
      const register = buildRegister(result.estate, result.findings, {
        allowedCidrs: [],
        isInternalService: (resource) => internal.some((entry) => matchesGlob(resource.address, entry.resource) || matchesGlob(resource.baseAddress, entry.resource)),
      });
      writeReport(renderHtmlReport(result, register, { title: argv.title, generated: new Date().toISOString().slice(0, 10) }), argv.output);
      setExitCode(EXIT_CLEAN);
    },
  };
}
