/**
 * How an Azure container app is reached. External ingress exposes it on its Container Apps
 * environment's inbound address: public, unless the environment runs with an internal load balancer,
 * which has no public endpoint and is reached only from the virtual network (or over Private Link).
 * Internal ingress is reached only from inside the environment. (Microsoft Learn:
 * container-apps/ingress-overview and container-apps/networking.)
 */
import type { Estate } from "../model/estate.js";
import type { ResourceNode } from "../model/nodes.js";
import { asBoolean, isUnknown } from "../model/value.js";

type Reach = "internet-facing" | "private-only" | "unknown";

export function containerAppExposure(estate: Estate, app: ResourceNode): Reach {
  const external = app.blocksOfType("ingress").map((ingress) => ingress.value("external_enabled"));
  if (external.some(isUnknown) || app.blocksOfType("dynamic").some((block) => block.labels[0] === "ingress"))
    return "unknown";
  if (!external.some((value) => asBoolean(value) === true)) return "private-only";
  return environmentReach(estate, app);
}

/**
 * Where an environment's inbound address is reached from. An environment not made in the scan (an
 * id from a variable, a data source, an id written out) may be internal or not: unknown.
 */
function environmentReach(estate: Estate, app: ResourceNode): Reach {
  const environments = estate
    .referencedResources(app.value("container_app_environment_id"))
    .filter((resource) => resource.resourceType === "azurerm_container_app_environment");
  if (!environments.length || environments.some((environment) => environment.mode === "data")) return "unknown";
  const reaches = new Set(
    environments.map((environment): Reach => {
      // The provider defaults internal_load_balancer_enabled to false: a public inbound address.
      const internal = environment.value("internal_load_balancer_enabled");
      if (isUnknown(internal)) return "unknown";
      return asBoolean(internal) === true ? "private-only" : "internet-facing";
    }),
  );
  return reaches.size === 1 ? [...reaches][0] : "unknown";
}
