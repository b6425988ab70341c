import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-005", {
  fail: [
    {
      file: "fail/main.tf",
      line: 37,
      column: 21,
      resource: "aws_ecs_service.portal",
      message:
        "ECS service aws_ecs_service.portal runs a fixed 2 tasks behind internet-facing load balancer aws_lb.portal: no aws_appautoscaling_target scales it.",
    },
  ],
});
