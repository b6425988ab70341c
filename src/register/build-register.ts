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
import { ELB_DEFAULT_POLICY, elbPolicyMinimumTls } from "../../rules/shared/aws-tls-policies.js";
import { associationTargets, WAF_ASSOCIATION_TYPES, wafCoverage } from "../../rules/shared/aws-waf-associations.js";
import { mappedDomains, restApiEndpoint } from "../../rules/shared/aws-api-gateway.js";
import { endpointTarget } from "../../rules/shared/aws-vpc-endpoints.js";
import type { DnsRecordFacts } from "./dns-record-facts.js";
import { ServingGraph } from "./serving-resources.js";
import { dependencyLabel, describeDependency, isNationalDependency } from "./national-dependencies.js";
import {
  AZURE_DNS_RECORD_TYPES,
  AZURE_SERVICE_KINDS,
  AZURE_WAF_JUDGED,
  azureDnsNames,
  azureDnsRecord,
  azureExposure,
  azureRelated,
  azureTls,
  azureWaf,
  isAzureService,
} from "./azure-services.js";
import { foldAlternatives } from "./fold-alternatives.js";

export type Exposure = "internet-facing" | "private-only" | "internal by design" | "unknown";
export type Readiness = "ready" | "not ready" | "unknown";
/**
 * `service`: an entry point (load balancer, API, web app, CDN), with the DNS names that point at it;
 * `name`: a DNS name that points at nothing the scan holds (an address, a host elsewhere).
 */
export type RegisterSection = "service" | "name";

export interface RegisterEntry {
  service: string;
  kind: string;
  section: RegisterSection;
  /** The resource address with its root module directory (`aws_lb.main (stacks/web)`); a zone file's name as written. */
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
  /** HSCN-only national services and the organisation's private endpoints that the configuration serving it names. */
  nationalServices: string[];
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

/** The rows of services only: what the headline and readiness counts are about. */
export function servicesOf(entries: readonly RegisterEntry[]): RegisterEntry[] {
  return entries.filter((entry) => entry.section === "service");
}

/** The rows of names that point outside the scan. */
export function namesOf(entries: readonly RegisterEntry[]): RegisterEntry[] {
  return entries.filter((entry) => entry.section === "name");
}

/**
 * The open findings that decide a row's readiness: about one of its members in its root, or
 * (zone files, whose records are no resource) on one of its lines. Notes do not decide readiness.
 */
export function openFindingsOf(entry: RegisterEntry, findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => !finding.suppressed && finding.severity !== "note" && belongsTo(finding, entry));
}

function belongsTo(finding: Finding, entry: RegisterEntry): boolean {
  if (finding.resource === undefined)
    return entry.locations.includes(`${finding.range.file.path}:${finding.range.start.line}`);
  return entry.members.includes(finding.resource) && (!finding.root || finding.root === entry.root);
}

function memberKey(resource: ResourceNode): string {
  return `${resource.module.root}\u0000${resource.address}`;
}

