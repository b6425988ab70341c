/**
 * CDKTF input. Ground truth: the fixture app is synthesized in-process with the real `cdktf` and
 * `@cdktf/provider-aws` (deep imports), and scanning its TypeScript statically must give the same
 * resources and findings as scanning what synthesis wrote, at the TypeScript positions.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import type { Finding } from "../src/engine/finding.js";
import { buildRegister } from "../src/register/build-register.js";

const repoRoot = resolve(import.meta.dirname, "..");
const portal = join(repoRoot, "fixtures/cdktf/portal");

interface Seen {
  rule: string;
  resource?: string;
  at: string;
}

function seen(findings: readonly Finding[]): Seen[] {
  return findings
    .filter((finding) => !finding.suppressed)
    .map((finding) => ({
      rule: finding.ruleId,
      resource: finding.resource,
      at: `${finding.range.file.path.split("/").pop()}:${finding.range.start.line}:${finding.range.start.column}`,
    }));
}

/** What the portal fixture's TypeScript gives, checked by hand against stack.ts. */
const PORTAL_FINDINGS: Seen[] = [
  { rule: "IFL-TLS-001", resource: "aws_lb_listener.http", at: "stack.ts:40:17" },
  { rule: "IFL-TLS-002", resource: "aws_lb_listener.https", at: "stack.ts:48:18" },
  { rule: "IFL-WAF-007", resource: "aws_wafv2_web_acl.portal-acl", at: "stack.ts:53:17" },
  { rule: "IFL-WAF-008", resource: "aws_wafv2_web_acl.portal-acl", at: "stack.ts:53:17" },
  { rule: "IFL-DNS-002", resource: "aws_route53_zone.public-zone", at: "stack.ts:75:18" },
  { rule: "IFL-DNS-004", resource: "aws_route53_zone.public-zone", at: "stack.ts:75:18" },
  { rule: "IFL-ADDR-001", resource: "aws_route53_record.api-record", at: "stack.ts:82:17" },
  { rule: "IFL-BW-001", resource: "aws_vpn_connection.hscn-vpn", at: "stack.ts:85:5" },
  { rule: "IFL-EXP-002", resource: "aws_vpn_connection.hscn-vpn", at: "stack.ts:85:5" },
];

describe("CDKTF TypeScript against its own synthesis", () => {
  let work: string;
  let project: string;
  let bare: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "iflint-cdktf-"));
    project = join(work, "project");
    bare = join(work, "bare");
    mkdirSync(bare);
    cpSync(portal, project, { recursive: true });
    // The stack module is imported by path at run time, so the type check does not follow it.
    const stackModule = join(portal, "stack.ts");
    const { PortalStack } = (await import(stackModule)) as { PortalStack: new (scope: unknown, id: string) => unknown };
    const { App } = await import("cdktf");
    for (const outdir of [join(project, "cdktf.out"), join(bare, "cdktf.out")]) {
      const app = new App({ outdir });
      new PortalStack(app, "portal");
      app.synth();
    }
  }, 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const scanAt = (paths: string[], cwd: string) => scan({ paths, cwd });

  it("the TypeScript alone gives the expected findings at the property or construct", () => {
    const result = scanAt(["."], portal);
    expect(result.findings.filter((finding) => finding.category === "parse-error")).toEqual([]);
    expect(seen(result.findings)).toEqual(PORTAL_FINDINGS);
  });

  it("gives the same resources and findings (rule, resource) as the synthesized JSON", () => {
    const typescript = scanAt(["."], portal);
    const synthesized = scanAt(["."], bare);
    const addresses = (result: ReturnType<typeof scan>) =>
      [...result.estate.resources, ...result.estate.dataSources].map((resource) => resource.address).sort();
    expect(addresses(typescript)).toEqual(addresses(synthesized));
    const key = (finding: Finding) => `${finding.ruleId} ${finding.resource}`;
    expect(typescript.findings.map(key).sort()).toEqual(synthesized.findings.map(key).sort());
    // Without the project source beside it, the JSON is where findings are.
    expect(synthesized.findings.every((finding) => finding.range.file.path.endsWith("cdk.tf.json"))).toBe(true);
  });

  it("places findings on the synthesized JSON at the TypeScript, with the JSON as related location", () => {
    const result = scanAt(["cdktf.out"], project);
    expect(seen(result.findings)).toEqual(PORTAL_FINDINGS);
    for (const finding of result.findings)
      expect(finding.related.map((related) => related.range.file.path)).toContain(
        "cdktf.out/stacks/portal/cdk.tf.json",
      );
    // The TypeScript was read only to place findings: it is not scanned as well.
    expect(result.estate.resources.every((resource) => resource.input === "cdktf")).toBe(true);
  });

  it("never crashes on mangled synthesized JSON (Checkov and Trivy users report crashes here)", () => {
    const original = JSON.parse(readFileSync(join(bare, "cdktf.out/stacks/portal/cdk.tf.json"), "utf8")) as unknown;
    const replacements: unknown[] = [
      null,
      0,
      "",
      "${",
      "${aws_lb.missing.arn}",
      [],
      {},
      [null],
      { "//": 1 },
      true,
      "${var.x[",
      [[{}]],
    ];
    let seed = 7;
    const next = (limit: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % limit;
    const mangle = (value: unknown, depth: number): unknown => {
      if (depth > 0 && next(6) === 0) return replacements[next(replacements.length)];
      if (Array.isArray(value)) return value.map((item) => mangle(item, depth + 1));
      if (value && typeof value === "object")
        return Object.fromEntries(
          Object.entries(value).map(([key, item]) => [next(20) === 0 ? "//" : key, mangle(item, depth + 1)]),
        );
      return value;
    };
    const stacks = join(work, "mangled/cdktf.out/stacks/portal");
    mkdirSync(stacks, { recursive: true });
    for (let round = 0; round < 40; round++) {
      writeFileSync(join(stacks, "cdk.tf.json"), JSON.stringify(mangle(original, 0), null, 2));
      const result = scanAt(["."], join(work, "mangled"));
      expect(result.findings.filter((finding) => finding.category === "internal-error")).toEqual([]);
    }
  });

  it("reports each construct once when the scan holds both forms", () => {
    const result = scanAt(["."], project);
    expect(seen(result.findings)).toEqual(PORTAL_FINDINGS);
    expect(result.estate.resources.length).toBe(9);
  });
});

