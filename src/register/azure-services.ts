/**
 * Azure entry points on the asset register: how each kind is exposed, what TLS and WAF it has, and
 * the DNS names that point at it. Kept apart from the AWS logic so a provider is one module.
 */
import type { Estate } from "../model/estate.js";
import type { ResourceNode } from "../model/nodes.js";
import { asBoolean, asString, isUnknown } from "../model/value.js";
import { APP_GATEWAY_POLICIES, frontDoorWafCoverage } from "../../rules/shared/azure.js";
import { gatewayListensPublicly } from "../../rules/shared/azure-app-gateway.js";
import { frontReferences } from "../../rules/shared/azure-fronts.js";
import { reachOf } from "../../rules/shared/untraceable-links.js";
import type { DnsRecordFacts } from "./dns-record-facts.js";
import { DISABLED, gatewayPolicies, gatewayWaf } from "./azure-gateway-waf.js";
import { containerAppExposure } from "./azure-container-apps.js";

export const AZURE_SERVICE_KINDS: Record<string, string> = {
  azurerm_application_gateway: "Azure Application Gateway",
  azurerm_linux_web_app: "Azure web app",
  azurerm_windows_web_app: "Azure web app",
  azurerm_app_service: "Azure web app",
  azurerm_linux_function_app: "Azure function app",
  azurerm_windows_function_app: "Azure function app",
  azurerm_function_app: "Azure function app",
  azurerm_api_management: "Azure API Management",
  azurerm_cdn_frontdoor_endpoint: "Azure Front Door endpoint",
  azurerm_container_app: "Azure container app",
};

/** Entry points whose WAF a rule judges when they are public (IFL-WAF-005, IFL-WAF-013). */
export const AZURE_WAF_JUDGED = new Set(["azurerm_application_gateway", "azurerm_cdn_frontdoor_endpoint"]);

const APP_TYPES = new Set([
  "azurerm_linux_web_app",
  "azurerm_windows_web_app",
  "azurerm_app_service",
  "azurerm_linux_function_app",
  "azurerm_windows_function_app",
  "azurerm_function_app",
]);

export function isAzureService(resource: ResourceNode): boolean {
  return resource.resourceType in AZURE_SERVICE_KINDS;
}

export function azureExposure(estate: Estate, resource: ResourceNode): "internet-facing" | "private-only" | "unknown" {
  // As IFL-WAF-005 reads it: public when a listener serves on a public frontend; dynamic frontends hide that.
  if (resource.resourceType === "azurerm_application_gateway") {
    const listens = gatewayListensPublicly(resource);
    return listens === "yes" ? "internet-facing" : listens === "no" ? "private-only" : "unknown";
  }
  if (resource.resourceType === "azurerm_cdn_frontdoor_endpoint") return "internet-facing";
  if (resource.resourceType === "azurerm_container_app") return containerAppExposure(estate, resource);
  const access = resource.value("public_network_access_enabled");
  if (isUnknown(access)) return "unknown";
  if (asBoolean(access) === false) return "private-only";
  if (resource.resourceType === "azurerm_api_management") {
    const network = resource.value("virtual_network_type");
    if (isUnknown(network)) return "unknown";
    if (asString(network) === "Internal") return "private-only";
  }
  return "internet-facing";
}

/** Resources whose findings count towards the service: a Front Door endpoint's routes, a gateway's WAF policies. */
export function azureRelated(estate: Estate, resource: ResourceNode): ResourceNode[] {
  if (resource.resourceType === "azurerm_application_gateway") return gatewayPolicies(estate, resource);
  if (resource.resourceType !== "azurerm_cdn_frontdoor_endpoint") return [];
  return routesOf(estate, resource);
}

