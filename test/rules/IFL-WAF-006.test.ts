import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-006", {
  fail: [
    { file: "fail/main.tf", line: 8, column: 15, resource: "azurerm_web_application_firewall_policy.portal", message: "WAF policy azurerm_web_application_firewall_policy.portal is in Detection mode: it logs attacks but does not block them." },
    { file: "fail/main.tf", line: 11, column: 3, resource: "azurerm_web_application_firewall_policy.portal", message: "WAF policy azurerm_web_application_firewall_policy.portal has no managed rule set, so it blocks only what its custom rules name." },
    { file: "fail/main.tf", line: 20, column: 1, resource: "azurerm_cdn_frontdoor_firewall_policy.edge", message: "WAF policy azurerm_cdn_frontdoor_firewall_policy.edge has no managed rule set, so it blocks only what its custom rules name." },
  ],
});