/** How a row is shown and keyed: a resource address with the root module directory it is deployed from. */
function rowAddress(resource: ResourceNode): string {
  return `${resource.address} (${resource.module.root})`;
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
  const services: RegisterEntry[] = [];
  const dependencies = findings.filter(isNationalDependency);
  // Only an estate that names national services needs the walk from each service to its compute.
  const dependencyRoots = new Set(
    dependencies.flatMap((finding) => (finding.root === undefined ? [] : [finding.root])),
  );
  const graph = dependencyRoots.size ? new ServingGraph(estate, dependencyRoots) : undefined;
  for (const resource of estate.resourcesOfType(...Object.keys(KINDS))) {
    const related = relatedResources(estate, resource);
    // The walk stays in the root module, so only roots that name a national service need it.
    const walk = graph && dependencyRoots.has(resource.module.root);
    const serving = walk ? new Set([...graph.servingResources(resource)].map(memberKey)) : new Set<string>();
    const dependsOnNational = dependencies.filter(
      (finding) => finding.resource !== undefined && serving.has(`${finding.root}\u0000${finding.resource}`),
    );
    const members = [
      ...new Set([
        resource.address,
        ...related.map((item) => item.address),
        ...dependsOnNational.map((finding) => finding.resource as string),
      ]),
    ];
    const location = `${resource.headerRange.file.path}:${resource.headerRange.start.line}`;
    const mine = findings.filter(
      (finding) =>
        !finding.suppressed &&
        finding.resource !== undefined &&
        members.includes(finding.resource) &&
        (!finding.root || finding.root === resource.module.root),
    );
    const open = mine.filter((finding) => finding.severity !== "note");
    const exposure = settings?.isInternalService(resource) ? "internal by design" : exposureOf(estate, resource);
    // Which service uses which circuit is not in the code: a private-only service is reached over
    // the private links of its root module, so only those services list them.
    const privateDependencies = [
      ...(exposure === "private-only" ? privateLinks(estate, resource.module.root) : []),
      ...open.filter((finding) => finding.ruleId === "IFL-ADDR-002").map(() => "ingress from private ranges only"),
    ];
    const dnsNames = dnsNamesOf(estate, resource);
    const waf = wafOf(estate, resource, coverage);
    services.push({
      service: serviceName(resource, dnsNames),
      kind: kindOf(resource),
      section: "service",
      resource: rowAddress(resource),
      root: resource.module.root,
      locations: [
        location,
        // An AWS CDK resource also names the construct that creates it.
        ...(resource.input === "cloudformation" && resource.constructPath
          ? [`construct ${resource.constructPath}`]
          : []),
      ],
      hosting: hostingOf(estate, resource),
      exposure,
      addressing: addressingOf(resource, exposure),
      tls: tlsOf(estate, resource, mine),
      waf,
      dnsNames,
      privateDependencies,
      nationalServices: [...new Set(dependsOnNational.map((finding) => dependencyLabel(describeDependency(finding))))],
      readiness: open.length ? "not ready" : readinessUnjudged(resource, exposure, waf) ? "unknown" : "ready",
      findings: [...new Set(open.map((finding) => finding.ruleId))].sort(),
      planned: resource.planActions?.length === 1 && resource.planActions[0] === "create",
      members,
      dependsOn: [],
    });
  }
  linkDomainsToTheirApis(services);
  const rows = foldAlternatives(services);
  const names = [...dnsRecordRows(estate, findings, rows), ...zoneFileRows(estate, findings)];
  const unplaced = oneRowPerName(foldNamesIntoServices(rows, names).map((name) => name.entry));
  const byName = (a: RegisterEntry, b: RegisterEntry) =>
    a.service < b.service ? -1 : a.service > b.service ? 1 : a.resource < b.resource ? -1 : 1;
  return [...rows.sort(byName), ...unplaced.sort(byName)];
}

/**
 * Without findings a service is ready only when what decides it is known: how it is reached, and,
 * for a public entry point whose WAF a rule judges, its WAF (the rule could not judge it either).
 */
function readinessUnjudged(resource: ResourceNode, exposure: Exposure, waf: string): boolean {
  if (exposure === "unknown") return true;
  return exposure === "internet-facing" && waf === "unknown" && AZURE_WAF_JUDGED.has(resource.resourceType);
}

/** A custom domain's row depends on the rows of the APIs mapped to it (the domain is one of their members). */
function linkDomainsToTheirApis(services: readonly RegisterEntry[]): void {
  for (const domain of services) {
    if (domain.kind !== KINDS.aws_apigatewayv2_domain_name) continue;
    const address = domain.resource.slice(0, domain.resource.indexOf(" ("));
    domain.dependsOn = services
      .filter((api) => api !== domain && api.root === domain.root && api.members.includes(address))
      .map((api) => api.resource);
  }
}

/** Records of one name in one root module (A and AAAA, weighted or regional sets) are one row of the names section. */
function oneRowPerName(names: readonly RegisterEntry[]): RegisterEntry[] {
  const rows = new Map<string, RegisterEntry>();
  for (const name of names) {
    const known = !name.service.endsWith("(name not known)");
    const key = known ? `${name.kind}\u0000${name.root}\u0000${normalName(name.service)}` : name.resource;
    const row = rows.get(key);
    if (!row) rows.set(key, name);
    else {
      mergeName(row, name, name.dnsNames);
      if (row.readiness === "ready" && name.readiness === "unknown") row.readiness = "unknown";
      if (new Set([row.addressing, name.addressing]).size === 2 && [row.addressing, name.addressing].includes("IPv6"))
        row.addressing = "dual-stack IPv6";
    }
  }
  return [...rows.values()];
}

/** A DNS name read for the register, with what it points at. */
interface NameRow {
  entry: RegisterEntry;
  /** Names its values point at (a CNAME's target, a Route 53 record's values), lower case, no final dot. */
  pointsAt: string[];
}

