/** Human-readable output: one code frame per finding, the guidance and the fix, then a summary. */
import type { ScanResult } from "../scan.js";
import { certaintyExplanation, type Finding } from "../engine/finding.js";
import type { Rule } from "../engine/rule.js";
import { guidanceSection } from "../engine/guidance.js";
import { codeFrame, type Palette } from "./code-frame.js";
import { summarize } from "./summary.js";

export interface TextOptions {
  color: boolean;
  /** Show only the summary line and errors. */
  quiet?: boolean;
  showSuppressed?: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

export function renderText(result: ScanResult, options: TextOptions): string {
  const paint = (code: number) => (text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColour = { error: paint(ANSI.red), warning: paint(ANSI.yellow), note: paint(ANSI.cyan) };
  const rules = new Map(result.rules.map((rule) => [rule.meta.id, rule]));
  const blocks: string[] = [];
  for (const finding of result.findings) {
    if (finding.suppressed && !options.showSuppressed) continue;
    if (options.quiet && finding.severity !== "error") continue;
    const palette: Palette = { dim: paint(ANSI.dim), marker: severityColour[finding.severity] };
    blocks.push(
      renderFinding(finding, rules.get(finding.ruleId), palette, severityColour[finding.severity], paint(ANSI.bold)),
    );
  }
  for (const warning of result.discovery.warnings) blocks.push(`${paint(ANSI.yellow)("warning")}: ${warning}`);
  blocks.push(summaryLine(result, paint(ANSI.bold)));
  return `${blocks.join("\n\n")}\n`;
}

function renderFinding(
  finding: Finding,
  rule: Rule | undefined,
  palette: Palette,
  severity: (text: string) => string,
  bold: (text: string) => string,
): string {
  const start = finding.range.start;
  const lines = [
    `${bold(`${finding.range.file.path}:${start.line}:${start.column}`)}  ${severity(finding.severity)}  ${finding.ruleId}  ${finding.message}${finding.suppressed ? `  (suppressed: ${finding.justification ?? ""})` : ""}`,
    codeFrame(finding.range, palette),
  ];
  // Trace messages already name where each value was set.
  for (const step of finding.trace) lines.push(`  ${palette.dim("value:")} ${step.message}`);
  const certainty = certaintyExplanation(finding);
  if (certainty) lines.push(`  ${palette.dim("certainty:")} ${certainty}`);
  for (const related of finding.related) {
    const at = related.range.start;
    lines.push(`  ${palette.dim("see:")} ${related.message} (${related.range.file.path}:${at.line}:${at.column})`);
  }
  if (finding.guidance.length) {
    const sections = finding.guidance.map((id) => {
      const heading = guidanceSection(id)?.heading;
      return heading ? `${id} (${heading})` : id;
    });
    lines.push(`  ${palette.dim("guidance:")} ${sections.join("; ")}`);
  }
  if (rule) lines.push(`  ${palette.dim("fix:")} ${rule.meta.remediation}`);
  return lines.join("\n");
}

function summaryLine(result: ScanResult, bold: (text: string) => string): string {
  const summary = summarize(result);
  const files = `${summary.filesScanned} file${summary.filesScanned === 1 ? "" : "s"} scanned`;
  const suppressed = `${summary.suppressed ? `, ${summary.suppressed} suppressed` : ""}${summary.remoteModules ? `; ${summary.remoteModules} remote module call${summary.remoteModules === 1 ? "" : "s"} not evaluated (run terraform init to include them)` : ""}${summary.packageConstructs ? `; ${summary.packageConstructs} construct${summary.packageConstructs === 1 ? "" : "s"} from packages not read (their resources are not checked)` : ""}`;
  if (summary.findings === 0) return bold(`No findings; ${files}${suppressed}.`);
  const { error, warning, note } = summary.bySeverity;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return bold(
    `${plural(summary.findings, "finding")} (${plural(error, "error")}, ${plural(warning, "warning")}, ${plural(note, "note")}); ${files}${suppressed}.`,
  );
}
