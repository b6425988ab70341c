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
  ],
});
