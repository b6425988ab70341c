import { defineRule } from "../../../src/engine/rule.js";
import { frontDoorWafCoverage } from "../../shared/azure.js";
import { coveredElsewhere, linksOf } from "../../shared/untraceable-links.js";

/** Front Door's WAF is attached by security policy, per domain: an endpoint no policy names has none. */
export default defineRule({
  meta: {
    id: "IFL-WAF-013",
    name: "azure-front-door-endpoint-has-waf",
    title: "Azure Front Door endpoints serving routes are covered by a WAF security policy",
    severity: "error",
    category: "waf",
    guidance: ["IF-C1-SEC", "NHS-CLOUD", "IF-CYBER"],
    rationale:
      "Front Door Standard/Premium applies a WAF policy only to the domains a `azurerm_cdn_frontdoor_security_policy` associates with it. An endpoint (or custom domain) that serves routes without one exposes the service to the internet with no web application firewall, which the Internet First policy expects in front of every public service.",
    remediation:
      "Add an `azurerm_cdn_frontdoor_security_policy` with a `firewall` block naming a `azurerm_cdn_frontdoor_firewall_policy` (in Prevention mode, with managed rules) and associate the endpoint and its custom domains in `association.domain`.",
    links: [
      "https://learn.microsoft.com/azure/web-application-firewall/afds/afds-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cdn_frontdoor_security_policy",
    ],
    messages: {
      noWaf:
        "Front Door endpoint {resource} serves {routes} with no WAF security policy covering it or its custom domains.",
    },
    resourceTypes: [
      "azurerm_cdn_frontdoor_endpoint",
      "azurerm_cdn_frontdoor_route",
      "azurerm_cdn_frontdoor_security_policy",
      "azurerm_cdn_frontdoor_custom_domain",
    ],
    limitations:
      "Security policies outside the scan are not seen. A policy that covers only some custom domains of an endpoint counts as covering it. A policy whose domains cannot be traced leaves the endpoints of its root module unjudged; in a root module with no endpoint of its own it makes the findings of the repository's other root modules conditional.",
  },
  check(context) {
    const estate = context.estate;
    const coverage = frontDoorWafCoverage(estate);
    context.forEachResource("azurerm_cdn_frontdoor_endpoint", (endpoint) => {
      const routes = estate.referrers(endpoint, "cdn_frontdoor_endpoint_id", "azurerm_cdn_frontdoor_route");
      if (!routes.length) return;
      const domains = routes.flatMap((route) =>
        estate.referencedResources(route.value("cdn_frontdoor_custom_domain_ids")),
      );
      if (coverage.covers(endpoint) || domains.some(coverage.covers)) return context.pass(endpoint);
      const untraceable = coverage.untraceable(endpoint);
      if (untraceable.unknown) return context.unknown(endpoint, "a security policy's domains cannot be traced");
      context.report({
        node: endpoint,
        messageId: "noWaf",
        data: { resource: endpoint.address, routes: routes.map((route) => route.address).join(", ") },
        conditional: coveredElsewhere({ elsewhere: linksOf(untraceable.elsewhere) }),
      });
    });
  },
});
