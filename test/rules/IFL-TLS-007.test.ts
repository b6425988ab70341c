import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-007", {
  fail: [
    {
      file: "fail/main.tf",
      line: 7,
      column: 32,
      resource: "azurerm_storage_account.documents",
      message: "Storage account azurerm_storage_account.documents accepts TLS1_0.",
    },
    {
      file: "fail/main.tf",
      line: 8,
      column: 32,
      resource: "azurerm_storage_account.documents",
      message:
        "Storage account azurerm_storage_account.documents accepts plain HTTP (https_traffic_only_enabled = false).",
    },
  ],
});
