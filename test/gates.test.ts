/** Baselines (round trip with moved lines) and changed-since (in a temporary git repository). */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/rule-harness.js";

const bin = join(repoRoot, "dist", "src", "cli", "main.js");
const distribution = (name: string) => `resource "aws_cloudfront_distribution" "${name}" {\n  enabled = true\n}\n`;

function iflint(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, CI: "" } });
  return {
    code: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    findings: run.stdout.startsWith("{")
      ? (JSON.parse(run.stdout) as { findings: { ruleId: string; resource?: string }[] }).findings
      : [],
  };
}

describe("baseline", () => {
  it("round-trips: known findings are not reported after lines move, new and fixed ones are counted", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-baseline-"));
    writeFileSync(join(directory, "main.tf"), distribution("a") + distribution("b"));
    const written = iflint(["scan", ".", "--write-baseline", "baseline.json", "--fail-on", "never"], directory);
    expect(written.stderr).toContain("wrote 2 findings to the baseline baseline.json");
    const baseline = JSON.parse(readFileSync(join(directory, "baseline.json"), "utf8")) as {
      findings: { fingerprint: string }[];
    };
    expect(baseline.findings.map((entry) => entry.fingerprint)).toEqual(
      [...baseline.findings.map((entry) => entry.fingerprint)].sort(),
    );

    writeFileSync(join(directory, "main.tf"), `# moved\n\n${distribution("b")}\n\n${distribution("a")}`);
    const same = iflint(["scan", ".", "--baseline", "baseline.json", "--format", "json"], directory);
    expect(same.code).toBe(0);
    expect(same.findings).toEqual([]);
    expect(same.stderr).toContain("2 known findings not reported, 0 fixed");

    writeFileSync(join(directory, "main.tf"), distribution("a") + distribution("c"));
    const changed = iflint(["scan", ".", "--baseline", "baseline.json", "--format", "json"], directory);
    expect(changed.code).toBe(1);
    expect(changed.findings.map((finding) => finding.resource)).toEqual(["aws_cloudfront_distribution.c"]);
    expect(changed.stderr).toContain("1 known findings not reported, 1 fixed");
  });

  it("rejects a file that is not a baseline (exit 2)", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-baseline-"));
    writeFileSync(join(directory, "bad.json"), "{}");
    expect(iflint(["scan", ".", "--baseline", "bad.json"], directory).code).toBe(2);
  });

  it("never opens a FIFO named as the baseline, and quotes nothing of a file that is not JSON", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-baseline-"));
    writeFileSync(join(directory, "main.tf"), distribution("web"));
    execFileSync("mkfifo", [join(directory, "pipe.json")]);
    const fifo = iflint(["scan", ".", "--baseline", "pipe.json"], directory);
    expect([fifo.code, fifo.stderr.split("\n")[0]]).toEqual([
      2,
      "iflint: pipe.json is not a regular file (a device, FIFO or socket); it is not read.",
    ]);
    writeFileSync(join(directory, "secret.json"), "root:x:0:0:root:/root:/bin/bash\n");
    const text = iflint(["scan", ".", "--baseline", "secret.json"], directory);
    expect([text.code, text.stderr.split("\n")[0]]).toEqual([
      2,
      "iflint: secret.json: is not JSON; expected an iflint baseline (version 1)",
    ]);
  });
});

describe("changed-since", () => {
  it("evaluates everything but reports only findings in files changed since the ref", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-changed-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: directory, encoding: "utf8" });
    git("init", "-q", "-b", "main");
    git("config", "user.email", "ci@example.org");
    git("config", "user.name", "CI");
    writeFileSync(join(directory, "old.tf"), distribution("old"));
    git("add", ".");
    git("commit", "-q", "-m", "base");
    git("checkout", "-q", "-b", "feature");
    writeFileSync(join(directory, "committed.tf"), distribution("committed"));
    git("add", ".");
    git("commit", "-q", "-m", "change");
    writeFileSync(join(directory, "untracked.tf"), distribution("untracked"));
    const run = iflint(["scan", ".", "--changed-since", "main", "--format", "json"], directory);
    expect(run.findings.map((finding) => finding.resource).sort()).toEqual([
      "aws_cloudfront_distribution.committed",
      "aws_cloudfront_distribution.untracked",
    ]);
    expect(iflint(["scan", ".", "--changed-since", "no-such-ref"], directory).code).toBe(2);
  });
});
