/**
 * Hostile input, generated at test time: links out of the scan, special files, and expressions or
 * documents built to hang a scan or exhaust its memory. Every scan ends with a report, the refusals
 * are warnings at the place that named the file, and no output format holds a byte of the outside files.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createHostileEstate, type HostileEstate } from "../scripts/hostile-estate.js";
import { scan, formatNotes, type ScanResult } from "../src/scan.js";
import { ConfigError, loadConfig } from "../src/engine/config.js";
import { checkConfiguredVariableFiles } from "../src/engine/configured-variable-files.js";
import { renderText } from "../src/reporters/text.js";
import { renderJson } from "../src/reporters/json.js";
import { renderSarif } from "../src/reporters/sarif.js";
import { renderJunit } from "../src/reporters/junit.js";
import { renderGithub } from "../src/reporters/github.js";
import { renderMarkdown } from "../src/reporters/markdown.js";
import { buildRegister } from "../src/register/build-register.js";
import { renderRegisterCsv, renderRegisterJson, renderRegisterMarkdown } from "../src/reporters/register.js";
import { renderHtmlReport } from "../src/reporters/html-report.js";
import { matchesGlob } from "../src/engine/glob.js";

let estate: HostileEstate;
let scanned: string;

beforeAll(() => {
  estate = createHostileEstate(mkdtempSync(join(tmpdir(), "iflint-hostile-")));
  scanned = join(estate.outside, "..", "scanned");
});

interface CaseRun {
  result: ScanResult;
  /** Every output: each format, the register in each of its forms, the HTML report, notes and warnings. */
  outputs: string[];
}

function run(name: string): CaseRun {
  const hostile = estate.cases[name];
  const configAt = hostile.args.indexOf("--config");
  const varFileAt = hostile.args.indexOf("--var-file");
  const loaded = loadConfig(configAt >= 0 ? hostile.args[configAt + 1] : undefined, hostile.path);
  const result = scan({
    paths: [hostile.path],
    cwd: scanned,
    config: loaded.config,
    configPath: loaded.path,
    varFiles: varFileAt >= 0 ? [hostile.args[varFileAt + 1]] : undefined,
    today: "2026-01-01",
    evaluateAll: true,
  });
  const register = buildRegister(result.estate, result.findings);
  const outputs = [
    // Every format of src/reporters/index.ts, rendered directly (its render loads them asynchronously).
    renderText(result, { color: false }),
    renderJson(result),
    renderSarif(result, { cwd: scanned }),
    renderJunit(result),
    renderGithub(result),
    renderMarkdown(result),
    renderRegisterCsv(register),
    renderRegisterJson(register),
    renderRegisterMarkdown(register),
    renderHtmlReport(result, register, { generated: "2026-01-01" }),
    ...formatNotes(result.estate),
    ...result.discovery.warnings,
    loaded.warning ?? "",
  ];
  return { result, outputs };
}

/** Warnings about inputs not read, as `rule file:line:column message`. */
function incomplete(result: ScanResult): string[] {
  return result.findings
    .filter((finding) => finding.category === "incomplete")
    .map(
      (finding) =>
        `${finding.ruleId} ${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column} ${finding.message}`,
    );
}

function expectNothingFromOutside(outputs: readonly string[]): void {
  for (const output of outputs) {
    expect(output).not.toContain("zqx");
    for (const line of estate.secretLines) expect(output).not.toContain(line);
  }
}

const fifo = process.platform !== "win32";
const linkOut = (path: string) =>
  `${path} is a symbolic link that leads outside the scanned paths and their repository; it is not read.`;
const special = (path: string) => `${path} is not a regular file (a device, FIFO or socket); it is not read.`;

