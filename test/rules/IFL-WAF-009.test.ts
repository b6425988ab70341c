import { describe, expect, it } from "vitest";
import { findRule } from "../../rules/index.js";
import { scanRuleFixture } from "../../src/docs/rule-fixtures.js";
import { buildRegister } from "../../src/register/build-register.js";
import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-009", {
  fail: [
    {
      file: "fail/main.tf",
      line: 2,
      column: 1,
      resource: "aws_apigatewayv2_api.appointments",
      message:
        "HTTP API aws_apigatewayv2_api.appointments is reachable from the internet with no web application firewall: WAF cannot be attached to HTTP APIs, and no CloudFront distribution in the scan fronts it.",
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 1,
      resource: "aws_apigatewayv2_api.referrals",
      message:
        "HTTP API aws_apigatewayv2_api.referrals is fronted by CloudFront, but its default execute-api endpoint is enabled, so clients can go around CloudFront and its web application firewall.",
    },
    {
      file: "fail/main.tf",
      line: 84,
      column: 1,
      resource: "aws_apigatewayv2_api.results",
      message:
        "HTTP API aws_apigatewayv2_api.results is also served on custom domain results-api.example-trust.nhs.uk, which no CloudFront distribution fronts, so clients can go around CloudFront and its web application firewall.",
    },
    {
      file: "fail/mutual-tls.tf",
      line: 3,
      column: 1,
      resource: "aws_apigatewayv2_api.immunisations",
      message:
        "HTTP API aws_apigatewayv2_api.immunisations is reachable only by clients holding a certificate from the truststore of immunisations-backend.example-trust.nhs.uk (mutual TLS, its execute-api endpoint disabled), with no web application firewall: WAF cannot be attached to HTTP APIs, and no CloudFront distribution in the scan fronts it.",
    },
    {
      file: "fail/mutual-tls.tf",
      line: 30,
      column: 1,
      resource: "aws_apigatewayv2_api.vaccinations",
      message:
        "HTTP API aws_apigatewayv2_api.vaccinations is reachable from the internet with no web application firewall: WAF cannot be attached to HTTP APIs, and no CloudFront distribution in the scan fronts it.",
    },
  ],
});

describe("IFL-WAF-009 on an HTTP API only clients with a certificate can call", () => {
  const findings = scanRuleFixture(findRule("IFL-WAF-009")!, "fail").findings;

  it("is a definite warning, pointing at the domain that requires mutual TLS; an open domain beside it keeps the error", () => {
    const of = (resource: string) => findings.find((finding) => finding.resource === resource)!;
    expect(of("aws_apigatewayv2_api.immunisations")).toMatchObject({ severity: "warning", certainty: "definite" });
    expect(
      of("aws_apigatewayv2_api.immunisations").related.map(
        (item) => `${item.range.file.path}:${item.range.start.line} ${item.message}`,
      ),
    ).toEqual([
      "fail/mutual-tls.tf:9 custom domain aws_apigatewayv2_domain_name.immunisations, which requires a client certificate",
    ]);
    expect(of("aws_apigatewayv2_api.vaccinations")).toMatchObject({ severity: "error", certainty: "definite" });
  });

  it("links the API and its domains on the register: the domain's name is the API's, and the domain row depends on it", () => {
    const result = scanRuleFixture(findRule("IFL-WAF-009")!, "fail");
    const register = buildRegister(result.estate, result.findings);
    const row = (address: string) => register.find((entry) => entry.resource.startsWith(`${address} (`))!;
    expect(row("aws_apigatewayv2_api.immunisations")).toMatchObject({
      service: "immunisations-backend.example-trust.nhs.uk",
      dnsNames: ["immunisations-backend.example-trust.nhs.uk"],
      members: ["aws_apigatewayv2_api.immunisations", "aws_apigatewayv2_domain_name.immunisations"],
      findings: ["IFL-WAF-009"],
    });
    expect(row("aws_apigatewayv2_domain_name.immunisations").dependsOn).toEqual([
      row("aws_apigatewayv2_api.immunisations").resource,
    ]);
    expect(row("aws_apigatewayv2_domain_name.vaccinations_public").dependsOn).toEqual([
      row("aws_apigatewayv2_api.vaccinations").resource,
    ]);
  });
});
