/**
 * WAF associations whose `resource_arn` is written out in one of the shapes AWS documents, rather
 * than read from the resource: the rules and the register find the same protected resources.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRule } from "../rules/index.js";
import { scan } from "../src/scan.js";
import { buildRegister } from "../src/register/build-register.js";

function scanTerraform(text: string, ruleIds: string[]) {
  const directory = mkdtempSync(join(tmpdir(), "iflint-written-arn-"));
  mkdirSync(join(directory, ".git"));
  writeFileSync(join(directory, "main.tf"), text);
  return scan({ paths: [directory], cwd: directory, rules: ruleIds.map((id) => findRule(id)!) });
}

const ACL = `"arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/main/abc"`;

const API = `resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "live" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = "abc"
  stage_name    = "live"
}
`;

const association = (arn: string) => `resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = "${arn}"
  web_acl_arn  = ${ACL}
}
`;

describe("a REST API stage's ARN written out", () => {
  const STAGE_ARN = "arn:aws:apigateway:eu-west-2::/restapis/${aws_api_gateway_rest_api.orders.id}/stages";

  it("names the stage by its known name: the stage is protected, and the register agrees", () => {
    for (const stage of ["${aws_api_gateway_stage.live.stage_name}", "live"]) {
      const result = scanTerraform(`${API}${association(`${STAGE_ARN}/${stage}`)}`, ["IFL-WAF-003"]);
      expect(result.findings).toEqual([]);
      expect(result.outcomes[0]).toMatchObject({ passed: 1, unknown: 0 });
      expect(buildRegister(result.estate, result.findings).map((entry) => [entry.waf, entry.readiness])).toEqual([
        ["yes", "ready"],
      ]);
    }
  });

  it("names another stage of the API: this one is unprotected, for certain, and the register says none", () => {
    const result = scanTerraform(`${API}${association(`${STAGE_ARN}/canary`)}`, ["IFL-WAF-003"]);
    expect(result.findings.map((finding) => [finding.ruleId, finding.resource, finding.certainty])).toEqual([
      ["IFL-WAF-003", "aws_api_gateway_stage.live", "definite"],
    ]);
    expect(buildRegister(result.estate, result.findings).map((entry) => [entry.waf, entry.readiness])).toEqual([
      ["none", "not ready"],
    ]);
  });

  it("leaves the stages unjudged when the name in the ARN, or the stage's own name, is not known", () => {
    const fromVariable = scanTerraform(`variable "stage" {}\n${API}${association(`${STAGE_ARN}/\${var.stage}`)}`, [
      "IFL-WAF-003",
    ]);
    const stageFromVariable = scanTerraform(
      `variable "stage" {}\n${API.replace('stage_name    = "live"', "stage_name    = var.stage")}${association(`${STAGE_ARN}/live`)}`,
      ["IFL-WAF-003"],
    );
    for (const result of [fromVariable, stageFromVariable]) {
      expect(result.findings).toEqual([]);
      expect(result.outcomes[0]).toMatchObject({ failed: 0, passed: 0, unknown: 1 });
      expect(buildRegister(result.estate, result.findings)[0].waf).toBe("unknown");
    }
  });
});

describe("the other documented shapes", () => {
  const ALB = `resource "aws_lb" "portal" {
  name               = "portal"
  load_balancer_type = "application"
  internal           = false
}
`;

  it("name their resource by its own id or name: an AppSync API and a load balancer so named are protected", () => {
    const appsync = scanTerraform(
      `resource "aws_appsync_graphql_api" "records" {
  name                = "records"
  authentication_type = "API_KEY"
}
${association("arn:aws:appsync:eu-west-2:123456789012:apis/${aws_appsync_graphql_api.records.id}")}`,
      ["IFL-WAF-004"],
    );
    expect(appsync.findings).toEqual([]);
    expect(appsync.outcomes[0]).toMatchObject({ passed: 1, unknown: 0 });
    const alb = scanTerraform(
      `${ALB}${association("arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/${aws_lb.portal.name}/${aws_lb.portal.id}")}`,
      ["IFL-WAF-001"],
    );
    expect(alb.findings).toEqual([]);
    expect(alb.outcomes[0]).toMatchObject({ passed: 1, unknown: 0 });
  });

  it("say what kind of resource an ARN written as text names: a user pool's leaves a load balancer judged", () => {
    const result = scanTerraform(
      `${ALB}${association("arn:aws:cognito-idp:eu-west-2:123456789012:userpool/eu-west-2_AbCdEf")}`,
      ["IFL-WAF-001"],
    );
    expect(result.findings.map((finding) => [finding.ruleId, finding.resource, finding.certainty])).toEqual([
      ["IFL-WAF-001", "aws_lb.portal", "definite"],
    ]);
  });
});
