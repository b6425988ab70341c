import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-025", {
  fail: [
    {
      file: "fail/main.tf",
      line: 2,
      column: 1,
      resource: "aws_s3_bucket.exports",
      message:
        "Bucket aws_s3_bucket.exports has no bucket policy denying requests without TLS, so S3 answers it over plain HTTP.",
    },
    {
      file: "fail/main.tf",
      line: 13,
      column: 12,
      resource: "aws_s3_bucket.leaflets",
      message:
        "The policy of bucket aws_s3_bucket.leaflets has no Deny for aws:SecureTransport = false, so S3 answers it over plain HTTP; it is public.",
    },
    {
      file: "fail/main.tf",
      line: 31,
      column: 12,
      resource: "aws_s3_bucket.letters",
      message:
        "The policy of bucket aws_s3_bucket.letters tests aws:SecureTransport the wrong way (Allow when it is true), so requests without TLS are not denied.",
    },
    {
      file: "fail/main.tf",
      line: 53,
      column: 3,
      resource: "aws_s3_bucket.scans",
      message:
        "The policy of bucket aws_s3_bucket.scans denies requests without TLS only for the actions s3:GetObject, so other requests are answered over plain HTTP.",
    },
    {
      file: "fail/main.tf",
      line: 75,
      column: 1,
      resource: "aws_s3_bucket.site",
      message:
        "Bucket aws_s3_bucket.site has no bucket policy denying requests without TLS, so S3 answers it over plain HTTP; it is a CloudFront origin.",
    },
    {
      file: "fail/main.tf",
      line: 113,
      column: 18,
      resource: "aws_s3_bucket.archive",
      message:
        "The policy of bucket aws_s3_bucket.archive denies requests without TLS only for the bucket itself, not its objects, so other requests are answered over plain HTTP.",
    },
    {
      file: "fail/main.tf",
      line: 124,
      column: 1,
      message:
        "Module module.audit_logs (terraform-aws-modules/s3-bucket/aws) does not set attach_deny_insecure_transport_policy = true, so its bucket answers plain HTTP.",
    },
    {
      file: "fail/main.tf",
      line: 153,
      column: 12,
      resource: "aws_s3_bucket.landing",
      message:
        "The policy of bucket aws_s3_bucket.landing has no Deny for aws:SecureTransport = false, so S3 answers it over plain HTTP.",
    },
    {
      file: "fail/main.tf",
      line: 189,
      column: 12,
      message:
        "The policy of bucket module.referrals has no Deny for aws:SecureTransport = false, so S3 answers it over plain HTTP.",
    },
  ],
});

it("IFL-TLS-025 warns about public buckets and CloudFront origins, notes the others", () => {
  const { findings } = scanRuleFixture(findRule("IFL-TLS-025")!, "fail");
  expect(findings.map((finding) => [finding.resource ?? "", finding.severity])).toEqual([
    ["aws_s3_bucket.exports", "note"],
    ["aws_s3_bucket.leaflets", "warning"],
    ["aws_s3_bucket.letters", "note"],
    ["aws_s3_bucket.scans", "note"],
    ["aws_s3_bucket.site", "warning"],
    ["aws_s3_bucket.archive", "note"],
    ["", "note"],
    ["aws_s3_bucket.landing", "note"],
    ["", "note"],
  ]);
});

it("IFL-TLS-025 judges every bucket of the pass fixture compliant, none unknown", () => {
  const { outcomes } = scanRuleFixture(findRule("IFL-TLS-025")!, "pass");
  expect(outcomes.find((outcome) => outcome.ruleId === "IFL-TLS-025")).toMatchObject({ passed: 6, unknown: 0 });
});

it("IFL-TLS-025 leaves a community module's bucket unknown when its separate policy cannot be read, and only that bucket", () => {
  const directory = mkdtempSync(join(tmpdir(), "iflint-tls-025-"));
  writeFileSync(
    join(directory, "main.tf"),
    `variable "snapshot_policy" {
  type = string
}

module "snapshots" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "trust-snapshots"
}

resource "aws_s3_bucket_policy" "snapshots" {
  bucket = module.snapshots.s3_bucket_id
  policy = var.snapshot_policy
}

resource "aws_s3_bucket" "exports" {
  bucket = "trust-exports"
}
`,
  );
  const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-025")!] });
  expect(
    result.findings.map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.message}`),
  ).toEqual([
    "15:1 Bucket aws_s3_bucket.exports has no bucket policy denying requests without TLS, so S3 answers it over plain HTTP.",
  ]);
  expect(result.outcomes.find((outcome) => outcome.ruleId === "IFL-TLS-025")).toMatchObject({ passed: 0, unknown: 1 });
});

it("IFL-TLS-025: bucket policies a removed block hands over with buckets of their own root leave other roots' buckets definite", () => {
  const directory = mkdtempSync(join(tmpdir(), "iflint-tls-025-removed-"));
  mkdirSync(join(directory, "account"));
  mkdirSync(join(directory, "backup"));
  const handedOver = (address: string) =>
    `removed {\n  from = ${address}\n  lifecycle {\n    destroy = false\n  }\n}\n`;
  writeFileSync(
    join(directory, "account", "temp.tf"),
    handedOver("aws_s3_bucket.batch_config") + handedOver("aws_s3_bucket_policy.batch_config"),
  );
  writeFileSync(
    join(directory, "backup", "main.tf"),
    'resource "aws_s3_bucket" "reports" {\n  bucket = "trust-reports"\n}\n',
  );
  const findings = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-025")!] }).findings;
  expect(
    findings.map((finding) => [
      `${finding.range.file.path}:${finding.range.start.line}`,
      finding.certainty,
      finding.related.length,
    ]),
  ).toEqual([["backup/main.tf:1", "definite", 0]]);
  // A policy handed over alone, in a root with no bucket, may be any other stack's bucket's.
  writeFileSync(join(directory, "account", "temp.tf"), handedOver("aws_s3_bucket_policy.batch_config"));
  expect(
    scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-025")!] }).findings.map(
      (finding) => finding.certainty,
    ),
  ).toEqual(["conditional"]);
});
