/**
 * Internet-facing fronts that publish Azure apps: Front Door origins (by host name or Private Link
 * target) and Application Gateway backend pools. What a front names is linked to the app; a front
 * whose origin cannot be traced (a variable, a dynamic backend pool) might name any app of its root.
 */
import type { Estate } from "../../src/model/estate.js";
import type { ResourceNode } from "../../src/model/nodes.js";
import { isObject, isUnknown, type Value } from "../../src/model/value.js";
import { hasDynamic } from "./azure-app-gateway.js";

export interface FrontReferences {
  /** The values through which fronts name their origins. */
  values: Value[];
  /** Fronts with an origin that cannot be traced to a resource in the scan. */
  untraceable: ResourceNode[];
}

/** How the estate's fronts name their origins, found once per estate (rules and the register ask per app). */
export function frontReferences(estate: Estate): FrontReferences {
  return estate.derived(frontReferences, () => findFrontReferences(estate));
}

function findFrontReferences(estate: Estate): FrontReferences {
  const values: Value[] = [];
  const untraceable = new Set<ResourceNode>();
  const add = (front: ResourceNode, value: Value | undefined) => {
    if (value === undefined) return;
    values.push(value);
    if (hasUntraceableUnknown(estate, value)) untraceable.add(front);
  };
  for (const origin of estate.resourcesOfType("azurerm_cdn_frontdoor_origin")) {
    add(origin, origin.value("host_name"));
    for (const link of origin.blocksOfType("private_link")) add(origin, link.value("private_link_target_id"));
  }
  for (const gateway of estate.resourcesOfType("azurerm_application_gateway")) {
    for (const pool of gateway.blocksOfType("backend_address_pool")) {
      add(gateway, pool.value("fqdns"));
      add(gateway, pool.value("ip_addresses"));
    }
    if (hasDynamic(gateway, "backend_address_pool")) untraceable.add(gateway);
  }
  return { values, untraceable: [...untraceable] };
}

/** An unknown anywhere in the value (`fqdns = [var.apim_host]`) that leads to no resource in the scan. */
function hasUntraceableUnknown(estate: Estate, value: Value): boolean {
  if (isUnknown(value)) return !estate.referencedResources(value).length;
  if (Array.isArray(value)) return value.some((item) => hasUntraceableUnknown(estate, item));
  return isObject(value) && Object.values(value).some((item) => hasUntraceableUnknown(estate, item));
}
