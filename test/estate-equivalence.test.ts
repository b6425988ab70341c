/**
 * One estate, one verdict (issue 13): a generated estate of small git repositories, one per input
 * kind, gives exactly the same findings and register rows scanned together as scanned one by one,
 * including a scan big enough to have been split, and one split across worker threads.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan, type ScanResult } from "../src/scan.js";
import { scanInParallel } from "../src/parallel/scan-parallel.js";
import { estateRegister } from "../src/cli/whole-estate.js";
import { describeFinding } from "../scripts/bench-equivalence.js";

const repoRoot = join(dirname(new URL(import.meta.url).pathname), "..");

/** Each repository's files: relative path → content. */
function estateFiles(padding: string): Record<string, Record<string, string>> {
  const loadBalancer = (name: string) => `resource "aws_lb" "${name}" {
  name               = "${name}"
  internal           = false
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b", "subnet-0c2d"]
}

resource "aws_lb_listener" "${name}_http" {
  load_balancer_arn = aws_lb.${name}.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/abc"
  }
}
`;
  return {
    // HCL roots, a local module, tfvars, and a call into another repository's directory.
    "hcl-stacks": {
      "web/main.tf": `${loadBalancer("web")}
variable "internal_api" {
  type = bool
}

resource "aws_lb" "api" {
  name     = "api"
  internal = var.internal_api
  subnets  = ["subnet-0a1b", "subnet-0c2d"]
}

module "edge" {
  source = "../modules/edge"
}

module "tags" {
  source = "../../shared-modules/tags"
}
`,
      "web/terraform.tfvars": "internal_api = false\n",
      "modules/edge/main.tf": loadBalancer("edge"),
    },
    // Another repository's module, called from hcl-stacks: a root of its own repository all the same.
    "shared-modules": {
      "tags/main.tf": loadBalancer("shared"),
    },
    // A WAF association whose target is a variable, in a repository with no load balancer.
    links: {
      "waf/main.tf": `variable "lb_arn" {
  type = string
}

resource "aws_wafv2_web_acl_association" "elsewhere" {
  resource_arn = var.lb_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/shared/abc"
}
`,
    },
    "json-stack": {
      "main.tf.json": JSON.stringify(
        {
          resource: {
            aws_lb: { web: { name: "json-web", internal: false, subnets: ["subnet-0a1b"] } },
            aws_lb_listener: {
              web_http: {
                load_balancer_arn: "${aws_lb.web.arn}",
                port: 80,
                protocol: "HTTP",
                default_action: [{ type: "forward", target_group_arn: "arn:aws:elasticloadbalancing:x" }],
              },
            },
          },
        },
        null,
        2,
      ),
    },
    // A plan whose addresses (aws_lb.web) repeat another repository's source.
    plans: {
      "plan/plan.json": JSON.stringify(
        {
          format_version: "1.2",
          terraform_version: "1.9.5",
          planned_values: {
            root_module: {
              resources: [
                {
                  address: "aws_lb.web",
                  mode: "managed",
                  type: "aws_lb",
                  name: "web",
                  values: { name: "planned", internal: false, subnets: ["subnet-1"] },
                },
                {
                  address: "aws_lb_listener.web_http",
                  mode: "managed",
                  type: "aws_lb_listener",
                  name: "web_http",
                  values: {
                    port: 80,
                    protocol: "HTTP",
                    default_action: [{ type: "forward", target_group_arn: "arn:aws:elasticloadbalancing:x" }],
                  },
                },
              ],
            },
          },
        },
        null,
        2,
      ),
    },
    // A zone that includes records from a sibling directory, padded so the scan is large.
    dns: {
      "zones/example.nhs.uk.zone": `$ORIGIN example.nhs.uk.
$TTL 3600
@ IN SOA ns1.example.nhs.uk. hostmaster.example.nhs.uk. 1 7200 3600 1209600 3600
@ IN NS ns1.example.nhs.uk.
ns1 IN A 192.0.2.10
$INCLUDE ../common/records.inc
${padding.slice(0, 100_000).replace(/^#/gm, ";")}`,
      "common/records.inc": `www IN A 10.0.0.5\napi IN CNAME internal-api.eu-west-2.elb.amazonaws.com.\n${padding
        .slice(0, 50_000)
        .replace(/^#/gm, ";")}`,
    },
    // A CDKTF project with its synthesized output.
    cdktf: {
      "cdktf.json": JSON.stringify({ language: "typescript", app: "npx ts-node main.ts" }),
      "main.ts": `import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";

class WebStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const lb = new Lb(this, "web", { name: "cdktf-web", internal: false, subnets: ["subnet-0a1b"] });
    new LbListener(this, "http", {
      loadBalancerArn: lb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:x" }],
    });
  }
}

const app = new App();
new WebStack(app, "web");
app.synth();
`,
      "cdktf.out/stacks/web/cdk.tf.json": JSON.stringify(
        {
          resource: {
            aws_lb: {
              web: {
                "//": { metadata: { path: "web/web", uniqueId: "web" } },
                name: "cdktf-web",
                internal: false,
                subnets: ["subnet-0a1b"],
              },
            },
            aws_lb_listener: {
              http: {
                "//": { metadata: { path: "web/http", uniqueId: "http" } },
                load_balancer_arn: "${aws_lb.web.arn}",
                port: 80,
                protocol: "HTTP",
                default_action: [{ type: "forward", target_group_arn: "arn:aws:elasticloadbalancing:x" }],
              },
            },
          },
        },
        null,
        2,
      ),
    },
    // Two large repositories: together the scan passes the size at which it used to be split.
    "big-one": { "main.tf": `${padding.repeat(25)}${loadBalancer("one")}` },
    "big-two": { "main.tf": `${padding.repeat(25)}# one more line\n${loadBalancer("two")}` },
  };
}

