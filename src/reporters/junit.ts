/**
 * JUnit XML for test-report viewers (GitHub, GitLab, Jenkins): a testsuite per scanned file, a
 * testcase per rule checked there, a failure per finding.
 */
import type { ScanResult } from "../scan.js";
import type { Finding } from "../engine/finding.js";

export function escapeXml(text: string): string {
  // XML 1.0 forbids most control characters even when escaped.
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(
        /[<>&"']/g,
        (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[char] as string,
      )
  );
}

export function renderJunit(result: ScanResult): string {
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    if (finding.suppressed) continue;
    const list = byFile.get(finding.range.file.path) ?? [];
    list.push(finding);
    byFile.set(finding.range.file.path, list);
  }
  const files = [...new Set([...result.discovery.files.map((file) => file.displayPath), ...byFile.keys()])].sort();
  const ruleIds = [...result.rules.map((rule) => rule.meta.id)];
  const titles = new Map(result.rules.map((rule) => [rule.meta.id, rule.meta.title]));
  let tests = 0;
  let failures = 0;
  const suites = files.map((path) => {
    const findings = byFile.get(path) ?? [];
    const ids = [...new Set([...ruleIds, ...findings.map((finding) => finding.ruleId)])];
    const cases = ids.map((id) => {
      const failing = findings.filter((finding) => finding.ruleId === id);
      const body = failing
        .map((finding) => {
          const at = `${path}:${finding.range.start.line}:${finding.range.start.column}`;
          return `      <failure message="${escapeXml(finding.message)}" type="${finding.severity}">${escapeXml(`${at} ${finding.ruleId} ${finding.message}${finding.resource ? ` (${finding.resource})` : ""}`)}</failure>`;
        })
        .join("\n");
      return `    <testcase classname="${escapeXml(path)}" name="${escapeXml(`${id}: ${titles.get(id) ?? id}`)}" file="${escapeXml(path)}">${body ? `\n${body}\n    ` : ""}</testcase>`;
    });
    const failed = ids.filter((id) => findings.some((finding) => finding.ruleId === id)).length;
    tests += ids.length;
    failures += failed;
    return `  <testsuite name="${escapeXml(path)}" tests="${ids.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="iflint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join("\n")}\n</testsuites>\n`;
}
