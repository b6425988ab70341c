/** Azure (azurerm) facts shared by rules. */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { asString, type Value } from "../../src/model/value.js";
import { writtenAs } from "./block-labels.js";
export const AZURE_WEB_APP_TYPES = [
  "azurerm_linux_web_app",
  "azurerm_windows_web_app",
  "azurerm_app_service",
  "azurerm_linux_function_app",
  "azurerm_windows_function_app",
  "azurerm_function_app",
  // Deployment slots are sites of their own, with their own settings and defaults.
  "azurerm_linux_web_app_slot",
  "azurerm_windows_web_app_slot",
  "azurerm_app_service_slot",
  "azurerm_linux_function_app_slot",
  "azurerm_windows_function_app_slot",
  "azurerm_function_app_slot",
] as const;

/** Application Gateway predefined SSL policies and the oldest TLS version they allow. */
export const APP_GATEWAY_POLICIES: Record<string, "1.0" | "1.1" | "1.2"> = {
  AppGwSslPolicy20150501: "1.0",
  AppGwSslPolicy20170401: "1.1",
  AppGwSslPolicy20170401S: "1.2",
  AppGwSslPolicy20220101: "1.2",
  AppGwSslPolicy20220101S: "1.2",
};

/**
 * Aggregate throughput of virtual network gateway SKUs in Mbit/s, from Microsoft's published
 * figures. A SKU name means different things by gateway type ("Standard" is a 100 Mbit/s legacy VPN
 * gateway but a 1 Gbit/s ExpressRoute gateway) and, for VpnGw2 and VpnGw3, by generation.
 */
const VPN_GATEWAY_MBPS: Record<string, number> = {
  Basic: 100,
  Standard: 100,
  HighPerformance: 200,
  VpnGw1: 650,
  VpnGw2: 1000,
  VpnGw3: 1250,
  VpnGw4: 5000,
  VpnGw5: 10000,
};
const VPN_GATEWAY_GENERATION2_MBPS: Record<string, number> = { VpnGw2: 1250, VpnGw3: 2500 };
const EXPRESSROUTE_GATEWAY_MBPS: Record<string, number> = {
  Standard: 1000,
  HighPerformance: 2000,
  UltraPerformance: 10000,
  ErGw1AZ: 1000,
  ErGw2AZ: 2000,
  ErGw3AZ: 10000,
  ErGwScale: 1000,
};

/** Published throughput of a gateway, or undefined for a SKU or type not in the tables. */
export function gatewayMbps(type: string, sku: string, generation: string | undefined): number | undefined {
  if (type.toLowerCase() === "expressroute") return EXPRESSROUTE_GATEWAY_MBPS[sku];
  if (type.toLowerCase() !== "vpn") return undefined;
  const base = sku.replace(/AZ$/, "");
  return (generation === "Generation2" ? VPN_GATEWAY_GENERATION2_MBPS[base] : undefined) ?? VPN_GATEWAY_MBPS[base];
}

/** Front Door endpoints and custom domains a WAF security policy names, and the policies that cannot be traced. */
export interface FrontDoorWafCoverage {
  covers(resource: ResourceNode): boolean;
  /**
   * Policies whose domains cannot be traced: in the endpoint's own root module they leave it
   * unknown; in a root with no endpoint of its own they serve another stack (`elsewhere`).
   */
  untraceable(endpoint: ResourceNode): { unknown: boolean; elsewhere: ResourceNode[] };
}

/** Front Door attaches its WAF by security policy, per endpoint or custom domain. */
export function frontDoorWafCoverage(estate: Estate): FrontDoorWafCoverage {
  const protectedDomains: Value[] = [];
  const untraceablePolicies = new Set<ResourceNode>();
  for (const policy of estate.resourcesOfType("azurerm_cdn_frontdoor_security_policy")) {
    let untraceable = false;
    for (const firewall of policy
      .blocksOfType("security_policies")
      .flatMap((block) => block.blocksOfType("firewall"))) {
      if (firewall.value("cdn_frontdoor_firewall_policy_id") === undefined) continue;
      for (const domain of firewall
        .blocksOfType("association")
        .flatMap((association) => association.blocksOfType("domain"))) {
        const id = domain.value("cdn_frontdoor_domain_id");
        if (!estate.referencedResources(id).length) untraceable = true;
        if (id !== undefined) protectedDomains.push(id);
      }
      if (
        firewall.blocksOfType("dynamic").length ||
        firewall.blocksOfType("association").some((association) => association.blocksOfType("dynamic").length)
      )
        untraceable = true;
    }
    if (untraceable) untraceablePolicies.add(policy);
  }
  const rootsWithEndpoints = new Set(
    estate.resourcesOfType("azurerm_cdn_frontdoor_endpoint").map((endpoint) => endpoint.module.root),
  );
  // What the domains name and what untraceable policies mean for a root, found once: rules ask per resource.
  let covered: Set<ResourceNode> | undefined;
  const policies = [...untraceablePolicies];
  const byRoot = new Map<string, { unknown: boolean; elsewhere: ResourceNode[] }>();
  return {
    covers: (resource) =>
      (covered ??= new Set(protectedDomains.flatMap((id) => estate.referencedResources(id)))).has(resource),
    untraceable: (endpoint) => {
      const root = endpoint.module.root;
      let reach = byRoot.get(root);
      if (!reach) {
        reach = {
          unknown: policies.some((policy) => policy.module.root === root),
          elsewhere: policies.filter(
            (policy) => policy.module.root !== root && !rootsWithEndpoints.has(policy.module.root),
          ),
        };
        byRoot.set(root, reach);
      }
      return { unknown: reach.unknown, elsewhere: [...reach.elsewhere] };
    },
  };
}

/** The zone an Azure DNS record is in, for messages: its name, else the expression that names it. */
export function azureZoneLabel(record: ResourceNode): string {
  const zone = record.attribute("zone_name");
  return asString(zone?.value) ?? writtenAs(zone) ?? "(name not known)";
}
