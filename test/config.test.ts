/** The configuration file: found upward, validated against its schema, clear errors (exit 2). */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, starterConfig } from "../src/engine/config.js";
import { repoRoot } from "./support/rule-harness.js";

const bin = join(repoRoot, "dist", "src", "cli", "main.js");

function workspace(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "iflint-config-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(directory, name, ".."), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

describe("configuration", () => {
  it("is found from the scanned path upward, in JSON or YAML", () => {
    const directory = workspace({
      ".iflintrc.yaml": "failOn: warning\nrules:\n  IFL-DNS-003: off\n",
      "stacks/web/main.tf": "",
    });
    const loaded = loadConfig(undefined, join(directory, "stacks", "web"));
    expect(loaded.path).toBe(join(directory, ".iflintrc.yaml"));
    expect(loaded.config).toEqual({ failOn: "warning", rules: { "IFL-DNS-003": "off" } });
  });

  it("is validated, with the file, JSON path and what was expected", () => {
    const directory = workspace({ "iflint.config.json": JSON.stringify({ rules: { "IFL-TLS-001": "loud" } }) });
    expect(() => loadConfig(undefined, directory)).toThrow(
      `${join(directory, "iflint.config.json")}: /rules/IFL-TLS-001: must be one of "off", "note", "warning", "error"`,
    );
    const unknown = workspace({ "iflint.config.json": JSON.stringify({ colour: true }) });
    expect(() => loadConfig(undefined, unknown)).toThrow(/: \/: has an unknown setting "colour"/);
    const reasonless = workspace({
      "iflint.config.json": JSON.stringify({ ignores: [{ rule: "IFL-TLS-001", path: "*.tf" }] }),
    });
    expect(() => loadConfig(undefined, reasonless)).toThrow(/\/ignores\/0: must have required property 'reason'/);
  });

  it("declares private-network ranges and capacity, and a capacity needs a peak", () => {
    const good = {
      privateNetworkRanges: [{ cidr: "10.84.0.0/14", reason: "HSCN" }],
      capacity: [
        { resource: "aws_autoscaling_group.web", users: 4000, kbpsPerUser: 250 },
        { resource: "aws_api_gateway_stage.*", peakRequestsPerSecond: 300 },
      ],
    };
    expect(loadConfig(undefined, workspace({ "iflint.config.json": JSON.stringify(good) })).config).toEqual(good);
    const directory = workspace({
      "iflint.config.json": JSON.stringify({ capacity: [{ resource: "aws_instance.web", users: 10 }] }),
    });
    expect(() => loadConfig(undefined, directory)).toThrow(/capacity\/0/);
  });

  it("declares the organisation's private endpoints and national services already moved, checked against the catalogue", () => {
    const good = {
      privateEndpoints: [{ host: "*.trust.nhs.uk", reason: "only on the trust's HSCN-facing DNS" }],
      nationalServices: { "msg.int.spine2.ncrs.nhs.uk": "off", "*.ers.ncrs.nhs.uk": "off", "pds.ncrs.nhs.uk": "off" },
    };
    expect(loadConfig(undefined, workspace({ "iflint.config.json": JSON.stringify(good) })).config).toEqual(good);
    const reasonless = workspace({ "iflint.config.json": JSON.stringify({ privateEndpoints: [{ host: "a.b" }] }) });
    expect(() => loadConfig(undefined, reasonless)).toThrow(
      /\/privateEndpoints\/0: must have required property 'reason'/,
    );
    const notAHost = workspace({
      "iflint.config.json": JSON.stringify({ privateEndpoints: [{ host: "https://a.b/", reason: "x" }] }),
    });
    expect(() => loadConfig(undefined, notAHost)).toThrow(/\/privateEndpoints\/0\/host: must match pattern/);
    const on = workspace({ "iflint.config.json": JSON.stringify({ nationalServices: { "pds.ncrs.nhs.uk": "on" } }) });
    expect(() => loadConfig(undefined, on)).toThrow(/\/nationalServices\/pds.ncrs.nhs.uk: must be one of "off"/);
    const unknown = workspace({
      "iflint.config.json": JSON.stringify({ nationalServices: { "pacs.example-trust.nhs.uk": "off" } }),
    });
    expect(() => loadConfig(undefined, unknown)).toThrow(
      /\/nationalServices\/pacs.example-trust.nhs.uk: names no national service host iflint knows/,
    );
  });

  it("makes the CLI exit 2 with that message when invalid", () => {
    const directory = workspace({ "iflint.config.json": JSON.stringify({ failOn: "sometimes" }), "main.tf": "" });
    const run = spawnSync(process.execPath, [bin, "scan", "."], { cwd: directory, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "iflint: " +
        join(directory, "iflint.config.json") +
        ': /failOn: must be one of "error", "warning", "note", "never"',
    );
  });

  it("applies failOn and formats from the file", () => {
    const directory = workspace({
      "iflint.config.json": JSON.stringify({ failOn: "never", formats: ["json"] }),
      "main.tf": 'resource "aws_cloudfront_distribution" "a" {\n  enabled = true\n}\n',
    });
    const run = spawnSync(process.execPath, [bin, "scan", "."], { cwd: directory, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it("iflint init writes a starter that validates", () => {
    const directory = workspace({});
    const run = spawnSync(process.execPath, [bin, "init"], { cwd: directory, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(readFileSync(join(directory, "iflint.config.json"), "utf8")).toBe(starterConfig());
    expect(loadConfig(undefined, directory).config.failOn).toBe("error");
    expect(spawnSync(process.execPath, [bin, "init"], { cwd: directory, encoding: "utf8" }).status).toBe(2);
  });
});
