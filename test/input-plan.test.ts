/** Terraform plan JSON: detected by content, values from planned_values, references from configuration. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
    expect(result.estate.resources.map((resource) => resource.address)).toEqual([
      'module.web["portal"].aws_lb.this',
      'module.web["portal"].aws_lb_listener.http',
    ]);
    const findings = result.findings.map((finding) => [
      finding.ruleId,
      finding.resource,
      finding.range.file.path,
      finding.range.start.line,
      finding.range.start.column,
    ]);
    expect(findings).toEqual([
      ["IFL-TLS-001", 'module.web["portal"].aws_lb_listener.http', "plan-only/tfplan.json", 43, 29],
    ]);
  });

  it("reads plans written as UTF-16 (PowerShell) or captured through GitHub's setup-terraform wrapper, at the same positions", async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const plan = readFileSync(join(inputs, "plan-only", "tfplan.json"), "utf8");
    const work = mkdtempSync(join(tmpdir(), "iflint-plan-forms-"));
    writeFileSync(join(work, "utf16.json"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan, "utf16le")]));
    writeFileSync(
      join(work, "wrapped.json"),
      `[command]/home/runner/work/_temp/terraform-bin show -json tfplan\n${plan.trimEnd()}%0A\n::set-output name=stderr::\n::set-output name=exitcode::0\n`,
    );
    const result = scan({ paths: [work], cwd: work, rules: [findRule("IFL-TLS-001")!] });
    expect(
      result.findings.map((finding) => [finding.range.file.path, finding.range.start.line, finding.range.start.column]),
    ).toEqual([
      ["utf16.json", 43, 29],
      ["wrapped.json", 44, 29],
    ]);
  });

  it("keeps after_unknown values unknown but with configuration references", () => {
    const result = scanInput("plan-only");
    const listener = result.estate.resources.find((resource) => resource.resourceType === "aws_lb_listener")!;
    const arn = listener.value("load_balancer_arn");
    expect(isUnknown(arn)).toBe(true);
    expect(result.estate.referencedResources(arn).map((resource) => resource.address)).toEqual([
      'module.web["portal"].aws_lb.this',
    ]);
    expect(listener.planActions).toEqual(["create"]);
  });

  it("reports at the .tf source when the scan includes it, with the plan as related location", () => {
    const result = scanInput("plan-with-source");
    const findings = result.findings.filter((finding) => finding.ruleId === "IFL-TLS-001");
    expect(
      findings.map((finding) => [finding.range.file.path, finding.range.start.line, finding.range.start.column]),
    ).toEqual([["plan-with-source/main.tf", 13, 23]]);
    expect(findings[0].related.map((item) => item.range.file.path)).toEqual(["plan-with-source/plan.json"]);
    expect(result.estate.resources.filter((resource) => resource.resourceType === "aws_lb_listener")).toHaveLength(1);
  });

  it("is laid over the root module in its own directory, not another with the same addresses", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-plan-roots-"));
    cpSync(join(inputs, "plan-with-source"), join(directory, "env-a"), { recursive: true });
    // env-b has the same addresses, no plan, and redirects: nothing to report there.
    mkdirSync(join(directory, "env-b"));
    writeFileSync(
      join(directory, "env-b", "main.tf"),
      readFileSync(join(inputs, "plan-with-source", "main.tf"), "utf8").replace(
        /default_action \{[^}]*\}/,
        'default_action {\n    type = "redirect"\n    redirect {\n      protocol    = "HTTPS"\n      port        = "443"\n      status_code = "HTTP_301"\n    }\n  }',
      ),
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-001")!] });
    expect(
      result.findings.map(
        (finding) => `${finding.range.file.path}:${finding.range.start.line} ${finding.related[0]?.range.file.path}`,
      ),
    ).toEqual(["env-a/main.tf:13 env-a/plan.json"]);
  });

  it("reads what terraform show -json writes without a plan (the state), and nothing else it writes is an error", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-state-json-"));
    const listener = {
      address: "aws_lb_listener.http",
      mode: "managed",
      type: "aws_lb_listener",
      name: "http",
      values: {
        port: 80,
        protocol: "HTTP",
        load_balancer_arn: "arn:aws:elasticloadbalancing:eu-west-2:1:loadbalancer/app/web/1",
        default_action: [{ type: "forward" }],
      },
    };
    writeFileSync(
      join(directory, "state.json"),
      JSON.stringify({
        format_version: "1.0",
        terraform_version: "1.9.0",
        values: { root_module: { resources: [listener] } },
      }),
    );
    writeFileSync(join(directory, "empty-state.json"), '{"format_version":"1.0"}');
    writeFileSync(
      join(directory, "validate.json"),
      '{"format_version":"1.0","valid":true,"error_count":0,"warning_count":0,"diagnostics":[]}',
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-001")!] });
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.range.file.path}`)).toEqual([
      "IFL-TLS-001 state.json",
    ]);
  });
});
