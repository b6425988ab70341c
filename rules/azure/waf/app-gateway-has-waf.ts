import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";
import { gatewayListensPublicly } from "../../shared/azure-app-gateway.js";

/** A public Application Gateway without the WAF SKU or a firewall policy filters nothing. */
export default defineRule({
  meta: {
    id: "IFL-WAF-005",
    name: "azure-app-gateway-has-waf",
    title: "Public Application Gateways run a web application firewall",
    severity: "error",
    category: "waf",
    guidance: ["IF-CYBER", "IF-C1-SEC", "NHS-CLOUD"],
    rationale:
      "The Internet First cyber guidance asks for a web application firewall on inbound traffic once services leave the private network. An Application Gateway with a public frontend on the Standard SKU, with no firewall policy or WAF configuration, passes every request to the application.",
    remediation:
      'Use `sku { name = "WAF_v2"  tier = "WAF_v2" }` and attach an `azurerm_web_application_firewall_policy` in Prevention mode with managed rule sets via `firewall_policy_id`.',
    links: ["https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview"],
    messages: {
      noWaf:
        "Application gateway {resource} has a public frontend but no web application firewall (SKU tier {tier}, no firewall policy).",
    },
    resourceTypes: ["azurerm_application_gateway"],
    limitations:
      "A gateway is public when a listener uses a frontend IP configuration that has `public_ip_address_id` (a v2 gateway must have a public frontend even when only its private one listens). When every frontend is public, the gateway is public whatever its block names are; names not known here (locals or variables outside the scan) leave it unjudged only when it also has a private frontend they may mean. Frontends from `dynamic` blocks or an unknown SKU tier leave the gateway unjudged. A WAF_v2 tier, a `firewall_policy_id` or an inline `waf_configuration` counts as protection; whether that policy blocks is judged by IFL-WAF-006. Policies on listeners or path rules do not change the verdict: Azure attaches WAF policies only to WAF_v2 gateways, which pass on their tier.",
  },
  check(context) {
    context.forEachResource("azurerm_application_gateway", (gateway) => {
      const listens = gatewayListensPublicly(gateway);
      if (listens === "unknown") return context.unknown(gateway, "which frontends its listeners use is not known");
      if (listens === "no") return;
      const policy = gateway.attribute("firewall_policy_id");
      // A policy or an inline configuration counts as protection on any tier: an unknown tier does not matter then.
      if ((policy !== undefined && policy.value !== null) || gateway.firstBlock("waf_configuration"))
        return context.pass(gateway);
      const tier = gateway.firstBlock("sku")?.attribute("tier");
      if (!tier || isUnknown(tier.value)) return context.unknown(gateway, "SKU tier not known");
      const tierName = asString(tier.value) ?? "";
      if (tierName.startsWith("WAF")) return context.pass(gateway);
      context.report({
        node: tier,
        messageId: "noWaf",
        data: { resource: gateway.address, tier: tierName },
        resource: gateway,
      });
    });
  },
});
