import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scan } from "../../src/scan.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-004", {
  fail: [
    {
      file: "fail/main.tf",
      line: 25,
      column: 32,
      resource: "aws_cloudfront_distribution.old_policy",
      message:
        "Distribution aws_cloudfront_distribution.old_policy accepts viewers with TLSv1.1_2016, which allows protocols or ciphers below TLSv1.2_2019.",
    },
    { file: "fail/main.tf", line: 51, column: 38, resource: "aws_cloudfront_distribution.default_certificate" },
    {
      file: "fail/main.tf",
      line: 77,
      column: 3,
      resource: "aws_cloudfront_distribution.no_minimum",
      message:
        "Distribution aws_cloudfront_distribution.no_minimum sets no minimum_protocol_version for its certificate, so the provider's default TLSv1 applies, which allows TLS 1.0.",
    },
  ],
});

it("IFL-TLS-004 leaves a minimum_protocol_version CloudFront does not define unknown (TLSv1.0 is not one)", () => {
  const directory = mkdtempSync(join(tmpdir(), "iflint-tls004-unrecognised-"));
  writeFileSync(
    join(directory, "main.tf"),
    `resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.0"
  }
}
`,
  );
  const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-004")!] });
  expect(result.findings).toEqual([]);
  expect(result.outcomes).toEqual([
    { ruleId: "IFL-TLS-004", failed: 0, passed: 0, unknown: 1, milliseconds: expect.any(Number) },
  ]);
});
