import { defineRule } from "../../../src/engine/rule.js";
import { asString, isUnknown } from "../../../src/model/value.js";

/** A WAF that only detects lets every attack through; without managed rules it recognises none. */
export default defineRule({
  meta: {
    id: "IFL-WAF-006",
    name: "azure-waf-policy-prevents",
    title: "Azure WAF policies block in Prevention mode with managed rule sets",
    severity: "warning",
    category: "waf",
    guidance: ["IF-CYBER", "NHS-CLOUD"],
    rationale: "Detection mode logs attacks and lets them through; it is for tuning, not for protecting a service on the internet. A policy without a managed rule set (OWASP/DRS, bot protection) blocks only what its custom rules name.",
    remediation: 'Set `mode = "Prevention"` (in `policy_settings` for Application Gateway policies) and add a managed rule set such as `Microsoft_DefaultRuleSet` / OWASP 3.2.',
    links: ["https://learn.microsoft.com/azure/web-application-firewall/ag/create-waf-policy-ag", "https://learn.microsoft.com/azure/web-application-firewall/afds/afds-overview"],
    messages: {
      detection: "WAF policy {resource} is in Detection mode: it logs attacks but does not block them.",
      noManagedRules: "WAF policy {resource} has no managed rule set, so it blocks only what its custom rules name.",
    },
    resourceTypes: ["azurerm_web_application_firewall_policy", "azurerm_cdn_frontdoor_firewall_policy"],
  },
  check(context) {
    context.forEachResource("azurerm_web_application_firewall_policy", (policy) => {
      const mode = policy.firstBlock("policy_settings")?.attribute("mode");
      if (mode && !isUnknown(mode.value) && asString(mode.value) === "Detection") context.report({ node: mode, messageId: "detection", data: { resource: policy.address }, resource: policy });
      const managed = policy.firstBlock("managed_rules");
      if (!managed || !managed.blocksOfType("managed_rule_set").length) context.report({ node: managed ?? policy, messageId: "noManagedRules", data: { resource: policy.address }, resource: policy });
    });
    context.forEachResource("azurerm_cdn_frontdoor_firewall_policy", (policy) => {
      const mode = policy.attribute("mode");
      if (mode && !isUnknown(mode.value) && asString(mode.value) === "Detection") context.report({ node: mode, messageId: "detection", data: { resource: policy.address }, resource: policy });
      if (!policy.blocksOfType("managed_rule").length && !policy.blocksOfType("dynamic").some((block) => block.labels[0] === "managed_rule")) context.report({ node: policy, messageId: "noManagedRules", data: { resource: policy.address } });
    });
  },
});