const described = (result: ScanResult) => result.findings.map(describeFinding).sort();
const registerRows = (result: ScanResult) =>
  estateRegister(result)
    .map((entry) => JSON.stringify(entry))
    .sort();

describe("scanning repositories together and apart", () => {
  let parent: string;
  let names: string[];
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), "iflint-estate-"));
    // About 2.2 MB a big repository: together past 4 MiB, each alone under it.
    const padding = `# ${"padding ".repeat(11)}\n`.repeat(1000);
    const estate = estateFiles(padding);
    names = Object.keys(estate);
    for (const [name, files] of Object.entries(estate)) {
      const repository = join(parent, name);
      mkdirSync(repository);
      try {
        execFileSync("git", ["init", "-q", repository], { stdio: "ignore" });
      } catch {
        mkdirSync(join(repository, ".git"));
      }
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(repository, path)), { recursive: true });
        writeFileSync(join(repository, path), text);
      }
    }
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const options = (paths: string[]) => ({ paths, cwd: parent, today: "2026-12-01" });

  /**
   * Repositories scanned apart. hcl-stacks calls a module in shared-modules: a scan reads nothing
   * outside what it was asked to scan, so the two are one unit, scanned with both paths.
   */
  const units = () =>
    names
      .filter((name) => name !== "shared-modules")
      .map((name) => (name === "hcl-stacks" ? [name, "shared-modules"] : [name]));

  it("finds, one for one, what each repository finds alone, with the same register rows", async () => {
    const together = await scanInParallel(options(names), 1);
    const apart = await Promise.all(units().map((unit) => scanInParallel(options(unit), 1)));
    expect(together.bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(described(together)).toEqual(apart.flatMap(described).sort());
    expect(together.fileCount).toBe(apart.reduce((sum, result) => sum + result.fileCount, 0));

    const wholeTogether = scan(options(names));
    expect(registerRows(wholeTogether)).toEqual(
      units()
        .flatMap((unit) => registerRows(scan(options(unit))))
        .sort(),
    );
    expect(described(wholeTogether)).toEqual(described(together));
    // Scanning the parent directory reads the same repositories.
    expect(described(scan(options(["."])))).toEqual(described(together));
  }, 120_000);

  it("reads a module in another repository only when that repository is scanned too", () => {
    const alone = scan(options(["hcl-stacks"]));
    expect(alone.findings.some((finding) => finding.range.file.path.startsWith("shared-modules/"))).toBe(false);
    expect(
      alone.findings
        .filter((finding) => finding.category === "incomplete")
        .map((finding) => `${finding.ruleId} ${finding.range.file.path}:${finding.range.start.line}`),
    ).toEqual(["outside-scan hcl-stacks/web/main.tf:32"]);
  }, 60_000);

  it("holds for each input kind, so the comparison is not vacuous", () => {
    const files = new Set(scan(options(names)).findings.map((finding) => finding.range.file.path));
    for (const path of [
      "hcl-stacks/web/main.tf",
      "hcl-stacks/modules/edge/main.tf",
      "shared-modules/tags/main.tf",
      "json-stack/main.tf.json",
      "plans/plan/plan.json",
      "dns/zones/example.nhs.uk.zone",
      "dns/common/records.inc",
      "cdktf/main.ts",
      "big-one/main.tf",
    ])
      expect([...files]).toContain(path);
  }, 60_000);

  it("resolves $INCLUDE inside the repository from wherever the scan starts", () => {
    const fromInside = scan(options(["dns/zones"])).findings.map(describeFinding);
    const fromParent = scan(options(["dns"])).findings.map(describeFinding);
    expect(fromInside).toEqual(fromParent);
    expect(fromInside.filter((line) => line.includes("dns/common/records.inc"))).toHaveLength(2);
  }, 60_000);

  it("an untraceable WAF association in another repository leaves load balancers unprotected", () => {
    const waf = scan(options(names)).findings.filter((finding) => finding.ruleId === "IFL-WAF-001");
    expect(waf.map((finding) => `${finding.range.file.path}:${finding.range.start.line}`).sort()).toEqual([
      "big-one/main.tf:25001",
      "big-two/main.tf:25002",
      "cdktf/main.ts:9",
      "hcl-stacks/modules/edge/main.tf:1",
      "hcl-stacks/web/main.tf:1",
      "hcl-stacks/web/main.tf:22",
      "json-stack/main.tf.json:4",
      "plans/plan/plan.json:8",
      // Once as its repository's root, once as module.tags of hcl-stacks/web.
      "shared-modules/tags/main.tf:1",
      "shared-modules/tags/main.tf:1",
    ]);
  }, 60_000);

  it("gives the same findings split across worker threads", async () => {
    const { scanInParallel: inWorkers } = (await import(
      pathToFileURL(join(repoRoot, "dist", "src", "parallel", "scan-parallel.js")).href
    )) as typeof import("../src/parallel/scan-parallel.js");
    const oneThread = await scanInParallel(options(names), 1);
    const twoWorkers = await inWorkers(options(names), 2);
    expect(described(twoWorkers)).toEqual(described(oneThread));
  }, 120_000);
});
