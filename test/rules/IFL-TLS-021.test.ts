import { describeRule } from "../support/rule-harness.js";

describeRule("IFL-TLS-021", {
  fail: [
    {
      file: "fail/main.tf",
      line: 6,
      column: 25,
      resource: "azurerm_mssql_server.records",
      message: "azurerm_mssql_server.records allows TLS below 1.2 (minimum_tls_version = 1.0).",
    },
    {
      file: "fail/main.tf",
      line: 16,
      column: 26,
      resource: "azurerm_redis_cache.sessions",
      message: "azurerm_redis_cache.sessions accepts connections without TLS (non_ssl_port_enabled = true).",
    },
    {
      file: "fail/main.tf",
      line: 17,
      column: 26,
      resource: "azurerm_redis_cache.sessions",
      message: "azurerm_redis_cache.sessions allows TLS below 1.2 (minimum_tls_version = 1.1).",
    },
    {
      file: "fail/main.tf",
      line: 23,
      column: 15,
      resource: "azurerm_postgresql_flexible_server_configuration.no_tls",
      message:
        "azurerm_postgresql_flexible_server_configuration.no_tls turns off require_secure_transport, so its server accepts connections without TLS.",
    },
    {
      file: "fail/main.tf",
      line: 30,
      column: 25,
      resource: "azurerm_mysql_flexible_server_configuration.old_tls",
      message:
        "azurerm_mysql_flexible_server_configuration.old_tls allows TLS below 1.2 (tls_version = TLSv1,TLSv1.1,TLSv1.2).",
    },
  ],
});