/**
 * A project of one stack class (`Web`) with the given provider-aws bindings (by module) and
 * constructor lines (after `super`), written to a fresh directory; each finding as rule, resource
 * and certainty.
 */
function webStackFindings(bindings: Record<string, string>, preamble: string[], body: string[]): string[] {
  return webStack(bindings, preamble, body).findings.map(
    (finding) => `${finding.ruleId} ${finding.resource} ${finding.certainty}`,
  );
}

/**
 * The same project scanned (main.ts's lines: the imports, one per binding, then `preamble`, then
 * the class), with `files` written beside it.
 */
function webStack(
  bindings: Record<string, string>,
  preamble: string[],
  body: string[],
  files: Record<string, string> = {},
): ReturnType<typeof scan> {
  const work = mkdtempSync(join(tmpdir(), "iflint-ts-web-stack-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  writeFileSync(
    join(work, "main.ts"),
    [
      'import { TerraformStack } from "cdktf";',
      'import { Construct } from "constructs";',
      ...Object.entries(bindings).map(
        ([module, name]) => `import { ${name} } from "@cdktf/provider-aws/lib/${module}";`,
      ),
      ...preamble,
      "export class Web extends TerraformStack {",
      "  constructor(scope: Construct, id: string) {",
      "    super(scope, id);",
      ...body.map((line) => `    ${line}`),
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  return scan({ paths: [work], cwd: work });
}

/** A finding as rule, resource, certainty and line:column in main.ts. */
const placed = (finding: Finding) =>
  `${finding.ruleId} ${finding.resource} ${finding.certainty} ${finding.range.start.line}:${finding.range.start.column}`;

describe("CDKTF TypeScript read statically", () => {
  const styles = join(repoRoot, "fixtures/cdktf/import-styles");

  it("finds constructs however imported; unknown values give no findings; // iflint-ignore works", () => {
    const result = scan({ paths: ["."], cwd: styles });
    expect(seen(result.findings)).toEqual([
      { rule: "IFL-WAF-001", resource: "aws_lb.weblb", at: "main.ts:22:15" },
      { rule: "IFL-TLS-001", resource: "aws_lb_listener.plain", at: "main.ts:28:17" },
    ]);
    const types = result.estate.resources.map((resource) => resource.address).sort();
    expect(types).toEqual([
      "aws_lb.weblb",
      "aws_lb_listener.ignored",
      "aws_lb_listener.plain",
      "aws_lb_listener.runtime",
      "aws_lb_listener.spread",
    ]);
    expect(result.findings.filter((finding) => finding.suppressed).map((finding) => finding.resource)).toEqual([
      "aws_lb_listener.ignored",
    ]);
  });

  it("reads CDK Terrain (cdktn, @cdktn/provider-*) exactly like CDKTF", () => {
    const fork = mkdtempSync(join(tmpdir(), "iflint-cdktn-"));
    try {
      const source = readFileSync(join(styles, "main.ts"), "utf8");
      const forked = source.replace(/(["'])cdktf\1/g, '"cdktn"').replace(/@cdktf\//g, "@cdktn/");
      expect(forked).not.toMatch(/cdktf/);
      writeFileSync(join(fork, "main.ts"), forked);
      const result = scan({ paths: ["."], cwd: fork });
      expect(seen(result.findings)).toEqual([
        { rule: "IFL-WAF-001", resource: "aws_lb.weblb", at: "main.ts:22:15" },
        { rule: "IFL-TLS-001", resource: "aws_lb_listener.plain", at: "main.ts:28:17" },
      ]);
      expect(result.estate.resources.length).toBe(5);
    } finally {
      rmSync(fork, { recursive: true, force: true });
    }
  });

  it("carries references and unknowns into the model", () => {
    const result = scan({ paths: ["."], cwd: styles });
    const listener = (name: string) =>
      result.estate.resources.find((resource) => resource.address === `aws_lb_listener.${name}`);
    const lb = result.estate.resources.find((resource) => resource.resourceType === "aws_lb");
    expect(lb && result.estate.refersTo(listener("plain")?.value("load_balancer_arn"), lb)).toBe(true);
    expect(listener("runtime")?.value("ssl_policy")).toMatchObject({ reason: expect.stringContaining("Fn.lookup") });
    // A prop is the value the instantiation gives, placed where it is given.
    const certificate = listener("runtime")?.attribute("certificate_arn");
    expect(certificate?.value).toBe("arn:aws:acm:eu-west-2:111122223333:certificate/web");
    expect(`${certificate?.valueRange.file.path}:${certificate?.valueRange.start.line}`).toBe("main.ts:59");
    // A spread of the props: the members the instantiation gives, and nothing else.
    expect(listener("spread")?.value("certificate_arn")).toBe("arn:aws:acm:eu-west-2:111122223333:certificate/web");
    expect(listener("spread")?.value("protocol")).toBeUndefined();
    expect(listener("spread")?.value("port")).toBe(8443);
  });

  it("a TypeScript syntax error is a diagnostic at its line, and the scan goes on", () => {
    const result = scan({ paths: ["broken", "portal"], cwd: join(repoRoot, "fixtures/cdktf") });
    const errors = result.findings.filter((finding) => finding.category === "parse-error");
    expect(
      errors.map((finding) => `${finding.range.file.path}:${finding.range.start.line} ${finding.message}`),
    ).toEqual(["broken/main.ts:8 Invalid TypeScript: ',' expected."]);
    expect(result.findings.filter((finding) => finding.ruleId === "IFL-TLS-001").length).toBe(1);
  });

  it("places every instance of a component class on its one construct in the TypeScript", () => {
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-component-"));
    writeFileSync(join(work, "cdktf.json"), '{ "language": "typescript", "app": "npx ts-node main.ts" }');
    writeFileSync(
      join(work, "main.ts"),
      [
        'import { Construct } from "constructs";',
        'import { TerraformStack } from "cdktf";',
        'import { Lb } from "@cdktf/provider-aws/lib/lb";',
        "class Front extends Construct {",
        "  constructor(scope: Construct, id: string, internal: boolean) {",
        "    super(scope, id);",
        '    new Lb(this, "lb", { internal });',
        "  }",
        "}",
        "export class Edge extends TerraformStack {",
        "  constructor(scope: Construct, id: string) {",
        "    super(scope, id);",
        '    new Front(this, "public", false);',
        '    new Front(this, "private", true);',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    mkdirSync(join(work, "cdktf.out", "stacks", "edge"), { recursive: true });
    const lb = (path: string, internal: boolean) => ({
      "//": { metadata: { path, uniqueId: path.replace(/\//g, "_") } },
      internal,
    });
    writeFileSync(
      join(work, "cdktf.out", "stacks", "edge", "cdk.tf.json"),
      JSON.stringify(
        {
          resource: {
            aws_lb: { private_lb_B2: lb("edge/private/lb", true), public_lb_A1: lb("edge/public/lb", false) },
          },
        },
        null,
        2,
      ),
    );
    const result = scan({ paths: [work], cwd: work, rules: [findRule("IFL-WAF-001")!] });
    expect(
      result.findings.map((finding) => `${finding.resource} ${finding.range.file.path}:${finding.range.start.line}`),
    ).toEqual(["aws_lb.public_lb_A1 main.ts:7"]);
  });

  it("does not take a getter, spread arguments or a construct made conditionally as certain", () => {
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-odd-"));
    writeFileSync(
      join(work, "main.ts"),
      [
        'import { TerraformStack } from "cdktf";',
        'import { Lb } from "@cdktf/provider-aws/lib/lb";',
        "const args: any[] = [];",
        "export class S extends TerraformStack {",
        "  constructor(scope: any, id: string) {",
        "    super(scope, id);",
        '    new Lb(this, "getter", { get internal() { return true; } });',
        "    new Lb(...args);",
        "    if (process.env.LEGACY) {",
        '      new Lb(this, "maybe", { internal: false });',
        "    }",
        '    ["a", "b"].map((name) => new Lb(this, `each-${name}`, { internal: false }));',
        '    new Lb(this, "always", { internal: false });',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const result = scan({ paths: [work], cwd: work, rules: [findRule("IFL-WAF-001")!] });
    // The array is static: one load balancer per element, each certain.
    expect(result.findings.map((finding) => [finding.resource, finding.range.start.line, finding.certainty])).toEqual([
      ["aws_lb.maybe", 10, "conditional"],
      ["aws_lb.each-a", 12, "definite"],
      ["aws_lb.each-b", 12, "definite"],
      ["aws_lb.always", 13, "definite"],
    ]);
  });

  it("reads provider-aws 10 service namespaces (elb.Lb, vpc.SecurityGroup) by their class", () => {
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-namespaces-"));
    writeFileSync(
      join(work, "main.ts"),
      'import { TerraformStack } from "cdktf";\nimport { elb, vpc } from "@cdktf/provider-aws";\nexport class Old extends TerraformStack {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n    const sg = new vpc.SecurityGroup(this, "sg", {});\n    new elb.Lb(this, "alb", { internal: false, securityGroups: [sg.id] });\n    new elb.Elb(this, "classic", { internal: true });\n  }\n}\n',
    );
    const result = scan({ paths: [work], cwd: work, rules: [] });
    expect(result.estate.resources.map((resource) => resource.address)).toEqual([
      "aws_security_group.sg",
      "aws_lb.alb",
      "aws_elb.classic",
    ]);
  });

  it("a construct's attribute passed through a const, a prop or a function argument is still a reference to it", () => {
    const findings = webStackFindings(
      { lb: "Lb", "lb-listener": "LbListener", "wafv2-web-acl-association": "Wafv2WebAclAssociation" },
      [
        "function listen(scope: Construct, id: string, lbArn: string) {",
        '  new LbListener(scope, id, { loadBalancerArn: lbArn, port: 80, protocol: "HTTP", defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] });',
        "}",
      ],
      [
        'const web = new Lb(this, "web", { internal: false, loadBalancerType: "application" });',
        'const other = new Lb(this, "other", { internal: false, loadBalancerType: "application" });',
        "const arn = web.arn;",
        'new Wafv2WebAclAssociation(this, "protect", { resourceArn: arn, webAclArn: "arn:aws:wafv2:acl" });',
        'listen(this, "http", other.arn);',
      ],
    );
    // No listener "id" either: the function is read with the call's arguments, not also on its own.
    expect(findings).toEqual(["IFL-TLS-001 aws_lb_listener.http definite", "IFL-WAF-001 aws_lb.other definite"]);
  });

  it("a spread of an undecided cond ? {...} : {...} leaves unknown only the keys either side sets", () => {
    const findings = webStackFindings(
      { lb: "Lb", "lb-listener": "LbListener" },
      [],
      [
        'const web = new Lb(this, "web", { internal: false, loadBalancerType: "application" });',
        'new LbListener(this, "http", { ...(process.env.TAGGED ? { tags: { team: "web" } } : {}), loadBalancerArn: web.arn, port: 80, protocol: "HTTP", defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] });',
        'new LbListener(this, "https", { loadBalancerArn: web.arn, port: 443, protocol: "HTTPS", certificateArn: "arn:cert", defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }], ...(process.env.OLD ? { sslPolicy: "ELBSecurityPolicy-TLS-1-0-2015-04" } : {}) });',
      ],
    );
    // The HTTP listener is judged on its other props; the HTTPS one's policy is not known, so not reported.
    expect(findings).toEqual(["IFL-WAF-001 aws_lb.web definite", "IFL-TLS-001 aws_lb_listener.http definite"]);
  });

  it("evaluates `in` on a static object or an element of a static array, and leaves it undecided on a runtime value", () => {
    const result = webStack(
      { lb: "Lb", "lb-listener": "LbListener" },
      [
        "const LISTENERS = [",
        '  { name: "web", port: 80, protocol: "HTTP" },',
        '  { name: "tls", port: 443, protocol: "HTTPS", policy: "ELBSecurityPolicy-TLS-1-0-2015-04" },',
        "] as const;",
        'const extra: { tags?: Record<string, string> } = { tags: { team: "web" } };',
        'const runtime: { sslPolicy?: string } = JSON.parse(process.env.LISTENER ?? "{}");',
      ],
      [
        'const web = new Lb(this, "web", { internal: false, loadBalancerType: "application" });',
        "for (const l of LISTENERS)",
        '  new LbListener(this, l.name, { loadBalancerArn: web.arn, port: l.port, protocol: l.protocol, ...("policy" in l ? { sslPolicy: l.policy, certificateArn: "arn:cert" } : {}), defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] });',
        'new LbListener(this, "tagged", { loadBalancerArn: web.arn, port: 8443, protocol: "HTTPS", certificateArn: "arn:cert", sslPolicy: "tags" in extra && !("toString" in extra) ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : "ELBSecurityPolicy-2016-08", defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] });',
        'new LbListener(this, "runtime", { loadBalancerArn: web.arn, port: 9443, protocol: "HTTPS", certificateArn: "arn:cert", sslPolicy: "sslPolicy" in runtime ? runtime.sslPolicy : "ELBSecurityPolicy-2016-08", defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] });',
      ],
    );
    // The TLS listener's policy comes from the element that has one (a loop element's values are
    // shown where the element is written); "toString" is inherited, so the tagged listener gets
    // the 2016 policy; the runtime object decides nothing.
    expect(result.findings.map(placed)).toEqual([
      "IFL-TLS-001 aws_lb_listener.web definite 6:38",
      "IFL-TLS-002 aws_lb_listener.tls definite 7:56",
      "IFL-WAF-001 aws_lb.web definite 14:17",
      "IFL-TLS-002 aws_lb_listener.tagged definite 17:218",
    ]);
  });

  it("places a finding about a prop a local object literal supplies at the property in that literal", () => {
    const result = webStack(
      { lb: "Lb", "lb-listener": "LbListener", "cloudfront-distribution": "CloudfrontDistribution" },
      [],
      [
        'const web = new Lb(this, "web", { internal: false, loadBalancerType: "application" });',
        "const listener = {",
        "  loadBalancerArn: web.arn,",
        "  port: 80,",
        '  protocol: "HTTP",',
        '  defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }],',
        "};",
        'new LbListener(this, "given", listener);',
        'new LbListener(this, "spread", { ...listener, port: 81 });',
        'const proto = "HTTP";',
        'new LbListener(this, "scalar", { ...listener, port: 82, protocol: proto });',
        'const images = { pathPattern: "/img/*", allowedMethods: ["GET"], cachedMethods: ["GET"], targetOriginId: "app", viewerProtocolPolicy: "allow-all" };',
        "const cdn = {",
        "  enabled: true,",
        '  origin: [{ domainName: "app.example.org", originId: "app", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],',
        '  defaultCacheBehavior: { allowedMethods: ["GET"], cachedMethods: ["GET"], targetOriginId: "app", viewerProtocolPolicy: "redirect-to-https" },',
        "  orderedCacheBehavior: [images],",
        '  restrictions: { geoRestriction: { restrictionType: "none" } },',
        '  viewerCertificate: { acmCertificateArn: "arn:cert", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },',
        '  webAclId: "arn:aws:wafv2:acl",',
        "};",
        'new CloudfrontDistribution(this, "cdn", { ...cdn });',
      ],
    );
    // At `protocol: "HTTP"` in the const (given whole or spread), at `proto` where a scalar const
    // is used, at `"allow-all"` in the behaviour's const, at `defaultCacheBehavior` in the cdn's.
    expect(result.findings.map(placed)).toEqual([
      "IFL-WAF-001 aws_lb.web definite 9:17",
      "IFL-TLS-001 aws_lb_listener.given definite 13:17",
      "IFL-TLS-001 aws_lb_listener.spread definite 13:17",
      "IFL-TLS-001 aws_lb_listener.scalar definite 19:71",
      "IFL-TLS-003 aws_cloudfront_distribution.cdn definite 20:139",
      "IFL-TLS-016 aws_cloudfront_distribution.cdn definite 24:7",
    ]);
  });

  it("a construct after an undecided early return, or made by a call under an undecided if, is conditional; alternatives share one address", () => {
    const result = webStack(
      { lb: "Lb", "cloudfront-distribution": "CloudfrontDistribution" },
      [
        "const base = {",
        "  enabled: true,",
        '  origin: [{ domainName: "app.example.org", originId: "app", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],',
        '  defaultCacheBehavior: { allowedMethods: ["GET"], cachedMethods: ["GET"], targetOriginId: "app", viewerProtocolPolicy: "redirect-to-https" },',
        '  restrictions: { geoRestriction: { restrictionType: "none" } },',
        '  viewerCertificate: { acmCertificateArn: "arn:cert", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },',
        "};",
        "function makeCdn(scope: Construct, id: string, acl: string | undefined) {",
        "  if (acl) return new CloudfrontDistribution(scope, id, { ...base, webAclId: acl });",
        "  return new CloudfrontDistribution(scope, id, base);",
        "}",
        "function publicLb(scope: Construct, id: string, skip = false) {",
        "  if (skip) return;",
        '  new Lb(scope, id, { internal: false, loadBalancerType: "application" });',
        "}",
        "class Edge extends Construct {",
        "  addLegacy() {",
        '    publicLb(this, "legacy");',
        "  }",
        "}",
        "class Synth {",
        "  constructor(scope: Construct) {",
        '    publicLb(scope, "made");',
        "  }",
        "}",
      ],
      [
        'makeCdn(this, "main", process.env.WAF_ACL_ARN);',
        'makeCdn(this, "protected", "arn:aws:wafv2:acl");',
        'publicLb(this, "kept", false);',
        'publicLb(this, "skipped", true);',
        'if (process.env.PREVIEW) publicLb(this, "preview");',
        'const edge = new Edge(this, "edge");',
        "if (process.env.LEGACY) edge.addLegacy();",
        "new Synth(this);",
        "if (process.env.SKIP) return;",
        'publicLb(this, "after");',
      ],
    );
    // "skipped" returns first: never made. The two ways of making "main" are one construct.
    expect(result.estate.resources.map((resource) => `${resource.address} ${resource.existence ?? "certain"}`)).toEqual(
      [
        "aws_cloudfront_distribution.main unknown",
        "aws_cloudfront_distribution.main unknown",
        "aws_cloudfront_distribution.protected certain",
        "aws_lb.kept certain",
        "aws_lb.preview unknown",
        "aws_lb.edge_legacy_FB38B2EA unknown",
        "aws_lb.made certain",
        "aws_lb.after unknown",
      ],
    );
    // The distributions' shared default cache behaviour is one finding for "main", not one per way of making it.
    expect(result.findings.map(placed)).toEqual([
      "IFL-TLS-016 aws_cloudfront_distribution.main conditional 8:3",
      "IFL-TLS-016 aws_cloudfront_distribution.protected definite 8:3",
      "IFL-WAF-002 aws_cloudfront_distribution.main conditional 14:10",
      "IFL-WAF-001 aws_lb.kept definite 18:3",
      "IFL-WAF-001 aws_lb.preview conditional 18:3",
      "IFL-WAF-001 aws_lb.edge_legacy_FB38B2EA conditional 18:3",
      "IFL-WAF-001 aws_lb.made definite 18:3",
      "IFL-WAF-001 aws_lb.after conditional 18:3",
    ]);
    const undecided = "holds only if the construct is made, which depends on TypeScript iflint cannot decide:";
    expect(result.findings.map((finding) => finding.certaintyReason)).toEqual([
      `${undecided} \`if (acl)\` (main.ts:13)`,
      undefined,
      `${undecided} \`if (acl) return new CloudfrontDistribution(scope, id, { ...…\` (main.ts:13)`,
      undefined,
      `${undecided} \`if (process.env.PREVIEW)\` (main.ts:37)`,
      `${undecided} \`if (process.env.LEGACY)\` (main.ts:39)`,
      undefined,
      `${undecided} \`if (process.env.SKIP) return;\` (main.ts:41)`,
    ]);
    // Each at the call that makes the construct; each way of making "main" names the other.
    expect(
      result.findings.map((finding) =>
        finding.related.map(
          (related) => `${related.range.start.line}:${related.range.start.column} ${related.message}`,
        ),
      ),
    ).toEqual([
      [
        '33:5 aws_cloudfront_distribution.main is made by makeCdn(this, "main", process.env.WAF_ACL_ARN)',
        "14:10 aws_cloudfront_distribution.main may be made here instead (one id, so CDKTF makes at most one of them)",
      ],
      ['34:5 aws_cloudfront_distribution.protected is made by makeCdn(this, "protected", "arn:aws:wafv2:acl")'],
      [
        '33:5 aws_cloudfront_distribution.main is made by makeCdn(this, "main", process.env.WAF_ACL_ARN)',
        "13:19 aws_cloudfront_distribution.main may be made here instead (one id, so CDKTF makes at most one of them)",
      ],
      ['35:5 aws_lb.kept is made by publicLb(this, "kept", false)'],
      ['37:30 aws_lb.preview is made by publicLb(this, "preview")'],
      [
        "39:29 aws_lb.edge_legacy_FB38B2EA is made by edge.addLegacy()",
        '22:5 aws_lb.edge_legacy_FB38B2EA is made by publicLb(this, "legacy")',
      ],
      ["40:5 aws_lb.made is made by new Synth(this)", '27:5 aws_lb.made is made by publicLb(scope, "made")'],
      ['42:5 aws_lb.after is made by publicLb(this, "after")'],
    ]);
    // The register has one row for "main", with each way's WAF.
    const main = buildRegister(result.estate, result.findings).filter((row) => row.service.endsWith(".main"));
    expect(main.map((row) => [row.locations, row.waf, row.readiness])).toEqual([
      [["main.ts:13", "main.ts:14"], "unknown or none", "not ready"],
    ]);
  });

  it("alternatives with a runtime id share the address of their call's id; with the synthesized JSON, the construct is one resource", () => {
    const preamble = [
      "function app(scope: Construct, suffix: string, logs?: string) {",
      "  const id = `${process.env.PREFIX}-${suffix}`;",
      '  if (logs) return new Lb(scope, id, { internal: false, loadBalancerType: "application", accessLogs: { bucket: logs, enabled: true } });',
      '  return new Lb(scope, id, { internal: false, loadBalancerType: "application" });',
      "}",
    ];
    const runtime = webStack({ lb: "Lb" }, preamble, ['app(this, "func", process.env.LOGS);', 'app(this, "hub");']);
    // "func" may be made either way under one id; "hub" has no logs, so only the second way, for certain.
    expect(
      runtime.estate.resources.map((resource) => `${resource.address} ${resource.existence ?? "certain"}`),
    ).toEqual(["aws_lb.id unknown", "aws_lb.id unknown", "aws_lb.id_2 certain"]);
    const lb = (path: string) => ({ "//": { metadata: { path, uniqueId: "main" } }, internal: false });
    const both = webStack(
      { lb: "Lb" },
      [
        "function lb(scope: Construct, id: string, logs?: string) {",
        "  if (logs) return new Lb(scope, id, { internal: false, accessLogs: { bucket: logs, enabled: true } });",
        "  return new Lb(scope, id, { internal: false });",
        "}",
      ],
      ['lb(this, "main", process.env.LOGS);'],
      {
        "cdktf.json": '{ "language": "typescript", "app": "npx ts-node main.ts" }',
        "cdktf.out/stacks/web/cdk.tf.json": JSON.stringify({ resource: { aws_lb: { main: lb("web/main") } } }),
      },
    );
    expect(both.estate.resources.map((resource) => `${resource.address} ${resource.input}`)).toEqual([
      "aws_lb.main cdktf",
    ]);
    // Placed at the first way of making it; the synthesis says it is made.
    expect(both.findings.map(placed)).toEqual(["IFL-WAF-001 aws_lb.main definite 5:20"]);
  });

  it("knows on each path the outcome of the condition it took: the same condition read again there is decided", () => {
    const result = webStack(
      { lb: "Lb", "lb-listener": "LbListener" },
      [
        'const STRICT = process.env.STRICT ?? "no";',
        "function web(scope: Construct) {",
        '  const policy = STRICT === "yes" ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : "ELBSecurityPolicy-2016-08";',
        '  const lb = new Lb(scope, "web", { internal: false, loadBalancerType: "application" });',
        '  const listener = { loadBalancerArn: lb.arn, port: 443, protocol: "HTTPS", certificateArn: "arn:cert", defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] };',
        '  if (STRICT === "yes") {',
        '    if (STRICT !== "yes") new Lb(scope, "never", { internal: false });',
        '    return new LbListener(scope, "https", { ...listener, sslPolicy: policy });',
        "  }",
        '  return new LbListener(scope, "https", { ...listener, sslPolicy: STRICT === "yes" ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : policy });',
        "}",
      ],
      [
        "web(this);",
        "let mode = process.env.MODE;",
        'if (mode === "a") { mode = "b"; if (mode !== "a") new Lb(this, "stale", { internal: true }); }',
      ],
    );
    // A `let` may change in between: its condition is not taken as known (so "stale" is kept).
    const policies = result.estate.resources.map(
      (resource) => `${resource.address} ${resource.existence ?? "certain"} ${resource.value("ssl_policy") ?? ""}`,
    );
    expect(policies).toEqual([
      "aws_lb.web certain ",
      "aws_lb_listener.https unknown ELBSecurityPolicy-TLS13-1-2-2021-06",
      "aws_lb_listener.https unknown ELBSecurityPolicy-2016-08",
      "aws_lb.stale unknown ",
    ]);
    // The listener made past the early return has the 2016 policy: at `policy` where that way uses it.
    expect(result.findings.map(placed)).toEqual([
      "IFL-WAF-001 aws_lb.web definite 8:14",
      "IFL-TLS-002 aws_lb_listener.https conditional 14:126",
    ]);
  });

  it("decides early exits from a loop per element (continue, break), and guards a field made under an undecided ?:", () => {
    const result = webStack(
      { lb: "Lb" },
      [
        "class Holder extends Construct {",
        '  readonly lb = process.env.WITH_LB ? new Lb(this, "field", { internal: false }) : undefined;',
        "}",
      ],
      [
        'for (const name of ["a", "b", "c", "d"]) {',
        '  if (name === "b") continue;',
        '  if (name === "d") break;',
        '  if (name === "c" && process.env.SKIP_C) continue;',
        "  new Lb(this, name, { internal: false });",
        "}",
        'outer: for (const name of ["e"]) {',
        "  for (const other of [1, 2]) if (other === 2) continue outer;",
        '  switch (name) { case "e": break; }',
        "  new Lb(this, name, { internal: false });",
        "}",
        'new Holder(this, "holder");',
      ],
    );
    // "b" and "d" leave first; "c" may. "e": the inner loop may leave "outer" (iflint does not
    // unroll a loop to tell); the switch's break stays in the switch.
    expect(result.findings.map(placed)).toEqual([
      "IFL-WAF-001 aws_lb.holder_field_C176D31E conditional 5:39",
      "IFL-WAF-001 aws_lb.a definite 14:7",
      "IFL-WAF-001 aws_lb.c conditional 14:7",
      "IFL-WAF-001 aws_lb.e conditional 19:7",
    ]);
  });

  it("reads bindings generated elsewhere than .gen (codeMakerOutput), but never the project's own providers directory", () => {
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-codemaker-"));
    mkdirSync(join(work, "src", "providers", "aws"), { recursive: true });
    writeFileSync(
      join(work, "cdktf.json"),
      '{ "language": "typescript", "app": "npx ts-node src/main.ts", "codeMakerOutput": "./src/gen" }\n',
    );
    // The project's own construct library, in a directory that happens to be called providers.
    writeFileSync(
      join(work, "src", "providers", "aws", "network.ts"),
      'import { Construct } from "constructs";\nimport { Vpc } from "../../gen/providers/aws/vpc";\nexport class Network extends Construct {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n    new Vpc(this, "vpc", { cidrBlock: "10.0.0.0/16" });\n  }\n}\n',
    );
    writeFileSync(
      join(work, "src", "main.ts"),
      [
        'import { TerraformStack } from "cdktf";',
        'import { Alb } from "./gen/providers/aws/elb";',
        'import { Network } from "./providers/aws/network";',
        "export class Web extends TerraformStack {",
        "  constructor(scope: any, id: string) {",
        "    super(scope, id);",
        '    new Network(this, "network");',
        '    new Alb(this, "web", { internal: false, loadBalancerType: "application" });',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const result = scan({ paths: [work], cwd: work, rules: [] });
    expect(result.estate.resources.map((resource) => resource.address)).toEqual([
      "aws_vpc.network_vpc_4E8F0223",
      "aws_alb.web",
    ]);
  });

  it("reads the older provider-aws layouts: classes at the package root, service modules, service namespaces", () => {
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-old-layouts-"));
    writeFileSync(
      join(work, "main.ts"),
      [
        'import { TerraformStack } from "cdktf";',
        'import { AwsProvider, S3Bucket, DataAwsVpc } from "@cdktf/provider-aws";',
        'import { IamRole, IamPolicy as Policy } from "@cdktf/provider-aws/lib/iam";',
        'import * as aws from "@cdktf/provider-aws";',
        "export class Old extends TerraformStack {",
        "  constructor(scope: any, id: string) {",
        "    super(scope, id);",
        '    new AwsProvider(this, "aws", { region: "eu-west-2" });',
        '    new S3Bucket(this, "bucket", {});',
        '    new DataAwsVpc(this, "vpc", {});',
        '    new IamRole(this, "role", { assumeRolePolicy: "{}" });',
        '    new Policy(this, "policy", { policy: "{}" });',
        '    new aws.iam.IamRolePolicyAttachment(this, "attach", { role: "r", policyArn: "p" });',
        '    new aws.lbListener.LbListener(this, "listener", { loadBalancerArn: "arn", port: 80 });',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const result = scan({ paths: [work], cwd: work, rules: [] });
    expect([...result.estate.resources, ...result.estate.dataSources].map((resource) => resource.address)).toEqual([
      "aws_s3_bucket.bucket",
      "aws_iam_role.role",
      "aws_iam_policy.policy",
      "aws_iam_role_policy_attachment.attach",
      "aws_lb_listener.listener",
      "data.aws_vpc.vpc",
    ]);
  });

  it("leaves configuration set after the constructor (setters, put*, addOverride) unknown, not at the constructor's value", () => {
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-setters-"));
    writeFileSync(
      join(work, "main.ts"),
      [
        'import { TerraformStack } from "cdktf";',
        'import { LinuxWebApp } from "@cdktf/provider-azurerm/lib/linux-web-app";',
        'import { Lb } from "@cdktf/provider-aws/lib/lb";',
        'import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";',
        "export class Web extends TerraformStack {",
        "  constructor(scope: any, id: string) {",
        "    super(scope, id);",
        '    const setter = new LinuxWebApp(this, "setter", { name: "a1", httpsOnly: false });',
        "    setter.httpsOnly = true;",
        '    const override = new LinuxWebApp(this, "override", { name: "a2" });',
        '    override.addOverride("https_only", true);',
        '    new LinuxWebApp(this, "plain", { name: "a3" });',
        '    const lb = new Lb(this, "lb", { internal: true });',
        '    const http = new LbListener(this, "http", { loadBalancerArn: lb.arn, port: 80, protocol: "HTTP", defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] });',
        '    http.putDefaultAction([{ type: "redirect", redirect: { protocol: "HTTPS", statusCode: "HTTP_301" } }]);',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const result = scan({ paths: [work], cwd: work, rules: [findRule("IFL-TLS-006")!, findRule("IFL-TLS-001")!] });
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.resource}`)).toEqual([
      "IFL-TLS-006 azurerm_linux_web_app.plain",
    ]);
    const listener = result.estate.resources.find((resource) => resource.resourceType === "aws_lb_listener")!;
    expect(listener.blocksOfType("dynamic").map((block) => block.labels[0])).toEqual(["default_action"]);
  });

  it("a file nested deeper than the TypeScript parser can follow is a diagnostic, and the scan goes on", () => {
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-deep-"));
    const deep = `${"{ a: ".repeat(20_000)}1${" }".repeat(20_000)}`;
    writeFileSync(
      join(work, "main.ts"),
      `import { TerraformStack } from "cdktf";\nimport { Lb } from "@cdktf/provider-aws/lib/lb";\nexport const config = ${deep};\n`,
    );
    writeFileSync(join(work, "main.tf"), 'resource "aws_lb" "web" {\n  internal = false\n}\n');
    const result = scan({ paths: [work], cwd: work, rules: [findRule("IFL-WAF-001")!] });
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.range.file.path}`)).toEqual([
      "IFL-WAF-001 main.tf",
      "parse-error main.ts",
    ]);
  });

  it("never crashes on mangled TypeScript", () => {
    const source = readFileSync(join(portal, "stack.ts"), "utf8");
    const work = mkdtempSync(join(tmpdir(), "iflint-ts-"));
    let seed = 11;
    const next = (limit: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % limit;
    try {
      for (let round = 0; round < 40; round++) {
        let text = source;
        for (let cut = 0; cut < 3; cut++) {
          const at = next(text.length);
          text = text.slice(0, at) + ["", "{", ")", "...", "`${", "new ", "this."][next(7)] + text.slice(at + next(30));
        }
        writeFileSync(join(work, "stack.ts"), text);
        const result = scan({ paths: ["."], cwd: work });
        expect(result.findings.filter((finding) => finding.category === "internal-error")).toEqual([]);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("loads ts-morph only for scans that meet CDKTF", () => {
    const probe = (path: string) =>
      execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { scan } from ${JSON.stringify(join(repoRoot, "dist/src/scan.js"))}; import { createRequire } from "node:module"; scan({ paths: [${JSON.stringify(path)}] }); const cache = createRequire(import.meta.url).cache; console.log(Object.keys(cache).some((key) => key.includes("ts-morph")));`,
        ],
        { encoding: "utf8" },
      ).trim();
    expect(probe(join(repoRoot, "examples/nhs-trust"))).toBe("false");
    expect(probe(portal)).toBe("true");
  });

  it("skips CDKTF unit tests", () => {
    expect(readdirSync(styles)).toEqual(expect.arrayContaining(["__tests__", "main.spec.ts"]));
    const result = scan({ paths: ["."], cwd: styles });
    expect(result.estate.files.map((scanned) => scanned.file.path)).toEqual(["main.ts"]);
  });
});
