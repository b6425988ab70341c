/**
 * A finding about a missing link (no WAF association, no bucket policy) rests on a variable default
 * when the link is written but its count/for_each, its module call's, or its CloudFormation
 * Condition comes to none on a default: certainty "default", the variable in the trace, and the
 * switch as a related location. For every rule, through the engine.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { repoRoot } from "./support/rule-harness.js";

const fixtures = join(repoRoot, "fixtures", "evaluate", "switched-off-links");

function findings(
  name: string,
  ruleId: string,
  options: { vars?: string[]; cfnParameters?: Record<string, string> } = {},
) {
  const result = scan({
    paths: [join(fixtures, name)],
    cwd: fixtures,
    rules: [findRule(ruleId)!],
    vars: options.vars,
    cfnParameters: options.cfnParameters,
  });
  return result.findings.map((finding) => ({
    at: `${finding.ruleId} ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
    certainty: finding.certainty,
    message: finding.message,
    trace: finding.trace.map((step) => `${step.range.file.path}:${step.range.start.line} ${step.message}`),
    related: finding.related.map((item) => `${item.range.file.path}:${item.range.start.line} ${item.message}`),
  }));
}

describe("links switched off by a default", () => {
  it("an association whose count rests on a list variable's default (through a local): default, the variable traced", () => {
    expect(findings("count-local", "IFL-WAF-003", { vars: ["environment=dev"] })).toEqual([
      {
        at: "IFL-WAF-003 count-local/main.tf:20:1",
        certainty: "default",
        message:
          "Stage aws_api_gateway_stage.live of public REST API aws_api_gateway_rest_api.api has no web application firewall.",
        trace: [
          'count-local/main.tf:9 var.waf_enabled_environments = ["preprod","prod"] (default, count-local/main.tf:9:13)',
          'count-local/main.tf:3 var.environment = "dev" (--var, count-local/main.tf:3:1)',
          "count-local/main.tf:13 local.waf_enabled = false (count-local/main.tf:13:3)",
        ],
        related: [
          "count-local/main.tf:27 aws_wafv2_web_acl_association.api would refer to it, but is not created: this count comes to 0 on a variable default",
        ],
      },
    ]);
  });

  it("with every variable of the count given, the finding is definite", () => {
    const given = findings("count-local", "IFL-WAF-003", {
      vars: ["environment=dev", 'waf_enabled_environments=["prod"]'],
    });
    expect(given.map(({ at, certainty, trace, related }) => ({ at, certainty, trace, related }))).toEqual([
      { at: "IFL-WAF-003 count-local/main.tf:20:1", certainty: "definite", trace: [], related: [] },
    ]);
  });

  it("a module call switched off by a default is not read for the links it would make (its cost on real estates)", () => {
    expect(findings("module-count", "IFL-WAF-001")).toEqual([
      {
        at: "IFL-WAF-001 module-count/main.tf:5:1",
        certainty: "definite",
        message:
          "Internet-facing load balancer aws_lb.web has no web application firewall (no aws_wafv2_web_acl_association refers to it).",
        trace: [],
        related: [],
      },
    ]);
  });

  it("a for_each empty by default, for another rule; a switched-off resource of a type the rule does not read is not cited", () => {
    const [finding] = findings("for-each", "IFL-TLS-025");
    expect({ at: finding.at, certainty: finding.certainty, trace: finding.trace, related: finding.related }).toEqual({
      at: "IFL-TLS-025 for-each/main.tf:6:1",
      certainty: "default",
      trace: ["for-each/main.tf:3 var.bucket_policies = {} (default, for-each/main.tf:3:13)"],
      related: [
        "for-each/main.tf:11 aws_s3_bucket_policy.reports would refer to it, but is not created: this for_each is empty on a variable default",
      ],
    });
  });

  it("count = 0 written out rests on no default: definite", () => {
    expect(
      findings("literal", "IFL-WAF-001").map(({ at, certainty, related }) => ({ at, certainty, related })),
    ).toEqual([{ at: "IFL-WAF-001 literal/main.tf:2:1", certainty: "definite", related: [] }]);
  });

  it("a CloudFormation association whose Condition is false on a parameter's default: default", () => {
    expect(findings("cloudformation", "IFL-WAF-003")).toEqual([
      {
        at: "IFL-WAF-003 cloudformation/template.yaml:13:3",
        certainty: "default",
        message:
          "Stage aws_api_gateway_stage.Stage of public REST API aws_api_gateway_rest_api.Api has no web application firewall.",
        trace: ["cloudformation/template.yaml:21 Condition IsProduction = false (on parameter defaults)"],
        related: [
          "cloudformation/template.yaml:21 aws_wafv2_web_acl_association.Association would refer to it, but is not created: its Condition IsProduction is false on parameter defaults",
        ],
      },
    ]);
    expect(
      findings("cloudformation", "IFL-WAF-003", { cfnParameters: { Environment: "dev" } }).map(
        ({ certainty }) => certainty,
      ),
    ).toEqual(["definite"]);
  });
});
