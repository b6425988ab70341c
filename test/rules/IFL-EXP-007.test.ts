import { join } from "node:path";
import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import type { IflintConfig } from "../../src/engine/config.js";
import { scan } from "../../src/scan.js";
import { describeRule, repoRoot } from "../support/rule-harness.js";

describeRule("IFL-EXP-007", {
  fail: [
    {
      file: "fail/main.tf",
      line: 56,
      column: 29,
      resource: "aws_api_gateway_integration.patients",
      message:
        "aws_api_gateway_integration.patients reaches 10.84.20.15 (RFC 1918 private) over its VPC link: aws_lb_target_group_attachment.pas_onprem registers it outside the VPC, so the API's back end is on a private network.",
    },
    {
      file: "fail/main.tf",
      line: 94,
      column: 24,
      resource: "aws_apigatewayv2_integration.bookings",
      message:
        "aws_apigatewayv2_integration.bookings reaches 10.84.31.7 (RFC 1918 private) over its VPC link: Cloud Map instance aws_service_discovery_instance.bookings_dc is outside the VPCs in the scan, so the API's back end is on a private network.",
    },
  ],
});

it("IFL-EXP-007 leaves addresses in allowedCidrs alone and names the attachment as related", () => {
  const root = join(repoRoot, "fixtures", "IFL-EXP-007");
  const rule = findRule("IFL-EXP-007");
  if (!rule) throw new Error("IFL-EXP-007 is not registered");
  const run = (config: IflintConfig) =>
    scan({ paths: [join(root, "fail")], cwd: root, rules: [rule], config }).findings;
  const findings = run({});
  expect(findings[0].related.map((related) => `${related.range.start.line}:${related.range.start.column}`)).toEqual([
    "34:23",
  ]);
  expect(
    run({ allowedCidrs: [{ cidr: "10.84.20.0/24", reason: "PAS moves into the VPC in Q1" }] }).map(
      (finding) => finding.range.start.line,
    ),
  ).toEqual([94]);
});
