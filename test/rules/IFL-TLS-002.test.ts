import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-002", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 23,
      resource: "aws_lb_listener.legacy_policy",
      message: "Listener aws_lb_listener.legacy_policy uses ELBSecurityPolicy-2016-08, which allows TLS 1.0.",
    },
    { file: "fail/main.tf", line: 24, column: 23, resource: "aws_lb_listener.default_policy" },
    { file: "fail/main.tf", line: 48, column: 23, resource: "aws_lb_listener.hl7_tls" },
    {
      file: "fail/main.tf",
      line: 67,
      column: 23,
      resource: "aws_lb_listener.looked_up",
      message:
        "Listener aws_lb_listener.looked_up uses ELBSecurityPolicy-TLS-1-1-2017-01, which allows TLS 1.1; this matters if its load balancer (data.aws_lb.shared.arn, a load balancer outside the scan) is internet-facing.",
    },
    {
      file: "fail/main.tf",
      line: 82,
      column: 23,
      resource: "aws_lb_listener.passed_in",
      message:
        "Listener aws_lb_listener.passed_in sets no ssl_policy, so AWS applies ELBSecurityPolicy-2016-08, which allows TLS 1.0; this matters if its load balancer (var.shared_nlb_arn, a load balancer outside the scan) is internet-facing.",
    },
  ],
});

it("IFL-TLS-002 makes a finding on a listener whose load balancer is outside the scan conditional", () => {
  const { findings } = scanRuleFixture(findRule("IFL-TLS-002")!, "fail");
  expect(findings.map((finding) => [finding.resource, finding.certainty, finding.certaintyReason])).toEqual([
    ["aws_lb_listener.legacy_policy", "definite", undefined],
    ["aws_lb_listener.default_policy", "definite", undefined],
    ["aws_lb_listener.hl7_tls", "default", undefined],
    ["aws_lb_listener.looked_up", "conditional", "holds only if the load balancer is internet-facing"],
    ["aws_lb_listener.passed_in", "conditional", "holds only if the load balancer is internet-facing"],
  ]);
});
