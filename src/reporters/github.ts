/**
 * GitHub Actions workflow commands: one annotation per finding, escaped per GitHub's rules, capped
 * where GitHub stops showing them (10 per rule, 50 in all), with a notice of how many more.
 */
import type { ScanResult } from "../scan.js";

const PER_RULE = 10;
const IN_ALL = 50;
const COMMAND: Record<string, string> = { error: "error", warning: "warning", note: "notice" };

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function renderGithub(result: ScanResult): string {
  const lines: string[] = [];
  const perRule = new Map<string, number>();
  let shown = 0;
  const findings = result.findings.filter((finding) => !finding.suppressed);
  for (const finding of findings) {
    const count = perRule.get(finding.ruleId) ?? 0;
    if (count >= PER_RULE || shown >= IN_ALL) continue;
    perRule.set(finding.ruleId, count + 1);
    shown++;
    const start = finding.range.start;
    const end = finding.range.end;
    const properties = [
      `file=${escapeProperty(finding.range.file.path)}`,
      `line=${start.line}`,
      `col=${start.column}`,
      `endLine=${end.line}`,
      `endColumn=${end.column}`,
      `title=${escapeProperty(finding.ruleId)}`,
    ].join(",");
    lines.push(`::${COMMAND[finding.severity]} ${properties}::${escapeData(finding.message)}`);
  }
  if (findings.length > shown)
    lines.push(
      `::notice::${escapeData(`${findings.length - shown} more iflint findings are not annotated (GitHub shows at most ${PER_RULE} per rule and ${IN_ALL} in all); see the SARIF or JSON report.`)}`,
    );
  return lines.length ? `${lines.join("\n")}\n` : "";
}
