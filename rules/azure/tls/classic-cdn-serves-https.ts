import { defineRule } from "../../../src/engine/rule.js";
import type { BlockNode } from "../../../src/model/nodes.js";
import { asBoolean, asString, isUnknown, type Value } from "../../../src/model/value.js";
import { blockLabel } from "../../shared/block-labels.js";

/** Classic Azure CDN endpoints serve HTTP by default; classic Front Door forwards whatever a rule accepts. */
export default defineRule({
  meta: {
    id: "IFL-TLS-024",
    name: "azure-classic-cdn-serves-https",
    title: "Classic Azure CDN endpoints and Front Door (classic) routing rules redirect HTTP to HTTPS",
    severity: "error",
    category: "tls",
    guidance: ["GDS-HTTPS", "NCSC-TLS", "IF-C1-SEC"],
    rationale:
      "An `azurerm_cdn_endpoint` accepts plain HTTP unless `is_http_allowed = false` (the default is true) or a delivery rule redirects it, and a classic `azurerm_frontdoor` routing rule that accepts `Http` and forwards serves the application over plain HTTP. GOV.UK's service manual allows HTTP only to redirect to HTTPS.",
    remediation:
      'For a CDN endpoint, set `is_http_allowed = false` or add a `global_delivery_rule` with `url_redirect_action { redirect_type = "PermanentRedirect"  protocol = "Https" }`. For Front Door (classic), accept only `Https` on forwarding rules and add a rule that accepts `Http` with `redirect_configuration { redirect_protocol = "HttpsOnly" }`; better, move to Front Door Standard/Premium before classic is retired.',
    links: [
      "https://learn.microsoft.com/azure/cdn/cdn-create-endpoint-how-to",
      "https://learn.microsoft.com/azure/frontdoor/front-door-how-to-redirect-https",
      "https://learn.microsoft.com/azure/frontdoor/standard-premium/tls-policy",
    ],
    messages: {
      endpointHttp:
        "CDN endpoint {resource} serves plain HTTP ({reason}) with no delivery rule redirecting it to HTTPS.",
      ruleHttp:
        "Routing rule {rule} of Front Door {resource} accepts HTTP and forwards it to the back end instead of redirecting to HTTPS.",
    },
    resourceTypes: ["azurerm_cdn_endpoint", "azurerm_frontdoor"],
    limitations:
      "A CDN endpoint counts as redirecting when any of its delivery rules has a `url_redirect_action` to HTTPS, whatever its conditions. Routing rules from `dynamic` blocks, and rules engine configurations attached to Front Door (classic), are not read. A custom domain's minimum TLS version (`tls_version` in `azurerm_cdn_endpoint_custom_domain`) is not judged: since 1 March 2025 Azure CDN from Microsoft (classic) and Front Door (classic) accept TLS 1.2 or later whatever it says (Microsoft Learn, Azure Front Door TLS policy), and the Akamai and Edgio (Verizon) CDNs, where it once mattered, were retired on 31 October 2023 and 15 January 2025.",
  },
  check(context) {
    context.forEachResource("azurerm_cdn_endpoint", (endpoint) => {
      const allowed = endpoint.attribute("is_http_allowed");
      if (isUnknown(allowed?.value)) return context.unknown(endpoint, "is_http_allowed not known");
      if (allowed && asBoolean(allowed.value) === false) return context.pass(endpoint);
      const redirect = redirectsToHttps(endpoint);
      if (redirect === "unknown") return context.unknown(endpoint, "delivery rules cannot be read");
      if (redirect) return context.pass(endpoint);
      context.report({
        node: allowed ?? endpoint,
        messageId: "endpointHttp",
        data: {
          resource: endpoint.address,
          reason: allowed ? "is_http_allowed = true" : "is_http_allowed is unset; the default is true",
        },
        resource: endpoint,
      });
    });
    context.forEachResource("azurerm_frontdoor", (frontDoor) => {
      if (frontDoor.blocksOfType("dynamic").some((block) => block.labels[0] === "routing_rule"))
        context.unknown(frontDoor, "routing rules are generated dynamically");
      for (const [index, rule] of frontDoor.blocksOfType("routing_rule").entries()) {
        const protocols = rule.attribute("accepted_protocols");
        if (!protocols || isUnknown(protocols.value) || rule.blocksOfType("dynamic").length) {
          context.unknown(frontDoor, "a routing rule's protocols or configuration cannot be read");
          continue;
        }
        if (acceptsHttp(protocols.value) && rule.blocksOfType("forwarding_configuration").length) {
          context.report({
            node: protocols,
            messageId: "ruleHttp",
            data: { rule: blockLabel(rule, index + 1), resource: frontDoor.address },
            resource: frontDoor,
          });
        } else context.pass(frontDoor);
      }
    });
  },
});

function acceptsHttp(protocols: Value): boolean {
  return Array.isArray(protocols) && protocols.some((protocol) => asString(protocol)?.toLowerCase() === "http");
}

/** Whether a delivery rule redirects to HTTPS: true, false, or "unknown" when rules are generated dynamically. */
function redirectsToHttps(endpoint: BlockNode): boolean | "unknown" {
  if (
    endpoint
      .blocksOfType("dynamic")
      .some((block) => block.labels[0] === "delivery_rule" || block.labels[0] === "global_delivery_rule")
  )
    return "unknown";
  const rules = [...endpoint.blocksOfType("global_delivery_rule"), ...endpoint.blocksOfType("delivery_rule")];
  const protocols = rules
    .flatMap((rule) => rule.blocksOfType("url_redirect_action"))
    .map((action) => action.value("protocol"));
  if (protocols.some((protocol) => asString(protocol)?.toLowerCase() === "https")) return true;
  return protocols.some(isUnknown) ? "unknown" : false;
}
