/**
 * Scans a rule's own fixtures (`fixtures/<rule-id>/{fail,pass,...}`), with the configuration in
 * `fixtures/<rule-id>/iflint.config.json` when the rule reads settings: one way for the tests, the
 * generated docs and the review script alike.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { scan, type ScanResult } from "../scan.js";
import { loadConfig } from "../engine/config.js";
import type { Rule } from "../engine/rule.js";
import { packageFile } from "../package-root.js";

export function scanRuleFixture(rule: Rule, kind: string): ScanResult {
  const fixtureRoot = packageFile("fixtures", rule.meta.id);
  const configPath = join(fixtureRoot, "iflint.config.json");
  const config = existsSync(configPath) ? loadConfig(configPath, fixtureRoot) : undefined;
  return scan({
    paths: [join(fixtureRoot, kind)],
    cwd: fixtureRoot,
    rules: [rule],
    config: config?.config,
    configPath: config?.path,
    today: "2026-01-01",
  });
}
