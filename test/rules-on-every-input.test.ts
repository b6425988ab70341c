/**
 * The same estate written as HCL, Terraform JSON and a plan gives the same findings from rules of
 * every category and both clouds (the DNS rules read Route 53 zones as zones), each at its exact position in the
 * file the user has. CDKTF TypeScript and cdk.tf.json: test/input-cdktf.test.ts; zone files: the
 * DNS rules' own fixtures.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { repoRoot } from "./support/rule-harness.js";

const root = join(repoRoot, "fixtures/inputs/every-kind");

function findingsIn(kind: string): string[] {
  const result = scan({ paths: [kind], cwd: root });
  return result.findings.map(
    (finding) =>
      `${finding.ruleId} ${finding.category} ${finding.resource} ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
  );
}

describe("rules on every Terraform input kind", () => {
  it("HCL", () => {
    expect(findingsIn("hcl")).toEqual([
      "IFL-WAF-001 waf aws_lb.web hcl/main.tf:1:1",
      "IFL-TLS-001 tls aws_lb_listener.http hcl/main.tf:10:23",
      "IFL-DNS-002 dns aws_route53_zone.public hcl/main.tf:18:1",
      "IFL-DNS-004 dns aws_route53_zone.public hcl/main.tf:18:1",
      "IFL-ADDR-001 private-addressing aws_route53_record.api hcl/main.tf:27:14",
      "IFL-BW-001 bandwidth aws_vpn_connection.hscn hcl/main.tf:30:1",
      "IFL-EXP-002 exposure aws_vpn_connection.hscn hcl/main.tf:30:1",
      "IFL-TLS-006 tls azurerm_linux_web_app.booking hcl/main.tf:41:25",
    ]);
  });

  it("Terraform JSON", () => {
    expect(findingsIn("json")).toEqual([
      "IFL-WAF-001 waf aws_lb.web json/main.tf.json:4:7",
      "IFL-TLS-001 tls aws_lb_listener.http json/main.tf.json:14:21",
      "IFL-DNS-002 dns aws_route53_zone.public json/main.tf.json:22:7",
      "IFL-DNS-004 dns aws_route53_zone.public json/main.tf.json:22:7",
      "IFL-ADDR-001 private-addressing aws_route53_record.api json/main.tf.json:30:21",
      "IFL-BW-001 bandwidth aws_vpn_connection.hscn json/main.tf.json:34:7",
      "IFL-EXP-002 exposure aws_vpn_connection.hscn json/main.tf.json:34:7",
      "IFL-TLS-006 tls azurerm_linux_web_app.booking json/main.tf.json:46:23",
    ]);
  });

  it("plan JSON (references from its configuration)", () => {
    expect(findingsIn("plan")).toEqual([
      "IFL-WAF-001 waf aws_lb.web plan/plan.json:7:22",
      "IFL-TLS-001 tls aws_lb_listener.http plan/plan.json:10:47",
      "IFL-DNS-002 dns aws_route53_zone.public plan/plan.json:13:22",
      "IFL-DNS-004 dns aws_route53_zone.public plan/plan.json:13:22",
      "IFL-ADDR-001 private-addressing aws_route53_record.api plan/plan.json:14:198",
      "IFL-BW-001 bandwidth aws_vpn_connection.hscn plan/plan.json:15:22",
      "IFL-EXP-002 exposure aws_vpn_connection.hscn plan/plan.json:15:22",
      "IFL-TLS-006 tls azurerm_linux_web_app.booking plan/plan.json:16:346",
    ]);
  });
});
