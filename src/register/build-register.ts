/**
 * The asset register the Internet First guidance asks for (step 1 and 2): one row per digital
 * service entry point, with how it is hosted and made available, built from the code and the
 * findings instead of typed into a spreadsheet.
 */
import type { Estate } from "../model/estate.js";
import type { ResourceNode } from "../model/nodes.js";
import type { Finding } from "../engine/finding.js";
import type { RuleSettings } from "../engine/rule.js";
import { asString, isObject, isUnknown, type Value } from "../model/value.js";
import { loadBalancerExposure, loadBalancerType, listenersOf } from "../../rules/shared/aws-load-balancers.js";
import { elbPolicyMinimumTls } from "../../rules/shared/aws-tls-policies.js";
import { wafCoverage } from "../../rules/shared/aws-waf-associations.js";
import type { DnsRecordFacts } from "./dns-record-facts.js";
import {
  AZURE_DNS_RECORD_TYPES,
  AZURE_SERVICE_KINDS,
  azureDnsNames,
  azureDnsRecord,
  azureExposure,
  azureRelated,
  azureTls,
  azureWaf,
  isAzureService,
} from "./azure-services.js";

export type Exposure = "internet-facing" | "private-only" | "internal by design" | "unknown";
export type Readiness = "ready" | "not ready" | "unknown";

export interface RegisterEntry {
  service: string;
  kind: string;
  /** The resource address, with its root module when it is inside a module call. */
  resource: string;
  /** Root module directory, to tell apart instances of one module called from several roots. */
  root: string;
  locations: string[];
  hosting: string;
  exposure: Exposure;
  addressing: string;
  tls: string;
  waf: string;
  dnsNames: string[];
  privateDependencies: string[];
  readiness: Readiness;
  /** Rule ids of the open findings that decide readiness. */
  findings: string[];
  /** Appears only as a create in a plan: a service being planned or commissioned (guidance step 2). */
  planned: boolean;
  /** Addresses of the resources that make up the service (listeners, stages, security groups). */
  members: string[];
  /** Register rows this one depends on (a DNS name on the service it points at), by `resource`. */
  dependsOn: string[];
}

const KINDS: Record<string, string> = {
  aws_lb: "load balancer",
  aws_alb: "load balancer",
  aws_cloudfront_distribution: "CloudFront distribution",
  aws_api_gateway_rest_api: "API Gateway REST API",
  aws_apigatewayv2_api: "API Gateway HTTP/WebSocket API",
  aws_appsync_graphql_api: "AppSync GraphQL API",
  aws_api_gateway_domain_name: "API Gateway custom domain",
  aws_apigatewayv2_domain_name: "API Gateway custom domain",
  ...AZURE_SERVICE_KINDS,
};

const PRIVATE_LINKS = [
  "aws_vpn_connection",
  "aws_dx_connection",
  "aws_dx_gateway",
  "aws_ec2_client_vpn_endpoint",
  "aws_customer_gateway",
  "azurerm_virtual_network_gateway",
  "azurerm_express_route_circuit",
  "azurerm_local_network_gateway",
];

