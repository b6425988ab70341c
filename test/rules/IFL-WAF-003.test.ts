import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scan } from "../../src/scan.js";
import { buildRegister } from "../../src/register/build-register.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-003", {
  fail: [
    {
      file: "fail/built-arn.tf",
      line: 14,
      column: 1,
      resource: "aws_api_gateway_stage.bookings_canary",
      message:
        "Stage aws_api_gateway_stage.bookings_canary of public REST API aws_api_gateway_rest_api.bookings has no web application firewall.",
    },
    {
      file: "fail/main.tf",
      line: 5,
      column: 1,
      resource: "aws_api_gateway_stage.live",
      message:
        "Stage aws_api_gateway_stage.live of public REST API aws_api_gateway_rest_api.appointments has no web application firewall.",
    },
    { file: "fail/main.tf", line: 18, column: 1, resource: "aws_api_gateway_stage.referrals_live" },
    {
      file: "fail/mutual-tls.tf",
      line: 11,
      column: 1,
      resource: "aws_api_gateway_stage.pointers_backend_live",
      message:
        "Stage aws_api_gateway_stage.pointers_backend_live of REST API aws_api_gateway_rest_api.pointers_backend is reachable only by clients holding a certificate from the truststore of pointers-backend.example-trust.nhs.uk (mutual TLS, the API's execute-api endpoint disabled), and has no web application firewall.",
    },
    {
      file: "fail/openapi.tf",
      line: 15,
      column: 1,
      resource: "aws_api_gateway_stage.records_live",
      message:
        "Stage aws_api_gateway_stage.records_live of public REST API aws_api_gateway_rest_api.records has no web application firewall.",
    },
    {
      file: "fail/openapi.tf",
      line: 38,
      column: 1,
      resource: "aws_api_gateway_stage.pointers_live",
      message:
        "Stage aws_api_gateway_stage.pointers_live of public REST API aws_api_gateway_rest_api.pointers has no web application firewall.",
    },
  ],
});

