/** SARIF: valid against the OASIS 2.1.0 schema (ajv) and Microsoft's SARIF Multitool, and useful. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import AjvDraft04 from "ajv-draft-04";
import { scan, type ScanResult } from "../src/scan.js";
import { buildSarif, fingerprint, MAX_SARIF_RESULTS } from "../src/reporters/sarif.js";
import { repoRoot } from "./support/rule-harness.js";

const schema = JSON.parse(readFileSync(join(repoRoot, "data", "sarif-schema-2.1.0.json"), "utf8")) as object;
// ajv-draft-04 is CommonJS: its class is the module's `default` export.
type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv = (AjvDraft04 as unknown as { default: new (options: object) => { compile(schema: object): Validator } })
  .default;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const multitool = join(repoRoot, "node_modules", ".bin", "sarif-multitool");

interface Sarif {
  runs: {
    tool: {
      driver: {
        rules: {
          id: string;
          helpUri: string;
          relationships: { target: { id: string } }[];
          properties: { tags: string[] };
        }[];
      };
    };
    taxonomies: { name: string; taxa: { id: string }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      partialFingerprints: Record<string, string>;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; snippet: { text: string } };
        };
      }[];
      relatedLocations?: unknown[];
    }[];
    invocations: { toolExecutionNotifications: unknown[] }[];
  }[];
}

function examples(): ScanResult {
  return scan({ paths: [join(repoRoot, "examples", "nhs-trust")], cwd: repoRoot });
}

/** Schema errors and Multitool errors of a SARIF document; empty when valid. */
function validationErrors(sarif: object): string[] {
  const errors = validate(sarif)
    ? []
    : (validate.errors ?? []).map(
        (error: { instancePath: string; message?: string }) => `schema ${error.instancePath}: ${error.message}`,
      );
  const directory = mkdtempSync(join(tmpdir(), "iflint-sarif-"));
  const file = join(directory, "results.sarif");
  writeFileSync(file, JSON.stringify(sarif));
  const run = spawnSync(multitool, ["validate", file, "-o", join(directory, "validation.sarif")], { encoding: "utf8" });
  if (run.error) return [...errors, `multitool did not run: ${run.error.message}`];
  return [
    ...errors,
    ...`${run.stdout}${run.stderr}`
      .split("\n")
      .filter((line) => /: error [A-Z]+\d+/.test(line) || /\bERR\d+/.test(line)),
  ];
}

describe("SARIF report", () => {
  it("validation catches an invalid document (the validators run)", () => {
    expect(validationErrors({ version: "2.1.0", runs: [{ tool: {} }] }).length).toBeGreaterThan(0);
  });

  it("of the example estate is valid against the OASIS schema and the SARIF Multitool", () => {
    expect(validationErrors(buildSarif(examples(), { cwd: repoRoot }))).toEqual([]);
  });

  it("describes every rule once, with help, tags and relationships to the guidance taxonomy", () => {
    const result = examples();
    const run = (buildSarif(result, { cwd: repoRoot }) as Sarif).runs[0];
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(result.rules.map((rule) => rule.meta.id));
    const taxa = new Set(run.taxonomies[0].taxa.map((taxon) => taxon.id));
    expect(taxa.has("IF-C1-IP")).toBe(true);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(new RegExp(`docs/rules/${rule.id}\\.md$`));
      expect(rule.relationships.length).toBeGreaterThan(0);
      for (const relationship of rule.relationships) expect(taxa.has(relationship.target.id)).toBe(true);
    }
    const tls = run.tool.driver.rules.find((rule) => rule.id === "IFL-TLS-001");
    expect(tls?.properties.tags).toEqual(["tls", "GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"]);
  });

  it("gives each result its rule index, region, snippet and a fingerprint", () => {
    const run = (buildSarif(examples(), { cwd: repoRoot }) as Sarif).runs[0];
    expect(run.results).toHaveLength(33);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.partialFingerprints["iflintFingerprint/v1"]).toMatch(/^[0-9a-f]{32}$/);
    }
    const listener = run.results.find((result) => result.ruleId === "IFL-TLS-001");
    expect(listener?.locations[0].physicalLocation.region.startLine).toBe(27);
    expect(listener?.locations[0].physicalLocation.region.snippet.text).toContain('protocol          = "HTTP"');
  });

  it("keeps fingerprints when lines move, and changes them when the value changes", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-fingerprint-"));
    const write = (prefix: string, protocol: string) =>
      writeFileSync(
        join(directory, "main.tf"),
        `${prefix}resource "aws_lb" "a" {\n  name = "a"\n}\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = aws_lb.a.arn\n  protocol = "HTTP"\n  default_action {\n    type = "${protocol}"\n  }\n}\n`,
      );
    const prints = () =>
      scan({ paths: [directory], cwd: directory })
        .findings.filter((finding) => finding.ruleId === "IFL-TLS-001")
        .map(fingerprint);
    write("", "forward");
    const before = prints();
    write("# moved down\n\n\n", "forward");
    expect(prints()).toEqual(before);
    write("", "fixed-response");
    expect(prints()).not.toEqual(before);
  });

  it("gives the same rule, address and message in two root modules different fingerprints", () => {
    const result = scan({ paths: ["fixtures/fingerprint-roots"], cwd: repoRoot });
    const run = (buildSarif(result, { cwd: repoRoot }) as Sarif).runs[0];
    const waf = run.results.filter((item) => item.ruleId === "IFL-WAF-002");
    expect(waf.map((item) => item.locations[0].physicalLocation.artifactLocation.uri)).toEqual([
      "fixtures/fingerprint-roots/stack-a/main.tf",
      "fixtures/fingerprint-roots/stack-b/main.tf",
    ]);
    expect(waf[0].message.text).toBe(waf[1].message.text);
    const prints = run.results.map((item) => item.partialFingerprints["iflintFingerprint/v1"]);
    expect(prints).toHaveLength(8);
    expect(new Set(prints).size).toBe(8);
  });

  it(`caps results at ${MAX_SARIF_RESULTS} with a warning`, () => {
    const result = examples();
    const many = { ...result, findings: Array.from({ length: MAX_SARIF_RESULTS + 5 }, () => result.findings[0]) };
    const warnings: string[] = [];
    const run = (buildSarif(many, { cwd: repoRoot, warn: (message) => warnings.push(message) }) as Sarif).runs[0];
    expect(run.results).toHaveLength(MAX_SARIF_RESULTS);
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1);
    expect(warnings[0]).toMatch(/25000 of 25005/);
  });

  it("includes parse errors with a descriptor of their own", () => {
    const directory = mkdtempSync(join(tmpdir(), "iflint-sarif-parse-"));
    writeFileSync(join(directory, "bad.tf"), 'resource "aws_lb" "x" {\n  name = \n}\n');
    const sarif = buildSarif(scan({ paths: [directory], cwd: directory }), { cwd: directory }) as Sarif;
    // The block still parses as far as it goes, so rules run on it too.
    expect(sarif.runs[0].results.map((result) => result.ruleId)).toContain("parse-error");
    expect(validationErrors(sarif)).toEqual([]);
  });
});
