import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-018", {
  fail: [
    {
      file: "fail/main.tf",
      line: 17,
      column: 3,
      resource: "azurerm_frontdoor.legacy",
      message:
        "Frontend endpoint trust-legacy-fd of Front Door azurerm_frontdoor.legacy has no WAF policy (web_application_firewall_policy_link_id is not set).",
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 3,
      resource: "azurerm_frontdoor.legacy",
      message:
        "Frontend endpoint #2 (named by var.portal_endpoint_name) of Front Door azurerm_frontdoor.legacy has no WAF policy (web_application_firewall_policy_link_id is not set).",
    },
  ],
});
