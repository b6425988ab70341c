/** `iflint plan [paths..]`: the implementation plan starter (Internet First guidance step 3). */
import type { CommandModule } from "yargs";
import { buildPlan } from "../register/build-plan.js";
import { renderPlanJson, renderPlanMarkdown } from "../reporters/plan.js";
import { EXIT_CLEAN } from "./exit-codes.js";
import { estateRegister, scanWholeEstate } from "./whole-estate.js";
import { writeReport } from "./output.js";

export function planCommand(
  setExitCode: (code: number) => void,
): CommandModule<object, { paths: string[]; format: "markdown" | "json"; output?: string; config?: string }> {
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
      const { result, settings } = scanWholeEstate(argv.paths, argv.config);
      const groups = buildPlan(estateRegister(result, settings), result.findings);
      writeReport(argv.format === "json" ? renderPlanJson(groups) : renderPlanMarkdown(groups), argv.output);
      setExitCode(EXIT_CLEAN);
    },
  };
}
