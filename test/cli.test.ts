/** The CLI as users and pipelines run it: formats, files, exit codes and messages. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/rule-harness.js";

/** The command as installed: package.json's bin, the bundle that `npm run build` writes. */
const bin = join(
  repoRoot,
  (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { bin: { iflint: string } }).bin.iflint,
);

function iflint(args: string[], cwd = repoRoot) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("build first: npm run build (npm test does)");
});

describe("iflint scan", () => {
  it("exits 1 on errors, 0 below --fail-on, and never with --fail-on never", () => {
    expect(iflint(["scan", "examples/nhs-trust"]).code).toBe(1);
    expect(iflint(["scan", "fixtures/IFL-DNS-002/pass"]).code).toBe(0);
    expect(iflint(["scan", "fixtures/IFL-DNS-003/fail", "--fail-on", "warning"]).code).toBe(0);
    expect(iflint(["scan", "fixtures/IFL-DNS-003/fail", "--fail-on", "note"]).code).toBe(1);
    expect(iflint(["scan", "examples/nhs-trust", "--fail-on", "never"]).code).toBe(0);
  });

  it("writes several formats at once, each to its file", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-"));
    const run = iflint([
      "scan",
      "examples/nhs-trust",
      "--format",
      "json",
      "--format",
      `sarif=${join(directory, "r.sarif")}`,
      "--format",
      `junit=${join(directory, "j.xml")}`,
      "--format",
      `markdown=${join(directory, "s.md")}`,
    ]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toHaveLength(33);
    expect((JSON.parse(readFileSync(join(directory, "r.sarif"), "utf8")) as { version: string }).version).toBe("2.1.0");
    expect(readFileSync(join(directory, "j.xml"), "utf8")).toContain("<testsuites");
    expect(readFileSync(join(directory, "s.md"), "utf8")).toContain("## Internet First readiness");
  });

  it("keeps --output for a single format", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-"));
    const run = iflint([
      "scan",
      "examples/nhs-trust",
      "--format",
      "json",
      "--output",
      join(directory, "report.json"),
      "--fail-on",
      "never",
    ]);
    expect(run.stdout).toBe("");
    expect((JSON.parse(readFileSync(join(directory, "report.json"), "utf8")) as { version: number }).version).toBe(1);
  });

  it("exits 2 with a clear message, no stack trace, on usage errors", () => {
    for (const args of [
      ["scan", "no/such/dir"],
      ["scan", ".", "--format", "yaml"],
      ["scan", ".", "--fail-on", "sometimes"],
      ["scan", ".", "--var", "novalue"],
      ["scan", ".", "--var-file", "missing.tfvars"],
      ["nonsense"],
    ]) {
      const run = iflint(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/iflint|Unknown|Invalid|choices/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("evaluates terraform.workspace as --workspace says", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-workspace-"));
    writeFileSync(
      join(directory, "main.tf"),
      'locals {\n  internal = { test = true, prod = false }\n}\nresource "aws_lb" "web" {\n  internal = local.internal[terraform.workspace]\n}\n',
    );
    const findings = (args: string[]) =>
      (
        JSON.parse(
          iflint(["scan", directory, "--format", "json", "--fail-on", "never", "--rule", "IFL-WAF-001", ...args])
            .stdout,
        ) as { findings: unknown[] }
      ).findings.length;
    expect(findings(["--workspace", "prod"])).toBe(1);
    expect(findings(["--workspace", "test"])).toBe(0);
    expect(findings([])).toBe(0);
  });

  describe("variables files", () => {
    /** A repository of three root modules whose load balancers are internal by default, and files beside it. */
    function repositoryWithVariablesOutside(): { directory: string; repository: string } {
      const directory = mkdtempSync(join(tmpdir(), "iflint-cli-var-file-"));
      const repository = join(directory, "repo");
      for (const root of ["a", "b", "c"]) {
        mkdirSync(join(repository, root), { recursive: true });
        writeFileSync(
          join(repository, root, "main.tf"),
          `variable "internal" {\n  default = true\n}\n\nresource "aws_lb" "web" {\n  name     = "web-${root}"\n  internal = var.internal\n}\n`,
        );
      }
      mkdirSync(join(repository, ".git"));
      writeFileSync(join(directory, "prod.tfvars"), "internal = false\n");
      return { directory, repository };
    }
    const summary = (stdout: string) =>
      (
        JSON.parse(stdout) as { findings: { ruleId: string; severity: string; file: string; line: number }[] }
      ).findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.file}:${finding.line}`);

    it("a --var-file outside the scanned repository is read: the operator named it, so its values are judged", () => {
      const { directory } = repositoryWithVariablesOutside();
      expect(iflint(["scan", "repo", "--format", "json"], directory).code).toBe(0);
      const run = iflint(["scan", "repo", "--var-file", "prod.tfvars", "--format", "json"], directory);
      expect(run.code).toBe(1);
      expect(summary(run.stdout)).toEqual([
        "IFL-WAF-001 error repo/a/main.tf:5",
        "IFL-WAF-001 error repo/b/main.tf:5",
        "IFL-WAF-001 error repo/c/main.tf:5",
      ]);
      expect(run.stderr).toBe("");
      const register = iflint(["register", "repo", "--var-file", "prod.tfvars", "--format", "json"], directory);
      expect(register.code).toBe(0);
      expect(
        (JSON.parse(register.stdout) as { services: { exposure: string }[] }).services.map((entry) => entry.exposure),
      ).toEqual(["internet-facing", "internet-facing", "internet-facing"]);
    });

    it("a --var-file that is not a regular file stops the run (exit 2), as a missing one does", () => {
      const { directory } = repositoryWithVariablesOutside();
      const run = iflint(["scan", "repo", "--var-file", "repo"], directory);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        "iflint: --var-file repo: not a regular file (a directory, device, FIFO or socket); it is not read\n",
      );
      expect(run.stdout).toBe("");
    });

    it("configured varFiles stay inside the scan: one outside, or missing, stops the run (exit 2) with one message", () => {
      const { directory, repository } = repositoryWithVariablesOutside();
      const config = join(repository, "iflint.config.json");
      writeFileSync(config, JSON.stringify({ varFiles: ["../prod.tfvars"] }));
      const outside = iflint(["scan", "repo", "--format", "json"], directory);
      expect(outside.code).toBe(2);
      expect(outside.stdout).toBe("");
      expect(outside.stderr.split("\n")[0]).toBe(
        `iflint: ${config}: varFiles: ../prod.tfvars is outside the scanned paths and their repository; it is not read. A configuration cannot widen what iflint reads; name a file outside the scan with --var-file.`,
      );
      expect(iflint(["plan", "repo"], directory).code).toBe(2);
      writeFileSync(config, JSON.stringify({ varFiles: ["live.tfvars"] }));
      const missing = iflint(["scan", "repo"], directory);
      expect(missing.code).toBe(2);
      expect(missing.stderr.split("\n")[0]).toBe(`iflint: ${config}: varFiles: live.tfvars: no such file`);
      writeFileSync(join(repository, "live.tfvars"), "internal = false\n");
      expect(summary(iflint(["scan", "repo", "--format", "json"], directory).stdout)).toHaveLength(3);
    });
  });

  it("runs only the rules --rule names (by id or name) and leaves out --skip-rule", () => {
    const ids = (args: string[]) =>
      [
        ...new Set(
          (
            JSON.parse(
              iflint(["scan", "fixtures/IFL-EXP-007/fail", "--format", "json", "--fail-on", "never", ...args]).stdout,
            ) as { findings: { ruleId: string }[] }
          ).findings.map((finding) => finding.ruleId),
        ),
      ].sort();
    expect(ids([])).toEqual(["IFL-ADDR-011", "IFL-EXP-007", "IFL-WAF-009"]);
    expect(ids(["--rule", "IFL-EXP-007"])).toEqual(["IFL-EXP-007"]);
    expect(ids(["--rule", "api-backend-is-off-private-network,IFL-WAF-009"])).toEqual(["IFL-EXP-007", "IFL-WAF-009"]);
    expect(ids(["--skip-rule", "IFL-WAF-009", "--skip-rule", "targets-stay-in-vpc"])).toEqual(["IFL-EXP-007"]);
    const unknown = iflint(["scan", "fixtures/IFL-EXP-007/fail", "--rule", "IFL-TLS-999"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "IFL-TLS-999"');
  });

  it("prints the slowest rules on stderr with IFLINT_TIMING", () => {
    const run = spawnSync(process.execPath, [bin, "scan", "fixtures/IFL-EXP-007/fail", "--fail-on", "never"], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, IFLINT_TIMING: "3" },
    });
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^rule\s+time\s+share$/);
    expect(lines.slice(1, 4).every((line) => /^IFL-[A-Z]+-\d{3}\s+[\d.]+ ms\s+[\d.]+%$/.test(line))).toBe(true);
    expect(lines[4]).toMatch(/^all rules\s+[\d.]+ ms$/);
    expect(iflint(["scan", "fixtures/IFL-EXP-007/fail", "--fail-on", "never"]).stderr).not.toContain("all rules");
  });

  it("warns about rule ids in the configuration that iflint does not have", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-"));
    writeFileSync(
      join(directory, "iflint.config.json"),
      JSON.stringify({ rules: { "IFL-TLS-999": "off", "IFL-TLS-001": "off" } }),
    );
    writeFileSync(join(directory, "main.tf"), 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    const run = iflint(["scan", "."], directory);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("iflint has no rule IFL-TLS-999");
    expect(run.stderr).not.toContain("IFL-TLS-001");
  });

  it("reports a file that does not parse and scans the rest", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-"));
    writeFileSync(join(directory, "bad.tf"), 'resource "aws_lb" "x" {\n  name = "a\n}\n');
    writeFileSync(join(directory, "good.tf"), 'resource "aws_cloudfront_distribution" "d" {\n  enabled = true\n}\n');
    const run = iflint(["scan", ".", "--format", "json"], directory);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number }[] };
    expect(run.code).toBe(1);
    expect(report.findings.find((finding) => finding.ruleId === "parse-error")).toMatchObject({
      file: "bad.tf",
      line: 2,
    });
    expect(report.findings.some((finding) => finding.ruleId === "IFL-WAF-002" && finding.file === "good.tf")).toBe(
      true,
    );
  });

  it("lists at most ten parse errors a file, then says how many more (a template or HCL 1 is not Terraform 0.12+)", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-template-"));
    writeFileSync(
      join(directory, "main.tf"),
      Array.from({ length: 30 }, (_, index) => `resource "x" "a${index}" { v = {{ .Value }} }`).join("\n"),
    );
    const report = JSON.parse(iflint(["scan", directory, "--format", "json"]).stdout) as {
      findings: { ruleId: string; message: string }[];
    };
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(Array.from({ length: 11 }, () => "parse-error"));
    expect(report.findings[10].message).toBe(
      "More parse errors: 20 more in this file are not listed; is it Terraform 0.12+ syntax, not a template or HCL 1?",
    );
  });

  it("warns about symlink loops and goes on", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-"));
    mkdirSync(join(directory, "stack"));
    symlinkSync(directory, join(directory, "stack", "loop"));
    writeFileSync(
      join(directory, "stack", "main.tf"),
      'resource "aws_cloudfront_distribution" "d" {\n  enabled = true\n}\n',
    );
    const run = iflint(["scan", ".", "--format", "json"], directory);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("stack/loop: symlink loop or repeated directory; skipped");
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it("fails when there is nothing to scan, unless told that is fine", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-"));
    writeFileSync(join(directory, "README.md"), "# not infrastructure\n");
    writeFileSync(join(directory, "terragrunt.hcl"), 'terraform {\n  source = "../stack"\n}\n');
    const run = iflint(["scan", "."], directory);
    expect([run.code, run.stdout]).toEqual([2, ""]);
    expect(run.stderr).toBe(
      "iflint: no files to scan under . (looked for *.tf, *.tf.json, Terraform plan JSON, CloudFormation and SAM templates (*.json, *.yaml, *.yml), DNS zone files (*.zone, *.db, db.*), CDKTF TypeScript (*.ts importing cdktf)); --allow-empty accepts that\nRun 'iflint --help' for usage.\n",
    );
    const allowed = iflint(["scan", ".", "--allow-empty", "--format", "json"], directory);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe("iflint: no files to scan under .\n");
    expect((JSON.parse(allowed.stdout) as { findings: unknown[] }).findings).toEqual([]);
    writeFileSync(join(directory, "iflint.config.json"), JSON.stringify({ allowEmpty: true }));
    expect(iflint(["scan", "."], directory).code).toBe(0);
  });

  it("says to synthesize an AWS CDK app found without its cloud assembly", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-cli-"));
    writeFileSync(
      join(directory, "app.ts"),
      'import { App, Stack } from "aws-cdk-lib";\nconst app = new App();\nnew Stack(app, "Web");\n',
    );
    const run = iflint(["scan", "."], directory);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "; an AWS CDK app was found without its cloud assembly: run cdk synth first (iflint reads cdk.out and never runs the app); --allow-empty accepts that",
    );
  });
});

describe("iflint rules", () => {
  it("lists every rule with its metadata", () => {
    const rules = JSON.parse(iflint(["rules", "--format", "json"]).stdout) as { id: string; guidance: string[] }[];
    expect(rules.length).toBeGreaterThanOrEqual(18);
    expect(rules.every((rule) => rule.guidance.length > 0)).toBe(true);
    expect(iflint(["rules"]).stdout).toContain("IFL-TLS-001");
  });
});
