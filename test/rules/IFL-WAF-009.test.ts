import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-009", {
  fail: [
    {
      file: "fail/main.tf",
      line: 2,
      column: 1,
      resource: "aws_apigatewayv2_api.appointments",
      message:
        "HTTP API aws_apigatewayv2_api.appointments is reachable from the internet with no web application firewall: WAF cannot be attached to HTTP APIs, and no CloudFront distribution in the scan fronts it.",
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 1,
      resource: "aws_apigatewayv2_api.referrals",
      message:
        "HTTP API aws_apigatewayv2_api.referrals is fronted by CloudFront, but its default execute-api endpoint is enabled, so clients can go around CloudFront and its web application firewall.",
    },
    {
      file: "fail/main.tf",
      line: 84,
      column: 1,
      resource: "aws_apigatewayv2_api.results",
      message:
        "HTTP API aws_apigatewayv2_api.results is also served on custom domain results-api.example-trust.nhs.uk, which no CloudFront distribution fronts, so clients can go around CloudFront and its web application firewall.",
    },
  ],
});
