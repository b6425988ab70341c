/** Terraform plan JSON: detected by content, values from planned_values, references from configuration. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { isUnknown } from "../src/model/value.js";
import { repoRoot } from "./support/rule-harness.js";

const inputs = join(repoRoot, "fixtures", "inputs");

function scanInput(directory: string) {
  return scan({ paths: [join(inputs, directory)], cwd: inputs, rules: [findRule("IFL-TLS-001")!] });
}

describe("plan JSON", () => {
  it("maps planned_values with module instance addresses and finds the problem", () => {
    const result = scanInput("plan-only");
    expect(result.estate.resources.map((resource) => resource.address)).toEqual(['module.web["portal"].aws_lb.this', 'module.web["portal"].aws_lb_listener.http']);
    const findings = result.findings.map((finding) => [finding.ruleId, finding.resource, finding.range.file.path, finding.range.start.line, finding.range.start.column]);
    expect(findings).toEqual([["IFL-TLS-001", 'module.web["portal"].aws_lb_listener.http', "plan-only/tfplan.json", 43, 29]]);
  });

  it("keeps after_unknown values unknown but with configuration references", () => {
    const result = scanInput("plan-only");
    const listener = result.estate.resources.find((resource) => resource.resourceType === "aws_lb_listener")!;
    const arn = listener.value("load_balancer_arn");
    expect(isUnknown(arn)).toBe(true);
    expect(result.estate.referencedResources(arn).map((resource) => resource.address)).toEqual(['module.web["portal"].aws_lb.this']);
    expect(listener.planActions).toEqual(["create"]);
  });

  it("reports at the .tf source when the scan includes it, with the plan as related location", () => {
    const result = scanInput("plan-with-source");
    const findings = result.findings.filter((finding) => finding.ruleId === "IFL-TLS-001");
    expect(findings.map((finding) => [finding.range.file.path, finding.range.start.line, finding.range.start.column])).toEqual([["plan-with-source/main.tf", 13, 23]]);
    expect(findings[0].related.map((item) => item.range.file.path)).toEqual(["plan-with-source/plan.json"]);
    expect(result.estate.resources.filter((resource) => resource.resourceType === "aws_lb_listener")).toHaveLength(1);
  });
});
