import { expect, it } from "vitest";
import { cipherSuiteWeakness } from "../../rules/aws/tls/classic-elb-negotiates-modern-tls.js";
import { describeRule } from "../support/rule-harness.js";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";

describeRule("IFL-TLS-017", {
  fail: [
    {
      file: "fail/main.tf",
      line: 21,
      column: 13,
      resource: "aws_load_balancer_policy.pacs_tls",
      message: "aws_load_balancer_policy.pacs_tls references ELBSecurityPolicy-2016-08, which allows TLS 1.0.",
    },
    {
      file: "fail/main.tf",
      line: 37,
      column: 13,
      resource: "aws_lb_ssl_negotiation_policy.legacy_clients",
      message: "aws_lb_ssl_negotiation_policy.legacy_clients enables TLS 1.0 (Protocol-TLSv1 = true).",
    },
    {
      // One finding for the policy's weak suites, each a related location.
      file: "fail/main.tf",
      line: 59,
      column: 13,
      resource: "aws_load_balancer_policy.pacs_workstations",
      message:
        "aws_load_balancer_policy.pacs_workstations enables 4 cipher suites that NCSC guidance retires: DES-CBC3-SHA (3DES), RC4-MD5 (RC4), ADH-AES128-SHA (anonymous key exchange), EXP-RC2-CBC-MD5 (export grade).",
    },
    {
      file: "fail/main.tf",
      line: 85,
      column: 13,
      resource: "aws_lb_ssl_negotiation_policy.kiosk",
      message:
        "aws_lb_ssl_negotiation_policy.kiosk enables the cipher suite NULL-SHA (NULL encryption), which NCSC guidance retires.",
    },
  ],
});

it("IFL-TLS-017 points at each of a policy's weak suites from its one finding", () => {
  const { findings } = scanRuleFixture(findRule("IFL-TLS-017")!, "fail");
  const workstations = findings.find((finding) => finding.resource === "aws_load_balancer_policy.pacs_workstations");
  expect(workstations?.related.map((item) => `${item.range.start.line} ${item.message}`)).toEqual([
    "64 RC4-MD5 (RC4)",
    "69 ADH-AES128-SHA (anonymous key exchange)",
    "74 EXP-RC2-CBC-MD5 (export grade)",
  ]);
});

it("IFL-TLS-017 names what makes a cipher suite weak, and leaves strong suites alone", () => {
  expect(
    [
      "ECDHE-RSA-RC4-SHA",
      "EDH-RSA-DES-CBC-SHA",
      "ECDHE-RSA-DES-CBC3-SHA",
      "AECDH-AES256-SHA",
      "EXP-DES-CBC-SHA",
      "NULL-MD5",
    ].map(cipherSuiteWeakness),
  ).toEqual(["RC4", "DES", "3DES", "anonymous key exchange", "export grade", "NULL encryption"]);
  expect(
    ["ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA", "ECDHE-ECDSA-AES256-SHA384", "DHE-RSA-AES256-SHA"].map(
      cipherSuiteWeakness,
    ),
  ).toEqual([undefined, undefined, undefined, undefined]);
});
