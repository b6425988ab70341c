import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";

/** Front Door routes face the internet: plain HTTP must only redirect, and the hop to the origin must be encrypted too. */
export default defineRule({
  meta: {
    id: "IFL-TLS-020",
    name: "azure-front-door-route-serves-https",
    title: "Azure Front Door routes redirect HTTP to HTTPS and reach origins over HTTPS",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      'A Front Door route that accepts `Http` with `https_redirect_enabled = false` serves the service over plain HTTP to anyone on the internet. `forwarding_protocol = "HttpOnly"` sends every request on to the origin unencrypted, across the internet when the origin is public.',
    remediation:
      'Keep `https_redirect_enabled = true` (the default) whenever `supported_protocols` includes "Http", or accept "Https" only; set `forwarding_protocol = "HttpsOnly"`.',
    links: [
      "https://learn.microsoft.com/azure/frontdoor/front-door-route-matching",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cdn_frontdoor_route",
      "https://learn.microsoft.com/azure/frontdoor/standard-premium/tls-policy",
    ],
    messages: {
      servesHttp: "Route {resource} accepts HTTP without redirecting it to HTTPS (https_redirect_enabled = false).",
      plainToOrigin:
        "Route {resource} forwards requests to its origin over plain HTTP (forwarding_protocol = HttpOnly).",
    },
    resourceTypes: ["azurerm_cdn_frontdoor_route"],
    limitations:
      "Rule sets that redirect or rewrite are not evaluated. A custom domain's minimum TLS version (`tls { minimum_tls_version }` in `azurerm_cdn_frontdoor_custom_domain`) is not judged: since 1 March 2025 Azure Front Door negotiates only TLS 1.2 and 1.3, and refuses TLS 1.0 and 1.1 as a minimum (Microsoft Learn, Azure Front Door TLS policy).",
  },
  check(context) {
    context.forEachResource("azurerm_cdn_frontdoor_route", (route) => {
      let failed = false;
      const protocols = route.value("supported_protocols");
      const redirect = route.attribute("https_redirect_enabled");
      if (isUnknown(protocols) || isUnknown(redirect?.value)) context.unknown(route, "protocols or redirect not known");
      else if (
        Array.isArray(protocols) &&
        protocols.some((protocol) => asString(protocol)?.toLowerCase() === "http") &&
        redirect &&
        asBoolean(redirect.value) === false
      ) {
        failed = true;
        context.report({ node: redirect, messageId: "servesHttp", data: { resource: route.address }, resource: route });
      }
      const forwarding = route.attribute("forwarding_protocol");
      if (forwarding && asString(forwarding.value) === "HttpOnly") {
        failed = true;
        context.report({
          node: forwarding,
          messageId: "plainToOrigin",
          data: { resource: route.address },
          resource: route,
        });
      }
      if (!failed && !isUnknown(forwarding?.value)) context.pass(route);
    });
  },
});
