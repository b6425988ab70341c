/** An association whose target cannot be traced leaves unjudged only what it could cover. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRule } from "../rules/index.js";
import { scan, type ScanResult } from "../src/scan.js";
import { render } from "../src/reporters/index.js";
import { renderHtmlReport } from "../src/reporters/html-report.js";
import { buildRegister } from "../src/register/build-register.js";

const PUBLIC_ALB = 'resource "aws_lb" "web" {\n  internal           = false\n  load_balancer_type = "application"\n}\n';

const LINK =
  'variable "alb_arn" {}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = var.alb_arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n';
const HANDED_OVER = (destroy: boolean) =>
  `removed {\n  from = aws_wafv2_web_acl_association.old\n  lifecycle {\n    destroy = ${destroy}\n  }\n}\n`;

/** Root modules by directory (`repo/root`); a directory named in `repositories` gets a `.git`. */
function estate(roots: Record<string, string>, repositories: string[] = []): string {
  const directory = mkdtempSync(join(tmpdir(), "iflint-untraceable-"));
  for (const repository of repositories) mkdirSync(join(directory, repository, ".git"), { recursive: true });
  for (const [name, text] of Object.entries(roots)) {
    mkdirSync(join(directory, name), { recursive: true });
    writeFileSync(join(directory, name, "main.tf"), text);
  }
  return directory;
}

function wafScan(directory: string): ScanResult {
  return scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-001")!] });
}

function wafFindings(directory: string): string[] {
  return wafScan(directory).findings.map((finding) => `${finding.range.file.path}:${finding.resource}`);
}

/** Each finding as file:line:col, certainty, its reason and related locations. */
function described(result: ScanResult): string[] {
  return result.findings.map((finding) =>
    [
      `${finding.range.file.path}:${finding.range.start.line}:${finding.range.start.column}`,
      finding.certainty,
      finding.certaintyReason,
      ...finding.related.map(
        (item) => `${item.range.file.path}:${item.range.start.line}:${item.range.start.column} ${item.message}`,
      ),
    ].join(" | "),
  );
}

