/** The asset register built from the example estate, and its CSV, JSON and Markdown forms. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { buildRegister } from "../src/register/build-register.js";
import { renderRegisterCsv, renderRegisterJson, renderRegisterMarkdown } from "../src/reporters/register.js";
import { repoRoot } from "./support/rule-harness.js";

const result = scan({ paths: [join(repoRoot, "examples", "nhs-trust")], cwd: repoRoot });
const entries = buildRegister(result.estate, result.findings);
const row = (resource: string) => entries.find((entry) => entry.resource === resource)!;

describe("asset register", () => {
  it("has a row per service entry point on both clouds: load balancers, CloudFront, APIs, web apps, gateways, Front Door and DNS names", () => {
    expect(entries.map((entry) => entry.resource)).toEqual([
      "azurerm_linux_web_app.booking",
      "aws_api_gateway_rest_api.appointments",
      "azurerm_windows_web_app.referrals",
      "aws_api_gateway_rest_api.referrals",
      "aws_lb.pacs",
      "aws_cloudfront_distribution.leaflets",
      "aws_lb.portal",
      "azurerm_application_gateway.referrals",
      "aws_api_gateway_domain_name.appointments",
      "azurerm_cdn_frontdoor_endpoint.booking",
      "azurerm_dns_cname_record.booking",
      "intranet.example-trust.nhs.uk.",
      "mail.example-trust.nhs.uk.",
      "ns1.example-trust.nhs.uk.",
      "azurerm_dns_a_record.pas",
      "aws_route53_record.portal",
      "aws_route53_record.rota",
      "www.example-trust.nhs.uk.",
    ]);
  });

  it("describes Azure services: what fronts a web app and its WAF, Front Door's names and WAF, Azure DNS names", () => {
    expect(row("azurerm_linux_web_app.booking")).toMatchObject({
      service: "Appointment booking",
      kind: "Azure web app",
      hosting: "Azure uksouth",
      tls: "HTTPS only; TLS 1.2+",
      waf: "WAF via Front Door azurerm_cdn_frontdoor_endpoint.booking",
      readiness: "ready",
    });
    expect(row("azurerm_windows_web_app.referrals")).toMatchObject({
      tls: "HTTP served; TLS 1.0+",
      waf: "none (azurerm_application_gateway.referrals has no WAF)",
      readiness: "not ready",
      findings: ["IFL-TLS-006"],
    });
    expect(row("azurerm_application_gateway.referrals")).toMatchObject({
      exposure: "internet-facing",
      waf: "none",
      findings: ["IFL-TLS-008", "IFL-WAF-005"],
    });
    expect(row("azurerm_cdn_frontdoor_endpoint.booking")).toMatchObject({
      tls: "HTTPS (HTTP redirected)",
      waf: "WAF (security policy)",
      dnsNames: ["booking.services.example-trust.nhs.uk", "booking.example-trust.nhs.uk"],
      members: ["azurerm_cdn_frontdoor_endpoint.booking", "azurerm_cdn_frontdoor_route.booking"],
      readiness: "ready",
    });
    expect(row("azurerm_dns_cname_record.booking")).toMatchObject({
      kind: "DNS name (Azure DNS)",
      exposure: "internet-facing",
      dependsOn: ["azurerm_cdn_frontdoor_endpoint.booking"],
      readiness: "ready",
    });
    expect(row("azurerm_dns_a_record.pas")).toMatchObject({
      dnsNames: ["pas.services.example-trust.nhs.uk", "A 10.84.20.15"],
      privateDependencies: ["resolves to a private address"],
      readiness: "not ready",
      findings: ["IFL-ADDR-004"],
    });
  });

  it("lists container apps with their ingress: external or not, HTTP redirected or served", () => {
    const fixtures = join(repoRoot, "fixtures", "IFL-TLS-023");
    const rows = (kind: string) => {
      const scanned = scan({ paths: [join(fixtures, kind)], cwd: fixtures });
      return buildRegister(scanned.estate, scanned.findings).map(
        ({ resource, kind: rowKind, exposure, tls, readiness }) => ({
          resource,
          kind: rowKind,
          exposure,
          tls,
          readiness,
        }),
      );
    };
    expect(rows("fail")).toEqual([
      {
        resource: "azurerm_container_app.booking",
        kind: "Azure container app",
        exposure: "internet-facing",
        tls: "HTTP served",
        readiness: "not ready",
      },
    ]);
    expect(rows("pass")).toEqual([
      {
        resource: "azurerm_container_app.portal",
        kind: "Azure container app",
        exposure: "internet-facing",
        tls: "HTTPS (HTTP redirected)",
        readiness: expect.any(String),
      },
      {
        resource: "azurerm_container_app.worker",
        kind: "Azure container app",
        exposure: "private-only",
        tls: "HTTP served",
        readiness: expect.any(String),
      },
    ]);
  });

  it("describes how the good pattern is hosted and made available, and finds it ready", () => {
    expect(row("aws_lb.portal")).toEqual({
      service: "Patient portal",
      kind: "application load balancer",
      resource: "aws_lb.portal",
      root: "examples/nhs-trust",
      locations: ["examples/nhs-trust/patient-portal.tf:25"],
      hosting: "AWS",
      exposure: "internet-facing",
      addressing: "public, dual-stack IPv6",
      tls: "443: TLS 1.2+; 80: HTTP redirected",
      waf: "trust-main",
      dnsNames: ["portal.example-trust.nhs.uk"],
      privateDependencies: [],
      readiness: "ready",
      findings: [],
      planned: false,
      members: [
        "aws_lb.portal",
        "aws_lb_listener.portal_https",
        "aws_lb_listener.portal_http",
        "aws_security_group.portal_lb",
      ],
      dependsOn: [],
    });
  });

  it("marks services not ready with the findings that decide it, and their private-network dependencies", () => {
    expect(row("aws_lb.pacs")).toMatchObject({
      service: "PACS viewer",
      tls: "80: HTTP served",
      waf: "none",
      readiness: "not ready",
      findings: ["IFL-ADDR-002", "IFL-TLS-001", "IFL-WAF-001"],
      privateDependencies: ["ingress from private ranges only"],
    });
    expect(row("aws_api_gateway_rest_api.referrals")).toMatchObject({
      exposure: "private-only",
      readiness: "not ready",
      findings: ["IFL-EXP-001"],
    });
    expect(row("aws_api_gateway_rest_api.referrals").privateDependencies).toContain(
      "aws_vpn_connection.hscn (vpn connection)",
    );
    expect(row("intranet.example-trust.nhs.uk.")).toMatchObject({ readiness: "not ready", findings: ["IFL-DNS-001"] });
  });

  it("has Route 53 names as rows that depend on the service they alias, and custom domains with their TLS policy", () => {
    expect(row("aws_route53_record.portal")).toMatchObject({
      kind: "DNS name (Route 53)",
      addressing: "alias",
      readiness: "ready",
      dependsOn: ["aws_lb.portal"],
    });
    expect(row("aws_route53_record.rota")).toMatchObject({
      readiness: "not ready",
      findings: ["IFL-ADDR-001"],
      privateDependencies: ["resolves to a private address"],
    });
    expect(row("aws_api_gateway_domain_name.appointments")).toMatchObject({
      service: "appointments-api.example-trust.nhs.uk",
      tls: "security policy TLS_1_0",
      readiness: "not ready",
      findings: ["IFL-TLS-005"],
    });
  });

  it("flags services that appear only as creates in a plan as planned", () => {
    const plan = scan({ paths: [join(repoRoot, "fixtures", "inputs", "plan-only")], cwd: repoRoot });
    expect(buildRegister(plan.estate, plan.findings).map((entry) => [entry.resource, entry.planned])).toEqual([
      ['module.web["portal"].aws_lb.this (fixtures/inputs/plan-only)', true],
    ]);
  });

  it("shows internal-by-design services as such", () => {
    const internal = buildRegister(result.estate, result.findings, {
      allowedCidrs: [],
      privateNetworkRanges: [],
      capacityOf: () => undefined,
      isInternalService: (resource) => resource.address === "aws_api_gateway_rest_api.referrals",
    });
    expect(internal.find((entry) => entry.resource === "aws_api_gateway_rest_api.referrals")?.exposure).toBe(
      "internal by design",
    );
  });
});

describe("register formats", () => {
  it("CSV follows RFC 4180, with an optional BOM for Excel", () => {
    const csv = renderRegisterCsv(entries, { bom: true });
    expect(
      csv.startsWith(
        "\ufeffService,Kind,Resource,Source,Hosting,Exposure,Addressing,TLS,WAF,DNS names,Private-network dependencies,Readiness,Findings,Planned\r\n",
      ),
    ).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(entries.length + 2);
    expect(csv).toContain(",443: TLS 1.2+; 80: HTTP redirected,");
    const quoted = renderRegisterCsv([{ ...entries[0], service: 'Say "hi", then\nleave', kind: "=SUM(A1)" }]);
    expect(quoted).toContain('"Say ""hi"", then\nleave",\'=SUM(A1)');
    expect(renderRegisterCsv(entries).startsWith("Service")).toBe(true);
  });

  it("JSON and Markdown carry the same rows", () => {
    const json = JSON.parse(renderRegisterJson(entries, ["aws_vpn_connection.hscn (vpn connection)"])) as {
      services: unknown[];
      privateLinks: string[];
    };
    expect(json.services).toHaveLength(entries.length);
    expect(json.privateLinks).toEqual(["aws_vpn_connection.hscn (vpn connection)"]);
    const markdown = renderRegisterMarkdown(entries);
    expect(markdown).toContain("18 service entry points: 9 ready, 9 not ready, 0 unknown.");
    expect(markdown.split("\n").filter((line) => line.startsWith("| "))).toHaveLength(entries.length + 2);
  });

  it("is written by iflint register", () => {
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, "dist", "src", "cli", "main.js"), "register", "examples/nhs-trust", "--format", "json"],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { services: unknown[] }).services).toHaveLength(18);
  });
});
