import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-009", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 32,
      resource: "aws_cloudfront_distribution.leaflets",
      message:
        'Origin leaflets of aws_cloudfront_distribution.leaflets is fetched with origin_protocol_policy "http-only", which sends requests over plain HTTP.',
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 44,
      resource: "aws_cloudfront_distribution.leaflets",
      message: "Origin archive of aws_cloudfront_distribution.leaflets allows TLSv1 to the origin.",
    },
    {
      file: "fail/main.tf",
      line: 59,
      column: 32,
      resource: "aws_cloudfront_distribution.clinics",
      message:
        'Origin clinics-a of aws_cloudfront_distribution.clinics is fetched with origin_protocol_policy "match-viewer" and a cache behaviour that reaches it admits HTTP viewers (allow-all), so their requests go to the origin over plain HTTP.',
    },
    {
      file: "fail/main.tf",
      line: 102,
      column: 32,
      resource: "aws_cloudfront_distribution.redirects",
      message:
        "Origin website of aws_cloudfront_distribution.redirects is an S3 website endpoint, which serves only plain HTTP: serve the bucket through its REST endpoint (bucket_regional_domain_name) with origin access control instead.",
    },
  ],
});
