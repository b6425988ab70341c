/**
 * Construct classes read per instantiation: how props reach the constructs (defaults,
 * destructuring, `??`, `||`, `&&`, optional chaining), control flow decided per instance, loops,
 * construct libraries from packages and from the workspace.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { findRule } from "../rules/index.js";
import { containsUnknown, formatValue } from "../src/model/value.js";

const work = mkdtempSync(join(tmpdir(), "iflint-cdktf-instances-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let projects = 0;
function project(files: Record<string, string>): string {
  const root = join(work, `p${++projects}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const IMPORTS = [
  'import { Construct } from "constructs";',
  'import { App, TerraformStack } from "cdktf";',
  'import { Lb } from "@cdktf/provider-aws/lib/lb";',
  'import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";',
].join("\n");

const resources = (result: ReturnType<typeof scan>) =>
  result.estate.resources.map((resource) =>
    [
      resource.address,
      ...["internal", "name", "idle_timeout"]
        .filter((name) => resource.value(name) !== undefined)
        .map((name) => `${name}=${formatValue(resource.value(name)!)}`),
      resource.existence === "unknown" ? "(conditional)" : "",
    ]
      .filter(Boolean)
      .join(" "),
  );

describe("construct classes read per instantiation", () => {
  it("binds props: destructuring with defaults, default parameters, ||, &&, optional chaining", () => {
    const root = project({
      "main.ts": `${IMPORTS}
interface Props { internal?: boolean; waf?: { arn: string; timeout?: number } }
class Web extends Construct {
  constructor(scope: Construct, id: string, { internal = false, waf }: Props, tier = "web") {
    super(scope, id);
    const lb = new Lb(this, "alb", { internal, name: \`\${id}-\${tier}\`, idleTimeout: waf?.timeout || 60 });
    waf && new Wafv2WebAclAssociation(this, "waf", { resourceArn: lb.arn, webAclArn: waf.arn });
  }
}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Web(this, "a", {});
    new Web(this, "b", { internal: true, waf: { arn: "arn:aws:wafv2:acl", timeout: 30 } }, "api");
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(resources(result)).toEqual([
      'aws_lb.a_alb_5C69900A internal=false name="a-web" idle_timeout=60',
      'aws_lb.b_alb_D54EA4D1 internal=true name="b-api" idle_timeout=30',
      "aws_wafv2_web_acl_association.b_waf_37D6CC42",
    ]);
  });

  it("decides if, ?: and && per instance where the props say, and leaves the rest conditional", () => {
    const root = project({
      "main.ts": `${IMPORTS}
class Web extends Construct {
  constructor(scope: Construct, id: string, props: { public: boolean; waf?: string }) {
    super(scope, id);
    if (props.public) new Lb(this, "public", { internal: false });
    else new Lb(this, "private", { internal: true });
    props.waf ? new Wafv2WebAclAssociation(this, "waf", { resourceArn: "x", webAclArn: props.waf }) : undefined;
    if (process.env.EXTRA) new Lb(this, "extra", { internal: !props.public });
    let shared: Lb | undefined;
    if (process.env.SHARED) shared = new Lb(this, "shared", { internal: true });
    if (shared) new Wafv2WebAclAssociation(this, "shared-waf", { resourceArn: shared.arn, webAclArn: "arn:acl" });
  }
}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Web(this, "out", { public: true, waf: "arn:acl" });
    new Web(this, "in", { public: false });
    if (process.env.PREVIEW) new Web(this, "preview", { public: true });
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(resources(result)).toEqual([
      "aws_lb.out_public_81F59051 internal=false",
      "aws_wafv2_web_acl_association.out_waf_5262554C",
      "aws_lb.out_extra_B28E1F2F internal=false (conditional)",
      "aws_lb.out_shared_BF8B1561 internal=true (conditional)",
      "aws_wafv2_web_acl_association.out_shared-waf_24FECC3C (conditional)",
      "aws_lb.in_private_3B52CCAB internal=true",
      "aws_lb.in_extra_3CD8AC31 internal=true (conditional)",
      "aws_lb.in_shared_202635DC internal=true (conditional)",
      "aws_wafv2_web_acl_association.in_shared-waf_412F5B98 (conditional)",
      "aws_lb.preview_public_2C5CCEF1 internal=false (conditional)",
      "aws_lb.preview_extra_3A96A999 internal=false (conditional)",
      "aws_lb.preview_shared_8BEC2AFA internal=true (conditional)",
      "aws_wafv2_web_acl_association.preview_shared-waf_ED1BDF69 (conditional)",
    ]);
  });

  it("expands loops over static arrays (for-of, forEach, map) per element; a loop over a runtime value is one conditional instance", () => {
    const root = project({
      "main.ts": `${IMPORTS}
const envs = ["dev", "prod"] as const;
class Web extends Construct {
  constructor(scope: Construct, id: string, props: { internal: boolean }) {
    super(scope, id);
    new Lb(this, "alb", { internal: props.internal, name: id });
  }
}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const env of envs) new Web(this, \`web-\${env}\`, { internal: env === "dev" });
    [{ name: "a", internal: true }, { name: "b", internal: false }].forEach(({ name, internal }) => new Web(this, name, { internal }));
    ["x"].map((name) => new Lb(this, name, { internal: true }));
    for (const name of JSON.parse(process.env.NAMES ?? "[]")) new Lb(this, name, { internal: false });
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(resources(result)).toEqual([
      'aws_lb.web-dev_alb_15DF631E internal=true name="web-dev"',
      'aws_lb.web-prod_alb_908C7E8C internal=false name="web-prod"',
      'aws_lb.a_alb_5C69900A internal=true name="a"',
      'aws_lb.b_alb_D54EA4D1 internal=false name="b"',
      "aws_lb.x internal=true",
      "aws_lb.name internal=false (conditional)",
    ]);
  });

  it("expands Object.entries, Object.keys and Object.values of a static object per property", () => {
    const root = project({
      "main.ts": `${IMPORTS}
const services = { api: { internal: false }, "back-office": { internal: true } };
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.entries(services).forEach(([name, service]) => new Lb(this, name, { name, internal: service.internal }));
    for (const name of Object.keys(services)) new Lb(this, \`\${name}-2\`, { internal: true });
    for (const service of Object.values(services)) new Lb(this, "same", { internal: service.internal });
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    // One id under one parent is one address (no invented `same_2`): CDKTF makes one construct per id.
    expect(resources(result)).toEqual([
      'aws_lb.api internal=false name="api"',
      'aws_lb.back-office internal=true name="back-office"',
      "aws_lb.api-2 internal=true",
      "aws_lb.back-office-2 internal=true",
      "aws_lb.same internal=false",
      "aws_lb.same internal=true",
    ]);
  });

  it("counts constructs of packages like remote modules, and reads the workspace's own packages", () => {
    const root = project({
      "package.json": '{ "name": "estate", "private": true, "workspaces": ["packages/*", "apps/*"] }',
      "packages/constructs/package.json": '{ "name": "@acme/constructs", "main": "dist/index.js" }',
      "packages/constructs/src/index.ts": 'export { Web } from "./web";\n',
      "packages/constructs/src/web.ts": `${IMPORTS}
export class Web extends Construct {
  constructor(scope: Construct, id: string, props: { internal: boolean }) {
    super(scope, id);
    new Lb(this, "alb", { internal: props.internal });
  }
}
`,
      "apps/edge/cdktf.json": '{ "app": "npx ts-node main.ts" }',
      "apps/edge/main.ts": `${IMPORTS}
import { Web } from "@acme/constructs";
import { Vpc } from "@community/cdktf-vpc";
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Vpc(this, "vpc", { cidr: "10.0.0.0/16" });
    new Web(this, "public", { internal: false });
  }
}
new Edge(new App(), "edge");
`,
    });
    const whole = scan({ paths: [root], cwd: root, rules: [findRule("IFL-WAF-001")!] });
    expect(resources(whole)).toEqual(["aws_lb.public_alb_24201C43 internal=false"]);
    expect(whole.findings.map((finding) => `${finding.range.file.path}:${finding.range.start.line}`)).toEqual([
      "packages/constructs/src/web.ts:8",
    ]);
    expect(
      whole.findings[0].related.map((related) => `${related.range.file.path}:${related.range.start.line}`),
    ).toEqual(["apps/edge/main.ts:11"]);
    expect([whole.remoteModules, whole.packageConstructs]).toEqual([0, 1]);
    // The app alone: the workspace package is outside what was asked for, so it is not read either.
    const app = scan({ paths: [join(root, "apps/edge")], cwd: root, rules: [] });
    expect(resources(app)).toEqual([]);
    expect([app.remoteModules, app.packageConstructs]).toEqual([0, 2]);
  });

  it("reads methods and helper functions with their arguments, and constructs held by another instance's field", () => {
    const root = project({
      "main.ts": `${IMPORTS}
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
function listener(scope: Construct, id: string, lb: Lb, port: number) {
  return new LbListener(scope, id, { loadBalancerArn: lb.arn, port, protocol: port === 443 ? "HTTPS" : "HTTP" });
}
class Web extends Construct {
  readonly lb: Lb;
  constructor(scope: Construct, id: string, internal: boolean) {
    super(scope, id);
    this.lb = new Lb(this, "alb", { internal });
    this.listen(80);
  }
  private listen(port: number) {
    listener(this, \`port-\${port}\`, this.lb, port);
  }
}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const web = new Web(this, "web", false);
    listener(this, "tls", web.lb, 443);
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    const listeners = result.estate.resources.filter((resource) => resource.resourceType === "aws_lb_listener");
    expect(listeners.map((resource) => [resource.address, resource.value("port"), resource.value("protocol")])).toEqual(
      [
        ["aws_lb_listener.web_port-80_28D37528", 80, "HTTP"],
        ["aws_lb_listener.tls", 443, "HTTPS"],
      ],
    );
    const lb = result.estate.resources.find((resource) => resource.resourceType === "aws_lb")!;
    for (const resource of listeners)
      expect(result.estate.refersTo(resource.value("load_balancer_arn"), lb)).toBe(true);
  });

  it("reads another instance's fields: parameter properties, field initializers, fields assigned in the constructor", () => {
    const root = project({
      "main.ts": `${IMPORTS}
class Settings extends Construct {
  readonly tier = "web";
  readonly name: string;
  constructor(scope: Construct, id: string, public internal: boolean) {
    super(scope, id);
    this.name = \`\${id}-\${this.tier}\`;
    new Lb(this, "alb", { internal, name: this.name });
  }
}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const settings = new Settings(this, "portal", false);
    new Lb(this, "copy", { internal: settings.internal, name: \`\${settings.name}-copy\` });
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(resources(result)).toEqual([
      'aws_lb.portal_alb_FD87EE0B internal=false name="portal-web"',
      'aws_lb.copy internal=false name="portal-web-copy"',
    ]);
  });

  it("reads what the project's own functions return: stack names, construct ids, values", () => {
    const root = project({
      "main.ts": `${IMPORTS}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string, internal: boolean) {
    super(scope, id);
    new Lb(this, "alb", { internal, name: id });
  }
}
const app = new App();
function board(environment: string, region?: string) {
  function stackName(component: string) {
    if (region) {
      return \`\${environment}-\${component}-\${region}\`;
    } else {
      return \`\${environment}-\${component}\`;
    }
  }
  const isProduction = (name: string) => name === "production";
  new Edge(app, stackName("edge"), !isProduction(environment));
}
board("development");
board("production", "eu-west-2");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(resources(result)).toEqual([
      'aws_lb.alb internal=true name="development-edge"',
      'aws_lb.alb internal=false name="production-edge-eu-west-2"',
    ]);
    expect(result.estate.resources.map((resource) => resource.module.root)).toEqual([
      "main.ts (development-edge)",
      "main.ts (production-edge-eu-west-2)",
    ]);
  });

  it("a class that instantiates itself is read to a bounded depth", () => {
    const root = project({
      "main.ts": `${IMPORTS}
class Tree extends Construct {
  constructor(scope: Construct, id: string, depth: number) {
    super(scope, id);
    new Lb(this, "alb", { internal: true });
    new Tree(this, "child", depth);
  }
}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Tree(this, "root", 3);
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(result.estate.resources.length).toBe(1);
  });
});

describe("construct classes that multiply", () => {
  it("a program making more constructs than are read stops with a diagnostic, and the scan goes on", () => {
    const levels = ["A", "B", "C", "D", "E"];
    const classes = levels.map((name, index) =>
      index === levels.length - 1
        ? `class ${name} extends Construct { constructor(scope: Construct, id: string) { super(scope, id); for (const n of TEN) new Lb(this, n, { internal: false }); } }`
        : `class ${name} extends Construct { constructor(scope: Construct, id: string) { super(scope, id); for (const n of TEN) new ${levels[index + 1]}(this, n); } }`,
    );
    const root = project({
      "main.ts": `${IMPORTS}
const TEN = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
${classes.join("\n")}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new A(this, "a");
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(
      result.findings.filter((finding) => finding.category === "parse-error").map((finding) => finding.message),
    ).toEqual([expect.stringContaining("Too many CDKTF constructs")]);
    expect(result.estate.resources.length).toBeLessThan(20_000);
  }, 120_000);
});

describe("values that fan out", () => {
  it("names that repeat names (each const three times the one before) are read in bounded steps, not exponentially", () => {
    const consts = ['const v0 = "x";'];
    for (let index = 1; index <= 30; index++)
      consts.push(`const v${index} = [v${index - 1}, v${index - 1}, v${index - 1}];`);
    const chain = ["const c0 = process.env.X;"];
    for (let index = 1; index <= 30; index++) chain.push(`const c${index} = c${index - 1} ?? c${index - 1};`);
    const root = project({
      "main.ts": `${IMPORTS}
${consts.join("\n")}
${chain.join("\n")}
class Edge extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Lb(this, "alb", { internal: false, subnets: v30, name: c30 });
    if (c30) new Lb(this, "maybe", { internal: false });
  }
}
new Edge(new App(), "edge");
`,
    });
    const result = scan({ paths: [root], cwd: root, rules: [] });
    expect(result.estate.resources.map((resource) => resource.address)).toEqual(["aws_lb.alb", "aws_lb.maybe"]);
    expect(containsUnknown(result.estate.resources[0].value("subnets"))).toBe(true);
    expect(result.estate.resources[1].existence).toBe("unknown");
  }, 120_000);
});
