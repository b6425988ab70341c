/** A large scan split across worker threads gives exactly what one thread gives. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/rule-harness.js";

describe("scans split across worker threads", () => {
  it("find the same as one thread, with the same counts", async () => {
    // Workers load the built module: the test runs what users run (npm test builds first).
    const { scanInParallel } = (await import(
      pathToFileURL(join(repoRoot, "dist", "src", "parallel", "scan-parallel.js")).href
    )) as typeof import("../src/parallel/scan-parallel.js");
    const directory = mkdtempSync(join(tmpdir(), "iflint-parallel-"));
    const padding = `# ${"filler ".repeat(200)}\n`.repeat(20);
    for (let stack = 0; stack < 160; stack++) {
      const root = join(directory, `stack-${stack}`);
      // Each stack its own repository: work is split by whole repositories.
      mkdirSync(join(root, ".git"), { recursive: true });
      writeFileSync(
        join(root, "main.tf"),
        `${padding}module "remote" {\n  source = "example/remote/aws"\n}\nresource "aws_lb" "web" {\n  internal = ${stack % 2 === 0}\n}\n`,
      );
    }
    // A link out of the scan is one warning at its start, never read: not by a worker, nor by the
    // thread rebuilding a worker's findings.
    const outside = mkdtempSync(join(tmpdir(), "iflint-parallel-outside-"));
    writeFileSync(join(outside, "secret.tf"), 'resource "aws_lb" "secret" {\n  internal = false\n}\n');
    symlinkSync(join(outside, "secret.tf"), join(directory, "stack-0", "linked.tf"));
    const options = { paths: [directory], cwd: directory };
    const [one, two] = [await scanInParallel(options, 1), await scanInParallel(options, 2)];
    const seen = (result: typeof one) =>
      result.findings
        .map((finding) => `${finding.ruleId} ${finding.range.file.path}:${finding.range.start.line}`)
        .sort();
    expect(one.findings.length).toBeGreaterThan(0);
    expect(seen(two)).toEqual(seen(one));
    expect([two.fileCount, two.remoteModules]).toEqual([one.fileCount, one.remoteModules]);
    expect(one.remoteModules).toBe(160);
    for (const result of [one, two]) {
      const linked = result.findings.filter((finding) => finding.range.file.path.endsWith("linked.tf"));
      expect(linked.map((finding) => [finding.ruleId, finding.range.file.text])).toEqual([["outside-scan", ""]]);
    }
  }, 60_000);
});
