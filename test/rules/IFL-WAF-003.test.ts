import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-003", {
  fail: [
    {
      file: "fail/main.tf",
      line: 5,
      column: 1,
      resource: "aws_api_gateway_stage.live",
      message:
        "Stage aws_api_gateway_stage.live of public REST API aws_api_gateway_rest_api.appointments has no web application firewall.",
    },
    { file: "fail/main.tf", line: 18, column: 1, resource: "aws_api_gateway_stage.referrals_live" },
  ],
});
