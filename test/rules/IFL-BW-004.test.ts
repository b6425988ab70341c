import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-004", {
  fail: [
    {
      file: "fail/main.tf",
      line: 38,
      column: 25,
      resource: "aws_autoscaling_group.portal_web",
      message:
        "Auto Scaling group aws_autoscaling_group.portal_web is fixed at 2 instances (min_size = max_size) behind internet-facing load balancer aws_lb.portal, so it cannot grow with internet demand.",
    },
    {
      file: "fail/main.tf",
      line: 75,
      column: 25,
      resource: "aws_autoscaling_group.booking",
      message:
        "Auto Scaling group aws_autoscaling_group.booking is fixed at 3 instances (min_size = max_size) behind internet-facing load balancer aws_lb.portal, so it cannot grow with internet demand.",
    },
  ],
});
