import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-004", {
  fail: [
    {
      file: "fail/main.tf",
      line: 25,
      column: 32,
      resource: "aws_cloudfront_distribution.old_policy",
      message:
        "Distribution aws_cloudfront_distribution.old_policy accepts viewers with TLSv1.1_2016, which allows protocols or ciphers below TLSv1.2_2019.",
    },
    { file: "fail/main.tf", line: 51, column: 38, resource: "aws_cloudfront_distribution.default_certificate" },
    {
      file: "fail/main.tf",
      line: 77,
      column: 3,
      resource: "aws_cloudfront_distribution.no_minimum",
      message:
        "Distribution aws_cloudfront_distribution.no_minimum sets no minimum_protocol_version for its certificate, so the provider's default TLSv1 applies, which allows TLS 1.0.",
    },
  ],
});
