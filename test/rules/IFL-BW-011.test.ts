import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-011", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 25,
      resource: "aws_autoscaling_group.portal",
      message:
        "aws_autoscaling_group.portal can carry about 1024 Mbit/s (4 × t3.medium at a 256 Mbit/s baseline), below its declared peak of 2000 Mbit/s (4000 users × 500 kbit/s).",
    },
    {
      file: "fail/main.tf",
      line: 22,
      column: 19,
      resource: "aws_instance.pacs_viewer",
      message:
        "aws_instance.pacs_viewer can carry about 750 Mbit/s (1 × m5.large at a 750 Mbit/s baseline), below its declared peak of 900 Mbit/s (900 Mbit/s declared).",
    },
  ],
});
