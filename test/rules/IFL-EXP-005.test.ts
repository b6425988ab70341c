import { join } from "node:path";
import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scan } from "../../src/scan.js";
import { describeRule, repoRoot } from "../support/rule-harness.js";

describeRule("IFL-EXP-005", {
  fail: [
    {
      file: "fail/main.tf",
      line: 27,
      column: 24,
      resource: "aws_lb.ward_dashboard",
      message:
        "Internal load balancer aws_lb.ward_dashboard serves HTTPS on port 443 to 10.84.0.0/16, a private range outside the VPCs in the scan, and nothing in the scan publishes it to the internet: its users reach it over a private network.",
    },
  ],
});

it("IFL-EXP-005 is silenced by internalServices", () => {
  const root = join(repoRoot, "fixtures", "IFL-EXP-005");
  const rule = findRule("IFL-EXP-005");
  if (!rule) throw new Error("IFL-EXP-005 is not registered");
  const result = scan({
    paths: [join(root, "fail")],
    cwd: root,
    rules: [rule],
    config: {
      internalServices: [
        { resource: "aws_lb.ward_dashboard", reason: "Ward staff only, on the trust network until the 2027 move" },
      ],
    },
  });
  expect(result.findings).toEqual([]);
  expect(result.outcomes).toEqual([
    { ruleId: "IFL-EXP-005", failed: 0, passed: 1, unknown: 0, milliseconds: expect.any(Number) },
  ]);
});