/**
 * A name that points at a service in the scan (an alias, a reference, or a CNAME to one of the
 * service's names, through other names too) is one of that service's names: it joins the service's
 * row, its findings count towards the service, and it has no row of its own. What is left points
 * outside the scan.
 */
function foldNamesIntoServices(services: RegisterEntry[], names: NameRow[]): NameRow[] {
  const byResource = new Map(services.map((service) => [service.resource, service]));
  const byDnsName = new Map<string, RegisterEntry[]>();
  const addName = (name: string, service: RegisterEntry) => {
    const key = normalName(name);
    const list = byDnsName.get(key) ?? [];
    if (!list.includes(service)) list.push(service);
    byDnsName.set(key, list);
  };
  for (const service of services) for (const name of service.dnsNames) addName(name, service);
  let left = names;
  // Each pass places the names that point at a service or at a name placed before; chains end when nothing moves.
  for (let changed = true; changed;) {
    changed = false;
    const next: NameRow[] = [];
    for (const name of left) {
      const targets = [
        ...name.entry.dependsOn.flatMap((resource) => byResource.get(resource) ?? []),
        ...name.pointsAt.flatMap((target) => byDnsName.get(target) ?? []),
      ];
      if (!targets.length) {
        next.push(name);
        continue;
      }
      for (const service of new Set(targets)) {
        mergeName(service, name.entry);
        addName(name.entry.service, service);
      }
      changed = true;
    }
    left = next;
  }
  return left;
}

/** Folds a name's row into another row: a service it points at (adding the name), or the same name's row (adding its values). */
function mergeName(service: RegisterEntry, name: RegisterEntry, dnsNames: readonly string[] = [name.service]): void {
  const union = (a: string[], b: readonly string[]) => [...new Set([...a, ...b])];
  service.dnsNames = union(service.dnsNames, dnsNames);
  service.members = union(service.members, name.members);
  service.locations = union(service.locations, name.locations);
  service.privateDependencies = union(service.privateDependencies, name.privateDependencies);
  service.nationalServices = union(service.nationalServices, name.nationalServices);
  service.findings = union(service.findings, name.findings).sort();
  if (name.readiness === "not ready") service.readiness = "not ready";
}

function normalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** Names in zone files (Route 53 zones are read from their record resources). */
function zoneFileRows(estate: Estate, findings: readonly Finding[]): NameRow[] {
  const rows: NameRow[] = [];
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
      const values = records.map((record) => `${record.type} ${record.data.join(" ")}`);
      const entry: RegisterEntry = {
        service: name.replace(/\.$/, ""),
        kind: "DNS name (zone file)",
        section: "name",
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
        privateDependencies: [],
        nationalServices: [],
        readiness: "ready",
        findings: [],
        planned: false,
        members: [name],
        dependsOn: [],
      };
      const open = openFindingsOf(entry, findings);
      if (open.some((finding) => finding.category === "private-addressing" || finding.category === "dns"))
        entry.privateDependencies.push("resolves to a private address or name");
      entry.readiness = open.length ? "not ready" : "ready";
      entry.findings = [...new Set(open.map((finding) => finding.ruleId))].sort();
      const pointsAt = records
        .filter((record) => record.type === "CNAME" && record.data[0])
        .map((record) => normalName(record.data[0]));
      rows.push({ entry, pointsAt });
    }
  }
  return rows;
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
    name: asString(record.value("name")) ?? `${record.address} (name not known)`,
    publicZone: zone ? !zone.blocksOfType("vpc").length : undefined,
    targets: [
      ...estate.referencedResources([
        ...record.blocksOfType("alias").map((alias) => alias.value("name") ?? null),
        values ?? null,
      ]),
    ],
    values: Array.isArray(values) ? values.filter((value): value is string => typeof value === "string") : [],
    alias: record.blocksOfType("alias").length > 0,
  };
}

