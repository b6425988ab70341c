import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-001", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 23,
      resource: "aws_lb_listener.http_forward",
      message:
        "Listener aws_lb_listener.http_forward serves HTTP without redirecting to HTTPS (default action: forward).",
    },
    { file: "fail/main.tf", line: 23, column: 23, resource: "aws_alb_listener.http_redirect_to_http" },
    {
      file: "fail/main.tf",
      line: 35,
      column: 1,
      resource: "aws_lb_listener.implicit_http",
      message: /default action: fixed-response/,
    },
    {
      file: "fail/main.tf",
      line: 61,
      column: 23,
      resource: "aws_lb_listener.maybe_internal",
      message:
        "Listener aws_lb_listener.maybe_internal serves HTTP without redirecting to HTTPS (default action: forward); this holds if its load balancer (aws_lb.maybe_internal, whose internal setting is not known) is internet-facing.",
    },
    {
      file: "fail/main.tf",
      line: 77,
      column: 23,
      resource: "aws_lb_listener.other_stack",
      message:
        "Listener aws_lb_listener.other_stack serves HTTP without redirecting to HTTPS (default action: forward); this holds if its load balancer (var.shared_alb_arn, a load balancer outside the scan) is internet-facing.",
    },
  ],
});

it("IFL-TLS-001 findings on listeners whose load balancer cannot be judged are conditional, with the condition", () => {
  const { findings } = scanRuleFixture(findRule("IFL-TLS-001")!, "fail");
  const conditional = findings.filter((finding) => finding.certainty === "conditional");
  expect(conditional.map((finding) => [finding.resource, finding.certaintyReason])).toEqual([
    ["aws_lb_listener.maybe_internal", "holds only if the load balancer is internet-facing"],
    ["aws_lb_listener.other_stack", "holds only if the load balancer is internet-facing"],
  ]);
});
