import { defineRule } from "../../../src/engine/rule.js";
import { isUnknown } from "../../../src/model/value.js";
import { blockLabel } from "../../shared/block-labels.js";

/** Front Door (classic) applies a WAF policy per frontend endpoint: one without a link has none. */
export default defineRule({
  meta: {
    id: "IFL-WAF-018",
    name: "azure-classic-front-door-has-waf",
    title: "Front Door (classic) frontend endpoints link a WAF policy",
    severity: "error",
    category: "waf",
    guidance: ["IF-C1-SEC", "NHS-CLOUD", "IF-CYBER"],
    rationale:
      "A classic `azurerm_frontdoor` filters a frontend endpoint's traffic only when the endpoint names a `azurerm_frontdoor_firewall_policy` in `web_application_firewall_policy_link_id`. Without one the service is on the internet with no web application firewall, which the Internet First policy expects in front of every public service.",
    remediation:
      "Set `web_application_firewall_policy_link_id` on each `frontend_endpoint` to a `azurerm_frontdoor_firewall_policy` in Prevention mode with managed rules; better, move to Front Door Standard/Premium (`azurerm_cdn_frontdoor_*`) before classic is retired.",
    links: [
      "https://learn.microsoft.com/azure/web-application-firewall/afds/afds-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/frontdoor",
    ],
    messages: {
      noWaf:
        "Frontend endpoint {endpoint} of Front Door {resource} has no WAF policy (web_application_firewall_policy_link_id is not set).",
    },
    resourceTypes: ["azurerm_frontdoor"],
    limitations:
      "Endpoints from `dynamic` blocks with unknown settings are not judged. Whether the linked policy blocks (enabled, in Prevention mode, with managed rules) is judged by IFL-WAF-006, not here.",
  },
  check(context) {
    context.forEachResource("azurerm_frontdoor", (frontDoor) => {
      if (frontDoor.blocksOfType("dynamic").some((block) => block.labels[0] === "frontend_endpoint"))
        context.unknown(frontDoor, "frontend endpoints are generated dynamically");
      for (const [index, endpoint] of frontDoor.blocksOfType("frontend_endpoint").entries()) {
        const link = endpoint.attribute("web_application_firewall_policy_link_id");
        // A policy's id is computed: a reference to a policy in the scan is a link.
        if (
          context.estate
            .referencedResources(link?.value)
            .some((policy) => policy.resourceType === "azurerm_frontdoor_firewall_policy")
        )
          context.pass(frontDoor);
        else if (isUnknown(link?.value)) context.unknown(frontDoor, "a WAF policy link is not known");
        else if (link && link.value !== null && link.value !== "") context.pass(frontDoor);
        else
          context.report({
            node: link ?? endpoint,
            messageId: "noWaf",
            data: { endpoint: blockLabel(endpoint, index + 1), resource: frontDoor.address },
            resource: frontDoor,
          });
      }
    });
  },
});