describe("links and paths out of the scan", () => {
  it.each([
    [
      "symlinked-file",
      [`outside-scan symlinked-file/main.tf:1:1 File outside the scan: ${linkOut("symlinked-file/main.tf")}`],
    ],
    [
      "symlinked-directory",
      [`outside-scan symlinked-directory/linked:1:1 File outside the scan: ${linkOut("symlinked-directory/linked")}`],
    ],
    [
      "file-function-symlink",
      [
        `outside-scan file-function-symlink/main.tf:9:32 File outside the scan: ${linkOut("./link.txt")}`,
        `outside-scan file-function-symlink/templated.tf:2:14 File outside the scan: ${linkOut("./link.txt")}`,
        `outside-scan file-function-symlink/templated.tf:3:14 File outside the scan: ${linkOut("./link.txt")}`,
        `outside-scan file-function-symlink/templated.tf:6:14 File outside the scan: ${linkOut("./link.txt")}`,
      ],
    ],
    [
      "file-function-outside",
      [
        "outside-scan file-function-outside/main.tf:9:17 File outside the scan: ../../outside/secret.txt is outside the scanned paths and their repository; it is not read.",
      ],
    ],
    [
      "module-outside",
      [
        "outside-scan module-outside/main.tf:1:1 File outside the scan: ../outside/module is outside the scanned paths and their repository; it is not read.",
      ],
    ],
    [
      "tfvars-symlink",
      [
        `outside-scan tfvars-symlink/terraform.tfvars:1:1 File outside the scan: ${linkOut("tfvars-symlink/terraform.tfvars")}`,
      ],
    ],
    [
      // Two root modules, one warning: the file is read (and refused) once per estate.
      "config-var-files-outside",
      [
        "outside-scan ../outside/secret.tfvars:1:1 File outside the scan: ../outside/secret.tfvars is outside the scanned paths and their repository; it is not read.",
      ],
    ],
    [
      "terragrunt-symlink",
      [
        `outside-scan terragrunt-symlink/terragrunt.hcl:1:1 File outside the scan: ${linkOut("terragrunt-symlink/terragrunt.hcl")}`,
      ],
    ],
    [
      "special-file-zero",
      [`outside-scan special-file-zero/main.tf:1:1 File outside the scan: ${linkOut("special-file-zero/main.tf")}`],
    ],
  ])("%s: a warning naming the link, nothing read", (name, expected) => {
    const { result, outputs } = run(name);
    expect(incomplete(result)).toEqual(expected);
    expectNothingFromOutside(outputs);
  });

  it("a configuration naming a variables file outside the scan stops the run (exit 2 in the CLI), once", () => {
    const hostile = estate.cases["config-var-files-outside"];
    const loaded = loadConfig(hostile.args[1], hostile.path);
    expect(() => checkConfiguredVariableFiles(loaded.config, loaded.path, [hostile.path], scanned)).toThrow(
      new ConfigError(
        `${loaded.path}: varFiles: ${join(estate.outside, "secret.tfvars")} is outside the scanned paths and their repository; it is not read. A configuration cannot widen what iflint reads; name a file outside the scan with --var-file.`,
      ),
    );
  });

  it("a --var-file named on the command line is the operator's input: read wherever it is, no warning", () => {
    const { result } = run("var-file-outside");
    expect(incomplete(result)).toEqual([]);
    const record = result.estate.resources.find((resource) => resource.address === "aws_route53_record.leak");
    expect(record?.attributes.get("records")?.value).toEqual(["zqxoutsidevars.example.nhs.uk.vpce.amazonaws.com"]);
  });

  it("values a refused variables file would set are unknown, not their defaults", () => {
    const { result } = run("tfvars-symlink");
    const record = result.estate.resources.find((resource) => resource.address === "aws_route53_record.leak");
    expect(String(record?.attributes.get("records")?.value)).not.toContain("example");
  });
});

describe.runIf(fifo)("special files", () => {
  it("FIFOs found in a directory, named by file() or as variables: warnings, no read, the scan goes on", () => {
    const { result, outputs } = run("special-file-fifo");
    expect(incomplete(result)).toEqual([
      `special-file special-file-fifo/db.zone:1:1 Not a regular file: ${special("special-file-fifo/db.zone")}`,
      `special-file special-file-fifo/main.tf:9:17 Not a regular file: ${special("./pipe.txt")}`,
      `special-file special-file-fifo/queue.tf:1:1 Not a regular file: ${special("special-file-fifo/queue.tf")}`,
      `special-file special-file-fifo/terraform.tfvars:1:1 Not a regular file: ${special("special-file-fifo/terraform.tfvars")}`,
    ]);
    expect(result.findings.some((finding) => finding.ruleId === "IFL-DNS-004")).toBe(true);
    expectNothingFromOutside(outputs);
  });

  it("a FIFO named on the command line", () => {
    expect(incomplete(run("special-file-fifo-named").result)).toEqual([
      `special-file special-file-fifo-named/pipe.tf:1:1 Not a regular file: ${special("special-file-fifo-named/pipe.tf")}`,
    ]);
  });

  it("a configuration file that is a FIFO is not read: a warning, and the scan goes on without it", () => {
    const hostile = estate.cases["special-file-fifo-config"];
    const loaded = loadConfig(undefined, hostile.path);
    expect(loaded.path).toBeUndefined();
    expect(loaded.warning).toMatch(/\.iflintrc\.json is not a regular file/);
    expect(run("special-file-fifo-config").result.findings.some((finding) => finding.ruleId === "IFL-ADDR-009")).toBe(
      true,
    );
  });
});

