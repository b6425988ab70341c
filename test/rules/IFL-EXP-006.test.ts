import { join } from "node:path";
import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import type { IflintConfig } from "../../src/engine/config.js";
import { scan } from "../../src/scan.js";
import { describeRule, repoRoot } from "../support/rule-harness.js";

describeRule("IFL-EXP-006", {
  fail: [
    {
      file: "fail/main.tf",
      line: 27,
      column: 10,
      resource: "aws_route53_resolver_rule.trust_ad",
      message:
        "Resolver rule aws_route53_resolver_rule.trust_ad forwards queries for ad.example-trust.nhs.uk to 10.84.1.10, a private address outside the VPCs in the scan, so names in ad.example-trust.nhs.uk resolve only over a private network.",
    },
  ],
});

it("IFL-EXP-006 judges targets in privateNetworkRanges even without the VPC in the scan", () => {
  const root = join(repoRoot, "fixtures", "IFL-EXP-006");
  const rule = findRule("IFL-EXP-006");
  if (!rule) throw new Error("IFL-EXP-006 is not registered");
  const scanned = (config: IflintConfig) =>
    scan({ paths: [join(root, "configured")], cwd: root, rules: [rule], config }).findings.map(
      (finding) => `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
    );
  expect(scanned({})).toEqual([]);
  expect(scanned({ privateNetworkRanges: [{ cidr: "10.84.0.0/16", reason: "HSCN allocation" }] })).toEqual([
    "configured/main.tf:9:10",
  ]);
});
