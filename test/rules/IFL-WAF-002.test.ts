import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-002", {
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "aws_cloudfront_distribution.leaflets",
      message:
        "Distribution aws_cloudfront_distribution.leaflets has no web application firewall (web_acl_id is not set).",
    },
  ],
});
