import { expect, it } from "vitest";
import { describeRule } from "../support/rule-harness.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { findRule } from "../../rules/index.js";

describeRule("IFL-WAF-002", {
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_cloudfront_distribution.leaflets",
      message:
        "Distribution aws_cloudfront_distribution.leaflets has no web application firewall (web_acl_id is not set).",
    },
    {
      file: "fail/main.tf",
      line: 42,
      column: 1,
      resource: "aws_cloudfront_distribution.old_domain",
      message:
        "Distribution aws_cloudfront_distribution.old_domain has no web application firewall (web_acl_id is not set); it only redirects (every behaviour's origin is an S3 website bucket with redirect_all_requests_to), so it serves no content of its own.",
    },
  ],
});

it("IFL-WAF-002 reports a distribution that only redirects as a note, the others as errors", () => {
  const rule = findRule("IFL-WAF-002")!;
  const { findings } = scanRuleFixture(rule, "fail");
  expect(findings.filter((f) => f.ruleId === "IFL-WAF-002").map((f) => [f.resource, f.severity])).toEqual([
    ["aws_cloudfront_distribution.leaflets", "error"],
    ["aws_cloudfront_distribution.old_domain", "note"],
  ]);
});
