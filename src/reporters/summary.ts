/** Counts shared by every reporter. */
import type { ScanResult } from "../scan.js";

export interface ScanSummary {
  filesScanned: number;
  findings: number;
  suppressed: number;
  bySeverity: { error: number; warning: number; note: number };
  byCategory: Record<string, number>;
  parseErrors: number;
  /** Inputs that could not be read (a missing local module, an encrypted file): part of the estate went unchecked. */
  incompleteInputs: number;
  /** Module calls with remote sources, never downloaded, so not evaluated: a clean result does not cover them. */
  remoteModules: number;
  /** CDKTF constructs from packages (construct libraries), never read: a clean result does not cover them. */
  packageConstructs: number;
  rulesRun: number;
}

export function summarize(result: ScanResult): ScanSummary {
  const summary: ScanSummary = {
    filesScanned: result.fileCount,
    findings: 0,
    suppressed: 0,
    bySeverity: { error: 0, warning: 0, note: 0 },
    byCategory: {},
    parseErrors: 0,
    incompleteInputs: 0,
    remoteModules: result.remoteModules ?? 0,
    packageConstructs: result.packageConstructs ?? 0,
    rulesRun: result.rules.length,
  };
  for (const finding of result.findings) {
    if (finding.suppressed) {
      summary.suppressed++;
      continue;
    }
    summary.findings++;
    summary.bySeverity[finding.severity]++;
    summary.byCategory[finding.category] = (summary.byCategory[finding.category] ?? 0) + 1;
    if (finding.category === "parse-error") summary.parseErrors++;
    if (finding.category === "incomplete") summary.incompleteInputs++;
  }
  return summary;
}
