import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-013", {
  fail: [
    {
      file: "fail/keyed.tf",
      line: 10,
      column: 1,
      resource: 'azurerm_cdn_frontdoor_endpoint.site["api"]',
      message:
        'Front Door endpoint azurerm_cdn_frontdoor_endpoint.site["api"] serves azurerm_cdn_frontdoor_route.site["api"] with no WAF security policy covering it or its custom domains.',
    },
    {
      file: "fail/main.tf",
      line: 7,
      column: 1,
      resource: "azurerm_cdn_frontdoor_endpoint.portal",
      message:
        "Front Door endpoint azurerm_cdn_frontdoor_endpoint.portal serves azurerm_cdn_frontdoor_route.portal with no WAF security policy covering it or its custom domains.",
    },
  ],
});
