/**
 * The JSON report: a stable contract consumed by pipelines (documented in the README). Fields may
 * be added; none may be renamed or removed without a new `version`.
 */
import type { ScanResult } from "../scan.js";
import type { Finding } from "../engine/finding.js";
import { TOOL_NAME, toolVersion } from "../version.js";
import { summarize } from "./summary.js";
import { guidanceCoverage } from "./guidance-coverage.js";

export interface JsonFinding {
  ruleId: string;
  ruleName: string;
  category: string;
  severity: string;
  message: string;
  guidance: string[];
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource?: string;
  suppressed: boolean;
  justification?: string;
  certainty?: string;
  /** Why the finding is conditional, when it is not an unresolved count/for_each. */
  certaintyReason?: string;
  trace?: { file: string; line: number; column: number; message: string }[];
  related?: { file: string; line: number; column: number; message: string }[];
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const start = finding.range.start;
  const end = finding.range.end;
  // Every key in one literal, in the report's order: one object shape for all findings. Keys left
  // undefined are not written by JSON.stringify, exactly as if they were absent.
  return {
    ruleId: finding.ruleId,
    ruleName: finding.ruleName,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    guidance: finding.guidance,
    file: finding.range.file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    suppressed: finding.suppressed,
    resource: finding.resource,
    justification: finding.justification,
    certainty: finding.certainty,
    certaintyReason: finding.certaintyReason,
    trace: finding.trace.length ? finding.trace.map(locationEntry) : undefined,
    related: finding.related.length ? finding.related.map(locationEntry) : undefined,
  };
}

function locationEntry(item: { range: Finding["range"]; message: string }): {
  file: string;
  line: number;
  column: number;
  message: string;
} {
  const start = item.range.start;
  return { file: item.range.file.path, line: start.line, column: start.column, message: item.message };
}

export function renderJson(result: ScanResult): string {
  const report = {
    version: 1,
    tool: { name: TOOL_NAME, version: toolVersion() },
    findings: result.findings.map(toJsonFinding),
    summary: summarize(result),
    guidance: guidanceCoverage(result),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
