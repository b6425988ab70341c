/** The asset register built from the example estate, and its CSV, JSON and Markdown forms. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { buildRegister } from "../src/register/build-register.js";
import { renderRegisterCsv, renderRegisterJson, renderRegisterMarkdown } from "../src/reporters/register.js";
import { estateNationalDependencies } from "../src/register/national-dependencies.js";
import { ruleSettings } from "../src/engine/settings.js";
import { renderHtmlReport } from "../src/reporters/html-report.js";
import { repoRoot } from "./support/rule-harness.js";

const result = scan({ paths: [join(repoRoot, "examples", "nhs-trust")], cwd: repoRoot });
const entries = buildRegister(result.estate, result.findings);
const row = (address: string) =>
  entries.find((entry) => entry.resource === address || entry.resource.startsWith(`${address} (`))!;

describe("asset register", () => {
  it("has a row per service entry point on both clouds, then the names that point outside the scan", () => {
    expect(entries.map((entry) => [entry.section, entry.resource])).toEqual([
      ["service", "azurerm_linux_web_app.booking (examples/nhs-trust/azure)"],
      ["service", "aws_api_gateway_rest_api.appointments (examples/nhs-trust)"],
      ["service", "azurerm_windows_web_app.referrals (examples/nhs-trust/azure)"],
      ["service", "aws_api_gateway_rest_api.referrals (examples/nhs-trust)"],
      ["service", "aws_lb.pacs (examples/nhs-trust)"],
      ["service", "aws_cloudfront_distribution.leaflets (examples/nhs-trust)"],
      ["service", "aws_lb.portal (examples/nhs-trust)"],
      ["service", "azurerm_application_gateway.referrals (examples/nhs-trust/azure)"],
      ["service", "aws_api_gateway_domain_name.appointments (examples/nhs-trust)"],
      ["service", "azurerm_cdn_frontdoor_endpoint.booking (examples/nhs-trust/azure)"],
      ["name", "intranet.example-trust.nhs.uk."],
      ["name", "mail.example-trust.nhs.uk."],
      ["name", "ns1.example-trust.nhs.uk."],
      ["name", "azurerm_dns_a_record.pas (examples/nhs-trust/azure)"],
      ["name", "aws_route53_record.rota (examples/nhs-trust)"],
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
    // The Azure DNS CNAME pointing at the endpoint is one of its names, not a row of its own.
    expect(row("azurerm_cdn_frontdoor_endpoint.booking")).toMatchObject({
      tls: "HTTPS (HTTP redirected)",
      waf: "WAF (security policy)",
      dnsNames: ["booking.services.example-trust.nhs.uk", "booking.example-trust.nhs.uk"],
      members: [
        "azurerm_cdn_frontdoor_endpoint.booking",
        "azurerm_cdn_frontdoor_route.booking",
        "azurerm_dns_cname_record.booking",
      ],
      readiness: "ready",
    });
    expect(row("azurerm_dns_cname_record.booking")).toBeUndefined();
    expect(row("azurerm_dns_a_record.pas")).toMatchObject({
      section: "name",
      dnsNames: ["pas.services.example-trust.nhs.uk", "A 10.84.20.15"],
      privateDependencies: ["resolves to a private address"],
      readiness: "not ready",
      findings: ["IFL-ADDR-004"],
    });
  });

  it("lists container apps with their ingress: external or not, HTTP redirected or served", () => {
    // These apps name their environment by an id written out: whether it is internal is not known.
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
        resource: "azurerm_container_app.booking (fail)",
        kind: "Azure container app",
        exposure: "unknown",
        tls: "HTTP served",
        readiness: "not ready",
      },
    ]);
    expect(rows("pass")).toEqual([
      {
        resource: "azurerm_container_app.portal (pass)",
        kind: "Azure container app",
        exposure: "unknown",
        tls: "HTTPS (HTTP redirected)",
        readiness: expect.any(String),
      },
      {
        resource: "azurerm_container_app.worker (pass)",
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
      section: "service",
      resource: "aws_lb.portal (examples/nhs-trust)",
      root: "examples/nhs-trust",
      locations: [
        "examples/nhs-trust/patient-portal.tf:25",
        "examples/nhs-trust/dns.tf:5",
        "examples/nhs-trust/example-trust.nhs.uk.zone:14",
      ],
      hosting: "AWS",
      exposure: "internet-facing",
      addressing: "public, dual-stack IPv6",
      tls: "443: TLS 1.2+; 80: HTTP redirected",
      waf: "trust-main",
      // The Route 53 alias, and the zone file's CNAME to that name, are the portal's names.
      dnsNames: ["portal.example-trust.nhs.uk", "www.example-trust.nhs.uk"],
      privateDependencies: [],
      nationalServices: [],
      readiness: "ready",
      findings: [],
      planned: false,
      members: [
        "aws_lb.portal",
        "aws_lb_listener.portal_https",
        "aws_lb_listener.portal_http",
        "aws_security_group.portal_lb",
        "aws_route53_record.portal",
        "www.example-trust.nhs.uk.",
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

  it("has Route 53 names pointing outside the scan as names, and custom domains with their TLS policy", () => {
    expect(row("aws_route53_record.portal")).toBeUndefined();
    expect(row("aws_route53_record.rota")).toMatchObject({
      section: "name",
      kind: "DNS name (Route 53)",
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
    expect(
      internal.find((entry) => entry.resource === "aws_api_gateway_rest_api.referrals (examples/nhs-trust)")?.exposure,
    ).toBe("internal by design");
  });
});

describe("register formats", () => {
  it("CSV follows RFC 4180, with an optional BOM for Excel", () => {
    const csv = renderRegisterCsv(entries, { bom: true });
    expect(
      csv.startsWith(
        "\ufeffSection,Service,Kind,Resource,Source,Hosting,Exposure,Addressing,TLS,WAF,DNS names,Private-network dependencies,National services,Readiness,Findings,Planned\r\n",
      ),
    ).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(entries.length + 2);
    expect(csv).toContain(",443: TLS 1.2+; 80: HTTP redirected,");
    const quoted = renderRegisterCsv([{ ...entries[0], service: 'Say "hi", then\nleave', kind: "=SUM(A1)" }]);
    expect(quoted).toContain('"Say ""hi"", then\nleave",\'=SUM(A1)');
    expect(renderRegisterCsv(entries).startsWith("Section,Service")).toBe(true);
    expect(csv).toContain(
      "\r\nname,rota.example-trust.nhs.uk,DNS name (Route 53),aws_route53_record.rota (examples/nhs-trust),",
    );
  });

  it("JSON and Markdown carry the same rows, services apart from names, and count services only", () => {
    const json = JSON.parse(renderRegisterJson(entries, ["aws_vpn_connection.hscn (vpn connection)"])) as {
      services: unknown[];
      names: unknown[];
      privateLinks: string[];
    };
    expect([json.services.length, json.names.length]).toEqual([10, 5]);
    expect(json.privateLinks).toEqual(["aws_vpn_connection.hscn (vpn connection)"]);
    const markdown = renderRegisterMarkdown(entries);
    expect(markdown).toContain("10 services: 4 ready, 6 not ready, 0 unknown.");
    expect(markdown).toContain("## Names\n\n5 DNS names: 2 ready, 3 not ready, 0 unknown that point outside the scan");
    // Two tables, each with a header and a rule line.
    expect(markdown.split("\n").filter((line) => line.startsWith("| "))).toHaveLength(entries.length + 4);
  });

  it("is written by iflint register", () => {
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, "dist", "src", "cli", "main.js"), "register", "examples/nhs-trust", "--format", "json"],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { services: unknown[] }).services).toHaveLength(10);
  });
});

describe("register of an estate with several names per service", () => {
  const fixture = join(repoRoot, "fixtures", "register", "several-names");
  const scanned = scan({ paths: [fixture], cwd: fixture });
  const rows = buildRegister(scanned.estate, scanned.findings);
  const summary = rows.map(({ section, resource, service, dnsNames, readiness, findings }) => ({
    section,
    resource,
    service,
    dnsNames,
    readiness,
    findings,
  }));

  it("puts every name that points at a service in the scan on that service's row, and only the rest under names", () => {
    expect(summary).toEqual([
      {
        section: "service",
        resource: "aws_lb.main (web)",
        service: "Outpatient letters",
        // A and AAAA aliases of one name, a CNAME to it, and a CNAME to that CNAME.
        dnsNames: [
          "letters.example-trust.nhs.uk",
          "www.letters.example-trust.nhs.uk",
          "old.letters.example-trust.nhs.uk",
        ],
        readiness: "not ready",
        findings: ["IFL-EXP-014", "IFL-TLS-002"],
      },
      {
        section: "service",
        resource: "aws_cloudfront_distribution.site (edge)",
        service: "Trust website",
        // Its aliases, and the zone file's CNAMEs to an alias (one through the other).
        dnsNames: [
          "cdn.example-trust.nhs.uk",
          "static.example-trust.nhs.uk",
          "www.example-trust.nhs.uk",
          "home.example-trust.nhs.uk",
        ],
        readiness: "not ready",
        findings: ["IFL-TLS-004"],
      },
      {
        section: "service",
        resource: "aws_lb.main (edge)",
        service: "edge-internal",
        dnsNames: [],
        readiness: "ready",
        findings: [],
      },
      {
        section: "service",
        resource: "azurerm_linux_web_app.imaging (azure)",
        service: "imaging",
        dnsNames: [],
        readiness: "ready",
        findings: [],
      },
      {
        section: "name",
        resource: "jobs.example-trust.nhs.uk.",
        service: "jobs.example-trust.nhs.uk",
        dnsNames: ["jobs.example-trust.nhs.uk", "CNAME example-trust.jobs-board.example.com."],
        readiness: "ready",
        findings: [],
      },
      {
        section: "name",
        resource: "aws_route53_record.legacy (web)",
        service: "legacy.letters.example-trust.nhs.uk",
        // Its A and AAAA records: one name, one row.
        dnsNames: ["legacy.letters.example-trust.nhs.uk", "A 10.84.3.7", "AAAA 2001:db8:84::7"],
        readiness: "not ready",
        findings: ["IFL-ADDR-001"],
      },
      {
        section: "name",
        resource: "aws_route53_record.partner (web)",
        service: "partner.letters.example-trust.nhs.uk",
        dnsNames: ["partner.letters.example-trust.nhs.uk", "CNAME letters.supplier.example.com"],
        readiness: "ready",
        findings: [],
      },
    ]);
  });

  it("counts services only in the headline, and lists names apart", () => {
    const markdown = renderRegisterMarkdown(rows);
    expect(markdown).toContain("4 services: 2 ready, 2 not ready, 0 unknown.");
    expect(markdown).toContain("3 DNS names: 2 ready, 1 not ready, 0 unknown that point outside the scan");
    const csv = renderRegisterCsv(rows).split("\r\n");
    expect(csv.map((line) => line.split(",")[0])).toEqual([
      "Section",
      "service",
      "service",
      "service",
      "service",
      "name",
      "name",
      "name",
      "",
    ]);
  });

  it("says what is known: the provider default where a finding says it applies, unknown where the web ACL is", () => {
    const byResource = new Map(rows.map((entry) => [entry.resource, entry]));
    expect(byResource.get("aws_route53_record.legacy (web)")).toMatchObject({
      addressing: "dual-stack IPv6",
      members: ["aws_route53_record.legacy", "aws_route53_record.legacy_v6"],
    });
    expect(byResource.get("aws_lb.main (web)")).toMatchObject({
      tls: "443: TLS 1.0 (provider default)",
      // Attached by an association; which ACL comes from a variable.
      waf: "yes",
    });
    expect(byResource.get("aws_cloudfront_distribution.site (edge)")).toMatchObject({
      tls: "TLS 1.0 (provider default); redirect-to-https",
      // web_acl_id from a variable without a default: attached or not is unknown.
      waf: "unknown",
    });
    // Internal: no finding, but the default policy applies all the same.
    expect(byResource.get("aws_lb.main (edge)")).toMatchObject({
      exposure: "private-only",
      tls: "443: TLS 1.0 (provider default)",
      waf: "none",
    });
  });
});

describe("register of Azure Application Gateways: WAF and TLS", () => {
  const fixture = join(repoRoot, "fixtures", "register", "azure-waf");
  const scanned = scan({ paths: [fixture], cwd: fixture });
  const rows = buildRegister(scanned.estate, scanned.findings);
  const byAddress = new Map(rows.map((entry) => [entry.resource.replace(/ \(.*\)$/, ""), entry]));

  it("says what is known of an Application Gateway's WAF: detecting only, disabled, none, or unknown", () => {
    expect(Object.fromEntries([...byAddress].map(([address, entry]) => [address, entry.waf]))).toEqual({
      // Fronted by the detecting gateway.
      "azurerm_linux_web_app.booking":
        "WAF in Detection mode (logs, does not block) via azurerm_application_gateway.detecting",
      // An inline waf_configuration in Detection mode, with a SKU tier from a variable.
      "azurerm_application_gateway.detecting": "WAF in Detection mode (logs, does not block)",
      // Its policy's policy_settings.
      "azurerm_application_gateway.policy_detecting": "WAF in Detection mode (logs, does not block)",
      "azurerm_application_gateway.standard": "none",
      "azurerm_application_gateway.switched_off": "WAF disabled",
      // No WAF configuration, and a SKU tier that may be WAF_v2.
      "azurerm_application_gateway.tier_from_caller": "unknown",
    });
  });

  it("says a gateway's TLS without guessing: TLS 1.2+ without ssl_policy, unknown for a policy from a variable", () => {
    expect(byAddress.get("azurerm_application_gateway.detecting")?.tls).toBe(
      "no ssl_policy (TLS 1.2+ since 31 August 2025)",
    );
    expect(byAddress.get("azurerm_application_gateway.standard")?.tls).toBe("unknown");
  });

  it("counts a gateway's WAF policy and its findings towards the gateway", () => {
    expect(byAddress.get("azurerm_application_gateway.policy_detecting")).toMatchObject({
      members: ["azurerm_application_gateway.policy_detecting", "azurerm_web_application_firewall_policy.detecting"],
      readiness: "not ready",
      findings: ["IFL-WAF-006"],
    });
  });
});

/** A fixture's register rows with what says how each service is reached and protected. */
function exposureRows(name: string) {
  const fixture = join(repoRoot, "fixtures", "register", name);
  const scanned = scan({ paths: [fixture], cwd: fixture });
  return buildRegister(scanned.estate, scanned.findings).map(
    ({ resource, exposure, addressing, tls, waf, readiness, findings, members }) => ({
      resource: resource.replace(/ \(.*\)$/, ""),
      exposure,
      addressing,
      tls,
      waf,
      readiness,
      findings,
      members,
    }),
  );
}

