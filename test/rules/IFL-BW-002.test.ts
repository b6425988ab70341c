import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-002", {
  fail: [
    {
      file: "fail/main.tf",
      line: 17,
      column: 1,
      resource: "aws_nat_gateway.single",
      message:
        "NAT gateway aws_nat_gateway.single is the only internet egress for subnets in 3 availability zones (eu-west-2a, eu-west-2b, eu-west-2c).",
    },
  ],
});
