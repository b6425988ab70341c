/** `iflint plan [paths..]`: the implementation plan starter (Internet First guidance step 3). */
import type { CommandModule } from "yargs";
import { scan } from "../scan.js";
import { buildRegister } from "../register/build-register.js";
import { buildPlan } from "../register/build-plan.js";
import { renderPlanJson, renderPlanMarkdown } from "../reporters/plan.js";
import { ConfigError, loadConfig } from "../engine/config.js";
import { EXIT_CLEAN, UsageError } from "./exit-codes.js";
import { writeReport } from "./output.js";

export function planCommand(setExitCode: (code: number) => void): CommandModule<object, { paths: string[]; format: "markdown" | "json"; output?: string; config?: string }> {
  return {
    command: "plan [paths..]",
    describe: "Write the implementation plan starter: ordered changes that make each service ready",
    builder: (yargs) =>
      yargs
        .positional("paths", { type: "string", array: true, default: ["."] })
        .option("format", { alias: "f", choices: ["markdown", "json"] as const, default: "markdown" as const })
        .option("output", { alias: "o", type: "string" })
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
      const groups = buildPlan(buildRegister(result.estate, result.findings), result.findings);
      writeReport(argv.format === "json" ? renderPlanJson(groups) : renderPlanMarkdown(groups), argv.output);
      setExitCode(EXIT_CLEAN);
    },
  };
}
