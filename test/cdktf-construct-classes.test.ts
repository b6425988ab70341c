/**
 * CDKTF as people write it: a construct class (WebService) instantiated with different props, in a
 * loop over a static array, and nested in another class (Platform). Ground truth: the fixture app
 * is synthesized in-process with the real `cdktf` and with CDK Terrain (`cdktn`), and scanning its
 * TypeScript must give the same resources and findings as scanning what synthesis wrote, at the
 * TypeScript positions.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/engine/finding.js";

const repoRoot = resolve(import.meta.dirname, "..");
const fixture = join(repoRoot, "fixtures/cdktf/web-services");

type Stack = new (scope: unknown, id: string) => unknown;
type AppClass = new (options: { outdir: string }) => { synth(): void };

const addresses = (result: ReturnType<typeof scan>) =>
  [...result.estate.resources, ...result.estate.dataSources].map((resource) => resource.address).sort();
const findingKeys = (result: ReturnType<typeof scan>) =>
  result.findings
    .filter((finding) => !finding.suppressed)
    .map((finding) => `${finding.ruleId} ${finding.resource}`)
    .sort();

function at(finding: Finding): string {
  return `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`;
}

/** The fixture's TypeScript rewritten for CDK Terrain: `cdktn` and `@cdktn/provider-aws`. */
function forkForTerrain(into: string): void {
  for (const entry of readdirSync(fixture, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(into, relative(fixture, from));
    mkdirSync(join(to, ".."), { recursive: true });
    const text = readFileSync(from, "utf8");
    writeFileSync(to, text.replace(/(["'])cdktf\1/g, '"cdktn"').replace(/@cdktf\//g, "@cdktn/"));
  }
}

describe("construct classes read per instantiation, against their own synthesis", () => {
  let work: string;
  const synthesized = { cdktf: "", cdktn: "" };
  let terrain: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "iflint-construct-classes-"));
    // Each synthesis alone in a directory, so the JSON is scanned without the TypeScript beside it.
    synthesized.cdktf = join(work, "cdktf-synth");
    mkdirSync(synthesized.cdktf);
    const { ServicesStack } = (await import(join(fixture, "stack.ts"))) as { ServicesStack: Stack };
    const { App } = (await import("cdktf")) as unknown as { App: AppClass };
    const app = new App({ outdir: join(synthesized.cdktf, "cdktf.out") });
    new ServicesStack(app, "services");
    app.synth();

    // CDK Terrain: the same app importing cdktn, resolved through the repository's node_modules.
    terrain = join(work, "terrain", "project");
    forkForTerrain(terrain);
    symlinkSync(join(repoRoot, "node_modules"), join(work, "terrain", "node_modules"));
    synthesized.cdktn = join(work, "cdktn-synth");
    mkdirSync(synthesized.cdktn);
    const forked = (await import(join(terrain, "stack.ts"))) as { ServicesStack: Stack };
    const terrainLib = (await import(join(repoRoot, "node_modules/cdktn/lib/index.js"))) as unknown as {
      App: AppClass;
    };
    const terrainApp = new terrainLib.App({ outdir: join(synthesized.cdktn, "cdktf.out") });
    new forked.ServicesStack(terrainApp, "services");
    terrainApp.synth();
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("the TypeScript gives the same resources and findings (rule, address) as the cdktf synthesis", () => {
    const typescript = scan({ paths: ["."], cwd: fixture });
    const json = scan({ paths: ["."], cwd: synthesized.cdktf });
    expect(typescript.findings.filter((finding) => finding.category === "parse-error")).toEqual([]);
    expect(addresses(typescript)).toEqual(addresses(json));
    expect(addresses(typescript).length).toBe(29);
    expect(findingKeys(typescript)).toEqual(findingKeys(json));
  });

  it("the CDK Terrain TypeScript gives the same resources and findings as the cdktn synthesis", () => {
    const typescript = scan({ paths: ["."], cwd: terrain });
    const json = scan({ paths: ["."], cwd: synthesized.cdktn });
    expect(addresses(typescript)).toEqual(addresses(json));
    expect(findingKeys(typescript)).toEqual(findingKeys(json));
    expect(findingKeys(typescript)).toEqual(findingKeys(scan({ paths: ["."], cwd: fixture })));
  });

  it("places each finding at the TypeScript: inside the class, or at the prop given straight", () => {
    const result = scan({ paths: ["."], cwd: fixture });
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.resource} ${at(finding)}`)).toEqual(EXPECTED);
  });

  it("relates a finding to the instantiation that made the construct, and traces the prop that decided it", () => {
    const result = scan({ paths: ["."], cwd: fixture });
    const waf = result.findings.find((finding) => finding.ruleId === "IFL-WAF-001");
    expect(waf?.related.map((related) => `${related.range.file.path}:${related.range.start.line}`)).toEqual([
      "stack.ts:24",
    ]);
    const tls = result.findings.find((finding) => finding.ruleId === "IFL-TLS-002");
    expect(tls && at(tls)).toBe("constructs/web-service.ts:50:18");
    expect(
      tls?.trace.map((step) => `${step.range.file.path}:${step.range.start.line}:${step.range.start.column}`),
    ).toEqual(["stack.ts:28:84"]);
    expect(tls?.trace[0].message).toContain('props.tlsPolicy given to portal = "ELBSecurityPolicy-2016-08"');
  });

  it("reports each construct once, at the TypeScript, when the project holds its synthesis too", () => {
    const project = join(work, "with-synth");
    cpSync(fixture, project, { recursive: true });
    cpSync(join(synthesized.cdktf, "cdktf.out"), join(project, "cdktf.out"), { recursive: true });
    const result = scan({ paths: ["."], cwd: project });
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.resource} ${at(finding)}`)).toEqual(EXPECTED);
    expect(result.estate.resources.length).toBe(29);
  });

  it("a synthesis belongs only to its own project: two copies side by side, one synthesized, scanned from their parent", () => {
    const parent = join(work, "side-by-side");
    cpSync(fixture, join(parent, "synthesized"), { recursive: true });
    cpSync(join(synthesized.cdktf, "cdktf.out"), join(parent, "synthesized", "cdktf.out"), { recursive: true });
    cpSync(fixture, join(parent, "source-only"), { recursive: true });
    rmSync(join(parent, "source-only", "cdktf.json"));
    const shown = (result: ReturnType<typeof scan>) =>
      result.findings.map((finding) => `${finding.ruleId} ${finding.resource} ${at(finding)}`);
    const together = scan({ paths: ["."], cwd: parent });
    expect(shown(together)).toEqual([
      ...EXPECTED.map((line) => line.replace(/ (\S+)$/, " source-only/$1")),
      ...EXPECTED.map((line) => line.replace(/ (\S+)$/, " synthesized/$1")),
    ]);
    expect(together.estate.resources.length).toBe(58);
    for (const project of ["synthesized", "source-only"])
      expect(shown(scan({ paths: ["."], cwd: join(parent, project) }))).toEqual(EXPECTED);
  });
});

/** Checked by hand against the fixture: the WebService without WAF, its plain-HTTP listener, the legacy TLS policy given to "portal", the ACL. */
const EXPECTED = [
  "IFL-WAF-001 aws_lb.feature-flags_alb_D7D9A82C constructs/web-service.ts:24:15",
  "IFL-TLS-001 aws_lb_listener.feature-flags_http_29C083CB constructs/web-service.ts:38:17",
  "IFL-TLS-002 aws_lb_listener.portal_https_CE2168E1 constructs/web-service.ts:50:18",
  "IFL-WAF-007 aws_wafv2_web_acl.edge-acl stack.ts:16:17",
  "IFL-WAF-007 aws_wafv2_web_acl.edge-acl stack.ts:16:17",
  "IFL-WAF-008 aws_wafv2_web_acl.edge-acl stack.ts:16:17",
];
