import { defineRule } from "../../../src/engine/rule.js";
import { reachOf } from "../../shared/untraceable-links.js";
import type { ResourceNode } from "../../../src/model/nodes.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";
import { AZURE_WEB_APP_TYPES } from "../../shared/azure.js";
import { frontReferences } from "../../shared/azure-fronts.js";

// Deployment slots are left out: a private staging slot is usually deliberate.
const APP_TYPES = [...AZURE_WEB_APP_TYPES.filter((type) => !type.endsWith("_slot")), "azurerm_api_management"];

/**
 * Closing an app to the public network is right when an internet-facing front (Front Door with
 * Private Link, an Application Gateway) publishes it; without one, only private networks reach it.
 */
export default defineRule({
  meta: {
    id: "IFL-EXP-010",
    name: "azure-private-app-has-internet-front",
    title: "Azure apps closed to the public network are published through an internet-facing front",
    severity: "warning",
    category: "exposure",
    guidance: ["IF-C1-PRIVNET", "IF-C1-HOSTING", "IF-C1-REGISTER"],
    rationale:
      "An App Service app or API Management instance with `public_network_access_enabled = false` (or an API Management instance in an Internal virtual network) answers only on private endpoints or inside its virtual network. That is the right design behind Front Door Premium with Private Link or an Application Gateway. Without such a front, users reach it only over a private network (HSCN, ExpressRoute, VPN): a private-network dependency to record and plan out.",
    remediation:
      "Publish the app through an internet-facing front (Front Door with a Private Link origin, or an Application Gateway with a WAF) or, if it is internal by design, list it under `internalServices` with the reason and record it on the asset register.",
    links: [
      "https://learn.microsoft.com/azure/frontdoor/private-link",
      "https://learn.microsoft.com/azure/api-management/api-management-using-with-internal-vnet",
    ],
    messages: {
      noFront:
        "{resource} is closed to the public network ({setting}) and nothing in the scan publishes it to the internet, so only private networks reach it.",
    },
    resourceTypes: [...APP_TYPES, "azurerm_cdn_frontdoor_origin", "azurerm_application_gateway"],
    limitations:
      "Fronts in other root modules or subscriptions are not seen (a front whose origin cannot be traced leaves the apps of its root module unjudged and makes the findings of the repository's other root modules conditional); `internalServices` in the configuration marks apps that are internal by design. Deployment slots are not judged.",
  },
  check(context) {
    const estate = context.estate;
    const fronts = frontReferences(estate);
    // What the fronts name, found once: asking each front about each app was quadratic.
    let fronted: Set<ResourceNode> | undefined;
    context.forEachResource(APP_TYPES, (app) => {
      const setting = closedSetting(app);
      if (setting === "unknown") return context.unknown(app, "network access not known");
      if (!setting || context.settings.isInternalService(app)) return context.pass(app);
      fronted ??= new Set(fronts.values.flatMap((value) => estate.referencedResources(value)));
      if (fronted.has(app)) return context.pass(app);
      const untraceable = reachOf(fronts.untraceable, app, { verb: "fronts", participle: "fronted" });
      if (untraceable.unknown) return context.unknown(app, "a front's origin cannot be traced");
      context.report({
        node: app.attribute(setting.attribute) ?? app,
        messageId: "noFront",
        data: { resource: app.address, setting: setting.text },
        resource: app,
        conditional: untraceable.conditional,
      });
    });
  },
});

function closedSetting(app: ResourceNode): { attribute: string; text: string } | "unknown" | undefined {
  const access = app.attribute("public_network_access_enabled");
  if (isUnknown(access?.value)) return "unknown";
  // An azapi_resource read as an app says it in ARM's words.
  if (access && asBoolean(access.value) === false)
    return {
      attribute: access.name,
      text:
        app.addressType === "azapi_resource"
          ? 'publicNetworkAccess = "Disabled"'
          : "public_network_access_enabled = false",
    };
  if (app.resourceType === "azurerm_api_management") {
    const network = app.value("virtual_network_type");
    if (isUnknown(network)) return "unknown";
    if (asString(network) === "Internal")
      return { attribute: "virtual_network_type", text: 'virtual_network_type = "Internal"' };
  }
  return undefined;
}
