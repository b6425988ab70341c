import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-023", {
  fail: [
    {
      file: "fail/main.tf",
      line: 19,
      column: 34,
      resource: "azurerm_container_app.booking",
      message:
        "Container app azurerm_container_app.booking serves plain HTTP on its external ingress (allow_insecure_connections = true).",
    },
  ],
});
