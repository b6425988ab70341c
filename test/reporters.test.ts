/** JUnit, GitHub annotations, Markdown and JSON, asserted structurally on the example estate. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { renderJunit } from "../src/reporters/junit.js";
import { renderGithub } from "../src/reporters/github.js";
import { renderMarkdown } from "../src/reporters/markdown.js";
import { renderJson } from "../src/reporters/json.js";
import { guidanceCoverage } from "../src/reporters/guidance-coverage.js";
import { renderText } from "../src/reporters/text.js";
import { repoRoot } from "./support/rule-harness.js";

const result = scan({ paths: [join(repoRoot, "examples", "nhs-trust")], cwd: repoRoot });

describe("JUnit", () => {
  const xml = renderJunit(result);
  it("has a testsuite per file, a testcase per rule and a failure per finding", () => {
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="iflint" tests="\d+" failures="\d+" errors="0">/,
    );
    expect(xml.match(/<testsuite /g)).toHaveLength(14);
    expect(xml.match(/<failure /g)).toHaveLength(33);
    expect(xml.match(/<testcase /g)).toHaveLength(14 * result.rules.length);
    expect(xml).toContain(
      '<failure message="Listener aws_lb_listener.pacs_http serves HTTP without redirecting to HTTPS (default action: forward)." type="error">examples/nhs-trust/legacy-pacs.tf:27:23 IFL-TLS-001',
    );
  });

  it("escapes XML and drops characters XML cannot hold", () => {
    const odd = { ...result, findings: [{ ...result.findings[0], message: 'a < b & "c" \u0001' }] };
    expect(renderJunit(odd)).toContain('message="a &lt; b &amp; &quot;c&quot; "');
  });
});

describe("GitHub annotations", () => {
  it("emit workflow commands with positions and the rule as title, by severity", () => {
    const lines = renderGithub(result).trim().split("\n");
    expect(lines).toHaveLength(33);
    expect(lines).toContain(
      "::error file=examples/nhs-trust/legacy-pacs.tf,line=27,col=23,endLine=27,endColumn=29,title=IFL-TLS-001::Listener aws_lb_listener.pacs_http serves HTTP without redirecting to HTTPS (default action: forward).",
    );
    expect(lines.filter((line) => line.startsWith("::notice ")).length).toBe(7);
  });

  it("escape data and properties as GitHub requires", () => {
    const odd = { ...result, findings: [{ ...result.findings[0], ruleId: "a,b:c", message: "50% done\r\nnext" }] };
    expect(renderGithub(odd)).toContain("title=a%2Cb%3Ac::50%25 done%0D%0Anext");
  });

  it("stop at 10 per rule and 50 in all, saying how many more", () => {
    const many = {
      ...result,
      findings: Array.from({ length: 70 }, (_, index) => ({ ...result.findings[0], ruleId: `R${index % 7}` })),
    };
    const lines = renderGithub(many).trim().split("\n");
    expect(lines).toHaveLength(51);
    expect(lines[50]).toBe(
      "::notice::20 more iflint findings are not annotated (GitHub shows at most 10 per rule and 50 in all); see the SARIF or JSON report.",
    );
  });
});

describe("Markdown summary", () => {
  it("gives a verdict, counts per guidance section and the findings with links", () => {
    const markdown = renderMarkdown(result);
    expect(markdown).toContain("❌ **iflint: 13 errors** — 33 findings (13 errors, 13 warnings, 7 notes) in 14 files.");
    const ip = guidanceCoverage(result).find((section) => section.id === "IF-C1-IP")!;
    expect(ip.findings).toBe(3);
    expect(markdown).toContain(
      `| IF-C1-IP — Your organisation's use of IP addressing | ${ip.rules.length} | 3 | ${ip.passed} | ${ip.unknown} |`,
    );
    expect(markdown).toContain("[examples/nhs-trust/legacy-pacs.tf:27](examples/nhs-trust/legacy-pacs.tf#L27)");
  });

  it("folds findings past the top 20 and stays under 1 MiB", () => {
    const many = { ...result, findings: Array.from({ length: 20_000 }, () => result.findings[0]) };
    const markdown = renderMarkdown(many);
    expect(markdown).toContain("<details>");
    expect(Buffer.byteLength(markdown)).toBeLessThan(1024 * 1024);
    expect(markdown).toMatch(/more not shown \(GitHub's summary limit\)/);
  });
});

describe("JSON report", () => {
  it("follows the documented contract", () => {
    const report = JSON.parse(renderJson(result)) as {
      version: number;
      tool: { name: string };
      findings: Record<string, unknown>[];
      summary: Record<string, unknown>;
      guidance: { id: string }[];
    };
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe("iflint");
    const finding = report.findings.find((item) => item.ruleId === "IFL-ADDR-002");
    expect(finding).toMatchObject({
      ruleName: "internet-facing-lb-admits-internet",
      category: "private-addressing",
      severity: "warning",
      file: "examples/nhs-trust/legacy-pacs.tf",
      line: 13,
      column: 19,
      resource: "aws_security_group.pacs_lb",
      suppressed: false,
      certainty: "default",
    });
    expect(finding?.trace).toEqual([
      {
        file: "examples/nhs-trust/variables.tf",
        line: 18,
        column: 13,
        message:
          'var.hscn_site_ranges = ["10.84.0.0/16","172.20.0.0/14"] (default, examples/nhs-trust/variables.tf:18:13)',
      },
    ]);
    expect(report.summary).toMatchObject({
      filesScanned: 14,
      findings: 33,
      bySeverity: { error: 13, warning: 13, note: 7 },
      parseErrors: 0,
    });
    expect(report.guidance.map((section) => section.id)).toContain("IF-C1-IP");
  });
});

describe("text report", () => {
  it("shows a code frame with a caret, the value trace, guidance and fix, without colour off a terminal", () => {
    const text = renderText(result, { color: false });
    expect(text).toContain(
      [
        "examples/nhs-trust/legacy-pacs.tf:27:23  error  IFL-TLS-001  Listener aws_lb_listener.pacs_http serves HTTP without redirecting to HTTPS (default action: forward).",
        "  26 |   port              = 80",
        '> 27 |   protocol          = "HTTP"',
        "     |                       ^^^^^^",
      ].join("\n"),
    );
    expect(text).toContain(
      '  value: var.hscn_site_ranges = ["10.84.0.0/16","172.20.0.0/14"] (default, examples/nhs-trust/variables.tf:18:13)',
    );
    expect(text).toContain("  certainty: depends on a variable default that tfvars or the pipeline may override");
    expect(text).not.toContain("\u001b[");
    expect(text.trim().split("\n").at(-1)).toBe("33 findings (13 errors, 13 warnings, 7 notes); 14 files scanned.");
  });
});
