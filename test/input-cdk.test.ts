/**
 * AWS CDK, ground truth from aws-cdk-lib itself: the fixture app (fixtures/cloudformation/cdk-app)
 * is synthesized in-process, and its cloud assembly scanned alone (findings at the template, with
 * the construct path), with the app's TypeScript (findings at the constructs, the template as a
 * related location, each resource once), and against its Terraform equivalent (the same findings
 * for the same constructs).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App } from "aws-cdk-lib";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/engine/finding.js";
import { repoRoot } from "./support/rule-harness.js";
import { buildRegister } from "../src/register/build-register.js";
import { buildApp } from "../fixtures/cloudformation/cdk-app/lib/web-stack.js";

const fixtures = join(repoRoot, "fixtures/cloudformation");
let directory: string;
let assembly: string;

beforeAll(() => {
  // The cloud assembly where `cdk synth` writes it, beside the app's source (cdk.json's outdir).
  directory = mkdtempSync(join(tmpdir(), "iflint-cdk-"));
  cpSync(join(fixtures, "cdk-app"), join(directory, "cdk-app"), { recursive: true });
  assembly = join(directory, "cdk-app", "cdk.out");
  const app = new App({
    outdir: assembly,
    builtinCloudFormationValidation: false,
    context: { "aws:cdk:enable-path-metadata": true },
  } as ConstructorParameters<typeof App>[0]);
  buildApp(app).synth();
}, 60_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const at = (finding: Finding) =>
  `${finding.ruleId} ${finding.range.file.path.replace(/^.*\/(cdk\.out|lib)\//, "$1/")}:${finding.range.start.line}:${finding.range.start.column}`;

/** `Portal/Alb` for `WebStack/Portal/Alb/Resource` and for `aws_lb.Portal_Alb`. */
function construct(finding: Finding): string {
  const path = /AWS CDK construct (\S+)/.exec(finding.related.map((item) => item.message).join(" "))?.[1];
  if (path)
    return path
      .split("/")
      .slice(1)
      .filter((part) => part !== "Resource")
      .join("/");
  return (finding.resource ?? "").split(".")[1].replace(/_/g, "/");
}

