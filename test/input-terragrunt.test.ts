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
    expect(result.findings.map((finding) => `${finding.range.file.path}:${finding.range.start.line}`)).toEqual(["stacks/standalone/main.tf:6"]);
  });

  it("treats variables of stacks named by a relative or a get_repo_root() source, or beside a terragrunt.hcl, as set by Terragrunt", () => {
    const acls = result.estate.resourcesOfType("aws_cloudfront_distribution").map((distribution) => [distribution.module.root, distribution.attribute("web_acl_id")?.value]);
    expect(acls.map(([module, value]) => [module, value === null ? "null" : String((value as { reason?: string }).reason)])).toEqual([
      ["stacks/api", "var.waf_arn (set by Terragrunt inputs)"],
      ["stacks/beside", "var.waf_arn (set by Terragrunt inputs)"],
      ["stacks/standalone", "null"],
      ["stacks/web", "var.waf_arn (set by Terragrunt inputs)"],
    ]);
    expect(result.outcomes).toEqual([expect.objectContaining({ ruleId: "IFL-WAF-002", failed: 1, passed: 0, unknown: 3 })]);
  });

  it("does not count Terragrunt files as scanned Terraform", () => {
    expect(result.fileCount).toBe(4);
  });
});