export function buildRegister(estate: Estate, findings: readonly Finding[], settings?: RuleSettings): RegisterEntry[] {
  const coverage = wafCoverage(estate, REGIONAL_WAF_TARGETS);
  const entries: RegisterEntry[] = [];
  for (const resource of estate.resourcesOfType(...Object.keys(KINDS))) {
    const related = relatedResources(estate, resource);
    const addresses = new Set([resource.address, ...related.map((item) => item.address)]);
    const open = findings.filter(
      (finding) =>
        !finding.suppressed &&
        finding.resource &&
        addresses.has(finding.resource) &&
        (!finding.root || finding.root === resource.module.root) &&
        finding.severity !== "note",
    );
    const exposure = settings?.isInternalService(resource) ? "internal by design" : exposureOf(resource);
    // Which service uses which circuit is not in the code: a private-only service is reached over
    // the private links of its root module, so only those services list them.
    const privateDependencies = [
      ...(exposure === "private-only" ? privateLinks(estate, resource.module.root) : []),
      ...open.filter((finding) => finding.ruleId === "IFL-ADDR-002").map(() => "ingress from private ranges only"),
    ];
    entries.push({
      service: serviceName(resource, dnsNamesOf(estate, resource)),
      kind: kindOf(resource),
      resource: resource.module.address ? `${resource.address} (${resource.module.root})` : resource.address,
      root: resource.module.root,
      locations: [
        `${resource.headerRange.file.path}:${resource.headerRange.start.line}`,
        // An AWS CDK resource also names the construct that creates it.
        ...(resource.input === "cloudformation" && resource.constructPath
          ? [`construct ${resource.constructPath}`]
          : []),
      ],
      hosting: hostingOf(estate, resource),
      exposure,
      addressing: addressingOf(resource, exposure),
      tls: tlsOf(estate, resource),
      waf: wafOf(estate, resource, coverage),
      dnsNames: dnsNamesOf(estate, resource),
      privateDependencies,
      readiness: open.length ? "not ready" : exposure === "unknown" ? "unknown" : "ready",
      findings: [...new Set(open.map((finding) => finding.ruleId))].sort(),
      planned: resource.planActions?.length === 1 && resource.planActions[0] === "create",
      members: [...addresses],
      dependsOn: [],
    });
  }
  entries.push(...dnsRecordRows(estate, findings, entries));
  // Route 53 zones are rows of their own already (from their record resources); these are zone files.
  for (const zone of estate.zones.filter((candidate) => !candidate.resource)) {
    if (zone.isPrivate) continue;
    const names = [
      ...new Set(
        zone.records.filter((record) => ["A", "AAAA", "CNAME"].includes(record.type)).map((record) => record.owner),
      ),
    ];
    for (const name of names) {
      const records = zone.records.filter(
        (record) => record.owner === name && ["A", "AAAA", "CNAME"].includes(record.type),
      );
      const lines = records.map((record) => record.range.start.line);
      const open = findings.filter(
        (finding) =>
          !finding.suppressed &&
          finding.severity !== "note" &&
          finding.range.file === records[0].range.file &&
          lines.includes(finding.range.start.line),
      );
      const values = records.map((record) => `${record.type} ${record.data.join(" ")}`);
      entries.push({
        service: name.replace(/\.$/, ""),
        kind: "DNS name (zone file)",
        resource: name,
        root: zone.range.file.path,
        locations: records.map((record) => `${record.range.file.path}:${record.range.start.line}`),
        hosting: `DNS zone ${zone.origin}`,
        exposure: "internet-facing",
        addressing: records.some((record) => record.type === "AAAA")
          ? "dual-stack IPv6"
          : records.some((record) => record.type === "A")
            ? "IPv4"
            : "alias (CNAME)",
        tls: "n/a",
        waf: "n/a",
        dnsNames: [name.replace(/\.$/, ""), ...values],
        privateDependencies: open.some(
          (finding) => finding.category === "private-addressing" || finding.category === "dns",
        )
          ? ["resolves to a private address or name"]
          : [],
        readiness: open.length ? "not ready" : "ready",
        findings: [...new Set(open.map((finding) => finding.ruleId))].sort(),
        planned: false,
        members: [name],
        dependsOn: [],
      });
    }
  }
  return entries.sort((a, b) =>
    a.service < b.service ? -1 : a.service > b.service ? 1 : a.resource < b.resource ? -1 : 1,
  );
}

/** What the register needs of one DNS record resource, whichever DNS service holds it. */