/** Scans a directory of files (path → text) with one rule, as its own repository. */
function scanFiles(files: Record<string, string>, ruleId = "IFL-WAF-003") {
  const directory = mkdtempSync(join(tmpdir(), "iflint-waf003-"));
  mkdirSync(join(directory, ".git"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
  return scan({ paths: [directory], cwd: directory, rules: [findRule(ruleId)!] });
}

const SPEC = `openapi: 3.0.1
info:
  title: records
  version: "1"
paths:
  /records:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: \${read_lambda}
`;

const API = (body: string) => `resource "aws_api_gateway_rest_api" "api" {
  name = "records"
  body = ${body}
}

resource "aws_api_gateway_stage" "live" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "abc"
  stage_name    = "live"
}
`;

const LAMBDA = `resource "aws_lambda_function" "read" {
  function_name = "read"
  role          = "arn:aws:iam::123456789012:role/r"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "read.zip"
}
`;

describe("IFL-WAF-003 on a REST API whose OpenAPI body is a template with values not known here", () => {
  const fixture = scanRuleFixture(findRule("IFL-WAF-003")!, "fail").findings;
  const finding = (resource: string) => fixture.find((item) => item.resource === resource)!;

  it("is conditional on the interpolated values adding no endpoint configuration, naming them", () => {
    expect(finding("aws_api_gateway_stage.records_live")).toMatchObject({
      severity: "error",
      certainty: "conditional",
      certaintyReason:
        "holds unless a value interpolated into the OpenAPI body of aws_api_gateway_rest_api.records (var.records_read_lambda_arn (no value given)) adds an x-amazon-apigateway-endpoint-configuration extension for a PRIVATE API",
    });
    const related = finding("aws_api_gateway_stage.records_live").related.map(
      (item) => `${item.range.file.path}:${item.range.start.line}:${item.range.start.column} ${item.message}`,
    );
    expect(related).toEqual([
      "fail/openapi.tf:12:10 the OpenAPI body of aws_api_gateway_rest_api.records: values interpolated into it are not known",
    ]);
  });

  it("is definite when each unknown value is a resource's ARN written where a value goes", () => {
    const pointers = finding("aws_api_gateway_stage.pointers_live");
    expect(pointers.certainty).toBe("definite");
    expect(pointers.certaintyReason).toBeUndefined();
  });

  it("names the values not known inside an interpolated value built from them", () => {
    const result = scanFiles({
      "main.tf": `variable "account" {}\n${API(`templatefile("\${path.module}/spec.yaml", { read_lambda = "arn:aws:apigateway:eu-west-2:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-2:\${var.account}:function:read/invocations" })`)}`,
      "spec.yaml": SPEC,
    });
    expect(result.findings.map((item) => item.certaintyReason)).toEqual([
      "holds unless a value interpolated into the OpenAPI body of aws_api_gateway_rest_api.api (var.account (no value given)) adds an x-amazon-apigateway-endpoint-configuration extension for a PRIVATE API",
    ]);
  });

  it("is conditional when an ARN sits where it could start a key", () => {
    const result = scanFiles({
      "main.tf": `${LAMBDA}${API(`templatefile("\${path.module}/spec.yaml", { read_lambda = aws_lambda_function.read.invoke_arn })`)}`,
      "spec.yaml": SPEC.replace("        uri: ${read_lambda}\n", "        uri: x\n${read_lambda}\n"),
    });
    expect(result.findings.map((item) => [item.ruleId, item.certainty])).toEqual([["IFL-WAF-003", "conditional"]]);
  });

  it("leaves the stage unjudged when the spec's fixed text carries the endpoint extension", () => {
    const result = scanFiles({
      "main.tf": `${LAMBDA}${API(`templatefile("\${path.module}/spec.yaml", { read_lambda = aws_lambda_function.read.invoke_arn })`)}`,
      "spec.yaml": `${SPEC}x-amazon-apigateway-endpoint-configuration:\n  vpcEndpointIds: [vpce-0123]\n`,
    });
    expect(result.findings).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({ failed: 0, passed: 0, unknown: 1 });
  });

  it("warns where a template file is not in the scan, and leaves the stage unjudged", () => {
    const result = scanFiles({ "main.tf": API(`templatefile("\${path.module}/dist/spec.yaml", {})`) });
    expect(
      result.findings.map((item) => [item.ruleId, item.category, item.severity, item.range.start.line, item.message]),
    ).toEqual([
      [
        "file-not-found",
        "incomplete",
        "warning",
        3,
        "File not found: templatefile: no file at ./dist/spec.yaml in the scan (a build output not committed?); Terraform would fail here, and the values made from it are unknown, so findings that depend on them are not reported.",
      ],
    ]);
    expect(result.findings[0].range.start.column).toBe(10);
    expect(result.outcomes[0]).toMatchObject({ failed: 0, passed: 0, unknown: 1 });
  });

  it("reads the template's text, and finds a missing file, when the variables object itself is not known", () => {
    const unknownVariables = scanFiles({
      "main.tf": `variable "lambdas" {}\n${API(`templatefile("\${path.module}/spec.yaml", var.lambdas)`)}`,
      "spec.yaml": SPEC,
    });
    expect(unknownVariables.findings.map((item) => [item.ruleId, item.certainty, item.certaintyReason])).toEqual([
      [
        "IFL-WAF-003",
        "conditional",
        "holds unless a value interpolated into the OpenAPI body of aws_api_gateway_rest_api.api (read_lambda (the variables given are not known)) adds an x-amazon-apigateway-endpoint-configuration extension for a PRIVATE API",
      ],
    ]);
    const missing = scanFiles({
      "main.tf": `variable "lambdas" {}\n${API(`templatefile("\${path.module}/dist/spec.yaml", var.lambdas)`)}`,
    });
    expect(missing.findings.map((item) => [item.ruleId, item.range.start.line])).toEqual([["file-not-found", 4]]);
  });

  it("does not warn of a missing file that try() gets past", () => {
    const result = scanFiles({ "main.tf": API(`try(templatefile("\${path.module}/dist/spec.yaml", {}), "")`) });
    expect(result.findings.map((item) => [item.ruleId, item.certainty])).toEqual([["IFL-WAF-003", "definite"]]);
  });

  it("puts the API on the register as internet-facing with no WAF, or unknown where the body cannot be read", () => {
    const register = (files: Record<string, string>) => {
      const result = scanFiles(files);
      return buildRegister(result.estate, result.findings).map((entry) => [
        entry.exposure,
        entry.waf,
        entry.readiness,
        entry.findings,
      ]);
    };
    expect(
      register({
        "main.tf": `variable "arn" {}\n${API(`templatefile("\${path.module}/spec.yaml", { read_lambda = var.arn })`)}`,
        "spec.yaml": SPEC,
      }),
    ).toEqual([["internet-facing", "none", "not ready", ["IFL-WAF-003"]]]);
    expect(register({ "main.tf": API(`templatefile("\${path.module}/dist/spec.yaml", {})`) })).toEqual([
      ["unknown", "none", "unknown", []],
    ]);
  });

  it("is a warning for a stage only clients with a certificate can call, and the register links the API's domain", () => {
    const result = scanRuleFixture(findRule("IFL-WAF-003")!, "fail");
    expect(finding("aws_api_gateway_stage.pointers_backend_live")).toMatchObject({
      severity: "warning",
      certainty: "definite",
    });
    const row = buildRegister(result.estate, result.findings).find((entry) =>
      entry.resource.startsWith("aws_api_gateway_rest_api.pointers_backend ("),
    );
    expect(row).toMatchObject({
      dnsNames: ["pointers-backend.example-trust.nhs.uk"],
      members: [
        "aws_api_gateway_rest_api.pointers_backend",
        "aws_api_gateway_stage.pointers_backend_live",
        "aws_api_gateway_domain_name.pointers_backend",
      ],
    });
  });
});
