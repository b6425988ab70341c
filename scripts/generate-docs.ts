/** Writes docs/rules/*.md, the index, and the README's rule table (`npm run docs`). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allRules } from "../rules/index.js";
import { renderRuleIndex, renderRulePage, replaceReadmeRules, rulePagePath } from "../src/docs/rule-docs.js";
import { renderGuidanceDoc } from "../src/docs/guidance-doc.js";
import { renderNationalServicesDoc } from "../src/docs/national-services-doc.js";
import { packageRoot } from "../src/package-root.js";

const root = packageRoot();
mkdirSync(join(root, "docs", "rules"), { recursive: true });
for (const rule of allRules) writeFileSync(join(root, rulePagePath(rule)), renderRulePage(rule));
writeFileSync(join(root, "docs", "rules", "README.md"), renderRuleIndex(allRules));
writeFileSync(join(root, "docs", "guidance.md"), renderGuidanceDoc(allRules));
writeFileSync(join(root, "docs", "national-services.md"), renderNationalServicesDoc());
const readmePath = join(root, "README.md");
writeFileSync(readmePath, replaceReadmeRules(readFileSync(readmePath, "utf8"), allRules));
process.stdout.write(`wrote ${allRules.length} rule pages, the index and the README rule table\n`);