describe("AWS CDK", () => {
  it("the cloud assembly alone: findings at the template, each naming its construct", () => {
    const result = scan({ paths: [assembly], cwd: fixtures });
    expect(result.findings.map((finding) => `${at(finding)} ${construct(finding)}`)).toEqual([
      "IFL-WAF-001 cdk.out/WebStack.template.json:21:3 Portal/Alb",
      "IFL-TLS-001 cdk.out/WebStack.template.json:83:17 Portal/Alb/Http",
      "IFL-TLS-004 cdk.out/WebStack.template.json:89:3 Portal/Cdn",
      "IFL-WAF-002 cdk.out/WebStack.template.json:89:3 Portal/Cdn",
      "IFL-TLS-016 cdk.out/WebStack.template.json:93:6 Portal/Cdn",
      "IFL-WAF-001 cdk.out/WebStack.template.json:143:3 Referrals/Alb",
      "IFL-TLS-001 cdk.out/WebStack.template.json:205:17 Referrals/Alb/Http",
      "IFL-TLS-004 cdk.out/WebStack.template.json:211:3 Referrals/Cdn",
      "IFL-WAF-002 cdk.out/WebStack.template.json:211:3 Referrals/Cdn",
      "IFL-TLS-016 cdk.out/WebStack.template.json:215:6 Referrals/Cdn",
      "IFL-WAF-003 cdk.out/WebStack.template.json:327:3 Api/DeploymentStage.prod",
      "IFL-TLS-005 cdk.out/WebStack.template.json:355:23 Api/CustomDomain",
      "IFL-DNS-002 cdk.out/WebStack.template.json:400:3 Zone",
      "IFL-DNS-004 cdk.out/WebStack.template.json:400:3 Zone",
      "IFL-ADDR-001 cdk.out/WebStack.template.json:417:6 Pacs",
    ]);
  });

  it("a cloud assembly's manifest names constructs, unless it is a FIFO or a link out of the scan: then it is never read", () => {
    const copy = mkdtempSync(join(tmpdir(), "iflint-cdk-special-"));
    const outside = mkdtempSync(join(tmpdir(), "iflint-cdk-outside-"));
    try {
      for (const name of ["plain", "fifo", "linked"]) {
        cpSync(assembly, join(copy, name), { recursive: true });
        // Without path metadata in the template, only the manifest can name a resource's construct.
        const template = join(copy, name, "WebStack.template.json");
        const parsed = JSON.parse(readFileSync(template, "utf8")) as {
          Resources: Record<string, { Metadata?: Record<string, unknown> }>;
        };
        for (const resource of Object.values(parsed.Resources)) delete resource.Metadata?.["aws:cdk:path"];
        writeFileSync(template, JSON.stringify(parsed, null, 1));
      }
      rmSync(join(copy, "fifo", "manifest.json"));
      execFileSync("mkfifo", [join(copy, "fifo", "manifest.json")]);
      cpSync(join(assembly, "manifest.json"), join(outside, "manifest.json"));
      rmSync(join(copy, "linked", "manifest.json"));
      symlinkSync(join(outside, "manifest.json"), join(copy, "linked", "manifest.json"));
      const result = scan({ paths: [copy], cwd: copy });
      const named = (name: string) =>
        result.findings.filter(
          (finding) =>
            finding.range.file.path.startsWith(`${name}/`) &&
            finding.related.some((item) => item.message.includes("AWS CDK construct")),
        ).length;
      expect([named("plain") > 0, named("fifo"), named("linked")]).toEqual([true, 0, 0]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("with the app's TypeScript: each resource once, at the construct (or the property) that makes it", () => {
    const result = scan({ paths: ["cdk-app"], cwd: directory });
    expect(result.findings.map(at)).toEqual([
      "IFL-WAF-001 lib/web-stack.ts:21:17",
      "IFL-WAF-001 lib/web-stack.ts:21:17",
      "IFL-TLS-001 lib/web-stack.ts:22:5",
      "IFL-TLS-001 lib/web-stack.ts:22:5",
      "IFL-TLS-004 lib/web-stack.ts:23:5",
      "IFL-TLS-004 lib/web-stack.ts:23:5",
      "IFL-TLS-016 lib/web-stack.ts:23:5",
      "IFL-TLS-016 lib/web-stack.ts:23:5",
      "IFL-WAF-002 lib/web-stack.ts:23:5",
      "IFL-WAF-002 lib/web-stack.ts:23:5",
      "IFL-WAF-003 lib/web-stack.ts:43:17",
      "IFL-TLS-005 lib/web-stack.ts:51:9",
      "IFL-DNS-002 lib/web-stack.ts:56:18",
      "IFL-DNS-004 lib/web-stack.ts:56:18",
      "IFL-ADDR-001 lib/web-stack.ts:57:5",
    ]);
    const referrals = result.findings.find((finding) => finding.resource?.startsWith("aws_lb.ReferralsAlb"));
    expect(referrals?.range.text).toBe('new elbv2.ApplicationLoadBalancer(this, "Alb"');
    expect(referrals?.related.map((item) => `${item.range.start.line} ${item.message}`)).toEqual([
      "143 aws_lb.ReferralsAlbF0A34D76 in the synthesized CloudFormation template",
      "41 PublicFrontEnd instantiated here as Referrals (WebStack/Referrals/Alb/Resource)",
    ]);
    expect(result.findings.find((finding) => finding.ruleId === "IFL-TLS-005")?.range.text).toBe(
      "securityPolicy: apigateway.SecurityPolicy.TLS_1_0",
    );
  });

  it("finds what the equivalent Terraform finds, for the same constructs", () => {
    const pairs = (findings: readonly Finding[]) =>
      findings.map((finding) => `${finding.ruleId} ${construct(finding).replace(/\./g, "/")}`).sort();
    const cdk = scan({ paths: [assembly], cwd: fixtures }).findings;
    const terraform = scan({ paths: ["cdk-app-terraform"], cwd: fixtures }).findings;
    expect(pairs(cdk)).toEqual(pairs(terraform));
    expect(cdk.length).toBe(15);
  });

  it("register rows of CDK resources name the template and the construct", () => {
    const result = scan({ paths: [assembly], cwd: fixtures });
    const row = buildRegister(result.estate, result.findings).find((entry) =>
      entry.resource.startsWith("aws_lb.PortalAlb"),
    );
    expect(row?.locations.map((location) => location.replace(/^.*\/cdk\.out\//, "cdk.out/"))).toEqual([
      "cdk.out/WebStack.template.json:21",
      "construct WebStack/Portal/Alb/Resource",
    ]);
    expect(row?.findings).toEqual(["IFL-TLS-001", "IFL-WAF-001"]);
  });
});
