import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-EXP-010", {
  fail: [
    {
      file: "fail/main.tf",
      line: 7,
      column: 35,
      resource: "azurerm_linux_web_app.rota",
      message:
        "azurerm_linux_web_app.rota is closed to the public network (public_network_access_enabled = false) and nothing in the scan publishes it to the internet, so only private networks reach it.",
    },
    {
      file: "fail/main.tf",
      line: 19,
      column: 26,
      resource: "azurerm_api_management.referrals",
      message:
        'azurerm_api_management.referrals is closed to the public network (virtual_network_type = "Internal") and nothing in the scan publishes it to the internet, so only private networks reach it.',
    },
  ],
});
