/** Suppressions stay accountable: reasons required, dates enforced, unused ones reported. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import type { IflintConfig } from "../src/engine/config.js";
import { renderJson } from "../src/reporters/json.js";
import { buildSarif } from "../src/reporters/sarif.js";

const TODAY = "2026-11-24";

function scanText(files: Record<string, string>, options: { config?: IflintConfig; reportUnused?: boolean } = {}) {
  const directory = mkdtempSync(join(tmpdir(), "iflint-ignore-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  const result = scan({
    paths: [directory],
    cwd: directory,
    today: TODAY,
    config: options.config,
    reportUnusedIgnores: options.reportUnused,
  });
  return {
    result,
    rows: result.findings.map(
      (finding) =>
        `${finding.range.file.path}:${finding.range.start.line} ${finding.ruleId}${finding.suppressed ? ` suppressed(${finding.justification})` : ""}`,
    ),
  };
}

const distribution = (name: string) => `resource "aws_cloudfront_distribution" "${name}" {\n  enabled = true\n}\n`;

describe("inline ignores", () => {
  it("suppress the block below, with the reason as justification", () => {
    const { rows } = scanText({
      "main.tf": `# iflint-ignore IFL-WAF-002 reason="Behind the NHS Secure Boundary" until=2027-03-31\n${distribution("a")}${distribution("b")}`,
    });
    expect(rows).toEqual(["main.tf:2 IFL-WAF-002 suppressed(Behind the NHS Secure Boundary)", "main.tf:5 IFL-WAF-002"]);
  });

  it("suppress a finding on their own line, with // comments and several rule ids", () => {
    const text =
      'resource "aws_lb" "a" {\n  name = "a"\n}\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = aws_lb.a.arn\n  protocol = "HTTP" // iflint-ignore IFL-TLS-002, IFL-TLS-001 reason="partner integration"\n  default_action {\n    type = "forward"\n  }\n}\n';
    const { rows } = scanText({ "main.tf": text });
    expect(rows).toContain("main.tf:6 IFL-TLS-001 suppressed(partner integration)");
  });

  it("cover a whole file with iflint-ignore-file", () => {
    const { rows } = scanText({
      "main.tf": `# iflint-ignore-file IFL-WAF-002 reason="test distributions"\n${distribution("a")}${distribution("b")}`,
    });
    expect(rows).toEqual([
      "main.tf:2 IFL-WAF-002 suppressed(test distributions)",
      "main.tf:5 IFL-WAF-002 suppressed(test distributions)",
    ]);
  });

  it("do not suppress without a reason, and say so", () => {
    const { rows, result } = scanText({ "main.tf": `# iflint-ignore IFL-WAF-002\n${distribution("a")}` });
    expect(rows).toEqual(["main.tf:1 iflint-ignore", "main.tf:2 IFL-WAF-002"]);
    expect(result.findings[0].message).toMatch(/gives no reason/);
    expect(result.findings[0].severity).toBe("warning");
  });

  it("stop suppressing after their until date, with a warning", () => {
    const { rows, result } = scanText({
      "main.tf": `# iflint-ignore IFL-WAF-002 reason="migration" until=2026-11-23\n${distribution("a")}`,
    });
    expect(rows).toEqual(["main.tf:1 iflint-ignore", "main.tf:2 IFL-WAF-002"]);
    expect(result.findings[0].message).toBe(
      "This iflint-ignore for IFL-WAF-002 expired on 2026-11-23 and no longer suppresses (reason was: migration).",
    );
  });

  it("still suppress on their until date", () => {
    const { rows } = scanText({
      "main.tf": `# iflint-ignore IFL-WAF-002 reason="migration" until=${TODAY}\n${distribution("a")}`,
    });
    expect(rows).toEqual(["main.tf:2 IFL-WAF-002 suppressed(migration)"]);
  });

  it("are reported when they match nothing, if asked", () => {
    const text = `# iflint-ignore IFL-TLS-001 reason="old"\n${distribution("a")}`;
    expect(scanText({ "main.tf": text }).rows).toEqual(["main.tf:2 IFL-WAF-002"]);
    expect(scanText({ "main.tf": text }, { reportUnused: true }).rows).toEqual([
      "main.tf:1 iflint-ignore",
      "main.tf:2 IFL-WAF-002",
    ]);
  });

  it("work in zone files with ; comments", () => {
    const zone =
      '$ORIGIN example.org.\n@ 60 IN SOA ns h 1 2 3 4 5\n@ 60 IN CAA 0 issue "amazon.com"\n; iflint-ignore IFL-DNS-001 reason="intranet alias, retiring"\nintranet 60 IN CNAME intranet.corp.\n';
    expect(scanText({ "example.org.zone": zone }).rows).toEqual([
      "example.org.zone:2 IFL-DNS-004",
      "example.org.zone:5 IFL-DNS-001 suppressed(intranet alias, retiring)",
    ]);
  });

  it("show in JSON and SARIF as suppressed with the justification", () => {
    const { result } = scanText({
      "main.tf": `# iflint-ignore IFL-WAF-002 reason="Behind the NHS Secure Boundary"\n${distribution("a")}`,
    });
    const json = JSON.parse(renderJson(result)) as {
      findings: { suppressed: boolean; justification?: string }[];
      summary: { suppressed: number; findings: number };
    };
    expect(json.findings[0]).toMatchObject({ suppressed: true, justification: "Behind the NHS Secure Boundary" });
    expect(json.summary).toMatchObject({ suppressed: 1, findings: 0 });
    const sarif = buildSarif(result) as { runs: { results: { suppressions?: unknown[] }[] }[] };
    expect(sarif.runs[0].results[0].suppressions).toEqual([
      { kind: "inSource", status: "accepted", justification: "Behind the NHS Secure Boundary" },
    ]);
  });
});

describe("configured ignores", () => {
  it("suppress by rule and path or resource, and expire", () => {
    const files = { "main.tf": `${distribution("a")}${distribution("b")}` };
    const config: IflintConfig = {
      ignores: [
        { rule: "IFL-WAF-002", resource: "aws_cloudfront_distribution.a", reason: "fronted by Azure Front Door" },
        { rule: "IFL-WAF-002", path: "*.tf", reason: "old", until: "2025-01-01" },
      ],
    };
    const { rows } = scanText(files, { config });
    expect(rows).toContain("main.tf:1 IFL-WAF-002 suppressed(config: fronted by Azure Front Door)");
    expect(rows).toContain("main.tf:4 IFL-WAF-002");
    expect(rows.filter((row) => row.includes("iflint-ignore"))).toHaveLength(1);
  });

  it("turn rules off and change their severity", () => {
    const files = { "main.tf": distribution("a") };
    expect(scanText(files, { config: { rules: { "IFL-WAF-002": "off" } } }).rows).toEqual([]);
    expect(scanText(files, { config: { rules: { "IFL-WAF-002": "note" } } }).result.findings[0].severity).toBe("note");
  });

  it("accept allowedCidrs and internalServices, each with a reason", () => {
    const records =
      'resource "aws_route53_zone" "z" {\n  name = "example.org"\n}\nresource "aws_route53_record" "r" {\n  zone_id = aws_route53_zone.z.zone_id\n  name    = "r.example.org"\n  type    = "A"\n  records = ["10.1.2.3", "10.9.9.9"]\n}\nresource "aws_api_gateway_rest_api" "referrals" {\n  name = "referrals"\n  endpoint_configuration {\n    types = ["PRIVATE"]\n  }\n}\n';
    expect(scanText({ "main.tf": records }).rows.filter((row) => !row.includes("IFL-DNS"))).toEqual([
      "main.tf:8 IFL-ADDR-001",
      "main.tf:8 IFL-ADDR-001",
      "main.tf:13 IFL-EXP-001",
    ]);
    const config: IflintConfig = {
      allowedCidrs: [{ cidr: "10.1.0.0/16", reason: "NAT range announced publicly" }],
      internalServices: [{ resource: "aws_api_gateway_rest_api.*", reason: "partner APIs stay on HSCN until 2027" }],
    };
    expect(scanText({ "main.tf": records }, { config }).rows.filter((row) => !row.includes("IFL-DNS"))).toEqual([
      "main.tf:8 IFL-ADDR-001",
    ]);
  });

  it("read extra zone files named by zoneFiles globs", () => {
    const zone = "$ORIGIN example.org.\n@ 60 IN SOA ns h 1 2 3 4 5\nx 60 IN CNAME host.internal.\n";
    expect(scanText({ "example.txt": zone }).rows).toEqual([]);
    expect(scanText({ "example.txt": zone }, { config: { zoneFiles: ["*.txt"] } }).rows).toEqual([
      "example.txt:2 IFL-DNS-002",
      "example.txt:2 IFL-DNS-004",
      "example.txt:3 IFL-DNS-001",
    ]);
  });

  it("skip ignorePaths and keep private zones out of the DNS rules", () => {
    const zone = "$ORIGIN corp.example.org.\n@ 60 IN SOA ns h 1 2 3 4 5\nx 60 IN CNAME host.internal.\n";
    const files = { "main.tf": distribution("a"), "corp.example.org.zone": zone };
    const { rows } = scanText(files, { config: { ignorePaths: ["main.tf"], privateZones: ["*.example.org"] } });
    expect(rows).toEqual([]);
  });
});
