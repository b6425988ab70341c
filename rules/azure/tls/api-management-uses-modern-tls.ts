import { defineRule } from "../../../src/engine/rule.js";
import { asBoolean, isUnknown } from "../../../src/model/value.js";

/** API Management `security` switches that re-enable old protocols (azurerm 4 names, then 3). */
const LEGACY_PROTOCOLS: { attributes: string[]; protocol: string; side: string }[] = [
  { attributes: ["frontend_ssl30_enabled", "enable_frontend_ssl30"], protocol: "SSL 3.0", side: "clients" },
  { attributes: ["frontend_tls10_enabled", "enable_frontend_tls10"], protocol: "TLS 1.0", side: "clients" },
  { attributes: ["frontend_tls11_enabled", "enable_frontend_tls11"], protocol: "TLS 1.1", side: "clients" },
  { attributes: ["backend_ssl30_enabled", "enable_backend_ssl30"], protocol: "SSL 3.0", side: "backends" },
  { attributes: ["backend_tls10_enabled", "enable_backend_tls10"], protocol: "TLS 1.0", side: "backends" },
  { attributes: ["backend_tls11_enabled", "enable_backend_tls11"], protocol: "TLS 1.1", side: "backends" },
];

/** API Management is a public API front: it must not negotiate protocols NCSC deprecates. */
export default defineRule({
  meta: {
    id: "IFL-TLS-022",
    name: "azure-api-management-uses-modern-tls",
    title: "Azure API Management does not enable SSL 3.0, TLS 1.0 or TLS 1.1",
    severity: "error",
    category: "tls",
    guidance: ["NCSC-TLS", "GDS-HTTPS", "IF-C1-SEC"],
    rationale:
      "API Management's `security` block can switch SSL 3.0, TLS 1.0 and TLS 1.1 back on, towards clients or backends. NCSC guidance is TLS 1.2 or later; an API published to the internet that accepts older protocols lets connections be downgraded.",
    remediation: "Remove the switches (they default to false) or set them to false in the `security` block.",
    links: [
      "https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers",
      "https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data",
    ],
    messages: {
      legacyProtocol: "API Management {resource} enables {protocol} towards {side} ({attribute} = true).",
    },
    resourceTypes: ["azurerm_api_management"],
    limitations:
      "Only settings in the `security` block that are explicitly `true` are reported: every legacy protocol is off by default. Custom cipher settings are not judged.",
  },
  check(context) {
    context.forEachResource("azurerm_api_management", (apim) => {
      let failed = false;
      for (const security of apim.blocksOfType("security")) {
        for (const { attributes, protocol, side } of LEGACY_PROTOCOLS) {
          for (const name of attributes) {
            const attribute = security.attribute(name);
            if (!attribute || isUnknown(attribute.value) || asBoolean(attribute.value) !== true) continue;
            failed = true;
            context.report({
              node: attribute,
              messageId: "legacyProtocol",
              data: { resource: apim.address, protocol, side, attribute: name },
              resource: apim,
            });
          }
        }
      }
      if (!failed) context.pass(apim);
    });
  },
});