describe("register of Azure services whose exposure or WAF the code may not decide", () => {
  const noPolicy = "no ssl_policy (TLS 1.2+ since 31 August 2025)";

  it("reads an Application Gateway as IFL-WAF-005 does: dynamic frontends, listeners' and paths' own policies", () => {
    expect(exposureRows("azure-gateway-exposure")).toEqual([
      {
        // Frontends from a variable: no static public one is no proof of private; SKU tier from a variable.
        resource: "azurerm_application_gateway.from_inputs",
        exposure: "unknown",
        addressing: "unknown",
        tls: noPolicy,
        waf: "unknown",
        readiness: "unknown",
        findings: [],
        members: ["azurerm_application_gateway.from_inputs"],
      },
      {
        // The booking listener's own policy detects only, and replaces the gateway's for its traffic.
        resource: "azurerm_application_gateway.listener_detecting",
        exposure: "internet-facing",
        addressing: "public",
        tls: noPolicy,
        waf: "WAF in Detection mode (logs, does not block) for some listeners or paths",
        readiness: "not ready",
        findings: ["IFL-WAF-006"],
        members: [
          "azurerm_application_gateway.listener_detecting",
          "azurerm_web_application_firewall_policy.blocking",
          "azurerm_web_application_firewall_policy.detecting",
        ],
      },
      {
        resource: "azurerm_application_gateway.path_policy_from_input",
        exposure: "internet-facing",
        addressing: "public",
        tls: noPolicy,
        waf: "WAF (whether it blocks is not known) for some listeners or paths",
        readiness: "ready",
        findings: [],
        members: [
          "azurerm_application_gateway.path_policy_from_input",
          "azurerm_web_application_firewall_policy.blocking",
        ],
      },
      {
        // Its public IP serves no listener.
        resource: "azurerm_application_gateway.private_listener",
        exposure: "private-only",
        addressing: "private",
        tls: noPolicy,
        waf: "none",
        readiness: "ready",
        findings: [],
        members: ["azurerm_application_gateway.private_listener"],
      },
      {
        // Public, with a SKU from a dynamic block: IFL-WAF-005 cannot judge it, and it is not ready for certain.
        resource: "azurerm_application_gateway.sku_from_input",
        exposure: "internet-facing",
        addressing: "public",
        tls: noPolicy,
        waf: "unknown",
        readiness: "unknown",
        findings: [],
        members: ["azurerm_application_gateway.sku_from_input"],
      },
    ]);
  });

  it("takes a container app's exposure from its environment: internal, public, or not known", () => {
    const rows = exposureRows("azure-container-apps");
    const reached = Object.fromEntries(
      rows.map(({ resource, exposure, addressing, readiness }) => [resource, [exposure, addressing, readiness]]),
    );
    // allow_insecure_connections from a variable: whether HTTP is redirected is not known.
    expect(rows.find((row) => row.resource === "azurerm_container_app.messaging")?.tls).toBe("unknown");
    expect(reached).toEqual({
      // Through AzAPI: vnetConfiguration.internal = true.
      "azapi_resource.imaging": ["private-only", "private", "ready"],
      "azurerm_container_app.booking": ["private-only", "private", "ready"],
      "azurerm_container_app.messaging": ["internet-facing", "public", "ready"],
      // A data source's environment.
      "azurerm_container_app.pathology": ["unknown", "unknown", "unknown"],
      // internal_load_balancer_enabled left at the provider's default, false.
      "azurerm_container_app.portal": ["internet-facing", "public", "ready"],
      // internal by the environment module's variable default.
      "azurerm_container_app.referrals": ["private-only", "private", "ready"],
      // internal_load_balancer_enabled from a variable without a value.
      "azurerm_container_app.results": ["unknown", "unknown", "unknown"],
      // An environment id from a variable.
      "azurerm_container_app.rota": ["unknown", "unknown", "unknown"],
      // Internal ingress, whatever the environment.
      "azurerm_container_app.worker": ["private-only", "private", "ready"],
    });
  });

  it("links an app to the Front Door whose origin for_each has an unknown key but the app's host name as value", () => {
    expect(
      exposureRows("azure-front-door-origins").map(({ resource, exposure, waf }) => [resource, exposure, waf]),
    ).toEqual([
      ["azurerm_cdn_frontdoor_endpoint.booking", "internet-facing", "WAF (security policy)"],
      [
        "module.booking.azurerm_container_app.this",
        "private-only",
        "WAF via Front Door azurerm_cdn_frontdoor_endpoint.booking",
      ],
      // Through the endpoint module's typed map variable.
      [
        "module.referrals.azurerm_container_app.this",
        "private-only",
        "WAF via Front Door module.referrals_endpoint.azurerm_cdn_frontdoor_endpoint.this",
      ],
      ["module.referrals_endpoint.azurerm_cdn_frontdoor_endpoint.this", "internet-facing", "WAF (security policy)"],
      // No front names it, but the partner origin's host name comes from a variable.
      ["module.results.azurerm_container_app.this", "private-only", "unknown"],
    ]);
  });
});

