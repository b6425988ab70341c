import { describeRule } from "../support/rule-harness.js";

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
  ],
});
