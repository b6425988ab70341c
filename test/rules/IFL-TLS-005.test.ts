import { describe, expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { apiGatewayPolicyMinimumTls } from "../../rules/shared/aws-tls-policies.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-005", {
  fail: [
    {
      file: "fail/main.tf",
      line: 4,
      column: 30,
      resource: "aws_api_gateway_domain_name.appointments",
      message:
        "Custom domain aws_api_gateway_domain_name.appointments uses the TLS_1_0 security policy, which allows TLS 1.0 and 1.1.",
    },
    {
      file: "fail/main.tf",
      line: 12,
      column: 1,
      resource: "aws_api_gateway_domain_name.referrals",
      message:
        "Custom domain aws_api_gateway_domain_name.referrals sets no security_policy: a domain created while TLS_1_0 was API Gateway's default keeps it, and TLS_1_0 allows TLS 1.0 and 1.1.",
    },
  ],
});

describe("IFL-TLS-005 security policies", () => {
  it("knows each policy AWS lists by the lowest TLS version it accepts, and no other name", () => {
    expect(
      [
        "TLS_1_0",
        "TLS_1_2",
        "SecurityPolicy_TLS13_1_3_2025_09",
        "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
        "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
        "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
        "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09",
        "SecurityPolicy_TLS13_1_2_PQ_2025_09",
        "SecurityPolicy_TLS13_1_2_2021_06",
        "SecurityPolicy_TLS13_2025_EDGE",
        "SecurityPolicy_TLS12_PFS_2025_EDGE",
        "SecurityPolicy_TLS12_2018_EDGE",
        "TLS_1_3",
        "tls_1_2",
        "constructor",
      ].map((policy) => [policy, apiGatewayPolicyMinimumTls(policy)]),
    ).toEqual([
      ["TLS_1_0", "1.0"],
      ["TLS_1_2", "1.2"],
      ["SecurityPolicy_TLS13_1_3_2025_09", "1.3"],
      ["SecurityPolicy_TLS13_1_3_FIPS_2025_09", "1.3"],
      ["SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", "1.2"],
      ["SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09", "1.2"],
      ["SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", "1.2"],
      ["SecurityPolicy_TLS13_1_2_PQ_2025_09", "1.2"],
      ["SecurityPolicy_TLS13_1_2_2021_06", "1.2"],
      ["SecurityPolicy_TLS13_2025_EDGE", "1.3"],
      ["SecurityPolicy_TLS12_PFS_2025_EDGE", "1.2"],
      ["SecurityPolicy_TLS12_2018_EDGE", "1.2"],
      ["TLS_1_3", undefined],
      ["tls_1_2", undefined],
      ["constructor", undefined],
    ]);
  });

  it("passes the enhanced policies, leaves a name AWS does not list unjudged, and makes the default conditional", () => {
    const rule = findRule("IFL-TLS-005")!;
    const pass = scanRuleFixture(rule, "pass");
    expect(pass.findings).toEqual([]);
    expect(pass.outcomes[0]).toMatchObject({ failed: 0, passed: 4, unknown: 1 });
    const defaulted = scanRuleFixture(rule, "fail").findings.find(
      (finding) => finding.resource === "aws_api_gateway_domain_name.referrals",
    );
    expect(defaulted).toMatchObject({
      certainty: "conditional",
      certaintyReason:
        "holds for a domain created while TLS_1_0 was API Gateway's default for custom domains; AWS now documents TLS_1_2 as the default for new regional, edge-optimized and private domains, so one created since has TLS_1_2",
    });
  });
});