/** Route 53 records, read for the register; undefined for record types that are not names of services. */
function route53Record(estate: Estate, record: ResourceNode): DnsRecordFacts | undefined {
  const type = asString(record.value("type"))?.toUpperCase();
  if (!type || !["A", "AAAA", "CNAME"].includes(type)) return undefined;
  const zone = estate
    .referencedResources(record.value("zone_id"))
    .find((candidate) => candidate.resourceType === "aws_route53_zone");
  const values = record.value("records");
  return {
    type,
    name: asString(record.value("name")) ?? record.address,
    publicZone: zone ? !zone.blocksOfType("vpc").length : undefined,
    targets: estate.referencedResources([
      ...record.blocksOfType("alias").map((alias) => alias.value("name") ?? null),
      values ?? null,
    ]),
    values: Array.isArray(values) ? values.filter((value): value is string => typeof value === "string") : [],
    alias: record.blocksOfType("alias").length > 0,
  };
}

/** A/AAAA/CNAME records in public DNS zones (Route 53, Azure DNS): names that depend on the services they point at. */
function dnsRecordRows(
  estate: Estate,
  findings: readonly Finding[],
  services: readonly RegisterEntry[],
): RegisterEntry[] {
  const rows: RegisterEntry[] = [];
  const sources = [
    {
      types: ["aws_route53_record"],
      kind: "DNS name (Route 53)",
      hosting: "AWS Route 53",
      read: (record: ResourceNode) => route53Record(estate, record),
    },
    {
      types: AZURE_DNS_RECORD_TYPES,
      kind: "DNS name (Azure DNS)",
      hosting: "Azure DNS",
      read: (record: ResourceNode) => azureDnsRecord(estate, record),
    },
  ];
  for (const source of sources) {
    for (const record of estate.resourcesOfType(...source.types)) {
      const facts = source.read(record);
      if (!facts || facts.publicZone === false) continue;
      const { type, publicZone } = facts;
      const dependsOn = services
        .filter((service) =>
          facts.targets.some(
            (target) => service.members.includes(target.address) && service.root === target.module.root,
          ),
        )
        .map((service) => service.resource);
      const open = findings.filter(
        (finding) =>
          !finding.suppressed &&
          finding.severity !== "note" &&
          finding.resource === record.address &&
          (!finding.root || finding.root === record.module.root),
      );
      rows.push({
        service: facts.name,
        kind: source.kind,
        resource: record.module.address ? `${record.address} (${record.module.root})` : record.address,
        root: record.module.root,
        locations: [`${record.headerRange.file.path}:${record.headerRange.start.line}`],
        hosting: source.hosting,
        exposure: publicZone ? "internet-facing" : "unknown",
        addressing: facts.alias ? "alias" : type === "AAAA" ? "IPv6" : type === "A" ? "IPv4" : "alias (CNAME)",
        tls: "n/a",
        waf: "n/a",
        dnsNames: [facts.name, ...facts.values.map((value) => `${type} ${value}`)].filter(Boolean),
        privateDependencies: open.some((finding) => finding.category === "private-addressing")
          ? ["resolves to a private address"]
          : [],
        readiness: open.length ? "not ready" : publicZone ? "ready" : "unknown",
        findings: [...new Set(open.map((finding) => finding.ruleId))].sort(),
        planned: record.planActions?.length === 1 && record.planActions[0] === "create",
        members: [record.address],
        dependsOn,
      });
    }
  }
  return rows;
}

/** VPN, Direct Connect and ExpressRoute links of a root module (or of the whole estate), described. */
export function privateLinks(estate: Estate, root?: string): string[] {
  return estate
    .resourcesOfType(...PRIVATE_LINKS)
    .filter((link) => root === undefined || link.module.root === root)
    .map((link) => `${link.address} (${link.resourceType.replace(/^(aws|azurerm)_/, "").replace(/_/g, " ")})`);
}

/** Resources whose findings count towards a service: its listeners, stages, domains, security groups. */
function relatedResources(estate: Estate, resource: ResourceNode): ResourceNode[] {
  switch (resource.resourceType) {
    case "aws_lb":
    case "aws_alb":
      return [...listenersOf(estate, resource), ...estate.referencedResources(resource.value("security_groups"))];
    case "aws_api_gateway_rest_api":
      return estate
        .resourcesOfType("aws_api_gateway_stage")
        .filter((stage) => estate.refersTo(stage.value("rest_api_id"), resource));
    default:
      return azureRelated(estate, resource);
  }
}

