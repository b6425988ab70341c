import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scan } from "../../src/scan.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-001", {
  fail: [
    {
      file: "fail/main.tf",
      line: 5,
      column: 13,
      resource: "aws_api_gateway_rest_api.gp_referrals",
      message:
        "REST API aws_api_gateway_rest_api.gp_referrals is a PRIVATE endpoint, reachable only from inside a VPC or over private connectivity.",
    },
  ],
});

it("IFL-EXP-001 judges an API whose templated body cannot add an endpoint configuration, and leaves the rest unjudged", () => {
  const directory = mkdtempSync(join(tmpdir(), "iflint-exp001-template-"));
  mkdirSync(join(directory, ".git"));
  writeFileSync(
    join(directory, "spec.yaml"),
    "paths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        uri: ${arn}\n",
  );
  writeFileSync(
    join(directory, "main.tf"),
    `variable "arn" {}

resource "aws_lambda_function" "read" {
  function_name = "read"
  role          = "arn:aws:iam::123456789012:role/r"
}

resource "aws_api_gateway_rest_api" "known" {
  name = "known"
  body = templatefile("\${path.module}/spec.yaml", { arn = aws_lambda_function.read.invoke_arn })
}

resource "aws_api_gateway_rest_api" "passed_in" {
  name = "passed-in"
  body = templatefile("\${path.module}/spec.yaml", { arn = var.arn })
}
`,
  );
  const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-EXP-001")!] });
  expect(result.findings).toEqual([]);
  expect(result.outcomes[0]).toMatchObject({ failed: 0, passed: 1, unknown: 1 });
});