describe("an untraceable WAF association", () => {
  it("aimed at a CloudFormation stack's output stands for what the stack deploys, not for the stack", () => {
    const directory = estate({
      app: 'resource "aws_cloudformation_stack" "waf" {\n  name          = "portal-waf"\n  template_body = file("${path.module}/waf.yaml")\n}\nresource "aws_wafv2_web_acl_logging_configuration" "waf" {\n  log_destination_configs = ["arn:aws:logs:eu-west-2:123456789012:log-group:aws-waf-logs-portal"]\n  resource_arn            = aws_cloudformation_stack.waf.outputs["WebAclArn"]\n}\n',
    });
    writeFileSync(
      join(directory, "app", "waf.yaml"),
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  WebAcl:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Name: portal\n      Scope: REGIONAL\n      DefaultAction: { Allow: {} }\n      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: portal }\n",
    );
    const result = scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-008")!] });
    expect(result.findings.map((finding) => `${finding.range.file.path} ${finding.certainty}`)).toEqual([
      "app/waf.yaml conditional",
    ]);
  });

  it("aimed at what a module of its own root makes serves that root only", () => {
    const directory = estate({
      app: PUBLIC_ALB,
      edge: 'module "lb" {\n  source = "terraform-aws-modules/alb/aws"\n}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = module.lb.arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n',
    });
    expect(described(wafScan(directory))).toEqual(["app/main.tf:1:1 | definite | "]);
  });

  it("a module not evaluated that is given the load balancer makes its finding conditional, naming the call", () => {
    const directory = estate({
      app: `${PUBLIC_ALB}module "shield" {\n  source    = "./modules/shield"\n  resources = { web = aws_lb.web.arn }\n}\nmodule "alarms" {\n  source     = "example/alarms/aws"\n  depends_on = [aws_lb.web]\n}\n`,
    });
    expect(described(wafScan(directory))).toEqual([
      "app/main.tf:1:1 | conditional | holds unless module.shield covers it: a module that is given it and not evaluated | app/main.tf:5:1 may be covered by module.shield, which is given it and is not evaluated",
      // The module's directory is not there: a warning of its own.
      "app/main.tf:5:1 |  | ",
    ]);
  });

  it("in a root with load balancers of its own leaves only that root's unjudged", () => {
    const directory = estate({
      app: PUBLIC_ALB,
      other: `${PUBLIC_ALB}variable "alb_arn" {}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = var.alb_arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n`,
    });
    expect(wafFindings(directory)).toEqual(["app/main.tf:aws_lb.web"]);
  });

  it("names three links elsewhere and counts the rest, so a repository of many stacks stays readable", () => {
    const result = wafScan(estate({ app: PUBLIC_ALB, w1: LINK, w2: LINK, w3: LINK, w4: LINK, w5: LINK }));
    expect(result.findings.map((finding) => [finding.certaintyReason, finding.related.length])).toEqual([
      [
        "holds unless aws_wafv2_web_acl_association.x (root module w1) or aws_wafv2_web_acl_association.x (root module w2) or aws_wafv2_web_acl_association.x (root module w3) or 2 other links like them covers it: their targets are not known",
        3,
      ],
    ]);
  });

  it("in a root with nothing it could protect serves another stack: other roots' findings become conditional", async () => {
    const result = wafScan(estate({ app: PUBLIC_ALB, waf: LINK }));
    expect(described(result)).toEqual([
      "app/main.tf:1:1 | conditional | holds unless aws_wafv2_web_acl_association.x (root module waf) covers it: its target is not known | waf/main.tf:2:1 may be covered by aws_wafv2_web_acl_association.x, whose target is not known",
    ]);
    const reason = "holds unless aws_wafv2_web_acl_association.x (root module waf) covers it: its target is not known";
    expect(await render("text", result, { color: false })).toContain(`  certainty: ${reason}\n`);
    expect(await render("text", result, { color: false })).toContain(
      "  see: may be covered by aws_wafv2_web_acl_association.x, whose target is not known (waf/main.tf:2:1)",
    );
    expect(JSON.parse(await render("json", result, { color: false })).findings[0]).toMatchObject({
      certainty: "conditional",
      certaintyReason: reason,
    });
    expect(JSON.parse(await render("sarif", result, { color: false })).runs[0].results[0].properties).toMatchObject({
      certainty: "conditional",
      certaintyReason: reason,
    });
    expect(renderHtmlReport(result, [])).toContain(` · ${reason}</p>`);
    // The register does not say "none" of a load balancer the link may cover.
    expect(buildRegister(result.estate, result.findings).map((entry) => [entry.resource, entry.waf])).toEqual([
      ["aws_lb.web (app)", "unknown"],
    ]);
    const alone = wafScan(estate({ app: PUBLIC_ALB }));
    expect(buildRegister(alone.estate, alone.findings).map((entry) => [entry.resource, entry.waf])).toEqual([
      ["aws_lb.web (app)", "none"],
    ]);
  });

  it("in another repository has no effect at all", () => {
    const directory = estate({ "one/app": PUBLIC_ALB, "two/waf": LINK }, ["one", "two"]);
    expect(described(wafScan(directory))).toEqual(["one/app/main.tf:1:1 | definite | "]);
  });

  it("handed over by a removed block that keeps it leaves its root's load balancers unjudged", () => {
    expect(wafFindings(estate({ app: `${PUBLIC_ALB}${HANDED_OVER(false)}` }))).toEqual([]);
    expect(wafFindings(estate({ app: `${PUBLIC_ALB}${HANDED_OVER(true)}` }))).toEqual(["app/main.tf:aws_lb.web"]);
  });

  it("handed over in a root with nothing it could protect makes other roots' findings conditional", () => {
    expect(described(wafScan(estate({ app: PUBLIC_ALB, old: HANDED_OVER(false) })))).toEqual([
      "app/main.tf:1:1 | conditional | holds unless aws_wafv2_web_acl_association.old (root module old), handed over by a removed block, covers it: its target is not known | old/main.tf:1:1 may be covered by aws_wafv2_web_acl_association.old, whose target is not known",
    ]);
  });

  it("handed over with a load balancer of its own root serves that root: other roots' findings stay definite", () => {
    const handedOverLoadBalancer = `removed {\n  from = aws_lb.old\n  lifecycle {\n    destroy = false\n  }\n}\n`;
    expect(
      described(wafScan(estate({ app: PUBLIC_ALB, old: `${handedOverLoadBalancer}${HANDED_OVER(false)}` }))),
    ).toEqual(["app/main.tf:1:1 | definite | "]);
  });

  it("derived from a resource type it cannot be leaves the others judged", () => {
    const directory = estate({
      app: `${PUBLIC_ALB}data "aws_api_gateway_stage" "prod" {\n  rest_api_id = "abc"\n  stage_name  = "prod"\n}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = data.aws_api_gateway_stage.prod.arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n`,
    });
    expect(wafFindings(directory)).toEqual(["app/main.tf:aws_lb.web"]);
  });

  it("derived from a load balancer data source leaves load balancers unjudged", () => {
    const directory = estate({
      app: `${PUBLIC_ALB}data "aws_lb" "web" {\n  name = "web"\n}\nresource "aws_wafv2_web_acl_association" "x" {\n  resource_arn = data.aws_lb.web.arn\n  web_acl_arn  = "arn:aws:wafv2:acl"\n}\n`,
    });
    expect(wafFindings(directory)).toEqual([]);
  });
});