describe("pathological expressions end in unknowns with a note", () => {
  const notes = (result: ScanResult) => formatNotes(result.estate);

  it.each([
    [
      "string-doubling",
      'string-doubling/main.tf:13:9 evaluation error, value unknown: "${local.s10}${local.s10}": a string longer than 1048576 characters',
    ],
    [
      "nested-for-range",
      'nested-for-range/main.tf:2:10 evaluation error, value unknown: [for i in range(10000) : [for j in range(10000) : "${i}-${j}"]]: more than 1000000 elements in its lists and objects',
    ],
    [
      "regex-backtracking",
      "regex-backtracking/main.tf:9:13 evaluation error, value unknown: regex: pattern did not match any part of the given string",
    ],
    [
      "jsondecode-deep",
      "jsondecode-deep/main.tf:2:7 evaluation error, value unknown: jsondecode: nested more than 400 levels deep",
    ],
    [
      "yamldecode-deep",
      "yamldecode-deep/main.tf:2:7 evaluation error, value unknown: yamldecode: nested more than 400 levels deep",
    ],
  ])("%s", (name, note) => {
    expect(notes(run(name).result)).toContain(note);
  });

  it("setsubtract of two 100,000-element lists is computed (in linear time)", () => {
    const { result } = run("setsubtract-large");
    expect(result.findings.find((finding) => finding.ruleId === "IFL-ADDR-009")?.message).toContain(
      "points at a1.vpce.amazonaws.com",
    );
  });

  it("a module that calls itself with count is one diagnostic", () => {
    const { result } = run("module-self-count");
    expect(
      result.findings.filter((finding) => finding.category === "parse-error").map((finding) => finding.message),
    ).toEqual([
      'Module calls itself: Module "again" calls a module that is already calling it (./); Terraform rejects module cycles, and its instances are not evaluated.',
    ]);
  });
});

describe("documents nested 10,000 deep are one positioned diagnostic", () => {
  it.each([
    ["plan-json-deep", "plan-json-deep/plan.json:1:456"],
    ["terraform-json-deep", "terraform-json-deep/main.tf.json:1:414"],
    ["tfvars-json-deep", "tfvars-json-deep/terraform.tfvars.json:1:405"],
  ])("%s", (name, at) => {
    const { result } = run(name);
    expect(
      result.findings
        .filter((finding) => finding.message.startsWith("Nesting too deep"))
        .map((finding) => `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`),
    ).toEqual([at]);
  });

  it("HCL nested 10,000 deep is a parse error, not a crash", () => {
    expect(run("hcl-deep").result.findings.some((finding) => finding.category === "parse-error")).toBe(true);
  });
});

describe("configuration globs", () => {
  it("match in linear time: a privateZones glob made to backtrack against a long name", () => {
    const { result } = run("private-zone-glob");
    expect(result.estate.resources).toHaveLength(1);
    expect(matchesGlob(`${"a".repeat(100_000)}.example.nhs.uk`, "*a*a*a*a*a*a*a*a*a*b")).toBe(false);
  });

  it.each([
    ["modules/vpc/main.tf", "**/main.tf", true],
    ["main.tf", "**/main.tf", true],
    ["a/b/c.tf", "a/*.tf", false],
    ["a/b/c.tf", "a/**", true],
    ["A/B.TF", "a/?.tf", true],
    ["a/b", "a?b", false],
    ["internal.example.nhs.uk", "*.example.nhs.uk", true],
    ["x.internal.example.nhs.uk", "*.example.nhs.uk", true],
    ["example.nhs.uk", "*.example.nhs.uk", false],
  ])("%s against %s: %s", (text, glob, matches) => {
    expect(matchesGlob(text, glob)).toBe(matches);
  });
});
