import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, asString, isUnknown } from "../../../src/model/value.js";

/** Storage endpoints are public by default; they must refuse plain HTTP and old TLS. */
export default defineRule({
  meta: {
    id: "IFL-TLS-007",
    name: "azure-storage-account-requires-tls12",
    title: "Azure storage accounts require HTTPS and TLS 1.2 or later",
    severity: "error",
    category: "tls",
    guidance: ["NHS-CLOUD-DATA", "NCSC-TLS"],
    rationale:
      "Storage accounts hold data services depend on and answer on public endpoints. The NHS cloud data guidance makes TLS 1.2 the default for data in transit: `min_tls_version` below TLS1_2, or HTTP traffic allowed, weakens it.",
    remediation: 'Set `min_tls_version = "TLS1_2"` and leave `https_traffic_only_enabled` at true.',
    links: [
      "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account",
    ],
    messages: {
      weakTls: "Storage account {resource} accepts {version}.",
      httpAllowed: "Storage account {resource} accepts plain HTTP ({attribute} = false).",
    },
    resourceTypes: ["azurerm_storage_account"],
    limitations:
      "Unset settings follow the azurerm defaults (TLS1_2 and HTTPS only since provider 3.0). Settings from unknown values are not judged. Static website hosting, SFTP and NFS access paths are not judged.",
  },
  check(context) {
    context.forEachResource("azurerm_storage_account", (account) => {
      let compliant = true;
      const minimum = account.attribute("min_tls_version");
      const version = asString(minimum?.value);
      if (minimum && (version === "TLS1_0" || version === "TLS1_1")) {
        compliant = false;
        context.report({
          node: minimum,
          messageId: "weakTls",
          data: { resource: account.address, version },
          resource: account,
        });
      }
      for (const name of ["https_traffic_only_enabled", "enable_https_traffic_only"]) {
        const attribute = account.attribute(name);
        if (attribute && !isUnknown(attribute.value) && asBoolean(attribute.value) === false) {
          compliant = false;
          context.report({
            node: attribute,
            messageId: "httpAllowed",
            data: { resource: account.address, attribute: name },
            resource: account,
          });
        }
      }
      if (compliant) context.pass(account);
    });
  },
});