export function azureTls(estate: Estate, resource: ResourceNode): string {
  if (APP_TYPES.has(resource.resourceType)) {
    const httpsOnly = asBoolean(resource.value("https_only")) === true ? "HTTPS only" : "HTTP served";
    const minimum = asString(resource.firstBlock("site_config")?.value("minimum_tls_version")) ?? "1.2";
    return `${httpsOnly}; TLS ${minimum}+`;
  }
  if (resource.resourceType === "azurerm_container_app") {
    const ingress = resource.firstBlock("ingress");
    if (resource.blocksOfType("dynamic").some((block) => block.labels[0] === "ingress")) return "unknown";
    if (!ingress) return "no ingress";
    const insecure = ingress.value("allow_insecure_connections");
    if (isUnknown(insecure)) return "unknown";
    return asBoolean(insecure) === true ? "HTTP served" : "HTTPS (HTTP redirected)";
  }
  if (resource.resourceType === "azurerm_application_gateway") {
    const policy = resource.firstBlock("ssl_policy");
    // As IFL-TLS-008 says: Azure refuses TLS 1.0 and 1.1 on every gateway since 31 August 2025.
    if (!policy) return "no ssl_policy (TLS 1.2+ since 31 August 2025)";
    const name = policy.value("policy_name");
    const custom = policy.value("min_protocol_version");
    if (isUnknown(name) || isUnknown(custom)) return "unknown";
    const named = asString(name);
    const minimum = named ? APP_GATEWAY_POLICIES[named] : asString(custom)?.replace(/^TLSv/, "").replace("_", ".");
    if (minimum) return `TLS ${minimum}+`;
    return named ? `policy ${named}` : "unknown";
  }
  if (resource.resourceType === "azurerm_cdn_frontdoor_endpoint") {
    const routes = routesOf(estate, resource);
    if (!routes.length) return "no routes in scan";
    const servesHttp = routes.some(
      (route) =>
        asBoolean(route.value("https_redirect_enabled")) === false &&
        (route.value("supported_protocols") as unknown[] | undefined)?.includes("Http"),
    );
    return servesHttp ? "HTTP served on a route" : "HTTPS (HTTP redirected)";
  }
  return "see findings";
}

export function azureWaf(estate: Estate, resource: ResourceNode): string {
  if (resource.resourceType === "azurerm_application_gateway") return gatewayWaf(estate, resource);
  if (resource.resourceType === "azurerm_cdn_frontdoor_endpoint") {
    const coverage = frontDoorWafCoverage(estate);
    const domains = routesOf(estate, resource).flatMap((route) =>
      estate.referencedResources(route.value("cdn_frontdoor_custom_domain_ids")),
    );
    if ([resource, ...domains].some((item) => coverage.covers(item))) return "WAF (security policy)";
    // A policy whose domains cannot be traced may cover it: the WAF finding is then unjudged or conditional.
    const untraced = coverage.untraceable(resource);
    return untraced.unknown || untraced.elsewhere.length ? "unknown" : "none";
  }
  return frontedWaf(estate, resource);
}

/**
 * An app has no WAF of its own; it has one when a Front Door or Application Gateway with one fronts
 * it. None fronts it only when every front's origin can be traced (as IFL-EXP-010 reads them).
 */
function frontedWaf(estate: Estate, app: ResourceNode): string {
  const origins = estate
    .resourcesOfType("azurerm_cdn_frontdoor_origin")
    .filter((origin) => estate.refersTo(origin.value("host_name"), app));
  if (origins.length) {
    const endpoints = [...new Set(origins.flatMap((origin) => frontDoorEndpointsServing(estate, origin)))];
    const verdicts = endpoints.map((endpoint) => azureWaf(estate, endpoint));
    if (verdicts.includes("none")) return `none (Front Door ${endpoints[verdicts.indexOf("none")].address} has no WAF)`;
    if (verdicts.length && verdicts.every((verdict) => verdict !== "unknown"))
      return `WAF via Front Door ${endpoints.map((endpoint) => endpoint.address).join(", ")}`;
    return "unknown";
  }
  const gateway = estate
    .resourcesOfType("azurerm_application_gateway")
    .find((candidate) =>
      candidate.blocksOfType("backend_address_pool").some((pool) => estate.refersTo(pool.value("fqdns"), app)),
    );
  if (!gateway) {
    const untraced = reachOf(frontReferences(estate).untraceable, app, { verb: "fronts", participle: "fronted" });
    return untraced.unknown || untraced.conditional ? "unknown" : "none";
  }
  const verdict = gatewayWaf(estate, gateway);
  if (verdict === "none") return `none (${gateway.address} has no WAF)`;
  if (verdict === DISABLED) return `none (the WAF of ${gateway.address} is disabled)`;
  return verdict === "unknown" ? verdict : `${verdict} via ${gateway.address}`;
}

