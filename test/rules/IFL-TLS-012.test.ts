import { expect, it } from "vitest";
import { describeRule, scanWithRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-012", {
  fail: [
    {
      file: "fail/main.tf",
      line: 28,
      column: 1,
      resource: "aws_s3_bucket_website_configuration.leaflets",
      message:
        "aws_s3_bucket_website_configuration.leaflets publishes a static website on the S3 website endpoint, which serves HTTP only, and no CloudFront distribution in the scan uses the bucket as its origin.",
    },
    {
      file: "fail/main.tf",
      line: 50,
      column: 17,
      resource: "aws_s3_bucket_website_configuration.old_name",
      message:
        "aws_s3_bucket_website_configuration.old_name redirects every request to leaflets.example-trust.nhs.uk over plain HTTP, from a website endpoint that serves HTTP only.",
    },
    {
      file: "fail/main.tf",
      line: 59,
      column: 3,
      resource: "aws_s3_bucket.clinic_timetables",
      message:
        "aws_s3_bucket.clinic_timetables publishes a static website on the S3 website endpoint, which serves HTTP only, and no CloudFront distribution in the scan uses the bucket as its origin.",
    },
    {
      file: "fail/main.tf",
      line: 69,
      column: 32,
      resource: "aws_s3_bucket.legacy_redirect",
      message:
        "aws_s3_bucket.legacy_redirect redirects every request to timetables.example-trust.nhs.uk over plain HTTP, from a website endpoint that serves HTTP only.",
    },
  ],
});

it("IFL-TLS-012 does not guess when an origin or the bucket cannot be traced", () => {
  const { findings, parseErrors } = scanWithRule("IFL-TLS-012", "unknown");
  expect(parseErrors).toEqual([]);
  expect(findings).toEqual([]);
});
