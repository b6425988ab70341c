/** Temporary repositories of DNS files, scanned with every rule: findings as `file:line:column rule message`. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { allRules } from "../../rules/index.js";
import { scan } from "../../src/scan.js";
import type { IflintConfig } from "../../src/engine/config.js";

/** A git-initialised temporary repository holding the given files. */
export function repository(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "iflint-dns-"));
  mkdirSync(join(directory, ".git"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

export function findingsOf(directory: string, options: { paths?: string[]; cwd?: string; config?: IflintConfig } = {}) {
  const result = scan({
    paths: options.paths ?? [directory],
    cwd: options.cwd ?? directory,
    rules: allRules,
    config: options.config,
    configPath: options.config ? join(directory, "iflint.config.json") : undefined,
  });
  return result.findings.map(
    (finding) =>
      `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column} ${finding.ruleId} ${finding.message}`,
  );
}
