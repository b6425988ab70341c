import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-013", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 20,
      resource: "aws_security_group.appointments",
      message:
        "Security group aws_security_group.appointments admits port 443 only from the private network (194.176.12.0/24 is within the configured privateNetworkRanges), so the service it guards is reachable only over that network.",
    },
    {
      file: "fail/main.tf",
      line: 25,
      column: 23,
      resource: "aws_security_group.referrals",
      message:
        "Security group aws_security_group.referrals admits port 80 only from the private network (10.84.0.0/16 is within the configured privateNetworkRanges), so the service it guards is reachable only over that network.",
    },
  ],
});
