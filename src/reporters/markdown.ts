/**
 * Markdown for `$GITHUB_STEP_SUMMARY` and pull-request comments: a verdict, counts per guidance
 * section and severity, the top findings with links, the rest folded; kept under GitHub's 1 MiB.
 */
import type { ScanResult } from "../scan.js";
import type { Finding } from "../engine/finding.js";
import { summarize } from "./summary.js";
import { guidanceCoverage } from "./guidance-coverage.js";

const TOP = 20;
/** GitHub rejects step summaries over 1 MiB; stop well before. */
const MAX_BYTES = 1_000_000;
const ORDER = { error: 0, warning: 1, note: 2 } as const;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function row(finding: Finding): string {
  const at = `${finding.range.file.path}:${finding.range.start.line}`;
  return `| ${finding.severity} | [${cell(at)}](${encodeURI(finding.range.file.path)}#L${finding.range.start.line}) | ${finding.ruleId} | ${cell(finding.message)} |`;
}

export function renderMarkdown(result: ScanResult): string {
  const summary = summarize(result);
  const findings = result.findings
    .filter((finding) => !finding.suppressed)
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const { error, warning, note } = summary.bySeverity;
  const verdict = error
    ? `❌ **iflint: ${error} error${error === 1 ? "" : "s"}**`
    : warning
      ? `⚠️ **iflint: no errors, ${warning} warning${warning === 1 ? "" : "s"}**`
      : "✅ **iflint: no errors or warnings**";
  const lines = [
    `## Internet First readiness`,
    "",
    `${verdict} — ${summary.findings} finding${summary.findings === 1 ? "" : "s"} (${error} errors, ${warning} warnings, ${note} notes) in ${summary.filesScanned} files${summary.suppressed ? `, ${summary.suppressed} suppressed` : ""}.`,
    "",
    "| guidance section | rules | findings | passed | unknown |",
    "| --- | --- | --- | --- | --- |",
    ...guidanceCoverage(result)
      .filter((section) => section.rules.length)
      .map(
        (section) =>
          `| ${section.id} — ${cell(section.heading)} | ${section.rules.length} | ${section.findings} | ${section.passed} | ${section.unknown} |`,
      ),
    "",
  ];
  if (findings.length) {
    lines.push(
      "| severity | where | rule | message |",
      "| --- | --- | --- | --- |",
      ...findings.slice(0, TOP).map(row),
      "",
    );
  }
  let text = lines.join("\n");
  const rest = findings.slice(TOP);
  if (rest.length) {
    const folded = [
      "<details>",
      `<summary>${rest.length} more finding${rest.length === 1 ? "" : "s"}</summary>`,
      "",
      "| severity | where | rule | message |",
      "| --- | --- | --- | --- |",
    ];
    let size = Buffer.byteLength(text);
    let shown = 0;
    for (const finding of rest) {
      const line = row(finding);
      size += Buffer.byteLength(line) + 1;
      if (size > MAX_BYTES - 2_000) break;
      folded.push(line);
      shown++;
    }
    if (shown < rest.length)
      folded.push(
        "",
        `_${rest.length - shown} more not shown (GitHub's summary limit); see the JSON or SARIF report._`,
      );
    folded.push("", "</details>", "");
    text += `\n${folded.join("\n")}`;
  }
  return `${text}\n`;
}
