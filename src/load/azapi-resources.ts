/**
 * `azapi_resource` (the AzAPI provider, used throughout Azure Verified Modules) manages ARM resources
 * by type and a `body` of ARM properties. For the ARM types the rules care about, each is also read
 * as the azurerm resource it corresponds to, with attributes taken from the body (positioned in it),
 * so the Azure rules apply unchanged. Only what the body sets is mapped: unset stays unset.
 */
import type { Estate } from "../model/estate.js";
import { excessJsonNesting } from "../parsers/nesting-guard.js";
import { BlockNode, ResourceNode, withAttribute, type AttributeNode } from "../model/nodes.js";
import { Unknown, asString, isObject, isUnknown, type Value } from "../model/value.js";

interface MappedAttribute {
  name: string;
  /** Path in the ARM body. */
  path: readonly string[];
  convert?: (value: Value) => Value;
}

interface ArmMapping {
  type: string;
  attributes: readonly MappedAttribute[];
  blocks?: readonly { type: string; attributes: readonly MappedAttribute[] }[];
}

/** ARM's "Enabled"/"Disabled" as the provider's booleans. */
function enabled(value: Value): Value {
  if (value === "Enabled") return true;
  if (value === "Disabled") return false;
  return value;
}

const PUBLIC_ACCESS: MappedAttribute = {
  name: "public_network_access_enabled",
  path: ["properties", "publicNetworkAccess"],
  convert: enabled,
};

/** ARM resource types (lower case, without API version) and the azurerm resources they correspond to. */
const ARM_TYPES: Record<string, ArmMapping> = {
  "microsoft.web/sites": {
    type: "azurerm_linux_web_app",
    attributes: [{ name: "https_only", path: ["properties", "httpsOnly"] }, PUBLIC_ACCESS],
    blocks: [
      {
        type: "site_config",
        attributes: [{ name: "minimum_tls_version", path: ["properties", "siteConfig", "minTlsVersion"] }],
      },
    ],
  },
  "microsoft.storage/storageaccounts": {
    type: "azurerm_storage_account",
    attributes: [
      { name: "min_tls_version", path: ["properties", "minimumTlsVersion"] },
      { name: "https_traffic_only_enabled", path: ["properties", "supportsHttpsTrafficOnly"] },
      PUBLIC_ACCESS,
    ],
  },
  "microsoft.sql/servers": {
    type: "azurerm_mssql_server",
    attributes: [{ name: "minimum_tls_version", path: ["properties", "minimalTlsVersion"] }, PUBLIC_ACCESS],
  },
  "microsoft.cache/redis": {
    type: "azurerm_redis_cache",
    attributes: [
      { name: "minimum_tls_version", path: ["properties", "minimumTlsVersion"] },
      { name: "non_ssl_port_enabled", path: ["properties", "enableNonSslPort"] },
    ],
  },
  "microsoft.apimanagement/service": {
    type: "azurerm_api_management",
    attributes: [PUBLIC_ACCESS, { name: "virtual_network_type", path: ["properties", "virtualNetworkType"] }],
  },
  "microsoft.app/containerapps": {
    type: "azurerm_container_app",
    // environmentId replaced managedEnvironmentId, which ARM still accepts: the newer wins when both are set.
    attributes: [
      { name: "container_app_environment_id", path: ["properties", "managedEnvironmentId"] },
      { name: "container_app_environment_id", path: ["properties", "environmentId"] },
    ],
    blocks: [
      {
        type: "ingress",
        attributes: [
          { name: "external_enabled", path: ["properties", "configuration", "ingress", "external"] },
          { name: "allow_insecure_connections", path: ["properties", "configuration", "ingress", "allowInsecure"] },
        ],
      },
    ],
  },
  "microsoft.app/managedenvironments": {
    type: "azurerm_container_app_environment",
    attributes: [{ name: "internal_load_balancer_enabled", path: ["properties", "vnetConfiguration", "internal"] }],
  },
  "microsoft.cdn/profiles/afdendpoints/routes": {
    type: "azurerm_cdn_frontdoor_route",
    attributes: [
      { name: "supported_protocols", path: ["properties", "supportedProtocols"] },
      { name: "https_redirect_enabled", path: ["properties", "httpsRedirect"], convert: enabled },
      { name: "forwarding_protocol", path: ["properties", "forwardingProtocol"] },
    ],
  },
};

export function addAzapiResources(estate: Estate): void {
  const azapi = estate.resourcesOfType("azapi_resource");
  if (!azapi.length) return;
  for (const resource of azapi) {
    const type = asString(resource.value("type"));
    const mapping = type ? ARM_TYPES[type.split("@")[0].toLowerCase()] : undefined;
    const body = resource.attribute("body");
    if (!mapping || !body) continue;
    const value = bodyValue(body.value);
    const attributes = mapAttributes(mapping.attributes, body, value);
    const blocks = (mapping.blocks ?? []).map(
      (block) =>
        new BlockNode(
          block.type,
          [],
          { range: body.range, headerRange: body.nameRange },
          { attributes: mapAttributes(block.attributes, body, value), blocks: [] },
        ),
    );
    const node = new BlockNode(
      resource.type,
      resource.labels,
      { range: resource.range, headerRange: resource.headerRange },
      { attributes, blocks },
    );
    const mapped = new ResourceNode(
      resource.mode,
      mapping.type,
      resource.name,
      resource.module,
      resource.input,
      node,
      resource.instanceKey,
    );
    mapped.addressType = resource.resourceType;
    mapped.existence = resource.existence;
    estate.resources.push(mapped);
  }
  estate.invalidateIndexes();
}

/** AzAPI 1.x takes `body = jsonencode({...})`; 2.x an object. */
function bodyValue(value: Value): Value {
  if (typeof value !== "string") return value;
  try {
    if (excessJsonNesting(value) !== undefined) return new Unknown("body is nested too deeply");
    return JSON.parse(value) as Value;
  } catch {
    return new Unknown("body is not JSON");
  }
}

function mapAttributes(
  mapped: readonly MappedAttribute[],
  body: AttributeNode,
  value: Value,
): Map<string, AttributeNode> {
  const attributes = new Map<string, AttributeNode>();
  for (const { name, path, convert } of mapped) {
    const found = valueAt(value, path);
    if (found === undefined) continue;
    const converted = convert && !isUnknown(found) ? convert(found) : found;
    const range = body.locate(path) ?? body.valueRange;
    attributes.set(name, {
      ...withAttribute(body, { value: converted, range, valueRange: range, nameRange: range, locate: () => range }),
      name,
    });
  }
  return attributes;
}

/** The value at a path, unknown when an enclosing value is, undefined when the body does not set it. */
function valueAt(value: Value, path: readonly string[]): Value | undefined {
  let current: Value = value;
  for (const step of path) {
    if (isUnknown(current)) return current;
    if (!isObject(current) || !(step in current)) return undefined;
    current = current[step];
  }
  return current;
}