describe("a DNSSEC configuration whose zone cannot be traced", () => {
  const ZONE = 'resource "aws_route53_zone" "public" {\n  name = "example.nhs.uk"\n}\n';
  const SIGNER =
    'variable "zone_id" {}\nresource "aws_route53_hosted_zone_dnssec" "x" {\n  hosted_zone_id = var.zone_id\n}\n';
  const signing = (directory: string) =>
    described(scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-DNS-004")!] }));

  it("leaves its own root's zones unjudged", () => {
    expect(signing(estate({ dns: `${ZONE}${SIGNER}` }))).toEqual([]);
  });

  it("in a root with no zone of its own makes other roots' findings conditional", () => {
    expect(signing(estate({ dns: ZONE, signing: SIGNER }))).toEqual([
      "dns/main.tf:1:1 | conditional | holds unless aws_route53_hosted_zone_dnssec.x (root module signing) signs it: its target is not known | signing/main.tf:2:1 may be signed by aws_route53_hosted_zone_dnssec.x, whose target is not known",
    ]);
  });

  it("in a root with a zone of its own, or in another repository, leaves other roots' findings definite", () => {
    const other = 'resource "aws_route53_zone" "other" {\n  name = "other.nhs.uk"\n}\n';
    expect(signing(estate({ dns: ZONE, signing: `${other}${SIGNER}` }))).toEqual(["dns/main.tf:1:1 | definite | "]);
    expect(signing(estate({ "one/dns": ZONE, "two/signing": SIGNER }, ["one", "two"]))).toEqual([
      "one/dns/main.tf:1:1 | definite | ",
    ]);
  });
});

describe("a Front Door security policy whose domains cannot be traced", () => {
  const ENDPOINT = `resource "azurerm_cdn_frontdoor_endpoint" "portal" {
  name                     = "portal"
  cdn_frontdoor_profile_id = "profile"
}

resource "azurerm_cdn_frontdoor_route" "portal" {
  name                          = "portal"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.portal.id
  cdn_frontdoor_origin_group_id = "group"
  cdn_frontdoor_origin_ids      = []
  patterns_to_match             = ["/*"]
  supported_protocols           = ["Https"]
}
`;
  const POLICY = `variable "domain_id" {}
resource "azurerm_cdn_frontdoor_security_policy" "shared" {
  name                     = "waf"
  cdn_frontdoor_profile_id = "profile"
  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = "firewall"
      association {
        patterns_to_match = ["/*"]
        domain {
          cdn_frontdoor_domain_id = var.domain_id
        }
      }
    }
  }
}
`;
  const frontDoor = (directory: string) =>
    described(scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-WAF-013")!] }));

  it("leaves its own root's endpoints unjudged and makes other roots' findings conditional", () => {
    expect(frontDoor(estate({ fd: `${ENDPOINT}${POLICY}` }))).toEqual([]);
    expect(frontDoor(estate({ fd: ENDPOINT, waf: POLICY }))).toEqual([
      "fd/main.tf:1:1 | conditional | holds unless azurerm_cdn_frontdoor_security_policy.shared (root module waf) covers it: its target is not known | waf/main.tf:2:1 may be covered by azurerm_cdn_frontdoor_security_policy.shared, whose target is not known",
    ]);
    expect(frontDoor(estate({ "one/fd": ENDPOINT, "two/waf": POLICY }, ["one", "two"]))).toEqual([
      "one/fd/main.tf:1:1 | definite | ",
    ]);
  });
});

describe("a CloudFront distribution whose origin cannot be traced", () => {
  const WEBSITE = `resource "aws_s3_bucket" "leaflets" {
  bucket = "trust-patient-leaflets"
}

resource "aws_s3_bucket_public_access_block" "leaflets" {
  bucket                  = aws_s3_bucket.leaflets.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket_website_configuration" "leaflets" {
  bucket = aws_s3_bucket.leaflets.id
  index_document {
    suffix = "index.html"
  }
}
`;
  const CDN = `variable "origin" {}
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = var.origin
    origin_id   = "site"
  }
}
`;
  const websites = (directory: string) =>
    described(scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-TLS-012")!] }));

  it("leaves its own root's websites unjudged and makes other roots' findings conditional", () => {
    expect(websites(estate({ site: `${WEBSITE}${CDN}` }))).toEqual([]);
    expect(websites(estate({ site: WEBSITE, cdn: CDN }))).toEqual([
      "site/main.tf:13:1 | conditional | holds unless aws_cloudfront_distribution.cdn (root module cdn) fronts it: its target is not known | cdn/main.tf:2:1 may be fronted by aws_cloudfront_distribution.cdn, whose target is not known",
    ]);
    expect(websites(estate({ "one/site": WEBSITE, "two/cdn": CDN }, ["one", "two"]))).toEqual([
      "one/site/main.tf:13:1 | definite | ",
    ]);
  });
});

describe("an Azure front whose origin cannot be traced", () => {
  const APP = `resource "azurerm_linux_web_app" "rota" {
  name                          = "app-rota"
  resource_group_name           = "rg-web"
  location                      = "uksouth"
  service_plan_id               = "plan"
  public_network_access_enabled = false
  site_config {}
}
`;
  const FRONT = `variable "origin_host" {}
resource "azurerm_cdn_frontdoor_origin" "shared" {
  name                          = "shared"
  cdn_frontdoor_origin_group_id = "group"
  host_name                     = var.origin_host
  certificate_name_check_enabled = true
}
`;
  const apps = (directory: string) =>
    described(scan({ paths: [directory], cwd: directory, rules: [findRule("IFL-EXP-010")!] }));

  it("leaves its own root's apps unjudged and makes other roots' findings conditional", () => {
    expect(apps(estate({ app: `${APP}${FRONT}` }))).toEqual([]);
    expect(apps(estate({ app: APP, front: FRONT }))).toEqual([
      "app/main.tf:6:35 | conditional | holds unless azurerm_cdn_frontdoor_origin.shared (root module front) fronts it: its target is not known | front/main.tf:2:1 may be fronted by azurerm_cdn_frontdoor_origin.shared, whose target is not known",
    ]);
    expect(apps(estate({ "one/app": APP, "two/front": FRONT }, ["one", "two"]))).toEqual([
      "one/app/main.tf:6:35 | definite | ",
    ]);
  });
});
