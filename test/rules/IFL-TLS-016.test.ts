import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-016", {
  fail: [
    {
      file: "fail/main.tf",
      line: 18,
      column: 3,
      resource: "aws_cloudfront_distribution.portal",
      message:
        "The default cache behaviour of aws_cloudfront_distribution.portal has no response headers policy, so CloudFront adds no Strict-Transport-Security header.",
    },
    {
      file: "fail/main.tf",
      line: 77,
      column: 34,
      resource: "aws_cloudfront_distribution.referrals",
      message:
        "The default cache behaviour of aws_cloudfront_distribution.referrals uses response headers policy referrals-security-headers, which sets Strict-Transport-Security max-age=86400, less than one year.",
    },
    {
      file: "fail/main.tf",
      line: 116,
      column: 34,
      resource: "aws_cloudfront_distribution.leaflets",
      message:
        "The default cache behaviour of aws_cloudfront_distribution.leaflets uses response headers policy Managed-SimpleCORS, which sets no Strict-Transport-Security header.",
    },
  ],
});
