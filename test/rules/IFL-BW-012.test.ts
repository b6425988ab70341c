import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-BW-012", {
  fail: [
    {
      file: "fail/main.tf",
      line: 18,
      column: 30,
      resource: "aws_api_gateway_method_settings.all",
      message:
        "aws_api_gateway_method_settings.all is throttled to 50 requests/s, below the declared peak of 300 requests/s.",
    },
    {
      file: "fail/main.tf",
      line: 34,
      column: 30,
      resource: "aws_apigatewayv2_stage.booking",
      message:
        "aws_apigatewayv2_stage.booking is throttled to 200 requests/s, below the declared peak of 1000 requests/s.",
    },
  ],
});
