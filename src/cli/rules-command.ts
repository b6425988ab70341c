/** `iflint rules`: the rule catalogue with its metadata. */
import type { CommandModule } from "yargs";
import { allRules } from "../../rules/index.js";
import { EXIT_CLEAN } from "./exit-codes.js";

interface RulesArguments {
  format: "text" | "json";
}

export function rulesCommand(setExitCode: (code: number) => void): CommandModule<object, RulesArguments> {
  return {
    command: "rules",
    describe: "List the rules with their metadata",
    builder: (yargs) =>
      yargs.option("format", { alias: "f", choices: ["text", "json"] as const, default: "text" as const }) as never,
    handler: (argv) => {
      if (argv.format === "json") {
        process.stdout.write(
          `${JSON.stringify(
            allRules.map((rule) => rule.meta),
            null,
            2,
          )}\n`,
        );
      } else {
        const lines = allRules.map((rule) => {
          const meta = rule.meta;
          return `${meta.id.padEnd(13)} ${meta.severity.padEnd(8)} ${meta.category.padEnd(19)} ${meta.title}\n${" ".repeat(42)}guidance: ${meta.guidance.join(", ")}`;
        });
        process.stdout.write(`${lines.join("\n")}\n`);
      }
      setExitCode(EXIT_CLEAN);
    },
  };
}
