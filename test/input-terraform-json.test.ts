/** Terraform JSON and CDKTF synth output map onto the same model, with positions in the JSON. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { repoRoot } from "./support/rule-harness.js";

const inputs = join(repoRoot, "fixtures", "inputs");

function tlsFindings(directory: string) {
  const result = scan({ paths: [join(inputs, directory)], cwd: inputs, rules: [findRule("IFL-TLS-001")!] });
  return {
    result,
    findings: result.findings.map((finding) => ({
      rule: finding.ruleId,
      file: finding.range.file.path,
      line: finding.range.start.line,
      column: finding.range.start.column,
      resource: finding.resource,
    })),
  };
}

describe("Terraform JSON", () => {
  it("evaluates ${} templates and variables, and finds nested blocks given as arrays or objects", () => {
    const { findings } = tlsFindings("terraform-json");
    expect(findings).toEqual([
      {
        rule: "IFL-TLS-001",
        file: "terraform-json/main.tf.json",
        line: 19,
        column: 21,
        resource: "aws_lb_listener.http",
      },
    ]);
  });

  it("reads CDKTF's cdk.tf.json, skipping // metadata", () => {
    const { findings, result } = tlsFindings("cdktf-synth");
    expect(findings).toEqual([
      {
        rule: "IFL-TLS-001",
        file: "cdktf-synth/cdktf.out/stacks/portal/cdk.tf.json",
        line: 46,
        column: 21,
        resource: "aws_lb_listener.http_listener",
      },
    ]);
    expect(result.estate.resources.every((resource) => resource.input === "terraform-json")).toBe(true);
  });

  it("turns JSON nested deeper than HCL allows into one diagnostic, and goes on", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const work = mkdtempSync(join(tmpdir(), "iflint-json-deep-"));
    const deep = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
    writeFileSync(join(work, "deep.tf.json"), `{"resource":{"aws_lb":{"x":{"internal":false,"tags":${deep}}}}}`);
    writeFileSync(join(work, "blocks.tf.json"), `{"resource":{"aws_lb":{"y":${deep}}}}`);
    writeFileSync(join(work, "main.tf"), 'resource "aws_lb" "web" {\n  internal = false\n}\n');
    const result = scan({ paths: [work], cwd: work, rules: [findRule("IFL-WAF-001")!] });
    expect(
      result.findings
        .filter((finding) => finding.category === "parse-error")
        .map((finding) => `${finding.range.file.path} ${finding.message}`),
    ).toEqual([
      "blocks.tf.json Nesting too deep: Expected at most 400 levels of nested arrays and objects.",
      "deep.tf.json Nesting too deep: Expected at most 400 levels of nested arrays and objects.",
    ]);
    expect(result.findings.some((finding) => finding.resource === "aws_lb.web")).toBe(true);
  });

  it("gives one parse error, not two, for a .tf.json that holds HCL", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const work = mkdtempSync(join(tmpdir(), "iflint-json-hcl-"));
    writeFileSync(join(work, "main.tf.json"), 'resource "aws_lb" "x" {\n  internal = false\n}\n');
    const result = scan({ paths: [work], cwd: work, rules: [] });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "Invalid JSON: Expected valid JSON (InvalidSymbol).",
    ]);
  });

  it("turns invalid JSON into a parse error and goes on", () => {
    const result = scan({ paths: [join(repoRoot, "fixtures", "inputs", "broken-json")], cwd: inputs, rules: [] });
    const errors = result.findings.filter((finding) => finding.category === "parse-error");
    expect(errors.map((finding) => [finding.range.file.path, finding.range.start.line])).toEqual([
      ["broken-json/broken.tf.json", 5],
    ]);
    expect(result.estate.resources.map((resource) => resource.address)).toEqual(["aws_lb.fine"]);
  });
});
