import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-020", {
  fail: [
    {
      file: "fail/main.tf",
      line: 8,
      column: 35,
      resource: "azurerm_cdn_frontdoor_route.portal",
      message:
        "Route azurerm_cdn_frontdoor_route.portal accepts HTTP without redirecting it to HTTPS (https_redirect_enabled = false).",
    },
    {
      file: "fail/main.tf",
      line: 9,
      column: 35,
      resource: "azurerm_cdn_frontdoor_route.portal",
      message:
        "Route azurerm_cdn_frontdoor_route.portal forwards requests to its origin over plain HTTP (forwarding_protocol = HttpOnly).",
    },
  ],
});
