/** Prints a rule's findings on its fixtures (for writing and reviewing rule tests). */
import { findRule } from "../rules/index.js";
import { scanRuleFixture } from "../src/docs/rule-fixtures.js";

for (const id of process.argv.slice(2)) {
  const rule = findRule(id);
  if (!rule) throw new Error(`no rule ${id}`);
  for (const kind of ["fail", "pass"] as const) {
    const result = scanRuleFixture(rule, kind);
    for (const finding of result.findings) {
      console.log(
        `${id} ${kind}: ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column} [${finding.resource ?? ""}] ${finding.message}`,
      );
    }
  }
}