function kindOf(resource: ResourceNode): string {
  if (resource.resourceType === "aws_lb" || resource.resourceType === "aws_alb")
    return `${loadBalancerType(resource) ?? "unknown"} load balancer`;
  return KINDS[resource.resourceType];
}

function serviceName(resource: ResourceNode, dnsNames: string[]): string {
  const tags = resource.value("tags");
  if (isObject(tags)) {
    for (const key of ["Service", "Application", "Name"]) {
      const name = asString(tags[key]);
      if (name) return name;
    }
  }
  return dnsNames[0] ?? asString(resource.value("name")) ?? resource.address;
}

function exposureOf(resource: ResourceNode): Exposure {
  switch (resource.resourceType) {
    case "aws_lb":
    case "aws_alb": {
      const exposure = loadBalancerExposure(resource);
      return exposure === "internal" ? "private-only" : exposure;
    }
    case "aws_api_gateway_rest_api": {
      const types = resource.firstBlock("endpoint_configuration")?.value("types");
      if (isUnknown(types)) return "unknown";
      return Array.isArray(types) && types.includes("PRIVATE") ? "private-only" : "internet-facing";
    }
    case "aws_appsync_graphql_api":
      return resource.value("visibility") === "PRIVATE" ? "private-only" : "internet-facing";
    case "aws_api_gateway_domain_name": {
      const types = resource.firstBlock("endpoint_configuration")?.value("types");
      return Array.isArray(types) && types.includes("PRIVATE") ? "private-only" : "internet-facing";
    }
    default:
      return isAzureService(resource) ? azureExposure(resource) : "internet-facing";
  }
}

function addressingOf(resource: ResourceNode, exposure: Exposure): string {
  if (exposure === "private-only") return "private";
  const ipType = resource.value("ip_address_type");
  if (ipType === "dualstack" || resource.value("is_ipv6_enabled") === true) return "public, dual-stack IPv6";
  return exposure === "unknown" ? "unknown" : "public";
}

function hostingOf(estate: Estate, resource: ResourceNode): string {
  const provider = resource.resourceType.startsWith("azurerm_") ? "Azure" : "AWS";
  const location = asString(resource.value("location"));
  if (location) return `${provider} ${location}`;
  const region = estate.providers
    .filter((item) => item.name === "aws" && item.module.root === resource.module.root)
    .map((item) => asString(item.block.value("region")))
    .find(Boolean);
  return region ? `${provider} ${region}` : provider;
}

function tlsOf(estate: Estate, resource: ResourceNode): string {
  if (resource.resourceType === "aws_lb" || resource.resourceType === "aws_alb") {
    const parts: string[] = [];
    for (const listener of listenersOf(estate, resource)) {
      const protocol = asString(listener.value("protocol"))?.toUpperCase() ?? "?";
      const port = asString(listener.value("port")) ?? "?";
      if (protocol === "HTTPS" || protocol === "TLS") {
        const policy = asString(listener.value("ssl_policy")) ?? "ELBSecurityPolicy-2016-08";
        parts.push(`${port}: TLS ${elbPolicyMinimumTls(policy) ?? "?"}+`);
      } else if (protocol === "HTTP") {
        const redirect = listener
          .blocksOfType("default_action")
          .some(
            (action) =>
              action.value("type") === "redirect" &&
              asString(action.firstBlock("redirect")?.value("protocol"))?.toUpperCase() === "HTTPS",
          );
        parts.push(`${port}: HTTP ${redirect ? "redirected" : "served"}`);
      } else parts.push(`${port}: ${protocol}`);
    }
    return parts.join("; ") || "no listeners in scan";
  }
  if (resource.resourceType === "aws_cloudfront_distribution") {
    const certificate = resource.firstBlock("viewer_certificate");
    const minimum =
      certificate?.value("cloudfront_default_certificate") === true
        ? "default certificate (TLS 1.0+)"
        : (asString(certificate?.value("minimum_protocol_version")) ?? "?");
    const policies = [
      ...resource.blocksOfType("default_cache_behavior"),
      ...resource.blocksOfType("ordered_cache_behavior"),
    ].map((block) => asString(block.value("viewer_protocol_policy")) ?? "?");
    return `${minimum}; ${[...new Set(policies)].join(", ")}`;
  }
  if (resource.resourceType === "aws_api_gateway_domain_name")
    return `security policy ${asString(resource.value("security_policy")) ?? "TLS_1_0 (default)"}`;
  if (resource.resourceType === "aws_apigatewayv2_domain_name")
    return `security policy ${asString(resource.firstBlock("domain_name_configuration")?.value("security_policy")) ?? "?"}`;
  if (isAzureService(resource)) return azureTls(estate, resource);
  return "see findings";
}

