import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-022", {
  fail: [
    {
      file: "fail/main.tf",
      line: 11,
      column: 30,
      resource: "azurerm_api_management.referrals",
      message:
        "API Management azurerm_api_management.referrals enables TLS 1.0 towards clients (frontend_tls10_enabled = true).",
    },
    {
      file: "fail/main.tf",
      line: 12,
      column: 30,
      resource: "azurerm_api_management.referrals",
      message:
        "API Management azurerm_api_management.referrals enables TLS 1.1 towards backends (backend_tls11_enabled = true).",
    },
  ],
});
