import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-001", {
  fail: [
    {
      file: "fail/main.tf",
      line: 5,
      column: 13,
      resource: "aws_api_gateway_rest_api.gp_referrals",
      message:
        "REST API aws_api_gateway_rest_api.gp_referrals is a PRIVATE endpoint, reachable only from inside a VPC or over private connectivity.",
    },
  ],
});
