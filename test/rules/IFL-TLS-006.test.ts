import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-006", {
  fail: [
    {
      file: "fail/main.tf",
      line: 1,
      column: 1,
      resource: "azurerm_linux_web_app.booking",
      message: "App azurerm_linux_web_app.booking also serves plain HTTP (https_only is unset; the default is false).",
    },
    {
      file: "fail/main.tf",
      line: 8,
      column: 27,
      resource: "azurerm_linux_web_app.booking",
      message: "App azurerm_linux_web_app.booking accepts TLS 1.0; the minimum should be 1.2.",
    },
    {
      file: "fail/main.tf",
      line: 17,
      column: 25,
      resource: "azurerm_windows_web_app.legacy_portal",
      message: "App azurerm_windows_web_app.legacy_portal also serves plain HTTP (https_only is false).",
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 1,
      resource: "azurerm_linux_web_app_slot.booking_staging",
      message:
        "App azurerm_linux_web_app_slot.booking_staging also serves plain HTTP (https_only is unset; the default is false).",
    },
  ],
});
