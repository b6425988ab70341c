import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-003", {
  fail: [
    {
      file: "fail/main.tf",
      line: 17,
      column: 30,
      resource: "aws_cloudfront_distribution.leaflets",
      message:
        'The default cache behaviour of aws_cloudfront_distribution.leaflets allows plain HTTP (viewer_protocol_policy = "allow-all").',
    },
    { file: "fail/main.tf", line: 33, column: 30, resource: "aws_cloudfront_distribution.leaflets" },
  ],
});