/** A/AAAA/CNAME records in public DNS zones (Route 53, Azure DNS): names that depend on the services they point at. */
function dnsRecordRows(estate: Estate, findings: readonly Finding[], services: readonly RegisterEntry[]): NameRow[] {
  const rows: NameRow[] = [];
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
      const entry: RegisterEntry = {
        service: facts.name,
        kind: source.kind,
        section: "name",
        resource: rowAddress(record),
        root: record.module.root,
        locations: [`${record.headerRange.file.path}:${record.headerRange.start.line}`],
        hosting: source.hosting,
        exposure: publicZone ? "internet-facing" : "unknown",
        addressing: facts.alias ? "alias" : type === "AAAA" ? "IPv6" : type === "A" ? "IPv4" : "alias (CNAME)",
        tls: "n/a",
        waf: "n/a",
        dnsNames: [facts.name, ...facts.values.map((value) => `${type} ${value}`)].filter(Boolean),
        privateDependencies: [],
        nationalServices: [],
        readiness: "ready",
        findings: [],
        planned: record.planActions?.length === 1 && record.planActions[0] === "create",
        members: [record.address],
        dependsOn,
      };
      const open = openFindingsOf(entry, findings);
      if (open.some((finding) => finding.category === "private-addressing"))
        entry.privateDependencies.push("resolves to a private address");
      entry.readiness = open.length ? "not ready" : publicZone ? "ready" : "unknown";
      entry.findings = [...new Set(open.map((finding) => finding.ruleId))].sort();
      const pointsAt = type === "CNAME" ? facts.values.map(normalName) : [];
      rows.push({ entry, pointsAt });
    }
  }
  return rows;
}

/**
 * VPN, Direct Connect, ExpressRoute and PrivateLink links of a root module (or of the whole estate),
 * described. A VPC endpoint is one when it reaches another account's endpoint service, or may
 * (its service name not known here); endpoints of AWS services are not.
 */
export function privateLinks(estate: Estate, root?: string): string[] {
  const inRoot = (link: ResourceNode) => root === undefined || link.module.root === root;
  const circuits = estate
    .resourcesOfType(...PRIVATE_LINKS)
    .filter(inRoot)
    .map((link) => `${link.address} (${link.resourceType.replace(/^(aws|azurerm)_/, "").replace(/_/g, " ")})`);
  const endpoints = estate
    .resourcesOfType("aws_vpc_endpoint")
    .filter(inRoot)
    .flatMap((endpoint) => {
      const target = endpointTarget(estate, endpoint);
      if (target.kind === "endpoint-service") return [`${endpoint.address} (PrivateLink endpoint to ${target.name})`];
      if (target.kind === "unknown")
        return [
          `${endpoint.address} (interface endpoint; service not known here, may be PrivateLink to another account)`,
        ];
      return [];
    });
  return [...circuits, ...endpoints];
}