/** What a regional web ACL association can protect that the register lists. */
const REGIONAL_WAF_TARGETS = [
  "aws_lb",
  "aws_alb",
  "aws_api_gateway_stage",
  "aws_api_gateway_rest_api",
  "aws_appsync_graphql_api",
  "aws_cognito_user_pool",
];

function wafOf(estate: Estate, resource: ResourceNode, coverage: ReturnType<typeof wafCoverage>): string {
  if (resource.resourceType === "aws_cloudfront_distribution") {
    const acl = resource.value("web_acl_id");
    return describeAcl(estate, acl) ?? (acl ? "yes" : "none");
  }
  if (isAzureService(resource)) return azureWaf(estate, resource);
  if (
    !coverage.protected.has(resource) &&
    !estate
      .resourcesOfType("aws_api_gateway_stage")
      .some((stage) => coverage.protected.has(stage) && estate.refersTo(stage.value("rest_api_id"), resource))
  )
    return coverage.mightCover(resource) ? "unknown" : "none";
  const association = estate
    .resourcesOfType("aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association")
    .find(
      (item) =>
        estate.refersTo(item.value("resource_arn"), resource) ||
        estate
          .referencedResources(item.value("resource_arn"))
          .some((stage) => estate.refersTo(stage.value("rest_api_id"), resource)),
    );
  return describeAcl(estate, association?.value("web_acl_arn") ?? association?.value("web_acl_id")) ?? "yes";
}

function describeAcl(estate: Estate, value: Value | undefined): string | undefined {
  const acl = estate.referencedResources(value).find((resource) => resource.resourceType.includes("web_acl"));
  return acl ? (asString(acl.value("name")) ?? acl.address) : undefined;
}

/** DNS names that point at the resource: Route 53 (or Azure DNS) records aliasing it or listing values that refer to it. */
function dnsNamesOf(estate: Estate, resource: ResourceNode): string[] {
  if (isAzureService(resource)) return azureDnsNames(estate, resource);
  const names: string[] = [];
  for (const record of estate.resourcesOfType("aws_route53_record")) {
    const aliases = record.blocksOfType("alias").map((alias) => alias.value("name"));
    if ([...aliases, record.value("records")].some((value) => estate.refersTo(value, resource))) {
      const name = asString(record.value("name"));
      if (name) names.push(name);
    }
  }
  for (const domain of estate.resourcesOfType("aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name")) {
    if (
      resource.resourceType.startsWith("aws_api_gateway") &&
      estate
        .resourcesOfType("aws_api_gateway_base_path_mapping")
        .some(
          (mapping) =>
            estate.refersTo(mapping.value("api_id"), resource) && estate.refersTo(mapping.value("domain_name"), domain),
        )
    ) {
      const name = asString(domain.value("domain_name"));
      if (name) names.push(name);
    }
  }
  const own = asString(resource.value("domain_name"));
  if (own && resource.resourceType.endsWith("_domain_name")) names.push(own);
  const aliases = resource.value("aliases");
  if (Array.isArray(aliases)) names.push(...aliases.filter((alias): alias is string => typeof alias === "string"));
  return [...new Set(names)];
}
