import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scan } from "../../src/scan.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-011", {
  fail: [
    {
      file: "fail/defaults.tf",
      line: 2,
      column: 1,
      resource: "aws_elasticsearch_domain.legacy",
      message:
        "Search domain aws_elasticsearch_domain.legacy sets no domain_endpoint_options, so the service's defaults apply: HTTPS is not required and TLS 1.0 is accepted.",
    },
    {
      file: "fail/defaults.tf",
      line: 12,
      column: 3,
      resource: "aws_opensearch_domain.audit_search",
      message:
        "Search domain aws_opensearch_domain.audit_search sets no tls_security_policy, so the service's default applies: TLS 1.0 and 1.1 are accepted.",
    },
    {
      file: "fail/main.tf",
      line: 6,
      column: 27,
      resource: "aws_opensearch_domain.referrals_search",
      message: "Search domain aws_opensearch_domain.referrals_search accepts plain HTTP (enforce_https = false).",
    },
    {
      file: "fail/main.tf",
      line: 7,
      column: 27,
      resource: "aws_opensearch_domain.referrals_search",
      message:
        "Search domain aws_opensearch_domain.referrals_search uses Policy-Min-TLS-1-0-2019-07, which allows TLS 1.0 and 1.1.",
    },
    {
      file: "fail/template.yaml",
      line: 7,
      column: 7,
      resource: "aws_elasticsearch_domain.LegacySearch",
      message:
        "Search domain aws_elasticsearch_domain.LegacySearch does not set enforce_https, so the service's default applies: HTTPS is not required.",
    },
  ],
});

it("IFL-TLS-011 leaves a TLS policy name the service does not define unknown", () => {
  const directory = mkdtempSync(join(tmpdir(), "iflint-tls011-unrecognised-"));
  writeFileSync(
    join(directory, "main.tf"),
    `resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-1-2019-07"
  }
}
`,
  );
  const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-011")!] });
  expect(result.findings).toEqual([]);
  expect(result.outcomes).toEqual([
    { ruleId: "IFL-TLS-011", failed: 0, passed: 0, unknown: 1, milliseconds: expect.any(Number) },
  ]);
});
