import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-008", {
  fail: [
    {
      file: "fail/main.tf",
      line: 21,
      column: 38,
      resource: "azurerm_application_gateway.front",
      message:
        "Listener http of azurerm_application_gateway.front serves HTTP on a public frontend without redirecting to HTTPS.",
    },
    {
      file: "fail/main.tf",
      line: 43,
      column: 19,
      resource: "azurerm_application_gateway.front",
      message:
        "Application gateway azurerm_application_gateway.front uses AppGwSslPolicy20170401, which allows TLS 1.1.",
    },
    {
      // Names from locals outside the scan: still judged, and the listener named by its position and expression.
      file: "fail/names-from-locals.tf",
      line: 23,
      column: 38,
      resource: "azurerm_application_gateway.shared",
      message:
        "Listener #1 (named by local.listener_name) of azurerm_application_gateway.shared serves HTTP on a public frontend without redirecting to HTTPS.",
    },
  ],
});
