/** An association whose target cannot be traced leaves unjudged only what it could cover. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRule } from "../rules/index.js";
import { scan } from "../src/scan.js";

const PUBLIC_ALB = 'resource "aws_lb" "web" {\n  internal           = false\n  load_balancer_type = "application"\n}\n';

function estate(roots: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "iflint-untraceable-"));
  for (const [name, text] of Object.entries(roots)) {
    mkdirSync(join(directory, name));
    writeFileSync(join(directory, name, "main.tf"), text);
  }
  return directory;
}

function wafFindings(directory: string): string[] {
  const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-001")!] });
  return result.findings.map((finding) => `${finding.range.file.path}:${finding.resource}`);
}

describe("an untraceable WAF association", () => {
  it("in a root with load balancers of its own leaves only that root's unjudged", () => {
    const directory = estate({
      app: PUBLIC_ALB,
      other: `${PUBLIC_ALB}variable "alb_arn" {}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = var.alb_arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n`,
    });
    expect(wafFindings(directory)).toEqual(["app/main.tf:aws_lb.web"]);
  });

  it("in a root with nothing it could protect serves another stack: every root's are unjudged", () => {
    const directory = estate({
      app: PUBLIC_ALB,
      waf: 'variable "alb_arn" {}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = var.alb_arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n',
    });
    expect(wafFindings(directory)).toEqual([]);
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
