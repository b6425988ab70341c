/**
 * Root modules that Terragrunt deploys get their variables from Terragrunt `inputs`, so defaults
 * are not what will be deployed: those variables are unknown and rules do not judge on them.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { repoRoot } from "./support/rule-harness.js";

const root = join(repoRoot, "fixtures/inputs/terragrunt");

describe("Terragrunt-deployed root modules", () => {
  const rule = findRule("IFL-WAF-002");
  if (!rule) throw new Error("IFL-WAF-002 is not registered");
  const result = scan({ paths: ["."], cwd: root, rules: [rule] });

  it("judges only the stack no Terragrunt configuration deploys", () => {
    expect(result.findings.map((finding) => `${finding.range.file.path}:${finding.range.start.line}`)).toEqual([
      "stacks/standalone/main.tf:6",
    ]);
  });

  it("treats variables of stacks named by a relative or a get_repo_root() source, or beside a terragrunt.hcl, as set by Terragrunt: literal inputs known, the rest unknown", () => {
    const acls = result.estate
      .resourcesOfType("aws_cloudfront_distribution")
      .map((distribution) => [distribution.module.root, distribution.attribute("web_acl_id")?.value]);
    expect(
      acls.map(([module, value]) => [
        module,
        value === null ? "null" : typeof value === "string" ? value : String((value as { reason?: string }).reason),
      ]),
    ).toEqual([
      ["stacks/api", "var.waf_arn (set by Terragrunt inputs)"],
      ["stacks/beside", "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abc"],
      ["stacks/standalone", "null"],
      ["stacks/web", "var.waf_arn (set by Terragrunt inputs)"],
    ]);
    expect(result.outcomes).toEqual([
      expect.objectContaining({ ruleId: "IFL-WAF-002", failed: 1, passed: 1, unknown: 2 }),
    ]);
  });

  it("takes a literal input only when every configuration deploying the stack gives the same one", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const work = mkdtempSync(join(tmpdir(), "iflint-terragrunt-inputs-"));
    for (const directory of ["stack", "live/dev", "live/prod"]) mkdirSync(join(work, directory), { recursive: true });
    writeFileSync(
      join(work, "stack", "main.tf"),
      'variable "internal" {\n  default = true\n}\nvariable "name" {}\nresource "aws_lb" "web" {\n  name     = var.name\n  internal = var.internal\n}\n',
    );
    writeFileSync(
      join(work, "live", "dev", "terragrunt.hcl"),
      'terraform {\n  source = "../..//stack"\n}\ninputs = {\n  internal = false\n  name     = "web-dev"\n}\n',
    );
    writeFileSync(
      join(work, "live", "prod", "terragrunt.hcl"),
      'terraform {\n  source = "../..//stack"\n}\ninputs = {\n  internal = false\n  name     = "web-prod"\n}\n',
    );
    const scanned = scan({ paths: [work], cwd: work, rules: [findRule("IFL-WAF-001")!] });
    const lb = scanned.estate.resources[0];
    expect(lb.value("internal")).toBe(false);
    expect(String((lb.value("name") as { reason?: string }).reason)).toBe("var.name (set by Terragrunt inputs)");
    expect(scanned.findings.map((finding) => [finding.ruleId, finding.certainty])).toEqual([
      ["IFL-WAF-001", "definite"],
    ]);
  });

  it("does not count Terragrunt files as scanned Terraform", () => {
    expect(result.fileCount).toBe(4);
  });
});
