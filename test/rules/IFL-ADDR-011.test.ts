import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-ADDR-011", {
  fail: [
    {
      file: "fail/main.tf",
      line: 12,
      column: 23,
      resource: "aws_lb_target_group_attachment.pas_onprem",
      message:
        'Target group attachment aws_lb_target_group_attachment.pas_onprem sends traffic to 10.84.20.15 (RFC 1918 private) outside the VPC (availability_zone = "all"), over a private circuit.',
    },
  ],
});
