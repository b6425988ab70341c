import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-024", {
  fail: [
    {
      file: "fail/main.tf",
      line: 2,
      column: 1,
      resource: "azurerm_cdn_endpoint.leaflets",
      message:
        "CDN endpoint azurerm_cdn_endpoint.leaflets serves plain HTTP (is_http_allowed is unset; the default is true) with no delivery rule redirecting it to HTTPS.",
    },
    {
      file: "fail/main.tf",
      line: 19,
      column: 25,
      resource: "azurerm_cdn_endpoint.images",
      message:
        "CDN endpoint azurerm_cdn_endpoint.images serves plain HTTP (is_http_allowed = true) with no delivery rule redirecting it to HTTPS.",
    },
    {
      file: "fail/main.tf",
      line: 34,
      column: 26,
      resource: "azurerm_frontdoor.legacy",
      message:
        "Routing rule everything of Front Door azurerm_frontdoor.legacy accepts HTTP and forwards it to the back end instead of redirecting to HTTPS.",
    },
    {
      file: "fail/main.tf",
      line: 47,
      column: 26,
      resource: "azurerm_frontdoor.legacy",
      message:
        "Routing rule #2 (named by local.api_rule_name) of Front Door azurerm_frontdoor.legacy accepts HTTP and forwards it to the back end instead of redirecting to HTTPS.",
    },
  ],
});
