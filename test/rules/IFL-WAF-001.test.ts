import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-001", {
  fail: [
    { file: "fail/beside-cloudfront.tf", line: 14, column: 1, resource: "aws_lb.clinic" },
    { file: "fail/header-gap.tf", line: 3, column: 1, resource: "aws_lb.labs" },
    {
      file: "fail/main.tf",
      line: 2,
      column: 1,
      resource: "aws_lb.pacs",
      message:
        "Internet-facing load balancer aws_lb.pacs has no web application firewall (no aws_wafv2_web_acl_association refers to it).",
    },
    { file: "fail/main.tf", line: 7, column: 1, resource: "aws_alb.rota" },
  ],
});
