import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-ADDR-002", {
  fail: [
    {
      file: "fail/main.tf",
      line: 9,
      column: 20,
      resource: "aws_security_group.pacs_lb",
      message:
        "Security group aws_security_group.pacs_lb of internet-facing load balancer aws_lb.pacs admits only private ranges on port 443 (such as 10.0.0.0/8), so the service is reachable only from private networks.",
    },
    { file: "fail/main.tf", line: 42, column: 23, resource: "aws_security_group.rota_lb" },
  ],
});