/** The Front Door endpoints whose routes send traffic to an origin's group. */
function frontDoorEndpointsServing(estate: Estate, origin: ResourceNode): ResourceNode[] {
  const groups = estate.referencedResources(origin.value("cdn_frontdoor_origin_group_id"));
  const routes = groups.flatMap((group) =>
    estate.referrers(group, "cdn_frontdoor_origin_group_id", "azurerm_cdn_frontdoor_route"),
  );
  return [...new Set(routes.flatMap((route) => estate.referencedResources(route.value("cdn_frontdoor_endpoint_id"))))];
}

/** Azure DNS records that name the resource (a CNAME to its host name, an alias by target_resource_id), and Front Door custom domains. */
export function azureDnsNames(estate: Estate, resource: ResourceNode): string[] {
  const names: string[] = [];
  for (const record of estate.resourcesOfType(...AZURE_DNS_RECORD_TYPES)) {
    if (
      estate.refersTo(record.value("record"), resource) ||
      estate.refersTo(record.value("target_resource_id"), resource)
    ) {
      const name = fqdnOf(record);
      if (name) names.push(name);
    }
  }
  if (resource.resourceType === "azurerm_cdn_frontdoor_endpoint") {
    for (const route of routesOf(estate, resource)) {
      for (const domain of estate.referencedResources(route.value("cdn_frontdoor_custom_domain_ids"))) {
        const host = asString(domain.value("host_name"));
        if (host) names.push(host);
      }
    }
  }
  return [...new Set(names)];
}

export const AZURE_DNS_RECORD_TYPES = ["azurerm_dns_a_record", "azurerm_dns_aaaa_record", "azurerm_dns_cname_record"];

/** An Azure DNS record, read for the register: public when its zone is an azurerm_dns_zone (private zones are other resource types). */
export function azureDnsRecord(estate: Estate, record: ResourceNode): DnsRecordFacts {
  const type =
    record.resourceType === "azurerm_dns_cname_record"
      ? "CNAME"
      : record.resourceType === "azurerm_dns_aaaa_record"
        ? "AAAA"
        : "A";
  const values = type === "CNAME" ? [record.value("record") ?? null] : record.value("records");
  // zone_name is usually `azurerm_dns_zone.x.name`, which evaluates to the zone's name: match by name too.
  const zoneName = record.value("zone_name");
  const zone =
    estate.referencedResources(zoneName).find((candidate) => candidate.resourceType === "azurerm_dns_zone") ??
    estate
      .resourcesOfType("azurerm_dns_zone")
      .find(
        (candidate) =>
          candidate.module.root === record.module.root &&
          typeof zoneName === "string" &&
          candidate.value("name") === zoneName,
      );
  const target = record.value("target_resource_id");
  return {
    type,
    name: fqdnOf(record) ?? `${record.address} (name not known)`,
    publicZone: zone ? true : undefined,
    targets: [...estate.referencedResources([...(Array.isArray(values) ? values : []), target ?? null])],
    values: Array.isArray(values) ? values.filter((value): value is string => typeof value === "string") : [],
    alias: target !== undefined && target !== null,
  };
}

function fqdnOf(record: ResourceNode): string | undefined {
  const name = asString(record.value("name"));
  const zone = asString(record.value("zone_name"));
  return name && zone ? (name === "@" ? zone : `${name}.${zone}`) : undefined;
}

function routesOf(estate: Estate, endpoint: ResourceNode): ResourceNode[] {
  return estate.referrers(endpoint, "cdn_frontdoor_endpoint_id", "azurerm_cdn_frontdoor_route");
}
