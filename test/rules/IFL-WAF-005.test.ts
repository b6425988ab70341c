import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-WAF-005", {
  fail: [
    {
      file: "fail/main.tf",
      line: 8,
      column: 16,
      resource: "azurerm_application_gateway.pacs",
      message:
        "Application gateway azurerm_application_gateway.pacs has a public frontend but no web application firewall (SKU tier Standard_v2, no firewall policy).",
    },
  ],
});