describe("register, report and plan evaluate as scan does", () => {
  it("take --var (and --var-file, --workspace), checked as scan checks them", () => {
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [join(repoRoot, "dist", "src", "cli", "main.js"), "register", "fixtures/register/several-names", ...args],
        { cwd: repoRoot, encoding: "utf8" },
      );
    const waf = (stdout: string) =>
      (JSON.parse(stdout) as { services: { service: string; waf: string }[] }).services.find(
        (entry) => entry.service === "Trust website",
      )?.waf;
    expect(waf(run("--format", "json").stdout)).toBe("unknown");
    const given = run(
      "--format",
      "json",
      "--var",
      "web_acl_id=arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/1",
    );
    expect(given.status).toBe(0);
    expect(waf(given.stdout)).toBe("yes");
    const bad = run("--var", "web_acl_id");
    expect([bad.status, bad.stderr]).toEqual([
      2,
      expect.stringContaining('--var expects name=value, got "web_acl_id"'),
    ]);
    expect(run("--var-file", "missing.tfvars").stderr).toContain("--var-file missing.tfvars: no such file");
  });
});

describe("national services on the register", () => {
  const fixture = join(repoRoot, "fixtures", "register", "several-names");
  const config = {
    privateEndpoints: [{ host: "*.hscn.example-trust.nhs.uk", reason: "only on the trust's HSCN-facing DNS" }],
  };
  const scanned = scan({ paths: [fixture], cwd: fixture, config });
  const rows = buildRegister(scanned.estate, scanned.findings, ruleSettings(config));
  const national = (resource: string) => rows.find((entry) => entry.resource === resource)?.nationalServices;

  it("lists what the configuration serving each service names: its compute, and the parameters that compute reads", () => {
    expect(national("aws_lb.main (web)")).toEqual([
      "pds.ncrs.nhs.uk (Spine national services and Spine-registered endpoints (HSCN namespace)) from aws_ecs_task_definition.letters container_definitions; no internet route known yet",
      "mesh-sync.national.ncrs.nhs.uk (MESH over HSCN, production) from aws_ssm_parameter.mesh value; internet route: MESH API / MESH client over the internet at mesh-sync.spineservices.nhs.uk",
    ]);
    // The organisation's own private endpoint, from its configuration, like an HSCN-only national service.
    expect(national("azurerm_linux_web_app.imaging (azure)")).toEqual([
      "pacs.hscn.example-trust.nhs.uk (the organisation's private endpoint: only on the trust's HSCN-facing DNS) from azurerm_linux_web_app.imaging app_settings; move it to an internet-facing endpoint",
    ]);
    expect(rows.find((entry) => entry.resource === "azurerm_linux_web_app.imaging (azure)")?.readiness).toBe(
      "not ready",
    );
    // A load balancer in another root, and the distribution, serve none of it.
    expect(national("aws_lb.main (edge)")).toEqual([]);
    expect(national("aws_cloudfront_distribution.site (edge)")).toEqual([]);
  });

  it("keeps an estate-level list of those no service in the scan is served by", () => {
    expect(
      estateNationalDependencies(rows, scanned.findings).map(({ host, where, location, route }) => ({
        host,
        where,
        location,
        route,
      })),
    ).toEqual([
      {
        host: "ldap.nis1.national.ncrs.nhs.uk",
        where: "aws_ssm_parameter.sds value",
        location: "web/main.tf:89:11",
        route: "Spine Directory Service - FHIR API (API platform, integration) at int.api.service.nhs.uk",
      },
    ]);
    const json = JSON.parse(renderRegisterJson(rows, [], estateNationalDependencies(rows, scanned.findings))) as {
      nationalServices: { host: string }[];
    };
    expect(json.nationalServices.map((dependency) => dependency.host)).toEqual(["ldap.nis1.national.ncrs.nhs.uk"]);
    expect(renderRegisterCsv(rows).split("\r\n")[0]).toContain(",Private-network dependencies,National services,");
  });

  it("shows them in the HTML report: a column of the register and the estate-level list", () => {
    const html = renderHtmlReport(scanned, rows);
    expect(html).toContain('<th scope="col">National services</th>');
    expect(html).toContain(
      "<td>pacs.hscn.example-trust.nhs.uk (the organisation&#39;s private endpoint: only on the trust&#39;s HSCN-facing DNS)",
    );
    expect(html).toMatch(
      /National services not tied to a service<\/h3>\n<p>[^<]*<span data-count="national-services">1<\/span>/,
    );
    expect(html).toContain(
      "<li>ldap.nis1.national.ncrs.nhs.uk (Spine Directory Service (SDS) LDAP, integration) from aws_ssm_parameter.sds value;",
    );
  });
});
