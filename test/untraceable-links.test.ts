/** An association whose target cannot be traced leaves unjudged only what it could cover. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRule } from "../rules/index.js";
import { scan, type ScanResult } from "../src/scan.js";
import { render } from "../src/reporters/index.js";
import { renderHtmlReport } from "../src/reporters/html-report.js";

const PUBLIC_ALB = 'resource "aws_lb" "web" {\n  internal           = false\n  load_balancer_type = "application"\n}\n';

const LINK =
  'variable "alb_arn" {}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = var.alb_arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n';
const HANDED_OVER = (destroy: boolean) =>
  `removed {\n  from = aws_wafv2_web_acl_association.old\n  lifecycle {\n    destroy = ${destroy}\n  }\n}\n`;

/** Root modules by directory (`repo/root`); a directory named in `repositories` gets a `.git`. */
function estate(roots: Record<string, string>, repositories: string[] = []): string {
  const directory = mkdtempSync(join(tmpdir(), "iflint-untraceable-"));
  for (const repository of repositories) mkdirSync(join(directory, repository, ".git"), { recursive: true });
  for (const [name, text] of Object.entries(roots)) {
    mkdirSync(join(directory, name), { recursive: true });
    writeFileSync(join(directory, name, "main.tf"), text);
  }
  return directory;
}

function wafScan(directory: string): ScanResult {
  return scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-001")!] });
}

function wafFindings(directory: string): string[] {
  return wafScan(directory).findings.map((finding) => `${finding.range.file.path}:${finding.resource}`);
}

/** Each finding as file:line:col, certainty, its reason and related locations. */
function described(result: ScanResult): string[] {
  return result.findings.map((finding) =>
    [
      `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
      finding.certainty,
      finding.certaintyReason,
      ...finding.related.map(
        (item) => `${item.range.file.path}:${item.range.start.line}:${item.range.start.column} ${item.message}`,
      ),
    ].join(" | "),
  );
}

describe("an untraceable WAF association", () => {
  it("in a root with load balancers of its own leaves only that root's unjudged", () => {
    const directory = estate({
      app: PUBLIC_ALB,
      other: `${PUBLIC_ALB}variable "alb_arn" {}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = var.alb_arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n`,
    });
    expect(wafFindings(directory)).toEqual(["app/main.tf:aws_lb.web"]);
  });

  it("in a root with nothing it could protect serves another stack: other roots' findings become conditional", async () => {
    const result = wafScan(estate({ app: PUBLIC_ALB, waf: LINK }));
    expect(described(result)).toEqual([
      "app/main.tf:1:1 | conditional | holds unless aws_wafv2_web_acl_association.x (root module waf) covers it: its target is not known | waf/main.tf:2:1 may be covered by aws_wafv2_web_acl_association.x, whose target is not known",
    ]);
    const reason = "holds unless aws_wafv2_web_acl_association.x (root module waf) covers it: its target is not known";
    expect(await render("text", result, { color: false })).toContain(`  certainty: ${reason}\n`);
    expect(await render("text", result, { color: false })).toContain(
      "  see: may be covered by aws_wafv2_web_acl_association.x, whose target is not known (waf/main.tf:2:1)",
    );
    expect(JSON.parse(await render("json", result, { color: false })).findings[0]).toMatchObject({
      certainty: "conditional",
      certaintyReason: reason,
    });
    expect(JSON.parse(await render("sarif", result, { color: false })).runs[0].results[0].properties).toMatchObject({
      certainty: "conditional",
      certaintyReason: reason,
    });
    expect(renderHtmlReport(result, [])).toContain(` · ${reason}</p>`);
  });

  it("in another repository has no effect at all", () => {
    const directory = estate({ "one/app": PUBLIC_ALB, "two/waf": LINK }, ["one", "two"]);
    expect(described(wafScan(directory))).toEqual(["one/app/main.tf:1:1 | definite | "]);
  });

  it("handed over by a removed block that keeps it leaves its root's load balancers unjudged", () => {
    expect(wafFindings(estate({ app: `${PUBLIC_ALB}${HANDED_OVER(false)}` }))).toEqual([]);
    expect(wafFindings(estate({ app: `${PUBLIC_ALB}${HANDED_OVER(true)}` }))).toEqual(["app/main.tf:aws_lb.web"]);
  });

  it("handed over in a root with nothing it could protect makes other roots' findings conditional", () => {
    expect(described(wafScan(estate({ app: PUBLIC_ALB, old: HANDED_OVER(false) })))).toEqual([
      "app/main.tf:1:1 | conditional | holds unless aws_wafv2_web_acl_association.old (root module old), handed over by a removed block, covers it: its target is not known | old/main.tf:1:1 may be covered by aws_wafv2_web_acl_association.old, whose target is not known",
    ]);
  });

  it("derived from a resource type it cannot be leaves the others judged", () => {
    const directory = estate({
      app: `${PUBLIC_ALB}data "aws_api_gateway_stage" "prod" {\n  rest_api_id = "abc"\n  stage_name  = "prod"\n}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = data.aws_api_gateway_stage.prod.arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n`,
    });
    expect(wafFindings(directory)).toEqual(["app/main.tf:aws_lb.web"]);
  });

  it("derived from a load balancer data source leaves load balancers unjudged", () => {
    const directory = estate({
      app: `${PUBLIC_ALB}data "aws_lb" "web" {\n  name = "web"\n}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = data.aws_lb.web.arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n`,
    });
    expect(wafFindings(directory)).toEqual([]);
  });
});
