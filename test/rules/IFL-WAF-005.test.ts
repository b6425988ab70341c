import { expect, it } from "vitest";
import { describeRule, scanWithRule } from "../support/rule-harness.js";

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
    {
      // Names from variables: its only frontend is public whatever they are.
      file: "fail/main.tf",
      line: 35,
      column: 16,
      resource: "azurerm_application_gateway.module_style",
      message:
        "Application gateway azurerm_application_gateway.module_style has a public frontend but no web application firewall (SKU tier Standard_v2, no firewall policy).",
    },
  ],
});

it("IFL-WAF-005 judges a gateway with an inline WAF configuration whose SKU tier is not known as protected", () => {
  // Compliant: portal (a policy) and inline_waf (an inline configuration). internal and
  // private_listener are not public; which frontend names_from_caller's listener uses is not known.
  expect(scanWithRule("IFL-WAF-005", "pass").passed).toBe(2);
});
