import { defineRule, type RuleContext } from "../../../src/engine/rule.js";
import type { AttributeNode, ResourceNode } from "../../../src/model/nodes.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";

/** Values of TLS minimum settings that allow less than TLS 1.2, by resource type and attribute. */
const WEAK_MINIMUMS: Record<string, { attribute: string; weak: readonly string[] }[]> = {
  azurerm_mssql_server: [{ attribute: "minimum_tls_version", weak: ["1.0", "1.1", "disabled"] }],
  azurerm_redis_cache: [{ attribute: "minimum_tls_version", weak: ["1.0", "1.1"] }],
  azurerm_postgresql_server: [
    { attribute: "ssl_minimal_tls_version_enforced", weak: ["tls1_0", "tls1_1", "tlsenforcementdisabled"] },
  ],
  azurerm_mysql_server: [
    { attribute: "ssl_minimal_tls_version_enforced", weak: ["tls1_0", "tls1_1", "tlsenforcementdisabled"] },
  ],
  azurerm_cosmosdb_account: [{ attribute: "minimal_tls_version", weak: ["tls", "tls11"] }],
};

/** Boolean switches that, when set as shown, let clients connect without TLS. */
const PLAINTEXT_SWITCHES: Record<string, { attribute: string; plaintextWhen: boolean }[]> = {
  azurerm_redis_cache: [
    { attribute: "non_ssl_port_enabled", plaintextWhen: true },
    { attribute: "enable_non_ssl_port", plaintextWhen: true },
  ],
  azurerm_postgresql_server: [{ attribute: "ssl_enforcement_enabled", plaintextWhen: false }],
  azurerm_mysql_server: [{ attribute: "ssl_enforcement_enabled", plaintextWhen: false }],
};

const SERVER_PARAMETER_TYPES = [
  "azurerm_postgresql_flexible_server_configuration",
  "azurerm_mysql_flexible_server_configuration",
] as const;

/** Data a public service keeps must be encrypted on the way to it, too (NHS cloud security: data in transit). */
export default defineRule({
  meta: {
    id: "IFL-TLS-021",
    name: "azure-data-services-require-tls",
    title: "Azure SQL, Redis, PostgreSQL, MySQL and Cosmos DB require TLS 1.2 or later",
    severity: "warning",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      "Once services move off the private network, the assumption that traffic to their databases and caches stays on a trusted network goes with it. NHS cloud security guidance asks for data to be protected in transit: data services must refuse unencrypted connections and TLS versions older than 1.2.",
    remediation:
      'Leave `minimum_tls_version` at "1.2" (SQL, Redis) and `ssl_minimal_tls_version_enforced` at "TLS1_2"; keep Redis\'s non-TLS port disabled; do not set the `require_secure_transport` server parameter to OFF.',
    links: [
      "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimal-tls-version",
      "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11",
      "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls",
    ],
    messages: {
      weakMinimum: "{resource} allows TLS below 1.2 ({attribute} = {value}).",
      plaintext: "{resource} accepts connections without TLS ({attribute} = {value}).",
      secureTransportOff:
        "{resource} turns off require_secure_transport, so its server accepts connections without TLS.",
    },
    resourceTypes: [
      ...new Set([...Object.keys(WEAK_MINIMUMS), ...Object.keys(PLAINTEXT_SWITCHES), ...SERVER_PARAMETER_TYPES]),
    ],
    limitations:
      "Settings made outside Terraform (portal, policy) are not seen; provider defaults (TLS 1.2, non-TLS port off) are assumed when an attribute is unset.",
  },
  check(context) {
    context.forEachResource(Object.keys(WEAK_MINIMUMS), (resource) => {
      let failed = false;
      for (const { attribute, weak } of WEAK_MINIMUMS[resource.resourceType] ?? [])
        failed = checkMinimum(context, resource, resource.attribute(attribute), weak) || failed;
      for (const { attribute, plaintextWhen } of PLAINTEXT_SWITCHES[resource.resourceType] ?? []) {
        const node = resource.attribute(attribute);
        if (node && !isUnknown(node.value) && asBoolean(node.value) === plaintextWhen) {
          failed = true;
          context.report({
            node,
            messageId: "plaintext",
            data: { resource: resource.address, attribute, value: String(node.value) },
            resource,
          });
        }
      }
      if (!failed) context.pass(resource);
    });
    context.forEachResource(SERVER_PARAMETER_TYPES, (parameter) => {
      const name = asString(parameter.value("name"))?.toLowerCase();
      const value = parameter.attribute("value");
      if (name === undefined || !value || isUnknown(value.value))
        return context.unknown(parameter, "parameter name or value not known");
      if (name === "require_secure_transport" && asString(value.value)?.toLowerCase() === "off") {
        return context.report({
          node: value,
          messageId: "secureTransportOff",
          data: { resource: parameter.address },
          resource: parameter,
        });
      }
      if (name === "tls_version" || name === "ssl_min_protocol_version") {
        const versions = (asString(value.value) ?? "")
          .toLowerCase()
          .split(",")
          .map((version) => version.trim());
        if (versions.some((version) => version === "tlsv1" || version === "tlsv1.1" || version === "tlsv1.0")) {
          return context.report({
            node: value,
            messageId: "weakMinimum",
            data: { resource: parameter.address, attribute: name, value: String(value.value) },
            resource: parameter,
          });
        }
      }
      context.pass(parameter);
    });
  },
});

function checkMinimum(
  context: RuleContext,
  resource: ResourceNode,
  node: AttributeNode | undefined,
  weak: readonly string[],
): boolean {
  if (!node) return false;
  if (isUnknown(node.value)) {
    context.unknown(resource, `${node.name} not known`);
    return true;
  }
  const value = asString(node.value);
  if (value === undefined || !weak.includes(value.toLowerCase())) return false;
  context.report({
    node,
    messageId: "weakMinimum",
    data: { resource: resource.address, attribute: node.name, value },
    resource,
  });
  return true;
}
