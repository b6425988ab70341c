/** Prints a rule's findings on its fixtures (for writing and reviewing rule tests). */
import { join } from "node:path";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { packageRoot } from "../src/package-root.js";

for (const id of process.argv.slice(2)) {
  const rule = findRule(id);
  if (!rule) throw new Error(`no rule ${id}`);
  for (const kind of ["fail", "pass"]) {
    const root = join(packageRoot(), "fixtures", id);
    const result = scan({ paths: [join(root, kind)], cwd: root, rules: [rule] });
    for (const finding of result.findings) {
      console.log(`${id} ${kind}: ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column} [${finding.resource ?? ""}] ${finding.message}`);
    }
  }
}
