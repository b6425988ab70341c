/** `IFLINT_TIMING=1` (or a number of rows): the slowest rules on stderr, as ESLint's TIMING does. */
import type { RuleOutcome } from "../engine/run-rules.js";

export function ruleTimingTable(outcomes: readonly RuleOutcome[], setting: string | undefined): string | undefined {
  if (!setting) return undefined;
  const rows = Number(setting) > 1 ? Number(setting) : 10;
  const total = outcomes.reduce((sum, outcome) => sum + outcome.milliseconds, 0) || 1;
  const slowest = [...outcomes].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, rows);
  const lines = slowest.map(
    (outcome) =>
      `${outcome.ruleId.padEnd(14)} ${outcome.milliseconds.toFixed(1).padStart(9)} ms ${((100 * outcome.milliseconds) / total).toFixed(1).padStart(5)}%`,
  );
  return (
    [
      `${"rule".padEnd(14)} ${"time".padStart(12)} ${"share".padStart(6)}`,
      ...lines,
      `${"all rules".padEnd(14)} ${total.toFixed(1).padStart(9)} ms`,
    ].join("\n") + "\n"
  );
}
