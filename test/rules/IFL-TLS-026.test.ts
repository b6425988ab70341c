import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-026", {
  fail: [
    {
      file: "fail/main.tf",
      line: 10,
      column: 18,
      resource: "azurerm_linux_web_app.booking",
      message: 'App azurerm_linux_web_app.booking accepts plain FTP (ftps_state = "AllAllowed").',
    },
    {
      file: "fail/main.tf",
      line: 20,
      column: 18,
      resource: "azurerm_windows_function_app_slot.staging",
      message: 'App azurerm_windows_function_app_slot.staging accepts plain FTP (ftps_state = "AllAllowed").',
    },
    {
      file: "fail/main.tf",
      line: 34,
      column: 3,
      resource: "azurerm_function_app.results",
      message:
        'App azurerm_function_app.results sets no ftps_state, so the provider default ("AllAllowed") lets it accept plain FTP.',
    },
    {
      file: "fail/main.tf",
      line: 39,
      column: 1,
      resource: "azurerm_logic_app_standard.letters",
      message:
        'App azurerm_logic_app_standard.letters sets no ftps_state, so the provider default ("AllAllowed") lets it accept plain FTP.',
    },
  ],
});
