import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-006", {
  fail: [
    {
      file: "fail/main.tf",
      line: 8,
      column: 15,
      resource: "azurerm_web_application_firewall_policy.portal",
      message:
        "WAF azurerm_web_application_firewall_policy.portal is in Detection mode: it logs attacks but does not block them.",
    },
    {
      file: "fail/main.tf",
      line: 19,
      column: 1,
      resource: "azurerm_cdn_frontdoor_firewall_policy.edge",
      message:
        "WAF policy azurerm_cdn_frontdoor_firewall_policy.edge has no managed rule set, so it blocks only what its custom rules name.",
    },
    {
      file: "fail/main.tf",
      line: 33,
      column: 15,
      resource: "azurerm_web_application_firewall_policy.switched_off",
      message:
        "WAF azurerm_web_application_firewall_policy.switched_off is disabled (enabled = false): it inspects nothing.",
    },
    {
      file: "fail/main.tf",
      line: 49,
      column: 25,
      resource: "azurerm_cdn_frontdoor_firewall_policy.edge_off",
      message: "WAF azurerm_cdn_frontdoor_firewall_policy.edge_off is disabled (enabled = false): it inspects nothing.",
    },
    {
      file: "fail/main.tf",
      line: 73,
      column: 24,
      resource: "azurerm_application_gateway.inline",
      message: "WAF azurerm_application_gateway.inline is in Detection mode: it logs attacks but does not block them.",
    },
    {
      file: "fail/main.tf",
      line: 82,
      column: 25,
      resource: "azurerm_frontdoor_firewall_policy.classic_off",
      message: "WAF azurerm_frontdoor_firewall_policy.classic_off is disabled (enabled = false): it inspects nothing.",
    },
    {
      file: "fail/main.tf",
      line: 93,
      column: 25,
      resource: "azurerm_frontdoor_firewall_policy.classic_detecting",
      message:
        "WAF azurerm_frontdoor_firewall_policy.classic_detecting is in Detection mode: it logs attacks but does not block them.",
    },
  ],
});
