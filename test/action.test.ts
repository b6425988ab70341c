/** The GitHub Action's entry point in a simulated runner: files written, outputs set, exit code. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAction } from "../src/action/run-action.js";

function runner(inputs: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), "iflint-action-"));
  const summary = join(workspace, "summary.md");
  const output = join(workspace, "output.txt");
  writeFileSync(summary, "");
  writeFileSync(output, "");
  writeFileSync(join(workspace, "main.tf"), 'resource "aws_cloudfront_distribution" "site" {\n  enabled = true\n}\n');
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  let stdout = "";
  return {
    workspace,
    summary,
    output,
    run: () => runAction({ env, stdout: (text) => (stdout += text) }),
    stdout: () => stdout,
  };
}

describe("GitHub Action", () => {
  it("writes SARIF, the step summary and outputs, annotates, and fails per fail-on", async () => {
    const action = runner({ paths: ".", "sarif-file": "reports/iflint.sarif" });
    expect(await action.run()).toBe(1);
    expect(
      (
        JSON.parse(readFileSync(join(action.workspace, "reports", "iflint.sarif"), "utf8")) as {
          runs: { results: unknown[] }[];
        }
      ).runs[0].results,
    ).toHaveLength(1);
    expect(readFileSync(action.summary, "utf8")).toContain("## Internet First readiness");
    expect(readFileSync(action.output, "utf8")).toBe(
      `findings=1\nerrors=1\nsarif-file=${join(action.workspace, "reports", "iflint.sarif")}\n`,
    );
    expect(action.stdout()).toContain("::error file=main.tf,line=1,col=1,");
  });

  it("passes with fail-on never and can leave out the summary and annotations", async () => {
    const action = runner({ "fail-on": "never", summary: "false", annotations: "false" });
    expect(await action.run()).toBe(0);
    expect(readFileSync(action.summary, "utf8")).toBe("");
    expect(action.stdout()).not.toContain("::error");
  });

  it("stops (exit 2 in main.ts) when the configuration names a variables file outside the workspace", async () => {
    const action = runner({});
    const outside = mkdtempSync(join(tmpdir(), "iflint-action-outside-"));
    writeFileSync(join(outside, "prod.tfvars"), 'environment = "prod"\n');
    writeFileSync(
      join(action.workspace, "iflint.config.json"),
      JSON.stringify({ varFiles: [join(outside, "prod.tfvars")] }),
    );
    await expect(action.run()).rejects.toThrow(
      `${join(action.workspace, "iflint.config.json")}: varFiles: ${join(outside, "prod.tfvars")} is outside the scanned paths and their repository; it is not read.`,
    );
  });

  it("fails when the paths hold nothing to scan, unless allow-empty", async () => {
    const action = runner({ paths: "docs" });
    mkdirSync(join(action.workspace, "docs"));
    writeFileSync(join(action.workspace, "docs", "README.md"), "# no infrastructure here\n");
    await expect(action.run()).rejects.toThrow(
      "no files to scan under " + join(action.workspace, "docs") + " (looked for *.tf, *.tf.json,",
    );
    const allowed = runner({ paths: "docs", "allow-empty": "true" });
    mkdirSync(join(allowed.workspace, "docs"));
    expect(await allowed.run()).toBe(0);
  });
});