/** Resources whose findings count towards a service: its listeners, stages, domains, security groups. */
function relatedResources(estate: Estate, resource: ResourceNode): ResourceNode[] {
  switch (resource.resourceType) {
    case "aws_lb":
    case "aws_alb":
      return [...listenersOf(estate, resource), ...estate.referencedResources(resource.value("security_groups"))];
    case "aws_api_gateway_rest_api":
      return [
        ...estate
          .resourcesOfType("aws_api_gateway_stage")
          .filter((stage) => estate.refersTo(stage.value("rest_api_id"), resource)),
        ...mappedDomains(estate, resource).domains,
      ];
    // Clients reach an API through its custom domains too: their TLS findings count towards it.
    case "aws_apigatewayv2_api":
      return mappedDomains(estate, resource).domains;
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

function exposureOf(estate: Estate, resource: ResourceNode): Exposure {
  switch (resource.resourceType) {
    case "aws_lb":
    case "aws_alb": {
      const exposure = loadBalancerExposure(resource);
      return exposure === "internal" ? "private-only" : exposure;
    }
    case "aws_api_gateway_rest_api": {
      // EDGE unless the OpenAPI body's unknown values say otherwise: internet-facing, as the WAF finding says.
      const types = restApiEndpoint(resource)?.types;
      if (!types) return "unknown";
      return types.includes("PRIVATE") ? "private-only" : "internet-facing";
    }
    case "aws_appsync_graphql_api":
      return resource.value("visibility") === "PRIVATE" ? "private-only" : "internet-facing";
    case "aws_api_gateway_domain_name": {
      const types = resource.firstBlock("endpoint_configuration")?.value("types");
      return Array.isArray(types) && types.includes("PRIVATE") ? "private-only" : "internet-facing";
    }
    default:
      return isAzureService(resource) ? azureExposure(estate, resource) : "internet-facing";
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

/**
 * The TLS a service offers. Where a setting is left out and a finding says the provider's default
 * applies, the column says so (`TLS 1.0 (provider default)`); where a value is not known, `unknown`.
 */
function tlsOf(estate: Estate, resource: ResourceNode, findings: readonly Finding[]): string {
  const saysDefault = (ruleId: string, messageId: string, about: string) =>
    findings.some(
      (finding) => finding.ruleId === ruleId && finding.messageId === messageId && finding.resource === about,
    );
  if (resource.resourceType === "aws_lb" || resource.resourceType === "aws_alb") {
    const parts: string[] = [];
    for (const listener of listenersOf(estate, resource)) {
      const protocol = asString(listener.value("protocol"))?.toUpperCase() ?? "unknown protocol";
      const port = asString(listener.value("port")) ?? "unknown port";
      if (protocol === "HTTPS" || protocol === "TLS") {
        const policy = listener.value("ssl_policy");
        // Left out, AWS applies its default policy whether or not a rule judged the listener (an internal one).
        if (saysDefault("IFL-TLS-002", "defaultPolicy", listener.address) || policy === undefined || policy === null)
          parts.push(`${port}: TLS ${elbPolicyMinimumTls(ELB_DEFAULT_POLICY)} (provider default)`);
        else {
          const minimum = typeof policy === "string" ? elbPolicyMinimumTls(policy) : undefined;
          parts.push(`${port}: ${minimum ? `TLS ${minimum}+` : typeof policy === "string" ? policy : "TLS unknown"}`);
        }
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
        : saysDefault("IFL-TLS-004", "defaultMinimum", resource.address)
          ? "TLS 1.0 (provider default)"
          : (asString(certificate?.value("minimum_protocol_version")) ?? "TLS unknown");
    const policies = [
      ...resource.blocksOfType("default_cache_behavior"),
      ...resource.blocksOfType("ordered_cache_behavior"),
    ].map((block) => asString(block.value("viewer_protocol_policy")) ?? "viewer protocol unknown");
    return `${minimum}; ${[...new Set(policies)].join(", ")}`;
  }
  if (resource.resourceType === "aws_api_gateway_domain_name")
    return saysDefault("IFL-TLS-005", "defaultTls10", resource.address)
      ? "TLS 1.0 if created while TLS_1_0 was the default (no security policy set)"
      : `security policy ${asString(resource.value("security_policy")) ?? "unknown"}`;
  if (resource.resourceType === "aws_apigatewayv2_domain_name")
    return `security policy ${asString(resource.firstBlock("domain_name_configuration")?.value("security_policy")) ?? "unknown"}`;
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
    // A reference names the web ACL; an ARN written out is attached too; a variable may be null.
    const named = describeAcl(estate, acl);
    if (named) return named;
    if (isUnknown(acl)) return estate.referencedResources(acl).length ? "yes" : "unknown";
    return typeof acl === "string" && acl ? "yes" : "none";
  }
  if (isAzureService(resource)) return azureWaf(estate, resource);
  // A REST API's web ACL is attached to its stages.
  const stages =
    resource.resourceType === "aws_api_gateway_rest_api"
      ? estate
          .resourcesOfType("aws_api_gateway_stage")
          .filter((stage) => estate.refersTo(stage.value("rest_api_id"), resource))
      : [];
  if (!coverage.protected.has(resource) && !stages.some((stage) => coverage.protected.has(stage))) {
    // An association elsewhere in the repository whose target cannot be traced may cover it: the
    // WAF finding is conditional, and the register does not say "none" for certain either.
    const reaches = [resource, ...stages].map(coverage.reach);
    return reaches.some((reach) => reach.unknown || reach.total > 0) ? "unknown" : "none";
  }
  const association = estate
    .resourcesOfType(...WAF_ASSOCIATION_TYPES)
    .find((item) =>
      associationTargets(estate, item).some(
        (target) => target === resource || estate.refersTo(target.value("rest_api_id"), resource),
      ),
    );
  // An association that only some count/for_each creates may attach nothing.
  if (association?.existence === "unknown") return "unknown";
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
  for (const domain of mappedDomains(estate, resource).domains) {
    const name = asString(domain.value("domain_name"));
    if (name) names.push(name);
  }
  const own = asString(resource.value("domain_name"));
  if (own && resource.resourceType.endsWith("_domain_name")) names.push(own);
  const aliases = resource.value("aliases");
  if (Array.isArray(aliases)) names.push(...aliases.filter((alias): alias is string => typeof alias === "string"));
  return [...new Set(names)];
}
